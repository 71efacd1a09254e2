"""Score entries against an analysed question with discriminative (IDF) weights.

Each entry is a bag of terms from its phrasings and keywords (and, at half credit, its
answer). A question scores against an entry by two measures, combined as their harmonic
mean:

* recall: how much of the question's weight the entry explains;
* precision: how much of the best-fitting phrasing's weight the question covers.

Terms found in nearly every entry ("Kazakhstan", "Italy") weigh almost nothing, so a
question cannot match on them alone.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import NamedTuple, cast

from knowledge.analysis import Analysis, Analyzer, Slot, SlotKind, StoredReader, StoredSlot

# Credit for a question term that only the answer text (not a phrasing) contains.
ANSWER_CREDIT = 0.5
# Weight of a year: years are checked separately, so they only nudge the ranking.
YEAR_WEIGHT = 0.8
MIN_IDF = 0.05
YEAR_MISS_FACTOR = 0.7
CANDIDATES_MIN = 100  # a term in fewer entries than this always gathers (but in at most a third)
CANDIDATES_SHARE = 0.005  # … and in a large base, in up to this share of the entries
CANDIDATES_BUDGET = 4  # a question scores at most this many times the limit of candidates …
CANDIDATES_CAP = 500  # … and never more than this many (scoring one takes microseconds)
YEAR_WORD_CREDIT = 0.5
COMMON_BUDGET = 200  # a question of common words only scores at most this many candidates …
COMMON_SCAN = 10  # … found among at most this many times as many entries of its rarest term


_NONE: frozenset[str] = frozenset()
_TERMS = itemgetter(0)  # of a slot kept whole

# A text and the language it is written in.
Text = tuple[str, str]


@dataclass(frozen=True)
class Document:
    """What the index needs to know of an entry; every text with its language."""

    id: str
    phrasings: tuple[Text, ...]
    keywords: tuple[Text, ...]
    answers: tuple[Text, ...]
    # Terms that count toward recall but are no phrasing of their own (a fact entry's years).
    context: tuple[Text, ...] = ()
    # The phrasings as the index keeps them, when the caller has read them already with the
    # reader it gives the index: each its text, then its slots, in the order of ``phrasings``.
    read: tuple[tuple[StoredSlot, ...], ...] | None = None


# A phrasing: its text, then its slots (one tuple: a hundred thousand entries have millions).
_Phrasing = tuple[StoredSlot, ...]
_SLOTS = itemgetter(slice(1, None))  # of a phrasing


def _text(phrasing: _Phrasing) -> str:
    return cast(str, phrasing[0])


class _Builder:
    """What building the items shares: the reader of their texts, one copy of each set of terms."""

    def __init__(self, reader: StoredReader, tracked: frozenset[str]) -> None:
        self.read = reader
        self.tracked = tracked
        self._sets: dict[frozenset[str], frozenset[str]] = {}

    def terms(self, texts: Iterable[tuple[StoredSlot, ...]]) -> set[str]:
        """Every term of the texts' slots: a single word's term, the terms of a slot kept whole."""
        found: set[StoredSlot] = set().union(*texts)
        whole = found & self.read.whole  # a few: one set operation finds them
        if whole:
            found -= whole
            found.update(*map(_TERMS, whole))
        return cast(set[str], found)

    def shared(self, terms: Iterable[str]) -> frozenset[str]:
        """One copy of each set of terms (entries often say the same few, or none)."""
        found = frozenset(terms)
        return self._sets.setdefault(found, found)


@dataclass(frozen=True)
class Scored:
    """An entry's score for one question and why."""

    entry_id: str
    score: float
    recall: float
    precision: float
    phrasing: str
    unmatched: tuple[str, ...]  # question words the entry does not explain


class _Wanted(NamedTuple):
    """A question slot as scoring needs it."""

    key: str
    parts: frozenset[str]  # its other terms: the words of a phrase, a concept's synonyms
    weight: float
    year: bool
    surface: str


def _phrasing(text: Text, slots: tuple[StoredSlot, ...]) -> _Phrasing:
    return (text[1], *slots)


def _by_language(
    texts: tuple[Text, ...],
    slots: list[tuple[StoredSlot, ...]],
    terms: Callable[[list[tuple[StoredSlot, ...]]], set[str]],
) -> dict[str, set[str]]:
    """The terms of the texts' slots, by the language of the text."""
    grouped: dict[str, list[tuple[StoredSlot, ...]]] = {}
    for (lang, _), read in zip(texts, slots, strict=True):
        grouped.setdefault(lang, []).append(read)
    return {lang: terms(read) for lang, read in grouped.items()}


