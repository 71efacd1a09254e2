"""Administrator commands for the users in ``ADMIN_IDS``: ``/reload`` and ``/stats``.

``/reload`` reloads the knowledge base; ``/stats`` sums up the question log's last week.
Only a private chat with one of ``ADMIN_IDS`` reaches them; to anyone else (and in groups,
where the reports would show file paths and questions to everybody) they are unknown
commands, answered as any other, so they reveal nothing. The reload itself (loading
off the event loop, the swap, the file watch) lives in ``bot/reload.py``, which puts its
:class:`~bot.reload.Reloader` in ``bot_data[RELOADER_KEY]``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from telegram import Update
from telegram.ext import CommandHandler, filters

from handlers.commands import command_reply
from handlers.context import AnyContext, get_engine
from handlers.language import fallback_language
from handlers.log import LogUnavailable, Summary, question_log
from handlers.render import text_reply
from handlers.sending import send_reply
from knowledge import Engine
from knowledge.formatting import Figure
from knowledge.textbook import TextBook, shorten

RELOAD_COMMAND = "reload"
STATS_COMMAND = "stats"
RELOADER_KEY = "reloader"
STATS_DAYS = 7
MAX_EXAMPLE = 80  # characters of an unanswered question shown by /stats


def admin_handlers(admin_ids: Collection[int]) -> list[CommandHandler[AnyContext, None]]:
    """The ``/reload`` and ``/stats`` handlers, for private chats with one of ``admin_ids`` (none: nobody).

    ``/reload`` does not block: questions that arrive meanwhile are answered.
    """
    only_admins = filters.ChatType.PRIVATE & filters.User(user_id=admin_ids)
    return [
        CommandHandler(RELOAD_COMMAND, on_reload, filters=only_admins, block=False),
        CommandHandler(STATS_COMMAND, on_stats, filters=only_admins),
    ]


class ReloadOutcome(Protocol):
    """How a reload went, as ``/reload`` reports it."""

    @property
    def engine(self) -> Engine | None:
        """The new engine, now serving; None when the reload failed."""

    @property
    def problems(self) -> tuple[str, ...]:
        """Why it failed (the first ones), each as ``file:line: message``."""

    @property
    def seconds(self) -> float:
        """The time taken."""

    @property
    def count(self) -> int:
        """How many problems were found in all."""


class Reloading(Protocol):
    """What ``/reload`` asks of the runtime's reloader (``bot.reload.Reloader``)."""

    async def reload(self, reason: str) -> ReloadOutcome:
        """Load the knowledge base again and swap it in if it is valid."""


def get_reloader(context: AnyContext) -> Reloading | None:
    """The application's reloader, or None when it was built without one."""
    reloader: Reloading | None = context.bot_data.get(RELOADER_KEY)
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
            "reload_failed", lang, count=result.count, problems="\n".join(result.problems)
        )
    await send_reply(message, text_reply(text), quote=False)


def stats_text(summary: Summary, texts: TextBook, lang: str) -> str:
    """``/stats``: the figures of the last days, then the most frequent unanswered groups."""

    def share(part: int) -> Figure:
        return Figure(100 * part / summary.questions if summary.questions else 0.0, percent=True)

    languages = ", ".join(f"{code} {count}" for code, count in summary.by_language.items())
    lines = [
        texts.get(
            "stats",
            lang,
            days=summary.days,
            questions=summary.questions,
            users=summary.users,
            answered=share(summary.answered),
            clarified=share(summary.clarified),
            declined=share(summary.declined),
            languages=languages or "–",
        )
    ]
    if summary.unanswered:
        lines.append(texts.get("stats_unanswered", lang))
        lines += [f"{count} × {shorten(example, MAX_EXAMPLE)}" for example, count in summary.unanswered]
    return "\n".join(lines)


async def on_stats(update: Update, context: AnyContext) -> None:
    """The question log's last week in a few lines, and its five most frequent misses."""
    message = update.effective_message
    if message is None:
        return
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    log = question_log(context)
    if log is None:
        text = engine.texts.get("stats_off", lang)
    else:
        try:
            text = stats_text(await log.summary(STATS_DAYS), engine.texts, lang)
        except LogUnavailable:
            text = engine.texts.get("stats_unreachable", lang)
    await send_reply(message, text_reply(text), quote=False)
