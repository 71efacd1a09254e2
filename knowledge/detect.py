"""Tell which language a message is written in, from the text alone.

Script narrows it (Cyrillic: Russian or Kazakh; Latin: English or Italian), letters that
only one language uses decide it, and otherwise each language's frequent function words
vote. A message too short to tell ("Prodi?", "2013") gives ``None``: the caller then keeps
the conversation's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from knowledge.language import Language
from knowledge.text import read_tokens, script_of

# A message needs this many votes more for one language than for any other of its script.
MIN_LEAD = 1


class Detector:
    """Detects the language of a text among the given languages."""

    def __init__(
        self, languages: Mapping[str, Language], vocabulary: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        """Tell ``languages`` apart.

        Args:
            languages: the languages to tell apart.
            vocabulary: per language, the words of texts written in it, as
                :func:`knowledge.text.split_words` reads them (the knowledge base's phrasings):
                a word that only one language of a script uses there votes for that
                language ("посещал" is Russian, not Kazakh), as its function words do.
        """
        self._languages = dict(languages)
        self._by_script: dict[str, list[Language]] = {}
        for language in languages.values():
            self._by_script.setdefault(language.script, []).append(language)
        words = {
            code: {part for word in (vocabulary or {}).get(code, ()) for part in language.fold(word).split()}
            for code, language in self._languages.items()
        }
        self._own: dict[str, frozenset[str]] = {}
        for code, language in self._languages.items():
            others = set().union(*(words[c.code] for c in self._by_script[language.script] if c.code != code))
            self._own[code] = frozenset(words[code] - others) | language.detection_words

    def detect(self, text: str) -> str | None:
        """The language code of ``text`` (of its first words), or None when they do not tell."""
        words = [t.text for t in read_tokens(text)]  # as far as a question is read
        scripts: Counter[str] = Counter()
        for word in words:  # each script weighs by its letters
            if (script := script_of(word)) is not None:
                scripts[script] += len(word)
        if not scripts:
            return None
        script, _ = scripts.most_common(1)[0]
        candidates = self._by_script.get(script, [])
        if len(candidates) == 1:
            return candidates[0].code
        if not candidates:
            return None
        letters = set("".join(words))
        own = [c for c in candidates if c.letters & letters]
        if len(own) == 1:
            return own[0].code
        votes = {c.code: sum(map(self._own[c.code].__contains__, map(c.fold, words))) for c in candidates}
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        return best if top - second >= MIN_LEAD else None
