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

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.analysis import Analysis, Analyzer, Slot, SlotKind

# Credit for a question term that only the answer text (not a phrasing) contains.
ANSWER_CREDIT = 0.5
# Weight of a year: years are checked separately, so they only nudge the ranking.
YEAR_WEIGHT = 0.8
MIN_IDF = 0.05
YEAR_MISS_FACTOR = 0.7
CANDIDATES_MIN = 100  # a term in fewer entries than this always gathers (but in at most a third)
CANDIDATES_SHARE = 0.005  # … and in a large base, in up to this share of the entries
CANDIDATES_BUDGET = 4  # a question scores at most this many times the limit of candidates
YEAR_WORD_CREDIT = 0.5


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


@dataclass(frozen=True)
class _Phrasing:
    text: str
    lang: str
    # (terms, key, written stems) of each content slot
    slots: tuple[tuple[frozenset[str], str, frozenset[str]], ...]
    terms: frozenset[str]


@dataclass(frozen=True)
class Scored:
    """An entry's score for one question and why."""

    entry_id: str
    score: float
    recall: float
    precision: float
    phrasing: str
    unmatched: tuple[str, ...]  # question words the entry does not explain


class _Item:
    __slots__ = ("answer_terms", "bag", "by_language", "id", "order", "phrasings", "weights")

    def __init__(self, order: int, doc: Document, analyzer: Analyzer) -> None:
        self.id = doc.id
        self.order = order
        self.phrasings = [self._phrasing(text, lang, analyzer) for lang, text in doc.phrasings + doc.keywords]
        context = frozenset(
            t for lang, text in doc.context for t in _terms(analyzer.analyze(text, lang, correct=False).slots)
        )
        self.bag = frozenset().union(*(p.terms for p in self.phrasings)) | context
        answers = [
            (lang, _terms(analyzer.analyze(text, lang, correct=False).slots)) for lang, text in doc.answers
        ]
        self.answer_terms = frozenset().union(*(terms for _, terms in answers)) - self.bag
        # What the entry says in each language: an idiom of one ("билікке келу", to come to
        # power) must not make the entry speak of visits in another.
        self.by_language: dict[str, frozenset[str]] = {}
        for lang in {p.lang for p in self.phrasings} | {lang for lang, _ in answers}:
            own = [p.terms for p in self.phrasings if p.lang == lang] + [
                t for code, t in answers if code == lang
            ]
            self.by_language[lang] = frozenset().union(context, *own)
        self.weights: list[tuple[float, ...]] = []  # per phrasing, per slot; set once IDF is known

    @staticmethod
    def _phrasing(text: str, lang: str, analyzer: Analyzer) -> _Phrasing:
        slots = analyzer.analyze(text, lang, correct=False).slots
        return _Phrasing(text, lang, tuple((s.terms, s.key, s.written) for s in slots), _terms(slots))


def _terms(slots: Sequence[Slot]) -> frozenset[str]:
    return frozenset(t for s in slots for t in s.terms)


