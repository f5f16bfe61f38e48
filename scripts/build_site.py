"""Build the whole site, English and Spanish, into one folder: `python scripts/build_site.py DEST`.

Runs `mkdocs build --strict` for mkdocs.yml into DEST and for mkdocs.es.yml into DEST/es, in one
process, so that Python, MkDocs and the engine start once (`make build` calls this, then swaps
DEST in as site/). Prints what MkDocs prints; exits 1 at the first build that fails."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.__main__ import cli

CONFIGS = [("mkdocs.yml", ""), ("mkdocs.es.yml", "es")]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    dest = Path(argv[0])
    for config, sub in CONFIGS:
        try:
            cli.main(["build", "--strict", "--config-file", config, "--site-dir", str(dest / sub)],
                     prog_name="mkdocs", standalone_mode=False)
        except SystemExit as stop:           # click's own errors (bad options)
            return int(stop.code or 1)
        except Exception as error:           # noqa: BLE001 - report as the mkdocs command does
            show = getattr(error, "show", None)
            if show:
                show()
            else:
                print(f"Error: {error}", file=sys.stderr)
            return 1
        finally:
            # Each run adds MkDocs' console handler; keep one build's messages from doubling.
            logger = logging.getLogger("mkdocs")
            for handler in [h for h in logger.handlers if h.name == "MkDocsStreamHandler"]:
                logger.removeHandler(handler)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
