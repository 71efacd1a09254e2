"""Turn a question into weighted concepts: typo-corrected, stemmed, with aliases resolved.

A question becomes a list of :class:`Slot` objects, one per concept. A slot carries every
term it may match (its canonical term, the stem of what was written, the parts of a
multi-word name), so an alias or synonym matches whichever form an entry uses.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.text import Token, tokenize

# Words too short to correct safely ("wat" could be many things).
_MIN_CORRECTABLE = 3
COUNTRY_PREFIX = "country:"
YEAR_RANGE = range(1900, 2100)
_YEAR_WORD = "year"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem: inflections only ("visited", "visits" → "visit").

    Deliberately lighter than Porter/Snowball, which merge "important" with "import" and
    "position" with "positive"; derived forms are joined through the lexicon's synonyms.
    Numbers and non-Latin words pass through.
    """
    if not word.isascii() or not word.isalpha() or len(word) <= 3:
        return word
    base = word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "aeiouylsz":
                base = base[:-1]  # "planned" → "plan"
            break
    # "create", "created" and "creating" meet at "creat".
    return base[:-1] if len(base) > 3 and base.endswith("e") and not base.endswith("ee") else base


_VOWEL = re.compile(r"[aeiouy]")
_SUFFIXES = (
    ("ies", "y"),
    ("sses", "ss"),
    ("ss", "ss"),
    ("us", "us"),
    ("is", "is"),
    ("'s", ""),
    ("es", "e"),
    ("s", ""),
    ("ing", ""),
    ("ied", "y"),
    ("eed", "ee"),
    ("ed", ""),
)


def phrase_key(words: Iterable[str]) -> str:
    """The term a (multi-word) canonical form is indexed under: "prime minister" → "prime_minist"."""
    return "_".join(stem(w) for w in words)


class SlotKind(StrEnum):
    """What a slot of a question is."""

    WORD = "word"  # a word the knowledge base knows, or an ordinary English word
    NUMBER = "number"
    YEAR = "year"
    UNKNOWN = "unknown"  # neither known nor English: most likely a name we do not know


@dataclass(frozen=True)
class Slot:
    """One concept of a question."""

    key: str
    terms: frozenset[str]
    surface: str
    kind: SlotKind
    # Written with a capital letter inside a sentence: a proper name.
    proper: bool = False
    # The word just before the slot (stopwords included), to read direction: "to Italy".
    before: str = ""


@dataclass(frozen=True)
class Analysis:
    """A question read by the :class:`Analyzer`."""

    words: tuple[str, ...]  # normalized, typo-corrected words, stopwords kept
    slots: tuple[Slot, ...]  # content concepts, stopwords dropped
    corrections: tuple[tuple[str, str], ...]

    @property
    def keys(self) -> frozenset[str]:
        """The canonical terms of all slots."""
        return frozenset(s.key for s in self.slots)

    @property
    def years(self) -> tuple[int, ...]:
        """Years mentioned, in order of appearance, without repeats."""
        seen: dict[int, None] = {}
        for slot in self.slots:
            if slot.kind is SlotKind.YEAR:
                seen.setdefault(int(slot.key))
        return tuple(seen)


