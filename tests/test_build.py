"""The engine's build at scale: its shortcuts give what the plain code gives, and it leaves no work
for the garbage collector.

No timing is asserted here (see ``benchmarks/bench_scale.py`` and BENCHMARKS.md).
"""

from __future__ import annotations

import gc
import random
import re
import weakref
from collections import Counter
from itertools import chain

import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

import knowledge.engine
import knowledge.text
from knowledge import Engine
from knowledge.analysis import Analyzer, stored_slot
from knowledge.engine import _YEAR, _read_phrasings
from knowledge.index import COMMON_BUDGET, Document, Index
from knowledge.language import load_languages
from knowledge.loader import load_corpus
from knowledge.spelling import Spelling
from knowledge.text import FoldedWords, count_words, split_many, split_words, tokenize

TRICKY = [
    "Hello `World`, it's 1,5% of 2014 — O'Neil's naïve café",
    "İstanbul Ŀa ᾷ ǅemal ﬁne x² ß",
    "\u200bпри\u00adвет «мир» — ёлка, Қазақстан мен Италия?",
    "",
    "   ",
    "2013/2014 3.5 1,000,000 a_b",
    "what % of 16 % — 5%% доля %",
    "\u0301e\u0301 \u0308 line\nbreak\u200b",  # marks that would join what comes before
]


def _texts(engine: Engine) -> list[str]:
    """Every text of the knowledge base, phrasings too."""
    return [*engine._vocabulary(), *(t for e in engine.corpus.entries for _, t in e.questions.all())]


def test_split_words_gives_the_tokens_texts(engine: Engine) -> None:
    for text in [*TRICKY, *_texts(engine)]:
        assert split_words(text) == tuple(token.text for token in tokenize(text)), text


def test_count_words_counts_what_split_words_reads(engine: Engine) -> None:
    texts = [*TRICKY, *_texts(engine)]
    assert count_words(texts) == Counter(chain.from_iterable(map(split_words, texts)))
    for text in TRICKY:  # each alone, and each after every other: no word runs into the next text
        assert count_words([text]) == Counter(split_words(text)), text
        for other in TRICKY:
            assert count_words([other, text]) == Counter(split_words(other) + split_words(text)), (
                other,
                text,
            )


def test_split_many_reads_each_text_as_split_words_does(engine: Engine) -> None:
    texts = [*TRICKY, *_texts(engine), "a\x1eb"]  # the last holds the mark that joins texts
    folded = FoldedWords(limit=None)
    for batch in (texts, texts[:-1], [t for t in texts if t.isascii()], TRICKY, [TRICKY[0]], []):
        expected = [word for text in batch for word in (*split_words(text), "")]
        assert split_many(batch, folded) == expected
    assert split_many(["Italy", "Рим"], folded, end="|") == ["italy", "|", "рим", "|"]


