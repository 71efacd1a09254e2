"""Problems found in the knowledge base, and where each part of it was read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base, located by file and line (1-based)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


MAX_REPORTED = 50  # problems listed in the log, by check and in the /reload reply


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(self.report()))

    def report(self, limit: int = MAX_REPORTED) -> list[str]:
        """The first ``limit`` problems as ``file:line: message``, then how many more there are.

        A broken file can make thousands: a person reads the first ones and fixes those.
        """
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"… and {len(self.problems) - limit} more problems ({len(self.problems)} in all)")
        return lines


@dataclass
class Parsed:
    """A parsed YAML file and the line of every node in it."""

    name: str
    data: Any
    lines: dict[Loc, int]

    def line(self, loc: Loc) -> int:
        """The line of ``loc`` or of its nearest enclosing node that has one."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem at ``loc`` in this file."""
        return Problem(self.name, self.line(loc), message)


@dataclass(frozen=True)
class Located:
    """Where each part of a corpus was read: the files, the entries, the language packs."""

    files: dict[str, Parsed]
    entries: dict[str, tuple[Parsed, Loc]]
    languages: dict[str, Parsed]
