"""Score the engine on a file of evaluation questions and report accuracy per kind.

The question file is a YAML list; each item has ``q`` (the question), ``kind``, ``expect``
(tokens that must all appear in a correct reply, ``|`` separating accepted alternatives)
and optionally ``refuse: true`` (a correct reply declines). See the header of
``shared/eval/questions.yaml``. A dialog file (``shared/eval/dialogs.yaml``) is a list of
conversations, each a list of such items without ``kind``: its turns are asked in order in
one conversation, and first turns and follow-ups are reported apart.

Everything here except :func:`run` is pure, so tests and the benchmark reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from knowledge import Answer, Outcome

# element_matches is imported from here by the tests, as before it moved to knowledge/.
from knowledge.expect import element_matches as element_matches
from knowledge.expect import normalize

if TYPE_CHECKING:
    from knowledge import Engine

# The kinds of the shared question file, in the order its header lists them.
KINDS = (
    "paraphrase",
    "casual",
    "typo",
    "keyword",
    "structured",
    "computed",
    "alias",
    "out_of_scope",
    "near_miss",
    "detail",
    "smalltalk",
    "ru",
    "it",
    "kk",
)
# Kinds that are a language: their questions must be answered in that language.
LANGUAGE_KINDS = ("ru", "it", "kk")
# "detail": asks for a detail the fact sheet does not give about what it covers (a decline).
REFUSAL_KINDS = frozenset({"out_of_scope", "near_miss", "detail"})
# Small talk ("thanks!", "who made you?"): right when the reply is small talk.
SMALL_TALK = "smalltalk"
# Kinds left out of the "English in-scope" summary: the refusals, small talk, the other languages.
NOT_ENGLISH_IN_SCOPE = REFUSAL_KINDS | {SMALL_TALK} | frozenset(LANGUAGE_KINDS)
LANGUAGE_NAMES = {"ru": "Russian", "it": "Italian", "kk": "Kazakh"}
# The kinds of a dialog file's turns.
FIRST_TURN, FOLLOW_UP = "first turn", "follow-up"
EXCERPT_CHARS = 200
RULE_FILE = Path(__file__).with_name("reply_language.yaml")


class EvalFileError(Exception):
    """The question file cannot be read or is not a list of well-formed items."""


@dataclass(frozen=True)
class EvalItem:
    """One evaluation question."""

    question: str
    kind: str
    expect: tuple[str, ...] = ()
    refuse: bool = False
    lang: str | None = None  # the reply must be in this language (a dialog's turns)


@dataclass(frozen=True)
class Result:
    """An item, the engine's answer to it, and whether the answer is correct."""

    item: EvalItem
    answer: Answer
    correct: bool


@dataclass(frozen=True)
class Tally:
    """Correct answers out of a total."""

    correct: int = 0
    total: int = 0

    @property
    def percent(self) -> float | None:
        """The share of correct answers in percent, ``None`` when there is nothing to count."""
        return 100.0 * self.correct / self.total if self.total else None

    def add(self, correct: bool) -> Tally:
        """This tally with one more answer counted."""
        return Tally(self.correct + int(correct), self.total + 1)


@dataclass(frozen=True)
class Report:
    """The results of one evaluation run, with their tallies."""

    results: tuple[Result, ...]

    @property
    def failures(self) -> list[Result]:
        """The incorrect results, in file order."""
        return [r for r in self.results if not r.correct]

    def by_kind(self) -> dict[str, Tally]:
        """Tallies per kind: the known kinds in their usual order, then any others as met."""
        tallies: dict[str, Tally] = {}
        for result in self.results:
            kind = result.item.kind
            tallies[kind] = tallies.get(kind, Tally()).add(result.correct)
        known = [k for k in KINDS if k in tallies]
        others = [k for k in tallies if k not in KINDS]
        return {k: tallies[k] for k in known + others}

    def summary(self) -> list[tuple[str, Tally]]:
        """The headline groups: English in-scope, each other language, both refusal kinds, overall.

        For dialogs: first turns, follow-ups (also per language of the turn), overall.
        """
        if any(r.item.kind in (FIRST_TURN, FOLLOW_UP) for r in self.results):
            return self._dialog_summary()
        languages = [(LANGUAGE_NAMES[k], self._tally(frozenset({k}).__contains__)) for k in LANGUAGE_KINDS]
        return [
            ("English in-scope", self._tally(lambda k: k not in NOT_ENGLISH_IN_SCOPE)),
            *((name, tally) for name, tally in languages if tally.total),
            ("out_of_scope declined", self._tally(lambda k: k == "out_of_scope")),
            ("near_miss declined", self._tally(lambda k: k == "near_miss")),
            *(
                (label, tally)
                for label, kind in (("detail declined", "detail"), ("small talk", SMALL_TALK))
                if (tally := self._tally(kind.__eq__)).total
            ),
            ("overall", self._tally(lambda k: True)),
        ]

    def _dialog_summary(self) -> list[tuple[str, Tally]]:
        rows = [
            ("first turns", self._tally(FIRST_TURN.__eq__)),
            ("follow-ups", self._tally(FOLLOW_UP.__eq__)),
        ]
        for lang in dict.fromkeys(r.item.lang for r in self.results if r.item.lang):
            tally = Tally()
            for result in self.results:
                if result.item.kind == FOLLOW_UP and result.item.lang == lang:
                    tally = tally.add(result.correct)
            rows.append((f"follow-ups, {LANGUAGE_NAMES.get(lang or '', 'English')}", tally))
        return [*rows, ("overall", self._tally(lambda k: True))]

    def _tally(self, include: Callable[[str], bool]) -> Tally:
        tally = Tally()
        for result in self.results:
            if include(result.item.kind):
                tally = tally.add(result.correct)
        return tally


