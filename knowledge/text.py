"""Text normalization and tokenization shared by indexing and querying."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

# Invisible characters users paste from other apps; they must not split or join words.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e",
    ),
    None,
)
_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201c": '"',
        "\u201d": '"',
    }
)
# A number (with decimal or thousands separators, optionally a percent sign) or a word.
# Hyphens and apostrophes split words: "kazakh-italian" and "kazakhstan's" become parts
# (the language packs list the leftovers, "s" or "l", as stopwords).
# Words first: no word starts with a digit nor a number with a letter, so the order changes no
# match, and a pattern that tries a digit first at every letter reads text three times slower.
# A "%" alone is a word too: "what % of trade" asks a share.
_WORDS = r"[^\W\d_]+|\d+(?:[.,]\d+)*%?|%"
_ASCII_WORDS = r"[a-z]+|\d+(?:[.,]\d+)*%?|%"  # the same, in lower-case ASCII
_TOKEN = re.compile(_WORDS, re.UNICODE)
# How much of a user's text is read: the longest real question has 22 words in 143
# characters, and what follows the first few dozen words cannot make a question clearer,
# only slower to read.
MAX_TOKENS = 40  # words and numbers
MAX_READ_CHARS = 400  # characters: as many words of ten characters, with what separates them
_ASCII_TOKEN = re.compile(_ASCII_WORDS, re.ASCII)


def _fold_char(char: str) -> str:
    """Strip accents from Latin letters only: "é" → "e", but Cyrillic "й" stays."""
    if char.isascii() or "LATIN" not in unicodedata.name(char, ""):
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base or char


class _Folding(dict[int, str]):
    """A ``str.translate`` table that learns each character's folding on first sight."""

    LIMIT = 4096  # characters remembered: odd input must not grow it without end

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < self.LIMIT:
            self[code] = folded
        return folded


_FOLDING = _Folding()


def _fold(text: str) -> str:
    """Casefold, and strip accents from Latin letters (plain ASCII needs no more)."""
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_FOLDING)


def normalize(text: str) -> str:
    """Unicode-normalize, casefold and fold accents; collapse white space."""
    return " ".join(_fold(_plain(text)).split())


class Token(NamedTuple):
    """A word or number of the input, normalized, with where it stood (a tuple: a question makes dozens)."""

    text: str
    capitalized: bool  # written with a capital letter in the original
    sentence_start: bool  # first word of a sentence: capitals there mean nothing

    @property
    def is_number(self) -> bool:
        """Whether the token is a number (a year, an amount, a percentage)."""
        return self.text[0].isdigit()


_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


# Latin letters that look like Cyrillic ones, typed inside a Cyrillic word: a keyboard without
# the Kazakh letters gives "келiсiм" (a Latin "i" for "і"), a mixed layout "пoсoл".
_LOOKALIKES = str.maketrans("aceiopxykh", "асеіорхукһ")
_LATIN_LETTER = re.compile("[a-z]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def _one_script(word: str) -> str:
    """``word`` (folded) with Latin look-alikes made Cyrillic if it mixes the two scripts."""
    if word.isascii() or not _LATIN_LETTER.search(word) or not _CYRILLIC_LETTER.search(word):
        return word
    return word.translate(_LOOKALIKES)


def tokenize(text: str, limit: int | None = None) -> list[Token]:
    """Split ``text`` into normalized tokens, remembering capitalization (the first ``limit``)."""
    raw = _plain(text)
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(raw):
        if len(tokens) == limit:
            break
        word = match.group()
        folded = _one_script(_fold(word))
        between = raw[previous_end : match.start()]
        previous_end = match.end()
        start = not tokens or bool(between.strip() and _SENTENCE_END.search(between))  # most are one space
        tokens.append(Token(folded, word[0].isupper(), start))
    return tokens


QUESTION_MARKS = ("?", "？")  # what ends a question, in full-width text too
_QUESTION_END = re.compile(f"[{''.join(QUESTION_MARKS)}]")
_SENTENCE_START = re.compile(r"(?:[.!?;:…]|\n)\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:…])\s+|\n\s*")  # the space after an end mark


def asked_part(text: str) -> str:
    """What a long message asks: its last sentence ending in a question mark, else all of it.

    A message longer than is read ("Hello, I am writing a thesis … when did the embassy
    move?") puts its question last; short ones are read whole.
    """
    if len(text) <= MAX_READ_CHARS:
        return text
    ends = [m.end() for m in _QUESTION_END.finditer(text)]
    if not ends:
        return text
    end = ends[-1]
    starts = [m.end() for m in _SENTENCE_START.finditer(text, 0, end - 1)]
    start = max(starts[-1] if starts else 0, end - MAX_READ_CHARS)
    return text[start:end]


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as written, with their end marks (?, !, a full stop; or a line break)."""
    return [part for part in _SENTENCE_BREAK.split(text) if part.strip()]


def read_tokens(text: str) -> tuple[Token, ...]:
    """The tokens of a user's text that are read: ``MAX_TOKENS`` of its first ``MAX_READ_CHARS``."""
    return _read_tokens(text[:MAX_READ_CHARS])


@lru_cache(maxsize=16)  # a message is read several times: for its language, then for small talk
def _read_tokens(text: str) -> tuple[Token, ...]:
    return tuple(tokenize(text, MAX_TOKENS))


# Both tables in one: they map different characters, and neither maps to the other's.
_CLEAN = {**_INVISIBLE, **_PUNCT_MAP}
_BATCH = 2000  # texts whose words count_words holds at once: a large base's would take GiBs
_UNCLEAN = re.compile("[" + re.escape("".join(map(chr, _CLEAN))) + "]")


def _plain(text: str) -> str:
    """``text`` in NFKC, without invisible characters, its typographic punctuation made plain."""
    text = unicodedata.normalize("NFKC", text)
    # rare: translating every character costs five times the search
    return text.translate(_CLEAN) if _UNCLEAN.search(text) else text


class FoldedWords(dict[str, str]):
    """Words as ``_fold`` leaves them, learnt on first sight: a knowledge base repeats its words.

    Args:
        limit: how many words it remembers (odd input must not grow it without end); None
            for all, for a build that reads the knowledge base and then lets it go.
    """

    def __init__(self, limit: int | None = 20_000) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, word: str) -> str:
        folded = _fold(word)
        if self.limit is None or len(self) < self.limit:
            self[word] = folded
        return folded


