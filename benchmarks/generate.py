"""Writes a copy of the knowledge base (data/, docs/, hooks/, mkdocs.yml) at a multiple of the real
corpus, for the benchmarks. At 1x the copy is the real data, unchanged; at 10x and 50x synthetic
declarations, entities, sources and budget years are added beside the real ones.

Deterministic: the same project, scale and seed always give the same files (the random numbers
come from a seeded generator, never from the clock).

    .venv/bin/python -m benchmarks.generate benchmarks/out/corpus-10x --scale 10 --check
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("data", "docs", "hooks", "mkdocs.yml", "mkdocs.es.yml")

# How big a synthetic corpus is, per unit of scale: 10x is about 30 declarations of 40 decisions.
DECLARATIONS_PER_SCALE = 3
DECISIONS = 40
PREAMBLE = 10
SCALED_KINDS = ("organization", "body", "document", "topic")   # the real countries stay as they are
ENTITY_FILES = {"country": "countries", "organization": "organizations", "body": "bodies",
                "document": "documents", "topic": "topics"}
ACTIONS = ["adopt", "agree", "approve", "congratulate", "consider", "create", "endorse", "express",
           "grant", "instruct", "integrate", "receive", "recognize", "request", "take-as-reference",
           "take-note", "thank", "urge", "welcome"]
VERBS = {"adopt": "Adopt", "agree": "Agree to", "approve": "Approve", "congratulate": "Congratulate",
         "consider": "Consider", "create": "Create", "endorse": "Endorse", "express": "Express",
         "grant": "Grant", "instruct": "Instruct", "integrate": "Integrate", "receive": "Receive",
         "recognize": "Recognize", "request": "Request", "take-as-reference": "Take as reference",
         "take-note": "Take note of", "thank": "Thank", "urge": "Urge", "welcome": "Welcome"}

# Lorem-like English: real words, so stemming and search behave as they do on the real texts.
ADJECTIVES = """regional national bilateral multilateral consular technical operational annual
orderly safe regular humane comprehensive coordinated voluntary temporary permanent urgent
shared joint institutional administrative statistical legal financial social cultural economic
preventive integral inclusive sustainable transparent effective interagency cross-border
intersectoral local municipal consultative strategic thematic extra-regional""".split()
NOUNS = """migration protection cooperation assistance integration reintegration return workers
children adolescents families women refugees borders information statistics registration
guidelines protocols mechanisms networks workshops seminars campaigns policies procedures
training capacities resources budget reports indicators practices dialogue consultation
governance displacement disasters trafficking smuggling asylum labour mobility health
education documentation identity visas consulates shelters communities diaspora remittances
development security rights dignity inclusion xenophobia recruitment employment""".split()
FILLER = """in the framework of the process and with the support of the member countries
to strengthen promote ensure improve follow up on coordinate exchange with a view to while
taking into account the progress made during the previous cycle as well as the needs of
persons in situations of vulnerability along the migration route of origin transit destination
and return through the focal points of each government in close consultation with civil
society and the observer organizations within the available resources""".split()
PLACES = """Alameda Belmonte Carrizal Dolores Esperanza Florida Guadalupe Hermosillo Ixtapa
Jacaranda Laguna Miraflores Naranjal Ocotal Palmares Quebrada Rosario Santa-Ana Tamarindo
Valle-Verde Yerbabuena Zapotal""".split()
ORG_WORDS = ["Institute", "Organization", "Fund", "Commission", "Agency", "Office", "Forum",
             "Observatory", "Council", "Centre"]
BODY_WORDS = ["Ad Hoc Group", "Working Group", "Liaison Officer Network", "Technical Committee",
              "Regional Seminar", "Task Force"]
DOC_WORDS = ["Regional Guidelines", "Action Plan", "Operating Mechanism", "Regional Protocol",
             "Manual", "Strategy", "Framework", "Information Campaign"]


def roman(number: int) -> str:
    """Capital Roman numerals, written with the letters the schema allows (I V X L C)."""
    if not 1 <= number < 400:
        raise ValueError(f"{number} cannot be written with I, V, X, L and C")
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                           (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Copying the project

def copy_project(root: Path, dest: Path) -> Path:
    """A copy of the project's sources, the way tests/conftest.py makes one."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    # Git does not keep empty folders; mkdocs.yml names docs/overrides as the theme's custom_dir.
    (dest / "docs" / "overrides").mkdir(parents=True, exist_ok=True)
    return dest


