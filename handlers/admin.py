"""Administrator commands for the users in ``ADMIN_IDS``: ``/reload`` and ``/stats``.

``/reload`` reloads the knowledge base; ``/stats`` sums up the question log's last week.
Only a private chat with one of ``ADMIN_IDS`` reaches them; to anyone else (and in groups,
where the reports would show file paths and questions to everybody) they are unknown
commands, answered as any other, so they reveal nothing. The reload itself (loading
off the event loop, the swap, the file watch) lives in ``bot/reload.py``: the runtime
passes its :meth:`~bot.reload.Reloader.reload` to :func:`handlers.register`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Protocol

from telegram import Update
from telegram.ext import CommandHandler, filters

from handlers.context import AnyContext, Callback, get_engine
from handlers.language import fallback_language
from handlers.log import LogUnavailable, Summary, question_log
from handlers.render import text_reply
from handlers.sending import send_reply
from knowledge import Engine
from knowledge.commands import RELOAD, STATS
from knowledge.formatting import Figure
from knowledge.textbook import TextBook, shorten

STATS_DAYS = 7
MAX_EXAMPLE = 80  # characters of an unanswered question shown by /stats


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


# Reloads the knowledge base, saying why (for the log), and tells how it went.
Reload = Callable[[str], Awaitable[ReloadOutcome]]


def admin_handlers(
    admin_ids: Collection[int], reload: Reload | None
) -> list[CommandHandler[AnyContext, None]]:
    """The ``/reload`` and ``/stats`` handlers, for private chats with one of ``admin_ids`` (none: nobody).

    Without ``reload`` there is no ``/reload``. ``/reload`` does not block: questions that
    arrive meanwhile are answered.
    """
    only_admins = filters.ChatType.PRIVATE & filters.User(user_id=admin_ids)
    handlers = [CommandHandler(STATS, on_stats, filters=only_admins)]
    if reload is not None:
        handlers.append(CommandHandler(RELOAD, reload_callback(reload), filters=only_admins, block=False))
    return handlers


def reload_callback(reload: Reload) -> Callback:
    """The ``/reload`` callback that reloads with ``reload``."""

    async def on_reload(update: Update, context: AnyContext) -> None:
        """Reload the knowledge base and tell the administrator how it went.

        Success: the counts and the time taken (in the new knowledge base's words). Failure:
        every problem as ``file:line: message``, plain text, split into messages that fit;
        the last good knowledge base goes on serving.
        """
        message = update.effective_message
        if message is None:
            return
        user = update.effective_user
        lang = fallback_language(update, context, get_engine(context))
        result = await reload(f"/reload by user {user.id if user else '?'}")
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

    return on_reload


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
