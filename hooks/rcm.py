"""MkDocs adapter for the knowledge-base engine in rcmkb/: loads the data before anything is
written, adds the generated pages and open data in memory, and resolves rcm: references.

One adapter serves both languages: `theme.language` in the configuration decides (mkdocs.yml is
English; mkdocs.es.yml inherits it and builds the Spanish site into site/es/). Hand-written pages
have their Spanish twins in docs/es/, served at the same paths under /es/. The open data is
written by the English build only; the Spanish pages link to it.

Everything else (loading, validation, models, rendering) lives in rcmkb and knows nothing of MkDocs.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from rcmkb import citation, csp, i18n, provenance, references, safefs, site
from rcmkb.cache import TemplateCache
from rcmkb.errors import DataError, Problems
from rcmkb.markup import escaped, sanitize
from rcmkb.render import relative, serve_banner

_build: site.Build | None = None
log = logging.getLogger("mkdocs.hooks.rcm")
_serving = False                  # under `mkdocs serve`, which keeps the last good build on show
_last_good: site.Build | None = None
_serve_error: DataError | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


_lang = "en"
_base = "/"          # the English site's address; the Spanish site is at _base + "es/"
TWINS = "es/"        # docs/es/ holds the Spanish twins of the hand-written pages


# ---------------------------------------------------------------------------------------------
# on_config: the language of this build, its address, and the theme's view of both languages.

def on_config(config):
    global _lang, _base
    _lang = config.theme["language"]
    if _lang not in i18n.LANGUAGES:
        raise PluginError(f"theme.language is '{_lang}', but the site is built only in "
                          f"{' and '.join(i18n.LANGUAGES)}: set it to one of them.")
    _base = config.site_url or "/"
    if not _base.endswith("/"):
        _base += "/"
    if _lang != "en" and _base.endswith(f"/{_lang}/"):
        # Given the Spanish address itself (`make serve LANG=es`, so that MkDocs serves at /es/):
        # the English site is the folder above it.
        _base = _base[: -len(_lang) - 1]
    if _lang != "en":
        # mkdocs.es.yml inherits the English address; the Spanish site lives below it.
        config.site_url = _base + _lang + "/"
        for key in ("site_name", "site_description", "copyright"):
            config[key] = i18n.t(f"config.{key}", _lang)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = i18n.t("config.permalink_title", _lang)
        _translate_nav(config["nav"])
    # The language switch (Material's extra.alternate: each language's home) and each language's
    # address; the theme overrides point them at the page's twin (docs/overrides/).
    config.extra["alternate"] = [{"name": i18n.t("language.name", lang), "lang": lang,
                                  "link": _base + i18n.root(lang)}
                                 for lang in i18n.LANGUAGES]
    config.extra["rcm_sites"] = [{"lang": lang, "url": _base + i18n.root(lang)}
                                 for lang in i18n.LANGUAGES]
    config.extra["rcm_made_with"] = i18n.t("config.made_with", _lang)
    config.extra["rcm_strings"] = {k[3:]: v for k, v in i18n.strings(_lang).items() if k.startswith("js.")}
    return config


def _translate_nav(nav: list) -> None:
    """Navigation titles in mkdocs.yml are English; each is the key nav.<title> in i18n/."""
    for i, entry in enumerate(nav or []):
        if isinstance(entry, dict):
            (title, value), = entry.items()
            if isinstance(value, list):
                _translate_nav(value)
            try:
                nav[i] = {i18n.t(f"nav.{title}", _lang): value}
            except KeyError:
                raise PluginError(f"mkdocs.yml: the navigation title '{title}' has no translation: "
                                  f"add 'nav.{title}' to hooks/rcmkb/i18n/*.yaml.") from None


# ---------------------------------------------------------------------------------------------
# on_pre_build: load and check all data; fail before MkDocs cleans the site folder. Under `serve`,
# a broken edit after a good build keeps the good build on show, with the problems on every page.

def on_pre_build(config) -> None:
    global _build, _last_good, _serve_error
    root = Path(config.config_file_path).parent
    # `make build` publishes: citations must name the public address, not mkdocs.yml's placeholder.
    if os.environ.get("RCM_PUBLISH") and not _serving:
        problem = citation.site_url_problem(config.site_url)
        if problem:
            raise PluginError(problem)
    try:
        _build = _last_good = site.build(root, Path(config.docs_dir), site_url=config.site_url or "/",
                                         lang=_lang)
        _serve_error = None
    except DataError as error:
        if _serving and _last_good is not None:
            _build, _serve_error = _last_good, error
            return
        _build = None
        raise PluginError(error.report()) from None
    # Every page advertises the feeds (docs/overrides/main.html reads this).
    # The feeds are written once, under the English site's /data/ (main.html links each language to it).
    config.extra["rcm_feeds"] = [{"title": title, "path": path} for title, path in _build.feeds]
    # The light/dark toggle's names (docs/overrides/partials/palette.html), in the build's language.
    config.extra["rcm_palette"] = {option["scheme"]: i18n.t(f"palette.{option['scheme']}",
                                                           config.theme.get("language", "en"))
                                   for option in config.theme.get("palette") or [] if "toggle" in option}


def _with_serve_banner(output: str) -> str:
    """Under `serve`, after a broken edit: the problems at the top of every page."""
    if _serve_error is None:
        return output
    banner = serve_banner(_serve_error.problems)
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + banner, output, count=1)


def on_post_build(config) -> None:
    if _serve_error is not None:   # last in the terminal, after the build's own lines
        print("\n" + _serve_error.report("Your last change was not built: the browser keeps showing "
                                          "the last good build. ") + "\n", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# on_files: generated pages and open-data files, in memory; edit links point at their data.

_titles: dict[str, str] = {}     # a generated page's source path -> its title, as plain text
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml's, where PyYAML has it


def on_files(files: Files, config) -> Files:
    _hand_written_twins(files, config)
    _titles.clear()
    for page in _build.pages:
        _titles[page.src_uri] = page.title
        content = page.markdown
        if page.meta:
            content = "---\n" + yaml.dump(page.meta, Dumper=_DUMPER, sort_keys=True) + "---\n\n" + content
        file = File.generated(config, page.src_uri, content=content)
        # No edit pencil on a generated page: the public cannot act on it there. Its footer
        # links to the data it is built from instead (the engine's footer, below).
        file.edit_uri = None
        if files.get_file_from_path(page.src_uri):
            files.remove(files.get_file_from_path(page.src_uri))
        files.append(file)
    if _lang == "en":   # the open data is published once, at /data/, for both languages
        for dataset in _build.datasets:
            for name, content in dataset.files.items():
                files.append(File.generated(config, f"data/{name}", content=content))
    _expand_nav(config["nav"])
    _outside_nav(files, set(_nav_pages(config["nav"])))
    if not _serving:
        # MkDocs holds every page's Markdown from here on: let the engine's copy go (under `serve`
        # the last good build is kept whole, to show it again after a broken edit).
        _build.pages.clear()
    return files


def _nav_pages(nav):
    for entry in nav or []:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _nav_pages(value)
        else:
            yield value


def _outside_nav(files: Files, listed: set[str]) -> None:
    """Generated pages the navigation does not list (an entity's page is reached from its kind's
    page) are left out of it on purpose: say so once, instead of MkDocs listing each of them."""
    folders: dict[str, int] = {}
    for file in files.documentation_pages():
        if file.generated_by and file.src_uri not in listed:
            file.inclusion = InclusionLevel.NOT_IN_NAV
            folder = file.src_uri.split("/", 1)[0] + "/"
            folders[folder] = folders.get(folder, 0) + 1
    if folders:
        log.info(f"{sum(folders.values())} generated pages are outside the navigation on purpose, each "
                 "listed on its folder's page: " + ", ".join(f"{f} ({n})" for f, n in sorted(folders.items())))


def _hand_written_twins(files: Files, config) -> None:
    """English: leave docs/es/ out. Spanish: each page in docs/ is replaced by its twin in docs/es/,
    at the same path, so that relative links work alike in both; a page without a twin stops the
    build."""
    twins = {f.src_uri[len(TWINS):]: f for f in files if f.src_uri.startswith(TWINS)}
    for f in twins.values():
        files.remove(f)
    if _lang == "en":
        return
    missing = []
    for f in [f for f in files if f.is_documentation_page()]:
        twin = twins.pop(f.src_uri, None)
        if twin is None:
            missing.append(f.src_uri)
            continue
        files.remove(f)
        spanish = File(f.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        spanish.abs_src_path = twin.abs_src_path
        spanish.edit_uri = TWINS + f.src_uri
        files.append(spanish)
    if missing or twins:
        lines = [f"docs/{uri} has no Spanish twin: write docs/{TWINS}{uri} (same path, same "
                 "headings' ids)." for uri in missing]
        lines += [f"docs/{TWINS}{uri} is the twin of docs/{uri}, which does not exist: move or "
                  "delete it." for uri in twins]
        raise PluginError("\n".join(lines))


def _expand_nav(nav: list) -> None:
    """Replace a nav entry like `Declarations: declarations/index.md` with the section the data gives."""
    for i, entry in enumerate(nav or []):
        if not isinstance(entry, dict):
            continue
        (title, value), = entry.items()
        if isinstance(value, list):
            _expand_nav(value)
        elif value in _build.nav:
            nav[i] = {title: _nav_items(_build.nav[value])}


def _nav_items(items: list) -> list:
    """[(title, page or [(title, page)...])] -> MkDocs' nav entries; a list is a group.
    The theme prints navigation titles as HTML: data reaches it escaped, as plain text."""
    return [{str(escape(t)): uri if isinstance(uri, str) else _nav_items(uri)} for t, uri in items]


# ---------------------------------------------------------------------------------------------
# on_page_markdown: rcm: references in hand-written pages become checked links, and the citation
# of the whole knowledge base goes where a page asks for it.

CITE_DATASET = "<!-- rcm:cite-the-knowledge-base -->"


def _source_file(page, config) -> str | None:
    """A hand-written page's Markdown file, relative to the project (None for a generated page)."""
    if page.file.generated_by or not page.file.abs_src_path:
        return None
    try:
        return Path(page.file.abs_src_path).resolve().relative_to(
            Path(config.config_file_path).resolve().parent).as_posix()
    except ValueError:
        return None


