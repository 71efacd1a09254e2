"""Recognize what a question is about: people, countries, years, metrics, direction, type."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from knowledge.analysis import COUNTRY_PREFIX, Analysis, Slot, SlotKind, phrase_key, stem
from knowledge.schema import Country
from knowledge.text import tokenize
from knowledge.textbook import MONTHS


class Asks(StrEnum):
    """The kind of thing a question asks for, read from its question words."""

    DATE = "date"
    QUANTITY = "quantity"
    PERSON = "person"
    PLACE = "place"
    OTHER = "other"


# Words before a country that make it the destination ("to Italy", "visit Kazakhstan").
# Words before a country that make it the destination ("to Italy", "visit Kazakhstan",
# "give Kazakhstan"): the country receives the visit, the goods, the aid.
_TOWARD = frozenset(
    stem(w)
    for w in (
        *("in", "to", "into", "on", "at", "inside", "within", "toward", "towards", "with"),
        *("в", "во", "на", "к", "a", "ad", "in", "nel", "nella", "verso"),  # Russian, Italian
        *("visit", "visited", "visiting", "came", "come", "went", "go", "travel", "travelled"),
        *("traveled", "trip", "arrive", "arrived", "located", "based"),
        *("give", "gave", "given", "grant", "granted", "provide", "provided", "donate", "donated"),
        *("send", "sent", "pay", "paid", "allocate", "allocated", "help", "helped", "assist"),
    )
)
_TOWARD_PREPOSITIONS = frozenset(
    {
        "in",
        "to",
        "into",
        "on",
        "at",
        "insid",
        "within",
        "toward",
        "with",
        "в",
        "во",
        "на",
        "к",
        "a",
        "nel",
        "nella",
    }
)
_FROM = frozenset({"from", "из", "от", "da", "dal", "dalla"})
_QUANTITY = (
    "how many",
    "how much",
    "what percent",
    "what percentage",
    "number of",
    "how large",
    "how big",
    "what was the value",
    "what is the value",
    "what was the amount",
    "what is the amount",
    "what was the volume",
    "what is the volume",
    "what was the total",
    "how high",
    "what share",
    "which share",
    "what proportion",
    "what part",
)
_TIME_WORDS = frozenset({"year", "years", "date", "month", "day"})
_QUESTION_WORDS = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "how", "why", "wen"})
_MONTHS = tuple(month.lower() for month in MONTHS)
_MONTH = re.compile(rf"\b(?:{'|'.join(_MONTHS)})\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DATE = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(_MONTHS)})\b")
# Words that state a number. Ordinals ("second") are left out: they give a place, not an amount.
_NUMBER_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "fifteen", "twenty", "hundred", "thousand", "million", "billion"),
        *("once", "twice", "half", "dozen"),
    }
)


def asks(words: tuple[str, ...]) -> Asks:
    """Read the question type from its first question word ("what was X's post when …" is no date)."""
    start = next((i for i, w in enumerate(words) if w in _QUESTION_WORDS), None)
    if start is None:
        return Asks.OTHER
    head = f" {' '.join(words[max(0, start - 1) : start + 5])} "
    if any(f" {phrase} " in head for phrase in _QUANTITY):
        return Asks.QUANTITY
    word = "when" if words[start] == "wen" else words[start]
    following = words[start + 1] if start + 1 < len(words) else ""
    if word == "when" or (word in ("what", "which") and following in _TIME_WORDS):
        return Asks.DATE
    if word in ("who", "whom", "whose"):
        return Asks.PERSON
    if word == "where" or (word in ("what", "which") and following in ("city", "place", "town")):
        return Asks.PLACE
    return Asks.OTHER


def gives(text: str, kind: Asks) -> bool:
    """Whether a reply ``text`` can answer a question of ``kind`` at all.

    A date question needs a year or a month in the reply; a "how many/how much" question
    needs a number that is not just a date ("As of April 2014" counts nothing).
    """
    lowered = text.casefold()
    if kind is Asks.DATE:
        return bool(_YEAR.search(lowered) or _MONTH.search(lowered))
    if kind is Asks.QUANTITY:
        amounts = _YEAR.sub(" ", _DATE.sub(" ", lowered))
        return any(ch.isdigit() for ch in amounts) or any(
            w in _NUMBER_WORDS for w in re.findall(r"\w+", amounts)
        )
    return True


@dataclass(frozen=True)
class Entities:
    """What was recognized in one question."""

    people: tuple[str, ...]  # person ids, in order of mention
    years: tuple[int, ...]
    foreign: tuple[str, ...]  # other countries, by canonical name
    unknown_names: tuple[str, ...]  # capitalized words nobody knows: names we do not have
    origin: Country | None  # whose act: the Italian embassy → IT; imports from Italy → IT
    year_range: tuple[int, int] | None  # "between 1995 and 2005", "from 1995 to 2005"
    asks: Asks
    keys: frozenset[str]


class Recognizer:
    """Finds entities in an :class:`Analysis` using the knowledge base's names.

    Args:
        people: person id → all forms of the name (as given to the analyzer).
        kazakhstan: canonical term for Kazakhstan. italy: likewise for Italy.
        places: canonical place term → the country it is in (Astana → KZ, Rome → IT).
        adjectives: adjective forms of the two countries ("kazakh", "italian").
        anchors: things that belong to one country and stand in the other ("embassy").
        importing: canonical terms meaning "import": there a country before the word is the
            destination ("Kazakhstan's imports"), not the origin.
    """

    def __init__(
        self,
        people: Iterable[str],
        kazakhstan: str,
        italy: str,
        places: Mapping[str, Country],
        adjectives: Iterable[str],
        importing: Iterable[str],
        anchors: Iterable[str] = (),
    ) -> None:
        self._people = {phrase_key(_split(pid)): pid for pid in people}
        self._country: dict[str, Country] = {phrase_key([kazakhstan]): "KZ", phrase_key([italy]): "IT"}
        self._places = {phrase_key(_split(p)): c for p, c in places.items()}
        self._importing = frozenset(phrase_key(_split(w)) for w in importing)
        self._adjectives = frozenset(adjectives)
        self._anchors = frozenset(phrase_key(_split(w)) for w in anchors)
        self._anchor_words = tuple(anchors)

    def recognize(self, analysis: Analysis) -> Entities:
        """Recognize entities in ``analysis``."""
        slots = analysis.slots
        people = tuple(dict.fromkeys(self._people[s.key] for s in slots if s.key in self._people))
        foreign = tuple(
            dict.fromkeys(
                s.key.removeprefix(COUNTRY_PREFIX) for s in slots if s.key.startswith(COUNTRY_PREFIX)
            )
        )
        # A capitalized word next to a known name is part of it ("Ardak Doszhan").
        unknown = tuple(
            s.surface
            for i, s in enumerate(slots)
            if s.kind is SlotKind.UNKNOWN
            and s.proper
            and not any(n.key in self._people for n in slots[max(0, i - 1) : i + 2])
        )
        return Entities(
            people=people,
            years=analysis.years,
            foreign=foreign,
            unknown_names=unknown,
            origin=self._origin(slots),
            year_range=_year_range(analysis),
            asks=asks(analysis.words),
            keys=analysis.keys,
        )

    def _origin(self, slots: tuple[Slot, ...]) -> Country | None:
        importing = any(s.key in self._importing for s in slots)
        votes: dict[Country, int] = {"KZ": 0, "IT": 0}
        anchored = False
        for slot in slots:
            anchored = anchored or slot.key in self._anchors
            # In a keyword query a bare country after the thing is where it is:
            # "Italy embassy Kazakhstan" is Italy's embassy in Kazakhstan.
            before = "in" if anchored and slot.before in ("", *self._anchor_words) else stem(slot.before)
            place = self._places.get(slot.key)
            if place is not None:
                # A city only says where: "the embassy in Astana", "goods from Rome".
                if before in _TOWARD:
                    votes[_other(place)] += 1
                elif before in _FROM:
                    votes[place] += 1
                continue
            country = self._country.get(slot.key)
            if country is None:
                continue
            # "visiting Kazakh officials": a verb before an adjective does not make it a target.
            toward = _TOWARD_PREPOSITIONS if slot.surface in self._adjectives else _TOWARD
            if before in toward:
                votes[_other(country)] += 1
            elif before in _FROM:
                votes[country] += 1
            else:  # subject, adjective or "of": "Italy opened", "Kazakh ambassador"
                # ... except that the one who imports is where the goods go.
                votes[_other(country) if importing else country] += 1
        if votes["KZ"] == votes["IT"]:
            return None
        return "KZ" if votes["KZ"] > votes["IT"] else "IT"


def _year_range(analysis: Analysis) -> tuple[int, int] | None:
    years = analysis.years
    words = set(analysis.words)
    if len(years) == 2 and ("between" in words or ("from" in words and words & {"to", "until", "till"})):
        return min(years), max(years)
    return None


def _other(country: Country) -> Country:
    return "IT" if country == "KZ" else "KZ"


def _split(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]
