"""Turn a question into weighted concepts: typo-corrected, stemmed, with aliases resolved.

A question becomes a list of :class:`Slot` objects, one per concept. A slot carries every
term it may match (its concept key, the stem of what was written, the parts of a
multi-word name), so an alias, a synonym or a word of another language matches whichever
form an entry uses: "exports", "экспорт" and "esportazioni" are all the concept ``export``.

Each question is read in one language (its pack's stemmer, stopwords and words); names,
places and official terms are understood in every language and script.
"""

from __future__ import annotations

import math
import operator
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, filterfalse, repeat
from typing import NamedTuple

from knowledge.language import MAX_WORD_CHARS, Case, Language, Stem
from knowledge.spelling import Spelling
from knowledge.text import (
    FoldedWords,
    Token,
    read_tokens,
    script_of,
    split_many,
    split_words,
    tokenize,
    words_of,
)

# Words too short to correct safely ("wat" could be many things).
_MIN_CORRECTABLE = 3
_MIN_LOWER_NAME = 6  # letters of a lower-case word that may be a name (shorter: a typo, a particle)
_ASCII_LETTER = re.compile("[A-Za-z]")
_STEM = operator.attrgetter("stem")
COUNTRY_PREFIX = "country:"
ATTRIBUTE_PREFIX = "attribute:"
YEAR_RANGE = range(1900, 2100)
# The lexicon's concept of the word "year": a year in a question also fills a phrasing's
# "in a given year" ("год", "anno", "жыл" are its words in the other languages).
YEAR_TERM = "year"
# A capitalized word inside a sentence is a name unless the knowledge base knows it or it is
# among this many commonest words of the language ("Trump" is a name, "Open" is not).
NAME_RANK = 5000
_CACHE_LIMIT = 20_000
_KEYS_KEPT = 4_096  # texts whose concept keys are remembered
_READS_KEPT = 16  # user texts whose reading is remembered: the sides of a span are read again
# Reading a user's text must stay within a millisecond or so whatever it holds, for the engine
# runs on the event loop (knowledge.text.read_tokens bounds the words read).
MAX_SEARCHED = 8  # words looked up as typos per text: each lookup scans the vocabulary
MAX_SLOTS = 16  # concepts read (the most in a real question is 13): each costs every search


class SlotKind(StrEnum):
    """What a slot of a question is."""

    WORD = "word"  # a word the knowledge base knows, or an ordinary word of the language
    NUMBER = "number"
    YEAR = "year"
    UNKNOWN = "unknown"  # neither known nor ordinary: most likely a name we do not know


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
    # The case its ending marks, in languages that mark direction with endings.
    case: Case | None = None
    # The stems of the words as written (of a name or phrase: each of its words).
    written: frozenset[str] = frozenset()
    # A rare word written with a capital first in a sentence: a name, if nothing matches it.
    maybe_name: bool = False
    lower_name: bool = False  # a long word in lower case that nothing knows: a name, if of people


@dataclass(frozen=True)
class Analysis:
    """A question read by the :class:`Analyzer`."""

    lang: str
    words: tuple[str, ...]  # normalized, typo-corrected words, stopwords kept
    slots: tuple[Slot, ...]  # content concepts, stopwords dropped
    corrections: tuple[tuple[str, str], ...]

    @property
    def keys(self) -> frozenset[str]:
        """The concept keys of all slots."""
        return frozenset(s.key for s in self.slots)

    @property
    def years(self) -> tuple[int, ...]:
        """Years mentioned, in order of appearance, without repeats."""
        seen: dict[int, None] = {}
        for slot in self.slots:
            if slot.kind is SlotKind.YEAR:
                seen.setdefault(int(slot.key))
        return tuple(seen)


MIN_DECLINED = 5  # letters of the shortest name read in its cases