def on_page_markdown(markdown: str, page, config, files) -> str:
    # The rcm_* keys are the engine's own, which a hand-written page's front matter cannot supply.
    if not page.file.generated_by:
        for key in [k for k in page.meta if str(k).startswith("rcm_")]:
            del page.meta[key]
    # Citation and OpenGraph <meta> tags, from the page's title and its first paragraph. They travel
    # in the page's metadata (docs/overrides/main.html prints them), so `make export` keeps them.
    title = config.site_name if page.is_homepage else _titles.get(page.file.src_uri) or page.title
    description = page.meta.get("description") if isinstance(page.meta.get("description"), str) else None
    page.meta["rcm_head"] = _build.head(page.url, title, description or citation.summary(markdown)
                                        or config.site_description or "", config.site_name)
    # The theme prints front-matter values as HTML (title, description, author, subtitle, ...),
    # unescaped: give it every string as escaped text (the rcm_* keys are the engine's HTML).
    for key, value in list(page.meta.items()):
        if not str(key).startswith("rcm_"):
            page.meta[key] = escaped(value)
    # The footer names the licence of what is on the page and the build it is from. It travels in
    # the page's metadata, so that `make export` carries it to engines that run no hooks.
    page.meta["rcm_footer"] = _build.footer(page.url, config.repo_url, config.edit_uri,
                                            _source_file(page, config))
    # A printed page names its address and build at the top (docs/overrides/main.html).
    page.meta["rcm_print"] = _build.print_header(page.url)
    if page.file.generated_by:
        return markdown
    path = references.url_path(page.file.src_uri)
    with i18n.language(_lang):
        # Every page ends with its sources: here, those of what its rcm: references point at.
        closing = provenance.doc_sources_markdown(_build.index, provenance.of_doc(_build.index, markdown),
                                                  path, relative)
        if CITE_DATASET in markdown:
            markdown = markdown.replace(CITE_DATASET, _build.cite_dataset(path))
        if "rcm:" in markdown:
            markdown = references.rewrite(markdown, path, _build.index, relative)
    if closing:
        markdown = markdown.rstrip("\n") + "\n\n" + closing
    # Acronyms in hand-written pages expand on hover, like those in the data (no tab stop each).
    return markdown + "\n\n" + _build.abbreviations + "\n"


