"""Tell which language a message is written in, from the text alone.

Script narrows it (Cyrillic: Russian or Kazakh; Latin: English or Italian), letters that
only one language uses decide it, and otherwise each language's frequent function words
vote. A message too short to tell ("Prodi?", "2013", "а импорт?") gives ``None``; the
caller then keeps the conversation's language, unless the message writes more than names
in another script (:meth:`Detector.ranked` gives that script's languages).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import partial

from knowledge.language import Language
from knowledge.text import read_tokens, script_of, split_words

# A message needs this many votes more for one language than for any other of its script.
MIN_LEAD = 1
# A word among a language's this many most frequent ones leans a tie toward it.
FREQUENT_RANK = 1000
# Another language's own words outvote a language's own letters when at least this many, and
# this many times the words that have those letters or are that language's own.
MIN_OUTVOTING = 3
OUTVOTING = 2
# A text in Latin letters is read as a language of another script written so ("Qazaqstan
# qashan …") when at least this many of its words are that language's own, and more than
# any Latin-script language finds.
MIN_ROMANIZED = 2


class Detector:
    """Detects the language of a text among the given languages."""

    def __init__(
        self,
        languages: Mapping[str, Language],
        vocabulary: Mapping[str, Iterable[str]] | None = None,
        names: Iterable[str] = (),
        typed: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Tell ``languages`` apart.

        Args:
            languages: the languages to tell apart.
            vocabulary: per language, the words of texts written in it, as
                :func:`knowledge.text.split_words` reads them (the knowledge base's phrasings):
                a word that only one language of a script uses there votes for that
                language ("посещал" is Russian, not Kazakh), as its function words do.
            names: people's names, which vote for no language: "Chi è Aiman
                Musakhodzhayeva?" is Italian, though only English phrasings spell her so.
            typed: per language, its words as typed without its own letters
                (:meth:`Language.typed_forms`): they vote for it too ("достык тобы").
        """
        self._languages = dict(languages)
        self._romanizing = [language for language in languages.values() if language.romanizes]
        self._by_script: dict[str, list[Language]] = {}
        for language in languages.values():
            self._by_script.setdefault(language.script, []).append(language)
        words = {
            code: {part for word in (vocabulary or {}).get(code, ()) for part in language.fold(word).split()}
            for code, language in self._languages.items()
        }
        named = {word for name in names for word in split_words(name)}
        # The words of the languages written in Latin letters, as their texts have them.
        self._latin_words = frozenset().union(*(words[c.code] for c in self._by_script.get("latin", [])))
        self._own: dict[str, frozenset[str]] = {}
        for code, language in self._languages.items():
            others = set().union(*(words[c.code] for c in self._by_script[language.script] if c.code != code))
            spelt = {language.fold(word) for word in named}
            so = self._typed(language, (typed or {}).get(code, ()), words[code])
            self._own[code] = frozenset((words[code] | so) - others - spelt) | language.detection_words
        # ... and without the letters a Latin spelling leaves out, for the languages that have some
        self._own_unsaid = {
            language.code: frozenset(_unsaid(language, w) for w in self._own[language.code])
            for language in self._romanizing
            if language.pack.romanized_silent
        }

    def _typed(self, language: Language, typed: Iterable[str], words: set[str]) -> set[str]:
        """The language's words as ``typed`` without its own letters, but for another language's words."""
        others = [c for c in self._by_script[language.script] if c is not language]
        return {word for word in typed if word not in words and all(c.rank(word) is None for c in others)}

    def detect(self, text: str) -> str | None:
        """The language code of ``text`` (of its first words), or None when they do not tell."""
        ranked = self.ranked(text)
        if len(ranked) < 2:
            return ranked[0][0] if ranked else None
        (best, top), (_, second) = ranked[:2]
        return best if (top or 0) - (second or 0) >= MIN_LEAD else None

    def ranked(self, text: str) -> list[tuple[str, int | None]]:
        """The languages of ``text``'s script, likeliest first, with their votes.

        A language alone in its script, or alone with letters the text has, gets no votes
        (None): it is the language.
        """
        tokens = read_tokens(text)  # as far as a question is read
        words = [t.text for t in tokens]
        scripts: Counter[str] = Counter()
        for token in tokens:  # each script weighs by its letters; a capitalized word, a name
            if (script := script_of(token.text)) is not None:  # maybe, by one ("Что такое Asiatica…?")
                scripts[script] += 1 if token.capitalized else len(token.text)
        if not scripts:
            return []
        script, _ = scripts.most_common(1)[0]
        candidates = self._by_script.get(script, [])
        if len(candidates) <= 1:
            return [(c.code, None) for c in candidates]
        letters = set("".join(words))
        own = [c for c in candidates if c.letters & letters]
        # a word of its own, or with an ending only its words take ("ашылуы"), votes for a language
        votes = {c.code: sum(map(partial(_says, self._own[c.code], c), words)) for c in candidates}
        if len(own) == 1:
            return self._lettered(own[0], words, votes)
        order = sorted(votes, key=lambda code: -votes[code])
        if votes[order[0]] == votes[order[1]]:
            # Tied, the words among a language's most frequent ones lean ("а" is Russian's 7th);
            # then a language whose own letters the text lacks is the less likely one
            # ("Темпус университет Милана" is no Kazakh without a Kazakh letter).
            frequent = {c.code: sum(_frequent(c, w) for w in words) for c in candidates}
            # then the words of its word list at all ("Amiternum restauro contributo": Italian's)
            known = {c.code: sum(c.rank(c.fold(w)) is not None for w in words) for c in candidates}
            lacks = {c.code: bool(c.letters) for c in candidates}  # (none of theirs is here: see own)
            order = sorted(votes, key=lambda code: (-votes[code], -frequent[code], -known[code], lacks[code]))
        return [(code, votes[code]) for code in order]

    def _lettered(
        self, language: Language, words: list[str], votes: dict[str, int]
    ) -> list[tuple[str, int | None]]:
        """The languages of a text with letters only ``language`` of its script uses.

        Those letters decide, unless another language's own words outnumber the lettered
        language's words by far: "Сәлем, Италия на каком месте среди партнеров?" is Russian
        with a Kazakh greeting.
        """
        lettered = sum(
            bool(language.letters & set(word)) or _says(self._own[language.code], language, word)
            for word in words
        )
        code, most = max(((c, v) for c, v in votes.items() if c != language.code), key=lambda cv: cv[1])
        if most >= OUTVOTING * lettered and most >= MIN_OUTVOTING:
            return [(code, most), (language.code, lettered)]
        return [(language.code, None)]

    def romanized(self, text: str) -> tuple[str, str] | None:
        """The language of ``text`` written in Latin letters, and the text in its own script.

        None unless the text is in Latin letters and reads as such a language
        (``romanized`` in its pack) better than as any language of Latin script: more of its
        words are that language's own once its letters are its own.
        """
        if not self._romanizing:
            return None
        words = [t.text for t in read_tokens(text)]
        if any(script_of(word) not in (None, "latin") for word in words):
            return None
        latin = self._by_script.get("latin", [])
        # a word the knowledge base writes so in a language of Latin letters is that language's
        # ("Trieste obelisco data": no Russian "Триесте … дата")
        theirs_as_written = {w for w in words if w in self._latin_words}
        best: tuple[int, str] | None = None
        for language in self._romanizing:  # word by word: a word's letters are read once
            own = self._own[language.code]
            # not a letter alone: "Kazakhstan's" leaves an "s" that reads as Russian "с"
            unsaid = self._own_unsaid.get(language.code, frozenset())
            mine = sum(
                len(w) > 1
                and w not in theirs_as_written
                and (
                    (folded := language.fold(language.word_from_latin(w))) in own
                    or _unsaid(language, folded) in unsaid
                )
                for w in words
            )
            if mine >= MIN_ROMANIZED and (best is None or mine > best[0]):
                best = (mine, language.code)
        if best is None:
            return None  # most text: no word reads as another script's language
        theirs = max(
            (sum(c.fold(w) in self._own[c.code] or _frequent(c, w) for w in words) for c in latin), default=0
        )
        if best[0] <= theirs:
            return None  # it reads as English or Italian at least as well
        return best[1], self._languages[best[1]].from_latin(text)


def _unsaid(language: Language, word: str) -> str:
    """``word`` without the letters a Latin spelling leaves out ("сколько" → "сколко")."""
    return "".join(c for c in word if c not in language.pack.romanized_silent)


def _says(own: frozenset[str], language: Language, word: str) -> bool:
    """Whether ``word`` is one of ``language``'s ``own`` words, or ends as only its words do."""
    folded = language.fold(word)
    return folded in own or language.has_own_ending(folded)


def _frequent(language: Language, word: str) -> bool:
    rank = language.rank(language.fold(word))
    return rank is not None and rank <= FREQUENT_RANK
