"""Open data: every row of every year's budget and every contribution, with shares, as CSV and
JSON."""
from __future__ import annotations

import csv
import io

from ...formats import exported_share, plain_amount
from ...i18n import t
from ...model import KnowledgeBase
from ...render import Dataset, Renderer, to_json
from .model import DATA_FILES, budgets


def _cell(key: str, value) -> str:
    """A CSV cell: the editorial notes (sentences) joined by a space, other lists by ';'."""
    if isinstance(value, list):
        return (" " if key == "editorial_notes" else ";").join(value)
    return "" if value is None else value


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["year"], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(k, v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def _json(rows: list[dict]) -> bytes:
    """Amounts become JSON numbers (with their cents); empty cells become null."""
    return to_json([{k: (float(v) if k in ("amount", "sum") else v) if v not in ("", []) else None
                     for k, v in row.items()} for row in rows])


def datasets(kb: KnowledgeBase, r: Renderer):
    lines, contributions = [], []
    for b in budgets(kb):
        source = kb.sources[b.source].title.get()
        # The notes the page shows on the amounts (the sign as printed, the number styles) are
        # the knowledge base's words: 'editorial' names the fields that hold such words.
        notes = [n.get() for n in b.editorial_notes]
        where = {"source_id": b.source, "locator": b.located.get() if b.located else None,
                 "printed_sign": "$", "editorial_notes": notes,
                 "editorial": ["editorial_notes"] if notes else []}
        for row in b.rows:
            lines.append({
                "year": int(b.year), "id": row.id, "parent": row.parent, "kind": row.kind,
                "level": row.level, "label_es": row.label.es, "label_en": row.label.en,
                "amount": plain_amount(row.printed), "sum": plain_amount(row.value),
                "share_percent": exported_share(row.share), "url": f"/{b.path}#{row.anchor}",
                "source": source, **where})
        for c in b.contributions:
            contributions.append({
                "year": int(b.year), "country": c.country,
                "country_name": kb.entities[c.country].name.get(), "amount": plain_amount(c.amount),
                "share_percent": exported_share(c.share), "url": f"/{b.path}#{c.anchor}", "source": source,
                **where})
    yield Dataset("budget-lines", t("budget.dataset_lines_title"), t("budget.dataset_lines_desc"),
                  {DATA_FILES[0]: _csv(lines), DATA_FILES[1]: _json(lines)})
    yield Dataset("contributions", t("budget.dataset_contributions_title"),
                  t("budget.dataset_contributions_desc"),
                  {DATA_FILES[2]: _csv(contributions), DATA_FILES[3]: _json(contributions)})
