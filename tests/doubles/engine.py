"""A stand-in for the knowledge engine: just enough of ``Engine`` to drive the chat deterministically."""

from __future__ import annotations

from knowledge import Answer, Outcome, Suggestion

THREE = (
    Suggestion("e1", "When was it opened?"),
    Suggestion("e2", "Where is it?"),
    Suggestion("e3", "Who heads it?"),
)
TEXTS = {
    "chat_quit_help": "/quit or /exit — leave the chat",
    "chat_choose_hint": "(type a number to choose)",
    "chat_choose_one": "Please type {n} to choose the suggestion, or ask a new question.",
    "chat_choose_range": "Please choose a number from {first} to {n}, or ask a new question.",
    "unknown_command": "Unknown command {command}.",
    "help": "help()",
    "welcome": "start()",
}


class FakeTopic:
    """The one topic, "trade", with one example and a description."""

    id = "trade"

    class _Text:
        def get(self, lang: str) -> str:
            return "trade"

        def first(self, lang: str, default: str) -> str:
            return "trade?"

    description = examples = _Text()


class FakeTexts:
    """The chat's texts, in English (and "[xx]" before them in another language)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = keys

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def get(self, key: str, lang: str, /, **values: object) -> str:
        text = self._keys[key].format(**values)
        return text if lang == "en" else f"[{lang}] {text}"


class FakeEngine:
    """Clarifies "embassy" (the first ``choices`` of ``THREE``) and "consulate" (one); declines anything else.

    A question that starts with "ru:" is Russian, one that is a number has no language of its own.
    Commands (:mod:`knowledge.commands`): start, help and the topic trade answer with their
    name and argument; others are unknown, named by the ``unknown_command`` text unless
    ``unknown_text`` is false.
    """

    default = "en"
    languages = ("en", "ru")
    topics = (FakeTopic(),)

    def __init__(self, *, choices: int = 3, unknown_text: bool = True) -> None:
        self.choices = THREE[:choices]
        keys = dict(TEXTS) if unknown_text else {k: v for k, v in TEXTS.items() if k != "unknown_command"}
        self.texts = FakeTexts(keys)

    def ask(
        self, question: str, lang: str | None = None, fallback: str | None = None, context: object = None
    ) -> Answer:
        own = "ru" if question.startswith("ru:") else None if question.strip().isdigit() else "en"
        lang = lang or own or fallback or self.default
        if question == "embassy":
            return Answer(Outcome.CLARIFY, "Did you mean:", suggestions=self.choices, lang=lang)
        if question == "consulate":
            return Answer(Outcome.CLARIFY, "Did you mean:", suggestions=THREE[:1], lang=lang)
        return Answer(Outcome.DECLINE, f"no: {question}", lang=lang)

    def language(self, text: str, lang: str | None = None, fallback: str | None = None) -> str:
        return lang or fallback or self.default

    def topic(self, topic_id: str, argument: str = "", lang: str | None = None) -> Answer:
        return Answer(Outcome.ANSWER, f"{topic_id}({argument})", lang=lang or self.default)

    def answer_entry(self, entry_id: str, lang: str | None = None) -> Answer:
        return Answer(Outcome.ANSWER, f"entry {entry_id}", entry_id, 1.0, lang=lang or self.default)
