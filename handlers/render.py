"""Turn the engine's answers into replies: HTML-escaped chunks and a keyboard.

Pure: builds what to send, sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from handlers.keyboards import choices_keyboard, source_keyboard
from handlers.text import MAX_MESSAGE_LENGTH, escape, html_chunks
from knowledge import Answer, Outcome, Source
from knowledge.commands import HELP
from knowledge.textbook import TextBook

HELP_COMMAND = f"/{HELP}"


@dataclass(frozen=True)
class Reply:
    """A reply ready to send: HTML chunks (each under the message limit) and a keyboard.

    Attributes:
        chunks: the message texts, in order, already HTML-escaped.
        keyboard: the inline keyboard, sent with the last chunk, if any.
    """

    chunks: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None


def text_reply(text: str) -> Reply:
    """A reply of fixed plain text, escaped and split."""
    return Reply(tuple(html_chunks(text)))


def answer_reply(answer: Answer, texts: TextBook) -> Reply:
    """The reply to an engine answer, in the answer's language.

    A decline gets a pointer to /help when its text has none; suggestions are listed under
    the text and become an inline keyboard of choices plus "none of these" (small talk's
    example questions, without it); an answer from the fact sheet gets a "Source" button.
    """
    text = answer.text
    if answer.suggestions:
        text = "\n".join([text, *(f"• {s.question}" for s in answer.suggestions)])
    if answer.outcome is Outcome.DECLINE and HELP_COMMAND not in text:
        text = f"{text}\n\n{texts.get('help_pointer', answer.lang)}"
    keyboard = None
    if answer.suggestions:
        none = None if answer.outcome is Outcome.CHAT else texts.get("choice_none_button", answer.lang)
        keyboard = choices_keyboard(answer.suggestions, none)
    elif answer.source:  # an answer, or a decline that says what the sheet does say
        keyboard = source_keyboard(answer.source_key, texts.get("source_button", answer.lang))
    return Reply(tuple(html_chunks(text)), keyboard)


def source_reply(source: Source) -> Reply:
    """The passages an answer rests on: the heading, then each passage quoted as published."""
    quotes = [f"<blockquote>{escape(passage)}</blockquote>" for passage in source.passages]
    chunks: list[str] = []
    current = escape(source.heading)
    for quote in quotes:  # a passage is never split; a message holds as many as fit
        if len(current) + 1 + len(quote) > MAX_MESSAGE_LENGTH:
            chunks.append(current)
            current = quote
        else:
            current = f"{current}\n{quote}"
    return Reply((*chunks, current))
