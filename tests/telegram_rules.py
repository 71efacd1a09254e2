"""What the Telegram Bot API accepts: pure checks of the calls a bot makes.

Every check returns a list of problems (empty when the call is fine), so a test can show
all of them at once; :func:`check_call` raises :class:`TelegramRuleError` with the list.

The rules are the documented ones (https://core.telegram.org/bots/api, "Formatting
options" and the methods' parameters), which are in places stricter than the server:
Telegram's own parser lets a bare ``>`` or an unknown ``&name;`` through as text, closes a
tag with ``</>`` and silently drops entities nested against the rules. A bot should not rely
on that, so here they are problems: whatever passes these checks, Telegram accepts.

Lengths are counted as Telegram counts them: in UTF-16 code units, after entity parsing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_MESSAGE_LENGTH = 4096  # sendMessage / editMessageText / input_message_content text
MAX_CALLBACK_DATA_BYTES = 64  # InlineKeyboardButton.callback_data: 1-64 bytes
MAX_CALLBACK_ANSWER_LENGTH = 200  # answerCallbackQuery.text: 0-200 characters
MAX_INLINE_RESULTS = 50  # answerInlineQuery: no more than 50 results per query
MAX_INLINE_RESULT_ID_BYTES = 64  # InlineQueryResult.id: 1-64 bytes
MAX_INLINE_QUERY_LENGTH = 256  # InlineQuery.query: up to 256 characters
MAX_NEXT_OFFSET_BYTES = 64  # answerInlineQuery.next_offset
MAX_PLACEHOLDER_LENGTH = 64  # input_field_placeholder: 1-64 characters
# Not in the documentation, but enforced by the server (BUTTON_DATA_INVALID / reply markup too long).
MAX_BUTTONS_PER_ROW = 8
MAX_BUTTONS = 100

# Tags of parse_mode=HTML; the aliases (strong, em, ins, strike, del) mean the same entities.
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Entities that contain nothing but text ("pre and code entities can't contain other entities",
# except the <pre><code class="language-..."> pair that names the language).
_VERBATIM = frozenset({"code", "pre"})
# "All other entities can't contain each other": links and custom emoji among themselves and
# with code and pre.
_EXCLUSIVE = frozenset({"a", "tg-emoji", "code", "pre"})

# What Telegram trims from a message and counts as nothing: ASCII controls and spaces, the
# Unicode spaces, zero-width characters and direction marks, the byte order mark, the object
# replacement character, combining vertical lines and the tag characters. A text of only
# these is "message text is empty".
_EMPTY_CHARACTERS = frozenset(
    [chr(c) for c in range(0x21)]
    + [chr(c) for c in range(0x2000, 0x2010)]
    + [chr(c) for c in range(0x2028, 0x2030)]
    + [chr(c) for c in range(0xE0000, 0xE0080)]
    + list("\u00a0\u1680\u180e\u205f\u2800\u3000\ufeff\ufffc\u0333\u033f\u030a")
)

_SPACE = " \t\n\r\f"
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_:.-]*")
_UNQUOTED_VALUE = re.compile(r"[^\s\"'=<>`]+")
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)[ \t\n\r\f]*>")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9A-Fa-f]{1,8}));")
_EMOJI_ID = re.compile(r"[0-9]{1,20}")
_LANGUAGE = re.compile(r"language-[^\s\"'<>&]*")

JSON = Mapping[str, object]


class TelegramRuleError(ValueError):
    """A call, or a text in it, that Telegram would refuse."""


class HtmlError(TelegramRuleError):
    """Text that does not parse as Telegram HTML; ``offset`` is the character where it fails."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} at character {offset}")
        self.offset = offset


@dataclass(frozen=True)
class HtmlEntity:
    """One tag of the parsed text: its name, where it applies (UTF-16 units), its attributes."""

    tag: str
    offset: int
    length: int
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedHtml:
    """The text a user sees, and the tags over it, in the order they close."""

    text: str
    entities: tuple[HtmlEntity, ...] = ()