class _Loader(yaml.SafeLoader):
    """Reads data files the way the engine does as far as we need: dates stay text."""


_Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _parse(text: str):
    return yaml.load(text, Loader=_Loader)


def _load(path: Path):
    return _parse(path.read_text("utf-8"))


def _dump(value) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)


def _append_items(path: Path, items: list[dict], comment: str) -> None:
    """Append list items to a YAML file whose top level is a list (entities, sources)."""
    text = path.read_text("utf-8").rstrip("\n")
    path.write_text(text + f"\n\n# -- {comment} " + "-" * max(0, 90 - len(comment)) + "\n\n"
                    + _dump(items), "utf-8")


# ---------------------------------------------------------------------------------------------
# Synthetic text

class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, n: int) -> str:
        pool = ADJECTIVES + NOUNS + FILLER + FILLER
        return " ".join(self.rng.choice(pool) for _ in range(n))

    def phrase(self) -> str:
        return f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)}"

    def sentence(self, mentions: list[str], lo: int = 12, hi: int = 28) -> str:
        parts = self.words(self.rng.randint(lo, hi)).split()
        for name in mentions:
            parts.insert(self.rng.randint(1, len(parts)), name)
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, mentions: list[str], sentences: tuple[int, int] = (2, 4)) -> str:
        n = self.rng.randint(*sentences)
        per = [[] for _ in range(n)]
        for name in mentions:
            per[self.rng.randrange(n)].append(name)
        return " ".join(self.sentence(m) for m in per)


# ---------------------------------------------------------------------------------------------
# Entities

def _entity_name(rng: random.Random, kind: str, n: int) -> str:
    a, b = rng.choice(ADJECTIVES).capitalize(), rng.choice(NOUNS).capitalize()
    c = rng.choice(NOUNS).capitalize()
    if kind == "organization":
        return f"{a} {rng.choice(ORG_WORDS)} for {b} and {c} {n}"
    if kind == "body":
        return f"{rng.choice(BODY_WORDS)} on {a} {b} {n}"
    if kind == "document":
        return f"{rng.choice(DOC_WORDS)} on {a} {b} and {c} {n}"
    return f"{a} {b} and {c} {n}"


def synthetic_entities(rng: random.Random, real: dict[str, list[dict]], scale: int,
                       source: str) -> dict[str, list[dict]]:
    """About (scale - 1) times the real entities, spread over the kinds as the real ones are."""
    counts = {kind: len(real[kind]) for kind in SCALED_KINDS}
    total_real = sum(len(v) for v in real.values())
    wanted = (scale - 1) * total_real
    base = sum(counts.values()) or 1
    taken = {e["id"] for v in real.values() for e in v}
    acronyms = {a for v in real.values() for e in v for vals in (e.get("acronyms") or {}).values()
                for a in vals}
    out: dict[str, list[dict]] = {k: [] for k in SCALED_KINDS}
    writer = Writer(rng)
    n = 0
    for kind in SCALED_KINDS:
        for _ in range(round(wanted * counts[kind] / base)):
            n += 1
            name = _entity_name(rng, kind, n)
            eid = slug(name)
            while eid in taken:
                eid += "-b"
            taken.add(eid)
            entity = {"id": eid, "kind": kind, "name": {"en": name}}
            if kind in ("organization", "body") and rng.random() < 0.6:
                acronym = "".join(w[0] for w in name.split() if w[0].isupper()) + str(n)
                if acronym not in acronyms:
                    acronyms.add(acronym)
                    entity["acronyms"] = {"en": [acronym]}
            if rng.random() < 0.4:
                entity["description"] = {"en": writer.paragraph([], (1, 3))}
            entity["source"] = source
            entity["locator"] = "whole document"     # every sourced fact says where in its source
            out[kind].append(entity)
    return out


# ---------------------------------------------------------------------------------------------
# Declarations