class _Item:
    """An entry as the index holds it: compact, for there may be a hundred thousand."""

    __slots__ = ("answer_terms", "bag", "by_language", "id", "langs", "order", "phrasings")

    def __init__(self, order: int, doc: Document, builder: _Builder) -> None:
        self.id = doc.id
        self.order = order
        read, terms = builder.read.slots, builder.terms
        if doc.read is None:
            said = [read(text, lang) for lang, text in doc.phrasings]
            made = list(map(_phrasing, doc.phrasings, said))
        else:
            made = list(doc.read)
            said = list(map(_SLOTS, made))
        keywords = [read(text, lang) for lang, text in doc.keywords]
        seen: dict[_Phrasing, _Phrasing] = {}  # a keyword often reads the same in several languages
        made += [seen.setdefault(p, p) for p in map(_phrasing, doc.keywords, keywords)]
        said += keywords
        # Precision looks at the phrasings in the question's language only.
        self.phrasings = tuple(made)
        self.langs = tuple([lang for lang, _ in doc.phrasings + doc.keywords])
        context = [read(text, lang) for lang, text in doc.context]
        answers = [read(text, lang) for lang, text in doc.answers]
        self.bag = frozenset(terms(said + context))
        answered = terms(answers)
        self.answer_terms = frozenset(answered) - self.bag  # what only the answer says
        tracked = builder.tracked
        if tracked.isdisjoint(self.bag) and tracked.isdisjoint(answered):
            self.by_language: tuple[tuple[str, frozenset[str]], ...] = ()
            return
        # What the entry says in each language, of the terms tracked: an idiom of one
        # ("билікке келу", to come to power) must not make the entry speak of visits in another.
        own = _by_language(doc.phrasings + doc.keywords, said, terms)
        heard = _by_language(doc.answers, answers, terms)
        everywhere = terms(context) & tracked
        self.by_language = tuple(
            (lang, builder.shared(found))
            for lang in {*own, *heard}
            if (found := (tracked & own.get(lang, _NONE)) | (tracked & heard.get(lang, _NONE)) | everywhere)
        )

    def said_in(self, lang: str) -> frozenset[str]:
        """The tracked terms the entry says in ``lang``."""
        for code, terms in self.by_language:
            if code == lang:
                return terms
        return frozenset()


class Mentions(Mapping[str, frozenset[str]]):
    """Every term each entry's phrasings, keywords or answer contain, by entry id; made when asked."""

    def __init__(self, index: Index) -> None:
        self._index = index

    def __getitem__(self, entry_id: str) -> frozenset[str]:
        return self._index.mentions(entry_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.entry_ids)

    def __len__(self) -> int:
        return len(self._index.entry_ids)


