"""The /data/ page: every dataset the site publishes, with its files."""
from __future__ import annotations

from .i18n import t
from .render import Dataset, Page, Renderer


def page(r: Renderer, datasets: list[Dataset]) -> Page:
    return r.page("data.md.j2", "data/", t("page.data"), edit="data/", data=["data/"], datasets=datasets,
                  sources=list(r.kb.sources))