class Analyzer:
    """Reads text into slots, using the knowledge base's own vocabulary.

    Args:
        languages: the compiled language packs, by code.
        names: concept key → its forms in any language (people, places, official terms,
            other countries).
        concepts: concept key → language → its words in that language.
        vocabulary: how often each word of the knowledge base's texts occurs, as
            :func:`knowledge.text.count_words` counts them (typos are corrected toward its
            words). Without it, the analyzer reads the knowledge base's own texts
            (:meth:`reader`) until :meth:`learn` gives it, before any other reading.
        uncorrectable: concept keys that typos must never be corrected into.
        default: the language whose words make up multi-word keys ("prime minister").
    """

    def __init__(
        self,
        languages: Mapping[str, Language],
        names: Mapping[str, Iterable[str]],
        concepts: Mapping[str, Mapping[str, Iterable[str]]],
        vocabulary: Mapping[str, int] | None = None,
        uncorrectable: Iterable[str] = (),
        default: str = "en",
    ) -> None:
        self.languages = dict(languages)
        self.default = default
        protected = frozenset(uncorrectable)
        counts: Counter[str] = Counter()
        self._surface: dict[str, dict[tuple[str, ...], str]] = {code: {} for code in languages}
        self._stemmed: dict[str, dict[tuple[str, ...], str]] = {code: {} for code in languages}
        # A one-word name's forms in its cases, by language: looked up only when no phrase starts there.
        self._declined: dict[str, dict[str, str]] = {code: {} for code in languages}
        forms_by_key: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        for key, forms in names.items():
            forms_by_key[key].extend((None, form) for form in forms)
        for key, by_language in concepts.items():
            for code, forms in by_language.items():
                forms_by_key[key].extend((code, form) for form in forms)
        # Most forms read the same in every language: one copy of each serves all the tables.
        seen: dict[tuple[str, ...], tuple[str, ...]] = {}

        def shared(words: tuple[str, ...]) -> tuple[str, ...]:
            return seen.setdefault(words, tuple(sys.intern(w) for w in words))

        # Each distinct form read once per language (a name's forms serve all four).
        read: dict[str, dict[str, tuple[str, ...]]] = {}
        for language in languages.values():
            code = language.code
            forms = (f for entries in forms_by_key.values() for c, f in entries if c in (None, code))
            own = read[code] = {f: shared(language.words(f)) for f in forms}
            # Suffix rules leave one-word names whole; the stems, in one call: the tables want them.
            language.protect(words[0] for words in own.values() if len(words) == 1)
            language.learn(chain.from_iterable(own.values()))
        # Every word of the lexicon is known, and never "corrected" into another word ("Баку"
        # is not "бару"), though only some are words to correct toward.
        self._lexicon_words = frozenset(
            w for forms in forms_by_key.values() for c, f in forms for w in words_of(f)
        )
        for key, entries in forms_by_key.items():
            learn = not key.startswith(COUNTRY_PREFIX) and key not in protected
            for form_lang, form in entries:
                for language in languages.values() if form_lang is None else [languages[form_lang]]:
                    words = read[language.code][form]
                    if not words:
                        continue
                    if learn:  # never "correct" toward Andorra, or toward a reason to decline
                        counts.update(words)
                    self._surface[language.code].setdefault(words, key)
                    self._stemmed[language.code].setdefault(shared(tuple(map(language.stem, words))), key)
                    if learn and form_lang is None and len(words) == 1 and len(words[0]) >= MIN_DECLINED:
                        # a name in its cases ("Елемесова"); not a short one ("АҚШ" + "а": "ақша"),
                        # nor another country's (its forms are listed)
                        for ending in language.name_endings:
                            self._declined[language.code].setdefault(words[0] + ending, key)
        # The lengths of the phrases that start with a word (as written or stemmed), longest
        # first: a question's word is only tried against phrases that can start with it.
        self._starts = {code: _starts(self._surface[code], self._stemmed[code]) for code in languages}
        self._any_start = _starts(*(table for code in languages for table in (self._surface[code],)))
        self._parts = {key: self._parts_of(key) for key in forms_by_key if not key.startswith(COUNTRY_PREFIX)}
        self._corrections: dict[tuple[str, str], str] = {}
        self._typed: Mapping[str, Mapping[str, str]] = {}  # per language: see ``learn``
        self._keys: dict[tuple[str, str], frozenset[str]] = {}
        self._reads: dict[tuple[str, str, bool], Analysis] = {}
        self._vocabulary = counts  # the lexicon's words so far: ``learn`` adds the texts'
        self._known_stems: dict[str, frozenset[str]]
        self._spelling: dict[str, Spelling]
        if vocabulary is not None:
            self.learn(vocabulary)

    def learn(
        self, vocabulary: Mapping[str, int], typed: Mapping[str, Mapping[str, str]] | None = None
    ) -> None:
        """Take the knowledge base's vocabulary (see the class), once: typos are corrected toward it.

        ``typed``: per language, its words as typed without its own letters → the words
        (:meth:`Language.typed_forms`): a question's word so typed reads as the word.
        """
        self._typed = typed or {}
        languages, counts = self.languages, self._vocabulary
        folding = {k: v for lang in languages.values() for k, v in lang.pack.folding.items()}
        fold = str.maketrans(folding)
        # Each distinct word folded once; most are words folding leaves whole, counted at once.
        changes = re.compile("[\\s" + re.escape("".join(folding)) + "]")
        odd = list(filter(changes.search, vocabulary))
        before = {word: counts[word] for word in odd if word in counts}
        counts.update(vocabulary)
        for word in odd:  # as they were: each counts as its folded parts
            if word in before:
                counts[word] = before[word]
            else:
                del counts[word]
        for word in odd:
            for part in word.translate(fold).split():
                counts[part] += vocabulary[word]
        words = list(counts)
        by_script: dict[str | None, list[str]] = defaultdict(list)
        plain = list(filter(str.isascii, words))  # Latin if it has a letter (the others are numbers)
        by_script["latin"] = list(filter(_ASCII_LETTER.search, plain))
        for word in filterfalse(str.isascii, words):
            by_script[script_of(word)].append(word)
        self._known_stems = {}
        for code, language in languages.items():
            # In one call: the index reads these words again.
            stems = language.stems(by_script[language.script])
            self._known_stems[code] = frozenset(map(_STEM, stems))
        self._spelling = {
            script: Spelling(w for w in by_script[script] if w.isalpha() and len(w) >= _MIN_CORRECTABLE)
            for script in {language.script for language in languages.values()}
        }

    def _parts_of(self, key: str) -> frozenset[str]:
        """The terms of a multi-word key's words ("prime minister": prime, minister)."""
        language = self.languages[self.default]
        words = language.words(key.replace("-", " "))
        if len(words) < 2:
            return frozenset()
        parts = set()
        for word in words:
            if word in language.stopwords:
                continue
            single = self._stemmed[self.default].get((language.stem(word),))
            parts.add(single if single is not None else language.stem(word))
        return frozenset(parts)

    # -- vocabulary -----------------------------------------------------------------

    def knows(self, word: str, language: Language) -> bool:
        """Whether the knowledge base uses ``word`` (as written, or its stem)."""
        return word in self._vocabulary or language.stem(word) in self._known_stems[language.code]

    def correct(self, word: str, lang: str) -> str:
        """Correct a misspelt word toward the knowledge base's words of its script, or return it."""
        key = (lang, word)
        found = self._corrections.get(key)
        if found is None:
            language = self.languages[lang]
            found = self._correct(word, language) if self._may_be_typo(word, language) else word
            if len(self._corrections) < _CACHE_LIMIT:
                self._corrections[key] = found
        return found

    def _with_letters(self, word: str, language: Language) -> str | None:
        """The knowledge base's word that ``word`` is, typed without the language's own letters.

        "канша" for "қанша", "казакстан" for "қазақстан": the commoner of the words so typed,
        if it is commoner than ``word`` itself, or ``word`` is no word of the knowledge base
        ("туган" for the lexicon's "туған", born). None for a word with those letters, or none so.
        """
        if language.plain is None or not language.letters.isdisjoint(word):
            return None
        found = self._typed.get(language.code, {}).get(word)
        if found is None:
            return None
        typed = self._vocabulary[word]
        return found if self._vocabulary[found] > typed or not typed else None

    def _may_be_typo(self, word: str, language: Language) -> bool:
        """Whether ``word`` is looked up as a typo: a word of letters that nothing knows."""
        return not (
            len(word) < _MIN_CORRECTABLE
            or len(word) > MAX_WORD_CHARS
            or not word.isalpha()
            or self.knows(word, language)
            or word in language.months
            or word in self._lexicon_words
            or language.rank(word) is not None
            or word in language.stopwords
            or word in language.cue_words
            or word in language.question_words  # "wat", "wich": already read as asking
            or word in language.number_words  # "бес" (five) is no "бас" (head)
        )

    def _correct(self, word: str, language: Language) -> str:
        script = script_of(word)
        spelling = self._spelling.get(script) if script else None
        if spelling is None:
            return word
        limit = 1 if len(word) < 8 else 2  # "metres" must not become "metals"
        best: tuple[int, int, str] | None = None
        for candidate, distance in spelling.near(word, limit, other_first=len(word) >= 5):
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

    def read(self, text: str, lang: str, *, correct: bool = True) -> Analysis:
        """Read a user's ``text`` in language ``lang``, as far as a question can go.

        Its first ``MAX_READ_CHARS`` characters and ``MAX_TOKENS`` words (``read_tokens``),
        up to its ``MAX_SLOTS``-th concept: the work is bounded whatever the text holds.
        The last ``_READS_KEPT`` readings are remembered: one question reads its parts again.
        """
        key = (text, lang, correct)
        found = self._reads.get(key)
        if found is None:
            found = self._analyze(read_tokens(text), lang, correct, MAX_SLOTS)
            if len(self._reads) >= _READS_KEPT:
                self._reads.clear()
            self._reads[key] = found
        return found

    def analyze(self, text: str, lang: str, *, correct: bool = True) -> Analysis:
        """Read all of ``text`` in language ``lang``; ``correct=False`` for the knowledge base's own."""
        return self._analyze(tokenize(text), lang, correct, None)

    def _analyze(self, tokens: Sequence[Token], lang: str, correct: bool, max_slots: int | None) -> Analysis:
        """Read ``tokens`` in language ``lang``.

        Args:
            tokens: the text's tokens.
            lang: the language to read them in.
            correct: look up words nothing knows as typos (at most ``MAX_SEARCHED`` of them,
                the first, so that the same text always reads the same).
            max_slots: stop after this many concepts (the words read stop there too).
        """
        language = self.languages[lang]
        words, corrections = self._words(tokens, language, correct)
        stems = [language.analyse(t.text) for t in words]
        surface = [t.text for t in words]
        slots, end = self._slots(words, surface, stems, language, max_slots)
        return Analysis(lang, tuple(surface[:end]), tuple(slots), tuple(corrections))

    def _words(
        self, tokens: Sequence[Token], language: Language, correct: bool
    ) -> tuple[list[Token], list[tuple[str, str]]]:
        """The tokens folded and, if ``correct``, typo-corrected; and the corrections made."""
        # In a message whose every word starts with a capital, a capital says nothing of names.
        inner = [t for t in tokens if not t.sentence_start and not t.is_number]
        shouting = len(inner) >= 3 and all(t.capitalized for t in inner)
        corrections: list[tuple[str, str]] = []
        words: list[Token] = []
        searched = 0
        for at, token in enumerate(tokens):
            if correct and not shouting and _initial(tokens, at):
                continue  # a question's "Е. Казыханов": the initial says no more than the name
            folded = language.fold(token.text)
            fixed = folded
            month = language.months.get(folded) if _beside_number(tokens, at) else None
            lettered = self._with_letters(folded, language) if correct and not token.is_number else None
            if month is not None:
                folded = fixed = month  # "Feb 2014": February, as the sheet writes it; no typo
            elif lettered is not None:
                fixed = lettered  # "канша" typed for "қанша"
            elif correct and not token.is_number and self._may_be_typo(folded, language):
                fixed = self.correct(folded, language.code) if searched < MAX_SEARCHED else folded
                searched += 1
                if self._other_word_for_name(token, folded, fixed):
                    fixed = folded  # a name we do not know ("Letta"), not a typo of a word ("detta")
            if fixed != token.text:
                if fixed != folded:
                    corrections.append((token.text, fixed))
                token = Token(fixed, token.capitalized and not shouting, token.sentence_start)
            elif shouting:
                token = Token(token.text, False, token.sentence_start)
            words.append(token)
        return words, corrections

    def _other_word_for_name(self, token: Token, folded: str, fixed: str) -> bool:
        """Whether a correction makes a capitalized word another word, first letter and all.

        Not of a name the lexicon has: "Элемесов" is "Елемесов".
        """
        capitalized = token.capitalized and not token.sentence_start
        return capitalized and fixed[:1] != folded[:1] and fixed not in self._lexicon_words

    def _slots(
        self,
        words: list[Token],
        surface: list[str],
        stems: list[Stem],
        language: Language,
        max_slots: int | None,
    ) -> tuple[list[Slot], int]:
        """The content concepts of the words, and where reading stopped (``max_slots`` reached)."""
        slots: list[Slot] = []
        i = 0
        while i < len(words) and len(slots) != max_slots:
            matched = self._match_phrase(language.code, surface, stems, i)
            if matched is not None and matched[0] == 1 and surface[i] in language.stopwords:
                matched = None  # a function word of this language, not a name ("un" in Italian)
            if matched is not None:
                length, key = matched
                own = frozenset(
                    s.stem
                    for s, t in zip(stems[i : i + length], words[i : i + length], strict=True)
                    if t.text not in language.stopwords
                )
                terms = frozenset({key}) | self._parts.get(key, frozenset()) | own
                slots.append(
                    Slot(
                        key,
                        terms,
                        " ".join(surface[i : i + length]),
                        SlotKind.WORD,
                        before=_word_before(surface, i, language),
                        case=stems[i + length - 1].case,
                        written=own,
                    )
                )
                i += length
                continue
            token = words[i]
            i += 1
            if token.text in language.stopwords:
                continue
            slot = self._single(token, stems[i - 1].stem, language, _word_before(surface, i - 1, language))
            case = stems[i - 1].case
            slots.append(slot if case is None else _with_case(slot, case))
        return slots, i if len(slots) == max_slots else len(words)

    def _match_phrase(
        self, lang: str, surface: list[str], stems: list[Stem], start: int
    ) -> tuple[int, str] | None:
        by_surface, by_stem = self._surface[lang], self._stemmed[lang]
        starts = self._starts[lang]
        left = len(surface) - start
        written, stemmed = starts.get(surface[start], ()), starts.get(stems[start].stem, ())
        # Longest first; most words start phrases of one set of lengths as written and stemmed.
        lengths = written if written == stemmed or not stemmed else stemmed if not written else None
        if lengths is None:
            lengths = tuple(sorted({*written, *stemmed}, reverse=True))
        for length in (n for n in lengths if n <= left):
            # The words as written first: Snowball reads "important" as "import".
            key = by_surface.get(tuple(surface[start : start + length]))
            if key is None:
                key = by_stem.get(tuple(s.stem for s in stems[start : start + length]))
            if key is not None:
                return length, key
        word = surface[start]
        declined = self._declined[lang].get(word)
        if declined is not None:
            return 1, declined  # a name in its case ("Елемесова")
        # A word of another language as written ("Ambasciata d'Italia" in English), unless
        # it is an ordinary word of this one ("data" is English too).
        language = self.languages[lang]
        if word not in self._any_start or language.rank(word) is not None or word in language.stopwords:
            return None
        for length in (n for n in self._any_start[word] if n <= left):
            words = tuple(surface[start : start + length])
            for other, table in self._surface.items():
                if other != lang and (key := table.get(words)) is not None:
                    return length, key
        return None

    def _single(self, token: Token, stem: str, language: Language, before: str) -> Slot:
        word = token.text
        if token.is_number:
            digits = word.rstrip("%")
            if digits.isdigit() and len(digits) == 4 and int(digits) in YEAR_RANGE:
                return Slot(digits, frozenset({digits, YEAR_TERM}), word, SlotKind.YEAR, before=before)
            return Slot(word, frozenset({word, word.replace(",", ".")}), word, SlotKind.NUMBER, before=before)
        # A capital inside a sentence marks a name; so does one in another script, anywhere
        # ("Agip компаниясы …": a Latin word in a Cyrillic question)
        proper = token.capitalized and (not token.sentence_start or _other_script(word, language))
        rank = language.rank(word)
        common = rank is not None and (not proper or rank <= NAME_RANK)
        # First in a sentence a capital says little; but a word there that is neither the
        # knowledge base's nor among the language's commonest may be a name ("Трамп
        # посещал…", "Trump ha visitato…"). Without a list of common words, no telling.
        known = self.knows(word, language) or word in language.months
        maybe_name = (
            token.capitalized
            and token.sentence_start
            and len(language.common) > 0
            and (rank is None or rank > NAME_RANK)
            and not known
        )
        if not (known or common) and word.isalpha() and len(word) >= _MIN_CORRECTABLE:
            kind = SlotKind.UNKNOWN
            # Typed in lower case, a long word no list knows and no correction reached is a
            # name too ("quando mattarella ha visitato …"): uncorrected, it is no typo of ours.
            lower_name = rank is None and len(word) >= _MIN_LOWER_NAME and language.pack.lower_case_names
        else:
            kind, lower_name = SlotKind.WORD, False
        return Slot(
            stem,
            frozenset({stem}),
            word,
            kind,
            proper=proper,
            before=before,
            maybe_name=maybe_name,
            lower_name=lower_name,
        )

    def weight_of_unindexed(self, slot: Slot, lang: str, max_idf: float) -> float:
        """How much a slot that no entry contains should count against a match.

        Unknown words count fully; ordinary words count by how rare they are, so "pay" or
        "mostly" weigh little and "population" or "visa" weigh a lot. A figure no entry states
        is a claim to check ("was trade 18 billion?"), not what the question is about.
        """
        if slot.kind is SlotKind.NUMBER:
            return max_idf * _CLAIMED_FIGURE
        if slot.kind is not SlotKind.WORD:
            return max_idf
        rank = self.languages[lang].rank(slot.surface)
        if rank is None:
            return max_idf * 0.8
        return max_idf * min(1.0, max(0.12, (math.log10(rank) - 1.5) / 3.0))

    def as_listed(self, surface: str, lang: str) -> bool:
        """Whether a slot's ``surface`` is a form the lexicon lists: "Досжан", not "Досжана"."""
        return tuple(surface.split()) in self._surface[lang]

    def keys_of(self, text: str, lang: str) -> frozenset[str]:
        """The concept keys of the knowledge base's own ``text`` in ``lang``.

        Remembered (up to ``_KEYS_KEPT`` texts): the clauses of an answer are read again each
        time the answer is weighed.
        """
        key = (lang, text)
        found = self._keys.get(key)
        if found is None:
            found = self.analyze(text, lang, correct=False).keys
            if len(self._keys) < _KEYS_KEPT:
                self._keys[key] = found
        return found

    def forget(self) -> None:
        """Empty the caches of corrections, stems, texts' keys and readings, as a new engine has them."""
        self._corrections.clear()
        self._keys.clear()
        self._reads.clear()
        for language in self.languages.values():
            language.forget()

    def reader(self) -> StoredReader:
        """A reader of the knowledge base's own texts, for indexing them in bulk."""
        return StoredReader(self)


