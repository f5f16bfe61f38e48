"""Problems found in the data, worded for a maintainer who is not a programmer."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str      # path relative to the project root, e.g. data/declarations/xxi.yaml
    line: int      # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, intro: str = "The site was not built, so the last good build is untouched. ") -> str:
        """Every problem, one a line, after `intro` (a checker that builds nothing passes its own)."""
        n = len(self.problems)
        head = intro + ("1 problem needs fixing:" if n == 1 else f"{n} problems need fixing:")
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class Problems:
    """Collects problems so that one run reports all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.items.append(Problem(file, line, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)
