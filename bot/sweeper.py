"""Forget, now and then, what the bot holds in memory for chats and users gone quiet.

python-telegram-bot keeps a ``chat_data`` and a ``user_data`` for every chat and user it
ever saw, for as long as the process runs. Every :data:`SWEEP_SECONDS` this drops the
conversations that ended, the chats idle for a day (:func:`handlers.conversation.prune`)
and the users with nothing kept (no language chosen), so that months of new users do not
grow the bot.
"""

from __future__ import annotations

import logging

from bot.periodic import Periodic
from handlers.context import AnyApplication
from handlers.conversation import clock_time, prune

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 10 * 60.0


def sweep(application: AnyApplication) -> tuple[int, int]:
    """Drop idle chats and empty users now; how many of each were dropped."""
    at = clock_time(application.bot_data)
    chats = [chat_id for chat_id, data in list(application.chat_data.items()) if prune(data, at)]
    for chat_id in chats:
        application.drop_chat_data(chat_id)
    users = [user_id for user_id, data in list(application.user_data.items()) if not data]
    for user_id in users:
        application.drop_user_data(user_id)
    return len(chats), len(users)


def sweeper(application: AnyApplication, every: float = SWEEP_SECONDS) -> Periodic:
    """What runs :func:`sweep` every ``every`` seconds while started, logging what it dropped."""

    def job() -> None:
        chats, users = sweep(application)
        logger.debug("Forgot %d idle chat(s) and %d user(s) with nothing kept", chats, users)

    return Periodic("sweeper", job, every)