@cache
def _rule() -> dict[str, Any]:
    rule: dict[str, Any] = yaml.safe_load(RULE_FILE.read_text(encoding="utf-8"))
    return rule


def reply_language(text: str) -> str:
    """The language of a reply, by the rule of the shared question file's header (``reply_language.yaml``)."""
    return _language_by_rule(text, None)


# A Cyrillic turn of fewer words without Kazakh marks ("ал экспорт?") may be either language:
# it keeps the conversation's. A longer one without them is Russian, as the header's rule says.
SHORT_TURN_WORDS = 3


def turn_language(question: str, conversation: str) -> str:
    """The language a dialog turn must be answered in: its own, when the question shows it.

    A turn too short to show its language ("2013?", "since when?", "ал экспорт?") keeps the
    conversation's; one in another script or with another language's marks switches it, as
    the shared dialog file's header says ("a question in another language is answered in
    that language").
    """
    return _language_by_rule(question, conversation)


def _language_by_rule(text: str, fallback: str | None) -> str:
    """:func:`reply_language`'s rule; with ``fallback``, what the text leaves open stays that."""
    rule = _rule()
    folded = normalize(text)
    letters = [c for c in folded if c.isalpha()]
    words = re.findall(r"\w+", folded)
    cyrillic, latin = rule["cyrillic"], rule["latin"]
    if fallback is not None and not letters:
        return fallback
    if sum("CYRILLIC" in unicodedata.name(c, "") for c in letters) * 2 > len(letters):
        marked = any(c in cyrillic["letters"] for c in folded) or any(w in cyrillic["words"] for w in words)
        if marked:
            return str(cyrillic["marked"])
        same_script = fallback in (cyrillic["marked"], cyrillic["unmarked"])
        short = sum(any(c.isalpha() for c in w) for w in words) < SHORT_TURN_WORDS
        return str(fallback if same_script and short else cyrillic["unmarked"])
    counted = sum(w in latin["counted_words"] for w in words)
    against = sum(w in latin["against_words"] for w in words)
    if counted == against and fallback in (latin["counted"], latin["against"]):
        return str(fallback)
    return str(latin["counted"] if counted > against else latin["against"])


def item_correct(item: EvalItem, answer: Answer) -> bool:
    """Score one answer.

    A refuse item is correct when the bot does not answer (it clarifies or declines).
    Any other item is correct when the bot answers and the reply contains every
    ``expect`` element (one of its alternatives each). A ``ru``, ``it`` or ``kk`` item
    is correct only when the reply is also in that language (:func:`reply_language`).
    """
    if item.kind == SMALL_TALK:  # a word or two ("рахмет") may not show its language
        return answer.outcome is Outcome.CHAT
    if item.refuse:
        return not answer.answered
    if item.kind in LANGUAGE_KINDS and reply_language(answer.text) != item.kind:
        return False
    if item.lang is not None and reply_language(answer.text) != item.lang:
        return False
    return answer.answered and all(element_matches(e, answer.text) for e in item.expect)


def build_report(items: Sequence[EvalItem], answers: Sequence[Answer]) -> Report:
    """Score ``answers`` (one per item, same order) into a :class:`Report`.

    Raises:
        ValueError: the two sequences differ in length.
    """
    pairs = zip(items, answers, strict=True)
    return Report(tuple(Result(item, answer, item_correct(item, answer)) for item, answer in pairs))


def run(engine: Engine, items: Iterable[EvalItem]) -> Report:
    """Ask ``engine`` every question and score the answers (the language of each is detected).

    Each is answered as ``ask`` answers a line: one starting with "/" is a command.
    """
    from bot.chat import respond  # as run_dialogs imports the chat

    items = list(items)
    return build_report(items, [respond(engine, item.question) for item in items])