# -- text ------------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Telegram's limits."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def is_blank(text: str) -> bool:
    """Whether Telegram would find nothing in ``text`` ("message text is empty")."""
    return all(character in _EMPTY_CHARACTERS for character in text)


def is_valid_unicode(text: str) -> bool:
    """Whether ``text`` can be sent as UTF-8 (no unpaired surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _decode_entity(text: str, at: int) -> tuple[str, int]:
    """The character of the entity starting at ``text[at] == "&"``, and where it ends."""
    match = _ENTITY.match(text, at)
    if match is None:
        raise HtmlError("bare '&' (write &amp;; the named entities are &lt; &gt; &amp; &quot;)", at)
    named, decimal, hexadecimal = match.groups()
    if named:
        return NAMED_ENTITIES[named], match.end()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlError(f"numeric entity {match.group()} is not a Unicode character", at)
    return chr(code), match.end()


def _decode_text(text: str, start: int, end: int) -> str:
    """``text[start:end]`` (an attribute value) with its entities decoded."""
    out = []
    i = start
    while i < end:
        if text[i] == "&":
            character, i = _decode_entity(text, i)
            out.append(character)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@dataclass
class _Open:
    tag: str
    at: int  # character offset of "<" in the source
    start: int  # UTF-16 offset in the parsed text
    attributes: dict[str, str]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _start_tag(text: str, at: int) -> tuple[str, dict[str, str], int]:
    """Parse the start tag at ``text[at] == "<"``: its name, attributes and end."""
    name_match = _NAME.match(text, at + 1)
    if name_match is None:
        raise HtmlError("bare '<' (write &lt;)", at)
    tag = name_match.group().lower()
    if tag not in HTML_TAGS:
        raise HtmlError(f"unsupported tag <{tag}>", at)
    attributes: dict[str, str] = {}
    i = name_match.end()
    while True:
        after_space = _skip_space(text, i)
        if after_space >= len(text):
            raise HtmlError(f"unclosed start tag <{tag}", at)
        if text[after_space] == ">":
            return tag, attributes, after_space + 1
        if after_space == i:
            raise HtmlError(f"malformed start tag <{tag}>", at)
        name = _ATTRIBUTE_NAME.match(text, after_space)
        if name is None:
            raise HtmlError(f"malformed attribute in <{tag}>", after_space)
        attribute = name.group().lower()
        if attribute in attributes:
            raise HtmlError(f"attribute {attribute!r} given twice in <{tag}>", after_space)
        i = _skip_space(text, name.end())
        value = ""
        if i < len(text) and text[i] == "=":
            i = _skip_space(text, i + 1)
            if i >= len(text):
                raise HtmlError(f"unclosed start tag <{tag}", at)
            if text[i] in "\"'":
                close = text.find(text[i], i + 1)
                if close < 0:
                    raise HtmlError(f"unclosed attribute value in <{tag}>", i)
                value, i = _decode_text(text, i + 1, close), close + 1
            else:
                unquoted = _UNQUOTED_VALUE.match(text, i)
                if unquoted is None:
                    raise HtmlError(f"malformed attribute value in <{tag}>", i)
                value, i = _decode_text(text, i, unquoted.end()), unquoted.end()
        else:
            i = name.end()  # a boolean attribute: the space before it belongs to the next one
        attributes[attribute] = value


def _check_attributes(tag: str, attributes: Mapping[str, str], at: int) -> None:
    allowed: dict[str, set[str]] = {
        "span": {"class"},
        "a": {"href"},
        "code": {"class"},
        "blockquote": {"expandable"},
        "tg-emoji": {"emoji-id"},
    }
    unknown = sorted(set(attributes) - allowed.get(tag, set()))
    if unknown:
        raise HtmlError(f"unsupported attribute {unknown[0]!r} in <{tag}>", at)
    if tag == "span" and attributes.get("class") != "tg-spoiler":
        raise HtmlError('<span> must be <span class="tg-spoiler">', at)
    if tag == "a" and not attributes.get("href", "").strip():
        raise HtmlError("<a> needs a non-empty href", at)
    if tag == "code" and "class" in attributes and not _LANGUAGE.fullmatch(attributes["class"]):
        raise HtmlError('the class of <code> must be "language-..."', at)
    if tag == "blockquote" and attributes.get("expandable", "") not in ("", "expandable"):
        raise HtmlError("expandable is a boolean attribute of <blockquote>", at)
    if tag == "tg-emoji" and not _EMOJI_ID.fullmatch(attributes.get("emoji-id", "")):
        raise HtmlError('<tg-emoji> needs a numeric emoji-id="..."', at)


def _check_nesting(tag: str, attributes: Mapping[str, str], stack: Sequence[_Open], at: int) -> None:
    parent = stack[-1] if stack else None
    pre_code = tag == "code" and parent is not None and parent.tag == "pre"
    for outer in stack:
        if outer.tag in _VERBATIM and not (pre_code and outer is parent):
            raise HtmlError(f"<{tag}> inside <{outer.tag}>: {outer.tag} can't contain other entities", at)
        if tag in _EXCLUSIVE and outer.tag in _EXCLUSIVE and not (pre_code and outer is parent):
            raise HtmlError(f"<{tag}> inside <{outer.tag}>: these entities can't contain each other", at)
        if tag == "blockquote" and outer.tag == "blockquote":
            raise HtmlError("blockquotes can't be nested", at)
    if tag == "code" and "class" in attributes and not pre_code:
        raise HtmlError("a language can only be given to <code> directly inside <pre>", at)


def parse_html(text: str) -> ParsedHtml:
    """Parse ``text`` as Telegram parses ``parse_mode=HTML``.

    Raises:
        HtmlError: for an unsupported tag or attribute, a tag not closed or closed out of
            order, entities nested against Telegram's rules, a bare ``<``, ``>`` or ``&``, an
            unknown named entity, or a numeric one that is not a Unicode character.
    """
    out: list[str] = []
    position = 0  # UTF-16 units in the parsed text so far
    stack: list[_Open] = []
    entities: list[HtmlEntity] = []
    i = 0
    while i < len(text):
        character = text[i]
        if character == "<" and text.startswith("</", i):
            end = _END_TAG.match(text, i)
            if end is None:
                raise HtmlError("malformed end tag", i)
            tag = end.group(1).lower()
            if not stack:
                raise HtmlError(f"end tag </{tag}> without a start tag", i)
            if stack[-1].tag != tag:
                raise HtmlError(f"</{tag}> closes <{stack[-1].tag}> (wrong nesting)", i)
            opened = stack.pop()
            if tag == "tg-emoji" and position == opened.start:
                raise HtmlError("<tg-emoji> must contain its emoji", i)
            entities.append(HtmlEntity(tag, opened.start, position - opened.start, opened.attributes))
            i = end.end()
        elif character == "<":
            tag, attributes, end_at = _start_tag(text, i)
            _check_attributes(tag, attributes, i)
            _check_nesting(tag, attributes, stack, i)
            stack.append(_Open(tag, i, position, attributes))
            i = end_at
        elif character == ">":
            raise HtmlError("bare '>' (write &gt;)", i)
        else:
            if character == "&":
                character, i = _decode_entity(text, i)
            else:
                i += 1
            out.append(character)
            position += utf16_length(character)
    if stack:
        raise HtmlError(f"unclosed tag <{stack[-1].tag}>", stack[-1].at)
    return ParsedHtml("".join(out), tuple(entities))


def message_text_problems(
    text: object, parse_mode: object = None, *, limit: int = MAX_MESSAGE_LENGTH, what: str = "text"
) -> list[str]:
    """Problems of a message text: 1 to ``limit`` UTF-16 units after parsing, and parsing at all."""
    if not isinstance(text, str):
        return [f"{what} is not a string: {text!r}"]
    if not is_valid_unicode(text):
        return [f"{what} is not valid Unicode (an unpaired surrogate)"]
    if parse_mode in (None, ""):
        plain = text
    elif parse_mode == "HTML":
        try:
            plain = parse_html(text).text
        except HtmlError as error:
            return [f"{what} is not valid Telegram HTML: {error}"]
    else:
        return [f"{what}: parse_mode {parse_mode!r} is not checked by these rules"]
    if is_blank(plain):
        return [f"{what} is empty for Telegram: {text[:80]!r}"]
    length = utf16_length(plain)
    if length > limit:
        return [f"{what} is too long: {length} UTF-16 units after parsing (the limit is {limit})"]
    return []


# -- keyboards -------------------------------------------------------------------------

INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_MARKUP_KINDS = ("inline_keyboard", "keyboard", "remove_keyboard", "force_reply")


def callback_data_problems(data: object) -> list[str]:
    """Problems of a button's callback data: a string of 1-64 bytes in UTF-8."""
    if not isinstance(data, str):
        return [f"callback_data is not a string: {data!r}"]
    if not is_valid_unicode(data):
        return ["callback_data is not valid Unicode"]
    size = len(data.encode("utf-8"))
    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
        return [f"callback_data must be 1-{MAX_CALLBACK_DATA_BYTES} bytes, not {size}: {data!r}"]
    return []


