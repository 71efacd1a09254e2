"""One language at run time: its pack compiled into a stemmer, word sets and phrase lists.

The engine never names a word of any language itself: it asks a :class:`Language` whether a
word is a stopword, which case ending it had, which phrases say "how many" or "between".
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import compress
from pathlib import Path

import Stemmer

from knowledge import locales
from knowledge.schema import LanguagePack
from knowledge.text import normalize, script_of, script_of_letter, words_of
from knowledge.wordlist import WordRanks

WORDS_DIR = Path(__file__).resolve().parent / "resources" / "words"
MIN_ENDED = 5  # letters of a word its ending may tell the language of: a stem of three, at least
STEM_CACHE = 10_000  # stems kept per language: the words questions use most repeat
# A longer token is no word (the knowledge base's longest has 21 letters): it is neither
# stemmed, ending by ending, nor looked up as a typo.
MAX_WORD_CHARS = 32
MONTH_STEM = 4  # letters a month's name must keep before an ending ("маусым|нан"): not "мар|ket"


class Case(StrEnum):
    """What a case ending says about a place: it is where something goes, or comes from."""

    TOWARD = "toward"
    AWAY = "away"
    PARTNER = "partner"  # "Италиямен" (with Italy): neither where it goes nor where it comes from


@dataclass(frozen=True, slots=True)  # a build holds one for each word of the knowledge base
class Stem:
    """A word's stem and, where the language marks it with an ending, its case."""

    stem: str
    case: Case | None = None