def synthetic_declarations(rng: random.Random, numbers: list[int], entities: dict[str, list[dict]],
                           popular: list[str], countries: list[str]) -> tuple[list[dict], list[dict]]:
    """(declarations, sources): one source document per declaration, as in reality."""
    writer = Writer(rng)
    by_id = {e["id"]: e for v in entities.values() for e in v}
    named = [e["id"] for k in ("organization", "body", "document") for e in entities[k]]
    orgs = [e["id"] for k in ("organization", "body") for e in entities[k]]
    topics = [e["id"] for e in entities["topic"]]
    declarations, sources = [], []
    done: list[str] = []

    def mention(eid: str) -> str:
        e = by_id[eid]
        acronym = (e.get("acronyms") or {}).get("en")
        return acronym[0] if acronym and rng.random() < 0.5 else (e["name"].get("en") or e["name"]["es"])

    def pick_names(k: int) -> list[str]:
        # Well-known entities (the RCM, the IOM...) are named far more often than the rest.
        out = []
        for _ in range(k):
            out.append(rng.choice(popular) if popular and rng.random() < 0.4 else rng.choice(named))
        return list(dict.fromkeys(out))

    for number in numbers:
        ordinal = roman(number)
        did = ordinal.lower()
        year = 1995 + number
        country = rng.choice(countries)
        source_id = f"{did}-declaration-{year}"
        theme = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} and {writer.phrase()}"
        sources.append({"id": source_id, "title": {"en": f"Declaration of the {ordinal} Regional "
                                                         f"Conference on Migration, “{theme}”"},
                        "kind": "declaration (synthetic, for the benchmarks)", "date": f"{year}-11-17",
                        "language": "English"})
        preamble = []
        for p in range(1, PREAMBLE + 1):
            refs = pick_names(rng.randint(0, 2))
            preamble.append({"number": p, "refers_to": refs,
                             "topics": rng.sample(topics, min(len(topics), rng.randint(0, 2))),
                             "text": {"en": writer.paragraph([mention(r) for r in refs], (3, 5))}})
        decisions = []
        for dn in range(1, DECISIONS + 1):
            refs = pick_names(rng.randint(1, 3))
            actors = list(dict.fromkeys(rng.choice(orgs) for _ in range(rng.randint(0, 2))))
            if done and rng.random() < 0.15:     # a decision following up an earlier one
                refs.append(f"{rng.choice(done)}/{rng.randint(1, DECISIONS)}")
            action = rng.choice(ACTIONS)
            body = writer.paragraph([mention(r) for r in refs + actors if r in by_id], (1, 3))
            text = VERBS[action] + " " + body[0].lower() + body[1:]
            if rng.random() < 0.1:
                items = "\n".join(f"- {writer.sentence([], 6, 14)}" for _ in range(rng.randint(2, 4)))
                text += "\n\n" + items
            decision = {"number": dn, "short_title": {"en": f"{writer.phrase().capitalize()}"},
                        "action": [action], "text": {"en": text}}
            if refs:
                decision["refers_to"] = refs
            if actors:
                decision["actors"] = actors
            decision["topics"] = rng.sample(topics, min(len(topics), rng.randint(1, 2)))
            decisions.append(decision)
        attendees = sorted(rng.sample(countries, max(1, len(countries) - rng.randint(0, 3))))
        declarations.append({
            "id": did, "ordinal": ordinal, "number": number,
            "title": {"en": f"Declaration of the {ordinal} Regional Conference on Migration"},
            "theme": {"en": theme},
            "meeting": {"kind": "vice-ministerial-meeting", "name": {"en": f"{ordinal} Vice-Ministerial Meeting"},
                        "cities": [rng.choice(PLACES).replace("-", " ")], "country": country,
                        "start": f"{year}-11-17", "end": f"{year}-11-18"},
            "attendees": {"countries": attendees},
            "complete": True, "source": source_id, "locator": "whole document",
            "preamble": preamble, "decisions": decisions})
        done.append(did)
    return declarations, sources


def add_statuses(rng: random.Random, entities: dict[str, list[dict]], declarations: list[dict]) -> None:
    """Some synthetic organizations were made observers, and some documents adopted, by a decision."""
    for kind, role in (("organization", "observer"), ("document", "adopted")):
        for e in entities[kind]:
            if declarations and rng.random() < 0.3:
                d = rng.choice(declarations)
                e["statuses"] = [{"role": role, "year": int(d["meeting"]["start"][:4]),
                                  "by": f"{d['id']}/{rng.randint(1, DECISIONS)}"}]


# ---------------------------------------------------------------------------------------------
# Budget years

