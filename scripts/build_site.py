"""Build the whole site, English and Spanish, into one folder: `python scripts/build_site.py DEST`.

Runs `mkdocs build --strict` for mkdocs.yml into DEST and for mkdocs.es.yml into DEST/es. Python,
MkDocs, the theme and the engine are loaded once; then, where the system can fork (Linux, macOS),
the two languages are built at the same time, the Spanish one in a child process, into a folder
beside DEST that moves into DEST/es once both builds have succeeded (the English build empties
DEST first). `--one-at-a-time` builds them one after the other instead. Each build's messages
are printed when it is done, the English build's first, never interleaved; when the English build
fails, only its messages are printed (a problem in the data stops both builds with the same report,
and what stops the Spanish build alone shows once the English one builds).

`make build` calls this, then swaps DEST in as site/. Exits 1 when a build fails, after printing
what MkDocs printed; DEST is then not complete, and `make build` leaves site/ as it was."""
from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from mkdocs.__main__ import cli
from mkdocs.config import load_config

CONFIGS = [("mkdocs.yml", ""), ("mkdocs.es.yml", "es")]


def build(config: str, site_dir: Path) -> int:
    """One `mkdocs build --strict`, as the command runs it; 0 when it succeeded."""
    try:
        cli.main(["build", "--strict", "--config-file", config, "--site-dir", str(site_dir)],
                 prog_name="mkdocs", standalone_mode=False)
        return 0
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


def one_at_a_time(dest: Path) -> int:
    for config, sub in CONFIGS:
        if build(config, dest / sub):
            return 1
    return 0


def _into(file, run) -> int:
    """run() with this process's stdout and stderr written to `file`."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    os.dup2(file.fileno(), 1)
    os.dup2(file.fileno(), 2)
    try:
        return run()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def side_by_side(dest: Path) -> int:
    (english, _), (spanish, sub) = CONFIGS
    # Import what both builds use (MkDocs, the theme, the plugins, the hooks and the engine) once.
    # Quietly: each build loads its configuration again, and reports what is wrong with it.
    logging.disable(logging.CRITICAL)
    try:
        load_config(english)
    except Exception:                    # noqa: BLE001 - the English build reports it
        pass
    finally:
        logging.disable(logging.NOTSET)
    beside = dest.with_name(dest.name + f".{sub}-new")
    shutil.rmtree(beside, ignore_errors=True)
    with tempfile.TemporaryFile("w+b") as english_log, tempfile.TemporaryFile("w+b") as spanish_log:
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:                   # the Spanish build
            code = 1
            try:
                code = _into(spanish_log, lambda: build(spanish, beside))
            finally:
                os._exit(code)
        status = None
        try:
            english_code = _into(english_log, lambda: build(english, dest))
            _, status = os.waitpid(child, 0)
        finally:
            if status is None:           # interrupted (Ctrl-C): stop the Spanish build too
                os.kill(child, signal.SIGTERM)
                os.waitpid(child, 0)
                shutil.rmtree(beside, ignore_errors=True)
        spanish_code = os.waitstatus_to_exitcode(status)
        english_log.seek(0)
        spanish_log.seek(0)
        sys.stderr.write(english_log.read().decode("utf-8", "replace"))
        # A problem in the data, or the placeholder address, stops both builds with the same
        # report: when the English build failed, its report is the one to act on.
        if not english_code:
            sys.stderr.write(spanish_log.read().decode("utf-8", "replace"))
        sys.stderr.flush()
    if english_code or spanish_code:
        shutil.rmtree(beside, ignore_errors=True)
        return 1
    shutil.rmtree(dest / sub, ignore_errors=True)
    beside.rename(dest / sub)
    return 0


def main(argv: list[str]) -> int:
    serial = "--one-at-a-time" in argv
    args = [a for a in argv if a != "--one-at-a-time"]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    dest = Path(args[0])
    if serial or not hasattr(os, "fork"):
        return one_at_a_time(dest)
    return side_by_side(dest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
