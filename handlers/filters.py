"""Which messages are addressed to this bot, and the pieces of a command or a mention.

The bot's username and id are only known once the application is initialised, so these
filters read them from the message's bot when they run, never at import or registration.
"""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import filters

from knowledge.commands import Command, parse_command


def _bot_username(message: Message) -> str:
    return (message.get_bot().username or "").casefold()


def command_of(message: Message) -> Command | None:
    """The command a message starts with, as Telegram marks it (a ``bot_command`` entity first).

    Parsed by :func:`knowledge.commands.parse_command`, as the terminal chat's lines are.
    """
    text = message.text
    entities = message.entities
    if not text or not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset:
        return None
    return parse_command(text)


class CommandForThisBot(filters.MessageFilter):
    """A command meant for this bot: ``/cmd@ThisBot`` anywhere, or a bare ``/cmd`` in private.

    In groups a bare ``/cmd`` may be meant for another bot, and ``/cmd@OtherBot`` always is;
    neither passes.
    """

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        """Whether ``message`` is a command addressed to this bot."""
        command = command_of(message)
        if command is None:
            return False
        if command.target:
            return command.target == _bot_username(message)
        return message.chat.type == ChatType.PRIVATE


def bot_mentions(message: Message) -> list[MessageEntity]:
    """The entities of ``message`` that mention this bot (``@ThisBot`` or a text mention of it)."""
    me = message.get_bot().id
    mention = f"@{_bot_username(message)}"
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    return [
        entity
        for entity, text in entities.items()
        if (entity.type == MessageEntity.MENTION and mention != "@" and text.casefold() == mention)
        or (entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == me)
    ]


class MentionsThisBot(filters.MessageFilter):
    """A message whose text mentions this bot."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        """Whether ``message`` mentions this bot."""
        return bool(bot_mentions(message))


class RepliesToThisBot(filters.MessageFilter):
    """A reply to one of this bot's own messages (not a forum topic's opening service message).

    In a forum topic every message "replies" to the topic's creation message, which the bot
    may have sent; that is not a reply to the bot.
    """

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        """Whether ``message`` replies to a message of this bot."""
        replied = message.reply_to_message
        return (
            replied is not None
            and replied.from_user is not None
            and replied.from_user.id == message.get_bot().id
            and replied.forum_topic_created is None
        )


class ViaThisBot(filters.MessageFilter):
    """A message sent through this bot's inline mode (an answer the user shared, not a question)."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        """Whether ``message`` was sent via this bot."""
        return message.via_bot is not None and message.via_bot.id == message.get_bot().id


def remove_entities(text: str, entities: Iterable[MessageEntity]) -> str:
    """``text`` without the spans of ``entities`` (UTF-16 offsets), with whitespace tidied.

    Punctuation left at either end by the removal (``"@Bot, when …"``) is dropped too.
    """
    units = text.encode("utf-16-le")
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        start, end = 2 * entity.offset, 2 * (entity.offset + entity.length)
        units = units[:start] + b" \x00" + units[end:]
    return " ".join(units.decode("utf-16-le").split()).strip(" ,:;")


COMMAND_FOR_THIS_BOT = CommandForThisBot()
MENTIONS_THIS_BOT = MentionsThisBot()
REPLIES_TO_THIS_BOT = RepliesToThisBot()
VIA_THIS_BOT = ViaThisBot()
# A question in a private chat: any text that is not a command.
PRIVATE_QUESTION = (
    filters.ChatType.PRIVATE & filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND & ~VIA_THIS_BOT
)
# A question in a group: text that mentions the bot or replies to it.
GROUP_QUESTION = (
    filters.ChatType.GROUPS
    & filters.UpdateType.MESSAGES
    & filters.TEXT
    & ~filters.COMMAND
    & ~VIA_THIS_BOT
    & (MENTIONS_THIS_BOT | REPLIES_TO_THIS_BOT)
)
# Anything new in a private chat that is not text (stickers, photos, voice, locations, …).
# Edits are left out: a shared live location sends an edit every few seconds.
PRIVATE_NON_TEXT = (
    filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL
)
