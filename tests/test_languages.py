"""Four languages from one knowledge base: detection, answers, formatting, and what check catches."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale, localedata
from hypothesis import given
from hypothesis import strategies as st

from bot.evaluate import element_matches, reply_language
from knowledge import Engine, Outcome, locales
from knowledge.commands import answer_command
from knowledge.formatting import Figure, Sum, When
from knowledge.loader import load_corpus
from tests.conftest import knowledge_problems

LANGUAGES = ("en", "ru", "it", "kk")


# -- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("When did Prodi visit Kazakhstan?", "en"),
        ("Когда Проди посещал Казахстан?", "ru"),
        ("Quando Prodi ha visitato il Kazakistan?", "it"),
        ("Проди Қазақстанға қашан келді?", "kk"),
        ("Проди Казакстанга кашан келди?", "kk"),  # typed without the Kazakh letters
        ("итальянский посол в астане кто", "ru"),
        ("e nel 2012?", "it"),
        ("and in 2012?", "en"),
        ("а в 2013?", "ru"),
        ("ал 2012 жылы?", "kk"),
        ("ал экспорт?", "kk"),  # "ал" (and, then) is Kazakh's
        # No function word of either: the knowledge base's own Russian words tell.
        ("Трамп посещал Казахстан?", "ru"),
        ("Путин посещал Италию?", "ru"),
        # a name spelt so only in English phrasings votes for no language
        ("Chi è Aiman Musakhodzhayeva?", "it"),
        ("рахмет", "kk"),  # Kazakh thanks, whatever else Russian speakers say
        # Kazakh words typed without the Kazakh letters are still Kazakh's ("достық": "достык")
        ("Мажилис достык тобы", "kk"),
        ("кимдерге арналган?", "kk"),
        # words both read alike, and an ending no Russian word takes ("ашылуы": its opening)
        ("Триест обелиск ашылуы", "kk"),
        # words Italian writes so are no Russian in Latin letters ("Триесте … дата")
        ("Trieste obelisco data", "it"),
        # Russian with a Kazakh greeting or word: its Russian words outvote the Kazakh letters
        ("Салем, ағай, Италия на каком месте среди торговых партнёров Казахстана?", "ru"),
        ("а Досжан кім, какая у него должность была?", "ru"),
        # Kazakh with a Russian word or two stays Kazakh
        ("Италия посольствосы қашан ашылды?", "kk"),
    ],
)
def test_the_language_of_a_message(engine: Engine, text: str, lang: str) -> None:
    assert engine.detect(text) == lang


@pytest.mark.parametrize("text", ["Prodi?", "2013", "16.216", "OSCE", "", "🙂", "Astana 2005"])
def test_a_message_too_short_to_tell_has_no_language(engine: Engine, text: str) -> None:
    assert engine.detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Who is the Italian ambassador?",
        "quando è stata aperta l'ambasciata?",
        "kazakhstan italy trade 2013",
        "Berlusconi Astana 2010",
        "Qazaqstan",  # one word of Kazakh is too little to tell
        "no idea, where is the embassy?",
        "come va?",
        # the "s" of "Kazakhstan's" is no Russian "с" (the reply came in Russian)
        "ambassador Kazakhstan's",
        "embassy Kazakhstan's",
    ],
)
def test_latin_text_is_read_as_romanized_kazakh_only_when_it_reads_better(engine: Engine, text: str) -> None:
    assert engine.detector.romanized(text) is None


def test_romanized_letters_keep_their_case(engine: Engine) -> None:
    kk = engine.languages["kk"]
    assert kk.from_latin("Qazaqstan men Italiya") == "Қазақстан мен Италия"
    assert kk.from_latin("Shymkent") == "Шымкент"  # a pair of letters before its first


@pytest.mark.parametrize("text", ["Масимов Монти Астана", "Тусупбеков Италия"])
def test_names_alone_without_a_language_chosen_are_answered_in_their_scripts(
    engine: Engine, text: str
) -> None:
    # Cyrillic names alone were answered in English, the default, when no conversation chose one
    assert engine.ask(text).lang == "ru"


def test_a_tie_of_votes_goes_to_the_language_whose_words_the_message_has(engine: Engine) -> None:
    # "Amiternum" is only the English texts' spelling; "restauro" and "contributo" are Italian words
    assert engine.ask("Biagio Amiternum restauro contributo").lang == "it"


def test_too_short_to_tell_falls_back(engine: Engine) -> None:
    assert engine.ask("Prodi?", fallback="ru").lang == "ru"
    assert engine.ask("Prodi?").lang == engine.default
    assert engine.ask("Когда Проди посещал Казахстан?", fallback="it").lang == "ru"  # the text wins
    assert engine.ask("When did Prodi visit Kazakhstan?", lang="kk").lang == "kk"  # a forced language wins


@pytest.mark.parametrize(
    ("text", "fallback", "lang"),
    [
        ("а импорт?", "en", "ru"),  # "а" is among Russian's most frequent words
        ("а Проди?", "it", "ru"),
        ("e Berlusconi?", "ru", "it"),
        ("экспорт?", "kk", "kk"),
        ("Проди?", "en", "en"),  # a name alone says nothing of the language
        ("Prodi?", "kk", "kk"),
        ("2013?", "ru", "ru"),
    ],
)
def test_too_short_to_tell_keeps_the_script_it_is_written_in(
    engine: Engine, text: str, fallback: str, lang: str
) -> None:
    assert engine.detect(text) is None
    assert engine.ask(text, fallback=fallback).lang == lang


@pytest.mark.parametrize(("text", "lang"), [("salam", "kk"), ("privet", "ru")])
def test_a_greeting_typed_in_latin_letters_is_greeted_in_its_language(
    engine: Engine, text: str, lang: str
) -> None:
    answer = engine.ask(text)
    assert answer.outcome is Outcome.CHAT and answer.lang == lang, answer.text


def test_small_talk_the_knowledge_base_would_correct_is_still_small_talk(engine: Engine) -> None:
    # "көмектестің" (you helped) would be "corrected" to "көмектесті", a word of the entries.
    answer = engine.ask("рахмет, көп көмектестің")
    assert answer.outcome is Outcome.CHAT and answer.lang == "kk", answer.text


# -- answers in each language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang", "expect"),
    [
        ("Когда Проди посещал Казахстан?", "ru", ["1998", "2007", "проди"]),
        ("Какой был товарооборот в 2013 году?", "ru", ["16,216", "млрд"]),
        ("Кто посол Италии в Казахстане?", "ru", ["пьери"]),
        ("Когда были установлены дипломатические отношения?", "ru", ["12 июня 1992"]),
        ("Quando Prodi ha visitato il Kazakistan?", "it", ["1998", "2007"]),
        ("Qual era l'interscambio nel 2012?", "it", ["16,425", "miliardi"]),
        ("Quando sono state stabilite le relazioni diplomatiche?", "it", ["12 giugno 1992"]),
        ("Проди Қазақстанға қашан келді?", "kk", ["1998", "2007"]),
        ("2013 жылы сауда айналымы қанша болды?", "kk", ["16,216"]),
        ("Дипломатиялық қатынастар қашан орнатылды?", "kk", ["1992", "маусым"]),
        # Kazakh in Latin letters: read in Cyrillic (its pack's romanized letters), answered in Kazakh
        ("Italiya Qazaqstan arheologiyalyq ekspediciya qashan bastaldy", "kk", ["2001"]),
        ("Qazaqstan men Italiya diplomatiyalyq qatynas qashan ornatyldy", "kk", ["1992", "маусым"]),
        ("Nazarbaev Italiyaga neshe ret bardy?", "kk", ["1994", "2009"]),
        ("kogda sozdali mezhparlamentskie gruppy druzhby?", "ru", ["1997"]),
        ("skolko raz Nazarbaev byl v Italii?", "ru", ["1994", "2009"]),
        ("kakoj post zanimal Marchenko, kogda priezzhal v Italiyu?", "ru", ["Национального банка"]),
        # Cyrillic that neither language's own words tell: without a Kazakh letter, Russian
        ("Темпус университет Милана", "ru", ["Sacro Cuore"]),
        # Kazakh asking how much money: the sum the sheet gives, not "no such detail"
        ("Қазақстан Сан-Биаджо кешеніне қанша ақша бөлді?", "kk", ["1,7"]),
        ("Италия Қазақстанға қанша ақша салды?", "kk", ["6"]),
        # "Елорда" (the capital) is Astana
        ("Елордадағы Италия елшілігі қашаннан бері жұмыс істейді?", "kk", ["2005"]),
        # "A пен B, қайсысы бұрын": which came first
        ("Елемесов пен Пиеридің қайсысы бұрын тағайындалды?", "kk", ["Пьери", "2011"]),
        ("Қазақстан мен Италия қатынастары қашан орнады?", "kk", ["1992"]),
        # typed without the Kazakh letters: "канша акша берди" is "қанша ақша берді"
        ("Казакстан канша акша берди?", "kk", ["1,7"]),
        # a word of the lexicon alone so typed: "акеледи" is "әкеледі" (brings), an import
        ("италиядан бизге кобине не акеледи?", "kk", ["тұтыну"]),
        # "ы" for "і", as a Russian keyboard types it: "елшысы кым" is "елшісі кім"
        ("италиянын елшысы кым казакстанда", "kk", ["Пьери"]),
        # "скольк" (a letter short) still asks how many: the count is told
        ("скольк раз назарбаев ездил в италию с офиц визитом", "ru", ["четыре"]),
        # a long name in Latin letters weighs no more than a word: the question is Russian
        ("Что такое Asiaticafilmmediale?", "ru", ["Asiaticafilmmediale"]),
        ("Asiaticafilmmediale фестивалі деген не?", "kk", ["Asiaticafilmmediale"]),
        # "how much" of exports: the figures, not the list of goods that cannot say
        ("Сколько Казахстан экспортирует в Италию?", "ru", ["15,466", "15,223"]),
        # "the Apennine republic" is Italy, as the sheet's "the Apennines"
        ("Какое место занимает Апеннинская республика среди торговых партнёров РК?", "ru", ["трет"]),
        # "ha dato" (has given) is aid, not "il dato" (the figure)
        ("ma è vero che il Kazakhstan ha dato soldi per il terremoto in Abruzzo?", "it", ["Sì:", "1,7"]),
        # "%" alone asks a share
        ("what % of kz-italy trade in 2012 was kz exports", "en", ["94.2%"]),
        ("сколько % товарооборота 2012 года составил экспорт?", "ru", ["94,2"]),
        # a country beside money is whose money it is, not where it went
        ("Что восстановили в Амитерно на деньги Казахстана?", "ru", ["1,7", "Сан-Бьяджо"]),
        ("What was restored in Amiternum with Kazakhstan money?", "en", ["1.7", "Biagio"]),
        # what Italy buys of Kazakhstan's goods are Kazakhstan's exports, as the sheet tells them
        ("Which Kazakh goods does Italy buy the most?", "en", ["crude oil", "wheat"]),
        ("Какие казахстанские товары больше всего покупает Италия?", "ru", ["нефть", "пшеница"]),
        ("Quali prodotti kazaki compra l'Italia?", "it", ["petrolio", "frumento"]),
        ("What does Italy buy from Kazakhstan?", "en", ["crude oil"]),
        ("What goods does Kazakhstan import from Italy?", "en", ["consumer goods"]),
        ("What does Italy export to Kazakhstan?", "en", ["consumer goods"]),
        # "mandare" (send) is how Italian speaks of goods shipped
        ("cosa ci manda il Kazakistan?", "it", ["petrolio"]),
        # "whn" asks when (it was corrected to "who"); "2012-го": the year, its ending no word
        ("whn did nazarbaev sign the stratgic partnership with italy?", "en", ["2009"]),
        ("На сколько товарооборот 2013 года был меньше рекордного 2012-го?", "ru", ["209"]),
        # "завозить" (bring in) is how Kazakhstan's Russian says "import"
        ("а что мы в основном завозим из Италии?", "ru", ["потребительские"]),
        # one year as a start: the change from it to the latest figure
        ("by what percent did kz-italy trade drop since 2012?", "en", ["1.3"]),
        ("на сколько процентов упал товарооборот с италией с 2012 года?", "ru", ["1,3"]),
        ("Di quanto è calato l'interscambio dal 2012?", "it", ["1,3"]),
        ("2012 жылдан бері тауар айналымы қанша пайызға азайды?", "kk", ["1,3"]),
        # "the Old World" is Europe; "English" (a language) names no country
        ("Какую роль между Старым Светом и Азией Рим отводит Казахстану?", "ru", ["мост"]),
        (
            "Сәлем! Мен ағылшын тілі мұғалімімін, Италиядағы университеттерге қазақстандық оқытушылар"
            " мен ғалымдар барды ма?",
            "kk",
            ["университет"],
        ),
        # "Тұңғыш Президент" (the First President) is Nazarbayev: his visits to Italy
        ("Тұңғыш Президент Италия еліне неше рет ресми түрде барған, қай жылдары?", "kk", ["1994", "2009"]),
        # lists: the entry that tells them all, not one of them
        (
            "Какие международные инициативы и председательства Казахстана поддержала итальянская сторона?",
            "ru",
            ["СВМДА", "ОБСЕ", "ОИС"],
        ),
        (
            "Назови итальянские кинофестивали и культурные организации, с которыми сотрудничает Казахстан.",
            "ru",
            ["Asiaticafilmmediale", "Pergolesi"],
        ),
        (
            "Дипломатиялық қатынастар, елшіліктер және елшілер туралы негізгі даталарды тізіп бер.",
            "kk",
            ["1992", "1996", "2005", "Пьери", "Елемесов"],
        ),
    ],
)
def test_a_question_is_answered_in_its_language(
    engine: Engine, question: str, lang: str, expect: list[str]
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.lang == lang
    assert reply_language(answer.text) == lang, answer.text
    assert all(element_matches(e, answer.text) for e in expect), answer.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Какой был товарооборот в 2015 году?", "ru"),
        ("Когда Трамп посещал Казахстан?", "ru"),
        ("Qual è la popolazione di Astana?", "it"),
        ("Франция мен Қазақстан қашан дипломатиялық қатынас орнатты?", "kk"),
    ],
)
def test_declines_are_in_the_askers_language(engine: Engine, question: str, lang: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert answer.lang == lang
    assert reply_language(answer.text) == lang, answer.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Трамп посещал Казахстан?", "Трамп"),
        ("Путин посещал Италию?", "Путин"),
        ("Trump ha visitato il Kazakistan?", "Trump"),
        # a capital in another script than the question's marks a name, first or not
        ("Agip компаниясы Қашаған жобасына қашан кірді?", "Agip"),
    ],
)
def test_a_name_first_in_the_sentence_is_still_a_name_we_do_not_know(
    engine: Engine, question: str, name: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and not answer.suggestions, answer.text
    assert name in answer.text


@pytest.mark.parametrize(
    ("question", "shown", "not_shown"),
    [
        ("Италияның Алматыдағы бас консулы кім?", "«Алматы»", "Алматыдағы"),  # its case ending left off
        (
            "Италия президенті Маттарелла Қазақстанға қашан келді?",
            "«Маттарелла»",
            "«Маттарелл»",
        ),  # a name whole
    ],
)
def test_a_name_we_do_not_know_is_quoted_without_its_case_ending(
    engine: Engine, question: str, shown: str, not_shown: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and shown in answer.text and not_shown not in answer.text, (
        answer.text
    )


def test_a_request_word_first_in_the_sentence_is_no_name(engine: Engine) -> None:
    for question in ("Summarize the visits", "Outline the trade between Kazakhstan and Italy"):
        answer = engine.ask(question)
        assert question.split()[0] not in answer.text, answer.text


def test_every_name_spelling_is_understood_in_every_language(engine: Engine) -> None:
    for question in ("When did Проди visit Kazakhstan?", "Когда Prodi посещал Казахстан?"):
        answer = engine.ask(question)
        assert answer.answered and answer.entry_id == "prodi-visits", (question, answer.text)


def test_clarifications_offer_the_choices_in_the_askers_language(engine: Engine) -> None:
    for lang in LANGUAGES:
        answer = engine.ask("agreement", lang=lang)
        assert answer.outcome is Outcome.CLARIFY and answer.suggestions, answer.text
        assert answer.text == engine.texts.get("clarify", lang)
        for suggestion in answer.suggestions:
            assert suggestion.question == engine.entries[suggestion.entry_id].questions.first(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_speaks_the_language(engine: Engine, lang: str) -> None:
    for name in ("start", "help", "topics", "about", *(t.id for t in engine.topics)):
        answer = answer_command(engine, name, lang=lang)
        assert answer is not None and answer.lang == lang
        assert reply_language(answer.text) == lang, (name, answer.text[:200])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_answers_in_every_language(engine: Engine, lang: str) -> None:
    for entry_id in engine.entries:
        answer = engine.answer_entry(entry_id, lang)
        assert answer.lang == lang and answer.text
        assert "{" not in answer.text, answer.text  # every placeholder filled


# -- formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "money", "date"),
    [
        ("en", "16.216 billion US dollars", "12 June 1992"),
        ("ru", "16,216 млрд долларов США", "12 июня 1992 года"),
        ("it", "16,216 miliardi di dollari USA", "12 giugno 1992"),
        ("kk", "16,216 млрд АҚШ доллары", "1992 жылғы 12 маусым"),
    ],
)
def test_numbers_and_dates_follow_the_language(engine: Engine, lang: str, money: str, date: str) -> None:
    writer = engine.texts.writer(lang)
    assert writer.money(Sum(16.216, "USD", "billion", 3), "long") == money
    assert writer.date(When("1992-06-12"), "plain") == date


def test_styles_of_dates_sums_and_lists(engine: Engine) -> None:
    en, ru = engine.texts.writer("en"), engine.texts.writer("ru")
    assert en.fill("{d:in}, {m:in}, {y:in}", d=When("1992-06-12"), m=When("1992-10"), y=When("1996")) == (
        "on 12 June 1992, in October 1992, in 1996"
    )
    assert ru.fill("{m:in}; {m:since}", m=When("2012-06")) == "в июне 2012 года; с июня 2012 года"
    assert en.fill("{x:exact}", x=Sum(1.7, "EUR", "million")) == "1,700,000 euros"
    assert ru.fill("{x:exact}", x=Sum(1.7, "EUR", "million")).replace("\u00a0", " ") == "1 700 000 евро"
    assert en.fill("{p}", p=Figure(93.94, 1, percent=True)) == "93.9%"
    assert en.fill("{y:or}", y=[2014, 2015]) == "2014 or 2015"
    assert engine.texts.writer("kk").join(["a", "b", "c"]) == "a, b және c"
    assert en.fill("{n:count} {n:words} {n:ordinal}", n=3) == "three (3) three third"
    # a count's noun in the form Babel's plural rules give the number
    assert [ru.fill("{n:years}", n=n) for n in (1, 4, 5, 13, 21)] == [
        "1 год",
        "4 года",
        "5 лет",
        "13 лет",
        "21 год",
    ]


@pytest.mark.parametrize(
    "template",
    [
        "{d:in} and {{braces}} {x:exact}, {n:count}",  # parsed once, filled without vformat
        "{y!r} {n:{style}}",  # a conversion and a nested field: vformat's own way
        "{as_of:capital}: {n}",  # a value of the knowledge base's own
        "no fields at all",
    ],
)
def test_a_template_fills_as_pythons_formatter_fills_it(engine: Engine, template: str) -> None:
    writer = engine.texts.writer("en")
    values = {"d": When("1992-06-12"), "x": Sum(1.7, "EUR", "million"), "n": 3, "y": 2014, "style": "words"}
    for _ in range(2):  # parsed, then from what it keeps
        assert writer.fill(template, **values) == writer.vformat(template, (), values)
    with pytest.raises(KeyError):
        writer.fill("{missing}")


def test_a_fact_changed_in_facts_yaml_changes_every_language(data: Path) -> None:
    facts = data / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('since: "2012-06"', 'since: "2012-07"', 1), encoding="utf-8")
    engine = Engine(load_corpus(data))  # not Engine.load: the coverage list promises June
    for lang, month in (("en", "July 2012"), ("ru", "июля 2012"), ("it", "luglio 2012"), ("kk", "шілде")):
        answer = engine.answer_entry("ambassador-of-kazakhstan-in-italy", lang)
        assert month in answer.text, answer.text


# -- what check catches -----------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_a_missing_translation(data: Path) -> None:
    path = data / "texts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("  stale_choice:"))
    kazakh = next(i for i in range(index, index + 6) if lines[i].startswith("    kk:"))
    del lines[kazakh]
    path.write_text("".join(lines), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("texts.yaml" in p and "missing in kk" in p for p in problems), problems


def test_check_reports_a_placeholder_that_differs_between_languages(data: Path) -> None:
    _edit(data / "texts.yaml", "{capabilities}", "{capabilities} {year}")
    problems = knowledge_problems(data)
    assert any("placeholders differ" in p or "unknown placeholder {year}" in p for p in problems), problems


def test_check_reports_a_figure_that_disagrees_with_facts(data: Path) -> None:
    path = data / "entries" / "trade.yaml"
    _edit(path, "{trade.2012.turnover}", "16.500 billion US dollars")
    problems = knowledge_problems(data)
    assert any("trade.yaml" in p and "16.5" in p and "facts.yaml" in p for p in problems), problems


def test_check_reports_a_translation_stating_another_figure(data: Path) -> None:
    path = data / "entries" / "general.yaml"
    _edit(path, "{embassy.KZ.opened:in}", "in 1997")  # a date written by hand, and wrong
    problems = knowledge_problems(data)
    assert any("general.yaml" in p and "1997" in p for p in problems), problems


def test_check_reports_an_official_term_left_out_of_a_translation(data: Path) -> None:
    path = data / "entries" / "politics.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: inter-parliamentary-groups")
    russian = text.index("      ru:", text.index("answer:", start))
    line_end = text.index("\n", russian)
    line = text[russian:line_end]
    assert "Мажилис" in line
    path.write_text(
        text[:russian] + line.replace("Мажилис", "нижняя палата") + text[line_end:], encoding="utf-8"
    )
    problems = knowledge_problems(data)
    assert any("politics.yaml" in p and "Мажилис" in p for p in problems), problems


def test_check_reports_a_word_that_means_two_things(data: Path) -> None:
    _edit(data / "lexicon.yaml", "  export:\n    en: [export,", "  export:\n    en: [export, turnover,")
    problems = knowledge_problems(data)
    assert any("lexicon.yaml" in p and "'turnover'" in p and "one thing" in p for p in problems), problems


def test_a_fifth_language_pack_lists_what_is_missing(data: Path) -> None:
    pack = (data / "languages" / "it.yaml").read_text(encoding="utf-8")
    pack = pack.replace("code: it", "code: es").replace("name: Italiano", "name: Español")
    (data / "languages" / "es.yaml").write_text(pack.replace("locale: it", "locale: es"), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("missing in es" in p for p in problems)
    assert any("es: 0 phrasings" in p for p in problems)


# -- any input, any script --------------------------------------------------------------------

CYRILLIC = st.text(alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x04FF), max_size=60)
MIXED = st.text(
    alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі ABCxyz0123456789.,?!-'«»"),
    max_size=80,
)


@given(text=st.one_of(CYRILLIC, MIXED))
def test_any_cyrillic_text_gets_a_reply_in_a_known_language(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.text and answer.lang in LANGUAGES
    assert engine.ask(text) == answer  # deterministic


@pytest.mark.parametrize(
    ("lang", "word", "number"),
    [
        ("en", "june", 6),
        ("ru", "июня", 6),
        ("ru", "июнь", 6),
        ("it", "giugno", 6),
        ("kk", "маусымнан", 6),  # an ending after the name
        ("kk", "қазанда", 10),
        ("en", "market", None),  # "mar" is too short a name to read an ending after
        ("ru", "года", None),
    ],
)
def test_a_month_is_read_in_its_forms(engine: Engine, lang: str, word: str, number: int | None) -> None:
    assert engine.languages[lang].month_number(word) == number


def test_babel_keeps_none_of_the_tables_the_bot_never_reads(engine: Engine) -> None:
    # the names of every language, territory and time zone: about 5 MiB the bot never writes with
    for language in engine.languages.values():
        data = localedata.load(str(Locale.parse(language.pack.locale)))
        assert not locales.UNREAD & data.keys(), language.code
        assert {"months", "number_symbols", "decimal_formats", "list_patterns", "plural_form"} <= data.keys()


def test_a_stopword_typed_without_the_languages_letters_is_still_a_stopword(engine: Engine) -> None:
    # "тизимдеп берши" (list them, please) read as a typo of a thing asked: a menu, no answer
    kazakh = engine.languages["kk"]
    assert {"тизимдеп", "берши"} <= kazakh.stopwords
    answer = engine.ask("Италия Казакстаннын кандай халыкаралык бастамаларын колдады? тизимдеп берши")
    assert answer.outcome is Outcome.ANSWER and answer.lang == "kk", answer.text


def test_kazakh_typed_with_e_for_its_schwa_is_read(engine: Engine) -> None:
    # "экелинеди" (әкелінеді, typed with э for ә and и for і) was unknown: a menu, no answer
    answer = engine.ask("италиядан казакстанга кандай тауарлар экелинеди")
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "trade-goods-imports", answer.text
