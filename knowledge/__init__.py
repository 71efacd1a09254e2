"""The curated knowledge base about Kazakhstan–Italy relations and the engine that answers from it.

This package never imports ``telegram``: it is pure, synchronous and testable on its own.
"""

from knowledge.engine import Engine
from knowledge.loader import load_corpus
from knowledge.problems import KnowledgeError, Problem
from knowledge.result import Answer, Candidate, Outcome, Source, Suggestion

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