def _button_text_problems(button: Mapping[str, object], where: str) -> list[str]:
    text = button.get("text")
    if not isinstance(text, str) or not is_valid_unicode(text) or is_blank(text):
        return [f"{where}: the button text must be a non-empty string, not {text!r}"]
    return []


def _rows(keyboard: object, what: str) -> tuple[list[str], list[tuple[str, object]]]:
    """The problems of a keyboard's shape, and its buttons with where they are."""
    if not isinstance(keyboard, list):
        return [f"{what} is not a list of rows"], []
    problems: list[str] = []
    buttons: list[tuple[str, object]] = []
    for r, row in enumerate(keyboard):
        if not isinstance(row, list) or not row:
            problems.append(f"{what}[{r}] is not a non-empty list of buttons")
            continue
        if len(row) > MAX_BUTTONS_PER_ROW:
            problems.append(f"{what}[{r}] has {len(row)} buttons (at most {MAX_BUTTONS_PER_ROW})")
        buttons += [(f"{what}[{r}][{c}]", button) for c, button in enumerate(row)]
    if len(buttons) > MAX_BUTTONS:
        problems.append(f"{what} has {len(buttons)} buttons (at most {MAX_BUTTONS})")
    return problems, buttons


def reply_markup_problems(markup: object, *, inline_only: bool = False) -> list[str]:
    """Problems of a reply_markup: exactly one well-formed kind of keyboard.

    Args:
        markup: the decoded reply_markup.
        inline_only: only an inline keyboard is allowed (editMessageText, inline results).
    """
    if not isinstance(markup, Mapping):
        return [f"reply_markup is not an object: {markup!r}"]
    kinds = [kind for kind in _MARKUP_KINDS if kind in markup]
    if len(kinds) != 1:
        return [f"reply_markup must be exactly one of {', '.join(_MARKUP_KINDS)}, not {sorted(markup)}"]
    [kind] = kinds
    if inline_only and kind != "inline_keyboard":
        return [f"only an inline keyboard is allowed here, not {kind}"]
    if kind == "remove_keyboard":
        return [] if markup[kind] is True else ["remove_keyboard must be true"]
    if kind == "force_reply":
        problems = [] if markup[kind] is True else ["force_reply must be true"]
        placeholder = markup.get("input_field_placeholder")
        if placeholder is not None and not (
            isinstance(placeholder, str) and 1 <= len(placeholder) <= MAX_PLACEHOLDER_LENGTH
        ):
            problems.append(f"input_field_placeholder must be 1-{MAX_PLACEHOLDER_LENGTH} characters")
        return problems
    problems, buttons = _rows(markup[kind], kind)
    for where, button in buttons:
        if kind == "keyboard" and isinstance(button, str):
            button = {"text": button}
        if not isinstance(button, Mapping):
            problems.append(f"{where} is not a button: {button!r}")
            continue
        problems += _button_text_problems(button, where)
        if kind == "keyboard":
            continue
        actions = [action for action in INLINE_BUTTON_ACTIONS if action in button]
        if len(actions) != 1:
            problems.append(f"{where} must have exactly one action field, not {actions}")
        if "callback_data" in button:
            problems += [f"{where}: {p}" for p in callback_data_problems(button["callback_data"])]
        if "url" in button and not (isinstance(button["url"], str) and button["url"].strip()):
            problems.append(f"{where}: url must be a non-empty string")
    return problems


