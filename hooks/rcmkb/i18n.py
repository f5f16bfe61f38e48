"""Interface strings, one file per language (i18n/en.yaml, i18n/es.yaml, the same keys), and the
language a build is rendering in. Both sites are built from one engine: `language("es")` around a
build makes every t() and Text.get() answer in Spanish, falling back to English where data has
no Spanish."""
from __future__ import annotations

import contextlib
import contextvars
from functools import lru_cache
from pathlib import Path

import yaml

_FOLDER = Path(__file__).parent / "i18n"
LANGUAGES = ("en", "es")
# CLDR locales for numbers, dates and country names: Latin American Spanish for the Spanish site.
LOCALES = {"en": "en", "es": "es_419"}
_current: contextvars.ContextVar[str] = contextvars.ContextVar("rcmkb_language", default="en")


def root(lang: str) -> str:
    """Where a language's site sits below the English one: '' for English, 'es/' for Spanish."""
    return "" if lang == LANGUAGES[0] else lang + "/"


def current() -> str:
    """The language being rendered: 'en' unless inside `with language(...)`."""
    return _current.get()


@contextlib.contextmanager
def language(lang: str):
    """Render in `lang` inside the block."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language '{lang}'; the site is built in {', '.join(LANGUAGES)}")
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


@lru_cache(maxsize=None)
def strings(lang: str = "en") -> dict[str, str]:
    # The engine's own files, not data: read with libyaml's safe loader where PyYAML has it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((_FOLDER / f"{lang}.yaml").read_text("utf-8"), Loader=loader)  # noqa: S506 - a safe loader


def t(key: str, lang: str | None = None, **values) -> str:
    """The interface string `key` in `lang` (default: the current language), {placeholders} filled."""
    lang = lang or current()
    text = strings(lang).get(key)
    if text is None:
        raise KeyError(f"interface string '{key}' is missing from i18n/{lang}.yaml")
    return text.format(**values) if values else text
