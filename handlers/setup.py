"""Wire the handlers into an application: :func:`register` is the only entry point."""

from __future__ import annotations

import time
from collections.abc import Collection

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
    inline,
    language,
    media,
    privacy,
    questions,
)
from handlers.admin import Reload
from handlers.context import AnyApplication, Callback, set_engine
from handlers.filters import COMMAND_FOR_THIS_BOT, GROUP_QUESTION, PRIVATE_NON_TEXT, PRIVATE_QUESTION
from handlers.flood import Clock, FloodGuard, FloodLimit
from knowledge import Engine
from knowledge.commands import ASK, ENGINE_COMMANDS, FORGET, LANGUAGE, PRIVACY, topic_commands

# Handler groups run in this order; in each, the first handler that takes an update runs.
COMMAND_GROUP = 0
CALLBACK_GROUP = 1
INLINE_GROUP = 2
MESSAGE_GROUP = 3
FALLBACK_GROUP = 4


def register(
    application: AnyApplication,
    engine: Engine,
    *,
    flood: FloodLimit | None = None,
    admin_ids: Collection[int] = (),
    reload: Reload | None = None,
    clock: Clock = time.monotonic,
) -> None:
    """Put ``engine`` in ``application.bot_data`` and add every handler and the error handler.

    Args:
        application: the application to wire (not yet initialised is fine).
        engine: the engine to answer with; handlers read it from ``bot_data["engine"]`` on
            every update, so it can be replaced later.
        flood: at most so many updates per user in a window (None: no limit).
        admin_ids: the users who may send ``/reload`` and ``/stats`` (in private chats).
        reload: reloads the knowledge base, for ``/reload`` (None: no such command).
        clock: the monotonic clock, in seconds, of the flood guard and of conversations'
            expiry (tests pass a fake one).
    """
    set_engine(application, engine)
    application.bot_data[conversation.CLOCK_KEY] = clock  # conversations expire by it
    # Counts an update in the handler that takes it, once however many do; over the limit,
    # it warns or drops, and no other handler sees the update.
    guard = FloodGuard(flood, clock) if flood is not None else None

    def guarded(callback: Callback) -> Callback:
        return guard.wrap(callback) if guard is not None else callback

    # Commands: the engine's, one handler for all topic shortcuts, /ask, then any other
    # command addressed to this bot (CommandHandler ignores /cmd@OtherBot, and so does the
    # catch-all's filter).
    # First, /reload and /stats for the ADMIN_IDS in private chats (handlers/admin.py); from
    # anyone else they fall through to the catch-all below, like any unknown command.
    application.add_handlers(admin.admin_handlers(admin_ids, reload), group=COMMAND_GROUP)
    on_command = commands.on_command
    routed: list[tuple[str | list[str], Callback]] = [
        (list(ENGINE_COMMANDS), on_command),
        (LANGUAGE, language.on_language),
        (PRIVACY, privacy.on_privacy),
        (FORGET, privacy.on_forget),
    ]
    topics = topic_commands(engine.topics)
    if topics:
        routed.append((topics, on_command))
    routed.append((ASK, questions.on_ask))
    for names, callback in routed:
        application.add_handler(CommandHandler(names, guarded(callback)), group=COMMAND_GROUP)
    application.add_handler(
        MessageHandler(filters.COMMAND & COMMAND_FOR_THIS_BOT, guarded(on_command)), group=COMMAND_GROUP
    )

    # Callbacks: the /language, "did you mean", "Source", 👍 and 👎 buttons, whatever their
    # data (it is validated inside).
    application.add_handler(CallbackQueryHandler(guarded(callbacks.on_callback)), group=CALLBACK_GROUP)

    # Inline mode: @ThisBot question; the article a user sent, for the question log.
    application.add_handler(InlineQueryHandler(guarded(inline.on_inline_query)), group=INLINE_GROUP)
    application.add_handler(ChosenInlineResultHandler(guarded(inline.on_chosen_result)), group=INLINE_GROUP)

    # Messages: any text in private chats (but the comment a 👎 asked for, which is kept, not
    # answered: handlers/feedback.py); in groups, only text addressed to the bot.
    on_private, on_group = guarded(questions.on_private_question), guarded(questions.on_group_question)
    application.add_handler(MessageHandler(PRIVATE_QUESTION, on_private), group=MESSAGE_GROUP)
    application.add_handler(MessageHandler(GROUP_QUESTION, on_group), group=MESSAGE_GROUP)

    # Fallback: stickers, photos, voice, locations, … in private chats get a hint.
    application.add_handler(
        MessageHandler(PRIVATE_NON_TEXT, guarded(media.on_non_text)), group=FALLBACK_GROUP
    )

    application.add_error_handler(errors.on_error)
