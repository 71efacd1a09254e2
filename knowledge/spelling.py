"""The knowledge base's words near a misspelt one, found without reading them all.

A typo rarely changes a word's first letter, and an edit or two changes its length by as
much at most: the words worth comparing are those with the same first letter and a length
within reach, plus, for one edit at the very start, the few that ``x + word[1:]``,
``x + word``, ``word[1:]`` and the first two letters swapped give. Comparing a word with
those alone takes a fraction of a millisecond at 100,000 entries; comparing it with the
whole vocabulary took several, on every new question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class Spelling:
    """Words of one script, bucketed by first letter and length."""

    def __init__(self, words: Iterable[str]) -> None:
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in sorted(set(words)):
            buckets[word[0], len(word)].append(word)
        self._buckets = dict(buckets)
        self._words = frozenset(w for bucket in buckets.values() for w in bucket)
        self._firsts = "".join(sorted({first for first, _ in buckets}))

    def near(self, word: str, limit: int, *, other_first: bool) -> list[tuple[str, int]]:
        """Every word within ``limit`` edits (OSA) of ``word`` that starts with its letter.

        With ``other_first``, also those one edit away that start with another letter.
        """
        # Imported here: most questions need no correction, and a start from the cache skips it.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        size = len(word)
        pool = [w for n in range(size - limit, size + limit + 1) for w in self._buckets.get((word[0], n), ())]
        if other_first:
            pool += sorted(self._first_edits(word) - set(pool))
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=limit, limit=None)
        return [(candidate, int(distance)) for candidate, distance, _ in found]

    def _first_edits(self, word: str) -> set[str]:
        """The words one edit at the first letter away: replaced, dropped, one put before, swapped."""
        tail = word[1:]
        edits = {tail, word[1] + word[0] + word[2:]} if len(word) > 1 else {tail}
        edits |= {first + tail for first in self._firsts} | {first + word for first in self._firsts}
        return {edit for edit in edits if edit in self._words and edit[:1] != word[0]}