class Analyzer:
    """Reads text into slots, using the knowledge base's own vocabulary.

    Args:
        phrases: canonical form → variants (aliases, synonyms, names, foreign places).
        stopwords: words that carry no meaning for matching.
        vocabulary: every word the knowledge base uses (typos are corrected toward these).
        english: ordinary English words, most frequent first; never "corrected".
        uncorrectable: canonical forms that typos must never be corrected into.
    """

    def __init__(
        self,
        phrases: Mapping[str, Iterable[str]],
        stopwords: Iterable[str],
        vocabulary: Iterable[str],
        english: list[str],
        uncorrectable: Iterable[str] = (),
    ) -> None:
        self._stopwords = frozenset(w for s in stopwords for w in _words(s))
        protected = frozenset(uncorrectable)
        self._english_rank = {w: i + 1 for i, w in enumerate(english)}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._parts: dict[str, frozenset[str]] = {}
        counts = Counter(w for text in vocabulary for w in _words(text))
        for canonical, variants in phrases.items():
            canonical_words = _words(canonical)
            if not canonical_words:
                continue
            if canonical.startswith(COUNTRY_PREFIX):
                key = canonical
            else:
                key = phrase_key(canonical_words)
                self._parts[key] = frozenset(stem(w) for w in canonical_words if w not in self._stopwords)
            for form in (canonical, *variants):
                words = _words(form)
                # Never "correct" toward Andorra, or toward a word that makes us decline.
                if not canonical.startswith(COUNTRY_PREFIX) and canonical not in protected:
                    counts.update(words)
                stems = tuple(stem(w) for w in words)
                if stems and not form.startswith(COUNTRY_PREFIX):
                    self._phrases.setdefault(stems, key)
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        self._vocabulary = counts
        self._correctable = sorted(w for w in counts if w.isalpha() and len(w) >= _MIN_CORRECTABLE)

    # -- vocabulary -----------------------------------------------------------------

    @lru_cache(maxsize=16384)  # noqa: B019 - one analyzer lives as long as its engine
    def correct(self, word: str) -> str:
        """Correct a misspelt word toward the knowledge base's vocabulary, or return it."""
        if (
            len(word) < _MIN_CORRECTABLE
            or not word.isalpha()
            or word in self._vocabulary
            or word in self._english_rank
            or word in self._stopwords
        ):
            return word
        limit = 1 if len(word) < 8 else 2  # "metres" must not become "metals"
        found = process.extract(word, self._correctable, scorer=OSA.distance, score_cutoff=limit, limit=8)
        best: tuple[int, int, str] | None = None
        for candidate, distance, _ in found:
            distance = int(distance)
            # A typo rarely changes the first letter; allow it only for one edit in a long word.
            if candidate[0] != word[0] and not (distance == 1 and len(word) >= 5):
                continue
            if len(word) == _MIN_CORRECTABLE and len(candidate) != _MIN_CORRECTABLE:
                continue
            rank = (distance, -self._vocabulary[candidate], candidate)
            if best is None or rank < best:
                best = rank
        return best[2] if best else word

    # -- analysis -------------------------------------------------------------------

    def analyze(self, text: str, *, correct: bool = True) -> Analysis:
        """Read ``text`` into slots; ``correct=False`` for the knowledge base's own words."""
        tokens = tokenize(text)
        corrections: list[tuple[str, str]] = []
        words: list[Token] = []
        for token in tokens:
            fixed = token.text if token.is_number or not correct else self.correct(token.text)
            if fixed != token.text:
                corrections.append((token.text, fixed))
                token = Token(fixed, token.capitalized, token.sentence_start)
            words.append(token)
        stems = [stem(t.text) for t in words]
        slots: list[Slot] = []
        i = 0
        while i < len(words):
            matched = self._match_phrase(stems, i)
            if matched is not None:
                length, key = matched
                surface = " ".join(t.text for t in words[i : i + length])
                own = frozenset(
                    s
                    for s, t in zip(stems[i : i + length], words[i : i + length], strict=True)
                    if t.text not in self._stopwords
                )
                terms = frozenset({key}) | self._parts.get(key, frozenset()) | own
                before = _word_before(words, i)
                slots.append(Slot(key, terms, surface, SlotKind.WORD, before=before))
                i += length
                continue
            token = words[i]
            i += 1
            if token.text in self._stopwords:
                continue
            slots.append(self._single(token, _word_before(words, i - 1)))
        return Analysis(tuple(t.text for t in words), tuple(slots), tuple(corrections))

    def _match_phrase(self, stems: list[str], start: int) -> tuple[int, str] | None:
        for length in range(min(self._max_phrase, len(stems) - start), 0, -1):
            key = self._phrases.get(tuple(stems[start : start + length]))
            if key is not None:
                return length, key
        return None

    def _single(self, token: Token, before: str) -> Slot:
        word = token.text
        if token.is_number:
            digits = word.rstrip("%")
            if digits.isdigit() and len(digits) == 4 and int(digits) in YEAR_RANGE:
                # A year also fills a phrasing's "in a given year".
                return Slot(digits, frozenset({digits, _YEAR_WORD}), word, SlotKind.YEAR, before=before)
            return Slot(word, frozenset({word, word.replace(",", ".")}), word, SlotKind.NUMBER, before=before)
        key = stem(word)
        known = word in self._vocabulary or key in self._vocabulary or word in self._english_rank
        if not known and word.isalpha() and len(word) >= _MIN_CORRECTABLE:
            proper = token.capitalized and not token.sentence_start
            return Slot(key, frozenset({key}), word, SlotKind.UNKNOWN, proper=proper, before=before)
        return Slot(key, frozenset({key}), word, SlotKind.WORD, before=before)

    def weight_of_unindexed(self, slot: Slot, max_idf: float) -> float:
        """How much a slot that no entry contains should count against a match.

        Unknown words count fully; ordinary English words count by how rare they are, so
        "pay" or "mostly" weigh little and "population" or "visa" weigh a lot.
        """
        if slot.kind is not SlotKind.WORD:
            return max_idf
        rank = self._english_rank.get(slot.surface)
        if rank is None:
            return max_idf * 0.8
        return max_idf * min(1.0, max(0.12, (math.log10(rank) - 1.5) / 3.0))


# Skipped when reading what stands before a word: "to the Kazakh market" is "to Kazakh".
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these"})


def _word_before(words: list[Token], index: int) -> str:
    """The word before ``words[index]``, looking past articles and possessives."""
    i = index - 1
    while i >= 0 and words[i].text in _DETERMINERS:
        i -= 1
    return words[i].text if i >= 0 else ""


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]
