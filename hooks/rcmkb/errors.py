"""Problems found in the data, worded for a maintainer who is not a programmer."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str      # path relative to the project root, e.g. data/declarations/xxi.yaml
    line: int      # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


MAX_MESSAGE = 600
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """A message safe to print on a terminal or a CI log: control characters (which could move
    the cursor, rewrite earlier lines or hide text) shown as U+XXXX, and no page-long quotes."""
    text = _CONTROL.sub(lambda m: f"U+{ord(m.group()):04X}", text)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


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
        self.items.append(Problem(_printable(str(file)), int(line or 0), _printable(message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)
