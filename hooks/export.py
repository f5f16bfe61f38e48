"""MkDocs hook for `make export` (listed after rcm.py in mkdocs.export.yml): writes the site as plain
MkDocs-style sources, so that any engine that reads them can build it without our hooks.

Into $RCM_EXPORT it writes docs/ (the hand-written pages and theme overrides, every generated page
as Markdown with its front matter, exactly as rcm.py hands it to MkDocs, and the open-data files
beside them) and mkdocs.yml (the project's configuration without hooks, with the navigation the
hooks expanded from the data). The benchmarks build the same export to time plain MkDocs.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import yaml

# Top-level keys of mkdocs.yml that only make sense with the hooks (or are replaced below).
DROPPED = ("hooks", "watch", "nav", "edit_uri", "extra")


def _out() -> Path:
    return Path(os.environ.get("RCM_EXPORT", "export")).resolve()


# ---------------------------------------------------------------------------------------------
# on_pre_build: start from a copy of docs/ (overrides and static assets included).

def on_pre_build(config) -> None:
    out = _out()
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    # docs/es/ holds the Spanish twins of the hand-written pages, for mkdocs.es.yml: the export is
    # the English site.
    docs = Path(config.docs_dir)
    ignore = lambda folder, names: [n for n in names if n == "__pycache__" or  # noqa: E731
                                    (Path(folder) == docs and n == "es")]
    shutil.copytree(docs, out / "docs", ignore=ignore)


# ---------------------------------------------------------------------------------------------
# on_files: the generated files that are not pages (open data), as static files.

def on_files(files, config):
    for file in files:
        if file.generated_by and not file.src_uri.endswith(".md"):
            _write(_out() / "docs" / file.src_uri, file.content_bytes)
    return files


# ---------------------------------------------------------------------------------------------
# on_nav: the configuration, with the navigation after the hooks expanded it from the data.

def on_nav(nav, config, files):
    source = Path(config.config_file_path).with_name("mkdocs.yml").read_text("utf-8")
    _write(_out() / "mkdocs.yml", plain_config(source, config["nav"], dict(config["extra"])).encode("utf-8"))
    return nav


def plain_config(source: str, nav: list, extra: dict | None = None) -> str:
    """mkdocs.yml without the top-level keys in DROPPED, and with `nav` appended, and `extra` as
    the hooks left it (the feeds every page advertises, the language switch, each language's
    address, the script's strings). Works on the text, so comments and `!ENV` tags stay as they are."""
    blocks = re.split(r"(?m)^(?=[A-Za-z_])", source)
    kept = [b for b in blocks if b.split(":", 1)[0].strip() not in DROPPED]
    head = ("# Written by `make export` from the project's mkdocs.yml: no hooks, the navigation expanded\n"
            "# from the data. Edit links are off: the generated pages have no source file to edit here.\n")
    return (head + "".join(kept).rstrip() + "\nedit_uri: ''\n\n"
            + (yaml.safe_dump({"extra": extra}, sort_keys=False, allow_unicode=True) if extra else "")
            + yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True))


# ---------------------------------------------------------------------------------------------
# on_page_markdown: each page's Markdown as the project's hooks left it, front matter included.

def on_page_markdown(markdown, page, config, files):
    meta = dict(page.meta)
    head = "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n\n" if meta else ""
    _write(_out() / "docs" / page.file.src_uri, (head + markdown).encode("utf-8"))
    return markdown


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
