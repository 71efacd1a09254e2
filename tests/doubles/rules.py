"""What Telegram accepts from this bot: the one check of every Bot API call it makes.

Both doubles answer a call these rules refuse with 400 Bad Request, the recording request
(``recording.py``) and the fake server (``bot_api.py``); what depends on the server's state (a
known chat, an open query, a message to edit) is the fake server's own check.

The rules are Telegram's documented ones (https://core.telegram.org/bots/api) for what this bot
uses: its methods and their parameters, HTML without attributes, inline keyboards of callback
and URL buttons, article results. Anything else is refused as unchecked, so a new Telegram
feature in the bot needs its rule here first. They are stricter than the server where the
documentation is (a bare ``>``, an unknown ``&name;``). Lengths are Telegram's: UTF-16 code
units, after the HTML is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

MAX_MESSAGE_LENGTH = 4096  # a message text, after parsing
MAX_CALLBACK_DATA_BYTES = 64  # InlineKeyboardButton.callback_data: 1-64 bytes
MAX_CALLBACK_ANSWER_LENGTH = 200  # answerCallbackQuery.text: 0-200 characters
MAX_INLINE_RESULTS = 50  # answerInlineQuery: no more than 50 results per query
MAX_INLINE_RESULT_ID_BYTES = 64  # InlineQueryResult.id: 1-64 bytes
MAX_INLINE_QUERY_LENGTH = 256  # InlineQuery.query: up to 256 characters
MAX_COMMANDS = 100  # setMyCommands: at most 100 commands
# Not documented, but enforced by the server (BUTTON_DATA_INVALID / reply markup too long).
MAX_BUTTONS_PER_ROW = 8
MAX_BUTTONS = 100

# The tags of parse_mode=HTML that take no attribute (strong, em, ins, strike, del are aliases).
HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "code", "pre", "blockquote"}
)
_VERBATIM = frozenset({"code", "pre"})  # they contain nothing but text
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_MARKUP = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)>|&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9A-Fa-f]{1,8}));|[<>&]"
)
# What Telegram trims from a message and counts as nothing: ASCII controls and spaces, the
# Unicode spaces, zero-width characters and direction marks, the byte order mark, the object
# replacement character, combining vertical lines and the tag characters.
_EMPTY_CHARACTERS = frozenset(
    [chr(c) for c in range(0x21)]
    + [chr(c) for c in range(0x2000, 0x2010)]
    + [chr(c) for c in range(0x2028, 0x2030)]
    + [chr(c) for c in range(0xE0000, 0xE0080)]
    + list("\u00a0\u1680\u180e\u205f\u2800\u3000\ufeff\ufffc\u0333\u033f\u030a")
)
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_SCOPES = frozenset({"default", "all_private_chats", "all_group_chats"})

JSON = Mapping[str, object]


class HtmlError(ValueError):
    """Text that does not parse as Telegram HTML."""


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Telegram's limits and offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_blank(text: str) -> bool:
    """Whether Telegram would find nothing in ``text`` ("message text is empty")."""
    return all(character in _EMPTY_CHARACTERS for character in text)


def _is_text(value: object) -> bool:
    """A string Telegram can take: valid UTF-8 (no unpaired surrogate) and not blank."""
    if not isinstance(value, str) or is_blank(value):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def html_to_plain(text: str) -> str:
    """The text a user sees for ``text`` sent with ``parse_mode=HTML``.

    Raises:
        HtmlError: for a tag that is unsupported, has attributes, is not closed or closed out of
            order, or is nested against Telegram's rules; a bare ``<``, ``>`` or ``&``; an
            unknown named entity, or a numeric one that is not a Unicode character.
    """
    out: list[str] = []
    stack: list[str] = []
    done = 0
    for match in _MARKUP.finditer(text):
        out.append(text[done : match.start()])
        done = match.end()
        closing, tag, named, decimal, hexadecimal = match.groups()
        if tag is not None:
            _tag(tag.lower(), bool(closing), stack, match.start())
        elif named is not None:
            out.append(_NAMED[named])
        elif decimal is not None or hexadecimal is not None:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise HtmlError(f"{match.group()} is not a Unicode character, at character {match.start()}")
            out.append(chr(code))
        else:
            raise HtmlError(f"bare {match.group()!r} at character {match.start()} (write &lt; &gt; &amp;)")
    if stack:
        raise HtmlError(f"unclosed tag <{stack[-1]}>")
    return "".join([*out, text[done:]])


def _tag(tag: str, closing: bool, stack: list[str], at: int) -> None:
    """Open or close ``tag`` on ``stack``, the tags open at character ``at``."""
    if tag not in HTML_TAGS:
        raise HtmlError(f"unsupported tag <{tag}> at character {at}")
    if closing:
        if not stack or stack[-1] != tag:
            raise HtmlError(f"</{tag}> closes {f'<{stack[-1]}>' if stack else 'nothing'}, at character {at}")
        stack.pop()
        return
    inside = [outer for outer in stack if outer in _VERBATIM or outer == tag == "blockquote"]
    if inside:
        raise HtmlError(f"<{tag}> inside <{inside[0]}> at character {at}")
    stack.append(tag)


def message_text_problems(text: object, parse_mode: object = None, *, what: str = "text") -> list[str]:
    """Problems of a message text: HTML or plain, and 1 to 4096 UTF-16 units after parsing."""
    if not isinstance(text, str):
        return [f"{what} is not a string: {text!r}"]
    if parse_mode not in (None, "HTML"):
        return [f"{what}: parse_mode {parse_mode!r} is not checked by these rules"]
    try:
        plain = text if parse_mode is None else html_to_plain(text)
    except HtmlError as error:
        return [f"{what} is not valid Telegram HTML: {error}"]
    if not _is_text(plain):
        return [f"{what} is empty for Telegram, or not valid Unicode: {text[:80]!r}"]
    if utf16_length(plain) > MAX_MESSAGE_LENGTH:
        return [f"{what} is too long: {utf16_length(plain)} UTF-16 units after parsing (at most 4096)"]
    return []


def callback_data_problems(data: object) -> list[str]:
    """Problems of a button's callback data: a string of 1-64 bytes in UTF-8."""
    if not isinstance(data, str):
        return [f"callback_data is not a string: {data!r}"]
    try:
        size = len(data.encode("utf-8"))
    except UnicodeEncodeError:
        return [f"callback_data is not valid Unicode: {data!r}"]
    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
        return [f"callback_data must be 1-{MAX_CALLBACK_DATA_BYTES} bytes, not {size}: {data!r}"]
    return []


