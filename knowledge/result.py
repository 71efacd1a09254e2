"""The engine's typed answer and the candidates behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.followup import Frame


class Outcome(StrEnum):
    """What the engine decided to do with a question."""

    ANSWER = "answer"  # confident: the reply answers the question
    CLARIFY = "clarify"  # close candidates: "did you mean …"
    DECLINE = "decline"  # not in the knowledge base: say so and say what we know
    CHAT = "chat"  # small talk: a greeting, thanks, a question about the bot itself


@dataclass(frozen=True)
class Suggestion:
    """A "did you mean" choice: the entry and the question to show for it."""

    entry_id: str
    question: str


@dataclass(frozen=True)
class Source:
    """What an answer rests on: a heading naming the fact sheet and its passages, quoted exactly."""

    heading: str
    passages: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A scored entry, as shown by ``--explain``."""

    entry_id: str
    score: float
    phrasing: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The engine's reply to one question.

    Attributes:
        outcome: answer, clarify or decline.
        text: the reply's body as plain text; a clarification's choices are in ``suggestions``.
        entry_id: the entry that produced the reply (``None`` for a plain decline).
        confidence: 0..1, how sure the engine is of ``entry_id``.
        suggestions: for clarify, up to three choices; may also accompany a decline.
        candidates: the top-scored entries, for explaining a decision.
        lang: the language of the reply.
        frame: what an answer was about, for a follow-up to continue (None otherwise).
        source: the passages of the fact sheet an answer rests on, quoted exactly (also a
            decline's that says what the sheet does say about the entry).
        source_key: what :meth:`knowledge.Engine.source` takes to quote ``source`` again
            later (a "Source" button's data): the entry's id when they are its passages.
        followup: whether the question was read as continuing the last one.
    """

    outcome: Outcome
    text: str
    entry_id: str | None = None
    confidence: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=(), compare=False)
    lang: str = "en"
    frame: Frame | None = field(default=None, compare=False, repr=False)
    source: tuple[str, ...] = ()
    source_key: str | None = field(default=None, compare=False)
    followup: bool = field(default=False, compare=False)

    @property
    def answered(self) -> bool:
        """Whether the reply is a confident answer (not a clarify or a decline)."""
        return self.outcome is Outcome.ANSWER

    def to_json(self) -> dict[str, object]:
        """The command line's ``--json`` object."""
        return {
            "answered": self.answered,
            "text": self.text,
            "entry": self.entry_id,
            "confidence": round(self.confidence, 4),
            "suggestions": [s.question for s in self.suggestions],
            "lang": self.lang,
            "outcome": self.outcome.value,
            "source": list(self.source),
            "followup": self.followup,
        }