class Language:
    """A language pack, ready to read text.

    Args:
        pack: the validated pack.
        common: ordinary words of the language, most frequent first (may be empty).
    """

    def __init__(
        self, pack: LanguagePack, common: Iterable[str] = (), months: Iterable[tuple[str, str]] = ()
    ) -> None:
        self.pack = pack
        self.code = pack.code
        self.script = pack.script
        self._fold = str.maketrans(dict(pack.folding)) if pack.folding else None
        self._endings = tuple(self.fold(e) for e in pack.detection.endings)
        self._latin_words: dict[str, str] = {}
        latin = sorted(pack.romanized, key=len, reverse=True)  # "sh" before "s"
        self._romanized = re.compile("|".join(map(re.escape, latin)), re.IGNORECASE) if latin else None
        stemming = pack.stemming
        self._snowball = Stemmer.Stemmer(stemming.snowball, 20_000) if stemming.snowball else None
        # (ending, only after a consonant), longest first, by their last letter: a word is
        # only tried against the endings it can have.
        suffixes = sorted(
            {(self.fold(s.removeprefix("+")), s.startswith("+")) for s in stemming.suffixes},
            key=lambda rule: len(rule[0]),
            reverse=True,
        )
        self._suffixes: dict[str, list[tuple[str, bool]]] = {}
        for rule in suffixes:
            self._suffixes.setdefault(rule[0][-1:], []).append(rule)
        self._vowels = frozenset(self.fold(stemming.vowels))
        self._toward = frozenset(self.fold(s) for s in stemming.toward)
        self._away = frozenset(self.fold(s) for s in stemming.away)
        self._partner = frozenset(self.fold(s) for s in stemming.partner)
        self._alternations = {self.fold(k): self.fold(v) for k, v in stemming.alternations.items()}
        self._min_stem = stemming.min_stem
        self._keep = frozenset(self.fold(w) for w in stemming.keep)
        self._protected: frozenset[str] = frozenset()
        self._stems: dict[str, Stem] = {}
        self._ranks: dict[str, int | None] = {}  # words' ranks among the common ones, as looked up
        self.stopwords = self.word_set(pack.stopwords)
        listed = "\n".join(common)  # folded at once, not word by word
        self.common = WordRanks(self.fold(listed).split("\n") if listed else ())
        # Month names, whole or cut short ("Feb", "февр."): ordinary words, never unknown names.
        # ``months`` gives (short, whole) pairs, January to December in each context: each name
        # maps to its whole name, and to its number ("June", "июня", "маусым": 6).
        self.months: dict[str, str] = {}
        self._month_numbers: dict[str, int] = {}
        for at, (short, whole) in enumerate(months):
            for name in (whole, short):
                if (words := self.words(name)) and len(words) == 1:
                    self.months.setdefault(words[0], self.words(whole)[0])
                    self._month_numbers.setdefault(words[0], at % 12 + 1)
        self.question_words = self.word_set(pack.question_words)
        self.asker = [self.words(p) for p in pack.asker]
        self.introductions = [self.words(p) for p in (*pack.asker, *pack.introductions)]
        self.copulas = self.word_set(pack.copulas)
        # The words of the cues are words of the language, never typos ("асты": exceeded, not "ашты")
        self.cue_words = frozenset(
            w for phrases in pack.cues.values() for p in phrases for w in self.words(p)
        )
        self.name_endings = tuple(e.casefold() for e in pack.name_endings)
        self.asks: dict[str, list[tuple[str, ...]]] = {
            str(kind): [self.words(p) for p in phrases] for kind, phrases in pack.asks.items()
        }
        # kind → word → (phrase, where the word stands in it): a question's words find their phrases.
        self.asked_by_word: dict[str, dict[str, list[tuple[tuple[str, ...], int]]]] = {}
        for kind, phrases in self.asks.items():
            by_word = self.asked_by_word.setdefault(kind, {})
            for phrase in phrases:
                for offset, word in enumerate(phrase):
                    by_word.setdefault(word, []).append((phrase, offset))
        self._stem_directions()
        self.skip = self.word_set(pack.direction.skip)
        self.range_between = self.word_set(pack.ranges.between)
        self.range_start = self.word_set(pack.ranges.start)
        self.range_end = self.word_set(pack.ranges.end)
        self.range_onward = self.word_set(pack.ranges.onward)
        self.range_before = self.word_set(pack.ranges.before)
        self.range_after = self.word_set(pack.ranges.after)
        self.number_words = self.word_set(pack.number_words)
        self.detection_words = self.word_set(pack.detection.words)
        self.letters = frozenset(self.fold(normalize(pack.detection.letters)))
        # the letters typed instead of the language's own ("қ" as "к"), if the pack says
        self.plain = str.maketrans(dict(pack.detection.plain)) if pack.detection.plain else None
        # each other way of typing one letter, the rest typed plain: "елшысы" (ы for і), "экел" (э for ә)
        self._plain_also = [
            str.maketrans({**pack.detection.plain, letter: typed})
            for letter, typed in pack.detection.plain_also.items()
        ]
        if self.plain is not None:  # "тизимдеп берши": stopwords typed without those letters too
            self.stopwords |= {w.translate(self.plain) for w in self.stopwords}

    def __getstate__(self) -> dict[str, object]:
        # The Snowball stemmer is a C object: rebuilt from the pack when unpickled.
        state = dict(self.__dict__)
        state["_snowball"] = None
        state["_stems"] = {}
        state["_ranks"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        snowball = self.pack.stemming.snowball
        self._snowball = Stemmer.Stemmer(snowball, 20_000) if snowball else None

    @classmethod
    def load(cls, pack: LanguagePack, words_dir: Path = WORDS_DIR) -> Language:
        """Compile ``pack``, reading its list of common words if it names one."""
        common: list[str] = []
        if pack.common_words:
            common = (words_dir / pack.common_words).read_text(encoding="utf-8").split()
        locale = locales.parse(pack.locale)
        months = [
            (locale.months[context]["abbreviated"][number], locale.months[context]["wide"][number])
            for context in ("stand-alone", "format")
            for number in range(1, 13)
        ]
        return cls(pack, common, months)

    def month_number(self, word: str) -> int | None:
        """The month a word names, in any of its forms ("июня", "маусымнан"): 1–12, or None."""
        found = self._month_numbers.get(word)
        if found is None and len(word) > MONTH_STEM:
            # an ending after the name ("маусымнан"): a name it starts with, as long as can be
            found = next(
                (
                    self._month_numbers[word[:n]]
                    for n in range(len(word) - 1, MONTH_STEM - 1, -1)
                    if word[:n] in self._month_numbers
                ),
                None,
            )
        return found

    # -- words ------------------------------------------------------------------------

    def typed_forms(self, counts: Mapping[str, int]) -> dict[str, str]:
        """``counts``' words with this language's own letters, as typed without them (``plain``).

        Each typed form gives the commonest word so typed: "канша" is "қанша". Empty when the
        pack says no such letters.
        """
        if self.plain is None or not self.letters:
            return {}
        own = re.compile("[" + re.escape("".join(sorted(self.letters))) + "]")
        tables = [self.plain, *self._plain_also]
        forms: dict[str, str] = {}
        for word in filter(own.search, counts):
            for typed in {word.translate(table) for table in tables}:
                if typed not in forms or counts[word] > counts[forms[typed]]:
                    forms[typed] = word
        return forms

    def fold(self, text: str) -> str:
        """Fold letters written interchangeably ("ё" as "е")."""
        return text.translate(self._fold) if self._fold else text

    def has_own_ending(self, word: str) -> bool:
        """Whether ``word`` (folded) ends as only this language's words do among its script's ("ашылуы")."""
        return len(word) >= MIN_ENDED and word.endswith(self._endings) if self._endings else False

    def words(self, text: str) -> tuple[str, ...]:
        """The normalized, folded words of ``text``."""
        words = words_of(text)
        return tuple(self.fold(w) for w in words) if self._fold else words

    @property
    def romanizes(self) -> bool:
        """Whether the pack says how the language is written in Latin letters."""
        return self._romanized is not None

    def word_from_latin(self, word: str) -> str:
        """One word (as the tokenizer gives it) in the language's own letters, remembered."""
        found = self._latin_words.get(word)
        if found is None:
            found = self.from_latin(word)
            if len(self._latin_words) < STEM_CACHE:
                self._latin_words[word] = found
        return found

    def from_latin(self, text: str) -> str:
        """``text`` written in Latin letters, in the language's own ("Qazaqstan" → "Қазақстан")."""
        if self._romanized is None:
            return text
        table = self.pack.romanized

        def own(match: re.Match[str]) -> str:
            found = match.group(0)
            letters = table.get(found.lower(), found)  # a letter IGNORECASE matched by its fold
            return letters.capitalize() if found[0].isupper() else letters

        return self._romanized.sub(own, text)

    def said_of_self(self, words: tuple[str, ...], at: int) -> bool:
        """Whether ``words[at]`` is what the asker says they are ("I'm a student"; an article between)."""
        return any(
            before[-len(phrase) :] == phrase
            for before in (words[:at], words[: max(0, at - 1)])
            for phrase in self.asker
            if len(before) >= len(phrase)
        )

    def word_set(self, texts: Iterable[str]) -> frozenset[str]:
        """Every word of ``texts``."""
        return frozenset(w for text in texts for w in self.words(text))

    def stem_set(self, texts: Iterable[str]) -> frozenset[str]:
        """The stems of every word of ``texts``."""
        return frozenset(self.stem(w) for text in texts for w in self.words(text))

    def protect(self, words: Iterable[str]) -> None:
        """Words that suffix rules must leave whole (names the lexicon knows as they are)."""
        self._protected = frozenset(self.fold(w) for w in words)
        self._stems.clear()
        self._stem_directions()  # stemmed as a question's words now are

    def _stem_directions(self) -> None:
        direction = self.pack.direction
        self.toward = self.stem_set(direction.toward)
        self.prepositions = self.stem_set(direction.prepositions)
        self.away = self.stem_set(direction.away)
        self.sides = self.stem_set(direction.sides)
        self.toward_after = self.word_set(direction.toward_after)  # nouns as written: not "visited"
        self.owners = self.word_set(direction.owners)
        self.partners = self.stem_set(direction.partners)

    def forget(self) -> None:
        """Empty the caches of stems (the knowledge base's words, after a build), ranks and letters."""
        self._stems = {}
        self._ranks = {}
        self._latin_words = {}

    def rank(self, word: str) -> int | None:
        """The rank of a normalized word among the common words (1 the most frequent), or None."""
        found = self._ranks.get(word, -1)  # -1: not looked up yet
        if found == -1:
            found = self.common.rank(word)
            if len(self._ranks) < STEM_CACHE:
                self._ranks[word] = found
        return found

    def learn(self, words: Iterable[str]) -> None:
        """Stem ``words`` at once, and keep their stems (whatever their number) until :meth:`forget`.

        A build reads every word of the knowledge base, some several times: Snowball stems a
        list in one call, and the stems stay for the rest of the build.
        """
        new = [w for w in dict.fromkeys(words) if w not in self._stems]
        if self._snowball is None:
            self._stems.update(zip(new, map(self._analyse, new), strict=True))
            return
        # As _stemmable tells, inline: a build asks it of every word of the knowledge base.
        keep, script = self._keep, self.script
        stemmable = [
            len(w) <= MAX_WORD_CHARS and w.isalpha() and w not in keep and script_of_letter(w[0]) == script
            for w in new
        ]
        plain = list(compress(new, stemmable))
        others = list(compress(new, map(operator.not_, stemmable)))  # their own stems
        self._stems.update(zip(others, map(Stem, others), strict=True))
        self._stems.update(zip(plain, map(Stem, self._snowball.stemWords(plain)), strict=True))

    def stems(self, words: list[str]) -> list[Stem]:
        """What :meth:`analyse` gives for each of ``words``, learnt (:meth:`learn`) in one call."""
        self.learn(words)
        return list(map(self._stems.__getitem__, words))

    def _stemmable(self, word: str) -> bool:
        """Whether ``word`` has a stem of its own: letters of this language's script, not kept whole."""
        return (
            len(word) <= MAX_WORD_CHARS
            and word.isalpha()
            and word not in self._keep
            and script_of(word) == self.script
        )

    def stem(self, word: str) -> str:
        """The stem of a normalized word; words of another script or with digits pass through."""
        return self.analyse(word).stem

    def analyse(self, word: str) -> Stem:
        """The stem of a normalized word and the case its ending marks, if any."""
        found = self._stems.get(word)
        if found is None:
            found = self._analyse(word)
            if len(self._stems) < STEM_CACHE:
                self._stems[word] = found
        return found

    def _analyse(self, word: str) -> Stem:
        if not self._stemmable(word):
            return Stem(word)
        if self._snowball is not None:
            return Stem(self._snowball.stemWord(word))
        return self._strip(word)

    def base_form(self, word: str) -> str:
        """``word`` as written without the case ending the language adds ("Алматыдағы": "Алматы").

        Only where endings are stripped one by one; a word that Snowball stems, or one left
        whole, is returned as it is.
        """
        folded = self.fold(normalize(word))
        if self._snowball is not None or not self._stemmable(folded) or folded in self._protected:
            return word
        # The outermost ending only ("Алматыдағы" is "Алматы", not "Алмат"), and not a letter
        # alone: "Маттарелла" ends in one, as a name written whole may.
        ending = self._ending(folded)
        if ending is None or len(ending) < 2 or len(folded) != len(word):
            return word
        return word[: -len(ending)]

    def _strip(self, word: str) -> Stem:
        """Strip endings one after another, longest first; the outermost gives the case."""
        case: Case | None = None
        outermost = True
        while word not in self._protected:
            ending = self._ending(word)
            if ending is None:
                break
            word = word[: -len(ending)]
            if outermost:
                case = self._case(ending)
                outermost = False
            if ending[0] in self._vowels and word[-1] in self._alternations:
                word = word[:-1] + self._alternations[word[-1]]
        return Stem(word, case)

    def _case(self, ending: str) -> Case | None:
        if ending in self._toward:
            return Case.TOWARD
        if ending in self._away:
            return Case.AWAY
        return Case.PARTNER if ending in self._partner else None

    def _ending(self, word: str) -> str | None:
        """The longest ending that may be stripped from ``word``, if any (a loop: most words have none)."""
        room = len(word) - self._min_stem  # the stem that is left must be this long at least
        for ending, after_consonant in self._suffixes.get(word[-1:], ()):
            fits = len(ending) <= room and word.endswith(ending)
            if fits and (not after_consonant or word[-len(ending) - 1] not in self._vowels):
                return ending
        return None


def load_languages(packs: Mapping[str, LanguagePack], words_dir: Path = WORDS_DIR) -> dict[str, Language]:
    """Compile every pack, keyed by language code."""
    return {code: Language.load(pack, words_dir) for code, pack in packs.items()}