# -- methods ---------------------------------------------------------------------------


def _is_chat_id(value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value != 0) or (
        isinstance(value, str) and value.startswith("@") and len(value) > 1
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_non_negative_int(value: object) -> bool:
    return _is_int(value) and isinstance(value, int) and value >= 0


def _common_problems(params: JSON) -> list[str]:
    """Problems of the optional parameters shared by the sending methods."""
    problems = []
    if "reply_parameters" in params:
        reply = params["reply_parameters"]
        if not isinstance(reply, Mapping) or not _is_int(reply.get("message_id")):
            problems.append(f"reply_parameters needs an integer message_id: {reply!r}")
    if "link_preview_options" in params and not isinstance(params["link_preview_options"], Mapping):
        problems.append("link_preview_options is not an object")
    if "message_thread_id" in params and not _is_int(params["message_thread_id"]):
        problems.append("message_thread_id is not an integer")
    return problems


def _send_message(params: JSON) -> list[str]:
    problems = [] if _is_chat_id(params.get("chat_id")) else [f"bad chat_id: {params.get('chat_id')!r}"]
    problems += message_text_problems(params.get("text"), params.get("parse_mode"))
    if "reply_markup" in params:
        problems += reply_markup_problems(params["reply_markup"])
    return problems + _common_problems(params)


def _edit_message_text(params: JSON) -> list[str]:
    problems = message_text_problems(params.get("text"), params.get("parse_mode"))
    inline = "inline_message_id" in params
    by_chat = "chat_id" in params or "message_id" in params
    if inline == by_chat:
        problems.append("give either inline_message_id or chat_id and message_id")
    elif inline and not (isinstance(params["inline_message_id"], str) and params["inline_message_id"]):
        problems.append("inline_message_id must be a non-empty string")
    elif by_chat and not (_is_chat_id(params.get("chat_id")) and _is_int(params.get("message_id"))):
        problems.append("editMessageText needs a chat_id and an integer message_id")
    if "reply_markup" in params:
        problems += reply_markup_problems(params["reply_markup"], inline_only=True)
    return problems + _common_problems(params)


def _answer_callback_query(params: JSON) -> list[str]:
    problems = []
    if not (isinstance(params.get("callback_query_id"), str) and params["callback_query_id"]):
        problems.append("callback_query_id must be a non-empty string")
    if "text" in params:
        text = params["text"]
        if not isinstance(text, str) or not is_valid_unicode(text):
            problems.append(f"the notice text is not a string: {text!r}")
        elif utf16_length(text) > MAX_CALLBACK_ANSWER_LENGTH:
            problems.append(
                f"the notice text has {utf16_length(text)} characters (at most {MAX_CALLBACK_ANSWER_LENGTH})"
            )
    if "show_alert" in params and not isinstance(params["show_alert"], bool):
        problems.append("show_alert is not a boolean")
    if "cache_time" in params and not _is_non_negative_int(params["cache_time"]):
        problems.append("cache_time must be a non-negative integer")
    return problems


_INLINE_RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)


