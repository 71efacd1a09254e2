"""The Telegram rules (tests/doubles/rules.py): what they accept and what they refuse."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Bot
from telegram.error import BadRequest

from tests.doubles.objects import TOKEN
from tests.doubles.recording import RecordingRequest
from tests.doubles.rules import (
    HtmlError,
    call_problems,
    callback_data_problems,
    html_to_plain,
    inline_results_problems,
    is_blank,
    message_text_problems,
    reply_markup_problems,
    utf16_length,
)

# -- lengths and blanks --------------------------------------------------------------------


def test_utf16_length_counts_as_telegram() -> None:
    assert utf16_length("") == 0
    assert utf16_length("abc") == 3
    assert utf16_length("é") == 1
    assert utf16_length("😀") == 2  # a surrogate pair
    assert utf16_length("🇮🇹") == 4
    assert utf16_length("👍🏽") == 4


@pytest.mark.parametrize(
    "text", ["", " ", "\n\t ", "\u200b", "\u200e\u200f", "\u00a0", "\ufeff", "\u3000\u2800"]
)
def test_blank_texts(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", ".", "😀", " x ", "\u200bx", "٣", "—"])
def test_texts_with_something_in_them(text: str) -> None:
    assert not is_blank(text)


# -- HTML that parses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("", ""),
        ("plain text", "plain text"),
        ("&lt;b&gt; &amp;amp; &quot;x&quot;", '<b> &amp; "x"'),
        ("&#60;&#x3C;&#X3c;&#128512;", "<<<😀"),
        ("<b>bold</b> <strong>strong</strong>", "bold strong"),
        ("<i>i</i><em>em</em><u>u</u><ins>ins</ins>", "iemuins"),
        ("<s>s</s><strike>strike</strike><del>del</del><tg-spoiler>y</tg-spoiler>", "sstrikedely"),
        ("<code>x &lt; y</code> <pre>block</pre>", "x < y block"),
        ("<blockquote>quote</blockquote>\n<blockquote>more</blockquote>", "quote\nmore"),
        ("<b>bold <i>and italic <u>and underlined</u></i></b>", "bold and italic and underlined"),
        ("<blockquote><b>bold</b> <code>code</code></blockquote>", "bold code"),
        ("<B>upper</B>", "upper"),
        ("<b></b>", ""),
    ],
)
def test_valid_html(source: str, text: str) -> None:
    assert html_to_plain(source) == text


@given(st.text())
def test_escaped_text_parses_back_to_itself(text: str) -> None:
    assert html_to_plain(html.escape(text, quote=False)) == text
    assert html_to_plain(html.escape(text, quote=True)) == text  # &quot; and &#x27;


@settings(max_examples=50)
@given(st.text(alphabet=st.characters(exclude_characters="<>&", exclude_categories=["Cs"])))
def test_text_without_markup_characters_is_itself(text: str) -> None:
    assert html_to_plain(text) == text


# -- HTML that Telegram refuses, or that the bot never sends -------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        # unclosed tags and wrong nesting
        ("<b>bold", "unclosed tag <b>"),
        ("<b><i>x</i>", "unclosed tag <b>"),
        ("x <b", "bare '<'"),
        ("<b><i>x</b></i>", "</b> closes <i>"),
        ("</b>", "closes nothing"),
        ("<b>x</>", "bare '<'"),
        ("<code><b>x</b></code>", "<b> inside <code>"),
        ("<pre><i>x</i></pre>", "<i> inside <pre>"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "inside <blockquote>"),
        # unknown tags, and attributes (which the bot never sends)
        ("<br>", "unsupported tag <br>"),
        ("line<br/>break", "bare '<'"),
        ("<div>x</div>", "unsupported tag <div>"),
        ("<script>alert(1)</script>", "unsupported tag <script>"),
        ('<a href="https://example.org">x</a>', "bare '<'"),
        ("<a>no href</a>", "unsupported tag <a>"),
        ('<b onclick="x">y</b>', "bare '<'"),
        ("<!-- comment -->", "bare '<'"),
        # bare characters and entities
        ("a < b", "bare '<'"),
        ("<1>", "bare '<'"),
        ("a > b", "bare '>'"),
        ("Q&A", "bare '&'"),
        ("&amp", "bare '&'"),
        ("&nbsp;", "bare '&'"),
        ("&AMP;", "bare '&'"),
        ("&#;", "bare '&'"),
        ("&#xZZ;", "bare '&'"),
        ("&#0;", "not a Unicode character"),
        ("&#xD800;", "not a Unicode character"),
        ("&#1114112;", "not a Unicode character"),
    ],
)
def test_invalid_html(source: str, reason: str) -> None:
    with pytest.raises(HtmlError, match=reason.replace("(", r"\(")):
        html_to_plain(source)


def test_html_error_says_where() -> None:
    with pytest.raises(HtmlError, match=f"at character {len('fine &lt; then ')}"):
        html_to_plain("fine &lt; then < bad")


# -- message texts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parse_mode"),
    [
        ("x", None),
        ("x", "HTML"),
        ("a" * 4096, None),
        ("a" * 4096, "HTML"),
        ("&amp;" * 4096, "HTML"),  # 20480 characters sent, 4096 after parsing
        ("😀" * 2048, "HTML"),
        ("<b>" + "a" * 4096 + "</b>", "HTML"),
        ("a < b & c", None),  # plain text: no markup at all
    ],
)
def test_acceptable_message_texts(text: str, parse_mode: str | None) -> None:
    assert message_text_problems(text, parse_mode) == []


@pytest.mark.parametrize(
    ("text", "parse_mode", "problem"),
    [
        ("", None, "empty"),
        ("  \n ", "HTML", "empty"),
        ("\u200b\u200e", "HTML", "empty"),  # only invisible characters
        ("<b> </b>", "HTML", "empty"),
        ("a" * 4097, None, "too long: 4097"),
        ("😀" * 2049, "HTML", "too long: 4098"),
        ("&amp;" * 4097, "HTML", "too long: 4097"),
        ("a < b", "HTML", "not valid Telegram HTML"),
        ("x\ud800", "HTML", "not valid Unicode"),
        ("*bold*", "MarkdownV2", "not checked"),
        (None, "HTML", "not a string"),
    ],
)
def test_unacceptable_message_texts(text: object, parse_mode: str | None, problem: str) -> None:
    [found] = message_text_problems(text, parse_mode)
    assert problem in found, found


# -- callback data and keyboards -------------------------------------------------------------


@pytest.mark.parametrize("data", ["x", "pick:prodi-visits", "x" * 64, "é" * 32, "😀" * 16])
def test_acceptable_callback_data(data: str) -> None:
    assert callback_data_problems(data) == []


@pytest.mark.parametrize("data", ["", "x" * 65, "é" * 33, "😀" * 17, None, 1, "\udc80"])
def test_unacceptable_callback_data(data: object) -> None:
    assert callback_data_problems(data)


def button(text: str = "Yes", **action: Any) -> dict[str, Any]:
    return {"text": text, **(action or {"callback_data": "yes"})}


@pytest.mark.parametrize(
    "markup",
    [
        {"inline_keyboard": [[button()], [button("No", callback_data="none")]]},
        {"inline_keyboard": [[button(url="https://t.me/KzItBot?start=s-trade")]]},
        {"inline_keyboard": []},
        {"inline_keyboard": [[button()] * 8]},
        {"inline_keyboard": [[button()] * 5] * 20},
    ],
)
def test_acceptable_reply_markup(markup: dict[str, Any]) -> None:
    assert reply_markup_problems(markup) == []


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ([], "not an inline keyboard"),
        ({}, "not an inline keyboard"),
        ({"keyboard": [["Yes"]]}, "not an inline keyboard"),  # the bot sends no reply keyboard
        ({"inline_keyboard": [], "remove_keyboard": True}, "not an inline keyboard"),
        ({"inline_keyboard": [[]]}, "non-empty rows"),
        ({"inline_keyboard": [button()]}, "non-empty rows"),
        ({"inline_keyboard": [["Yes"]]}, "callback_data or a url"),
        ({"inline_keyboard": [[{"text": "Yes"}]]}, "callback_data or a url"),
        ({"inline_keyboard": [[button(callback_data="x", url="https://e.org")]]}, "callback_data or a url"),
        ({"inline_keyboard": [[button(switch_inline_query="")]]}, "callback_data or a url"),
        ({"inline_keyboard": [[button("")]]}, "blank"),
        ({"inline_keyboard": [[button(" \u200b")]]}, "blank"),
        ({"inline_keyboard": [[button(callback_data="x" * 65)]]}, "1-64 bytes"),
        ({"inline_keyboard": [[button(callback_data="")]]}, "1-64 bytes"),
        ({"inline_keyboard": [[button(url="t.me/KzItBot")]]}, "not a URL"),
        ({"inline_keyboard": [[button()] * 9]}, "at most 8"),
        ({"inline_keyboard": [[button()] * 6] * 17}, "at most 100"),
    ],
)
def test_unacceptable_reply_markup(markup: object, problem: str) -> None:
    problems = reply_markup_problems(markup)
    assert any(problem in p for p in problems), problems


# -- whole calls -------------------------------------------------------------------------------


def message(**params: Any) -> dict[str, Any]:
    return {"chat_id": 1001, "text": "Hello &amp; welcome", "parse_mode": "HTML", **params}


def article(result_id: str = "a:1", text: str = "Answer", **fields: Any) -> dict[str, Any]:
    content = {"message_text": text, "parse_mode": "HTML", "link_preview_options": {"is_disabled": True}}
    return {"type": "article", "id": result_id, "title": "Title", "input_message_content": content, **fields}


def inline_answer(results: list[dict[str, Any]], **params: Any) -> dict[str, Any]:
    return {"inline_query_id": "iq-1", "results": results, "cache_time": 300, "is_personal": True, **params}


def commands(*names: str, **params: Any) -> dict[str, Any]:
    return {"commands": [{"command": name, "description": "Do it"} for name in names], **params}


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("getMe", {}),
        ("getUpdates", {"offset": 3, "timeout": 10, "allowed_updates": ["message"]}),
        ("sendMessage", message(link_preview_options={"is_disabled": True})),
        ("sendMessage", message(chat_id=-1001234567890, reply_parameters={"message_id": 7})),
        ("sendMessage", message(reply_markup={"inline_keyboard": [[button()]]})),
        ("sendMessage", {"chat_id": 1, "text": "plain <text> & more"}),
        ("editMessageReplyMarkup", {"chat_id": 1, "message_id": 2}),
        ("editMessageReplyMarkup", {"chat_id": 1, "message_id": 2, "reply_markup": {"inline_keyboard": []}}),
        ("answerCallbackQuery", {"callback_query_id": "cq-1"}),
        ("answerCallbackQuery", {"callback_query_id": "cq-1", "text": "x" * 200}),
        ("answerInlineQuery", inline_answer([])),
        ("answerInlineQuery", inline_answer([article(f"id-{n}") for n in range(50)])),
        ("answerInlineQuery", inline_answer([article("x" * 64, "a" * 4096, description="d")])),
        ("answerInlineQuery", inline_answer([article(reply_markup={"inline_keyboard": [[button()]]})])),
        ("answerInlineQuery", inline_answer([], button={"text": "Ask", "start_parameter": "q-0af3"})),
        (
            "setMyCommands",
            commands("start", "trade_2013", scope={"type": "all_group_chats"}, language_code="kk"),
        ),
        (
            "setWebhook",
            {"url": "https://bot.example/hook", "secret_token": "s3cr3t_-", "max_connections": 40},
        ),
    ],
)
def test_acceptable_calls(method: str, params: dict[str, Any]) -> None:
    assert call_problems(method, params) == []


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMessage", message(chat_id=None), "bad chat_id"),
        ("sendMessage", message(chat_id="@channel"), "bad chat_id"),
        ("sendMessage", message(text="<b>x"), "unclosed tag"),
        ("sendMessage", message(text="x" * 4097), "too long"),
        ("sendMessage", message(text=""), "empty"),
        (
            "sendMessage",
            message(reply_markup={"inline_keyboard": [[button(callback_data="y" * 65)]]}),
            "bytes",
        ),
        ("sendMessage", message(reply_parameters={"message_id": "7"}), "integer message_id"),
        ("sendMessage", message(link_preview_options=True), "link_preview_options"),
        ("sendMessage", message(message_thread_id=3), "message_thread_id is not checked"),
        ("editMessageReplyMarkup", {"chat_id": 1}, "bad message_id"),
        ("editMessageReplyMarkup", {"inline_message_id": "i", "message_id": 2}, "not checked"),
        ("answerCallbackQuery", {"callback_query_id": ""}, "callback_query_id"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "text": "x" * 201}, "at most 200"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "text": "😀" * 101}, "at most 200"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "show_alert": True}, "show_alert"),
        ("answerInlineQuery", inline_answer([article(f"id-{n}") for n in range(51)]), "51 results"),
        ("answerInlineQuery", inline_answer([article("same"), article("same")]), "not unique"),
        ("answerInlineQuery", inline_answer([article("")]), "1-64 bytes"),
        ("answerInlineQuery", inline_answer([article("é" * 33)]), "1-64 bytes"),
        ("answerInlineQuery", inline_answer([article(text="a" * 4097)]), "too long"),
        ("answerInlineQuery", inline_answer([article(text="\u2800")]), "empty"),
        ("answerInlineQuery", inline_answer([article(text="x & y")]), "bare '&'"),
        ("answerInlineQuery", inline_answer([article(title="")]), "blank title"),
        ("answerInlineQuery", inline_answer([article(description=" ")]), "blank title or description"),
        ("answerInlineQuery", inline_answer([{"type": "article", "id": "1", "title": "t"}]), "not a text"),
        ("answerInlineQuery", inline_answer([article(type="photo")]), "not an article"),
        ("answerInlineQuery", inline_answer([article(thumbnail_url="https://e.org")]), "thumbnail_url"),
        (
            "answerInlineQuery",
            inline_answer([article(reply_markup={"keyboard": [["x"]]})]),
            "inline keyboard",
        ),
        ("answerInlineQuery", inline_answer([], cache_time=-1), "cache_time"),
        (
            "answerInlineQuery",
            inline_answer([], button={"text": "Ask", "start_parameter": "q 1"}),
            "start_param",
        ),
        (
            "answerInlineQuery",
            inline_answer([], button={"text": "Ask", "start_parameter": "x" * 65}),
            "start_param",
        ),
        ("answerInlineQuery", {"inline_query_id": "iq", "results": "none"}, "not a list"),
        ("setMyCommands", commands("Trade"), "a-z 0-9"),
        ("setMyCommands", commands("x" * 33), "a-z 0-9"),
        ("setMyCommands", {"commands": [{"command": "x", "description": ""}]}, "1-256"),
        ("setMyCommands", commands(*["x"] * 101), "at most 100"),
        ("setMyCommands", commands("x", scope={"type": "chat", "chat_id": 1}), "scope"),
        ("setMyCommands", commands("x", language_code="eng"), "two-letter"),
        ("setWebhook", {"url": "http://127.0.0.1:1/hook"}, "HTTPS"),
        ("setWebhook", {"url": "https://bot.example/hook", "secret_token": "a b"}, "secret_token"),
        ("sendPhoto", {"chat_id": 1}, "no rules"),
    ],
)
def test_unacceptable_calls(method: str, params: dict[str, Any], problem: str) -> None:
    problems = call_problems(method, params)
    assert any(problem in p for p in problems), problems
    assert all(p.startswith(f"{method}: ") for p in problems)


def test_inline_results_problems_lists_every_problem() -> None:
    problems = inline_results_problems([article("same", ""), article("same", "a" * 4097)])
    assert len(problems) == 3


async def test_the_recording_request_refuses_what_the_rules_refuse() -> None:
    fake = RecordingRequest()
    bot = Bot(TOKEN, request=fake)
    async with bot:
        await bot.send_message(1001, "<b>fine</b>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="unclosed tag <b>"):
            await bot.send_message(1001, "<b>broken", parse_mode="HTML")
    assert [method for method, _ in fake.requests] == ["getMe", "sendMessage", "sendMessage"]
    assert [method for method, _ in fake.refused] == ["sendMessage"]
    fake.refused.clear()  # or conftest.py fails this test
