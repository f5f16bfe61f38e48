"""The one way the engine reads a file: inside the project, never through a symbolic link, never
more than a size limit, and never quoting a refused file's contents in a message.

Data and pages come from pull requests, so a file in data/ or docs/ may be a link to
/proc/self/environ or ~/.ssh/id_rsa. Every read goes through read_bytes() or read_text() here;
scan() refuses every link under a folder before anything in it is read or published.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from pathlib import Path

from .errors import Problems

MAX_BYTES = 2 * 1024 * 1024
# The files read (or, for cached schemas, used) during a build, so that inventory.unread() can
# report every file in data/ that no part of the build reads. None outside recording().
_read: contextvars.ContextVar[set | None] = contextvars.ContextVar("rcmkb_read", default=None)


@contextlib.contextmanager
def recording():
    """Within this block, every file read through this module is noted; yields the set of
    absolute paths."""
    token = _read.set(set())
    try:
        yield _read.get()
    finally:
        _read.reset(token)


def note(path: Path) -> None:
    """Count `path` as read (a file whose content the build uses from a cache)."""
    read = _read.get()
    if read is not None:
        read.add(os.path.abspath(path))   # no data file or page comes near this; the largest is ~30 KB


LINK = ("this is a symbolic link, which the build does not follow (it could publish files from "
        "outside the project). Replace the link with the file or folder itself.")


def project_root(path: Path, rel: str) -> Path:
    """The project folder that `rel` (a path relative to it) is relative to."""
    parts = Path(rel).parts
    return Path(*Path(path).parts[: len(Path(path).parts) - len(parts)]) if parts else Path(path)


def refusal(path: Path, root: Path) -> str | None:
    """Why `path` may not be read (a link, outside `root`, not a regular file); None if it may."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not path.is_relative_to(root):
        return "this file is outside the project folder, so it is not read. Move it into the project."
    # Every step from the project folder down to the file must be a real folder or file.
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return "this file does not exist. Restore it from version control, or remove what refers to it."
        except OSError:
            return "this file cannot be opened. Check its permissions."
        if stat.S_ISLNK(mode):
            return LINK
    if not stat.S_ISREG(mode):
        return "this is not a regular file. Replace it with a plain text file."
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(root))):
        return "this file is outside the project folder, so it is not read. Move it into the project."
    return None


def read_bytes(path: Path, rel: str, problems: Problems, limit: int = MAX_BYTES) -> bytes | None:
    """The file's bytes, or None after reporting why it may not be read. Never follows a link."""
    root = project_root(path, rel)
    note(path)
    why = refusal(path, root)
    if why:
        problems.add(rel, 0, why)
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        problems.add(rel, 0, "this file cannot be opened (it may be a symbolic link or unreadable). "
                             "Replace it with a plain text file.")
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            problems.add(rel, 0, "this is not a regular file. Replace it with a plain text file.")
            return None
        raw = f.read(limit + 1)
    if len(raw) > limit:
        problems.add(rel, 0, f"this file is larger than {limit // (1024 * 1024)} MB, the most the build "
                             "reads. Split it, or check that it is the right file.")
        return None
    return raw


def read_text(path: Path, rel: str, problems: Problems, limit: int = MAX_BYTES) -> str | None:
    """The file's text (UTF-8, a leading byte-order mark dropped), or None after reporting why not."""
    raw = read_bytes(path, rel, problems, limit)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        problems.add(rel, line, "this file is not saved as UTF-8 text. Open it in your editor and "
                                "save it again with the UTF-8 encoding.")
        return None
    return text.removeprefix("\ufeff")


def scan(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """Every regular file under `folder`, sorted; each symbolic link, and anything that is neither
    a folder nor a regular file, is reported instead of being followed."""
    out: list[Path] = []
    folder, root = Path(os.path.abspath(folder)), Path(os.path.abspath(root))
    if not os.path.lexists(folder):
        return out
    why = refusal(folder, root) if Path(folder) != Path(root) else None
    if why and "symbolic link" in why:
        problems.add(Path(os.path.abspath(folder)).relative_to(os.path.abspath(root)).as_posix(), 0, why)
        return out
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                problems.add(rel, 0, LINK)
                if name in dirnames:
                    dirnames.remove(name)
            elif stat.S_ISREG(mode):
                out.append(path)
            elif not stat.S_ISDIR(mode):
                problems.add(rel, 0, "this is not a regular file or folder. Remove it.")
        dirnames.sort()
    return sorted(out)