# ---------------------------------------------------------------------------------------------
# Untrusted input: pages are read through the engine's safe reader, every page's HTML passes the
# sanitizer, titles reach the theme as escaped text, and every page carries a CSP.

def on_page_read_source(page, config) -> str | None:
    if page.file.generated_by or not page.file.abs_src_path:
        return None
    problems = Problems()
    root = Path(config.config_file_path).parent
    path = Path(page.file.abs_src_path)
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else page.file.src_uri
    text = safefs.read_text(path, rel, problems)
    if text is None:
        raise PluginError(DataError(problems.items).report())
    return text


def on_env(env, config, files):
    # Material writes `page.title | striptags` into <title>; Jinja's striptags also unescapes,
    # which would turn a title's &lt;script&gt; back into a live element. Strip, then escape again.
    env.filters["striptags"] = lambda value: escape(Markup(str(value)).striptags())
    # The theme's templates are compiled once and kept in .cache/, like the engine's own: MkDocs
    # compiles them again in every build, every `serve` rebuild and each language's build.
    env.bytecode_cache = TemplateCache.for_environment(Path(config.config_file_path).parent, env, "theme",
                                                       ("mkdocs", "mkdocs-material"))
    return env


def on_page_content(html: str, page, config, files) -> str:
    return sanitize(html)


def on_post_page(output: str, page, config) -> str:
    return csp.protect(_with_serve_banner(output))


def on_post_template(output: str, template_name: str, config) -> str:
    return csp.protect(output) if template_name.endswith(".html") else output

