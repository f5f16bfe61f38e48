"""Interface strings, kept in one file per language (i18n/en.yaml) so that a Spanish site is one
more file, not a code change."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_FOLDER = Path(__file__).parent / "i18n"


@lru_cache(maxsize=None)
def strings(lang: str = "en") -> dict[str, str]:
    return yaml.safe_load((_FOLDER / f"{lang}.yaml").read_text("utf-8"))


def t(key: str, lang: str = "en", **values) -> str:
    """The interface string `key`, with {placeholders} filled in."""
    text = strings(lang).get(key)
    if text is None:
        raise KeyError(f"interface string '{key}' is missing from i18n/{lang}.yaml")
    return text.format(**values) if values else text
