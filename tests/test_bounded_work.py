"""Whatever a question contains, it costs a small, fixed amount of work (issue 10).

The engine runs on the event loop, so one slow question delays every user. These tests pin
the work itself, not the time (``benchmarks/bench_adversarial.py`` times it): per front-end
call, the analyses, the typo lookups (each a scan of the vocabulary), the words stemmed, the
index searches and the concepts each search weighs, and the replies rendered (each candidate
at most once per question).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.bench_adversarial import FAMILIES, MAX_CHARS, generate
from knowledge import Answer, Engine
from knowledge.analysis import MAX_SEARCHED, MAX_SLOTS, Analysis, Analyzer
from knowledge.commands import answer_command
from knowledge.engine import MAX_SIDE_WORDS
from knowledge.followup import Frame
from knowledge.index import Index, Scored
from knowledge.language import Language, Stem
from knowledge.renderers import Query, Rendered, Renderers
from knowledge.text import MAX_TOKENS, Token

# The most work one front-end call may do, whatever the text. A question is read once in its
# language and, for small talk, in the others; a follow-up is answered merged and alone; "how
# long between A and B" answers A and B; a topic command asks its argument twice; a message
# whose question follows a greeting or words about the asker, unanswered, is asked again
# without them (each ask: two sides, each at most twice, and the question).
MAX_ANALYSES = 24
# The knowledge base's own texts read besides (a side's answer, clause by clause, to date it):
# bounded by the longest answer, not by the message, and each kept once read.
MAX_OWN_READS = 64
MAX_LOOKUPS = 3 * MAX_SEARCHED  # the question, and the two sides of a span, each read fresh
MAX_STEMS = 12 * MAX_TOKENS
MAX_SEARCHES = 10


@dataclass
class Work:
    """What the engine did during one call."""

    analyses: int = 0  # of the user's text
    own_reads: int = 0  # of the knowledge base's own texts
    words_read: int = 0  # the most words one analysis of the user's text read
    lookups: int = 0
    stems: int = 0
    searches: int = 0
    slots: int = 0  # the most concepts one search weighed
    renders: Counter[tuple[str, int]] = field(default_factory=Counter)  # (entry, question) → times
    questions: list[object] = field(default_factory=list)  # kept alive: their ids stay theirs

    def check(self) -> None:
        """Assert every bound."""
        assert self.analyses <= MAX_ANALYSES
        assert self.own_reads <= MAX_OWN_READS
        assert self.words_read <= MAX_TOKENS
        assert self.lookups <= MAX_LOOKUPS
        assert self.stems <= MAX_STEMS
        assert self.searches <= MAX_SEARCHES
        assert self.slots <= 2 * MAX_SLOTS  # a follow-up weighs the last question's with its own
        twice = [key for key, times in self.renders.items() if times > 1]
        assert not twice, f"rendered more than once for one question: {twice}"


@contextmanager
def counting(engine: Engine) -> Iterator[Work]:
    """Count the engine's work while the block runs (wrappers on its own objects, removed after)."""
    work = Work()
    analyzer, index, renderers = engine.analyzer, engine.index, engine.renderers

    def analyze(tokens: Sequence[Token], lang: str, correct: bool, max_slots: int | None) -> Analysis:
        if max_slots is None:  # the knowledge base's own text, read whole
            work.own_reads += 1
        else:
            work.analyses += 1
            work.words_read = max(work.words_read, len(tokens))
        return Analyzer._analyze(analyzer, tokens, lang, correct, max_slots)

    def lookup(word: str, language: Language) -> str:
        work.lookups += 1
        return Analyzer._correct(analyzer, word, language)

    def search(analysis: Analysis, limit: int = 8) -> list[Scored]:
        work.searches += 1
        work.slots = max(work.slots, len(analysis.slots))
        return Index.search(index, analysis, limit)

    def render(name: Any, query: Query) -> Rendered:
        work.renders[query.entry.id, id(query.entities)] += 1
        work.questions.append(query.entities)
        return Renderers.render(renderers, name, query)

    def stemmer(language: Language) -> Callable[[str], Stem]:
        def stem(word: str) -> Stem:
            work.stems += 1
            return Language._analyse(language, word)

        return stem

    patched: list[tuple[object, str, object]] = [
        (analyzer, "_analyze", analyze),
        (analyzer, "_correct", lookup),
        (index, "search", search),
        (renderers, "render", render),
        *((language, "_analyse", stemmer(language)) for language in engine.languages.values()),
    ]
    for target, name, wrapper in patched:
        setattr(target, name, wrapper)
    try:
        yield work
    finally:
        for target, name, _ in patched:
            delattr(target, name)


def calls(engine: Engine, text: str, lang: str) -> Iterator[Callable[[], object]]:
    """Every call a front end makes per message: a question, a follow-up, a topic command."""
    first = engine.ask(engine.topics[0].examples.first(lang, engine.default), lang=lang)
    frame = first.frame or Frame(lang, None, engine.analyzer.read("", lang))
    yield lambda: engine.ask(text)
    yield lambda: engine.ask(text, fallback=lang, context=frame)
    yield lambda: answer_command(engine, engine.topics[len(text) % len(engine.topics)].id, text, lang)