# What indexing needs of a slot: (terms, key, written stems).
SlotTerms = tuple[frozenset[str], str, frozenset[str]]
# A slot as an index keeps it: a single word's term alone (most slots), or its terms, key and
# written stems (a phrase, a concept, a number read two ways).
StoredSlot = str | SlotTerms
_NOTHING: frozenset[str] = frozenset()
_NO_START = (0,)  # the lengths of the phrases that start with a word that starts none
_SKIP = ""  # what a stopword, or a word that a phrase took, leaves of a text: nothing
_END = ""  # what ends a text among texts read together (no word is empty)


def stored_slot(slot: SlotTerms) -> StoredSlot:
    """``slot`` as an index keeps it: its key alone when that is its only term, else whole."""
    terms, key, written = slot
    return key if not written and terms == {key} else slot


class _Word(NamedTuple):
    """A word of a stored text, read once per language."""

    surface: str  # folded
    stem: Stem
    # The longest phrase that may start with it: 0 for none, 1 when its slot is settled.
    reach: int
    slot: StoredSlot  # its slot, when the word alone settles it (``_SKIP``: a stopword)


class StoredReader:
    """Reads the knowledge base's own texts as ``Analyzer.analyze(text, lang, correct=False)`` does.

    It gives each slot as an index keeps it (:data:`StoredSlot`), which is all an index
    needs; and it reads each distinct word (and phrase) once per language, however many
    texts use it, so a large knowledge base is indexed in a fraction of the time. Its memory
    goes with it.
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._words: dict[str, dict[str, _Word]] = {code: {} for code in analyzer.languages}
        # The words whose slot they settle alone (no phrase of two words or more starts with them).
        # (_END stands between texts read together: it is nothing, and no phrase goes past it.)
        self._settled: dict[str, dict[str, StoredSlot]] = {code: {_END: _SKIP} for code in analyzer.languages}
        self._starters: dict[str, dict[str, _Word]] = {code: {} for code in analyzer.languages}  # the others
        # A word that may start a phrase and the word after it ("" at the end): the first word's
        # slot when no phrase goes on (alone), or the pairs a phrase may continue (joined).
        self._alone: dict[str, dict[tuple[str, str], StoredSlot]] = {c: {} for c in analyzer.languages}
        # (… or the pairs a phrase may go on from: the most words it may take)
        self._joined: dict[str, dict[tuple[str, str], int]] = {code: {} for code in analyzer.languages}
        # The words a phrase may take from the first of a joined pair on, as written → what they
        # give: (the phrase's length, its slot), or (1, the first word's slot) when none is there.
        self._windows: dict[str, dict[tuple[str, ...], tuple[int, StoredSlot]]] = {
            code: {} for code in analyzer.languages
        }
        self._folded = FoldedWords(limit=None)  # how each word of the texts folds, while they are read
        # The same slot in many texts: one copy serves them all.
        self._kept: dict[SlotTerms, StoredSlot] = {}
        # Every slot kept whole so far (not as a single term): its terms are its first item.
        self.whole: set[SlotTerms] = set()
        # The first two words of every phrase of two words or more, as written and stemmed,
        # by language, and as written in any language: a phrase can start at a word only if
        # the next one follows it in one of these.
        self._pairs = {
            code: {
                phrase[:2] for table in (analyzer._surface[code], analyzer._stemmed[code]) for phrase in table
            }
            for code in analyzer.languages
        }
        self._any_pairs = {phrase[:2] for table in analyzer._surface.values() for phrase in table}
        # The second words of those pairs, as written or stemmed: a word that is none of them
        # continues no phrase, and need not be read to tell.
        any_seconds = {pair[1] for pair in self._any_pairs if len(pair) == 2}
        self._seconds = {
            code: frozenset({pair[1] for pair in pairs if len(pair) == 2} | any_seconds)
            for code, pairs in self._pairs.items()
        }

    def _keep(self, slot: SlotTerms) -> StoredSlot:
        """One copy of ``slot`` as an index keeps it: its term alone, if that is all it says."""
        kept = self._kept.get(slot)
        if kept is None:
            kept = self._kept[slot] = stored_slot(slot)
            if kept is slot:
                self.whole.add(slot)
        return kept

    def _word(self, raw: str, lang: str) -> _Word:
        analyzer, language = self._analyzer, self._analyzer.languages[lang]
        word = language.fold(raw)
        stem = language.analyse(word)
        starts = analyzer._starts[lang]  # lengths, longest first
        reach = max(
            starts.get(word, _NO_START)[0],
            starts.get(stem.stem, _NO_START)[0],
            analyzer._any_start.get(word, _NO_START)[0],
        )
        if reach:  # what the word alone gives, if the next word does not continue a phrase
            length, slot = self._phrase(lang, [word], [stem], 0)
            if length:
                return _Word(word, stem, reach, slot)
        if word in language.stopwords:
            return _Word(word, stem, reach, _SKIP)
        if word[0].isdigit():
            digits = word.rstrip("%")
            if digits.isdigit() and len(digits) == 4 and int(digits) in YEAR_RANGE:
                alone = (frozenset({digits, YEAR_TERM}), digits, _NOTHING)
            else:
                alone = (frozenset({word, word.replace(",", ".")}), word, _NOTHING)
            return _Word(word, stem, reach, self._keep(alone))
        # Its stem alone (as stored_slot keeps it), one copy for every language and text that has it.
        key = sys.intern(stem.stem)
        if key is not stem.stem:
            stem = Stem(key, stem.case)
        return _Word(word, stem, reach, key)

    def slots(self, text: str, lang: str) -> tuple[StoredSlot, ...]:
        """The slots of ``text`` read in ``lang``, each as an index keeps it (one text alone)."""
        return self.read(split_words(text), lang)

    def split(self, texts: Sequence[str]) -> list[str]:
        """The words of ``texts`` in one sequence, each text's then ``_END``, for :meth:`read_words`."""
        return split_many(texts, self._folded, _END)

    def read(self, split: tuple[str, ...], lang: str) -> tuple[StoredSlot, ...]:
        """The slots of a text split into words (as :func:`knowledge.text.split_words` splits it)."""
        found: list[StoredSlot | None] = list(map(self._settled[lang].get, split))
        if None in found:  # a word that may start a phrase, or one not read yet
            self._resolve(split, found, lang)
        return tuple(filter(None, found))

    def read_words(self, words: Sequence[str], lang: str) -> list[tuple[StoredSlot, ...]]:
        """The slots of many texts given as their words in one sequence, each text's followed by ``_END``.

        As :meth:`split` gives them. Each text reads as :meth:`read` reads it alone, but each
        step is one call for all of them: their new words first (:meth:`learn`), then all
        their words in one sequence.
        """
        flat = tuple(words)
        self.learn(flat, lang)
        found: list[StoredSlot | None] = list(map(self._settled[lang].get, flat))
        if None in found:
            self._resolve(flat, found, lang)
        texts: list[tuple[StoredSlot, ...]] = []
        start, end_of = 0, flat.index
        for _ in range(flat.count(_END)):
            end = end_of(_END, start)
            texts.append(tuple(filter(None, found[start:end])))
            start = end + 1
        return texts

    def learn(self, words: Iterable[str], lang: str) -> None:
        """Read the new ones of ``words`` in ``lang`` at once: texts that have them then find them read.

        Their stems are worked out in one call (:meth:`Language.stems`); a word that settles its
        slot alone as its stem (most) is read here, the others as :meth:`_word` reads them.
        """
        known, settled = self._words[lang], self._settled[lang]
        new = [word for word in dict.fromkeys(words) if word not in settled and word not in known]
        language, analyzer = self._analyzer.languages[lang], self._analyzer
        folded = list(map(language.fold, new))
        starts, any_start, stopwords = analyzer._starts[lang], analyzer._any_start, language.stopwords
        for raw, word, stem in zip(new, folded, language.stems(folded), strict=True):
            may_start = word in starts or stem.stem in starts or word in any_start
            if may_start or word in stopwords or word[0].isdigit():
                self._known(raw, lang)  # a phrase may start with it, or it is no plain word
            else:  # its stem, one copy for every language and text that has it (as _word reads it)
                settled[raw] = sys.intern(stem.stem)

    def _resolve(self, split: tuple[str, ...], found: list[StoredSlot | None], lang: str) -> None:
        """Fill in the slots that the words settled alone leave open (None), left to right."""
        alone, joined, windows = self._alone[lang], self._joined[lang], self._windows[lang]
        end = len(split) - 1
        found.append(None)  # past the last word: where the search for the next open slot stops
        i = found.index(None)
        while i <= end:  # a phrase fills the words it takes as it goes
            pair = (split[i], split[i + 1] if i < end else "")
            slot = alone.get(pair)
            if slot is None:
                reach = joined.get(pair)
                if reach is None and self._alone_in(pair, lang):
                    slot = alone[pair]
                else:
                    known = windows.get(split[i : i + reach]) if reach else None
                    length, slot = known or self._at(split, i, lang)
                    found[i + 1 : i + length] = repeat(_SKIP, length - 1)  # the rest of the phrase
            found[i] = slot
            i = found.index(None, i + 1)

    def _alone_in(self, pair: tuple[str, str], lang: str) -> bool:
        """Whether a known word starts ``pair`` and no phrase goes on past it (noted either way)."""
        first = self._starters[lang].get(pair[0])
        if first is None:  # a word not read yet
            return False
        if pair[1] and self._continues(first, pair[1], lang):
            self._joined[lang][pair] = first.reach
            return False
        self._alone[lang][pair] = first.slot
        return True

    def _at(self, split: tuple[str, ...], i: int, lang: str) -> tuple[int, StoredSlot]:
        """The slot that starts at word ``i``, and how many words it takes (a phrase's, or one)."""
        first = self._known(split[i], lang)
        if first.reach > 1 and i + 1 < len(split) and self._continues(first, split[i + 1], lang):
            key = split[i : i + first.reach]
            if _END in key:  # the next text's words are no part of it
                key = key[: key.index(_END)]
            windows = self._windows[lang]
            matched = windows.get(key)
            if matched is None:
                window = [first, *(self._known(raw, lang) for raw in key[1:])]
                surface, stems = [w.surface for w in window], [w.stem for w in window]
                matched = self._phrase(lang, surface, stems, 0)
                matched = windows[key] = matched if matched[0] else (1, first.slot)
            return matched
        return 1, first.slot

    def _continues(self, first: _Word, raw: str, lang: str) -> bool:
        """Whether a phrase of two words or more may start with ``first`` and the word ``raw``."""
        if raw == _END:
            return False
        if raw not in self._words[lang]:  # not read yet: read it only if it may be a second word
            language = self._analyzer.languages[lang]
            word, seconds = language.fold(raw), self._seconds[lang]
            if word not in seconds and language.analyse(word).stem not in seconds:
                return False
        second = self._known(raw, lang)
        return (
            (first.surface, second.surface) in self._pairs[lang]
            or (first.stem.stem, second.stem.stem) in self._pairs[lang]
            or (first.surface, second.surface) in self._any_pairs
        )

    def _known(self, raw: str, lang: str) -> _Word:
        """A word as read in ``lang``, read now if it is new."""
        known = self._words[lang]
        found = known.get(raw)
        if found is None:
            found = known[raw] = self._word(raw, lang)
            if found.reach <= 1:
                self._settled[lang][raw] = found.slot
            else:
                self._starters[lang][raw] = found
        return found

    def _phrase(self, lang: str, surface: list[str], stems: list[Stem], start: int) -> tuple[int, StoredSlot]:
        """The phrase at ``start`` as (its length, its slot), or (0, ``_SKIP``) when none starts there."""
        analyzer = self._analyzer
        language = analyzer.languages[lang]
        matched = analyzer._match_phrase(lang, surface, stems, start)
        if matched is None or (matched[0] == 1 and surface[start] in language.stopwords):
            return 0, _SKIP
        length, key = matched
        own = frozenset(
            sys.intern(s.stem)
            for s, word in zip(stems[start : start + length], surface[start : start + length], strict=True)
            if word not in language.stopwords
        )
        return length, self._keep((frozenset({key}) | analyzer._parts.get(key, frozenset()) | own, key, own))


