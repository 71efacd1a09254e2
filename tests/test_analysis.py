"""Normalization, tokenization, typo correction and direction, on small hand-made vocabularies.

The languages are the real packs (knowledge/data/languages); the names, concepts and
vocabulary are made up here, so each test shows one mechanism.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
import yaml

from knowledge import Engine
from knowledge.analysis import COUNTRY_PREFIX, NAME_RANK, Analysis, Analyzer, SlotKind
from knowledge.entities import Asks, Gives, Recognizer, asks
from knowledge.language import Case, Language
from knowledge.loader import DATA_DIR
from knowledge.schema import LanguagePack
from knowledge.text import MAX_READ_CHARS, Token, asked_part, count_words, normalize, tokenize

# Ordinary words, most frequent first; "trump" is ordinary, but rarer than the commonest words.
COMMON = ["the", "brought", "meat", "pay", "population", "when", "italian", "visa"]
COMMON += [f"filler{i}" for i in range(NAME_RANK)] + ["trump"]


def _pack(code: str) -> LanguagePack:
    text = (DATA_DIR / "languages" / f"{code}.yaml").read_text(encoding="utf-8")
    return LanguagePack.model_validate(yaml.safe_load(text))


@pytest.fixture(scope="module")
def languages() -> dict[str, Language]:
    return {
        "en": Language(_pack("en"), COMMON),
        "ru": Language(_pack("ru"), ["когда", "был"]),
        "kk": Language(_pack("kk")),
    }


@pytest.fixture(scope="module")
def analyzer(languages: dict[str, Language]) -> Analyzer:
    names = {
        "kazakhstan": [
            "kazakhstan",
            "kazakh",
            "kazakhstani",
            "republic of kazakhstan",
            "rk",
            "Казахстан",
            "Қазақстан",
        ],
        "italy": ["italy", "italian", "italia", "rome", "Италия", "итальянский"],
        "scalfaro": ["scalfaro", "skalfaro", "oscar luigi scalfaro", "Скальфаро"],
        "astana": ["astana", "nur-sultan", "nur sultan", "Астана"],
        COUNTRY_PREFIX + "germany": ["germany", "german", "berlin", "Германия"],
    }
    concepts = {
        "turnover": {"en": ["turnover", "trade volume", "volume of trade"], "ru": ["товарооборот"]},
        "export": {"en": ["export", "sell", "sold"], "ru": ["экспорт"], "kk": ["экспорт"]},
        "import": {"en": ["import", "buy", "bought"], "ru": ["импорт"], "kk": ["импорт"]},
        "embassy": {"en": ["embassy"], "ru": ["посольство"], "kk": ["елшілік"]},
        "ambassador": {"en": ["ambassador"], "ru": ["посол"], "kk": ["елші"]},
        "visit": {"en": ["visit", "came"], "ru": ["визит", "посетил"]},
    }
    vocabulary = [
        "When did Italy open its embassy in Kazakhstan",
        "ambassador",
        "bilateral trade turnover",
        "Berlusconi",
        "visit",
        "exports imports",
        "summit",
        "Когда открылось посольство Италии",
    ]
    return Analyzer(languages, names, concepts, count_words(vocabulary))


@pytest.fixture(scope="module")
def recognizer(languages: dict[str, Language]) -> Recognizer:
    return Recognizer(
        languages,
        people=["scalfaro"],
        countries={"KZ": "kazakhstan", "IT": "italy"},
        cities={"astana": "KZ"},
        adjectives=["kazakh", "italian", "итальянский"],
        anchors=["embassy", "ambassador", "export", "import"],
        anchor_stems={"en": frozenset({"embassi", "ambassador", "export", "import"})},
        importing=["import"],
    )


def test_normalize_folds_case_accents_and_invisible_characters() -> None:
    assert normalize("  Stéphane\u200b LISSNER\u00a0 ") == "stephane lissner"
    assert normalize("Ｉｔａｌｙ") == "italy"  # full-width letters (NFKC)
    assert normalize("Казахстан") == "казахстан"  # Cyrillic keeps its letters


def test_tokenize_splits_hyphens_and_apostrophes() -> None:
    words = [t.text for t in tokenize("Kazakhstan's Kazakh-Italian trade: 16.425 bn, 16%! What % of it?")]
    assert words == [
        *("kazakhstan", "s", "kazakh", "italian", "trade", "16.425", "bn", "16%"),
        *("what", "%", "of", "it"),
    ]


def test_latin_look_alikes_inside_a_cyrillic_word_are_cyrillic() -> None:
    # a keyboard without the Kazakh letters: a Latin "i" for "і"; a Latin "e" in "годe"
    assert [t.text for t in tokenize("келiсiм годe Astana")] == ["келісім", "годе", "astana"]


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
    assert analyzer.correct(typo, "en") == fixed


def test_cyrillic_typos_are_corrected_toward_cyrillic_words(analyzer: Analyzer) -> None:
    assert analyzer.correct("пасольство", "ru") == "посольство"
    assert analyzer.correct("ambasador", "ru") == "ambassador"  # a Latin word in a Russian question


def test_kazakh_typed_without_its_letters_reads_as_the_knowledge_bases_words(
    languages: dict[str, Language],
) -> None:
    # "канша" for "қанша": a question word, so never a typo; the commoner word with the letters
    vocabulary = count_words(["Қазақстан қанша ақша берді", "Қазақстан қанша", "канша", "ал экспорт", "әл"])
    analyzer = Analyzer(languages, {"kazakhstan": ["Қазақстан"]}, {})
    analyzer.learn(vocabulary, {"kk": languages["kk"].typed_forms(vocabulary)})
    read = analyzer.read("Казакстан канша акша берди?", "kk")
    assert read.words == ("қазақстан", "қанша", "ақша", "берді"), read
    assert analyzer.read("ал экспорт", "kk").words == ("ал", "экспорт")  # "ал" is commoner than "әл"
    assert analyzer.read("Казакстан канша", "ru").words == (
        "казакстан",
        "канша",
    )  # Russian has no such letters


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("in Feb 2014", "en", ("in", "february", "2014")),
        ("в февр. 2014", "ru", ("в", "февраль", "2014")),
        ("nell'ott 1992", "it", ("nell", "ottobre", "1992")),
        ("Feb", "en", ("feb",)),  # a month only beside a number: "feb" alone is left as written
    ],
)
def test_a_short_month_beside_a_number_reads_as_the_month(
    engine: Engine, text: str, lang: str, words: tuple[str, ...]
) -> None:
    # The month names come from each pack's locale (Babel), as ``Language.load`` reads them.
    read = engine.analyzer.read(text, lang)
    assert read.words == words
    assert read.corrections == ()  # a short form, not a typo to report


def test_a_short_month_is_never_an_unknown_name(engine: Engine) -> None:
    entities = engine.recognizer.recognize(engine.analyzer.read("Who came in Feb?", "en"))
    assert entities.unknown_names == ()


@pytest.mark.parametrize("word", ["brought", "meat", "pay", "the", "xq", "zzzzzzzz"])
def test_ordinary_and_hopeless_words_are_left_alone(analyzer: Analyzer, word: str) -> None:
    assert analyzer.correct(word, "en") == word


def test_aliases_and_phrases_become_one_concept(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("When did Oscar Luigi Scalfaro visit Nur-Sultan?", "en")
    assert [s.key for s in analysis.slots] == ["scalfaro", "visit", "astana"]


def test_a_text_read_again_is_not_analysed_again(analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    analyses: list[str] = []
    analyse = Analyzer._analyze

    def counted(self: Analyzer, tokens: Sequence[Token], *args: Any) -> Analysis:
        analyses.append(" ".join(t.text for t in tokens))
        return analyse(self, tokens, *args)

    monkeypatch.setattr(Analyzer, "_analyze", counted)
    analyzer.forget()
    first = analyzer.read("When did Scalfaro visit Astana?", "en")
    assert analyzer.read("When did Scalfaro visit Astana?", "en") is first
    assert len(analyses) == 1
    # Another language or another reading is another analysis; forgetting starts afresh.
    analyzer.read("When did Scalfaro visit Astana?", "en", correct=False)
    analyzer.forget()
    again = analyzer.read("When did Scalfaro visit Astana?", "en")
    assert len(analyses) == 3 and again == first and again is not first


def test_names_are_read_in_every_language_and_script(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Когда Скальфаро посетил Казахстан?", "ru")
    assert [s.key for s in analysis.slots] == ["scalfaro", "visit", "kazakhstan"]


def test_a_russian_surname_in_its_cases_is_the_name(engine: Engine) -> None:
    for text in ("назначение Елемесова", "встреча с Елемесовым", "письмо Елемесову"):
        assert "yelemesov" in engine.analyzer.analyze(text, "ru").keys, text
    # a short name takes no endings: "АҚШ" (the USA) with "а" is "ақша" (money), typed "акша"
    keys = engine.analyzer.analyze("канша акша берди", "kk").keys
    assert "aid" in keys and not any(k.startswith(COUNTRY_PREFIX) for k in keys), keys


def test_inflected_russian_words_meet_their_concept(analyzer: Analyzer) -> None:
    keys = analyzer.analyze("экспорта в Италию и посольством Италии", "ru").keys
    assert {"export", "italy", "embassy"} <= keys


def test_synonyms_keep_the_written_word_as_an_alternative(analyzer: Analyzer) -> None:
    slot = analyzer.analyze("what does Kazakhstan sell", "en").slots[-1]
    assert slot.key == "export"
    assert "sell" in slot.terms


def test_years_numbers_and_unknown_names(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Did President Napolitano visit in 2009 with 16.4 bn?", "en")
    kinds = {s.surface: s.kind for s in analysis.slots}
    assert kinds["2009"] is SlotKind.YEAR
    assert kinds["16.4"] is SlotKind.NUMBER
    assert kinds["napolitano"] is SlotKind.UNKNOWN
    assert next(s for s in analysis.slots if s.surface == "napolitano").proper
    assert analysis.years == (2009,)


def test_a_famous_name_is_a_name_even_if_the_word_is_common(analyzer: Analyzer) -> None:
    slot = next(
        s for s in analyzer.analyze("When did Trump visit Kazakhstan?", "en").slots if s.surface == "trump"
    )
    assert slot.kind is SlotKind.UNKNOWN and slot.proper
    lowered = next(s for s in analyzer.analyze("trump card", "en").slots if s.surface == "trump")
    assert lowered.kind is SlotKind.WORD


def test_capitals_mean_nothing_in_a_shouted_question(analyzer: Analyzer) -> None:
    slots = analyzer.analyze("WHEN DID NAPOLITANO VISIT KAZAKHSTAN", "en").slots
    assert not any(s.proper for s in slots)


def test_foreign_places_are_recognized(analyzer: Analyzer) -> None:
    assert COUNTRY_PREFIX + "germany" in analyzer.analyze("German investment in Kazakhstan", "en").keys
    assert COUNTRY_PREFIX + "germany" in analyzer.analyze("Германия", "ru").keys


def test_a_word_of_another_language_is_understood_as_written(analyzer: Analyzer) -> None:
    assert "embassy" in analyzer.analyze("the посольство in Astana", "en").keys


def test_kazakh_endings_are_stripped_and_mark_direction(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Қазақстанның Италиядағы елшілігі", "kk")
    assert [s.key for s in analysis.slots][:1] == ["kazakhstan"]
    italy = next(s for s in analysis.slots if s.surface == "италиядағы")
    assert italy.case is Case.TOWARD


@pytest.mark.parametrize(
    ("question", "lang", "origin"),
    [
        ("When did Italy open its embassy in Kazakhstan?", "en", "IT"),
        ("When did Kazakhstan open its embassy in Rome?", "en", "KZ"),
        ("the Italian ambassador in Kazakhstan", "en", "IT"),
        ("Kazakhstan's ambassador to Italy", "en", "KZ"),
        ("the embassy in Nur-Sultan", "en", "IT"),
        ("Kazakhstan's imports from Italy", "en", "IT"),
        ("what does Kazakhstan buy from Italy", "en", "IT"),
        ("what does Kazakhstan sell to Italy", "en", "KZ"),
        ("Kazakhstan exports", "en", "KZ"),
        ("Italian leaders who came to Kazakhstan", "en", "IT"),
        ("Kazakhstan and Italy", "en", None),
        ("which visiting Kazakh official", "en", "KZ"),
        ("Italy embassy Kazakhstan", "en", "IT"),
        ("посол Казахстана в Италии", "ru", "KZ"),
        ("импорт Казахстана из Италии", "ru", "IT"),
        ("итальянский посол в Астане", "ru", "IT"),
        ("Қазақстанның Италиядағы елшісі", "kk", "KZ"),
        ("Италияның Қазақстандағы елшісі", "kk", "IT"),
        ("Қазақстан Италиядан импорттайды", "kk", "IT"),
        # a side beside a country's adjective: that country acts, whatever the word before
        ("who signed it on the Italian side?", "en", "IT"),
        # a visit right after a country's name, as a noun, is to it; the verb leaves the name its subject
        ("National Bank chairman Italy visit", "en", "KZ"),
        ("who from Italy visited Kazakhstan?", "en", "IT"),
        ("When did the President of Kazakhstan visit Italy?", "en", "KZ"),
    ],
)
def test_direction_of_a_question(
    analyzer: Analyzer, recognizer: Recognizer, question: str, lang: str, origin: str | None
) -> None:
    assert recognizer.recognize(analyzer.analyze(question, lang)).origin == origin


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("when did prodi come", "en", Asks.DATE),
        ("in which year was it signed", "en", Asks.DATE),
        ("how many singers", "en", Asks.QUANTITY),
        ("how much was trade", "en", Asks.QUANTITY),
        ("who is the ambassador", "en", Asks.PERSON),
        ("where is the embassy", "en", Asks.PLACE),
        ("in which city is the embassy", "en", Asks.CITY),
        ("в каком городе посольство Италии", "ru", Asks.CITY),
        ("Елшілік қай қалада?", "kk", Asks.CITY),
        ("what was his post when he came", "en", Asks.OTHER),
        ("trade turnover", "en", Asks.OTHER),
        ("В каком году открылось посольство?", "ru", Asks.DATE),
        ("Сколько певцов прошли стажировку?", "ru", Asks.QUANTITY),
        ("Кто посол Италии?", "ru", Asks.PERSON),
        ("Проди Қазақстанға қашан келді?", "kk", Asks.DATE),
        ("Қанша әнші болды?", "kk", Asks.QUANTITY),
    ],
)
def test_question_type(languages: dict[str, Language], question: str, lang: str, kind: Asks) -> None:
    language = languages[lang]
    assert asks(language.words(question), language) is kind


def test_a_reply_must_carry_the_kind_of_thing_asked() -> None:
    gives = Gives(["October", "октября", "маусым"], ["ten", "десять"])
    assert gives("It opened in October 1992.", Asks.DATE)
    assert gives("Открыто 12 октября.", Asks.DATE)
    assert not gives("It is in Astana.", Asks.DATE)
    assert gives("Ten singers trained there.", Asks.QUANTITY)
    assert gives("Стажировку прошли десять певцов.", Asks.QUANTITY)
    assert not gives("They cooperate on social work.", Asks.QUANTITY)
    assert not gives("As of 12 October:", Asks.QUANTITY)  # a day of a month is no amount


def test_a_reply_to_which_city_must_name_a_city() -> None:
    gives = Gives([], [], places=[["astana", "астана"], ["рим", "rome"]])
    assert gives("The embassy has been in Astana since 2005.", Asks.CITY)
    assert gives("Елшілік Римде орналасқан.", Asks.CITY)  # a case ending on the name
    assert not gives("It was signed in 2009 during a visit to Italy.", Asks.CITY)
    assert not gives("Подписано примерно тогда.", Asks.CITY)  # "примерно" is no "рим…"
    # a place the question names, in any of its spellings, answers no "which region"
    gives = Gives([], [], places=[["taldysay", "taldysai"], ["astana"]])
    assert not gives("Taldysay (also Taldysai) hosts the mission.", Asks.CITY, "which region is taldysay in")
    assert gives("Taldysay lies near Astana.", Asks.CITY, "which region is taldysay in")


def test_a_long_message_is_read_from_its_last_question() -> None:
    preamble = "I am writing a long article about Kazakhstan and Italy. " * 10
    assert (
        asked_part(preamble + "Thanks. When did the embassy move to Astana? ")
        == "When did the embassy move to Astana?"
    )
    assert asked_part(preamble + "Можете помочь? Когда открыли посольство?") == "Когда открыли посольство?"
    assert asked_part(preamble) == preamble  # no question mark: all of it, as before
    short = "Hello. When did the embassy move? And why?"
    assert asked_part(short) == short  # what is read whole stays whole
    endless = "x" * 2000 + "?"
    assert len(asked_part(endless)) == MAX_READ_CHARS  # never more than is read
