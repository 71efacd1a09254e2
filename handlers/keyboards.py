"""Inline keyboards and their callback data: "did you mean" choices, an answer's source, feedback.

A choice is ``pick:<entry_id>`` or ``none``; the "Source" button is ``src:<entry_id>``; the
👍 and 👎 under an answer are ``fb:+:<record id>`` and ``fb:-:<record id>``.

Callback data comes back from the user's client, so it is parsed defensively: anything
that is not exactly what this module writes is invalid.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from knowledge import Suggestion
from knowledge.textbook import shorten

PICK_PREFIX = "pick:"
SOURCE_PREFIX = "src:"
# A deep link that opens the private chat with an answer's source (``/start src-<source key>``).
SOURCE_START = "src-"
NONE_DATA = "none"
FEEDBACK_PREFIX = "fb:"
FEEDBACK_LABELS = {1: "👍", -1: "👎"}
MAX_CALLBACK_DATA_BYTES = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # 64
MAX_START_PARAMETER = 64  # Telegram's limit on a deep link's start parameter
# Longer questions are cut on the button; the message text above lists them in full.
MAX_BUTTON_LABEL = 60


class ChoiceKind(StrEnum):
    """What a pressed button asks for."""

    PICK = "pick"  # one of the suggestions
    NONE = "none"  # "none of these"
    SOURCE = "source"  # the passages an answer rests on
    FEEDBACK = "feedback"  # 👍 or 👎 on an answer
    INVALID = "invalid"  # unknown, tampered or too long


@dataclass(frozen=True)
class Choice:
    """A parsed callback: its kind and what it names (not yet checked to exist).

    Attributes:
        kind: what the button asks for.
        entry_id: the entry of a pick, the source key of a source; the question record of feedback.
        vote: +1 or -1 for feedback.
    """

    kind: ChoiceKind
    entry_id: str = ""
    vote: int = 0


def pick_data(entry_id: str) -> str | None:
    """The callback data that picks ``entry_id``, or None when it would exceed 64 bytes."""
    data = PICK_PREFIX + entry_id
    return data if entry_id and len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES else None


def parse_choice(data: str | None) -> Choice:
    """Parse callback data written by :func:`choices_keyboard`."""
    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        return Choice(ChoiceKind.INVALID)
    if data == NONE_DATA:
        return Choice(ChoiceKind.NONE)
    if data.startswith(PICK_PREFIX) and len(data) > len(PICK_PREFIX):
        return Choice(ChoiceKind.PICK, data.removeprefix(PICK_PREFIX))
    if data.startswith(SOURCE_PREFIX) and len(data) > len(SOURCE_PREFIX):
        return Choice(ChoiceKind.SOURCE, data.removeprefix(SOURCE_PREFIX))
    sign, _, record = data.removeprefix(FEEDBACK_PREFIX).partition(":")
    if data.startswith(FEEDBACK_PREFIX) and sign in ("+", "-") and record.isalnum():
        return Choice(ChoiceKind.FEEDBACK, record, 1 if sign == "+" else -1)
    return Choice(ChoiceKind.INVALID)


def feedback_keyboard(keyboard: InlineKeyboardMarkup | None, record: str) -> InlineKeyboardMarkup:
    """``keyboard`` with a last row of 👍 and 👎 on the answer logged as ``record``."""
    rows = list(keyboard.inline_keyboard) if keyboard is not None else []
    row = [
        InlineKeyboardButton(label, callback_data=f"{FEEDBACK_PREFIX}{'+' if vote > 0 else '-'}:{record}")
        for vote, label in FEEDBACK_LABELS.items()
    ]
    return InlineKeyboardMarkup([*rows, row])


def without_feedback(keyboard: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """``keyboard`` without its feedback buttons (None when nothing else is left)."""
    if keyboard is None:
        return None
    rows = [
        row
        for row in keyboard.inline_keyboard
        if not any(str(button.callback_data or "").startswith(FEEDBACK_PREFIX) for button in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None


# Made once per entry and label: under nearly every answer, and python-telegram-bot's objects
# are costly to build (and frozen once built, so one can be shared).
@functools.lru_cache(maxsize=1024)
def source_keyboard(key: str | None, label: str) -> InlineKeyboardMarkup | None:
    """The "Source" button under an answer (``key``: the answer's ``source_key``); None if it does not fit."""
    data = SOURCE_PREFIX + (key or "")
    if not key or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])


def source_link_keyboard(
    key: str | None, label: str, bot_username: str | None
) -> InlineKeyboardMarkup | None:
    """A "Source" button that opens the private chat with the source; None if it cannot be made.

    For inline messages, which have no chat the bot can write to.
    """
    start = SOURCE_START + (key or "")
    if not key or not bot_username or len(start) > MAX_START_PARAMETER:
        return None
    url = f"https://t.me/{bot_username}?start={start}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])


def button_label(question: str, limit: int = MAX_BUTTON_LABEL) -> str:
    """A suggestion's question cut to fit a button."""
    return shorten(question, limit)


def choices_keyboard(
    suggestions: Sequence[Suggestion], none_label: str | None
) -> InlineKeyboardMarkup | None:
    """One button per suggestion, one per row, then "none of these" (if labelled).

    None if no suggestion fits.
    """
    rows = []
    for suggestion in suggestions:
        data = pick_data(suggestion.entry_id)
        if data is not None:
            rows.append([InlineKeyboardButton(button_label(suggestion.question), callback_data=data)])
    if not rows:
        return None
    if none_label is not None:
        rows.append([InlineKeyboardButton(none_label, callback_data=NONE_DATA)])
    return InlineKeyboardMarkup(rows)
