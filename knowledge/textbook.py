"""User-facing texts from ``texts.yaml`` and the small formatting helpers replies share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from knowledge.schema import Lang, Texts

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_COUNT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


class TextBook:
    """Looks up texts by key and language, falling back to English."""

    def __init__(self, texts: Mapping[str, Texts], lang: Lang = "en") -> None:
        self._texts = texts
        self.lang = lang

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    def get(self, key: str, /, **values: object) -> str:
        """The text ``key`` with ``{placeholders}`` filled from ``values``.

        Raises:
            KeyError: when ``texts.yaml`` has no such key.
        """
        texts = self._texts[key]
        template = getattr(texts, self.lang, None) or texts.en
        return template.format(**values) if values else template


def partial_date(value: str) -> str:
    """Render "2012-03-26" as "26 March 2012", "2011-09" as "September 2011"."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """Join "a", "b", "c" as "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def count_words(n: int) -> str:
    """Render a count as "four (4)" (small numbers) or "12"."""
    return f"{_COUNT_WORDS[n]} ({n})" if 0 <= n < len(_COUNT_WORDS) else str(n)


def billions(value: float) -> str:
    """Render an amount in billions with the document's three decimals: 16.425."""
    return f"{value:.3f}"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut.rsplit(" ", 1)[0]
    if len(head) >= limit // 2:  # cut at a word unless that loses too much
        cut = head
    return cut.rstrip(" ,;:.") + "…"