def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def vary_lines(rng: random.Random, rows: list[dict]) -> list[dict] | None:
    """New amounts for each line; groups, subtotals and the total recomputed so the table still
    adds up. None when the table is not in the shape expected (it is then copied unchanged)."""
    if not rows or not {"id", "parent", "kind", "amount"} <= set(rows[0]):
        return None
    parent = {r["id"]: r["parent"] for r in rows}
    amounts: dict[str, Decimal] = {}
    for r in rows:
        if r["kind"] == "line" and r["amount"]:
            old = Decimal(r["amount"])
            amounts[r["id"]] = (old * Decimal(str(rng.uniform(0.8, 1.3)))).quantize(Decimal("1")) \
                if old else old

    def under(group: str) -> Decimal:
        total = Decimal(0)
        for line, amount in amounts.items():
            p = parent.get(line)
            while p:
                if p == group:
                    total += amount
                    break
                p = parent.get(p)
        return total

    out = []
    for r in rows:
        r = dict(r)
        if r["kind"] == "line" and r["id"] in amounts:
            r["amount"] = _money(amounts[r["id"]])
        elif r["kind"] == "group" and r["amount"]:
            r["amount"] = _money(under(r["id"]))
        elif r["kind"] == "subtotal":
            r["amount"] = _money(under(r["parent"]))
        elif r["kind"] == "total":
            r["amount"] = _money(sum(amounts.values(), Decimal(0)))
        out.append(r)
    return out


def vary_contributions(rows: list[dict], total: Decimal) -> list[dict] | None:
    """The same shares of a new total, in cents; the largest contributor takes the rounding."""
    if not rows or not {"kind", "amount"} <= set(rows[0]):
        return None
    shares = [r for r in rows if r["kind"] == "contribution"]
    old_total = sum((Decimal(r["amount"]) for r in shares), Decimal(0))
    if not shares or not old_total:
        return None
    new = [(Decimal(r["amount"]) * total / old_total).quantize(Decimal("0.01"), ROUND_HALF_UP) for r in shares]
    largest = max(range(len(new)), key=lambda i: new[i])
    new[largest] += total - sum(new, Decimal(0))
    out, k = [], 0
    for r in rows:
        r = dict(r)
        if r["kind"] == "contribution":
            r["amount"] = _money(new[k])
            k += 1
        elif r["kind"] == "total":
            r["amount"] = _money(total)
        out.append(r)
    return out


