"""What every domain loader gets: the project root, a problem collector, and a way to read a
YAML file already checked against its schema."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import safefs, validate, yamlio
from .cache import Cache
from .errors import Problems
from .model import Origin


@dataclass
class LoadContext:
    root: Path
    problems: Problems = field(default_factory=Problems)
    unread: set[str] = field(default_factory=set)   # files that could not be read as a whole
    cache: Cache | None = None      # set by site.load; None reads everything afresh
    # Per build: each cache input's files and whether they may be read (the schemas folder is an
    # input of every YAML file; it is listed and checked once).
    _files: dict = field(default_factory=dict, repr=False)
    _safe_inputs: dict = field(default_factory=dict, repr=False)

    def cached(self, kind: str, inputs: list[Path], compute):
        """compute(), or its result stored by an earlier build from the same inputs (files or
        folders) and the same engine. A result is stored only when compute() reported no problem."""
        if self.cache is None or not all(self._safe(p) for p in inputs):
            return compute()      # a link or a file outside the project: compute() reports it
        key = self.cache.key(kind, inputs)
        slot = self.cache.slot(kind, *map(str, inputs))
        value = self.cache.get(key, slot)
        if value is not None:
            for path in inputs:   # read, as far as the check for unread files is concerned
                for f in self._listing(path):
                    safefs.note(f)
            return value
        before = len(self.problems.items)
        value = compute()
        if value is not None and len(self.problems.items) == before:
            self.cache.put(key, value, slot)
        return value

    def _listing(self, path: Path) -> list[Path]:
        """The input itself, and for a folder every file and folder in it."""
        if path not in self._files:
            self._files[path] = [path] if not path.is_dir() or path.is_symlink() else \
                [path, *sorted(path.rglob("*"))]
        return self._files[path]

    def _safe(self, path: Path) -> bool:
        """The cache hashes its inputs: only files (or folders of files) that may be read at all."""
        if path not in self._safe_inputs:
            self._safe_inputs[path] = all(safefs.refusal(f, self.root) is None or (f.is_dir() and not f.is_symlink())
                                          for f in self._listing(path))
        return self._safe_inputs[path]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def schemas(self) -> Path:
        return self.data / "schemas"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def yaml(self, path: Path, schema: str):
        """(document, lines) when the file reads and matches its schema; None otherwise."""
        return self.cached("yaml:" + schema, [path, self.schemas], lambda: self._yaml(path, schema))

    def _yaml(self, path: Path, schema: str):
        rel = self.rel(path)
        text = yamlio.read_text(path, rel, self.problems)
        if text is None:
            return None
        loaded = yamlio.loads(text, rel, self.problems)
        if loaded is None:
            self.unread.add(rel)
            return None
        doc, lines = loaded
        first = text.split("\n", 1)[0]
        if "yaml-language-server: $schema=" not in first:
            self.problems.add(rel, 1, f"the first line must point editors at the schema: "
                                      f"'# yaml-language-server: $schema=...schemas/{schema}'.")
        if not validate.check(doc, lines, self.schemas, schema, rel, self.problems):
            self.unread.add(rel)
            return None
        return doc, lines

    def required(self, path: Path, schema: str):
        """Like yaml(), for a file the site cannot do without: its absence is a problem too."""
        if not path.exists():
            self.problems.add(self.rel(path), 0, "this file is missing; restore it from version control.")
            self.unread.add(self.rel(path))
            return None
        return self.yaml(path, schema)

    def report(self, origin: Origin, message: str) -> None:
        """A problem at the line `origin` names."""
        self.problems.add(origin.file, origin.line, message)

    def document(self, name: str, schema: str):
        """(document, at) for data/<name>, a file the site cannot do without, where at(*path)
        is the Origin of a field; None after reporting what is wrong."""
        path = self.data / name
        loaded = self.required(path, schema)
        if not loaded:
            return None
        doc, lines = loaded
        return doc, lambda *at: self.origin(path, lines, at)

    def origin(self, path: Path, lines, at: tuple) -> Origin:
        return Origin(self.rel(path), yamlio.line_of(lines, at), lines, tuple(at))
