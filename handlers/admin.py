"""Administrator commands: ``/reload`` reloads the knowledge base, for the users in ``ADMIN_IDS``.

Only a private chat with one of ``ADMIN_IDS`` reaches :func:`on_reload`; to anyone else
(and in groups, where the report would show file paths to everybody) ``/reload`` is an
unknown command, answered as any other, so it reveals nothing. The reload itself (loading
off the event loop, the swap, the file watch) lives in ``bot/reload.py``, which puts its
:class:`~bot.reload.Reloader` in ``bot_data[RELOADER_KEY]``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import CommandHandler, filters

from handlers.commands import command_reply
from handlers.context import AnyContext, get_engine
from handlers.language import fallback_language
from handlers.render import text_reply
from handlers.sending import send_reply

if TYPE_CHECKING:
    from bot.reload import Reloader

RELOAD_COMMAND = "reload"
RELOADER_KEY = "reloader"


def admin_handler(admin_ids: Collection[int]) -> CommandHandler[AnyContext, None]:
    """The ``/reload`` handler, for private chats with one of ``admin_ids`` (none: nobody).

    It does not block: questions that arrive during a reload are answered meanwhile.
    """
    only_admins = filters.ChatType.PRIVATE & filters.User(user_id=admin_ids)
    return CommandHandler(RELOAD_COMMAND, on_reload, filters=only_admins, block=False)


def get_reloader(context: AnyContext) -> Reloader | None:
    """The application's reloader, or None when it was built without one."""
    reloader: Reloader | None = context.bot_data.get(RELOADER_KEY)
    return reloader


async def on_reload(update: Update, context: AnyContext) -> None:
    """Reload the knowledge base and tell the administrator how it went.

    Success: the counts and the time taken (in the new knowledge base's words). Failure:
    every problem as ``file:line: message``, plain text, split into messages that fit; the
    last good knowledge base goes on serving.
    """
    message = update.effective_message
    if message is None:
        return
    reloader = get_reloader(context)
    if reloader is None:  # handlers.register alone, without the runtime: no such command
        await send_reply(message, command_reply(get_engine(context), RELOAD_COMMAND, ""), quote=False)
        return
    user = update.effective_user
    lang = fallback_language(update, context, get_engine(context))
    result = await reloader.reload(f"/reload by user {user.id if user else '?'}")
    if result.engine is not None:
        text = result.engine.texts.get(
            "reload_done",
            lang,
            entries=len(result.engine.entries),
            topics=len(result.engine.topics),
            seconds=f"{result.seconds:.2f}",
        )
    else:
        text = get_engine(context).texts.get(
            "reload_failed", lang, count=len(result.problems), problems="\n".join(result.problems)
        )
    await send_reply(message, text_reply(text), quote=False)
