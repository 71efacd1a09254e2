"""The Telegram rules validator (tests/telegram_rules.py): what it accepts and what it refuses."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_rules import (
    HtmlEntity,
    HtmlError,
    TelegramRuleError,
    call_problems,
    callback_data_problems,
    check_call,
    inline_results_problems,
    is_blank,
    message_text_problems,
    parse_html,
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
        ("<s>s</s><strike>strike</strike><del>del</del>", "sstrikedel"),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy"),
        ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"),
        ("<a href='tg://user?id=1'>single quotes</a>", "single quotes"),
        ("<a href=https://example.org>unquoted</a>", "unquoted"),
        ("<code>x &lt; y</code>", "x < y"),
        ("<pre>block</pre>", "block"),
        ('<pre><code class="language-python">print(1)</code></pre>', "print(1)"),
        ("<pre><code>plain code</code></pre>", "plain code"),
        ("<blockquote>quote</blockquote><blockquote expandable>more</blockquote>", "quotemore"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("<b>bold <i>and italic <u>and underlined</u></i></b>", "bold and italic and underlined"),
        ('<b><a href="https://example.org">bold link</a></b>', "bold link"),
        ("<B>upper</B> <b >spaces</b >", "upper spaces"),
        ('<blockquote><b>bold</b> <code>code</code> <a href="x">a</a></blockquote>', "bold code a"),
        ("<b></b>", ""),
        ("line\nbreak", "line\nbreak"),
    ],
)
def test_valid_html(source: str, text: str) -> None:
    assert parse_html(source).text == text


def test_entities_are_in_utf16_units() -> None:
    parsed = parse_html("😀 <b>x<i>😀</i></b>")
    assert parsed.text == "😀 x😀"
    assert parsed.entities == (HtmlEntity("i", 4, 2), HtmlEntity("b", 3, 3))
    [link] = parse_html('<a href="https://e.org/?q=&lt;">l</a>').entities
    assert link.attributes == {"href": "https://e.org/?q=<"}


@given(st.text())
def test_escaped_text_parses_back_to_itself(text: str) -> None:
    assert parse_html(html.escape(text, quote=False)).text == text
    assert parse_html(html.escape(text, quote=True)).text == text  # &quot; and &#x27;


@settings(max_examples=50)
@given(st.text(alphabet=st.characters(exclude_characters="<>&", exclude_categories=["Cs"])))
def test_text_without_markup_characters_is_itself(text: str) -> None:
    assert parse_html(text).text == text


# -- HTML that Telegram refuses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        # unclosed tags
        ("<b>bold", "unclosed tag <b>"),
        ("<b><i>x</i>", "unclosed tag <b>"),
        ("x <b", "unclosed start tag"),
        ('<a href="x"', "unclosed"),
        ('<a href="x>y</a>', "unclosed attribute value"),
        # wrong nesting
        ("<b><i>x</b></i>", "wrong nesting"),
        ("</b>", "without a start tag"),
        ("<b>x</i>", "wrong nesting"),
        ("<b>x</>", "malformed end tag"),
        ("<b>x</b", "malformed end tag"),
        ("<code><b>x</b></code>", "code can't contain"),
        ("<pre><i>x</i></pre>", "pre can't contain"),
        ("<pre><code><b>x</b></code></pre>", "can't contain"),
        ('<a href="x"><a href="y">z</a></a>', "can't contain each other"),
        ('<a href="x"><code>z</code></a>', "can't contain each other"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "can't be nested"),
        # unknown tags and attributes
        ("<br>", "unsupported tag <br>"),
        ("line<br/>break", "unsupported tag <br>"),
        ("<div>x</div>", "unsupported tag <div>"),
        ("<script>alert(1)</script>", "unsupported tag <script>"),
        ("<p>x</p>", "unsupported tag <p>"),
        ("<b/>", "malformed start tag"),
        ("<!-- comment -->", "bare '<'"),
        ('<b onclick="x">y</b>', "unsupported attribute 'onclick'"),
        ('<i x="1">y</i>', "unsupported attribute 'x'"),
        ('<a href="x" href="y">z</a>', "given twice"),
        ("<a>no href</a>", "non-empty href"),
        ('<a href="">empty href</a>', "non-empty href"),
        ("<span>x</span>", "tg-spoiler"),
        ('<span class="red">x</span>', "tg-spoiler"),
        ('<code class="python">x</code>', "language-"),
        ('<code class="language-python">x</code>', "directly inside <pre>"),
        ('<blockquote expandable="no">x</blockquote>', "boolean"),
        ("<tg-emoji>👍</tg-emoji>", "emoji-id"),
        ('<tg-emoji emoji-id="abc">👍</tg-emoji>', "emoji-id"),
        ('<tg-emoji emoji-id="1"></tg-emoji>', "must contain its emoji"),
        # bare characters and entities
        ("a < b", "bare '<'"),
        ("<", "bare '<'"),
        ("<1>", "bare '<'"),
        ("a > b", "bare '>'"),
        ("Q&A", "bare '&'"),
        ("&", "bare '&'"),
        ("&amp", "bare '&'"),
        ("&nbsp;", "bare '&'"),
        ("&laquo;x&raquo;", "bare '&'"),
        ("&AMP;", "bare '&'"),
        ("&#;", "bare '&'"),
        ("&#xZZ;", "bare '&'"),
        ("&#0;", "not a Unicode character"),
        ("&#xD800;", "not a Unicode character"),
        ("&#57311;", "not a Unicode character"),
        ("&#1114112;", "not a Unicode character"),
        ('<a href="?a=1&b=2">x</a>', "bare '&'"),
    ],
)
def test_invalid_html(source: str, reason: str) -> None:
    with pytest.raises(HtmlError) as caught:
        parse_html(source)
    assert reason in str(caught.value), caught.value
    assert 0 <= caught.value.offset <= len(source)


def test_html_error_says_where() -> None:
    with pytest.raises(HtmlError) as caught:
        parse_html("fine &lt; then < bad")
    assert caught.value.offset == len("fine &lt; then ")
    assert isinstance(caught.value, TelegramRuleError)


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
        ("", "HTML", "empty"),
        ("  \n ", "HTML", "empty"),
        ("\u200b\u200e", "HTML", "empty"),
        ("<b></b>", "HTML", "empty"),
        ("<b> </b>", "HTML", "empty"),
        ("a" * 4097, None, "too long: 4097"),
        ("a" * 4097, "HTML", "too long: 4097"),
        ("😀" * 2049, "HTML", "too long: 4098"),
        ("&amp;" * 4097, "HTML", "too long: 4097"),
        ("a < b", "HTML", "not valid Telegram HTML"),
        ("x\ud800", "HTML", "unpaired surrogate"),
        ("*bold*", "MarkdownV2", "not checked"),
        (None, "HTML", "not a string"),
        (42, None, "not a string"),
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
        {"inline_keyboard": [[button(url="https://example.org")]]},
        {"inline_keyboard": [[button(switch_inline_query_current_chat="")]]},
        {"inline_keyboard": []},
        {"inline_keyboard": [[button()] * 8]},
        {"inline_keyboard": [[button()] * 5] * 20},
        {"keyboard": [["Yes", {"text": "No"}]], "resize_keyboard": True},
        {"remove_keyboard": True},
        {"force_reply": True, "input_field_placeholder": "Ask…"},
    ],
)
def test_acceptable_reply_markup(markup: dict[str, Any]) -> None:
    assert reply_markup_problems(markup) == []


@pytest.mark.parametrize(
    ("markup", "problem"),
    [
        ([], "not an object"),
        ({}, "exactly one of"),
        ({"inline_keyboard": [], "remove_keyboard": True}, "exactly one of"),
        ({"inline_keyboard": [[]]}, "non-empty list of buttons"),
        ({"inline_keyboard": [button()]}, "non-empty list of buttons"),
        ({"inline_keyboard": "x"}, "not a list of rows"),
        ({"inline_keyboard": [["Yes"]]}, "not a button"),
        ({"inline_keyboard": [[button("")]]}, "non-empty string"),
        ({"inline_keyboard": [[button(" \u200b")]]}, "non-empty string"),
        ({"inline_keyboard": [[{"text": "Yes"}]]}, "exactly one action"),
        ({"inline_keyboard": [[button(callback_data="x", url="https://e.org")]]}, "exactly one action"),
        ({"inline_keyboard": [[button(callback_data="x" * 65)]]}, "1-64 bytes"),
        ({"inline_keyboard": [[button(callback_data="")]]}, "1-64 bytes"),
        ({"inline_keyboard": [[button(url="")]]}, "url must be"),
        ({"inline_keyboard": [[button()] * 9]}, "at most 8"),
        ({"inline_keyboard": [[button()] * 6] * 17}, "at most 100"),
        ({"keyboard": [[{"text": ""}]]}, "non-empty string"),
        ({"remove_keyboard": False}, "must be true"),
        ({"force_reply": True, "input_field_placeholder": "x" * 65}, "1-64"),
    ],
)
def test_unacceptable_reply_markup(markup: object, problem: str) -> None:
    problems = reply_markup_problems(markup)
    assert any(problem in p for p in problems), problems


def test_inline_only_markup() -> None:
    assert reply_markup_problems({"inline_keyboard": [[button()]]}, inline_only=True) == []
    assert reply_markup_problems({"remove_keyboard": True}, inline_only=True)


# -- whole calls -------------------------------------------------------------------------------


def message(**params: Any) -> dict[str, Any]:
    return {"chat_id": 1001, "text": "Hello &amp; welcome", "parse_mode": "HTML", **params}


def article(result_id: str = "a:1", text: str = "Answer", **fields: Any) -> dict[str, Any]:
    content = {"message_text": text, "parse_mode": "HTML", "link_preview_options": {"is_disabled": True}}
    return {"type": "article", "id": result_id, "title": "Title", "input_message_content": content, **fields}


def inline_answer(results: list[dict[str, Any]], **params: Any) -> dict[str, Any]:
    return {"inline_query_id": "iq-1", "results": results, "cache_time": 300, "is_personal": False, **params}


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("sendMessage", message()),
        ("sendMessage", message(chat_id=-1001234567890, reply_parameters={"message_id": 7})),
        ("sendMessage", message(chat_id="@channel", reply_markup={"inline_keyboard": [[button()]]})),
        ("sendMessage", {"chat_id": 1, "text": "plain <text> & more"}),
        ("editMessageText", {"chat_id": 1, "message_id": 2, "text": "<b>new</b>", "parse_mode": "HTML"}),
        ("editMessageText", {"inline_message_id": "im-1", "text": "new"}),
        ("answerCallbackQuery", {"callback_query_id": "cq-1"}),
        ("answerCallbackQuery", {"callback_query_id": "cq-1", "text": "x" * 200, "show_alert": True}),
        ("answerInlineQuery", inline_answer([])),
        ("answerInlineQuery", inline_answer([article(f"id-{n}") for n in range(50)])),
        ("answerInlineQuery", inline_answer([article("x" * 64, "a" * 4096, description="d")])),
        ("answerInlineQuery", inline_answer([article(reply_markup={"inline_keyboard": [[button()]]})])),
    ],
)
def test_acceptable_calls(method: str, params: dict[str, Any]) -> None:
    assert call_problems(method, params) == []
    check_call(method, params)


@pytest.mark.parametrize(
    ("method", "params", "problem"),
    [
        ("sendMessage", message(chat_id=None), "bad chat_id"),
        ("sendMessage", message(chat_id=0), "bad chat_id"),
        ("sendMessage", message(text="<b>x"), "unclosed tag"),
        ("sendMessage", message(text="x" * 4097), "too long"),
        ("sendMessage", message(text=""), "empty"),
        (
            "sendMessage",
            message(reply_markup={"inline_keyboard": [[button(callback_data="y" * 65)]]}),
            "bytes",
        ),
        ("sendMessage", message(reply_parameters={"message_id": "7"}), "integer message_id"),
        ("editMessageText", {"chat_id": 1, "text": "x"}, "chat_id and an integer message_id"),
        ("editMessageText", {"text": "x"}, "either inline_message_id"),
        ("editMessageText", {"inline_message_id": "i", "chat_id": 1, "message_id": 2, "text": "x"}, "either"),
        ("editMessageText", {"inline_message_id": "i", "text": ""}, "empty"),
        (
            "editMessageText",
            {"inline_message_id": "i", "text": "x", "reply_markup": {"remove_keyboard": True}},
            "only an inline",
        ),
        ("answerCallbackQuery", {"callback_query_id": ""}, "callback_query_id"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "text": "x" * 201}, "at most 200"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "text": "😀" * 101}, "at most 200"),
        ("answerCallbackQuery", {"callback_query_id": "cq", "cache_time": -1}, "cache_time"),
        ("answerInlineQuery", inline_answer([article(f"id-{n}") for n in range(51)]), "51 results"),
        ("answerInlineQuery", inline_answer([article("same"), article("same")]), "not unique"),
        ("answerInlineQuery", inline_answer([article("")]), "1-64 bytes"),
        ("answerInlineQuery", inline_answer([article("é" * 33)]), "1-64 bytes"),
        ("answerInlineQuery", inline_answer([article(text="a" * 4097)]), "too long"),
        ("answerInlineQuery", inline_answer([article(text="")]), "empty"),
        ("answerInlineQuery", inline_answer([article(text="x & y")]), "bare '&'"),
        ("answerInlineQuery", inline_answer([article(title="")]), "non-empty title"),
        (
            "answerInlineQuery",
            inline_answer([{"type": "article", "id": "1", "title": "t"}]),
            "input_message_content",
        ),
        ("answerInlineQuery", inline_answer([article(type="tweet")]), "unknown type"),
        ("answerInlineQuery", inline_answer([article(reply_markup={"keyboard": [["x"]]})]), "only an inline"),
        ("answerInlineQuery", inline_answer([], next_offset="x" * 65), "next_offset"),
        ("answerInlineQuery", {"inline_query_id": "iq", "results": "none"}, "not a list"),
        ("sendPhoto", {"chat_id": 1}, "no rules"),
    ],
)
def test_unacceptable_calls(method: str, params: dict[str, Any], problem: str) -> None:
    problems = call_problems(method, params)
    assert any(problem in p for p in problems), problems
    with pytest.raises(TelegramRuleError):
        check_call(method, params)


def test_inline_results_problems_lists_every_problem() -> None:
    problems = inline_results_problems([article("same", ""), article("same", "a" * 4097)])
    assert len(problems) == 3
