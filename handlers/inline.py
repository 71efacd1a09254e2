"""Inline mode: ``@ThisBot question`` in any chat offers the answer as an article to send.

Only answers are offered: a question the bot cannot answer there gets no article (a decline
is nothing to send to a chat) but a button that opens the private chat with the question.
Answers carry a "Source" button that opens the private chat with their source.

An inline query is sent with every keystroke, so the question log records only the article
a user chose to send (``chosen_inline_result``, which BotFather's ``/setinlinefeedback``
turns on); a question inline mode could not answer is recorded when the user asks it in the
private chat.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit, InlineQueryResultLimit, ParseMode

from handlers.context import AnyContext, get_engine
from handlers.keyboards import source_link_keyboard
from handlers.language import fallback_language
from handlers.log import record_question
from handlers.sending import NO_PREVIEW
from handlers.text import MAX_MESSAGE_LENGTH, html_chunks
from knowledge import Answer, Engine, Outcome
from knowledge.textbook import shorten

MAX_RESULTS = int(InlineQueryLimit.RESULTS)  # 50
MAX_ID_BYTES = int(InlineQueryResultLimit.MAX_ID_LENGTH)  # 64
CACHE_SECONDS = 300  # the same query gets the same answer: let Telegram cache it a while
MAX_TITLE = 100
MAX_DESCRIPTION = 120
ELLIPSIS = "…"
# A deep link that asks a question in the private chat: ``/start q-<key>``; the question
# waits in ``bot_data`` (in memory, the most recent ones).
QUESTION_START = "q-"
PENDING_KEY = "inline_questions"
MAX_PENDING = 10_000


@dataclass(frozen=True)
class InlineReply:
    """What an inline query gets: articles to send, and maybe a button to the private chat."""

    results: list[InlineQueryResultArticle]
    question: str | None = None  # for the button: asked in the private chat
    button_label: str = ""


def question_key(question: str) -> str:
    """The short key of a question in a deep link."""
    return hashlib.sha256(question.encode("utf-8")).hexdigest()[:16]


def pending_questions(context: AnyContext) -> OrderedDict[str, str]:
    """The questions inline users were offered to ask in the private chat, by key."""
    pending = context.bot_data.get(PENDING_KEY)
    if isinstance(pending, OrderedDict):
        return pending
    fresh: OrderedDict[str, str] = OrderedDict()
    context.bot_data[PENDING_KEY] = fresh
    return fresh


def result_id(kind: str, key: str) -> str:
    """A result id: ``kind:key``, or ``kind:`` and a short hash when that exceeds 64 bytes."""
    candidate = f"{kind}:{key}"
    if key and len(candidate.encode("utf-8")) <= MAX_ID_BYTES:
        return candidate
    return f"{kind}:{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def message_html(text: str) -> str:
    """``text`` escaped for HTML and cut to one message (with "…" if it had to be cut)."""
    chunks = html_chunks(text, MAX_MESSAGE_LENGTH - len(ELLIPSIS))
    if not chunks:
        return ELLIPSIS
    return chunks[0] + (ELLIPSIS if len(chunks) > 1 else "")


def article(
    result: str,
    title: str,
    text: str,
    description: str | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
) -> InlineQueryResultArticle:
    """An article that sends ``text`` (plain, escaped here) as an HTML message."""
    return InlineQueryResultArticle(
        id=result,
        title=shorten(title, MAX_TITLE),
        description=shorten(description if description is not None else text, MAX_DESCRIPTION),
        input_message_content=InputTextMessageContent(
            message_html(text), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
        reply_markup=keyboard,
    )


def _answer_article(
    engine: Engine, answer: Answer, title: str, bot_username: str | None
) -> InlineQueryResultArticle:
    key = (
        f"{answer.lang}:{answer.entry_id}"
        if answer.entry_id
        else hashlib.sha256(answer.text.encode()).hexdigest()[:16]
    )
    label = engine.texts.get("source_button", answer.lang)
    keyboard = source_link_keyboard(answer.source_key, label, bot_username)
    return article(result_id("a", key), title, answer.text, keyboard=keyboard)


def topic_articles(engine: Engine, lang: str) -> list[InlineQueryResultArticle]:
    """One article per topic, sending the topic's overview: the results for an empty query."""
    articles = []
    for topic in engine.topics:
        overview = engine.topic(topic.id, lang=lang)
        title, description = topic.title.get(lang), topic.description.get(lang)
        articles.append(article(result_id("t", f"{lang}:{topic.id}"), title, overview.text, description))
    return articles


def inline_results(
    engine: Engine, query: str, fallback: str | None = None, bot_username: str | None = None
) -> InlineReply:
    """What an inline query gets (at most 50 articles, ids unique and at most 64 bytes).

    An answer gives one article titled with the question; a clarification, one per
    suggestion with that entry's answer; anything else, no article but a button to ask in
    the private chat; an empty query, the topics. All in the query's language, else in
    ``fallback``.
    """
    question = " ".join(query.split())
    lang = engine.language(question, fallback=fallback)
    if not question:
        return InlineReply(topic_articles(engine, lang))
    answer = engine.ask(question, lang=lang)
    if answer.suggestions and answer.outcome is not Outcome.CHAT:
        picked = [(engine.answer_entry(s.entry_id, lang), s.question) for s in answer.suggestions]
        results = [_answer_article(engine, a, title, bot_username) for a, title in picked if a.answered]
    elif answer.answered:
        results = [_answer_article(engine, answer, question, bot_username)]
    else:
        return InlineReply([], question, engine.texts.get("inline_ask_in_chat", lang))
    unique = {result.id: result for result in reversed(results)}  # the first of equal ids wins
    return InlineReply([result for result in results if unique.get(result.id) is result][:MAX_RESULTS])


async def on_inline_query(update: Update, context: AnyContext) -> None:
    """Answer an inline query with articles, in the query's language or else the user's."""
    query = update.inline_query
    if query is None:
        return
    engine = get_engine(context)
    reply = inline_results(
        engine, query.query, fallback_language(update, context, engine), context.bot.username
    )
    button = None
    if reply.question is not None:
        pending = pending_questions(context)
        key = question_key(reply.question)
        pending[key] = reply.question
        pending.move_to_end(key)
        while len(pending) > MAX_PENDING:
            pending.popitem(last=False)
        button = InlineQueryResultsButton(text=reply.button_label, start_parameter=QUESTION_START + key)
    # Personal: a query too short to show its language is answered in the user's.
    await query.answer(reply.results, cache_time=CACHE_SECONDS, is_personal=True, button=button)


def chosen_answer(engine: Engine, result: str, query: str, fallback: str | None = None) -> Answer:
    """The answer a chosen article ``result`` sent for ``query``: the suggestion it picked, if any."""
    question = " ".join(query.split())
    answer = engine.ask(question, lang=engine.language(question, fallback=fallback))
    kind, _, key = result.partition(":")
    lang, _, entry = key.partition(":")
    if kind == "a" and entry and entry != answer.entry_id and entry in engine.entries:
        return engine.answer_entry(entry, lang if lang in engine.languages else answer.lang)
    return answer


async def on_chosen_result(update: Update, context: AnyContext) -> None:
    """Record the answer a user sent from inline mode (nothing to reply)."""
    chosen = update.chosen_inline_result
    if chosen is None or not chosen.query.strip():  # a topic's overview: no question asked
        return
    engine = get_engine(context)
    started = time.perf_counter()
    answer = chosen_answer(engine, chosen.result_id, chosen.query, fallback_language(update, context, engine))
    record_question(update, context, chosen.query, answer, (time.perf_counter() - started) * 1000)
