"""Property tests: whatever a user types, the engine answers sensibly and deterministically, and
what the knowledge base asks of each entry reaches that entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import Engine, Outcome
from knowledge.commands import answer_command
from tests.profiles import examples
from tests.real_engine import real_engine

# Text users send: any Unicode, control and zero-width characters, right-to-left marks,
# markup look-alikes, and words of the domain mixed in.
DOMAIN = st.sampled_from(
    [
        "Kazakhstan",
        "Italy",
        "trade",
        "2013",
        "Prodi",
        "visit",
        "embassy",
        "<b>",
        "</code>",
        "&amp;",
        "*_[",
        "@bot",
    ]
)
NOISE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from("\u200b\u200e\u202e\x00\n\t"),
    max_size=60,
)
TEXT = st.lists(st.one_of(DOMAIN, NOISE), max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def twin() -> Engine:
    """A second engine, built apart from the session's: same answers, or the build is not deterministic."""
    return Engine.load()


@settings(max_examples=examples(300))
@given(TEXT)
def test_any_text_gets_a_reply(engine: Engine, twin: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.text.strip()
    assert 0.0 <= answer.confidence <= 1.0
    assert len(answer.suggestions) <= 3
    if answer.outcome is Outcome.CLARIFY:
        assert answer.suggestions
    if answer.answered:
        assert answer.entry_id in engine.entries
    assert twin.ask(text) == answer  # deterministic: another engine, its caches cold, says the same


@settings(max_examples=examples(30))
@given(TEXT, st.integers(min_value=50, max_value=1000))
def test_very_long_text_is_cut_not_fatal(engine: Engine, text: str, times: int) -> None:
    assert engine.ask((text + " ") * times).text


@settings(max_examples=examples(200))
@given(st.sampled_from(["start", "help", "topics", "about", "trade", "visits", "culture", "nope"]), TEXT)
def test_commands_with_junk_arguments(engine: Engine, name: str, argument: str) -> None:
    answer = answer_command(engine, name, argument)
    assert answer is None if name == "nope" else answer is not None and answer.text.strip()


ENGINE = real_engine()  # for the strategies: the session's engine
ENTRY_IDS = sorted(ENGINE.entries)
LANGUAGES = sorted(ENGINE.languages)


@given(st.one_of(st.sampled_from(ENTRY_IDS), st.text(max_size=80)))
def test_stale_or_tampered_choices(engine: Engine, entry_id: str) -> None:
    answer = engine.answer_entry(entry_id)
    if entry_id in engine.entries:  # a choice the bot offered: that entry's own reply
        assert answer.entry_id == entry_id
        assert answer.text.strip() and answer.text != engine.texts.get("stale_choice", "en")
    else:  # a stale or tampered one says so, and nothing else
        assert answer.outcome is Outcome.DECLINE and answer.entry_id is None
        assert answer.text == engine.texts.get("stale_choice", "en")


def _about(engine: Engine, entry_id: str) -> set[str]:
    """The entry and those it names as related, or that name it."""
    related = {e.id for e in engine.entries.values() if entry_id in e.related}
    return {entry_id, *engine.entries[entry_id].related, *related}


# How users retype a question: the case, the spaces around it and its final punctuation.
RETYPED = st.sampled_from(
    [str, str.lower, str.upper, lambda q: q.rstrip("?!.。 ") + " ?", lambda q: f"  {q}\n", lambda q: q + "!!"]
)


@settings(max_examples=examples(200))
@given(st.sampled_from(ENTRY_IDS), st.sampled_from(LANGUAGES), RETYPED)
def test_an_entrys_first_question_reaches_it(
    engine: Engine, entry_id: str, lang: str, retype: Callable[[str], str]
) -> None:
    """The first question of an entry in each language (what the bot shows as its choice),
    retyped, is answered by it or a related entry, or offers it as a choice."""
    question = retype(engine.entries[entry_id].questions.first(lang, engine.default))
    answer = engine.ask(question, lang=lang)
    offered = {s.entry_id for s in answer.suggestions}
    assert answer.entry_id in _about(engine, entry_id) or entry_id in offered, (
        f"{question!r} -> {answer.outcome} {answer.entry_id}: {answer.text[:120]}"
    )
