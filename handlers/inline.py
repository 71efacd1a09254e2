"""Inline mode: ``@ThisBot question`` in any chat offers the answer as an article to send."""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import InlineQueryLimit, InlineQueryResultLimit, ParseMode

from handlers.context import AnyContext, get_engine
from handlers.language import fallback_language
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


def article(result: str, title: str, text: str, description: str | None = None) -> InlineQueryResultArticle:
    """An article that sends ``text`` (plain, escaped here) as an HTML message."""
    return InlineQueryResultArticle(
        id=result,
        title=shorten(title, MAX_TITLE),
        description=shorten(description if description is not None else text, MAX_DESCRIPTION),
        input_message_content=InputTextMessageContent(
            message_html(text), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
        ),
    )


def _answer_article(answer: Answer, title: str) -> InlineQueryResultArticle:
    key = (
        f"{answer.lang}:{answer.entry_id}"
        if answer.entry_id
        else hashlib.sha256(answer.text.encode()).hexdigest()[:16]
    )
    return article(result_id("a", key), title, answer.text)


def topic_articles(engine: Engine, lang: str) -> list[InlineQueryResultArticle]:
    """One article per topic, sending the topic's overview: the results for an empty query."""
    articles = []
    for topic in engine.topics:
        overview = engine.command(topic.id, lang=lang)
        if overview is not None:
            title, description = topic.title.get(lang), topic.description.get(lang)
            articles.append(article(result_id("t", f"{lang}:{topic.id}"), title, overview.text, description))
    return articles


def inline_results(engine: Engine, query: str, fallback: str | None = None) -> list[InlineQueryResultArticle]:
    """The articles for an inline query (at most 50, ids unique and at most 64 bytes).

    An answer gives one article titled with the question; a clarification, one per
    suggestion with that entry's answer; a decline, one article with the decline text; an
    empty query, the topics. All in the query's language, else in ``fallback``.
    """
    question = " ".join(query.split())
    lang = engine.language(question, fallback=fallback)
    if not question:
        results = topic_articles(engine, lang)
    else:
        answer = engine.ask(question, lang=lang)
        if answer.suggestions:
            results = [
                _answer_article(engine.answer_entry(s.entry_id, lang), s.question) for s in answer.suggestions
            ]
        elif answer.outcome is Outcome.ANSWER:
            results = [_answer_article(answer, question)]
        else:
            title = engine.texts.get("inline_no_answer_title", lang)
            results = [article(result_id("d", answer.text), title, answer.text)]
    unique = {result.id: result for result in reversed(results)}  # the first of equal ids wins
    return [result for result in results if unique.get(result.id) is result][:MAX_RESULTS]


async def on_inline_query(update: Update, context: AnyContext) -> None:
    """Answer an inline query with articles, in the query's language or else the user's."""
    query = update.inline_query
    if query is None:
        return
    engine = get_engine(context)
    results = inline_results(engine, query.query, fallback_language(update, context, engine))
    # Personal: a query too short to show its language is answered in the user's.
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)