class Index:
    """An inverted index over entries with IDF weights."""

    def __init__(self, docs: Sequence[Document], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._items = [_Item(i, doc, analyzer) for i, doc in enumerate(docs)]
        frequency: dict[str, int] = defaultdict(int)
        for item in self._items:
            for term in item.bag:
                frequency[term] += 1
        n = len(self._items)
        self.max_idf = math.log((n + 1) / 0.5)
        self.idf = {t: max(MIN_IDF, math.log((n + 1) / (df + 0.5))) for t, df in frequency.items()}
        self._postings: dict[str, list[_Item]] = defaultdict(list)
        for item in self._items:
            item.weights = [
                tuple(self._phrasing_weight(terms, key) for terms, key, _ in p.slots) for p in item.phrasings
            ]
            for term in item.bag | item.answer_terms:
                self._postings[term].append(item)
        self._by_id = {item.id: item for item in self._items}
        # A term in more entries than this does not gather candidates ("Kazakhstan" would make
        # every entry one), and no question scores more than the budget of candidates: at
        # 100,000 entries that keeps an answer within milliseconds. The real base (81
        # entries) is never cut by the budget.
        self._candidate_limit = max(min(n // 3, CANDIDATES_MIN), int(n * CANDIDATES_SHARE))
        self._candidate_budget = n if n <= CANDIDATES_MIN * 3 else CANDIDATES_BUDGET * self._candidate_limit

    def _phrasing_weight(self, terms: frozenset[str], key: str) -> float:
        return self.idf.get(key) or max((self.idf.get(t, 0.0) for t in terms), default=MIN_IDF)

    def mentions(self, entry_id: str, lang: str | None = None) -> frozenset[str]:
        """Every term an entry's phrasings, keywords or answer contain (in ``lang``, if given)."""
        item = self._by_id[entry_id]
        if lang is not None:
            return item.by_language.get(lang, frozenset())
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

    def search(self, analysis: Analysis, limit: int = 10) -> list[Scored]:
        """Entries ranked by score for ``analysis`` (best first, ties in file order)."""
        slots = analysis.slots
        if not slots:
            return []
        weights = [self.slot_weight(s, analysis.lang) for s in slots]
        total = sum(weights)
        query_terms = frozenset().union(*(s.terms for s in slots))
        years = frozenset(s.key for s in slots if s.kind is SlotKind.YEAR)
        results: list[Scored] = []
        candidates = self._candidates(query_terms)
        for item in candidates.values():
            explained = 0.0
            unmatched: list[str] = []
            for slot, weight in zip(slots, weights, strict=True):
                credit = self._credit(slot, weight, item.bag)
                if not credit:
                    credit = self._credit(slot, weight, item.answer_terms) * ANSWER_CREDIT
                if not credit:
                    unmatched.append(slot.surface)
                explained += credit
            recall = explained / total if total else 0.0
            precision, phrasing = self._precision(item, query_terms, analysis.lang)
            score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            if years and years.isdisjoint(item.bag | item.answer_terms):
                score *= YEAR_MISS_FACTOR  # asked about a year the entry never mentions
            results.append(Scored(item.id, score, recall, precision, phrasing, tuple(unmatched)))
        results.sort(key=lambda r: (-r.score, self._by_id[r.entry_id].order))
        return results[:limit]

    def _candidates(self, query_terms: frozenset[str]) -> dict[int, _Item]:
        """The entries worth scoring: those sharing the question's rarer terms."""
        ranked = sorted(
            (t for t in query_terms if t in self._postings), key=lambda t: (len(self._postings[t]), t)
        )
        candidates: dict[int, _Item] = {}
        for term in ranked:  # common terms ("Kazakhstan") only score, never gather
            items = self._postings[term]
            if len(items) > self._candidate_limit or len(candidates) + len(items) > self._candidate_budget:
                break
            for item in items:
                candidates[item.order] = item
        if candidates or not ranked:
            return candidates
        # Every term is common: keep the entries that have the rarest ones together.
        pool = self._postings[ranked[0]]
        for term in ranked[1:]:
            if len(pool) <= self._candidate_budget:
                break
            pool = [item for item in pool if term in item.bag] or pool
        return {item.order: item for item in pool[: self._candidate_budget]}

    def _share(self, found: frozenset[str], parts: frozenset[str]) -> float:
        """The IDF-weighted share of ``parts`` that ``found`` makes up (at most 1)."""
        whole = sum(self.idf.get(t, MIN_IDF) for t in parts)
        return min(1.0, sum(self.idf.get(t, MIN_IDF) for t in found) / whole) if whole else 1.0

    def _credit(self, slot: Slot, weight: float, terms: frozenset[str]) -> float:
        """How much of ``weight`` a slot earns against ``terms``.

        Full weight when the slot's own term is there; a part ("committee" of "tax
        committee") earns only its share of what the parts are worth.
        """
        if slot.key in terms:
            return weight
        found = slot.terms & terms
        if found and slot.kind is SlotKind.YEAR:
            return weight * YEAR_WORD_CREDIT  # "in a given year", but not this one
        if not found:
            return 0.0
        return weight * self._share(found, slot.terms - {slot.key})

    def _precision(self, item: _Item, query_terms: frozenset[str], lang: str) -> tuple[float, str]:
        """How much of the best-fitting phrasing in the question's language the question covers."""
        best, best_text = 0.0, ""
        for phrasing, weights in zip(item.phrasings, item.weights, strict=True):
            if phrasing.lang != lang or phrasing.terms.isdisjoint(query_terms):
                continue
            covered = total = 0.0
            for (terms, key, written), weight in zip(phrasing.slots, weights, strict=True):
                total += weight
                if key in query_terms or terms.isdisjoint(query_terms):
                    covered += weight if key in query_terms else 0.0
                elif len(written) > 1:
                    # One word of a phrase covers only its share of what is written ("agreement"
                    # of "agreement on strategic partnership").
                    covered += weight * self._share(written & query_terms, written)
                else:
                    covered += weight
            value = covered / total if total else 0.0
            if value > best:
                best, best_text = value, phrasing.text
        return best, best_text
