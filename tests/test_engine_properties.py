"""Property tests: whatever a user types, the engine answers sensibly and deterministically."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import Engine, Outcome
from knowledge.commands import answer_command

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


@settings(max_examples=300)
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


@settings(max_examples=30)
@given(TEXT, st.integers(min_value=50, max_value=1000))
def test_very_long_text_is_cut_not_fatal(engine: Engine, text: str, times: int) -> None:
    assert engine.ask((text + " ") * times).text


@settings(max_examples=200)
@given(st.sampled_from(["start", "help", "topics", "about", "trade", "visits", "culture", "nope"]), TEXT)
def test_commands_with_junk_arguments(engine: Engine, name: str, argument: str) -> None:
    answer = answer_command(engine, name, argument)
    assert answer is None if name == "nope" else answer is not None and answer.text.strip()


@given(st.text(max_size=80))
def test_stale_or_tampered_choices(engine: Engine, entry_id: str) -> None:
    answer = engine.answer_entry(entry_id)
    assert answer.text
    assert answer.answered == (entry_id in engine.entries and answer.outcome is Outcome.ANSWER)