def _button_problems(button: object) -> list[str]:
    if not isinstance(button, Mapping) or set(button) not in ({"text", "callback_data"}, {"text", "url"}):
        return [f"not a text with callback_data or a url: {button!r}"]
    problems = [] if _is_text(button["text"]) else [f"the button text is blank: {button['text']!r}"]
    if "callback_data" in button:
        return problems + callback_data_problems(button["callback_data"])
    if not (isinstance(button["url"], str) and button["url"].startswith(("https://", "http://", "tg://"))):
        problems.append(f"not a URL: {button['url']!r}")
    return problems


def reply_markup_problems(markup: object) -> list[str]:
    """Problems of a reply_markup: an inline keyboard (the only kind this bot sends)."""
    if not isinstance(markup, Mapping) or set(markup) != {"inline_keyboard"}:
        return [f"reply_markup is not an inline keyboard: {markup!r}"]
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) and row for row in rows):
        return [f"inline_keyboard is not a list of non-empty rows: {rows!r}"]
    problems = [
        f"a row of {len(row)} buttons (at most {MAX_BUTTONS_PER_ROW})"
        for row in rows
        if len(row) > MAX_BUTTONS_PER_ROW
    ]
    buttons = [button for row in rows for button in row]
    if len(buttons) > MAX_BUTTONS:
        problems.append(f"{len(buttons)} buttons (at most {MAX_BUTTONS})")
    return problems + [
        f"button {n}: {p}" for n, button in enumerate(buttons) for p in _button_problems(button)
    ]


def _markup(params: JSON) -> list[str]:
    return reply_markup_problems(params["reply_markup"]) if "reply_markup" in params else []


def _chat(params: JSON) -> list[str]:
    chat_id = params.get("chat_id")
    return [] if _is_int(chat_id) and chat_id != 0 else [f"bad chat_id: {chat_id!r}"]


def _send_message(params: JSON) -> list[str]:
    problems = _chat(params) + message_text_problems(params.get("text"), params.get("parse_mode"))
    reply = params.get("reply_parameters", {"message_id": 0})
    if not isinstance(reply, Mapping) or not _is_int(reply.get("message_id")):
        problems.append(f"reply_parameters needs an integer message_id: {reply!r}")
    if not isinstance(params.get("link_preview_options", {}), Mapping):
        problems.append("link_preview_options is not an object")
    return problems + _markup(params)


def _edit_message_reply_markup(params: JSON) -> list[str]:
    problem = [] if _is_int(params.get("message_id")) else [f"bad message_id: {params.get('message_id')!r}"]
    return _chat(params) + problem + _markup(params)


def _answer_callback_query(params: JSON) -> list[str]:
    problems = [] if _is_text(params.get("callback_query_id")) else ["callback_query_id is not a string"]
    text = params.get("text", "")
    if not isinstance(text, str) or utf16_length(text) > MAX_CALLBACK_ANSWER_LENGTH:
        problems.append(f"the notice must be a string of at most {MAX_CALLBACK_ANSWER_LENGTH} characters")
    return problems


