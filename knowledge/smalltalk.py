"""Small talk: greetings, thanks, goodbyes and questions about the bot itself.

A message is small talk when it is one of a kind's phrasings (``smalltalk`` in each
language pack), allowing a typo or two, or holds one and nothing else of substance
("ok, thanks!", "hi, who are you?"). A question inside wins: "thanks, and in 2013?" is a
follow-up, not a thank-you, and a question word outside the phrasing makes a question of
it ("ол қашан болды?": when did it happen, not Kazakh "болды", that will do).
"""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.language import Language

# How alike a whole message and a phrasing must be (rapidfuzz ratio, 0..100) to count as
# the phrasing with a typo: "thnks" is "thanks", "who mad you" is "who made you".
MIN_SIMILARITY = 86
MIN_FUZZY_CHARS = 5  # shorter phrasings must match exactly ("ty" is not "tv")


class SmallTalk:
    """Finds the kind of small talk a message is, in its language."""

    def __init__(self, languages: Mapping[str, Language]) -> None:
        # Per language: first word → (phrasing words, kind), longest first, so that "thank
        # you very much" is found before "thank you"; and every phrasing as text, for typos.
        self._by_first: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {}
        self._texts: dict[str, list[tuple[str, str]]] = {}
        self._asking: dict[str, frozenset[str]] = {}  # question words, by language
        for code, language in languages.items():
            phrasings = sorted(
                {
                    (words, kind)
                    for kind, phrases in language.pack.smalltalk.items()
                    for phrase in phrases
                    if (words := language.words(phrase))
                },
                key=lambda item: (-len(item[0]), item),
            )
            self._asking[code] = language.question_words
            by_first = self._by_first.setdefault(code, {})
            for words, kind in phrasings:
                by_first.setdefault(words[0], []).append((words, kind))
            self._texts[code] = [
                (text, kind) for words, kind in phrasings if len(text := " ".join(words)) >= MIN_FUZZY_CHARS
            ]

    def kind(self, words: tuple[str, ...], lang: str, content: frozenset[str]) -> str | None:
        """The kind of small talk ``words`` are, or None.

        Args:
            words: the message's normalized words.
            lang: its language.
            content: the words of the message that name something in the knowledge base;
                a phrasing must cover them all ("what is your source" covers "source").
        """
        by_first = self._by_first.get(lang, {})
        asking = self._asking.get(lang, frozenset())
        found: tuple[int, str] | None = None  # (length, kind) of the longest phrasing found
        for at, word in enumerate(words):
            for phrase, kind in by_first.get(word, ()):
                end = at + len(phrase)
                if words[at:end] != phrase or (found and found[0] >= len(phrase)):
                    continue
                rest = words[:at] + words[end:]
                if not content.intersection(rest) and asking.isdisjoint(rest):
                    found = (len(phrase), kind)
        if found is not None:
            return found[1]
        if content or not words:  # a typo may hide a phrasing, but not in a message about something
            return None
        from rapidfuzz import fuzz, process  # here: only a message that names nothing gets this far

        texts = self._texts.get(lang, [])
        message = " ".join(words)
        best = process.extractOne(
            message, [t for t, _ in texts], scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY
        )
        return texts[best[2]][1] if best is not None else None
