"""Turn the engine's answers into replies: HTML-escaped chunks and a keyboard.

Pure: builds what to send, sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from handlers.keyboards import choices_keyboard
from handlers.text import html_chunks
from knowledge import Answer, Outcome
from knowledge.textbook import TextBook

HELP_COMMAND = "/help"


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
    the text and become an inline keyboard of choices plus "none of these".
    """
    text = answer.text
    if answer.suggestions:
        text = "\n".join([text, *(f"• {s.question}" for s in answer.suggestions)])
    if answer.outcome is Outcome.DECLINE and HELP_COMMAND not in text:
        text = f"{text}\n\n{texts.get('help_pointer', answer.lang)}"
    keyboard = None
    if answer.suggestions:
        keyboard = choices_keyboard(answer.suggestions, texts.get("choice_none_button", answer.lang))
    return Reply(tuple(html_chunks(text)), keyboard)
