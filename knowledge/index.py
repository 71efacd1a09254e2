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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from operator import itemgetter
from typing import NamedTuple, cast

from knowledge.analysis import Analysis, Analyzer, Slot, SlotKind, SlotTerms, StoredReader, StoredSlot

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
FITTED_CAP = 1_024  # entries (in one language each) precision keeps weighed
KEPT_CAP = 100_000  # entries (per language), slots or phrasings precision keeps read (a few MiB each)
MENTIONED_CAP = 256  # entries whose every term is kept as one set (a question asks of a few)


_BATCH = 250  # documents whose texts are read together
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


# What questions make an index keep (emptied by Index.forget).
_KEPT = frozenset(
    {"_fitted", "_weighed_slots", "_room", "_seen", "_positions", "_slot_weights", "_wholes", "_mentioned"}
)


# A slot as precision reads it: key, weight, its terms (None for a single word), and the
# words written of a phrase of several (else None).
_Weighed = tuple[str, float, tuple[str, ...] | None, tuple[str, ...] | None]


# A phrasing as precision reads it: its place among the entry's, whole weight, every term,
# slots.
_Fit = tuple[int, float, tuple[str, ...], tuple[_Weighed, ...]]


def _text(phrasing: _Phrasing) -> str:
    return cast(str, phrasing[0])


class _Builder:
    """What building the items shares: the reader of their texts, one copy of each set of terms."""

    def __init__(self, reader: StoredReader, tracked: frozenset[str]) -> None:
        self.read = reader
        self.tracked = tracked
        self._sets: dict[frozenset[str], frozenset[str]] = {}
        self._langs: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._pending: dict[str, Iterator[tuple[StoredSlot, ...]]] = {}

    def prepare(self, docs: Iterable[Document]) -> None:
        """Read the texts the documents' items will read, all at once, language by language.

        :meth:`slots` then gives them in turn: the items must be made in the same order,
        each reading its texts in the order :class:`_Item` does.
        """
        texts: dict[str, list[str]] = {}
        for doc in docs:
            phrasings = doc.phrasings if doc.read is None else ()
            for lang, text in chain(phrasings, doc.keywords, doc.context, doc.answers):
                found = texts.get(lang)
                if found is None:
                    found = texts[lang] = []
                found.append(text)
        for lang, found in texts.items():
            self._pending[lang] = iter(self.read.read_words(self.read.split(found), lang))

    def slots(self, text: str, lang: str) -> tuple[StoredSlot, ...]:
        """The slots of the next text in ``lang`` of the documents prepared: ``text``'s."""
        return next(self._pending[lang])

    def terms(self, texts: Iterable[tuple[StoredSlot, ...]]) -> frozenset[str]:
        """Every term of the texts' slots: a single word's term, the terms of a slot kept whole."""
        found: frozenset[StoredSlot] = frozenset().union(*texts)
        whole = found & self.read.whole  # a few: one set operation finds them
        if whole:
            found = (found - whole).union(*map(_TERMS, whole))
        return cast(frozenset[str], found)

    def langs(self, langs: tuple[str, ...]) -> tuple[str, ...]:
        """One copy of each sequence of languages (entries often have the same)."""
        return self._langs.setdefault(langs, langs)

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
    whole: float  # what its parts weigh


def _phrasing(text: Text, slots: tuple[StoredSlot, ...]) -> _Phrasing:
    return (text[1], *slots)