class Index:
    """An inverted index over entries with IDF weights."""

    def __init__(
        self,
        docs: Iterable[Document],
        analyzer: Analyzer,
        tracked: Iterable[str] = (),
        reader: StoredReader | None = None,
    ) -> None:
        """Index ``docs``.

        Args:
            docs: the entries, in file order.
            analyzer: reads their texts, and later the questions.
            tracked: terms whose language :meth:`mentions` tells (concepts that must be
                said in the question's language, not only in another).
            reader: the analyzer's reader that read the documents' ``read`` phrasings, if any.
        """
        self.analyzer = analyzer
        builder = _Builder(reader or analyzer.reader(), frozenset(tracked))
        self._items = [_Item(i, doc, builder) for i, doc in enumerate(docs)]
        del builder  # the build's memory of words, slots and phrasings
        frequency = Counter(chain.from_iterable(item.bag for item in self._items))
        n = len(self._items)
        self.max_idf = math.log((n + 1) / 0.5)
        self.idf = {t: max(MIN_IDF, math.log((n + 1) / (df + 0.5))) for t, df in frequency.items()}
        # Term → the file order of the entries that mention it (4 bytes an entry, not a list of objects).
        postings: dict[str, array[int]] = defaultdict(lambda: array("I"))
        for item in self._items:
            order = item.order
            for term in item.bag:
                postings[term].append(order)
            for term in item.answer_terms:  # none of the bag's
                postings[term].append(order)
        self._postings = dict(postings)
        self._by_id = {item.id: item for item in self._items}
        self.entry_ids = tuple(self._by_id)
        # A term in more entries than this does not gather candidates ("Kazakhstan" would make
        # every entry one), and no question scores more than the budget of candidates: at
        # 100,000 entries that keeps an answer within milliseconds. The real base (81
        # entries) is never cut by the budget.
        self._candidate_limit = max(min(n // 3, CANDIDATES_MIN), int(n * CANDIDATES_SHARE))
        budget = min(CANDIDATES_BUDGET * self._candidate_limit, CANDIDATES_CAP)
        self._candidate_budget = n if n <= CANDIDATES_MIN * 3 else budget
        # A question of common words only gathers from their entries in file order: fewer still.
        self._common_budget = n if n <= CANDIDATES_MIN * 3 else COMMON_BUDGET

    def _phrasing_weight(self, terms: frozenset[str], key: str) -> float:
        return self.idf.get(key) or max((self.idf.get(t, 0.0) for t in terms), default=MIN_IDF)

    def mentions(self, entry_id: str, lang: str | None = None) -> frozenset[str]:
        """Every term an entry's phrasings, keywords or answer contain.

        With ``lang``: of the terms tracked (see the constructor), those it says in ``lang``.
        """
        item = self._by_id[entry_id]
        if lang is not None:
            return item.said_in(lang)
        return item.bag | item.answer_terms

    def slot_weight(self, slot: Slot, lang: str) -> float:
        """How much one question slot counts."""
        if slot.kind is SlotKind.YEAR:
            return YEAR_WEIGHT
        # A common word ("value", "event") says little, however rare in the entries.
        cap = self.analyzer.weight_of_unindexed(slot, lang, self.max_idf)
        if slot.key in self.idf:
            return min(self.idf[slot.key], cap)
        weights = [self.idf[t] for t in slot.terms if t in self.idf]
        if weights:
            return min(max(weights), cap)
        return cap

    def search(self, analysis: Analysis, limit: int = 8) -> list[Scored]:
        """Entries ranked by score for ``analysis`` (best first, ties in file order)."""
        slots = analysis.slots
        if not slots:
            return []
        weights = [self.slot_weight(s, analysis.lang) for s in slots]
        total = sum(weights)
        query_terms = frozenset().union(*(s.terms for s in slots))
        years = frozenset(s.key for s in slots if s.kind is SlotKind.YEAR)
        # Recall first, for every candidate: it is cheap, and bounds the score from above
        # (2PR / (P + R) is at most 2R / (1 + R)), so precision is computed only for the
        # candidates that can still reach the top ``limit``.
        bounded: list[tuple[float, float, _Item, tuple[str, ...]]] = []
        plan = [
            _Wanted(s.key, s.terms - {s.key}, w, s.kind is SlotKind.YEAR, s.surface)
            for s, w in zip(slots, weights, strict=True)
        ]
        keys = frozenset(w.key for w in plan)
        key_weight: dict[str, float] = defaultdict(float)
        for wanted in plan:
            key_weight[wanted.key] += wanted.weight
        for item in self._candidates(query_terms).values():
            # The slots whose own term the phrasings hold earn in full (one set operation);
            # only the others are looked at one by one.
            held = keys & item.bag
            explained = math.fsum(key_weight[k] for k in held)  # exact: a set's order varies by run
            unmatched: list[str] = []
            if len(held) < len(keys):
                for wanted in plan:
                    if wanted.key in held:
                        continue
                    credit = self._credit(wanted, item)
                    if not credit:
                        unmatched.append(wanted.surface)
                    explained += credit
            recall = explained / total if total else 0.0
            factor = YEAR_MISS_FACTOR if years and self._misses(item, years) else 1.0
            bound = factor * 2 * recall / (1 + recall) if recall else 0.0
            bounded.append((bound, recall, item, tuple(unmatched)))
        bounded.sort(key=lambda b: (-b[0], b[2].order))
        ranked: list[tuple[float, int, Scored]] = []  # (-score, file order, scored): best first
        for bound, recall, item, missed in bounded:
            if len(ranked) >= limit and bound < -ranked[limit - 1][0]:
                break  # neither this nor any after can displace the top ``limit``
            precision, phrasing = self._precision(item, query_terms, analysis.lang)
            score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            if years and self._misses(item, years):
                score *= YEAR_MISS_FACTOR  # asked about a year the entry never mentions
            scored = Scored(item.id, score, recall, precision, phrasing, missed)
            bisect.insort(ranked, (-score, item.order, scored))
        return [scored for _, _, scored in ranked[:limit]]

    @staticmethod
    def _misses(item: _Item, years: frozenset[str]) -> bool:
        """Whether the entry never mentions any of ``years``."""
        return years.isdisjoint(item.bag) and years.isdisjoint(item.answer_terms)

    def _candidates(self, query_terms: frozenset[str]) -> dict[int, _Item]:
        """The entries worth scoring: those sharing the question's rarer terms."""
        postings = self._postings
        ranked = sorted((t for t in query_terms if t in postings), key=lambda t: (len(postings[t]), t))
        items = self._items
        candidates: dict[int, _Item] = {}
        for term in ranked:  # common terms ("Kazakhstan") only score, never gather
            orders = postings[term]
            if len(orders) > self._candidate_limit or len(candidates) + len(orders) > self._candidate_budget:
                break
            for order in orders:
                candidates[order] = items[order]
        if candidates or not ranked:
            return candidates
        # Every term is common: the entries of the rarest, those with all the terms first.
        pool = postings[ranked[0]]
        budget = self._common_budget
        if len(pool) <= budget:
            return {order: items[order] for order in pool}
        others = frozenset(ranked[1:])
        # Only the first of the pool are read (in file order): a term in half of 100,000
        # entries must not cost a pass over all of them.
        for order in pool[: COMMON_SCAN * budget]:
            if others <= items[order].bag:
                candidates[order] = items[order]
                if len(candidates) == budget:
                    return candidates
        for order in pool[:budget]:  # too few have them all: the first of the rest
            candidates.setdefault(order, items[order])
        return dict(list(candidates.items())[:budget])

    def _share(self, found: frozenset[str], parts: frozenset[str]) -> float:
        """The IDF-weighted share of ``parts`` that ``found`` makes up (at most 1)."""
        # Exact sums (fsum): a set's order varies with the hash seed, and so would the last bit.
        whole = math.fsum(self.idf.get(t, MIN_IDF) for t in parts)
        return min(1.0, math.fsum(self.idf.get(t, MIN_IDF) for t in found) / whole) if whole else 1.0

    def _credit(self, wanted: _Wanted, item: _Item) -> float:
        """How much of a slot's weight an entry earns.

        Full weight for the slot's own term in the entry's phrasings or keywords, half of it
        in its answer only; a part ("committee" of "tax committee") earns only its share of
        what the parts are worth.
        """
        key, parts, bag = wanted.key, wanted.parts, item.bag
        if key in bag:
            return wanted.weight
        if parts and not parts.isdisjoint(bag):
            return self._partial(wanted, bag)
        answer = item.answer_terms
        if key in answer:
            return wanted.weight * ANSWER_CREDIT
        if parts and not parts.isdisjoint(answer):
            return self._partial(wanted, answer) * ANSWER_CREDIT
        return 0.0

    def _partial(self, wanted: _Wanted, terms: frozenset[str]) -> float:
        if wanted.year:
            return wanted.weight * YEAR_WORD_CREDIT  # "in a given year", but not this one
        return wanted.weight * self._share(wanted.parts & terms, wanted.parts)

    def _covered(self, phrasing: _Phrasing, query_terms: frozenset[str]) -> tuple[float, float]:
        """The weight of a phrasing the question covers, and its whole weight."""
        covered = whole = 0.0
        idf = self.idf
        for slot in phrasing[1:]:
            if isinstance(slot, str):  # a single word: its own term (most slots)
                weight = idf.get(slot, 0.0)
                whole += weight
                if slot in query_terms:
                    covered += weight
                continue
            terms, key, written = slot
            weight = self._phrasing_weight(terms, key)
            whole += weight
            if key in query_terms:
                covered += weight
            elif terms.isdisjoint(query_terms):
                continue
            elif len(written) > 1:
                # One word of a phrase covers only its share of what is written ("agreement"
                # of "agreement on strategic partnership").
                covered += weight * self._share(written & query_terms, written)
            else:
                covered += weight
        return covered, whole

    def _precision(self, item: _Item, query_terms: frozenset[str], lang: str) -> tuple[float, str]:
        """How much of the best-fitting phrasing in the question's language the question covers."""
        best, best_text = 0.0, ""
        for code, phrasing in zip(item.langs, item.phrasings, strict=True):
            if code != lang:
                continue
            covered, whole = self._covered(phrasing, query_terms)
            value = covered / whole if covered else 0.0  # nothing covered: no better than none
            if value > best:
                best, best_text = value, _text(phrasing)
        return best, best_text