def _csv(rows: list[dict], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def clone_budget_years(rng: random.Random, data: Path, years: int, declaration_ids: set[str],
                       sources: dict[int, str]) -> list[int]:
    """Copies of the latest real budget year, one per new year, with varied amounts."""
    folder = data / "budget"
    real = sorted(int(p.name) for p in folder.glob("[12][0-9][0-9][0-9]") if p.is_dir()) if folder.exists() else []
    if not real:
        return []
    model, made = folder / str(real[-1]), []
    year = real[-1]
    while len(made) < years - 1:
        year += 1
        if year in real:
            continue
        dest = folder / str(year)
        dest.mkdir()
        approving = roman(year - 1996).lower() if 1 <= year - 1996 < 400 else None
        lines_total = None
        for path in sorted(model.iterdir()):
            text = path.read_text("utf-8")
            if path.name == "lines.csv":
                rows = list(csv.DictReader(io.StringIO(text)))
                varied = vary_lines(rng, rows)
                if varied:
                    text = _csv(varied, list(rows[0]))
                    lines_total = next((Decimal(r["amount"]) for r in varied if r["kind"] == "total"), None)
            (dest / path.name).write_text(text, "utf-8")
        contributions = dest / "contributions.csv"
        if contributions.exists() and lines_total is not None:
            rows = list(csv.DictReader(io.StringIO(contributions.read_text("utf-8"))))
            varied = vary_contributions(rows, lines_total)
            if varied:
                contributions.write_text(_csv(varied, list(rows[0])), "utf-8")
        budget = dest / "budget.yaml"
        if budget.exists():
            text = budget.read_text("utf-8").replace(str(real[-1]), str(year))
            doc = _parse(text)
            header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
            if approving in declaration_ids:
                if "approved_by" in doc:
                    doc["approved_by"] = f"{approving}/3"
                if "decisions" in doc:
                    doc["decisions"] = [f"{approving}/{n}" for n in (4, 5, 6)]
                if "source" in doc and year - 1 in sources:
                    doc["source"] = sources[year - 1]
            else:
                doc.pop("approved_by", None)
                doc.pop("decisions", None)
            budget.write_text(header + _dump(doc), "utf-8")
        made.append(year)
    return made


# ---------------------------------------------------------------------------------------------
# The whole corpus

def generate(dest: Path, scale: int, seed: int = 8, root: Path = ROOT) -> dict:
    """Write the copy at `dest`; return what it holds."""
    copy_project(root, dest)
    data = dest / "data"
    if scale <= 1:
        return count(dest, scale)
    rng = random.Random(f"rcm-kb-benchmarks-{seed}-{scale}")
    real = {kind: _load(data / "entities" / f"{name}.yaml") or [] for kind, name in ENTITY_FILES.items()}
    real_numbers = {_load(p)["number"] for p in (data / "declarations").glob("*.yaml")}
    sources_path = data / "sources.yaml"
    source_id = (_load(sources_path) or [{}])[0].get("id")

    synthetic = synthetic_entities(rng, real, scale, source_id)
    every = {k: real[k] + synthetic.get(k, []) for k in ENTITY_FILES}
    wanted = DECLARATIONS_PER_SCALE * scale - len(real_numbers)
    start = max(real_numbers, default=0) + 1
    numbers = [n for n in range(start, start + wanted + len(real_numbers)) if n not in real_numbers][:wanted]
    popular = [e["id"] for k in ("organization", "body", "document") for e in real[k]]
    countries = [e["id"] for e in real["country"]]
    declarations, sources = synthetic_declarations(rng, numbers, every, popular, countries)
    add_statuses(rng, synthetic, declarations)

    for kind in SCALED_KINDS:
        _append_items(data / "entities" / f"{ENTITY_FILES[kind]}.yaml", synthetic[kind],
                      "Synthetic entities for the benchmarks")
    # The engine wants each source's transcription: the synthetic ones name a real source's file.
    real_file = next((s["file"] for s in _load(sources_path) or [] if s.get("file")), None)
    for source in sources:
        if real_file:
            source.setdefault("file", real_file)
    _append_items(sources_path, sources, "Synthetic sources for the benchmarks")
    for d in declarations:
        (data / "declarations" / f"{d['id']}.yaml").write_text(
            "# yaml-language-server: $schema=../schemas/declaration.schema.json\n"
            "# Synthetic declaration written by benchmarks/generate.py.\n" + _dump(d), "utf-8")
    by_year = {int(s["date"][:4]): s["id"] for s in sources}
    clone_budget_years(rng, data, scale, {d["id"] for d in declarations}, by_year)
    return count(dest, scale)


def count(dest: Path, scale: int) -> dict:
    """What the copy holds."""
    data = dest / "data"
    declarations = [_load(p) for p in sorted((data / "declarations").glob("*.yaml"))]
    entities = sum(len(_load(data / "entities" / f"{name}.yaml") or []) for name in ENTITY_FILES.values())
    years = [p for p in (data / "budget").glob("[12][0-9][0-9][0-9]")] if (data / "budget").exists() else []
    return {"scale": scale, "declarations": len(declarations),
            "decisions": sum(len(d.get("decisions") or []) for d in declarations),
            "entities": entities, "budget_years": len(years)}


def check(dest: Path) -> None:
    """Run the real validation and a strict build on the copy; raise if either fails."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
               PYTHONHASHSEED="0", PYTHONPATH=str(dest / "hooks"))
    for cmd in ([sys.executable, "-m", "rcmkb", "check", "--root", str(dest)],
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                 str(dest / "site")]):
        result = subprocess.run(cmd, cwd=dest, env=env, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"{' '.join(cmd[2:4])} failed on {dest}:\n{result.stdout}{result.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the folder to write the copy into (replaced)")
    parser.add_argument("--scale", type=int, default=1, help="1 (the real data), 10, 50...")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to copy")
    parser.add_argument("--check", action="store_true",
                        help="then run `python -m rcmkb check` and `mkdocs build --strict` on the copy")
    args = parser.parse_args(argv)
    summary = generate(args.dest, args.scale, args.seed, args.root)
    print(", ".join(f"{k}: {v}" for k, v in summary.items()))
    if args.check:
        check(args.dest)
        print(f"{args.dest}: the data is valid and the site builds with --strict.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