def inline_results_problems(results: object) -> list[str]:
    """Problems of answerInlineQuery's results: at most 50 articles with unique ids of 1-64 bytes."""
    if not isinstance(results, list):
        return [f"results is not a list: {results!r}"]
    problems = (
        [f"{len(results)} results (at most {MAX_INLINE_RESULTS})"]
        if len(results) > MAX_INLINE_RESULTS
        else []
    )
    ids = [result.get("id") if isinstance(result, Mapping) else None for result in results]
    for n, result in enumerate(results):
        where = f"results[{n}]"
        if not isinstance(result, Mapping) or result.get("type") != "article":
            problems.append(f"{where} is not an article: {result!r}")
            continue
        result_id = ids[n]
        if not (isinstance(result_id, str) and 1 <= len(result_id.encode()) <= MAX_INLINE_RESULT_ID_BYTES):
            problems.append(f"{where}: the id must be 1-{MAX_INLINE_RESULT_ID_BYTES} bytes: {result_id!r}")
        elif ids.index(result_id) != n:
            problems.append(f"{where}: the id {result_id!r} is not unique")
        unchecked = set(result) - {
            "type",
            "id",
            "title",
            "description",
            "input_message_content",
            "reply_markup",
        }
        problems += [f"{where}: {name} is not checked by these rules" for name in sorted(unchecked)]
        if not _is_text(result.get("title")) or not _is_text(result.get("description", "x")):
            problems.append(f"{where}: a blank title or description")
        content = result.get("input_message_content")
        if not isinstance(content, Mapping) or set(content) - {
            "message_text",
            "parse_mode",
            "link_preview_options",
        }:
            problems.append(f"{where}: input_message_content is not a text message: {content!r}")
        else:
            text = content.get("message_text")
            problems += message_text_problems(text, content.get("parse_mode"), what=f"{where}.message_text")
        problems += [f"{where}: {p}" for p in _markup(result)]
    return problems


def _answer_inline_query(params: JSON) -> list[str]:
    problems = [] if _is_text(params.get("inline_query_id")) else ["inline_query_id is not a string"]
    problems += inline_results_problems(params.get("results"))
    cache_time = params.get("cache_time", 0)
    if not (_is_int(cache_time) and isinstance(cache_time, int) and cache_time >= 0):
        problems.append("cache_time must be a non-negative integer")
    if not isinstance(params.get("is_personal", False), bool):
        problems.append("is_personal is not a boolean")
    button = params.get("button", {"text": "x", "start_parameter": "x"})
    if not (
        isinstance(button, Mapping)
        and set(button) == {"text", "start_parameter"}
        and _is_text(button["text"])
        and _START_PARAMETER.fullmatch(str(button["start_parameter"]))
    ):
        problems.append(f"button needs a text and a start_parameter of 1-64 of A-Z a-z 0-9 _ -: {button!r}")
    return problems


def _set_my_commands(params: JSON) -> list[str]:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > MAX_COMMANDS:
        return [f"commands must be a list of at most {MAX_COMMANDS}: {commands!r}"]
    problems = [
        f"a command needs a name of 1-32 of a-z 0-9 _ and a description of 1-256 characters: {command!r}"
        for command in commands
        if not isinstance(command, Mapping)
        or not _COMMAND.fullmatch(str(command.get("command")))
        or not (_is_text(command.get("description")) and len(str(command.get("description"))) <= 256)
    ]
    scope = params.get("scope", {"type": "default"})
    if not isinstance(scope, Mapping) or scope.get("type") not in _SCOPES:
        problems.append(f"scope is not one of {sorted(_SCOPES)}: {scope!r}")
    if not re.fullmatch(r"[a-z]{2}", str(params.get("language_code", "en"))):
        problems.append(f"language_code is not a two-letter code: {params.get('language_code')!r}")
    return problems


def _set_webhook(params: JSON) -> list[str]:
    problems = [] if str(params.get("url")).startswith("https://") else ["the url must be HTTPS"]
    if not _SECRET_TOKEN.fullmatch(str(params.get("secret_token", "x"))):
        problems.append("secret_token must be 1-256 of A-Z a-z 0-9 _ -")
    return problems


def _nothing(params: JSON) -> list[str]:
    return []


# Each method the bot calls: the parameters it may send, and the check of their values.
_METHODS: dict[str, tuple[str, Callable[[JSON], list[str]]]] = {
    "getMe": ("", _nothing),
    "getUpdates": ("offset limit timeout allowed_updates", _nothing),
    "deleteWebhook": ("drop_pending_updates", _nothing),
    "setWebhook": ("url secret_token allowed_updates drop_pending_updates max_connections", _set_webhook),
    "setMyCommands": ("commands scope language_code", _set_my_commands),
    "sendMessage": (
        "chat_id text parse_mode link_preview_options reply_markup reply_parameters",
        _send_message,
    ),
    "editMessageReplyMarkup": ("chat_id message_id reply_markup", _edit_message_reply_markup),
    "answerCallbackQuery": ("callback_query_id text", _answer_callback_query),
    "answerInlineQuery": ("inline_query_id results cache_time is_personal button", _answer_inline_query),
}
METHODS = frozenset(_METHODS)


def call_problems(method: str, params: JSON) -> list[str]:
    """Every problem of one Bot API call (none when Telegram accepts it)."""
    if method not in _METHODS:
        return [f"{method}: no rules for this method (the bot does not call it)"]
    allowed, check = _METHODS[method]
    unchecked = [
        f"{name} is not checked by these rules" for name in sorted(set(params) - set(allowed.split()))
    ]
    return [f"{method}: {problem}" for problem in unchecked + check(params)]
