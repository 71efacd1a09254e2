"""Whether a reply states what it must: the expected tokens of question files and coverage lists.

One rule for ``python -m bot eval`` (``bot/evaluate.py``) and for the coverage list that a
knowledge base promises (``knowledge/coverage.py``): an expected element is one or more
``|``-separated alternatives, each matched case-insensitively after Unicode NFKC, at the
start of a word, and, when it ends in a digit, at the end of a number.
"""

from __future__ import annotations

import unicodedata


def normalize(text: str) -> str:
    """Fold ``text`` for matching: Unicode NFKC, casefold, runs of whitespace to one space.

    Collapsing whitespace keeps "strategic partnership" matching a reply that wraps
    between the two words; NFKC already turns no-break spaces into plain ones.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _ends_number(text: str, end: int) -> bool:
    """Whether the number that stops just before ``end`` really ends there ("16" in "16%")."""
    if end < len(text) and text[end].isdigit():
        return False
    return not (end + 1 < len(text) and text[end] in ".," and text[end + 1].isdigit())


def _token_at(token: str, text: str, start: int) -> bool:
    """Whether the occurrence of ``token`` at ``start`` obeys the word and number bounds."""
    if token[0].isalnum() and start > 0 and text[start - 1].isalnum():
        return False  # must start a word: "eni" is not in "scenic"
    return not token[-1].isdigit() or _ends_number(text, start + len(token))


def token_matches(token: str, text: str) -> bool:
    """Whether one expected ``token`` occurs in a reply ``text``.

    Both sides are folded by :func:`normalize`. The token must start a word (not be
    preceded by a letter or digit), so "strengthen" matches "strengthening" but "eni" does
    not match "scenic". A token ending in a digit must end the number: it may not be
    followed by a digit, nor by "." or "," and a digit ("16" matches "16%" and "16,", not
    "160" or "16.4").

    Args:
        token: one alternative of an ``expect`` element.
        text: the reply.

    Returns:
        True when some occurrence of the token satisfies the rules; False for an empty token.
    """
    token, text = normalize(token), normalize(text)
    if not token:
        return False
    start = text.find(token)
    while start != -1:
        if _token_at(token, text, start):
            return True
        start = text.find(token, start + 1)
    return False


def element_matches(element: str, text: str) -> bool:
    """Whether at least one ``|``-separated alternative of ``element`` matches ``text``."""
    return any(token_matches(alternative, text) for alternative in element.split("|"))
