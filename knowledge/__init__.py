"""The curated knowledge base about Kazakhstan–Italy relations and the engine that answers from it.

This package never imports ``telegram``: it is pure, synchronous and testable on its own.
"""

from typing import TYPE_CHECKING

from knowledge.engine import Engine
from knowledge.problems import KnowledgeError, Problem
from knowledge.result import Answer, Candidate, Outcome, Source, Suggestion

if TYPE_CHECKING:
    from knowledge.loader import load_corpus

__all__ = [
    "Answer",
    "Candidate",
    "Engine",
    "KnowledgeError",
    "Outcome",
    "Problem",
    "Source",
    "Suggestion",
    "load_corpus",
]


def __getattr__(name: str) -> object:
    """``load_corpus``, imported on first use.

    It brings YAML and the checks, which an engine loaded from the cache never needs.
    """
    if name == "load_corpus":
        from knowledge.loader import load_corpus

        return load_corpus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