def inline_results_problems(results: object) -> list[str]:
    """Problems of answerInlineQuery's results: at most 50, ids unique and 1-64 bytes, each valid."""
    if not isinstance(results, list):
        return [f"results is not a list: {results!r}"]
    problems = []
    if len(results) > MAX_INLINE_RESULTS:
        problems.append(f"{len(results)} results (at most {MAX_INLINE_RESULTS})")
    seen: set[str] = set()
    for n, result in enumerate(results):
        where = f"results[{n}]"
        if not isinstance(result, Mapping):
            problems.append(f"{where} is not an object")
            continue
        result_id = result.get("id")
        if not isinstance(result_id, str) or not is_valid_unicode(result_id):
            problems.append(f"{where}: id is not a string: {result_id!r}")
        else:
            size = len(result_id.encode("utf-8"))
            if not 1 <= size <= MAX_INLINE_RESULT_ID_BYTES:
                problems.append(f"{where}: id must be 1-{MAX_INLINE_RESULT_ID_BYTES} bytes, not {size}")
            if result_id in seen:
                problems.append(f"{where}: id {result_id!r} is not unique")
            seen.add(result_id)
        if result.get("type") not in _INLINE_RESULT_TYPES:
            problems.append(f"{where}: unknown type {result.get('type')!r}")
        if result.get("type") == "article":
            title = result.get("title")
            if not isinstance(title, str) or not is_valid_unicode(title) or is_blank(title):
                problems.append(f"{where}: an article needs a non-empty title, not {title!r}")
            if "input_message_content" not in result:
                problems.append(f"{where}: an article needs input_message_content")
        for name in ("description", "url", "thumbnail_url"):
            if name in result and not (isinstance(result[name], str) and is_valid_unicode(result[name])):
                problems.append(f"{where}: {name} is not a string")
        content = result.get("input_message_content")
        if content is not None:
            if not isinstance(content, Mapping):
                problems.append(f"{where}: input_message_content is not an object")
            elif "message_text" in content:
                problems += message_text_problems(
                    content["message_text"], content.get("parse_mode"), what=f"{where}.message_text"
                )
                if "link_preview_options" in content and not isinstance(
                    content["link_preview_options"], Mapping
                ):
                    problems.append(f"{where}: link_preview_options is not an object")
        if "reply_markup" in result:
            problems += [
                f"{where}: {p}" for p in reply_markup_problems(result["reply_markup"], inline_only=True)
            ]
    return problems


