"""A stand-in for the knowledge engine: just enough of ``Engine`` to drive the chat deterministically."""

from __future__ import annotations

from knowledge import Answer, Outcome, Suggestion
from knowledge.schema import Texts
from knowledge.textbook import TextBook

THREE = (
    Suggestion("e1", "When was it opened?"),
    Suggestion("e2", "Where is it?"),
    Suggestion("e3", "Who heads it?"),
)


class FakeEngine:
    """Clarifies "embassy" (the first ``choices`` of ``THREE``) and "consulate" (one); declines anything else.

    Commands: start, help and trade answer with their name and argument; others are unknown,
    named by the ``unknown_command`` text unless ``unknown_text`` is false.
    """

    def __init__(self, *, choices: int = 3, unknown_text: bool = True) -> None:
        self.choices = THREE[:choices]
        texts = {"unknown_command": Texts(en="Unknown command {command}.")} if unknown_text else {}
        self.texts = TextBook(texts)

    def ask(self, question: str) -> Answer:
        if question == "embassy":
            return Answer(Outcome.CLARIFY, "Did you mean:", suggestions=self.choices)
        if question == "consulate":
            return Answer(Outcome.CLARIFY, "Did you mean:", suggestions=THREE[:1])
        return Answer(Outcome.DECLINE, f"no: {question}")

    def command(self, name: str, argument: str = "") -> Answer | None:
        if name in {"start", "help", "trade"}:
            return Answer(Outcome.ANSWER, f"{name}({argument})")
        return None

    def answer_entry(self, entry_id: str) -> Answer:
        return Answer(Outcome.ANSWER, f"entry {entry_id}", entry_id, 1.0)
