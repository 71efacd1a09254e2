"""A language's common words and their frequency ranks, held compactly.

A list of 20,000 words kept as Python strings in a dict takes about 2.5 MiB per language;
here each word is a 64-bit digest in a sorted array (8 bytes) with its rank beside it
(4 bytes). Two words share a digest with a chance of about one in 10^15 for the whole list.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import sys
from array import array
from collections.abc import Iterable

_HASH = functools.partial(hashlib.blake2b, digest_size=8)


def _digest(word: str) -> int:
    return int.from_bytes(_HASH(word.encode("utf-8")).digest(), "big")


def _digests(words: Iterable[str]) -> list[int]:
    """What :func:`_digest` gives for each word, made in bulk (20,000 at every build)."""
    digests = array("Q", b"".join([_HASH(word.encode("utf-8")).digest() for word in words]))
    if sys.byteorder == "little":
        digests.byteswap()  # the digests are big-endian numbers
    return digests.tolist()


class WordRanks:
    """Words in order of frequency: the most frequent has rank 1."""

    __slots__ = ("_digests", "_ranks")

    def __init__(self, words: Iterable[str]) -> None:
        digests = _digests(words)
        # A word listed twice keeps its better rank: its first, set last.
        first = dict(zip(reversed(digests), range(len(digests), 0, -1), strict=True))
        ordered = sorted(first)  # numbers, not pairs: sorting pairs took longer than hashing
        self._digests = array("Q", ordered)
        self._ranks = array("L", map(first.__getitem__, ordered))

    def rank(self, word: str) -> int | None:
        """The rank of ``word``, or None if the list does not have it."""
        digest = _digest(word)
        at = bisect.bisect_left(self._digests, digest)
        if at < len(self._digests) and self._digests[at] == digest:
            return self._ranks[at]
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.rank(word) is not None

    def __len__(self) -> int:
        return len(self._digests)