def assert_bounded(engine: Engine, text: str, lang: str) -> None:
    for call in calls(engine, text, lang):
        with counting(engine) as work:
            call()
        work.check()


@pytest.fixture(scope="module")
def crafted(engine: Engine) -> list[tuple[str, str, str]]:
    """The benchmark's adversarial families, two inputs each per language (one 4,096 long)."""
    return [(i.family, i.lang, i.text) for i in generate(engine, per_family=2, seed=7)]


def test_crafted_input_costs_bounded_work(engine: Engine, crafted: list[tuple[str, str, str]]) -> None:
    assert {family for family, _, _ in crafted} == set(FAMILIES)
    assert max(len(text) for _, _, text in crafted) == MAX_CHARS
    for _, lang, text in crafted:
        assert_bounded(engine, text, lang)


def test_span_chain_is_answered_without_recursion(engine: Engine) -> None:
    # "how long between … and how long between …", a thousand characters of it
    chain = " and ".join(["how long between the visit of Prodi and Nazarbayev's visit"] * 20)
    with counting(engine) as work:
        answer = engine.ask(chain)
    work.check()
    assert answer.text
    assert work.searches <= 3  # the question's two sides, and the question itself


def test_a_question_read_as_two_events_is_read_one_way(engine: Engine) -> None:
    # A span and a "which first, A or B" in one message, no side dated: each side is answered
    # at most twice (alone, then with the other's words), for one of the two readings only.
    text = "how long between the archaeologists and the singers, which came first, the festival or the guide?"
    with counting(engine) as work:
        engine.ask(text)
    work.check()
    assert work.searches <= 5  # two sides, each twice, and the question itself


def test_a_message_is_asked_again_only_without_a_preamble(engine: Engine) -> None:
    # "Д. Ергожин": a full stop inside a sentence is no preamble to drop; a greeting is.
    with counting(engine) as work:
        engine.ask("Когда в Италию ездил Д. Ергожин, и кто ещё?")
    assert work.searches == 1
    with counting(engine) as work:
        engine.ask("Hello! I am a student. When did D. Ergozhin go to Italy, and who else?")
    assert work.searches == 2  # declined whole, then asked without the greeting and the asker


def test_a_side_too_long_to_name_an_event_is_no_span(engine: Engine) -> None:
    # A "between" followed by a run of words is read as a question, not two sides to answer.
    padding = " ".join(["Kazakhstan", "Italy"] * 9)  # a side of 21 words, all read
    assert MAX_SIDE_WORDS < 21
    with counting(engine) as work:
        engine.ask(
            f"How many years between diplomatic relations of {padding} and the opening of the embassy?"
        )
    assert work.searches == 1
    with counting(engine) as work:  # the two sides of a real one are answered
        answer = engine.ask(
            "How many years between diplomatic relations and the opening of Kazakhstan's embassy in Italy?"
        )
    assert work.searches == 2 and "1996" in answer.text, answer.text


WORDS = st.sampled_from(
    [
        "Kazakhstan",
        "Italy",
        "trade",
        "2013",
        "Prodi",
        "visit",
        "between",
        "how long",
        "and",
        "Казахстан",
        "между",
        "сколько лет",
        "и",
        "арасында",
        "қанша жыл",
        "мен",
        "quanto tempo",
        "tra",
        "e",
        "1998",
    ]
)
TEXT = st.one_of(
    st.text(max_size=MAX_CHARS),
    st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=700).map(" ".join).map(lambda t: t[:MAX_CHARS]),
)


@settings(max_examples=60)
@given(text=TEXT, lang=st.sampled_from(["en", "ru", "it", "kk"]))
def test_any_text_costs_bounded_work(engine: Engine, text: str, lang: str) -> None:
    assert_bounded(engine, text, lang)


def test_the_counter_counts(engine: Engine) -> None:
    """The wrappers see the work: a misspelt question is read, looked up, searched and rendered."""
    rng = random.Random(1)
    word = "".join(rng.choice("qxzj") for _ in range(9))  # a new word: its lookup is not cached
    with counting(engine) as work:
        answer: Answer = engine.ask(f"When did Prodi visit Kazakhstan {word}?")
    assert answer.answered
    assert work.analyses >= 1 and work.lookups == 1 and work.searches == 1
    assert work.words_read == 6 and sum(work.renders.values()) >= 1
    assert "_analyze" not in vars(engine.analyzer)  # the wrappers are gone after


def test_two_questions_in_one_message_are_read_once_each(engine: Engine) -> None:
    # Each of the two questions is answered alone; the message whole is not asked again.
    with counting(engine) as work:
        answer = engine.ask(
            "When were diplomatic relations established and when did the Italian embassy move to Astana?"
        )
    work.check()
    assert answer.answered and work.searches == 2


def test_a_run_of_ands_is_no_pair_of_questions(engine: Engine) -> None:
    # Sides longer than a span's are a list, not two questions: one reading, one search.
    chain = " and ".join(["when did Prodi visit Kazakhstan"] * 10)
    with counting(engine) as work:
        engine.ask(chain)
    work.check()
    assert work.searches == 1
