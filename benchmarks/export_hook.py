"""An MkDocs hook the benchmarks add after the project's own hooks: it writes out what those hooks
produced (every page's final Markdown, the generated open-data files and the expanded navigation)
so that plain MkDocs can build the same pages with the hooks off. Writes into $RCM_BENCH_EXPORT.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

OUT = Path(os.environ.get("RCM_BENCH_EXPORT", "export"))


# ---------------------------------------------------------------------------------------------
# on_files: the generated files that are not pages (open data), as static files.

def on_files(files, config):
    for file in files:
        if file.generated_by and not file.src_uri.endswith(".md"):
            _write(OUT / "docs" / file.src_uri, file.content_bytes)
    return files


# ---------------------------------------------------------------------------------------------
# on_nav: the navigation after the hooks expanded it from the data.

def on_nav(nav, config, files):
    _write(OUT / "nav.yml", yaml.safe_dump({"nav": config["nav"]}, sort_keys=False,
                                           allow_unicode=True).encode("utf-8"))
    return nav


# ---------------------------------------------------------------------------------------------
# on_page_markdown: each page's Markdown as the project's hooks left it, front matter included.

def on_page_markdown(markdown, page, config, files):
    meta = dict(page.meta)
    head = "---\n" + yaml.safe_dump(meta, sort_keys=True, allow_unicode=True) + "---\n\n" if meta else ""
    _write(OUT / "docs" / page.file.src_uri, (head + markdown).encode("utf-8"))
    return markdown


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
