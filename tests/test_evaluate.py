"""The evaluation's scoring rule, question-file parsing and report."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot import evaluate
from bot.evaluate import (
    EvalFileError,
    EvalItem,
    Tally,
    build_report,
    format_report,
    item_correct,
    load_items,
    parse_items,
    reply_language,
)
from knowledge import Answer, Engine, Outcome
from knowledge.expect import element_matches, normalize, token_matches


def answered(text: str) -> Answer:
    return Answer(Outcome.ANSWER, text, entry_id="e", confidence=0.9)


def declined(text: str = "Sorry, I don't have that.") -> Answer:
    return Answer(Outcome.DECLINE, text)


# ---- token_matches: the examples of the question file's header ----


def test_header_examples() -> None:
    assert token_matches("strengthen", "aimed at strengthening ties")
    assert not token_matches("eni", "a scenic route")
    assert not token_matches("16", "about 160 companies")
    assert not token_matches("16", "a share of 16.4 percent")


@pytest.mark.parametrize(
    "text", ["a 16% share", "16, then", "16.", "16 percent", "(16)", "16", "was 16\nthen"]
)
def test_number_token_ends_the_number(text: str) -> None:
    assert token_matches("16", text)


@pytest.mark.parametrize("text", ["160", "16.4", "16,4", "2016", "x16", "16425"])
def test_number_token_does_not_match_inside_a_number(text: str) -> None:
    assert not token_matches("16", text)


def test_decimal_token_is_matched_whole() -> None:
    assert token_matches("16.425", "reached USD 16.425 billion.")
    assert token_matches("16,425", "reached 16,425 billion")
    assert not token_matches("16.42", "reached 16.425 billion")
    assert not token_matches("16.4", "16.425")


def test_date_parts_match_after_punctuation() -> None:
    # "not preceded by a letter or digit": a dot before the year is fine.
    assert token_matches("1992", "on 12.06.1992")
    assert token_matches("12.06.1992", "on 12.06.1992")
    # ... but "12" does not end the number there, hence the header's alternatives.
    assert not token_matches("12", "on 12.06.1992")
    assert element_matches("12|12.06.1992|twelfth", "on 12.06.1992")


def test_later_occurrence_can_match() -> None:
    assert token_matches("eni", "scenic views; Eni operates there")
    assert token_matches("16", "160 firms, a 16% share")


def test_word_start_counts_digits_as_word_characters() -> None:
    assert not token_matches("th", "66th")
    assert token_matches("66th", "the 66th session")


def test_case_and_unicode_folding() -> None:
    assert token_matches("ENI", "eni")
    assert token_matches("astana", "ASTANA")
    assert token_matches("strasse", "Via Straße")  # casefold: ß -> ss
    assert token_matches("16 %", "16\u00a0%")  # NFKC: no-break space -> space
    assert token_matches("ﬁat", "Fiat")  # NFKC: the "fi" ligature
    assert token_matches("2009", "in ２００９")  # NFKC: full-width digits
    assert token_matches("шестнадцат", "Шестнадцать процентов")


def test_whitespace_runs_are_one_space() -> None:
    assert token_matches("strategic partnership", "a strategic\n  partnership")


def test_empty_token_never_matches() -> None:
    assert not token_matches("", "anything")
    assert not token_matches("  ", "anything")


def test_token_starting_with_punctuation_is_not_word_bound() -> None:
    assert token_matches("-th", "66-th session")


@given(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12))
def test_a_word_matches_itself_and_not_inside_a_word(word: str) -> None:
    assert token_matches(word, f"before {word} after")
    assume(not normalize(f"x{word}").startswith(normalize(word)))  # "X" would start "xX"
    assume(normalize(word)[:1].isalnum())  # "⑴" normalizes to "(1)": no word start to check
    assert not token_matches(word, f"x{word}")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=9))
def test_a_number_never_matches_a_longer_number(number: int, extra: int) -> None:
    assert not token_matches(str(number), f"{number}{extra}")
    if str(number) != str(extra):  # else the decimals themselves are the number ("5.5")
        assert not token_matches(str(number), f"{number}.{extra}")
        assert not token_matches(str(number), f"{number},{extra}")
    assert token_matches(str(number), f"{number}%")


# ---- alternatives and items ----


def test_alternatives() -> None:
    assert element_matches("yelemesov|elemesov", "Ambassador Elemesov")
    assert element_matches("third|3rd", "Italy ranks 3rd")
    assert not element_matches("third|3rd", "Italy ranks second")


def test_every_element_must_match() -> None:
    item = EvalItem("When?", "paraphrase", ("october", "1992"))
    assert item_correct(item, answered("In October 1992."))
    assert not item_correct(item, answered("In October 1993."))


def test_clarify_and_decline_are_not_answers() -> None:
    item = EvalItem("When?", "paraphrase", ("1992",))
    assert not item_correct(item, Answer(Outcome.CLARIFY, "Did you mean 1992?"))
    assert not item_correct(item, declined("Not 1992."))


def test_refuse_items_want_no_answer() -> None:
    item = EvalItem("Population?", "out_of_scope", (), refuse=True)
    assert item_correct(item, declined())
    assert item_correct(item, Answer(Outcome.CLARIFY, "Did you mean …"))
    assert not item_correct(item, answered("About 17 million."))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In 2013, trade totalled 16.216 billion US dollars.", "en"),
        ("Nel 2013 l'interscambio è stato di 16,216 miliardi di dollari.", "it"),
        ("В 2013 году товарооборот составил 16,216 млрд долларов.", "ru"),
        ("2013 жылы тауар айналымы 16,216 млрд доллар болды.", "kk"),
        ("Товарооборот туралы", "kk"),  # a Kazakh word, no Kazakh letter
        ("Prodi 1998", "en"),  # no function word of either: English
    ],
)
def test_the_language_of_a_reply(text: str, lang: str) -> None:
    assert reply_language(text) == lang


def test_a_language_item_needs_a_reply_in_its_language() -> None:
    item = EvalItem("Когда?", "ru", ("1992",))
    assert item_correct(item, answered("Отношения установлены в 1992 году."))
    assert not item_correct(item, answered("Relations were established in 1992."))
    kazakh = EvalItem("Қашан?", "kk", ("1992",))
    assert not item_correct(kazakh, answered("Отношения установлены в 1992 году."))
    assert item_correct(kazakh, answered("Қатынастар 1992 жылы орнатылды."))


def test_item_without_expectations_needs_an_answer() -> None:
    item = EvalItem("Anything?", "keyword")
    assert item_correct(item, answered("Yes."))
    assert not item_correct(item, declined())


# ---- question files ----


def test_parse_items() -> None:
    data = [
        {"q": "When?", "kind": "paraphrase", "expect": ["october", 1992]},
        {"q": "Population?", "kind": "out_of_scope", "expect": [], "refuse": True},
    ]
    assert parse_items(data) == [
        EvalItem("When?", "paraphrase", ("october", "1992")),
        EvalItem("Population?", "out_of_scope", (), refuse=True),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q": "x"}, "list"),
        (["x"], "item 1"),
        ([{"kind": "typo"}], "'q'"),
        ([{"q": "x"}], "'kind'"),
        ([{"q": "x", "kind": "typo", "expect": "1992"}], "'expect'"),
        ([{"q": "x", "kind": "typo", "expect": [None]}], "'expect'"),
        ([{"q": "x", "kind": "typo", "refuse": "yes"}], "'refuse'"),
    ],
)
def test_parse_items_rejects_malformed_data(data: object, message: str) -> None:
    with pytest.raises(EvalFileError, match=message):
        parse_items(data)


def test_load_items(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text('- q: "Когда?"\n  kind: ru\n  expect: ["1992"]\n', encoding="utf-8")
    assert load_items(path) == [EvalItem("Когда?", "ru", ("1992",))]


def test_load_items_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match="cannot read"):
        load_items(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- q: [unclosed\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="invalid YAML"):
        load_items(bad)


def test_the_shared_question_file_parses(repo_root: Path) -> None:
    path = repo_root.parent / "shared" / "eval" / "questions.yaml"
    if not path.exists():
        pytest.skip("no shared question file beside the repository")
    items = load_items(path)
    assert items
    assert all(item.refuse == (item.kind in {"out_of_scope", "near_miss"}) for item in items)


# ---- the report ----

ITEMS = [
    EvalItem("q1", "paraphrase", ("a",)),
    EvalItem("q2", "paraphrase", ("b",)),
    EvalItem("q3", "ru", ("с",)),
    EvalItem("q4", "out_of_scope", (), refuse=True),
    EvalItem("q5", "near_miss", (), refuse=True),
    EvalItem("q6", "custom", ("d",)),
]
ANSWERS = [answered("a"), answered("x"), answered("с ответом"), declined(), answered("yes"), answered("d")]


def test_report_by_kind_keeps_the_known_order_then_others() -> None:
    report = build_report(ITEMS, ANSWERS)
    assert report.by_kind() == {
        "paraphrase": Tally(1, 2),
        "out_of_scope": Tally(1, 1),
        "near_miss": Tally(0, 1),
        "ru": Tally(1, 1),
        "custom": Tally(1, 1),
    }
    assert [r.item.question for r in report.failures] == ["q2", "q5"]


def test_report_summary_groups() -> None:
    summary = dict(build_report(ITEMS, ANSWERS).summary())
    assert summary == {
        "English in-scope": Tally(2, 3),  # paraphrase x2 and custom; not ru
        "Russian": Tally(1, 1),
        "out_of_scope declined": Tally(1, 1),
        "near_miss declined": Tally(0, 1),
        "overall": Tally(4, 6),
    }


def test_build_report_needs_one_answer_per_item() -> None:
    with pytest.raises(ValueError):
        build_report(ITEMS, ANSWERS[:-1])


def test_tally_percent() -> None:
    assert Tally(1, 4).percent == 25.0
    assert Tally().percent is None


def test_format_report_ends_with_the_summary() -> None:
    lines = format_report(build_report(ITEMS, ANSWERS), "q.yaml")
    tail = lines[-7:]
    assert tail[0] == "Summary: 6 questions from q.yaml"
    assert [line.split("  ")[0] for line in tail[2:]] == [
        "English in-scope",
        "Russian",
        "out_of_scope declined",
        "near_miss declined",
        "overall",
    ]
    assert tail[-1].split() == ["overall", "4/6", "66.7%"]
    text = "\n".join(lines)
    assert text.index("q2") < text.index("Accuracy per kind")  # failures come first
    assert "expected: a decline" in text  # q5, a refuse item
    assert "got: answer [en]: yes" in text


def test_format_report_cuts_long_replies() -> None:
    report = build_report([EvalItem("q", "typo", ("z",))], [answered("word " * 100)])
    got = next(line for line in format_report(report, "f") if "got:" in line)
    assert len(got) < 260
    assert got.endswith("…")


def test_empty_groups_show_no_percentage() -> None:
    lines = format_report(build_report([], []), "empty.yaml")
    assert lines[-1].split() == ["overall", "0/0", "n/a"]


# -- dialog files ---------------------------------------------------------------------------


DIALOGS = [
    [
        {"q": "What was the trade turnover in 2013?", "expect": ["16.216"]},
        {"q": "and in 2012?", "expect": ["16.425"]},
    ],
    [
        {"q": "Каким был импорт Казахстана из Италии в 2013 году?", "expect": ["0,993"]},
        {"q": "а в 2012?", "refuse": True},
    ],
]


def test_a_dialog_file_is_told_from_a_question_file() -> None:
    assert evaluate.is_dialog_file(DIALOGS)
    assert not evaluate.is_dialog_file([{"q": "x", "kind": "paraphrase"}])


def test_dialog_turns_are_scored_in_one_conversation_and_reported_apart(engine: Engine) -> None:
    dialogs = evaluate.parse_dialogs(DIALOGS)
    assert [[i.kind for i in d] for d in dialogs] == [["first turn", "follow-up"]] * 2
    assert [d[1].lang for d in dialogs] == ["en", "ru"]  # the language of the conversation
    report = evaluate.run_dialogs(engine, dialogs)
    assert [r.correct for r in report.results] == [True, True, True, False]  # "а в 2012?" is answered
    summary = dict(report.summary())
    assert summary["first turns"] == evaluate.Tally(2, 2)
    assert summary["follow-ups"] == evaluate.Tally(1, 2)
    assert summary["follow-ups, Russian"] == evaluate.Tally(0, 1)


def test_a_malformed_dialog_file_is_refused() -> None:
    with pytest.raises(evaluate.EvalFileError, match="conversation 1"):
        evaluate.parse_dialogs([[{"expect": ["x"]}]])


@pytest.mark.parametrize(
    ("question", "conversation", "lang"),
    [
        ("а в 1997?", "en", "ru"),  # another script switches
        ("e quando?", "ru", "it"),
        ("and in 2012?", "it", "en"),  # the other Latin language's words switch
        ("ал 2012 жылы?", "ru", "kk"),  # Kazakh marks switch within Cyrillic
        ("ал экспорт?", "kk", "kk"),  # too short to tell: the conversation's stays
        ("а посол Италии с какого года?", "kk", "ru"),  # long enough, and no Kazakh mark
        ("а в 2012?", "ru", "ru"),
        ("since when?", "it", "it"),
        ("2013?", "kk", "kk"),
    ],
)
def test_a_dialog_turn_is_answered_in_its_own_language_when_it_shows_one(
    question: str, conversation: str, lang: str
) -> None:
    assert evaluate.turn_language(question, conversation) == lang


def test_a_turn_that_switches_language_is_scored_in_its_own() -> None:
    turns = [{"q": "When did Prodi visit?", "expect": ["1998"]}, {"q": "а в 1997?"}]
    dialogs = evaluate.parse_dialogs([turns])
    assert [i.lang for i in dialogs[0]] == ["en", "ru"]


def test_run_answers_a_command_as_ask_does(engine: Engine) -> None:
    # Asked as a question, "/culture Санта Чечилия" read "culture" as English.
    items = [
        EvalItem("/culture Санта Чечилия", "ru", ("Чечилия",)),
        EvalItem("/visits 2009", "keyword", ("2009",)),
    ]
    report = evaluate.run(engine, items)
    assert [r.correct for r in report.results] == [True, True], [r.answer.text for r in report.results]