def _answer_inline_query(params: JSON) -> list[str]:
    problems = []
    if not (isinstance(params.get("inline_query_id"), str) and params["inline_query_id"]):
        problems.append("inline_query_id must be a non-empty string")
    problems += inline_results_problems(params.get("results"))
    if "cache_time" in params and not _is_non_negative_int(params["cache_time"]):
        problems.append("cache_time must be a non-negative integer")
    if "is_personal" in params and not isinstance(params["is_personal"], bool):
        problems.append("is_personal is not a boolean")
    offset = params.get("next_offset")
    if offset is not None and not (
        isinstance(offset, str) and len(offset.encode("utf-8")) <= MAX_NEXT_OFFSET_BYTES
    ):
        problems.append(f"next_offset must be a string of at most {MAX_NEXT_OFFSET_BYTES} bytes")
    return problems


_METHODS = {
    "sendMessage": _send_message,
    "editMessageText": _edit_message_text,
    "answerCallbackQuery": _answer_callback_query,
    "answerInlineQuery": _answer_inline_query,
}
CHECKED_METHODS = frozenset(_METHODS)


def call_problems(method: str, params: JSON) -> list[str]:
    """Problems of one Bot API call; a method these rules do not know is a problem too."""
    check = _METHODS.get(method)
    if check is None:
        return [f"no rules for the method {method!r}"]
    return [f"{method}: {problem}" for problem in check(params)]


def check_call(method: str, params: JSON) -> None:
    """Raise :class:`TelegramRuleError` listing every problem of the call, if any."""
    problems = call_problems(method, params)
    if problems:
        raise TelegramRuleError("; ".join(problems))
