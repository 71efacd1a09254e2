"""The bot, its users and chats, and their messages as the Bot API sends them (JSON dicts)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tests.doubles.rules import utf16_length

BOT_ID = 123456
BOT_USERNAME = "KzItBot"
BOT_NAME = "Kazakhstan–Italy bot"
TOKEN = f"{BOT_ID}:" + "A" * 35
USER_ID = 1001
GROUP_ID = -1001234567890

JSON = dict[str, Any]

BOT_USER: JSON = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": BOT_NAME,
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}

_COMMAND_IN_TEXT = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION_IN_TEXT = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")


def user(user_id: int = USER_ID, first_name: str = "Ann", **extra: Any) -> JSON:
    """A Telegram user (not a bot)."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en", **extra}


def private_chat(of: JSON) -> JSON:
    """The private chat with a user."""
    return {"id": of["id"], "type": "private", "first_name": of.get("first_name", "")}


def group_chat(chat_id: int = GROUP_ID, title: str = "Friends of Italy", *, forum: bool = False) -> JSON:
    """A supergroup (ids of supergroups are negative)."""
    chat: JSON = {"id": chat_id, "type": "supergroup", "title": title}
    return {**chat, "is_forum": True} if forum else chat


def entity(kind: str, text: str, part: str, **extra: Any) -> JSON:
    """A message entity of ``kind`` over the first ``part`` of ``text``, in UTF-16 units."""
    start = text.index(part)
    return {"type": kind, "offset": utf16_length(text[:start]), "length": utf16_length(part), **extra}


def text_entities(text: str) -> list[JSON]:
    """The ``bot_command`` and ``mention`` entities Telegram would attach to ``text``."""
    found = [(m.start(), m.group(), "bot_command") for m in _COMMAND_IN_TEXT.finditer(text)]
    found += [(m.start(), m.group(), "mention") for m in _MENTION_IN_TEXT.finditer(text)]
    return [
        {"type": kind, "offset": utf16_length(text[:start]), "length": utf16_length(part)}
        for start, part, kind in sorted(found)
    ]


def text_message(
    text: str,
    *,
    user: JSON,
    chat: JSON | None = None,
    reply_to: JSON | None = None,
    entities: list[JSON] | None = None,
) -> JSON:
    """A text message from ``user`` in ``chat`` (default: the private chat with ``user``).

    Bot commands and mentions get their entities as Telegram computes them, unless ``entities``
    is given. The fake server adds the message id and the date when the update is pushed.
    """
    message: JSON = {"chat": chat if chat is not None else private_chat(user), "from": user, "text": text}
    found = text_entities(text) if entities is None else entities
    if found:
        message["entities"] = found
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


def inline_buttons(message: JSON) -> list[JSON]:
    """The inline keyboard buttons of a message, row after row."""
    rows: Iterable[list[JSON]] = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]