_CLAIMED_FIGURE = 0.25  # of the rarest term's weight: a figure no entry states


def _starts(*tables: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    """For each first word of the tables' phrases, their lengths, longest first."""
    found: dict[str, set[int]] = defaultdict(set)
    for table in tables:
        for phrase in table:
            found[phrase[0]].add(len(phrase))
    shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # few distinct ones: (1,), (2, 1) …
    starts: dict[str, tuple[int, ...]] = {}
    for word, lengths in found.items():
        ordered = tuple(sorted(lengths, reverse=True))
        starts[word] = shared.setdefault(ordered, ordered)
    return starts


def _with_case(slot: Slot, case: Case) -> Slot:
    return Slot(slot.key, slot.terms, slot.surface, slot.kind, slot.proper, slot.before, case, slot.written)


def _word_before(words: list[str], index: int, language: Language) -> str:
    """The word before ``words[index]``, looking past articles and possessives."""
    i = index - 1
    while i >= 0 and words[i] in language.skip:
        i -= 1
    return words[i] if i >= 0 else ""


def _initial(tokens: Sequence[Token], at: int) -> bool:
    """Whether ``tokens[at]`` is one capital letter before a capitalized word, inside a sentence."""
    token = tokens[at]
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    return (
        len(token.text) == 1
        and token.text.isalpha()
        and token.capitalized
        and not token.sentence_start
        and following is not None
        and following.capitalized
        and len(following.text) > 1
    )


def _beside_number(tokens: Sequence[Token], at: int) -> bool:
    """Whether a number (a year, a day) stands right before or after token ``at``."""
    return any(0 <= i < len(tokens) and tokens[i].is_number for i in (at - 1, at + 1))


def _other_script(word: str, language: Language) -> bool:
    """Whether ``word`` is written in letters of another script than ``language``'s."""
    script = script_of(word)
    return script is not None and script != language.script
