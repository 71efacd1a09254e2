"""Smoke tests of the benchmarks: the synthetic knowledge base is valid and the engine answers from it.

No timing is asserted: the benchmarks report figures, they never fail on them.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from benchmarks.__main__ import e2e_table
from benchmarks.bench_e2e import E2EPair, E2ERun
from benchmarks.bench_scale import REAL, parse_size
from benchmarks.synthetic import (
    MAX_PHRASINGS,
    MIN_PHRASINGS,
    synthetic_corpus,
    synthetic_questions,
    typo,
    with_typos,
)
from knowledge import Engine
from knowledge.loader import load_corpus, phrasing_key
from knowledge.schema import Corpus, Entry

SYNTHETIC = 200


@pytest.fixture(scope="module")
def grown() -> tuple[Corpus, list[Entry]]:
    """The real knowledge base grown by 200 synthetic entries."""
    real = load_corpus()
    return synthetic_corpus(len(real.entries) + SYNTHETIC)


def test_synthetic_entries_are_valid_and_unique(grown: tuple[Corpus, list[Entry]]) -> None:
    corpus, entries = grown
    assert len(entries) == SYNTHETIC
    assert len(corpus.entries) == len(load_corpus().entries) + SYNTHETIC
    # Valid per the schema, as if read from YAML: every model validates again from plain data.
    Corpus.model_validate(corpus.model_dump())
    # What the loader checks beyond the schema: unique ids, known topics and related
    # entries, and no phrasing shared by two entries.
    ids = [e.id for e in corpus.entries]
    assert len(set(ids)) == len(ids)
    topics = {t.id for t in corpus.topics}
    assert all(e.topic in topics and set(e.related) <= set(ids) for e in entries)
    keys = Counter(phrasing_key(q) for e in corpus.entries for q in e.questions.get("en"))
    assert keys.most_common(1)[0][1] == 1
    assert all(MIN_PHRASINGS <= len(e.questions.get("en")) <= MAX_PHRASINGS for e in entries)
    assert {e.id.split("-")[1] for e in entries} == {"event", "organisation", "figure"}


def test_generation_is_deterministic(grown: tuple[Corpus, list[Entry]]) -> None:
    _, entries = grown
    _, again = synthetic_corpus(len(load_corpus().entries) + SYNTHETIC)
    assert again == entries


def test_the_engine_builds_and_answers(grown: tuple[Corpus, list[Entry]]) -> None:
    corpus, entries = grown
    engine = Engine(corpus)
    # An entry's own question finds that entry (most of the time: some draws look alike).
    sample = entries[:50]
    answers = [engine.ask(e.questions.get("en")[0]) for e in sample]
    own = sum(a.answered and a.entry_id == e.id for a, e in zip(answers, sample, strict=True))
    assert own >= 40, f"only {own} of 50 synthetic questions answered with their own entry"
    # Questions with typos get an answer of some kind, and the real entries still answer.
    for question in synthetic_questions(entries, 20):
        assert engine.ask(question).text
    assert engine.ask("When were diplomatic relations between Kazakhstan and Italy established?").answered


def test_typos_change_a_word_but_keep_its_first_letter() -> None:
    rng = random.Random(1)
    for word in ("embassy", "festival", "ambassador", "investment"):
        for _ in range(20):
            changed = typo(word, rng)
            assert changed != word or len(set(word)) < len(word)  # a swap of equal letters is a no-op
            assert changed[0] == word[0]
            assert abs(len(changed) - len(word)) <= 1
    assert with_typos("who leads the festival", rng, 2) != "who leads the festival"
    assert typo("the", rng) == "the"


def test_sizes_parse() -> None:
    assert parse_size("real") == REAL
    assert parse_size("10k") == 10_000
    assert parse_size("100,000") == 100_000
    with pytest.raises(ValueError):
        parse_size("lots")


def test_the_end_to_end_table_shows_each_rounds_ratio() -> None:
    echo = E2ERun("echo", "off", 4000, seconds=4.0, rounds=2)
    real = E2ERun("real", "off", 4000, seconds=5.0, rounds=2)
    table = e2e_table([E2EPair("off", echo, real, 0.7, round_ratios=(0.75, 0.85))])
    assert "| 0.800 " in table  # all rounds together: 800 over 1,000 messages a second
    assert "real / echo in each round alone: 0.750, 0.850" in table
