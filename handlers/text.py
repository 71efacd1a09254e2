"""Pure text helpers for Telegram: HTML escaping, lengths and splitting."""

from __future__ import annotations

import html
from collections.abc import Callable

from telegram.constants import MessageLimit

MAX_MESSAGE_LENGTH = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096
# Split on paragraphs first, then lines, then words; a single longer word is cut.
_SEPARATORS = ("\n\n", "\n", " ")


def escape(text: str) -> str:
    """``text`` safe to send with ``parse_mode=HTML``: it can never become markup."""
    return html.escape(text, quote=False)


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Telegram's limits and offsets."""
    return len(text.encode("utf-16-le")) // 2


def html_size(text: str) -> int:
    """The size of ``text`` once escaped, in UTF-16 code units (never less than Telegram counts)."""
    return utf16_length(escape(text))


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH, size: Callable[[str], int] = len) -> list[str]:
    """Split ``text`` into chunks of at most ``limit`` (as measured by ``size``).

    Splits between paragraphs where it can, else between lines, else between words; only a
    word longer than ``limit`` is cut inside. Whitespace at the edges of a chunk is dropped,
    and no chunk is empty; every other character is kept, in order.

    Args:
        text: the text to split.
        limit: the largest size of a chunk.
        size: measures a chunk (``len``, or ``html_size`` for text that is escaped later);
            it must grow with the text and give at most ``limit`` for any one character.

    Raises:
        ValueError: when ``limit`` is too small for a single character.
    """
    text = text.strip()
    if not text:
        return []
    return [chunk for chunk in _split(text, limit, size, 0) if chunk]


def _split(text: str, limit: int, size: Callable[[str], int], level: int) -> list[str]:
    if size(text) <= limit:
        return [text.strip()]
    if level == len(_SEPARATORS):
        return _cut(text, limit, size)
    separator = _SEPARATORS[level]
    chunks: list[str] = []
    current = ""
    for part in text.split(separator):
        if not part.strip():
            continue
        candidate = f"{current}{separator}{part}" if current else part
        if size(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current.strip())
        if size(part) <= limit:
            current = part
        else:
            chunks.extend(_split(part, limit, size, level + 1))
            current = ""
    if current:
        chunks.append(current.strip())
    return [chunk for chunk in chunks if chunk]


def _cut(text: str, limit: int, size: Callable[[str], int]) -> list[str]:
    """Cut a text with no separator into the longest pieces that fit."""
    pieces = []
    while text:
        low, high = 0, len(text)  # the longest fitting prefix is text[:low]
        while low < high:
            middle = (low + high + 1) // 2
            if size(text[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        if low == 0:
            raise ValueError(f"limit {limit} is too small for the character {text[0]!r}")
        pieces.append(text[:low])
        text = text[low:]
    return pieces


def html_chunks(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """``text`` escaped for HTML and split into messages of at most ``limit``.

    A chunk of only invisible characters (zero-width spaces, say) is dropped: Telegram
    would reject it as an empty message.
    """
    chunks = split_text(text, limit, html_size)
    return [escape(chunk) for chunk in chunks if chunk.translate(_INVISIBLE).strip()]


# Characters Telegram ignores when it decides whether a text is empty.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062"
        "\u2063\u2064\u2800\u3164\ufeff\uffa0",
    ),
    None,
)