_FOLDED_WORDS = FoldedWords()
# What joins texts split together (split_many): a control character, which no word contains.
_MARK = "\x1e"
_ASCII_MARKED = re.compile(_ASCII_WORDS + r"|\x1e", re.ASCII)
_MARKED = re.compile(_WORDS + r"|\x1e", re.UNICODE)


def split_words(text: str) -> tuple[str, ...]:
    """The normalized words and numbers of ``text``: the tokens' texts, without the tokens."""
    if text.isascii():  # no accent, no invisible character: lower case is all the folding
        return tuple(_ASCII_TOKEN.findall(text.lower()))
    return tuple(map(_FOLDED_WORDS.__getitem__, _TOKEN.findall(_plain(text))))


def split_many(texts: Sequence[str], folded: FoldedWords, end: str = "") -> list[str]:
    """The words of ``texts`` as :func:`split_words` reads each, in one list, each text's followed by ``end``.

    One pass over the texts joined, not a call per text: a build reads hundreds of
    thousands. ``folded`` remembers how each word folds, from one call to the next.
    """
    joined = _MARK.join(texts) + _MARK
    if joined.count(_MARK) != len(texts):  # a text holds the mark itself: read one at a time
        return [word for text in texts for word in (*split_words(text), end)]
    if joined.isascii():  # lower case is all the folding
        words = _ASCII_MARKED.findall(joined.lower())
        return list(map({_MARK: end}.get, words, words))
    raw = _plain(joined)
    folded[_MARK] = end
    return list(map(folded.__getitem__, _MARKED.findall(raw)))


def count_words(texts: Iterable[str]) -> Counter[str]:
    """How often each word of ``texts`` occurs, as ``split_words`` reads them (in no set order).

    The texts are read a batch at a time, in two passes, one over the plain ASCII ones, one
    over the others: a line break ends a word as a text's end does, and each distinct word
    is folded once, however many texts use it.
    """
    counts: Counter[str] = Counter()
    other: Counter[str] = Counter()  # words as written, to fold
    batches = iter(texts)
    while batch := list(islice(batches, _BATCH)):
        plain = [text for text in batch if text.isascii()]
        counts.update(_ASCII_TOKEN.findall("\n".join(plain).lower()))
        raw = _clean(unicodedata.normalize("NFKC", "\n".join(t for t in batch if not t.isascii())))
        other.update(_TOKEN.findall(raw))
    for word, count in other.items():
        counts[_fold(word)] += count
    return counts


def _clean(text: str) -> str:
    """``text.translate(_CLEAN)``, faster on long text where few characters need it."""
    return _UNCLEAN.sub(_cleaned, text)


def _cleaned(match: re.Match[str]) -> str:
    return _CLEAN[ord(match.group())] or ""


@lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """The normalized words and numbers of ``text`` (the knowledge base's texts repeat: cached)."""
    return split_words(text)


def script_of(word: str) -> str | None:
    """The script of the word's first letter, "latin" or "cyrillic" (None for a number)."""
    for char in word:
        if char.isalpha():
            return "latin" if char.isascii() else script_of_letter(char)
    return None


@lru_cache(maxsize=1024)  # a few dozen letters start nearly every word
def script_of_letter(char: str) -> str | None:
    """The script of a letter, "latin" or "cyrillic" (None for another)."""
    name = unicodedata.name(char, "")
    return "cyrillic" if name.startswith("CYRILLIC") else "latin" if "LATIN" in name else None
