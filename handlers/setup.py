"""Wire the handlers into an application: :func:`register` is the only entry point."""

from __future__ import annotations

import logging
import re
import time
from typing import TYPE_CHECKING

from telegram.ext import (
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers import (
    admin,
    callbacks,
    commands,
    conversation,
    errors,
    feedback,
    inline,
    language,
    media,
    privacy,
    questions,
)
from handlers.context import AnyApplication, set_engine
from handlers.filters import COMMAND_FOR_THIS_BOT, GROUP_QUESTION, PRIVATE_NON_TEXT, PRIVATE_QUESTION
from handlers.flood import Clock, flood_handler
from knowledge import Engine

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

# Handler groups run in this order; in each, the first handler that takes an update runs.
FLOOD_GROUP = -1
COMMAND_GROUP = 0
CALLBACK_GROUP = 1
INLINE_GROUP = 2
COMMENT_GROUP = 3
MESSAGE_GROUP = 4
FALLBACK_GROUP = 5
# What CommandHandler accepts as a command name.
COMMAND_NAME = re.compile(r"^[\da-z_]{1,32}$")


def register(
    application: AnyApplication, engine: Engine, settings: Settings, *, clock: Clock = time.monotonic
) -> None:
    """Put ``engine`` in ``application.bot_data`` and add every handler and the error handler.

    Args:
        application: the application to wire (not yet initialised is fine).
        engine: the engine to answer with; handlers read it from ``bot_data["engine"]`` on
            every update, so it can be replaced later.
        settings: the settings; ``flood_limit`` and ``flood_window`` configure the guard.
        clock: the monotonic clock, in seconds, of the flood guard and of conversations'
            expiry (tests pass a fake one).
    """
    set_engine(application, engine)
    application.bot_data[conversation.CLOCK_KEY] = clock  # conversations expire by it

    # Flood guard: before everything else; stops an update over the limit.
    application.add_handler(
        flood_handler(settings.flood_limit, settings.flood_window, FLOOD_GROUP, clock), group=FLOOD_GROUP
    )

    # Commands: the engine's, one handler for all topic shortcuts, /ask, then any other
    # command addressed to this bot (CommandHandler ignores /cmd@OtherBot, and so does the
    # catch-all's filter).
    # First, /reload and /stats for the ADMIN_IDS in private chats (handlers/admin.py); from
    # anyone else they fall through to the catch-all below, like any unknown command.
    application.add_handlers(admin.admin_handlers(settings.admin_ids), group=COMMAND_GROUP)
    on_command = commands.on_command
    application.add_handler(CommandHandler(commands.ENGINE_COMMANDS, on_command), group=COMMAND_GROUP)
    application.add_handler(
        CommandHandler(language.LANGUAGE_COMMAND, language.on_language), group=COMMAND_GROUP
    )
    application.add_handler(CommandHandler(privacy.PRIVACY_COMMAND, privacy.on_privacy), group=COMMAND_GROUP)
    application.add_handler(CommandHandler(privacy.FORGET_COMMAND, privacy.on_forget), group=COMMAND_GROUP)
    taken = {
        *commands.ENGINE_COMMANDS,
        commands.ASK_COMMAND,
        language.LANGUAGE_COMMAND,
        privacy.PRIVACY_COMMAND,
        privacy.FORGET_COMMAND,
    }
    topics = [t.id for t in engine.topics if COMMAND_NAME.fullmatch(t.id) and t.id not in taken]
    for topic in engine.topics:
        if topic.id not in topics:
            logger.warning("Topic %r has no command handler: not a valid, free command name", topic.id)
    if topics:
        application.add_handler(CommandHandler(topics, on_command), group=COMMAND_GROUP)
    application.add_handler(CommandHandler(commands.ASK_COMMAND, questions.on_ask), group=COMMAND_GROUP)
    application.add_handler(
        MessageHandler(filters.COMMAND & COMMAND_FOR_THIS_BOT, on_command), group=COMMAND_GROUP
    )

    # Callbacks: the /language, "did you mean", "Source", 👍 and 👎 buttons, whatever their
    # data (it is validated inside).
    application.add_handler(CallbackQueryHandler(callbacks.on_callback), group=CALLBACK_GROUP)

    # Inline mode: @ThisBot question; the article a user sent, for the question log.
    application.add_handler(InlineQueryHandler(inline.on_inline_query), group=INLINE_GROUP)
    application.add_handler(ChosenInlineResultHandler(inline.on_chosen_result), group=INLINE_GROUP)

    # The comment a 👎 asked for: a private message that is one stops here.
    application.add_handler(MessageHandler(PRIVATE_QUESTION, feedback.on_comment), group=COMMENT_GROUP)

    # Messages: any text in private chats; in groups, only text addressed to the bot.
    on_private, on_group = questions.on_private_question, questions.on_group_question
    application.add_handler(MessageHandler(PRIVATE_QUESTION, on_private), group=MESSAGE_GROUP)
    application.add_handler(MessageHandler(GROUP_QUESTION, on_group), group=MESSAGE_GROUP)

    # Fallback: stickers, photos, voice, locations, … in private chats get a hint.
    application.add_handler(MessageHandler(PRIVATE_NON_TEXT, media.on_non_text), group=FALLBACK_GROUP)

    application.add_error_handler(errors.on_error)
