"""A content-hash cache of data already read and checked, in <project>/.cache/rcmkb/ (git-ignored).

An entry's key is a hash of everything its value was made from: the bytes of every input file, the
engine's own source code and the versions of Python and of the libraries that read the data. So an
entry is found only when nothing it depends on has changed, and a changed file, schema or engine
simply misses. Only results that raised no problem are stored, so every problem is reported on
every build. An entry that cannot be read back (corrupted, truncated, from another Python) is
ignored and rebuilt. Writes go through a temporary file and an atomic rename, so builds running
side by side never see half an entry. `make clean` removes the folder.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.utils import _PassArg

FORMAT = b"rcmkb-cache-1"
# Every library whose version can change what the engine reads or writes (the cached pages are
# made with all of them).
LIBRARIES = ("pyyaml", "jsonschema", "referencing", "pandas", "jinja2", "markupsafe", "markdown",
             "babel", "roman", "icalendar", "nh3")


@lru_cache(maxsize=None)
def code_version() -> bytes:
    """A hash of the engine's source code (as this process loaded it) and of the libraries' versions."""
    h = hashlib.sha256(FORMAT + sys.version.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".j2") and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            h.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{name}=none\0".encode())
    return h.digest()


def file_hash(path: Path) -> bytes:
    """The hash of a file's bytes, or of a folder's files (names and bytes), or of its absence."""
    h = hashlib.sha256()
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(path).as_posix().encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    elif path.is_file():
        h.update(b"file\0" + path.read_bytes())
    else:
        h.update(b"missing")
    return h.digest()


class Cache:
    def __init__(self, root: Path):
        self.folder = Path(root) / ".cache" / "rcmkb"
        self.hits = self.misses = 0
        self._hashes: dict[Path, bytes] = {}     # within one build, each input is hashed once

    def _hash(self, path: Path) -> bytes:
        if path not in self._hashes:
            self._hashes[path] = file_hash(path)
        return self._hashes[path]

    def key(self, kind: str, inputs: list[Path], extra: bytes = b"") -> str:
        h = hashlib.sha256(code_version() + kind.encode() + b"\0" + extra)
        for path in inputs:
            h.update(str(path).encode() + b"\0" + self._hash(path))
        return h.hexdigest()

    @staticmethod
    def slot(*parts: object) -> str:
        """The file name an entry is kept under: one per input (a data file, a language's pages),
        so that an edit replaces that input's entry and the folder does not grow with every edit."""
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def get(self, key: str, slot: str | None = None):
        """The value stored under `key` (in its `slot`), or None when there is none, when the slot
        holds another key's value, or when it cannot be read."""
        path = self.folder / f"{slot or key}.pickle"
        try:
            with open(path, "rb") as f:
                stored_key, value = pickle.load(f)
            if stored_key != key:
                raise ValueError("an entry under another key")
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:       # corrupted or unreadable: ignore it, and let put() replace it
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value, slot: str | None = None) -> None:
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False, suffix=".tmp") as f:
                temporary = f.name
                pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{slot or key}.pickle")
        except Exception:       # a read-only or full disk, or a value pickle cannot store: only speed is lost
            if temporary:
                Path(temporary).unlink(missing_ok=True)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates in .cache/rcmkb/jinja/, so that a build compiles only the templates
    that changed. Jinja checks each template's source; the key adds the engine's code version (which
    covers the Environment's options), and an unreadable entry is compiled again."""

    def __init__(self, root: Path, folder: str = "jinja", options: Callable[[], bytes] = lambda: b""):
        path = Path(root) / ".cache" / "rcmkb" / folder
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(path))
        self._options, self._options_of = None, options

    def get_cache_key(self, name, filename=None) -> str:
        if self._options is None:     # asked when the first template is loaded, not before
            self._options = self._options_of()
        return hashlib.sha256(code_version() + self._options + super().get_cache_key(name, filename).encode()).hexdigest()

    @classmethod
    def for_environment(cls, root: Path, env, folder: str, packages: tuple[str, ...]) -> "TemplateCache":
        """The cache of another program's Jinja environment (the theme's), whose compiled code
        depends on its options, extensions, filters and tests and on the versions of the packages
        that made it: all of them are in the key, read when the first template is loaded (after
        every plugin has added its filters), beside Jinja's own check of each template's source."""
        def options() -> bytes:
            found = [getattr(env, name) for name in (
                "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                "comment_start_string", "comment_end_string", "line_statement_prefix",
                "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
                "keep_trailing_newline", "optimized")]
            found.append(env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape))
            found.append(sorted(env.extensions))
            # Jinja compiles a call to a filter or test with the context, environment or eval
            # context it asks for: which one each asks for is part of the compiled code.
            for functions in (env.filters, env.tests):
                found.append(sorted((name, str(_PassArg.from_obj(f))) for name, f in functions.items()))
            for name in packages:
                try:
                    found.append(f"{name}={version(name)}")
                except PackageNotFoundError:
                    found.append(f"{name}=none")
            return repr(found).encode()
        return cls(root, folder, options)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:         # a read-only or full disk: only speed is lost
            pass
