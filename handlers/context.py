"""Where handlers find the engine: ``application.bot_data``, read afresh on every update.

Handlers never hold the engine themselves, so replacing ``bot_data["engine"]`` (a reloaded
knowledge base, say) takes effect with the next update.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackContext

from knowledge import Engine

ENGINE_KEY = "engine"

# Handlers accept any context and application types: they only use bot_data and the bot.
AnyContext = CallbackContext[Any, Any, Any, Any]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
# What a handler calls with each update it takes.
Callback = Callable[[Update, AnyContext], Coroutine[Any, Any, None]]


def set_engine(application: AnyApplication, engine: Engine) -> None:
    """Make ``engine`` the one every handler answers with from now on."""
    application.bot_data[ENGINE_KEY] = engine


def get_engine(context: AnyContext) -> Engine:
    """The engine the handlers answer with.

    Raises:
        RuntimeError: when ``handlers.register`` has not put an engine in ``bot_data``.
    """
    engine = context.bot_data.get(ENGINE_KEY)
    if not isinstance(engine, Engine):
        raise RuntimeError(f"no engine in bot_data[{ENGINE_KEY!r}]: call handlers.register() first")
    return engine


def in_group(update: Update) -> bool:
    """Whether the update comes from a group or supergroup (replies there quote the asker)."""
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