def _by_language(
    texts: tuple[Text, ...],
    slots: list[tuple[StoredSlot, ...]],
    terms: Callable[[list[tuple[StoredSlot, ...]]], frozenset[str]],
) -> dict[str, frozenset[str]]:
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
        read, terms = builder.slots, builder.terms
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
        self.langs = builder.langs(tuple([lang for lang, _ in doc.phrasings + doc.keywords]))
        context = [read(text, lang) for lang, text in doc.context]
        answers = [read(text, lang) for lang, text in doc.answers]
        self.bag = terms(said + context)
        answered = terms(answers)
        self.answer_terms = answered - self.bag  # what only the answer says
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
        self._items: list[_Item] = []
        pending = iter(docs)
        while batch := list(islice(pending, _BATCH)):  # each batch's texts read at once
            builder.prepare(batch)
            self._items += [_Item(i, doc, builder) for i, doc in enumerate(batch, start=len(self._items))]
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
        self.forget()

    def forget(self) -> None:
        """Empty what questions have made the index keep, as a new index has it.

        What precision reads (see :meth:`_in_language`) and weighs (see :meth:`_precision`),
        and the entries' terms: strings and numbers, which the garbage collector soon stops
        visiting (unless an object they hold was frozen with the build: so the engine empties
        them once built).
        """
        self._fitted: defaultdict[str, dict[int, tuple[_Fit, ...]]] = defaultdict(dict)
        self._weighed_slots: dict[StoredSlot, _Weighed] = {}
        self._room = FITTED_CAP
        self._seen: defaultdict[str, dict[int, None]] = defaultdict(dict)  # entries read, by language
        self._positions: defaultdict[str, dict[int, tuple[int, ...]]] = defaultdict(dict)
        self._slot_weights: dict[int, float] = {}
        self._wholes: dict[int, float] = {}
        self._mentioned: dict[str, frozenset[str]] = {}  # entries' terms, as last asked for

    def __getstate__(self) -> dict[str, object]:
        # Without what questions made it keep: some of it is by object id, and another
        # process's objects have other ids.
        return {name: value for name, value in self.__dict__.items() if name not in _KEPT}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.forget()

    def _phrasing_weight(self, terms: frozenset[str], key: str) -> float:
        return self.idf.get(key) or max((self.idf.get(t, 0.0) for t in terms), default=MIN_IDF)

    def mentions(self, entry_id: str, lang: str | None = None) -> frozenset[str]:
        """Every term an entry's phrasings, keywords or answer contain.

        With ``lang``: of the terms tracked (see the constructor), those it says in ``lang``.
        """
        item = self._by_id[entry_id]
        if lang is not None:
            return item.said_in(lang)
        found = self._mentioned.get(entry_id)
        if found is None:  # a question asks this of a few entries, several times: keep the last ones'
            if len(self._mentioned) >= MENTIONED_CAP:
                self._mentioned.clear()
            found = self._mentioned[entry_id] = item.bag | item.answer_terms
        return found

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
        bounded: list[tuple[float, int, float, float, _Item, tuple[str, ...]]] = []
        plan = [self._wanted(s, w) for s, w in zip(slots, weights, strict=True)]
        keys = frozenset(w.key for w in plan)
        key_weight: dict[str, float] = defaultdict(float)
        for wanted in plan:
            key_weight[wanted.key] += wanted.weight
        weight_of = key_weight.__getitem__
        for item in self._candidates(query_terms, slots).values():
            explained, unmatched = self._explained(item, plan, keys, weight_of)
            recall = explained / total if total else 0.0
            factor = YEAR_MISS_FACTOR if years and self._misses(item, years) else 1.0
            bound = factor * 2 * recall / (1 + recall) if recall else 0.0
            bounded.append((-bound, item.order, factor, recall, item, unmatched))
        bounded.sort()  # by bound, then file order: no two rows get as far as the entries
        # (-score, file order, recall, precision, phrasing, item, unmatched): best first
        ranked: list[tuple[float, int, float, float, str, _Item, tuple[str, ...]]] = []
        lang = analysis.lang
        for low, order, factor, recall, item, missed in bounded:
            if len(ranked) >= limit and -low < -ranked[limit - 1][0]:
                break  # neither this nor any after can displace the top ``limit``
            precision, phrasing = self._precision(item, query_terms, lang)
            score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            if factor != 1.0:
                score *= factor  # asked about a year the entry never mentions
            bisect.insort(ranked, (-score, order, recall, precision, phrasing, item, missed))
        return [
            Scored(item.id, -low, recall, precision, phrasing, missed)
            for low, _, recall, precision, phrasing, item, missed in ranked[:limit]
        ]

    def _wanted(self, slot: Slot, weight: float) -> _Wanted:
        """A question slot as scoring needs it, its parts weighed once."""
        parts = slot.terms - {slot.key}
        whole = math.fsum(self.idf.get(t, MIN_IDF) for t in parts) if parts else 0.0
        return _Wanted(slot.key, parts, weight, slot.kind is SlotKind.YEAR, slot.surface, whole)

    def _explained(
        self, item: _Item, plan: list[_Wanted], keys: frozenset[str], weight_of: Callable[[str], float]
    ) -> tuple[float, tuple[str, ...]]:
        """How much of the question's weight an entry explains, and the words it leaves unexplained.

        Full weight for a slot's own term in the entry's phrasings or keywords, half of it in
        its answer only; a part ("committee" of "tax committee") earns only its share of what
        the parts are worth, and half of that in the answer only.
        """
        # The slots whose own term the phrasings hold earn in full (one set operation); only
        # the others are looked at one by one.
        bag = item.bag
        held = keys & bag
        explained = math.fsum(map(weight_of, held))  # exact: a set's order varies by run
        if len(held) == len(keys):
            return explained, ()
        answer = item.answer_terms
        unmatched: list[str] = []
        for wanted in plan:
            key, parts = wanted.key, wanted.parts
            if key in held:
                continue
            if parts and not parts.isdisjoint(bag):
                credit = self._partial(wanted, bag)
            elif key in answer:
                credit = wanted.weight * ANSWER_CREDIT
            elif parts and not parts.isdisjoint(answer):
                credit = self._partial(wanted, answer) * ANSWER_CREDIT
            else:
                unmatched.append(wanted.surface)
                continue
            if not credit:
                unmatched.append(wanted.surface)
            explained += credit
        return explained, tuple(unmatched)

    @staticmethod
    def _misses(item: _Item, years: frozenset[str]) -> bool:
        """Whether the entry never mentions any of ``years``."""
        return years.isdisjoint(item.bag) and years.isdisjoint(item.answer_terms)

    def _candidates(self, query_terms: frozenset[str], slots: Sequence[Slot] = ()) -> dict[int, _Item]:
        """The entries worth scoring: those sharing the question's rarer terms.

        A rare word gathers the entries of the concept it stands for too, within the budget:
        "came" is in few phrasings ("came out"), "visit" in many.
        """
        postings = self._postings
        ranked = sorted((t for t in query_terms if t in postings), key=lambda t: (len(postings[t]), t))
        items = self._items
        candidates: dict[int, _Item] = {}
        budget = self._candidate_budget
        for term in ranked:  # common terms ("Kazakhstan") only score, never gather
            orders = postings[term]
            if len(orders) > self._candidate_limit or len(candidates) + len(orders) > budget:
                break
            for order in orders:
                candidates[order] = items[order]
            for slot in slots:
                if term in slot.terms and slot.key != term and slot.key in postings:
                    more = postings[slot.key]
                    if len(candidates) + len(more) <= budget:
                        candidates.update((order, items[order]) for order in more)
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

    def _share(self, found: frozenset[str], parts: frozenset[str], whole: float | None = None) -> float:
        """The IDF-weighted share of ``parts`` that ``found`` makes up (at most 1).

        ``whole`` is what ``parts`` weigh, when already known.
        """
        # Exact sums (fsum): a set's order varies with the hash seed, and so would the last bit.
        if whole is None:
            whole = math.fsum(self.idf.get(t, MIN_IDF) for t in parts)
        return min(1.0, math.fsum(self.idf.get(t, MIN_IDF) for t in found) / whole) if whole else 1.0

    def _partial(self, wanted: _Wanted, terms: frozenset[str]) -> float:
        if wanted.year:
            return wanted.weight * YEAR_WORD_CREDIT  # "in a given year", but not this one
        return wanted.weight * self._share(wanted.parts & terms, wanted.parts, wanted.whole)

    def _precision(self, item: _Item, query_terms: frozenset[str], lang: str) -> tuple[float, str]:
        """How much of the best-fitting phrasing in the question's language the question covers."""
        kept = self._fitted[lang]
        fits = kept.get(item.order)
        if fits is None and self._room and self._again(item.order, lang):
            # Weighed when read a second time, while there is room (a small base's every
            # entry): then a question reads them at half the cost. Weighing costs more than a
            # reading saves, and a large base reads most of its entries once or never.
            fits = kept[item.order] = tuple(
                self._fit(i, item.phrasings[i]) for i in self._in_language(item, lang)
            )
            self._room -= 1
        if fits is not None:
            return self._fitted_precision(item, fits, query_terms)
        return self._read_precision(item, query_terms, lang)

    def _again(self, order: int, lang: str) -> bool:
        """Whether precision has read this entry in ``lang`` before (and remember that it has)."""
        seen = self._seen[lang]
        if order in seen:
            return True
        if len(seen) >= KEPT_CAP:
            seen.clear()
        seen[order] = None
        return False

    def _read_precision(self, item: _Item, query_terms: frozenset[str], lang: str) -> tuple[float, str]:
        """:meth:`_precision` over the phrasings as they are."""
        best, best_phrasing = 0.0, None
        idf, phrasings = self.idf, item.phrasings
        # The weights kept (or, if not yet or zero, worked out: see _slot_weight and _whole).
        slot_weight, whole_of = self._slot_weights.get, self._wholes.get
        for position in self._in_language(item, lang):
            phrasing = phrasings[position]
            covered = 0.0  # summed in slot order, as the whole is
            for slot in phrasing[1:]:
                if isinstance(slot, str):  # a single word: its own term (most slots)
                    if slot in query_terms:
                        covered += idf.get(slot, 0.0)
                elif slot[1] in query_terms:
                    covered += slot_weight(id(slot)) or self._slot_weight(slot)
                elif slot[0].isdisjoint(query_terms):
                    continue
                elif len(written := slot[2]) > 1:
                    # One word of a phrase covers only its share of what is written ("agreement"
                    # of "agreement on strategic partnership").
                    weight = slot_weight(id(slot)) or self._slot_weight(slot)
                    covered += weight * self._share(written & query_terms, written)
                else:
                    covered += slot_weight(id(slot)) or self._slot_weight(slot)
            if not covered:
                continue  # nothing covered: no better than none
            value = covered / (whole_of(id(phrasing)) or self._whole(phrasing))
            if value > best:
                best, best_phrasing = value, phrasing
                if best >= 1.0:
                    break  # covered never exceeds whole: no later phrasing can do better
        return best, _text(best_phrasing) if best_phrasing else ""

    def _fitted_precision(
        self, item: _Item, fits: tuple[_Fit, ...], query_terms: frozenset[str]
    ) -> tuple[float, str]:
        """:meth:`_precision` over weighed phrasings: the same sums, in the same order."""
        best, best_position = 0.0, -1
        for position, whole, every, slots in fits:
            if query_terms.isdisjoint(every):
                continue  # nothing covered: no better than none
            covered = 0.0
            for key, weight, terms, written in slots:
                if key in query_terms:
                    covered += weight
                elif terms is None or query_terms.isdisjoint(terms):
                    continue
                elif written:  # a phrase's word covers its share of what is written
                    parts = frozenset(written)
                    covered += weight * self._share(parts & query_terms, parts)
                else:
                    covered += weight
            if not covered:
                continue
            value = covered / whole
            if value > best:
                best, best_position = value, position
                if best >= 1.0:
                    break  # covered never exceeds whole: no later phrasing can do better
        return best, _text(item.phrasings[best_position]) if best_position >= 0 else ""

    def _fit(self, position: int, phrasing: _Phrasing) -> _Fit:
        """A phrasing weighed: its place, whole weight (summed in slot order), terms and slots."""
        slots = tuple(map(self._weighed, phrasing[1:]))
        whole = 0.0
        every: set[str] = set()
        for key, weight, terms, _ in slots:
            whole += weight
            every.add(key)
            every.update(terms or ())
        return position, whole, tuple(every), slots

    def _weighed(self, slot: StoredSlot) -> _Weighed:
        """A slot as :meth:`_fitted_precision` reads it (each distinct slot made once)."""
        found = self._weighed_slots.get(slot)
        if found is None:
            if isinstance(slot, str):
                found = (slot, self.idf.get(slot, 0.0), None, None)
            else:
                terms, key, written = slot
                found = (
                    key,
                    self._slot_weight(slot),
                    tuple(terms),
                    tuple(written) if len(written) > 1 else None,
                )
            self._weighed_slots[slot] = found
        return found

    # What precision keeps of what it reads is kept by number (an entry's place, an object's
    # id: the entries hold their phrasings and slots, so an id stays theirs) and holds numbers
    # only: the garbage collector soon stops visiting it.

    def _in_language(self, item: _Item, lang: str) -> tuple[int, ...]:
        """Where the phrasings of ``item`` in ``lang`` stand among its phrasings."""
        kept = self._positions[lang]
        positions = kept.get(item.order)
        if positions is None:
            positions = tuple(i for i, code in enumerate(item.langs) if code == lang)
            if len(kept) >= KEPT_CAP:
                kept.clear()  # a very large base: keep the memory bounded
            kept[item.order] = positions
        return positions

    def _slot_weight(self, slot: SlotTerms) -> float:
        """The weight of a phrase's or a concept's slot: its key's IDF, else its rarest term's."""
        weight = self._slot_weights.get(id(slot))
        if weight is None:
            weight = self._phrasing_weight(slot[0], slot[1])
            if len(self._slot_weights) >= KEPT_CAP:
                self._slot_weights.clear()
            self._slot_weights[id(slot)] = weight
        return weight

    def _whole(self, phrasing: _Phrasing) -> float:
        """The weight of a whole phrasing: of each slot, summed in slot order."""
        whole = self._wholes.get(id(phrasing))
        if whole is None:
            whole, idf = 0.0, self.idf
            for slot in phrasing[1:]:
                whole += idf.get(slot, 0.0) if isinstance(slot, str) else self._slot_weight(slot)
            if len(self._wholes) >= KEPT_CAP:
                self._wholes.clear()
            self._wholes[id(phrasing)] = whole
        return whole
