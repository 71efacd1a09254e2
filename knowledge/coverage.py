"""The coverage list: what a knowledge base promises to answer, and what an edit may not lose.

``coverage.yaml`` in the knowledge base folder lists every fact of the fact sheet, each with
a question that must reach it, the entry that holds it and the tokens a reply must state
(as in the evaluation files, :mod:`knowledge.expect`). A built engine that no longer has
such an entry, or whose entry no longer states such a fact (a visit or a figure gone from
``facts.yaml``, an answer rewritten without it), is refused like an invalid knowledge base:
``python -m bot check`` lists each loss, and a live reload keeps the last good version.

A fact is stated when the entry's own answer states it or, for a fact that a question
picks out of a table ("how many times …", "… in 2013"), the reply to the list's question
does. A knowledge base without a coverage list promises nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, RootModel

from knowledge.expect import element_matches
from knowledge.problems import Parsed, Problem
from knowledge.schema import NonEmpty, Slug, Strict

if TYPE_CHECKING:
    from knowledge.engine import Engine

COVERAGE_FILE = "coverage.yaml"


class CoverageItem(Strict):
    """One fact of the fact sheet, the entry that holds it and what a reply must state."""

    fact: NonEmpty
    question: NonEmpty
    entry: Slug
    expect: list[NonEmpty] = Field(min_length=1)


class Coverage(RootModel[list[CoverageItem]]):
    """The whole list, in the order of the fact sheet."""


def missing_entries(doc: Parsed, coverage: Coverage, entries: set[str]) -> list[Problem]:
    """A problem for each entry the list names that is not among ``entries``."""
    return [
        doc.problem(
            (index, "entry"), f"entry {item.entry!r} is gone; the coverage list names it for: {item.fact}"
        )
        for index, item in enumerate(coverage.root)
        if item.entry not in entries
    ]


def lost_facts(engine: Engine, doc: Parsed, coverage: Coverage) -> list[Problem]:
    """A problem for each fact of the list that its entry in ``engine`` no longer states."""
    problems = []
    for index, item in enumerate(coverage.root):
        missing = _unstated(engine, item) if item.entry in engine.entries else []
        if missing:
            message = (
                f"entry {item.entry!r} no longer states: {item.fact} "
                f"(its answer lacks {', '.join(repr(e) for e in missing)})"
            )
            problems.append(doc.problem((index, "expect"), message))
    return problems


def _unstated(engine: Engine, item: CoverageItem) -> list[str]:
    """The expected elements that neither the entry's answer nor the reply to the question states."""
    answer = engine.answer_entry(item.entry, engine.default).text
    missing = [e for e in item.expect if not element_matches(e, answer)]
    if missing:
        reply = engine.ask(item.question)
        if reply.answered:
            missing = [e for e in missing if not element_matches(e, reply.text)]
    return missing
