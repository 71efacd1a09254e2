"""Normalization, tokenization, typo correction and direction, on small hand-made vocabularies."""

from __future__ import annotations

import pytest

from knowledge.analysis import COUNTRY_PREFIX, Analyzer, SlotKind, stem
from knowledge.entities import Asks, Recognizer, asks, gives
from knowledge.text import normalize, tokenize

ENGLISH = ["the", "brought", "meat", "pay", "population", "when", "italian", "visa"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    phrases = {
        "kazakhstan": ["kazakh", "kazakhstani", "republic of kazakhstan", "rk"],
        "italy": ["italian", "italia", "rome"],
        "scalfaro": ["skalfaro", "oscar luigi scalfaro"],
        "turnover": ["trade volume", "volume of trade"],
        "export": ["sell", "sold"],
        "import": ["buy", "bought"],
        "astana": ["nur-sultan", "nur sultan"],
        COUNTRY_PREFIX + "germany": ["germany", "german", "berlin"],
    }
    vocabulary = [
        "When did Italy open its embassy in Kazakhstan",
        "ambassador",
        "bilateral trade turnover",
        "Berlusconi",
        "visit",
        "exports imports",
        "summit",
    ]
    return Analyzer(
        phrases,
        ["the", "in", "to", "of", "did", "its", "what", "when", "is", "who", "from"],
        vocabulary,
        ENGLISH,
    )


def test_normalize_folds_case_accents_and_invisible_characters() -> None:
    assert normalize("  Stéphane\u200b LISSNER\u00a0 ") == "stephane lissner"
    assert normalize("Ｉｔａｌｙ") == "italy"  # full-width letters (NFKC)
    assert normalize("Казахстан") == "казахстан"  # Cyrillic keeps its letters


def test_tokenize_splits_hyphens_and_possessives() -> None:
    words = [t.text for t in tokenize("Kazakhstan's Kazakh-Italian trade: 16.425 bn, 16%!")]
    assert words == ["kazakhstan", "kazakh", "italian", "trade", "16.425", "bn", "16%"]


def test_tokenize_marks_capitals_inside_a_sentence() -> None:
    tokens = tokenize("When did Giorgio visit? Napolitano did.")
    flags = {t.text: (t.capitalized, t.sentence_start) for t in tokens}
    assert flags["when"] == (True, True)
    assert flags["giorgio"] == (True, False)
    assert flags["napolitano"] == (True, True)


@pytest.mark.parametrize(
    ("typo", "fixed"),
    [
        ("ambasador", "ambassador"),
        ("kazakstan", "kazakhstan"),
        ("berluskoni", "berlusconi"),
        ("sumit", "summit"),
        ("turnovr", "turnover"),
        ("bilaterial", "bilateral"),
        ("itlay", "italy"),
    ],
)
def test_typos_are_corrected_toward_the_domain(analyzer: Analyzer, typo: str, fixed: str) -> None:
    assert analyzer.correct(typo) == fixed


@pytest.mark.parametrize("word", ["brought", "meat", "pay", "the", "xq", "zzzzzzzz"])
def test_english_and_hopeless_words_are_left_alone(analyzer: Analyzer, word: str) -> None:
    assert analyzer.correct(word) == word


def test_aliases_and_phrases_become_one_concept(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("When did Oscar Luigi Scalfaro visit Nur-Sultan?")
    keys = [s.key for s in analysis.slots]
    assert keys == ["scalfaro", stem("visit"), "astana"]


def test_synonyms_keep_the_written_word_as_an_alternative(analyzer: Analyzer) -> None:
    slot = analyzer.analyze("what does Kazakhstan sell").slots[-1]
    assert slot.key == "export"
    assert stem("sell") in slot.terms


def test_years_numbers_and_unknown_names(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Did President Napolitano visit in 2009 with 16.4 bn?")
    kinds = {s.surface: s.kind for s in analysis.slots}
    assert kinds["2009"] is SlotKind.YEAR
    assert kinds["16.4"] is SlotKind.NUMBER
    assert kinds["napolitano"] is SlotKind.UNKNOWN
    assert next(s for s in analysis.slots if s.surface == "napolitano").proper
    assert analysis.years == (2009,)


def test_foreign_places_are_recognized(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("German investment in Kazakhstan")
    assert COUNTRY_PREFIX + "germany" in analysis.keys


@pytest.mark.parametrize(
    ("question", "origin"),
    [
        ("When did Italy open its embassy in Kazakhstan?", "IT"),
        ("When did Kazakhstan open its embassy in Rome?", "KZ"),
        ("the Italian ambassador in Kazakhstan", "IT"),
        ("Kazakhstan's ambassador to Italy", "KZ"),
        ("the embassy in Nur-Sultan", "IT"),
        ("Kazakhstan's imports from Italy", "IT"),
        ("what does Kazakhstan buy from Italy", "IT"),
        ("what does Kazakhstan sell to Italy", "KZ"),
        ("Kazakhstan exports", "KZ"),
        ("Italian leaders who came to Kazakhstan", "IT"),
        ("when did Nazarbayev visit Italy", "KZ"),
        ("Kazakhstan and Italy", None),
        ("which visiting Kazakh official", "KZ"),
    ],
)
def test_direction_of_a_question(analyzer: Analyzer, question: str, origin: str | None) -> None:
    recognizer = Recognizer(
        ["scalfaro"], "kazakhstan", "italy", {"astana": "KZ", "rome": "IT"}, ["kazakh", "italian"], ["import"]
    )
    assert recognizer.recognize(analyzer.analyze(question)).origin == origin


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("when did prodi come", Asks.DATE),
        ("in which year was it signed", Asks.DATE),
        ("how many singers", Asks.QUANTITY),
        ("how much was trade", Asks.QUANTITY),
        ("who is the ambassador", Asks.PERSON),
        ("where is the embassy", Asks.PLACE),
        ("trade turnover", Asks.OTHER),
    ],
)
def test_question_type(question: str, kind: Asks) -> None:
    assert asks(tuple(t.text for t in tokenize(question))) is kind


def test_a_reply_must_carry_the_kind_of_thing_asked() -> None:
    assert gives("It opened in October 1992.", Asks.DATE)
    assert not gives("It is in Astana.", Asks.DATE)
    assert gives("Ten singers trained there.", Asks.QUANTITY)
    assert not gives("They cooperate on social work.", Asks.QUANTITY)
