"""Follow-ups and small talk: the engine, the terminal session and the Telegram handlers."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
from telegram.ext import ApplicationBuilder

import handlers
from bot.chat import Session
from bot.evaluate import element_matches, reply_language
from handlers.context import AnyApplication
from knowledge import Answer, Engine, Outcome
from knowledge.followup import CONTEXT_SECONDS, Thread
from tests.doubles.objects import TOKEN
from tests.doubles.recording import RecordingRequest, Updates

# -- the engine ---------------------------------------------------------------------------


def talk(engine: Engine, *lines: str) -> list[Answer]:
    """The answers to ``lines`` asked in order in one conversation."""
    session = Session(engine)
    return [session.reply(line) for line in lines]


@pytest.mark.parametrize(
    ("first", "then", "expect", "lang"),
    [
        ("What were Kazakhstan's exports to Italy in 2013?", "and in 2012?", ["15.466"], "en"),
        ("How much did Kazakhstan export to Italy in 2012?", "and imports?", ["0.959"], "en"),
        ("When did Scalfaro visit Kazakhstan?", "and Prodi?", ["1998", "2007"], "en"),
        ("Who is Kazakhstan's ambassador to Italy?", "since when?", ["2012"], "en"),
        ("When did Berlusconi visit Kazakhstan?", "why did he come in 2010?", ["osce"], "en"),
        ("Каким был импорт Казахстана из Италии в 2013 году?", "а в 2012?", ["0,959"], "ru"),
        ("Какой был товарооборот в 2012 году?", "а экспорт?", ["15,466"], "ru"),
        # "the two openings" after each embassy's: the years between them
        (
            "Quando è stata aperta l'ambasciata del Kazakistan in Italia?",
            "Quanti anni di differenza ci sono tra le due aperture?",
            ["4 anni", "1992", "1996"],
            "it",
        ),
        # in whose honour it was erected: what the obelisk's answer says, asked in another language
        ("When was the obelisk in Trieste opened?", "В честь кого он установлен?", ["воинов"], "ru"),
        # "таких" (such) points back: the visits of the last question's one person
        (
            "Какое соглашение Назарбаев подписал во время визита в Италию в 2009 году?",
            "А сколько всего было таких официальных визитов?",
            ["1994", "1998", "2003"],
            "ru",
        ),
        ("Quando è venuto Berlusconi in Kazakistan?", "e Prodi?", ["1998", "2007"], "it"),
        ("Quanto valeva l'interscambio nel 2013?", "e nel 2012?", ["16,425"], "it"),
        ("2013 жылы сауда айналымы қанша болды?", "ал 2012 жылы?", ["16,425"], "kk"),
        ("Италиядағы Қазақстан елшісі кім?", "Ал Италияның Қазақстандағы елшісі ше?", ["Пьери"], "kk"),
        (
            "What share of Kazakhstan's trade does Italy have?",
            "Which countries are ahead of it?",
            ["Russia", "China"],
            "en",
        ),
        ("Сколько Италия инвестировала в Казахстан?", "По чьим данным?", ["Национальн"], "ru"),
        # "l'ha": "it", the agreement just told, not the strategic partnership's signing
        (
            "Quando è stato raggiunto l'accordo con la Scala?",
            "chi l'ha firmato?",
            ["Kul-Mukhammed", "Lissner"],
            "it",
        ),
        # a place beside the pointer says for whom, not what
        (
            "Cosa prevedeva l'accordo del 2009 con la Scala?",
            "chi l'ha concluso per il Kazakistan?",
            ["Kul-Mukhammed"],
            "it",
        ),
        ("Италия Қазақстандағы елшілігін қашан ашты?", "Астанаға қашан көшті?", ["2005"], "kk"),
        # the embassy takes the ambassador's place; "to whom" typed without the Kazakh letters
        ("Who is Kazakhstan's ambassador in Italy?", "what about Italy's embassy?", ["1992", "Astana"], "en"),
        ("Триесттегі обелиск қашан ашылды?", "кимдерге арналган?", ["жауынгер"], "kk"),
        # "the other one": the other of the two countries than the last question's
        (
            "Since when has the Italian ambassador been in office?",
            "and the other one?",
            ["Yelemesov", "2012"],
            "en",
        ),
        ("С какого года работает посол Италии?", "а другой?", ["Елемесов", "2012"], "ru"),
        ("Da quando è in carica l'ambasciatore italiano?", "e l'altro?", ["Yelemesov", "2012"], "it"),
        ("What did Kazakhstan export to Italy in 2013?", "and the other country?", ["0.993"], "en"),
        # "that year": the one year the last answer told, of a topic of the message's own
        ("When did Masimov and Monti meet?", "and what was the trade turnover that year?", ["16.425"], "en"),
        # "в итоге" (in the end) asks for no outcome
        ("Кто заключил соглашение с Ла Скала?", "а сколько певцов в итоге стажировались?", ["десят"], "ru"),
        # "в том году" only dates it; "with Italy" is the partner, whose goods are imported
        ("Какой был товарооборот с Италией в 2013?", "а импорт в том году?", ["0,993"], "ru"),
        # "а", which spoken Kazakh borrows, opens a follow-up in a Kazakh conversation too
        (
            "2013 жылы Қазақстан мен Италия арасындағы тауар айналымы қанша болды?",
            "а экспорт?",
            ["15,223"],
            "kk",
        ),
        # "that agreement": the one the last answer told, not another entry's agreement
        (
            "How many singers trained at La Scala in 2011?",
            "who signed that agreement and when?",
            ["Lessner"],
            "en",
        ),
        # "before" ending the message is "before that": the visits before the last answer's
        (
            "When did Nazarbayev sign the strategic partnership?",
            "how many times had he visited Italy before?",
            ["1994", "1998", "2003", "three"],
            "en",
        ),
        (
            "Когда Назарбаев подписал стратегическое партнерство?",
            "сколько раз он был в Италии раньше?",
            ["три"],
            "ru",
        ),
        # the span asked of the visits the conversation began with, after the agreement
        (
            "Что подписали во время последнего визита Назарбаева в Италию?",
            "сколько лет прошло между первым и последним визитом?",
            ["15 лет"],
            "ru",
        ),
    ],
)
def test_a_follow_up_continues_the_last_question(
    engine: Engine, first: str, then: str, expect: list[str], lang: str
) -> None:
    _, answer = talk(engine, first, then)
    assert answer.answered, answer.text
    assert answer.lang == lang and reply_language(answer.text) == lang, answer.text
    assert all(element_matches(e, answer.text) for e in expect), answer.text


# Each conversation in every language: a first question, a follow-up, what the answer states.
FIRSTS = {
    "visits": {
        "en": "When did Prodi visit Kazakhstan?",
        "ru": "Когда Проди посещал Казахстан?",
        "it": "Quando Prodi ha visitato il Kazakistan?",
        "kk": "Проди Қазақстанға қашан келді?",
    },
    "person": {
        "en": "When did Scalfaro visit Kazakhstan?",
        "ru": "Когда Скальфаро посетил Казахстан?",
        "it": "Quando Scalfaro ha visitato il Kazakistan?",
        "kk": "Скальфаро Қазақстанға қашан келді?",
    },
    "year": {
        "en": "What was the trade turnover in 2013?",
        "ru": "Какой был товарооборот в 2013 году?",
        "it": "Quanto valeva l'interscambio nel 2013?",
        "kk": "2013 жылы сауда айналымы қанша болды?",
    },
    # "with Italy" names a partner, no direction: the imports asked next are Kazakhstan's
    "partner": {
        "en": "What was the trade turnover with Italy in 2013?",
        "ru": "Какой был товарооборот с Италией в 2013 году?",
        "it": "Quanto valeva l'interscambio con l'Italia nel 2013?",
        "kk": "2013 жылы Италиямен сауда айналымы қанша болды?",
    },
}
FOLLOW_UPS = {
    "visits": (
        {"en": "and how many times?", "ru": "и сколько раз?", "it": "e quante volte?", "kk": "ал неше рет?"},
        ["two|два|due|екі"],
    ),
    "person": (
        {"en": "and Prodi?", "ru": "а Проди?", "it": "e Prodi?", "kk": "ал Проди ше?"},
        ["1998", "2007"],
    ),
    "year": (
        {"en": "and in 2012?", "ru": "а в 2012?", "it": "e nel 2012?", "kk": "ал 2012 жылы?"},
        ["16.425|16,425"],
    ),
    "partner": (
        {
            "en": "and the imports that year?",
            "ru": "а импорт в том году?",
            "it": "e le importazioni quell'anno?",
            "kk": "ал сол жылғы импорт қанша?",
        },
        ["0.993|0,993"],
    ),
}
LANGS = ("en", "ru", "it", "kk")


@pytest.mark.parametrize("topic", sorted(FIRSTS))
@pytest.mark.parametrize(("first_lang", "then_lang"), [(a, b) for a in LANGS for b in LANGS if a != b])
def test_a_follow_up_in_another_language_continues_the_last_question(
    engine: Engine, topic: str, first_lang: str, then_lang: str
) -> None:
    follow_ups, expect = FOLLOW_UPS[topic]
    then = follow_ups[then_lang]
    _, answer = talk(engine, FIRSTS[topic][first_lang], then)
    assert answer.answered, answer.text
    assert all(element_matches(e, answer.text) for e in expect), answer.text
    # In the follow-up's language; when it is too short to tell, the conversation's if the
    # follow-up is in its script ("e Prodi?" after English), else the follow-up's ("а Проди?").
    scripts = {engine.languages[code].script for code in (first_lang, then_lang)}
    assert answer.lang == (engine.detect(then) or (first_lang if len(scripts) == 1 else then_lang)), (
        answer.text
    )


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what was KZ-IT trade in 2012", "and 2014?"),
        ("Какой был товарооборот в 2013 году?", "а в 2014?"),
        ("Quanto era l'interscambio nel 2013?", "e nel 2015?"),
    ],
)
def test_a_year_the_last_answer_lacks_is_declined_not_answered_by_another(
    engine: Engine, first: str, then: str
) -> None:
    # The partners' ranking is dated "as of April 2014": it is no trade figure for 2014.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "trade-figures", answer.text


def test_the_sheets_own_date_answers_no_when(engine: Engine) -> None:
    # The concerts are told "as of April 2014": no date the memorandum was signed on.
    *_, answer = talk(
        engine,
        "Which Italian conservatory signed a memorandum with Kazakhstan?",
        "А кто там даёт концерты?",
        "Когда был подписан этот меморандум?",
    )
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "santa-cecilia-memorandum", answer.text


def test_a_detail_the_sheet_never_gives_is_declined_after_its_subject(engine: Engine) -> None:
    # "тираж" (print run) was an unknown word: the follow-up repeated the guide's answer.
    _, answer = talk(
        engine, "What book about religious sites was published in 2011?", "А каким тиражом её напечатали?"
    )
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "religious-sites-guide", answer.text


def test_an_italian_follow_up_without_its_subject_keeps_the_person(engine: Engine) -> None:
    # "Ha poi visitato Astana?": Italian drops "he"; it is Renzi's visit, which the sheet lacks.
    *_, answer = talk(
        engine, "Chi guidava il nuovo governo italiano formato nel febbraio 2014?", "Ha poi visitato Astana?"
    )
    assert answer.outcome is Outcome.DECLINE and "Renzi" in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("How much did Kazakhstan export to Italy in 2013?", "and the other way round?"),
        ("Cosa esporta il Kazakistan in Italia?", "e viceversa?"),
        ("Қазақстан Италияға не экспорттайды?", "ал керісінше?"),
        ("What does Kazakhstan mainly sell to Italy?", "А в обратную сторону?"),
    ],
)
def test_the_other_way_turns_the_trade_round(engine: Engine, first: str, then: str) -> None:
    exports, imports = talk(engine, first, then)
    assert exports.answered and imports.answered, imports.text
    assert imports.entry_id in {"trade-figures", "trade-goods-imports", "import-structure"}, imports.text
    assert imports.text != exports.text


def test_a_follow_up_naming_another_subject_is_of_it(engine: Engine) -> None:
    # The joint ventures are no part of the trade's share: their number, which the sheet lacks.
    *_, answer = talk(
        engine,
        "What share of Kazakhstan's trade does Italy have?",
        "А какие страны впереди?",
        "E quante sono esattamente le joint venture?",
    )
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "joint-ventures-growth", answer.text


@pytest.mark.parametrize(
    ("then", "name"),
    [
        ("are you sure? I thought it was Monti", "Frattini"),
        ("Вы уверены? Я думал, это был Монти", "Фраттини"),
        ("Sei sicuro? Pensavo fosse Monti", "Frattini"),
    ],
)
def test_a_doubt_is_about_the_last_answer(engine: Engine, then: str, name: str) -> None:
    # Read alone, "Monti" got "Yes: Masimov held talks with Monti", confirming the doubt.
    first = "Who was the Italian Foreign Minister that Kazakhstan's Foreign Minister met at the UN in 2011?"
    _, answer = talk(engine, first, then)
    assert answer.entry_id == "kazykhanov-frattini-meeting" and name in answer.text, answer.text


def test_which_dates_asks_the_days_of_the_last_answer(engine: Engine) -> None:
    # "в какие даты" asked for names ("какие"), which the talks' answer never says: the timeline came.
    _, answer = talk(engine, "Who met Mario Monti in Astana in 2012?", "А в какие даты?")
    assert answer.entry_id == "masimov-monti-talks" and "26 марта" in answer.text, answer.text


def test_a_kazakh_greeting_in_latin_letters_is_no_word_of_the_question(engine: Engine) -> None:
    answer = engine.ask("salem, 2008 zhyly Italiyadan Qazaqstanga kim keldi")
    assert answer.outcome is Outcome.ANSWER and "Берлускони" in answer.text, answer.text


@pytest.mark.parametrize(
    "then", ["А кто его принимал в 2003 году?", "E chi lo ha ricevuto nel 2003?", "Who received him in 2003?"]
)
def test_who_received_him_is_not_in_the_visits(engine: Engine, then: str) -> None:
    # "принимал" was an unknown word: "кто его …" read as "who is he?", which his visits answer.
    _, answer = talk(engine, "How many official visits did Nazarbayev make to Italy?", then)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "visits-to-italy", answer.text


def test_who_and_an_object_pronoun_is_no_who_is_he(engine: Engine) -> None:
    # "кто его подписал" (who signed it) read as "кто он" (who is he), which the agreement answers.
    first = "Какое соглашение подписали во время визита Назарбаева в Италию в 2009 году?"
    _, answer = talk(engine, first, "А кто его подписал с итальянской стороны?")
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert answer.entry_id == "strategic-partnership-agreement", answer.text


def test_a_bare_doubt_gets_the_last_answer_again(engine: Engine) -> None:
    # "are you sure?" alone was a yes/no question: "Yes: …" and Nazarbayev's visits.
    first, again = talk(engine, "What was the outcome of Nazarbayev's 2009 visit?", "are you sure?")
    assert again.entry_id == first.entry_id == "strategic-partnership-agreement", again.text
    assert again.text == first.text


def test_alone_the_same_words_are_no_follow_up(engine: Engine) -> None:
    [answer] = talk(engine, "and in 2012?")
    assert answer.outcome is Outcome.DECLINE, answer.text
    [answer] = talk(engine, "and imports?")
    assert answer.entry_id == "trade-goods-imports"  # which goods, not a figure


def test_a_complete_question_replaces_the_context(engine: Engine) -> None:
    _, answer = talk(
        engine, "Who is the Italian ambassador in Kazakhstan?", "What was the trade turnover in 2012?"
    )
    assert answer.answered and "16.425" in answer.text, answer.text
    _, answer = talk(engine, "When did Prodi visit Kazakhstan?", "Prodi?")
    assert answer.entry_id == "prodi-visits"


@pytest.mark.parametrize(
    "then",
    ["Who is Pieri?", "Кто такой Пьери?", "Chi è Pieri?", "Пьери кім?"],
)
def test_a_whole_question_about_someone_is_asked_alone(engine: Engine, then: str) -> None:
    # "Prodi?" borrows the last question; "Who is Pieri?" asks its own.
    _, answer = talk(engine, "When did Nazarbayev visit Italy in 2009?", then)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.entry_id == "ambassador-of-italy-in-kazakhstan", answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [("Кто посол Италии?", "а Берлускони?"), ("Who is Italy's ambassador?", "what about Berlusconi?")],
)
def test_a_follow_up_about_someone_is_answered_about_them(engine: Engine, first: str, then: str) -> None:
    # Merged with the ambassador, the question would name the ambassador, not Berlusconi.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "berlusconi-visits", answer.text


@pytest.mark.parametrize(
    "lines",
    [
        (
            "When did Nazarbayev make official visits to Italy?",
            "What was signed during the last visit?",
            "how many times in all?",
        ),
        (
            "Назарбаев Италияға қай жылдары ресми сапармен барды?",
            "Соңғы сапарда не қол қойылды?",
            "барлығы неше рет?",
        ),
    ],
)
def test_a_question_naming_no_one_continues_whose_it_was(engine: Engine, lines: tuple[str, str, str]) -> None:
    # "the last visit", then "how many times?": Nazarbayev's, though neither names him.
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.ANSWER and element_matches("four|төрт", answer.text), answer.text


@pytest.mark.parametrize(
    ("first", "then", "expect"),
    [
        ("What was the trade turnover in 2013?", "and the year before?", "16.425"),
        ("Quanto valeva l'interscambio nel 2013?", "e l'anno prima?", "16,425"),
        ("Какой был товарооборот в 2013 году?", "а годом раньше?", "16,425"),
        ("2013 жылы сауда айналымы қанша болды?", "ал алдыңғы жылы?", "16,425"),
        ("What was the trade turnover in 2012?", "and the following year?", "16.216"),
    ],
)
def test_the_year_before_is_the_year_before_the_last_questions(
    engine: Engine, first: str, then: str, expect: str
) -> None:
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.ANSWER and expect in answer.text, answer.text


def test_a_follow_up_that_asks_its_own_kind_leaves_the_last_questions_asking_words(engine: Engine) -> None:
    # "in che anni" asked for years; "quante volte in tutto?" asks how many, not how many years.
    _, answer = talk(
        engine, "In che anni Nazarbayev ha fatto visite ufficiali in Italia?", "Quante volte in tutto?"
    )
    assert element_matches("quattro", answer.text) and "trascorsi" not in answer.text, answer.text


def test_a_span_to_the_last_answer_asked_in_months_is_told_in_months(engine: Engine) -> None:
    # the months are told wherever a span is, not only between two events the question names
    _, answer = talk(
        engine,
        "When did Italy open its embassy in Kazakhstan?",
        "how many months after diplomatic relations were established was that?",
    )
    assert answer.text.startswith("4 months passed between 12 June 1992 and October 1992."), answer.text


def test_how_many_were_they_asks_of_the_last_answers_people(engine: Engine) -> None:
    # "нешеу" asks how many; the sheet gives no number of veterans, not the joint ventures' growth
    *_, answer = talk(
        engine,
        "When was the obelisk to Kazakh soldiers in Trieste opened?",
        "А кто присутствовал на церемонии?",
        "Олар нешеу болды?",
    )
    assert answer.outcome is Outcome.DECLINE and "ардагер" in answer.text, answer.text


def test_a_follow_up_that_only_asks_when_he_went_stays_with_him(engine: Engine) -> None:
    # "in che anno" asks; "ci è andato" names no one: Marchenko's visit, which the sheet leaves undated
    _, answer = talk(
        engine,
        "Chi è il presidente della Banca Nazionale del Kazakistan che ha visitato l'Italia?",
        "In che anno ci è andato?",
    )
    assert answer.entry_id == "marchenko-visit" and "Scalfaro" not in answer.text, answer.text


def test_which_italian_post_asks_italys_person_whoever_made_the_visit(engine: Engine) -> None:
    # the sheet names no Italian who received Nazarbayev in 2009: not the agreement again
    *_, answer = talk(
        engine,
        "When was Nazarbayev's last official visit to Italy?",
        "What was signed during that trip?",
        "Which Italian prime minister welcomed him on that visit?",
    )
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Which Italian prime minister visited Kazakhstan in 2007?", "had he been there before?"),
        ("Какой итальянский премьер посетил Казахстан в 2007 году?", "а раньше он там бывал?"),
        ("Quale premier italiano ha visitato il Kazakistan nel 2007?", "c'era già stato prima?"),
        ("2007 жылы Қазақстанға қай итальян премьері келді?", "ол бұрын да келген бе?"),
    ],
)
def test_been_there_before_asks_of_the_years_before_the_last_questions(
    engine: Engine, first: str, then: str
) -> None:
    # Prodi's visit before 2007 is 1998's; "before" is not a predecessor asked
    _, answer = talk(engine, first, then)
    assert answer.answered and "1998" in answer.text and "2007" not in answer.text, answer.text


def test_the_last_questions_other_does_not_leave_out_what_the_follow_up_names(engine: Engine) -> None:
    # "what other years" left out the years asked before; it does not excuse the agreement from
    # naming the prime minister the follow-up asks for, which the sheet does not give.
    *_, answer = talk(
        engine,
        "When was the strategic partnership agreement between Kazakhstan and Italy signed?",
        "What other years did Nazarbayev visit Italy officially?",
        "Who was Italy's prime minister when it was signed?",
    )
    assert answer.outcome is Outcome.DECLINE, answer


def test_a_question_word_makes_a_question_of_small_talk_words(engine: Engine) -> None:
    # Kazakh "болды" alone is "that will do" (goodbye); "ол қашан болды?" asks when it happened.
    _, answer = talk(
        engine, "Абруццодағы жер сілкінісінен кейін Қазақстан қанша көмек берді?", "ол қашан болды?"
    )
    assert answer.outcome is Outcome.ANSWER and "2009" in answer.text, answer.text
    [bye] = talk(engine, "болды")
    assert bye.outcome is Outcome.CHAT


def test_that_year_is_the_last_questions_year(engine: Engine) -> None:
    *_, answer = talk(
        engine,
        "What was Kazakhstan's trade with Italy in 2013?",
        "and the year before?",
        "imports that year?",
    )
    assert answer.outcome is Outcome.ANSWER and "0.959" in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then", "expect"),
    [
        ("When did Berlusconi visit Kazakhstan in 2010?", "why?", "OSCE"),
        ("Ла Скала театрымен келісім қашан жасалды?", "неге?", "тағылымдама"),  # for internships
    ],
)
def test_a_bare_why_asks_it_of_the_last_question(engine: Engine, first: str, then: str, expect: str) -> None:
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.ANSWER and expect in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("When were diplomatic relations established?", "who signed it?"),
        ("Когда установлены дипломатические отношения?", "кто их подписал?"),
    ],
)
def test_a_question_only_pointing_back_is_about_the_last_subject(
    engine: Engine, first: str, then: str
) -> None:
    # Alone, "who signed it?" found the strategic partnership's signing: "it" is the relations.
    _, answer = talk(engine, first, then)
    assert answer.followup and answer.entry_id == "diplomatic-relations", answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "Which Rome conservatory signed a memorandum with the Kazakh University of Arts?",
            "and in what year?",
        ),
        # no pronoun says "it": the signing is the last question's, the year what is asked
        (
            "Con quale conservatorio romano l'università delle arti kazaka ha firmato un memorandum?",
            "E in che anno è stato firmato?",
        ),
    ],
)
def test_a_cued_follow_up_naming_nothing_new_asks_of_the_last_subject(
    engine: Engine, first: str, then: str
) -> None:
    # Alone, "in che anno è stato firmato?" found the strategic partnership's 2009.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "santa-cecilia-memorandum", answer.text
    assert "2009" not in answer.text


@pytest.mark.parametrize(
    ("lines", "expect"),
    [
        (
            (
                "what were kazakhstan's exports to italy in 2012?",
                "and in 2013?",
                "so how much did they drop?",
            ),
            "243 million",
        ),
        (("What was the trade turnover in 2013?", "and in 2012?", "so how much did it drop?"), "209 million"),
        (
            ("Каким был экспорт Казахстана в Италию в 2012 году?", "а в 2013?", "на сколько он снизился?"),
            "243 млн",
        ),
        # a change alone, no pronoun: still the last figure's
        (
            ("What was Kazakhstan's export to Italy in 2013?", "And in 2012?", "So what's the difference?"),
            "243 million",
        ),
        # a year of its own: the change between it and the last question's
        (
            (
                "What was the trade turnover in 2013?",
                "and imports?",
                "by how much did they grow compared with 2012?",
            ),
            "34 million",
        ),
        (
            (
                "Какой товарооборот был в 2013 году?",
                "а экспорт?",
                "а насколько общий оборот снизился по сравнению с 2012?",
            ),
            "209 млн",
        ),
    ],
)
def test_a_change_after_a_years_figure_is_the_change_of_that_figure(
    engine: Engine, lines: tuple[str, str, str], expect: str
) -> None:
    # Alone, "how much did they drop?" is the turnover's drop; merged with 2012 only, no change.
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.ANSWER and expect in answer.text, answer.text


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Абруццодағы жер сілкінісі қашан болды?",
            "Қазақстан қанша көмек бөлді?",
            "ол ақша не үшін берілді?",
        ),
        ("When was the earthquake in Abruzzo?", "how much did Kazakhstan give?", "what was the money for?"),
    ],
)
def test_what_the_aid_was_for_follows_the_aid(engine: Engine, lines: tuple[str, str, str]) -> None:
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.ANSWER and "Amitern" in answer.text.replace("Амитерн", "Amitern"), (
        answer.text
    )


def test_a_detail_asked_of_what_it_points_to_is_not_another_things(engine: Engine) -> None:
    # "In which Italian city is it?" of Kazakhstan's embassy: the sheet names none; read
    # alone, it described Italy's embassy in Astana.
    *_, answer = talk(
        engine,
        "Италия елшілігі Қазақстанда қашан ашылды?",
        "Ал Қазақстан елшілігі Италияда ше?",
        "Ол Италияның қай қаласында орналасқан?",
    )
    assert answer.outcome is Outcome.DECLINE and "Астана" not in answer.text, answer.text


def test_who_finances_it_asks_of_what_it_points_to(engine: Engine) -> None:
    # Kazakh "оны" (it) was corrected into Russian "они", and ENI's project answered.
    *_, answer = talk(
        engine,
        "Қазақстан-Италия археологиялық экспедициясы қашан басталды?",
        "Ол қай жерде қазба жүргізеді?",
        "Оны қай компания қаржыландырады?",
    )
    assert answer.outcome is Outcome.DECLINE and "ENI" not in answer.text, answer.text


@pytest.mark.parametrize(
    "lines",
    [
        ("When did the archaeological mission in Taldysay start?", "what does it study?", "who funds it?"),
        # another language, the pronoun between the question word and the verb
        (
            "When did the archaeological mission in Taldysay start?",
            "what does it study?",
            "e chi la finanzia?",
        ),
    ],
)
def test_a_follow_up_asking_who_of_what_its_answer_lacks_is_declined(
    engine: Engine, lines: tuple[str, str, str]
) -> None:
    # The mission's answer was repeated, or ENI's project (funded) answered.
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.DECLINE and "ENI" not in answer.text, answer.text
    lead = engine.texts.get("decline_detail", answer.lang, answer="").strip()
    assert answer.text.startswith(lead) and "2001" in answer.text, answer.text


def test_he_is_the_one_person_the_last_answer_names(engine: Engine) -> None:
    # "он" after "during whose visit?" is Nazarbayev, whom the answer named: not the officials (7)
    *_, answer = talk(
        engine,
        "Когда подписали соглашение о стратегическом партнёрстве с Италией?",
        "А во время чьего визита?",
        "А сколько раз он вообще ездил в Италию с официальным визитом?",
    )
    assert answer.answered and "четыре" in answer.text and "Саудабаев" not in answer.text, answer.text


def test_a_lower_tables_none_for_someone_is_not_why_the_best_match_cannot_say(engine: Engine) -> None:
    # "does not list Nazarbayev among the Kazakh officials who visited Italy", after his four visits
    *_, answer = talk(
        engine,
        "When did Nazarbayev make official visits to Italy?",
        "what was signed during the last one?",
        "who signed it for Italy?",
    )
    assert answer.outcome is Outcome.DECLINE and "officials" not in answer.text, answer.text
    assert answer.text.startswith(engine.texts.get("decline_detail", "en", answer="").strip()), answer.text


def test_a_side_said_outright_decides_whose_act_whatever_the_last_question_said(engine: Engine) -> None:
    # "с итальянской стороны" merged with "посещал Италию" (a Kazakh act): the two tied
    *_, answer = talk(
        engine,
        "Какое соглашение подписали в 2009 году во время визита Назарбаева в Италию?",
        "А когда ещё он посещал Италию?",
        "Кто подписал его с итальянской стороны?",
    )
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_his_embassy_is_the_embassy_of_the_last_subject(engine: Engine) -> None:
    # "his embassy" after Italy's ambassador (asked in Italian): the ambassador was kept beside
    # the embassy, and the Kazakh one's post declined
    *_, answer = talk(
        engine,
        "Chi è l'ambasciatore italiano in Kazakistan?",
        "e da quando?",
        "and in which city is his embassy now?",
    )
    assert answer.answered and "Astana" in answer.text and "Yelemesov" not in answer.text, answer.text


def test_that_project_points_back_to_the_project_just_told(engine: Engine) -> None:
    # "who funded that project?" after the guide got the Pergolesi Spontini fund
    *_, answer = talk(
        engine, "When was the guide to the religious sites published?", "who funded that project?"
    )
    assert answer.answered and "ENI" in answer.text, answer.text


def test_a_follow_up_naming_a_thing_is_about_that_thing(engine: Engine) -> None:
    # Merged with the film festivals, "Tempus" found the Levante festival.
    _, answer = talk(
        engine,
        "quali festival cinematografici italiani collaborano con il Kazakistan?",
        "and which university is involved in Tempus?",
    )
    assert answer.entry_id == "tempus-sacro-cuore" and "Sacro Cuore" in answer.text, answer.text


def test_which_chamber_after_the_friendship_groups_is_the_mazhilis(engine: Engine) -> None:
    # "on Kazakhstan's side, in which chamber?": a chamber is what the answer names
    _, answer = talk(
        engine,
        "Қазақстан-Италия парламентаралық достық топтары қашан құрылды?",
        "Қазақстан жағынан қай палатада?",
    )
    assert answer.outcome is Outcome.ANSWER and "Мәжіліс" in answer.text, answer.text


def test_a_follow_up_answered_alone_still_carries_the_conversation(engine: Engine) -> None:
    # "а Проди когда?" is answered by Prodi's visits; "а Ренци?" next still asks about visits.
    *_, answer = talk(
        engine, "Какие премьер-министры Италии приезжали в Казахстан?", "а Проди когда?", "а Ренци?"
    )
    assert answer.entry_id != "renzi-government" and "Ренци" in answer.text, answer.text
    assert _says_no_visit(answer.text), answer.text


def _says_no_visit(text: str) -> bool:
    return element_matches("не зафиксированы|не отмечен|нет", text)


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("When did Scalfaro visit Kazakhstan?", "why did he come?"),
        ("quale presidente italiano è venuto in kazakistan nel 1997?", "perché è venuto?"),
        ("Когда Проди приезжал в Казахстан?", "зачем приезжал?"),
        ("Скальфаро Қазақстанға қашан келді?", "неге келді?"),
    ],
)
def test_why_someone_came_is_declined_when_the_sheet_gives_no_reason(
    engine: Engine, first: str, then: str
) -> None:
    # The subject is in the verb ("è venuto"): the follow-up is about the last visit.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.DECLINE, answer.text
    lead = engine.texts.get("no_reason", answer.lang, found="").strip()
    assert answer.text.startswith(lead) and len(answer.text) > len(lead) + 20, answer.text


def test_why_someone_came_is_answered_when_the_sheet_says(engine: Engine) -> None:
    _, answer = talk(engine, "When did Berlusconi visit Kazakhstan?", "why did he come in 2010?")
    assert answer.outcome is Outcome.ANSWER and "OSCE" in answer.text, answer.text
    assert engine.ask("Why did Berlusconi come to Kazakhstan in 2008?").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Who is Kazakhstan's ambassador to Italy?", "What is the population of Italy?"),
        ("which kazakh universities are in tempus", "whats the weather in astana"),  # "whats" asks too
    ],
)
def test_a_whole_question_the_sheet_cannot_answer_is_declined_plainly(
    engine: Engine, first: str, then: str
) -> None:
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert not answer.source, answer.text  # not what the sheet says of the last subject


def test_a_follow_up_that_cannot_be_resolved_is_not_answered_with_something_else(engine: Engine) -> None:
    _, answer = talk(engine, "What was the trade turnover in 2012?", "and in 2011?")
    assert answer.outcome is Outcome.DECLINE and "2011" in answer.text
    _, answer = talk(engine, "Who is Italy's ambassador to Kazakhstan?", "how tall is the Eiffel Tower?")
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_the_context_outlives_small_talk(engine: Engine) -> None:
    answers = talk(engine, "What was the trade turnover in 2013?", "thanks!", "and in 2012?")
    assert answers[1].outcome is Outcome.CHAT
    assert "16.425" in answers[2].text


def test_a_thread_forgets_after_fifteen_minutes_of_silence(engine: Engine) -> None:
    frame = engine.ask("What was the trade turnover in 2013?").frame
    assert frame is not None
    thread = Thread()
    thread.heard(0.0, frame)
    assert thread.context(CONTEXT_SECONDS) is frame
    assert thread.context(CONTEXT_SECONDS + 1) is None
    thread.heard(CONTEXT_SECONDS + 1, None)  # a message after the silence starts afresh
    assert thread.context(CONTEXT_SECONDS + 2) is None


def test_the_terminal_session_forgets_after_the_silence(engine: Engine) -> None:
    now = [0.0]
    session = Session(engine, clock=lambda: now[0])
    session.reply("What was the trade turnover in 2013?")
    now[0] = CONTEXT_SECONDS + 1
    assert session.reply("and in 2012?").outcome is Outcome.DECLINE


def test_a_picked_choice_is_what_the_conversation_is_about(engine: Engine) -> None:
    picked = engine.answer_entry("trade-figures", "en")
    answer = engine.ask("and in 2012?", context=picked.frame)
    assert answer.answered and "16.425" in answer.text


# -- small talk ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "lang", "kind"),
    [
        ("thanks!", "en", "smalltalk_thanks"),
        ("Thank you very much", "en", "smalltalk_thanks"),
        ("thnks", "en", "smalltalk_thanks"),
        ("who made you?", "en", "smalltalk_maker"),
        ("hi", "en", "smalltalk_greeting"),
        ("what is your source?", "en", "smalltalk_source"),
        ("how current is your information?", "en", "smalltalk_currency"),
        ("When was the fact sheet created?", "en", "smalltalk_currency"),
        ("Бұл анықтама қай күні жасалған?", "kk", "smalltalk_currency"),
        ("what does the fact sheet cover?", "en", "smalltalk_contents"),
        ("Какие разделы есть в этой справке?", "ru", "smalltalk_contents"),
        ("Di quando è questa scheda informativa e di cosa parla?", "it", "smalltalk_contents"),
        ("спасибо", "ru", "smalltalk_thanks"),
        ("Кто ты?", "ru", "smalltalk_identity"),
        ("Что ты умеешь?", "ru", "smalltalk_abilities"),
        ("grazie mille", "it", "smalltalk_thanks"),
        ("Chi ti ha creato?", "it", "smalltalk_maker"),
        ("рахмет", "kk", "smalltalk_thanks"),
        ("Сен кімсің?", "kk", "smalltalk_identity"),
        # "all" and "I" are Italian words too: it once declined "Thanks" in Italian
        ("Thanks, that's all I needed!", "en", "smalltalk_goodbye"),
        ("Grazie mille, sei stato utilissimo!", "it", "smalltalk_thanks"),
    ],
)
def test_small_talk_gets_a_short_reply_in_the_askers_language(
    engine: Engine, message: str, lang: str, kind: str
) -> None:
    answer = engine.ask(message)
    assert answer.outcome is Outcome.CHAT and not answer.answered
    assert answer.lang == lang
    capabilities = engine.texts.get("capabilities", lang)
    assert answer.text == engine.texts.get(kind, lang, capabilities=capabilities)


def test_a_greeting_offers_example_questions_and_a_thank_you_none(engine: Engine) -> None:
    greeting = engine.ask("hello")
    assert 2 <= len(greeting.suggestions) <= 3
    assert all(engine.answer_entry(s.entry_id).answered for s in greeting.suggestions)
    assert engine.ask("thanks").suggestions == ()


def test_a_question_inside_small_talk_wins(engine: Engine) -> None:
    assert engine.ask("Hi, when did Prodi visit Kazakhstan?").entry_id == "prodi-visits"
    assert engine.ask("what is the source of the trade figures?").answered


# -- through the handlers -----------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def app(engine: Engine) -> AsyncIterator[tuple[AnyApplication, RecordingRequest, Clock]]:
    request, clock = RecordingRequest(), Clock()
    application = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    handlers.register(application, engine, clock=clock)
    await application.initialize()
    yield application, request, clock
    await application.shutdown()


async def say(app: AnyApplication, request: RecordingRequest, update: object) -> list[str]:
    request.clear()
    await app.process_update(update)
    return [html.unescape(text) for text in request.sent_texts()]


async def test_a_private_chat_continues_its_own_question(
    app: tuple[AnyApplication, RecordingRequest, Clock],
) -> None:
    application, request, clock = app
    user = Updates(application.bot, 7001)
    await say(application, request, user.private_text("What was the trade turnover in 2013?"))
    [reply] = await say(application, request, user.private_text("and in 2012?"))
    assert "16.425" in reply
    other = Updates(application.bot, 7002)  # another chat never continues this one
    [reply] = await say(application, request, other.private_text("and in 2012?"))
    assert "16.425" not in reply
    clock.now += CONTEXT_SECONDS + 1
    [reply] = await say(application, request, user.private_text("and in 2013?"))
    assert "16.216" not in reply


async def test_group_members_never_continue_each_others_questions(
    app: tuple[AnyApplication, RecordingRequest, Clock],
) -> None:
    application, request, _ = app
    first, second = Updates(application.bot, 7101), Updates(application.bot, 7102)
    await say(application, request, first.group_text("/ask What was the trade turnover in 2013?"))
    [reply] = await say(application, request, second.group_text("/ask and in 2012?"))
    assert "16.425" not in reply
    [reply] = await say(application, request, first.group_text("/ask and in 2012?"))
    assert "16.425" in reply


async def test_a_thank_you_in_telegram_is_no_request_for_a_question(
    app: tuple[AnyApplication, RecordingRequest, Clock], engine: Engine
) -> None:
    application, request, _ = app
    [reply] = await say(application, request, Updates(application.bot, 7201).private_text("thanks!"))
    assert reply == engine.texts.get("smalltalk_thanks", "en")
    assert reply != engine.texts.get("empty", "en", capabilities=engine.texts.get("capabilities", "en"))


# -- the command line ---------------------------------------------------------------------


def test_ask_dialog_carries_context_only_within_a_conversation() -> None:
    lines = "What was the trade turnover in 2013?\nand in 2012?\n\nand in 2012?\n"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--dialog"],
        input=lines,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == 3
    assert replies[1]["answered"] and "16.425" in replies[1]["text"]
    assert not replies[2]["answered"]  # a new conversation: nothing to continue


def test_a_detail_asked_before_is_not_asked_again_by_a_follow_up(engine: Engine) -> None:
    first, then = talk(engine, "Кто руководит археологической экспедицией?", "а когда она началась?")
    assert first.outcome is Outcome.DECLINE  # the sheet names no leader
    assert then.answered and "2001" in then.text, then.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("When was the strategic partnership agreement signed?", "in which city?"),
        ("Quando è stato firmato l'accordo di partenariato strategico?", "e in quale città?"),
        ("Когда было подписано соглашение о стратегическом партнерстве?", "а в каком городе?"),
        ("Ла Скала театрымен келісім қашан жасалды?", "қай қалада?"),
    ],
)
def test_a_follow_up_of_asking_words_alone_asks_the_last_question(
    engine: Engine, first: str, then: str
) -> None:
    # The sheet names no city for either: not the embassy's city, which "city" alone would find.
    before, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == before.entry_id, answer.text
    assert "Astana" not in answer.text and "Астана" not in answer.text, answer.text


def test_a_follow_up_asking_the_city_gets_it_when_the_sheet_names_one(engine: Engine) -> None:
    _, answer = talk(engine, "When did Italy open its embassy in Kazakhstan?", "in which city?")
    assert answer.outcome is Outcome.ANSWER and "Astana" in answer.text, answer.text


def test_a_follow_up_asking_what_for_asks_it_of_the_last_answer(engine: Engine) -> None:
    # "не үшін" (what for) is a concept of its own: looked for alone, it found another entry.
    *_, answer = talk(
        engine, "Абруццодағы жер сілкінісі қашан болды?", "Қазақстан қанша көмек берді?", "не үшін?"
    )
    assert answer.outcome is Outcome.ANSWER and element_matches("Биаджо|Biagio", answer.text), answer.text


def test_a_follow_up_asking_names_finds_the_group_in_the_merged_question(engine: Engine) -> None:
    # The merged question's words start with the follow-up's: "i cantanti" is still what is named.
    *_, answer = talk(
        engine,
        "Quanti cantanti lirici kazaki si sono formati alla Scala nel 2011?",
        "chi ha firmato l'accordo?",
        "come si chiamavano i cantanti?",
    )
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_what_someone_stressed_is_what_the_answer_says_they_stressed(engine: Engine) -> None:
    _, answer = talk(
        engine,
        "Who did Kazakhstan's foreign minister meet at the UN General Assembly in 2011?",
        "and what did he emphasise?",
    )
    assert answer.outcome is Outcome.ANSWER and "economy" in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("What was the trade turnover in 2012?", "what share of it were exports?"),
        (
            "Какой был товарооборот между Казахстаном и Италией в 2012 году?",
            "какую долю в нём занимал экспорт?",
        ),
    ],
)
def test_a_follow_up_pointing_back_keeps_what_it_points_to(engine: Engine, first: str, then: str) -> None:
    # "it" is the turnover: the exports' share of it, not Italy's share of Kazakhstan's exports.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.ANSWER and element_matches("94.2|94,2", answer.text), answer.text


@pytest.mark.parametrize(
    ("lines", "expect"),
    [
        (
            (
                "Which agreement was signed during Nazarbayev's last visit to Italy?",
                "how many years after diplomatic relations were established was that?",
            ),
            ("17", "1992", "2009"),
        ),
        (
            (
                "When did Kazakhstan open its embassy in Italy?",
                "how many years after that did the Italian embassy move to Astana?",
            ),
            ("9", "1996", "2005"),
        ),
        (
            (
                "Когда Казахстан открыл посольство в Италии?",
                "Сколько лет прошло между этим и установлением отношений?",
            ),
            ("4", "1992", "1996"),
        ),
        (
            (
                "Quando è stato firmato l'accordo di partenariato strategico?",
                "quanti anni sono passati tra questo e la prima visita di Nazarbayev in Italia?",
            ),
            ("15", "1994", "2009"),
        ),
        (
            (
                "Италиядағы Қазақстан елшілігі қашан ашылды?",
                "Бұдан кейін неше жылдан соң Италия елшілігі Астанаға көшті?",
            ),
            ("9", "1996", "2005"),
        ),
        # "it signed": after the pointer, words of the last event; one side only, "это было"
        (
            (
                "When was the strategic partnership agreement signed?",
                "How many years after relations were established was it signed?",
            ),
            ("17", "1992", "2009"),
        ),
        (
            (
                "Когда было подписано соглашение о стратегическом партнёрстве?",
                "Через сколько лет после установления отношений это было?",
            ),
            ("17", "1992", "2009"),
        ),
        # one statement of both years: the singers' is the year nearest them ("both in 2009")
        (
            (
                "Who signed the La Scala agreement?",
                "And how many years after that agreement did the singers go?",
            ),
            ("2", "2009", "2011"),
        ),
        # no pointer at all: after A, the last event is the other side (declined before)
        (
            (
                "Quando è stato firmato l'accordo di partenariato strategico?",
                "Quanti anni dopo l'apertura dell'ambasciata kazaka in Italia?",
            ),
            ("13", "1996", "2009"),
        ),
        (
            (
                "When was the strategic partnership agreement signed?",
                "How many years after the establishment of diplomatic relations?",
            ),
            ("17", "1992", "2009"),
        ),
        # "until" A, from the last event (a new user's first chat)
        (
            (
                "when were diplomatic relations established?",
                "и сколько лет прошло до открытия посольства Казахстана в Италии?",
            ),
            ("4", "1992", "1996"),
        ),
    ],
)
def test_a_span_to_that_counts_from_the_last_answers_event(
    engine: Engine, lines: tuple[str, str], expect: tuple[str, str, str]
) -> None:
    # The count, then the two events' years, in the answer's first sentence.
    first, answer = talk(engine, *lines)
    assert first.answered, first.text
    said = answer.text.split(". ")[0].split()
    assert answer.outcome is Outcome.ANSWER and all(n in said for n in expect), answer.text


def test_a_span_between_the_last_subjects_own_events_is_no_span_to_that(engine: Engine) -> None:
    # "his first and last visit": two of the last subject's events, not "that" and another
    _, answer = talk(
        engine, "When did Nazarbayev visit Italy?", "how many years between his first and last visit?"
    )
    assert element_matches("15", answer.text) and "1994" in answer.text and "2009" in answer.text, answer.text


def test_it_named_in_the_question_is_no_pointer_to_the_last_answer(engine: Engine) -> None:
    # "did it move to Astana": the embassy, not the trade turnover of 2013 asked before
    _, answer = talk(
        engine,
        "What was the trade turnover in 2013?",
        "how many years after the embassy opened did it move to Astana?",
    )
    assert "and 2013" not in answer.text, answer.text  # no span counted to the turnover's year


def test_a_span_to_that_without_a_last_answer_is_read_as_written(engine: Engine) -> None:
    answer = engine.ask("how many years after that did the Italian embassy move to Astana?")
    assert not answer.text.startswith("9 years"), answer.text


def test_a_follow_up_asking_from_when_something_is_counted_asks_the_last_answers_start(
    engine: Engine,
) -> None:
    # "с какого года считается?" after the investment: since 1994, not Italy's view ("считает")
    _, answer = talk(engine, "Сколько Италия инвестировала в Казахстан?", "А с какого года считается?")
    assert answer.outcome is Outcome.ANSWER and "1994" in answer.text, answer.text


def test_a_follow_up_asking_its_own_kind_drops_the_last_questions_asking_words(engine: Engine) -> None:
    # "как звали этих певцов?" after "сколько лет …?" asked a quantity again and got La Scala
    answers = talk(
        engine,
        "Что известно о сотрудничестве с театром Ла Скала?",
        "сколько лет прошло от соглашения до стажировки?",
        "как звали этих певцов?",
    )
    said = engine.texts.get("decline_detail", "ru", answer="")  # "the sheet does not give that detail"
    last = answers[-1]
    assert last.outcome is Outcome.DECLINE and last.text.startswith(said.strip()), last.text


def test_a_change_with_a_year_of_its_own_takes_no_year_of_another_topic(engine: Engine) -> None:
    # after "the ambassador before 2011", "since 2012" was compared with 2011: no trade for 2011
    _, answer = talk(
        engine,
        "Кто был послом Италии в Казахстане до 2011 года?",
        "by what percent did trade drop since 2012?",
    )
    assert answer.outcome is Outcome.ANSWER and "1.3%" in answer.text, answer.text


def test_a_follow_up_pointing_back_to_a_person_is_not_answered_without_them(engine: Engine) -> None:
    # "did he sign any agreements on those trips?" after Berlusconi got "Yes:" and Nazarbayev's 2009 signing
    *_, answer = talk(
        engine,
        "When did Prodi visit Kazakhstan?",
        "And Berlusconi?",
        "did he sign any agreements on those trips?",
    )
    assert "Berlusconi" in answer.text and not answer.text.startswith("Yes"), answer.text


SIGNED = "When did Nazarbayev sign the strategic partnership agreement with Italy?"


@pytest.mark.parametrize(
    ("then", "told", "left_out"),
    [
        # "before that": the years before the last answer's event (2009), read as "before 2009"
        ("how many times had he visited Italy officially before that?", ["1994", "2003", "3"], ["2009"]),
        ("and which years did Nazarbayev visit Italy before that?", ["1994", "1998", "2003"], ["2009"]),
        ("а в какие годы он ездил в Италию до этого?", ["1994", "1998", "2003"], ["2009"]),
        # "before that trip": "that trip" only dates it, it points back to no one
        ("and how many official visits had Nazarbayev made before that trip?", ["1994", "3"], ["2009"]),
        # "he" is the last question's one person, read alone: his visits, not the agreement again
        ("what other years did he go there officially?", ["1994", "2003"], ["Kazakhstan and Italy signed"]),
        # "been in Italy" says no visit, "era stato" no "he": still his visits before 2009
        ("and when had he been in Italy before that?", ["1994", "2003"], ["2009"]),
        ("e quando era stato in Italia prima di allora?", ["1994", "2003"], ["2009"]),
        ("e quando era stato in Italia prima di quella visita?", ["1994", "2003"], ["2009"]),
    ],
)
def test_a_follow_up_bounded_by_the_last_event_tells_the_others(
    engine: Engine, then: str, told: list[str], left_out: list[str]
) -> None:
    _, answer = talk(engine, SIGNED, then)
    assert answer.answered, answer.text
    assert all(t in answer.text for t in told) and not any(t in answer.text for t in left_out), answer.text


@pytest.mark.parametrize(
    "then",
    [
        "and who was Italy's PM at that time?",  # the sheet names none for 2009
        "and what was the trade turnover that year?",  # no figures for 2009: not the agreement again
    ],
)
def test_a_follow_up_dated_by_the_last_event_asks_of_that_year(engine: Engine, then: str) -> None:
    _, answer = talk(engine, SIGNED, then)
    assert answer.outcome is Outcome.DECLINE and "2009" in answer.text, answer.text
    assert not answer.text.startswith("Kazakhstan and Italy signed"), answer.text


@pytest.mark.parametrize(
    ("first", "then", "told", "left_out"),
    [
        # "le sue … precedenti": the previous visits of the one person the last answer named
        (
            "Quando è stato firmato l'accordo di partenariato strategico?",
            "e le sue visite ufficiali precedenti in Italia?",
            ["1994", "1998", "2003"],
            ["2009"],
        ),
        # "later": after the last question's year, the way it asked (Italy's visitors)
        ("who from italy visited kazakhstan in 1998?", "did he come back later?", ["2007"], ["1998"]),
    ],
)
def test_a_follow_up_before_or_after_the_last_year_reads_it_so(
    engine: Engine, first: str, then: str, told: list[str], left_out: list[str]
) -> None:
    _, answer = talk(engine, first, then)
    assert answer.answered, answer.text
    assert all(t in answer.text for t in told) and not any(t in answer.text for t in left_out), answer.text


def test_a_yes_no_follow_up_of_him_in_a_year_is_about_him(engine: Engine) -> None:
    # "he" is Nazarbayev, whom the last answers named: not Monti's talks of 2012 with a "Yes"
    *_, answer = talk(engine, SIGNED, "and his earlier trips there?", "did he also go in 2012?")
    assert not answer.text.startswith("Yes") and "Monti" not in answer.text, answer.text
    assert "Nazarbayev" in answer.text and "2012" in answer.text, answer.text


@pytest.mark.parametrize(
    "lines",
    [
        # "that trip" is the 2009 visit: the sheet names no one he met there
        (SIGNED, "and which other years did he visit?", "who did he meet in Rome on that trip?"),
        # "quella visita" is Prodi's of 2007, not the 2009 signing in Rome
        (
            "Which Italian leader visited Kazakhstan in 1997?",
            "А в 2007?",
            "E cosa ha firmato durante quella visita?",
        ),
    ],
)
def test_a_detail_of_the_visit_pointed_back_to_is_declined_when_the_sheet_lacks_it(
    engine: Engine, lines: tuple[str, ...]
) -> None:
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id, answer.text
    assert "Partnership" not in answer.text and "partenariato" not in answer.text, answer.text


def test_talks_pointed_back_to_are_placed_where_they_were_held(engine: Engine) -> None:
    _, answer = talk(engine, "When did Masimov hold talks with Monti?", "где проходили эти переговоры?")
    assert answer.answered and "Астана" in answer.text and "Талдысай" not in answer.text, answer.text


def test_a_span_between_two_answers_asked_in_months_counts_the_months(engine: Engine) -> None:
    *_, answer = talk(
        engine,
        "Da quando A. Pieri è ambasciatore d'Italia in Kazakistan?",
        "e l'altro, quello kazako in Italia?",
        "e in mesi, quanto tempo c'è tra le due nomine?",
    )
    assert answer.answered and "12 mesi" in answer.text, answer.text


@pytest.mark.parametrize(
    "lines",
    [
        (
            "What was the trade turnover between Kazakhstan and Italy in 2012?",
            "and in 2013?",
            "how much of that was Kazakh exports?",
        ),
        ("Какой был товарооборот в 2013 году?", "сколько из этого составил экспорт Казахстана?"),
    ],
)
def test_a_part_of_that_is_the_part_of_the_last_years_figure(engine: Engine, lines: tuple[str, ...]) -> None:
    # "of that", "из этого": of the 2013 turnover just told, not of every year's
    *_, answer = talk(engine, *lines)
    assert (
        answer.answered
        and "15.223" in answer.text.replace(",", ".")
        and "15.466" not in answer.text.replace(",", ".")
    ), answer.text


def test_a_weak_merged_answer_gives_way_to_a_sure_decline(engine: Engine) -> None:
    # "e ... poi" points back, but the meeting does not say whether Frattini came to Astana.
    *_, last = talk(
        engine,
        "Who did E. Kazykhanov meet in September 2011?",
        "а в рамках какой сессии ООН это было?",
        "e Frattini è poi venuto ad Astana?",
    )
    assert last.outcome is Outcome.DECLINE, last.text
    assert last.lang == "it"


@pytest.mark.parametrize(
    "lines",
    [
        ("When was the strategic partnership agreement signed?", "and his previous visit to Italy?"),
        (
            "Quando è stato firmato l'accordo di partenariato strategico tra Kazakistan e Italia?",
            "in quale occasione?",
            "e la sua visita precedente in Italia?",
        ),
    ],
)
def test_the_previous_visit_is_one_before_the_last_answers(engine: Engine, lines: tuple[str, ...]) -> None:
    # "previous" alone asks a predecessor the sheet never names; "previous visit" asks of earlier visits.
    *_, last = talk(engine, *lines)
    assert last.outcome is Outcome.ANSWER, last.text
    assert "2003" in last.text and "2009" not in last.text, last.text


def test_a_previous_post_is_still_a_predecessor_the_sheet_never_names(engine: Engine) -> None:
    *_, last = talk(
        engine,
        "Who is Kazakhstan's ambassador to Italy?",
        "С какого времени он занимает эту должность?",
        "E qual era il suo incarico precedente?",
    )
    assert last.outcome is Outcome.DECLINE, last.text


def test_the_one_before_the_last_answers_year(engine: Engine) -> None:
    # "and the one before?" after "his last visit" (2009, a year the question never named)
    *_, last = talk(engine, "When was Nazarbayev's last official visit to Italy?", "and the one before?")
    assert last.outcome is Outcome.ANSWER, last.text
    assert "2003" in last.text and "2009" not in last.text, last.text


def test_a_role_the_sheet_never_names_is_declined_in_a_follow_up(engine: Engine) -> None:
    # "the conductor" got La Scala's paragraph again, which names its director.
    *_, last = talk(engine, "What did Kazakhstan agree with La Scala?", "and who was the conductor there?")
    assert last.outcome is Outcome.DECLINE, last.text


def test_a_detail_asked_in_another_language_does_not_follow_into_the_next(engine: Engine) -> None:
    # "кто договорился?" (who agreed) was answered; its phrase, read as an Italian detail, made
    # "e in che anno?" a decline.
    *_, last = talk(engine, "La Scala Kazakhstan", "кто договорился?", "e in che anno?")
    assert last.outcome is Outcome.ANSWER and "2009" in last.text, last.text


def test_their_names_after_the_singers_are_names_the_sheet_never_gives(engine: Engine) -> None:
    # The agreement's reply names the minister and the director, not the singers asked about.
    *_, last = talk(engine, "La Scala agreement 2009?", "а певцы когда?", "олардың аттары кім?")
    assert last.outcome is Outcome.DECLINE, last.text


def test_italian_it_was_about_is_no_treaty(engine: Engine) -> None:
    # "si trattava" stems like "trattato" (treaty): the session asked about was declined.
    *_, last = talk(
        engine,
        "Chi ha incontrato Kazykhanov all'Assemblea generale dell'ONU?",
        "e di quale sessione si trattava?",
    )
    assert last.outcome is Outcome.ANSWER and "66" in last.text, last.text


def test_that_occasion_points_back_and_his_education_is_never_given(engine: Engine) -> None:
    *_, visitor = talk(
        engine,
        "Quando è stato firmato l'accordo di partenariato strategico?",
        "Chi era in visita in Italia in quell'occasione?",
    )
    assert visitor.outcome is Outcome.ANSWER and "Nazarba" in visitor.text, visitor.text
    *_, education = talk(engine, "Who is Kazakhstan's ambassador to Italy?", "А какое у него образование?")
    assert education.outcome is Outcome.DECLINE, education.text  # not the Bologna process


@pytest.mark.parametrize(
    "then",
    ["E Berlusconi quando è venuto in Kazakistan?", "And when did Berlusconi come to Kazakhstan?"],
)
def test_when_of_someone_new_asks_of_any_year_not_the_last_ones(engine: Engine, then: str) -> None:
    # 2012 was the year of Monti's talks: Berlusconi's visits are of 2008 and 2010
    first = "Which Italian prime minister held talks with Masimov in Astana in 2012?"
    answer = talk(engine, first, then)[-1]
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert "Berlusconi" in answer.text and "2008" in answer.text and "2012" not in answer.text, answer.text


@pytest.mark.parametrize(
    "then",
    ["e quali altre visite ufficiali ha fatto in Italia?", "what other official visits to Italy?"],
)
def test_other_visits_are_more_of_the_last_subjects_not_a_detail_of_the_last_thing(
    engine: Engine, then: str
) -> None:
    # the agreement was signed on Nazarbayev's 2009 visit: his other visits, not "no such detail"
    first = "Quando Nazarbayev ha firmato l'accordo di partenariato strategico con l'Italia?"
    answer = talk(engine, first, then)[-1]
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert all(year in answer.text for year in ("1994", "1998", "2003")), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which ambassador has served longer, Yelemesov or Pieri?",
        "Кто из послов дольше на посту, Елемесов или Пьери?",
        "Chi è in carica da più tempo, Yelemesov o Pieri?",
        "Қай елші ұзағырақ қызмет етіп жүр, Елемесов пе әлде Пьери ме?",
    ],
)
def test_who_has_served_longer_is_who_took_up_the_post_first(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.text.index("2011") < answer.text.index("2012"), answer.text


def test_a_decline_of_that_meeting_quotes_that_meeting(engine: Engine) -> None:
    # the sheet says nothing was signed there; what it does say is of that meeting, not Monti's talks
    answers = talk(
        engine,
        "Which Italian foreign minister did Kazakhstan's foreign minister meet at the UN in 2011?",
        "and who was the Kazakh minister?",
        "what did they sign at that meeting?",
    )
    assert answers[-1].outcome is Outcome.DECLINE, answers[-1].text
    assert "Frattini" in answers[-1].text and "Monti" not in answers[-1].text, answers[-1].text


def test_who_at_that_meeting_is_named_by_the_meetings_answer_and_they_signed_nothing_there(
    engine: Engine,
) -> None:
    answers = talk(
        engine,
        "Which Italian foreign minister met Kazakhstan's foreign minister at the UN in September 2011?",
        "And who was the Kazakh minister at that meeting?",
        "What agreement did they sign there?",
    )
    assert answers[1].outcome is Outcome.ANSWER and "Kazykhanov" in answers[1].text, answers[1].text
    # the 2009 agreement was signed on Nazarbayev's visit, not by these two
    assert answers[2].outcome is Outcome.DECLINE and "Frattini" in answers[2].text, answers[2].text


def test_that_thing_of_an_earlier_turn_is_not_the_last_answers_person(engine: Engine) -> None:
    answers = talk(
        engine,
        "When was the strategic partnership agreement between Kazakhstan and Italy signed?",
        "Who is Italy's ambassador in Astana?",
        "and that agreement? during whose visit was it signed?",
    )
    # "whose" is not Pieri's: the agreement was signed on Nazarbayev's 2009 visit
    assert answers[-1].outcome is Outcome.ANSWER and "Nazarbayev" in answers[-1].text, answers[-1].text


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        # "si trova" (is located) with no subject of its own asks of the last thing
        ("Quando è stato inaugurato l'obelisco per i soldati kazaki?", "In quale città si trova?", "Trieste"),
        # "на основании" (on the basis of) founds nothing
        ("Who went to La Scala for internships?", "А на основании какого соглашения?", "2009"),
    ],
)
def test_a_follow_up_with_no_subject_of_its_own_asks_of_the_last_thing(
    engine: Engine, first: str, then: str, said: str
) -> None:
    answer = talk(engine, first, then)[-1]
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


def test_who_trained_at_la_scala_is_answered_by_the_singers(engine: Engine) -> None:
    # "who trained there?" asks who were trained: ten opera singers, unnamed but told
    answer = engine.ask("Who trained at La Scala in 2011?")
    assert answer.outcome is Outcome.ANSWER and "ten" in answer.text, answer.text


def test_he_after_an_answer_that_named_him_is_him_when_the_last_question_is_unsure(engine: Engine) -> None:
    # "who heads the embassy?" named Yelemesov; "он" is him, not the embassies to choose from
    answer = talk(engine, "Who heads Kazakhstan's embassy in Italy?", "а с какого года он на этом посту?")[-1]
    assert answer.outcome is Outcome.ANSWER and "2012" in answer.text, answer.text


def test_her_after_the_mission_is_the_mission_whose_funding_the_sheet_never_gives(engine: Engine) -> None:
    # "на неё" points back: not the 1.7 million euros of aid after the earthquake
    answers = talk(
        engine,
        "When did the archaeological mission in Taldysay begin?",
        "А что изучает эта экспедиция?",
        "Сколько денег на неё выделили?",
    )
    assert answers[-1].outcome is Outcome.DECLINE and "1,7" not in answers[-1].text, answers[-1].text


def test_how_old_after_the_ambassador_is_his_age_the_sheet_never_gives(engine: Engine) -> None:
    answers = talk(
        engine, "Chi è l'ambasciatore d'Italia in Kazakistan?", "Da quando è in carica?", "E quanti anni ha?"
    )
    assert answers[-1].outcome is Outcome.DECLINE, answers[-1].text


@pytest.mark.parametrize(
    ("lines", "expect"),
    [
        (("Trade turnover in 2012?", "and in 2013?", "what's the average of those two years?"), "16.321"),
        (("Trade turnover in 2012?", "and in 2013?", "and both years combined?"), "32.641"),
        (("Каким был товарооборот в 2012 году?", "а в 2013?", "а в среднем за эти два года?"), "16,321"),
        (("Quanto era l'interscambio nel 2012?", "e nel 2013?", "e la somma dei due anni?"), "32,641"),
        (("2012 жылы тауар айналымы қанша болды?", "ал 2013 жылы?", "екі жылдың орташасы қанша?"), "16,321"),
    ],
)
def test_both_years_after_a_year_then_another_are_the_two_asked(
    engine: Engine, lines: tuple[str, ...], expect: str
) -> None:
    # "and in 2013?" replaced 2012: "those two years" were 2013's alone, told again
    answer = talk(engine, *lines)[-1]
    assert answer.outcome is Outcome.ANSWER and expect in answer.text, answer.text


def test_both_years_need_two_asked_of_the_same_entry(engine: Engine) -> None:
    # one year asked: nothing earlier to add, the year stays the last one's
    answer = talk(engine, "Trade turnover in 2013?", "what's the average of those two years?")[-1]
    assert "16.321" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("lines", "expect"),
    [
        (
            (
                "When did Nazarbayev first visit Italy officially?",
                "And when was the strategic partnership agreement signed?",
                "How many years between them?",
            ),
            "15",
        ),
        (
            (
                "Когда Назарбаев впервые посетил Италию с официальным визитом?",
                "А когда было подписано соглашение о стратегическом партнёрстве?",
                "Сколько лет прошло между этими двумя событиями?",
            ),
            "15",
        ),
        (
            (
                "Quando sono state stabilite le relazioni diplomatiche?",
                "E quando il Kazakistan ha aperto la sua ambasciata in Italia?",
                "Quanti anni sono passati tra i due eventi?",
            ),
            "4",
        ),
    ],
)
def test_years_between_these_two_events_are_between_the_last_two_answers(
    engine: Engine, lines: tuple[str, ...], expect: str
) -> None:
    # the last answer was told again, with no number of years
    answer = talk(engine, *lines)[-1]
    assert answer.outcome is Outcome.ANSWER and element_matches(expect, answer.text), answer.text
    assert answer.text.split()[0] != talk(engine, *lines[:2])[-1].text.split()[0], answer.text


def test_a_detail_alone_after_talks_is_of_the_talks_which_lack_it(engine: Engine) -> None:
    # "cosa hanno firmato?" got the 2009 agreement, signed at no talks of Masimov and Monti
    answers = talk(
        engine, "Ciao bot, quando si sono incontrati Masimov e Monti?", "e dove?", "cosa hanno firmato?"
    )
    assert answers[-1].outcome is Outcome.DECLINE and "2009" not in answers[-1].text, answers[-1].text


def test_a_post_the_sheet_never_names_is_declined_in_a_follow_up(engine: Engine) -> None:
    # "who was the OIC's secretary general then?" repeated the chairmanships as an answer
    answers = talk(
        engine,
        "Hi bot, which Kazakh chairmanships did Italy support?",
        "а в каком году было председательство в ОИС?",
        "а кто тогда был генсеком ОИС?",
    )
    assert answers[-1].outcome is Outcome.DECLINE, answers[-1].text


def test_it_after_the_obelisk_is_the_obelisk_even_when_unsure(engine: Engine) -> None:
    # "Ол қай күні ашылды?" (when was it opened?) got the embassies' openings, read alone
    answers = talk(
        engine,
        "Which monument did Kazakhstan open in Italy in 2010?",
        "А где именно он находится?",
        "Ол қай күні ашылды?",
    )
    assert answers[-1].entry_id == "obelisk" and "елшілігі" not in answers[-1].text, answers[-1].text


def test_who_funded_the_project_after_the_guide_is_told_by_the_guide(engine: Engine) -> None:
    # "финансируемого ENI проекта" was no financing to the guide's Russian reply: "not given"
    answers = talk(
        engine,
        "What book was published in 2011 about religious sites in Kazakhstan?",
        "E dove è stato presentato?",
        "А кто финансировал этот проект?",
    )
    assert answers[-1].outcome is Outcome.ANSWER and "ENI" in answers[-1].text, answers[-1].text


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Chi è l'ambasciatore d'Italia in Kazakistan?", "e dove ha studiato?"),
        ("Who is Italy's ambassador to Kazakhstan?", "and where did he study?"),
        ("Италияның Қазақстандағы елшісі кім?", "ол қайда оқыды?"),
    ],
)
def test_where_the_ambassador_studied_is_declined_of_him(engine: Engine, first: str, then: str) -> None:
    # "e dove ha studiato?" repeated his post; in English and Kazakh it named someone else
    answer = talk(engine, first, then)[-1]
    assert answer.outcome is Outcome.DECLINE and element_matches("Pieri|Пьери", answer.text), answer.text


def test_a_colleague_of_the_person_just_told_is_the_other_sides_counterpart(engine: Engine) -> None:
    # "collega" was read as "collegamento" (the geopolitical bridge): the detail never given.
    *_, answer = talk(
        engine,
        "Who is Kazakhstan's ambassador to Italy?",
        "с какого года он на этом посту?",
        "e il suo collega italiano ad Astana chi è?",
    )
    assert answer.outcome is Outcome.ANSWER and "Pieri" in answer.text and answer.lang == "it", answer.text


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Какое место Италия занимает среди торговых партнеров Казахстана?",
            "А какие страны впереди неё?",
            "А какая у них доля в товарообороте?",
        ),
        (
            "Which countries are ahead of Italy among Kazakhstan's trade partners?",
            "and what are their shares?",
        ),
    ],
)
def test_their_share_after_which_countries_is_those_countries_and_declined(
    engine: Engine, lines: tuple[str, ...]
) -> None:
    # "у них" (their) was read as Italy, whose 16% came back as their share.
    *_, answer = talk(engine, *lines)
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_the_difference_between_them_after_two_years_is_still_computed(engine: Engine) -> None:
    # "между ними" points back at the two years; "долларов США" names no country asked of
    *_, answer = talk(
        engine,
        "Какой был товарооборот Казахстана с Италией в 2012 году?",
        "А в 2013?",
        "И какая разница между ними?",
    )
    assert answer.outcome is Outcome.ANSWER and "209" in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then", "expect"),
    [
        (
            "When did Italy open its embassy?",
            "How many years between the start of the archaeological mission and the conference at "
            "Nazarbayev University?",
            ("10", "2001", "2011"),
        ),
        (
            "Правда, что Назарбаев посещал Италию пять раз?",
            "Quanti anni separano l'inizio della missione archeologica dalla conferenza all'Università "
            "Nazarbayev?",
            ("10", "2001", "2011"),
        ),
        (
            "What did Kazakhstan give after the earthquake?",
            "how many days between the abruzzo earthquake and the obelisk opening?",
            ("384",),
        ),
    ],
)
def test_a_span_naming_both_events_is_itself_in_a_conversation(
    engine: Engine, first: str, then: str, expect: tuple[str, ...]
) -> None:
    # After any answer, it was read as a follow-up of it and declined as a detail of the last entry.
    _, answer = talk(engine, first, then)
    assert answer.outcome is Outcome.ANSWER and all(e in answer.text for e in expect), answer.text


@pytest.mark.parametrize(
    "follow_up", ["so how many % lower", "so what's the drop between the two in percent?"]
)
def test_a_drop_asked_after_two_years_figures_is_worked_out_not_the_share(
    engine: Engine, follow_up: str
) -> None:
    # "%" also asks Italy's share among partners, which cannot say how much lower: the figures can
    *_, answer = talk(engine, "What was the trade turnover in 2013?", "and in 2012?", follow_up)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "trade-figures", answer.text
    assert "1.3%" in answer.text and "209" in answer.text, answer.text


def test_a_kazakh_follow_up_asking_the_ambassador_before_him_is_declined(engine: Engine) -> None:
    # "оның алдындағы елші" (the ambassador before him): the sheet names no predecessor
    *_, answer = talk(engine, "Италияның Қазақстандағы елшісі кім?", "ал оның алдындағы елші кім болды?")
    assert answer.outcome is Outcome.DECLINE and answer.lang == "kk", answer.text


def test_years_from_the_first_to_the_last_asked_after_the_visits_are_between_them(engine: Engine) -> None:
    # "dalla prima all'ultima" once counted from the first visit to the sheet's year (20 years)
    *_, answer = talk(
        engine,
        "In che anni Nazarbayev ha visitato ufficialmente l'Italia?",
        "Quanti anni sono passati dalla prima all'ultima?",
    )
    assert answer.outcome is Outcome.ANSWER and "15 anni" in answer.text and "2014" not in answer.text, (
        answer.text
    )


def test_a_difference_asked_after_two_years_is_between_them_not_the_other_choices(engine: Engine) -> None:
    # "what's the difference in percent?" offered the import structure and the figures
    *_, answer = talk(
        engine, "What was the trade turnover in 2013?", "and in 2012?", "what's the difference in percent?"
    )
    assert answer.outcome is Outcome.ANSWER and "1.3%" in answer.text, answer.text


def test_a_difference_between_two_figures_of_one_year_is_no_change_over_time(engine: Engine) -> None:
    # "разница между ними" after exports and imports of 2013: not imports' change since 2012
    *_, answer = talk(
        engine,
        "Сколько Казахстан экспортировал в Италию в 2013 году?",
        "А импорт в том же году?",
        "А какая разница между ними?",
    )
    assert "3,5%" not in answer.text, answer.text


def test_an_italian_fall_in_percent_after_two_years_is_worked_out(engine: Engine) -> None:
    # the figures' Italian phrasings said no "calo": Italy's share among partners was offered
    *_, answer = talk(
        engine, "Quanto valeva l'interscambio nel 2013?", "e nel 2012?", "di quanto è calato in percentuale?"
    )
    assert answer.outcome is Outcome.ANSWER and "1,3%" in answer.text, answer.text