def test_count_words_counts_the_same_a_batch_at_a_time(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [*TRICKY, *_texts(engine)]
    whole = count_words(texts)
    monkeypatch.setattr(knowledge.text, "_BATCH", 3)
    assert count_words(texts) == whole


def test_stored_reader_reads_as_the_analyzer(engine: Engine) -> None:
    """Every text of the knowledge base, in every language, gives the analyzer's own slots."""
    analyzer = engine.analyzer
    reader = analyzer.reader()  # one reader for all: what it learns of one text serves the next
    for text in [*_texts(engine), *TRICKY]:
        for lang in engine.languages:
            slots = analyzer.analyze(text, lang, correct=False).slots
            expected = tuple(stored_slot((s.terms, s.key, s.written)) for s in slots)
            assert reader.slots(text, lang) == expected, (lang, text)


def test_texts_read_together_give_each_texts_own_slots(engine: Engine) -> None:
    """Reading many texts at once gives what reading each alone gives: no phrase runs into the next."""
    texts = [*TRICKY, *_texts(engine)]
    rng = random.Random(3)
    for lang in engine.languages:
        for order in (texts, rng.sample(texts, len(texts)), texts[::-1]):
            reader = engine.analyzer.reader()
            together = reader.read_words(reader.split(order), lang)
            alone = engine.analyzer.reader()
            assert together == [alone.slots(text, lang) for text in order], lang


def test_a_phrase_across_two_texts_read_together_is_none(engine: Engine) -> None:
    """A phrase's first word ending one text and the rest starting the next: each text reads alone."""
    phrases = [p for p in engine.analyzer._surface["en"] if len(p) >= 2 and all(w.isalpha() for w in p)]
    assert phrases
    for phrase in phrases[:50]:
        splits = [("about", *phrase[:1]), phrase[1:], phrase]
        together = engine.analyzer.reader().read_words([w for split in splits for w in (*split, "")], "en")
        alone = engine.analyzer.reader()
        assert together == [alone.read(split, "en") for split in splits], phrase


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + rng.choice(word) + word[i:]
    return word[:i] + rng.choice(word) + word[i + 1 :]


def test_spelling_finds_what_a_full_scan_finds(engine: Engine) -> None:
    """The words a correction may choose: the same as comparing with every word of the script."""
    words = sorted({w for w in engine.analyzer._vocabulary if w.isalpha() and len(w) >= 3})
    rng = random.Random(7)
    for script_words in ([w for w in words if w.isascii()], [w for w in words if not w.isascii()]):
        spelling = Spelling(script_words)
        for word in {_typo(rng.choice(script_words), rng) for _ in range(300)}:
            if len(word) < 3:
                continue
            limit = 1 if len(word) < 8 else 2
            other_first = len(word) >= 5
            scan = process.extract(word, script_words, scorer=OSA.distance, score_cutoff=limit, limit=None)
            expected = {
                (candidate, int(distance))
                for candidate, distance, _ in scan
                if candidate[0] == word[0] or (other_first and distance == 1)
            }
            found = {
                (candidate, distance)
                for candidate, distance in spelling.near(word, limit, other_first=other_first)
                if candidate[0] == word[0] or distance == 1
            }
            assert found == expected, word


def test_a_build_leaves_nothing_for_the_collector_and_is_freed_without_it() -> None:
    corpus = load_corpus()
    engine = Engine(corpus)
    tracked = {id(o) for o in gc.get_objects()}
    assert id(engine.index) not in tracked and id(engine.analyzer) not in tracked  # frozen
    assert gc.isenabled()
    index, analyzer = weakref.ref(engine.index), weakref.ref(engine.analyzer)
    gc.disable()
    try:
        del engine
        # Frozen objects are never collected: reference counting alone must free them.
        assert index() is None and analyzer() is None
    finally:
        gc.enable()


def test_a_question_of_common_words_scores_a_bounded_number_of_entries(engine: Engine) -> None:
    """Two words in every entry: the candidates are capped, not every entry."""
    count = 4 * COMMON_BUDGET
    docs = [
        Document(f"e{i}", (("en", f"Kazakhstan and Italy signed accord number{i}?"),), (), ())
        for i in range(count)
    ]
    index = Index(docs, engine.analyzer)
    analysis = engine.analyzer.analyze("Kazakhstan and Italy", "en")
    terms = frozenset().union(*(s.terms for s in analysis.slots))
    candidates = index._candidates(terms)
    assert 0 < len(candidates) <= COMMON_BUDGET
    assert index.search(analysis)  # and it still finds entries


def test_the_year_pattern_finds_what_the_plain_one_finds(engine: Engine) -> None:
    """The engine's year pattern, written to be fast, finds the years a plain one finds."""
    plain = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
    tricky = "a2013 2013b 2013 _2013 1899 1900 2099 2100 é2013 2013é 20133 12013 x-2013-y 1,2013 2013.5 ²2013"
    for text in [tricky, *TRICKY, *_texts(engine)]:
        assert _YEAR.findall(text) == plain.findall(text), text


def test_phrasings_read_once_give_count_words_counts_and_the_readers_slots(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting the phrasings' words as the index's reader splits them is counting as count_words does."""
    monkeypatch.setattr(knowledge.engine, "_COUNT_BATCH", 7)  # several batches, and a part batch
    entries = engine.corpus.entries
    reader = engine.analyzer.reader()
    read, counts = _read_phrasings(entries, reader)
    texts: dict[str, list[str]] = {}
    for entry in entries:
        for lang, text in entry.questions.all():
            texts.setdefault(lang, []).append(text)
    assert counts == {lang: count_words(found) for lang, found in texts.items()}
    assert len(read) == len(entries)
    fresh = engine.analyzer.reader()
    for entry, phrasings in zip(entries, read, strict=True):
        assert phrasings == tuple((text, *fresh.slots(text, lang)) for lang, text in entry.questions.all())


def test_an_analyzer_given_its_vocabulary_later_reads_as_one_given_it_at_once(engine: Engine) -> None:
    languages = load_languages(engine.corpus.languages)  # its own: an analyzer protects its names
    names = {"berlusconi": ["Silvio Berlusconi", "Berlusconi"], "astana": ["Astana", "Астана"]}
    concepts = {"visit": {"en": ["visit"], "ru": ["визит"]}, "embassy": {"it": ["ambasciata"]}}
    vocabulary = count_words(_texts(engine))
    at_once = Analyzer(languages, names, concepts, vocabulary)
    later = Analyzer(languages, names, concepts)
    later.learn(vocabulary)
    assert later._vocabulary == at_once._vocabulary
    assert later._known_stems == at_once._known_stems
    questions = {
        "en": "When did Berlusconi visti Astana?",
        "ru": "Когда открылос посольство?",
        "it": "Quando e stata aperta l'ambasciata?",
    }
    for lang, question in questions.items():
        assert later.read(question, lang) == at_once.read(question, lang), question
