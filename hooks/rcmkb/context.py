"""What every domain loader gets: the project root, a problem collector, and a way to read a
YAML file already checked against its schema."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import validate, yamlio
from .errors import Problems
from .model import Origin


@dataclass
class LoadContext:
    root: Path
    problems: Problems = field(default_factory=Problems)
    unread: set[str] = field(default_factory=set)   # files that could not be read as a whole

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