def run_dialogs(engine: Engine, dialogs: Iterable[Sequence[EvalItem]]) -> Report:
    """Ask each dialog's turns in order in one conversation, as the terminal chat does."""
    from bot.chat import Session  # the chat's session carries the context, as in use

    items: list[EvalItem] = []
    answers: list[Answer] = []
    for dialog in dialogs:
        session = Session(engine)
        for item in dialog:
            items.append(item)
            answers.append(session.reply(item.question))
    return build_report(items, answers)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EvalFileError(f"{where}: 'expect' must be a list")
    out = []
    for token in value:
        # YAML reads an unquoted 1992 as a number; it means the text "1992".
        if isinstance(token, bool) or not isinstance(token, str | int):
            raise EvalFileError(f"{where}: 'expect' holds {token!r}, not text")
        out.append(str(token))
    return tuple(out)


def parse_items(data: object, source: str = "<questions>") -> list[EvalItem]:
    """Turn the parsed YAML of a question file into items.

    Raises:
        EvalFileError: the data is not a list of items with a text ``q`` and ``kind``.
    """
    if not isinstance(data, list):
        raise EvalFileError(f"{source}: expected a YAML list of questions")
    items = []
    for number, raw in enumerate(data, start=1):
        where = f"{source}: item {number}"
        if not isinstance(raw, dict):
            raise EvalFileError(f"{where}: expected a mapping with 'q' and 'kind'")
        question, kind, refuse = raw.get("q"), raw.get("kind"), raw.get("refuse", False)
        if not isinstance(question, str) or not question.strip():
            raise EvalFileError(f"{where}: 'q' must be a non-empty text")
        if not isinstance(kind, str) or not kind.strip():
            raise EvalFileError(f"{where}: 'kind' must be a non-empty text")
        if not isinstance(refuse, bool):
            raise EvalFileError(f"{where}: 'refuse' must be true or false")
        items.append(EvalItem(question, kind.strip(), _strings(raw.get("expect"), where), refuse))
    return items


def parse_dialogs(data: object, source: str = "<dialogs>") -> list[list[EvalItem]]:
    """Turn the parsed YAML of a dialog file into conversations of items.

    Each turn's reply must be in its question's language (:func:`turn_language`).

    Raises:
        EvalFileError: the data is not a list of lists of items with a text ``q``.
    """
    if not isinstance(data, list) or not all(isinstance(d, list) and d for d in data):
        raise EvalFileError(f"{source}: expected a YAML list of conversations, each a list of turns")
    dialogs = []
    for number, turns in enumerate(data, start=1):
        marked = [
            {**t, "kind": FIRST_TURN if i == 0 else FOLLOW_UP} if isinstance(t, dict) else t
            for i, t in enumerate(turns)
        ]
        items = parse_items(marked, f"{source}: conversation {number}")
        turns, lang = [], reply_language(items[0].question)
        for item in items:
            lang = turn_language(item.question, lang)
            turns.append(EvalItem(item.question, item.kind, item.expect, item.refuse, lang))
        dialogs.append(turns)
    return dialogs


def is_dialog_file(data: object) -> bool:
    """Whether parsed YAML is a dialog file (a list of lists), not a question file."""
    return isinstance(data, list) and bool(data) and all(isinstance(d, list) for d in data)


def read_yaml(path: Path) -> object:
    """The parsed YAML of an evaluation file.

    Raises:
        EvalFileError: the file cannot be read or is not YAML.
    """
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise EvalFileError(f"{path}: invalid YAML: {exc}") from exc


def load_items(path: Path) -> list[EvalItem]:
    """Read a question file.

    Raises:
        EvalFileError: the file cannot be read, is not YAML, or is not a list of items.
    """
    return parse_items(read_yaml(path), str(path))


def _percent(tally: Tally) -> str:
    return "n/a" if tally.percent is None else f"{tally.percent:.1f}%"


def _row(label: str, tally: Tally) -> str:
    return f"{label:<24}{tally.correct:>6}/{tally.total:<6}{_percent(tally):>9}"


def _one_line(text: str, limit: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def format_report(report: Report, title: str) -> list[str]:
    """The report as lines: failures, then accuracy per kind, then the summary.

    The summary ends the report (title, column header and a line per group: English
    in-scope, each other language asked, both refusal kinds, overall).
    """
    lines: list[str] = []
    failures = report.failures
    lines.append(f"Failures ({len(failures)}):")
    for result in failures:
        item, answer = result.item, result.answer
        expected = "a decline" if item.refuse else ", ".join(item.expect) or "an answer"
        lines += [
            f"- [{item.kind}] {item.question}",
            f"    expected: {expected}",
            f"    got: {answer.outcome.value} [{answer.lang}]: {_one_line(answer.text)}",
        ]
    lines += ["", "Accuracy per kind:", f"{'kind':<24}{'correct/total':^13}{'percent':>9}"]
    lines += [_row(kind, tally) for kind, tally in report.by_kind().items()]
    lines += ["", f"Summary: {len(report.results)} questions from {title}"]
    lines.append(f"{'group':<24}{'correct/total':^13}{'percent':>9}")
    lines += [_row(label, tally) for label, tally in report.summary()]
    return lines
