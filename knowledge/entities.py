"""Recognize what a question is about: people, countries, years, direction, the kind asked.

Every word it looks for comes from the question's language pack (question words, "from",
"between") or from the lexicon (the two countries, their cities and adjectives).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import pairwise

from knowledge.analysis import COUNTRY_PREFIX, Analysis, Slot, SlotKind
from knowledge.language import Case, Language
from knowledge.schema import Country
from knowledge.text import normalize


class Asks(StrEnum):
    """The kind of thing a question asks for, read from its question words."""

    DATE = "date"
    DAY = "day"  # "in which month", "on what day": a year alone does not answer
    QUANTITY = "quantity"
    AMOUNT = "amount"  # a quantity of money: "how much did ENI pay?"
    PERSON = "person"
    CITY = "city"  # "in which city": a reply must name one
    PLACE = "place"
    NAMES = "names"  # "which universities", "what are the singers' names"
    REASON = "reason"  # "why did he come?"
    OTHER = "other"


# How far after the first question word a phrase that asks for a quantity may start.
_QUANTITY_WINDOW = 5
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DAY = re.compile(r"\b\d{1,2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:1[89]|20)\d\d\b")
_WORD = re.compile(r"\w+")


# The kinds whose phrase must contain the question word, with their names (an enum's
# ``value`` is slow to read, and every question reads these).
# In this order: "in which month" is a day, "which city" is a city, "аты кім" (what is the
# name) names, "кім" a person.
_CONTAINING = tuple(
    (kind, kind.value)
    for kind in (Asks.DAY, Asks.DATE, Asks.CITY, Asks.PLACE, Asks.NAMES, Asks.PERSON, Asks.REASON)
)
_QUANTITY = Asks.QUANTITY.value


# How far from the words that ask for names the thing named stands: "what are the names of
# the Kazakh singers" (after them), "әншілердің аттары қандай" (before them, in Kazakh).
NAMES_WINDOW = 5
NAMES_BEFORE = 1


def _first_question_word(words: tuple[str, ...], language: Language) -> int | None:
    return next((i for i, w in enumerate(words) if w in language.question_words), None)


def asked_span(
    words: tuple[str, ...], language: Language, kinds: Iterable[Asks] = tuple(Asks)
) -> tuple[int, int] | None:
    """Where the longest phrase of ``kinds`` around the first question word stands (begin, end)."""
    start = _first_question_word(words, language)
    if start is None:
        return None
    spans = [
        (start - offset, start - offset + len(phrase))
        for kind in kinds
        for phrase, offset in language.asked_by_word.get(kind.value, {}).get(words[start], ())
        if start >= offset and words[start - offset : start - offset + len(phrase)] == phrase
    ]
    return max(spans, key=lambda span: span[1] - span[0]) if spans else None


def asked_words(words: tuple[str, ...], language: Language) -> frozenset[str]:
    """The words of the phrase that asks (``asked_span``): "in che anno", "how many years"."""
    span = asked_span(words, language)
    return frozenset(words[span[0] : span[1]]) if span else frozenset()


def placed(analysis: Analysis) -> list[tuple[int, Slot]]:
    """Each slot with the index of its first word among the question's words."""
    found_at: list[tuple[int, Slot]] = []
    at, used = 0, set()
    words = analysis.words
    for slot in analysis.slots:
        first = slot.surface.split()[0] if slot.surface else ""
        found = next((i for i in range(at, len(words)) if words[i] == first), None)
        if found is None:  # a follow-up merged with the last question: its words come first
            found = next((i for i in range(at) if words[i] == first and i not in used), None)
        if found is not None:
            found_at.append((found, slot))
            used.add(found)
            at = max(at, found + 1)
    return found_at


def asks(words: tuple[str, ...], language: Language) -> Asks:
    """Read the question type from its first question word ("what was X's post when …" is no date).

    A phrase for a quantity ("how many", "сколько") may stand anywhere near that word;
    a phrase for a date, a person or a place must contain it ("in what year", "в каком году").
    """
    start = _first_question_word(words, language)
    if start is None:
        return Asks.OTHER
    window = words[max(0, start - 1) : start + _QUANTITY_WINDOW + 1]
    quantity = language.asked_by_word.get(_QUANTITY, {})
    for i, word in enumerate(window):
        for phrase, offset in quantity.get(word, ()):
            if offset == 0 and window[i : i + len(phrase)] == phrase:
                return Asks.QUANTITY
    for kind, name in _CONTAINING:
        for phrase, offset in language.asked_by_word.get(name, {}).get(words[start], ()):
            begin = start - offset
            if begin >= 0 and words[begin : begin + len(phrase)] == phrase:
                return kind
    return Asks.OTHER


class Gives:
    """Whether a reply can answer a question of a kind at all, in any language.

    A date question needs a year or a month name in the reply; a quantity question needs a
    number that is not part of a date ("As of April 2014" counts nothing), or a number word;
    a sum of money, such a number and the name of a currency; a city, a word that starts
    with a spelling of one of the places (``places``: each place's spellings).
    """

    def __init__(
        self,
        months: Iterable[str],
        number_words: Iterable[str],
        currencies: Iterable[str] = (),
        places: Iterable[Iterable[str]] = (),
    ) -> None:
        self._months = frozenset(normalize(m) for m in months)
        self._number_words = frozenset(normalize(w) for w in number_words)
        self._currencies = frozenset(normalize(c) for c in currencies)
        self._spellings = {normalize(name): place for place, names in enumerate(places) for name in names}

    def is_month(self, word: str) -> bool:
        """Whether ``word`` names a month, in any language and form ("ноябре")."""
        return normalize(word) in self._months

    def __call__(self, text: str, kind: Asks, question: str = "") -> bool:
        """Whether ``text`` can answer a question of ``kind`` (``question``: what asked it)."""
        if kind is Asks.DATE:
            lowered = normalize(text)
            return bool(_YEAR.search(lowered)) or any(w in self._months for w in _WORD.findall(lowered))
        if kind is Asks.DAY:  # a month, written out or as a number ("12.06.1992")
            lowered = normalize(text)
            words = _WORD.findall(lowered)
            if _NUMERIC_DATE.search(lowered):
                return True
            if any(w in self._months for w in _WORD.findall(normalize(question))):
                return self._has_day(words)  # "on what day in October?": the month is known
            return any(w in self._months for w in words)
        if kind is Asks.CITY:  # a place besides those the question names ("where is Taldysay?")
            return bool(self.places(text) - self.places(question))
        if kind is Asks.AMOUNT:  # a sum of money names its currency
            words = _WORD.findall(normalize(text))
            return not self._currencies.isdisjoint(words) and self(text, Asks.QUANTITY)
        if kind is Asks.QUANTITY:
            amounts = _YEAR.sub(" ", normalize(text))
            # A day number next to a month is a date, not an amount.
            tokens = re.findall(r"\d+(?:[.,]\d+)*|\w+", amounts)
            for i, token in enumerate(tokens):
                if token[0].isdigit():
                    near = tokens[max(0, i - 1) : i + 2]
                    if not (_DAY.fullmatch(token) and any(w in self._months for w in near)):
                        return True
                elif token in self._number_words:
                    return True
            return False
        return True

    def _has_day(self, words: list[str]) -> bool:
        """Whether ``words`` date something to the day: a day's number beside a month."""
        return any(
            _DAY.fullmatch(word) and any(w in self._months for w in words[max(0, i - 1) : i + 2])
            for i, word in enumerate(words)
        )

    def places(self, text: str) -> set[int]:
        """The places ``text`` names, by their order in the list."""
        return {
            place
            for word in _WORD.findall(normalize(text))
            for spelling, place in self._spellings.items()
            if word.startswith(spelling)
        }


@dataclass(frozen=True)
class Entities:
    """What was recognized in one question."""

    lang: str
    people: tuple[str, ...]  # person ids, in order of mention
    years: tuple[int, ...]
    foreign: tuple[str, ...]  # other countries, by canonical name
    unknown_names: tuple[str, ...]  # capitalized words nobody knows: names we do not have
    origin: Country | None  # whose act: the Italian embassy → IT; imports from Italy → IT
    year_range: tuple[int, int] | None  # "between 1995 and 2005", "from 1995 to 2005"
    asks: Asks
    keys: frozenset[str]
    yes_no: bool = False  # "Did Prodi visit Kazakhstan?": the reply starts with yes or no
    excepted: frozenset[str] = frozenset()  # what "apart from" leaves out: "apart from oil"
    until: int | None = None  # "до 2011": the one year asked bounds it, before that year
    onward: int | None = None  # "since 2012": the one year asked starts it
    after: int | None = None  # "after 2003": the years asked start after it


class Recognizer:
    """Finds entities in an :class:`Analysis` using the knowledge base's names.

    Args:
        languages: the compiled language packs.
        people: the person ids (they are also the people's concept keys).
        countries: the concept key of each of the two countries.
        cities: a city's concept key → the country it is in (Astana → KZ).
        adjectives: adjective forms of the two countries, normalized ("kazakh", "итальянский").
        anchors: concept keys of things that belong to one country and stand in the other.
        anchor_stems: per language, the stems of the words of those concepts ("embassy",
            "посольство"): a country right after one is where the thing stands.
        importing: concept keys meaning "import": there a country before the word is the
            destination ("Kazakhstan's imports"), not the origin.
        wares: concept keys of traded things: a country's adjective beside one is their origin,
            whoever imports them ("Kazakh goods").
        money: the keys of words for money: a country right beside one is whose money it is
            ("на деньги Казахстана", "with Kazakhstan's money"), not where it went.
    """

    def __init__(
        self,
        languages: Mapping[str, Language],
        people: Iterable[str],
        countries: Mapping[Country, str],
        cities: Mapping[str, Country],
        adjectives: Iterable[str],
        anchors: Iterable[str],
        anchor_stems: Mapping[str, frozenset[str]],
        importing: Iterable[str],
        exporting: Iterable[str] = (),
        settlements: Iterable[str] = (),
        homes: Iterable[str] = (),
        excepting: Iterable[str] = (),
        wares: Iterable[str] = (),
        money: Iterable[str] = (),
    ) -> None:
        self._languages = languages
        # the words of numbers ("ten"): a group of them goes on past whose they are
        self._numbers = {
            code: frozenset((*language.pack.counts, *language.pack.number_words))
            for code, language in languages.items()
        }
        self._people = frozenset(people)
        self._country = {key: country for country, key in countries.items()}
        self._places = dict(cities)
        self._adjectives = frozenset(normalize(a) for a in adjectives)
        self._anchors = frozenset(anchors)
        self._anchor_stems = dict(anchor_stems)
        self._importing = frozenset(importing)
        self._flows = self._importing | frozenset(exporting)
        self._settlements = frozenset(settlements)
        self._homes = frozenset(homes)
        self._excepting = frozenset(excepting)
        self._wares = frozenset(wares)
        self._money = frozenset(money)
        # per language, the country forms only a dative takes ("Казахстану"; not "Италии", a genitive too)
        self._datives = {code: _datives(language) for code, language in languages.items()}
        self._nominatives = {
            code: frozenset(
                normalize(forms["name"]) for forms in language.pack.countries.values() if "name" in forms
            )
            for code, language in languages.items()
        }
        self._yes_no_words: dict[str, tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]] = {}
        self._yes_no_ends: dict[str, list[tuple[str, ...]]] = {}
        self._yes_no_guesses: dict[str, list[tuple[str, ...]]] = {}
        for code, language in languages.items():
            starts: dict[str, list[tuple[str, ...]]] = {}  # by their first word
            for phrase in language.pack.yes_no.starts:
                if words := language.words(phrase):
                    starts.setdefault(words[0], []).append(words)
            self._yes_no_words[code] = starts, language.word_set(language.pack.yes_no.particles)
            self._yes_no_ends[code] = [
                words for p in language.pack.yes_no.ends if (words := language.words(p))
            ]
            self._yes_no_guesses[code] = [
                words for p in language.pack.yes_no.guesses if (words := language.words(p))
            ]

    def recognize(self, analysis: Analysis) -> Entities:
        """Recognize entities in ``analysis``."""
        language = self._languages[analysis.lang]
        slots = analysis.slots
        excepted = self._excepted(analysis, language)
        # "Besides Marchenko, who else …": the one left out is not whom it asks about
        people = tuple(dict.fromkeys(s.key for s in slots if s.key in self._people and s.key not in excepted))
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
            lang=analysis.lang,
            people=people,
            years=analysis.years,
            foreign=foreign,
            unknown_names=unknown,
            origin=None
            if self._flow_keywords(analysis)
            else self._origin(slots, language, self._beside(analysis, language)),
            year_range=_year_range(analysis, language),
            until=_bounded(analysis, language, language.range_end)
            or _bounded(analysis, language, language.range_before, reach=2),
            onward=_bounded(analysis, language, language.range_onward),
            after=_bounded(analysis, language, language.range_after, reach=2),
            asks=asks(analysis.words, language),
            keys=analysis.keys,
            yes_no=self._yes_no(analysis.words, language),
            excepted=excepted,
        )

    def _flow_keywords(self, analysis: Analysis) -> bool:
        """Whether the message is keywords naming one country, as a noun, and a trade flow.

        "Italy import 2012", "Италия экспорт": the flow is the sheet's own, Kazakhstan's (imports
        from Italy, exports to it); with no verb and no case the country says only which partner.
        """
        countries = [s for s in analysis.slots if s.key in self._country]
        if (
            len(countries) != 1
            or countries[0].case is not None
            or normalize(countries[0].surface) in self._adjectives
        ):
            return False
        if not any(s.key in self._flows for s in analysis.slots):
            return False
        said = {w for s in analysis.slots for w in s.surface.split()}
        return all(w in said for w in analysis.words)

    def _excepted(self, analysis: Analysis, language: Language) -> frozenset[str]:
        """The concepts an "except" word leaves out, up to the nearest question word.

        Those after it ("apart from crude oil, which fuels …"), or before it where the
        language puts its postpositions there ("мұнайдан басқа … не": other than oil).
        """
        if self._excepting.isdisjoint(analysis.keys):
            return frozenset()  # most questions: no need to place their words
        at = placed(analysis)
        cue = next((i for i, s in at if s.key in self._excepting), None)
        if cue is None:
            return frozenset()
        words, asking = analysis.words, language.question_words
        if language.pack.span.postposition:
            begin = max((i + 1 for i in range(cue) if words[i] in asking), default=0)
            return frozenset(s.key for i, s in at if begin <= i < cue)
        end = next((i for i in range(cue + 1, len(words)) if words[i] in asking), len(words))
        return frozenset(s.key for i, s in at if cue < i < end)

    def named(self, analysis: Analysis) -> tuple[frozenset[str], Country | None] | None:
        """What a question asking for names asks the names of, and whose, if it says.

        The first group of concepts after the words that ask ("which Kazakh universities
        take part", "the names of the ten opera singers", "quali università kazake"), or just
        before them ("әншілердің аттары қандай"); a country next to the group says whose
        ("which Italian uni": Italy's).
        """
        language = self._languages[analysis.lang]
        span = asked_span(analysis.words, language, (Asks.NAMES,))
        if span is None:
            return None
        begin, end = span
        at = dict(placed(analysis))
        things = sorted(i for i, s in at.items() if self._thing(s))
        first = next((i for i in things if end <= i < end + NAMES_WINDOW), None)
        if first is None:
            first = next((i for i in reversed(things) if begin - NAMES_BEFORE <= i < begin), None)
        if first is None:
            return None
        group = [first]
        whose: Country | None = None
        numbers = self._numbers[analysis.lang]
        while (after := group[-1] + 1) in at:
            if self._thing(at[after]):
                group.append(after)
            elif (
                all(at[i].surface in numbers for i in group)
                and (w := self._whose(at[after])) is not None
                and after + 1 in at
                and self._thing(at[after + 1])
            ):
                whose = w  # "the ten Kazakh opera singers": a number's group goes on past whose they are
                group.append(after + 1)
            else:
                break
        # The nearest place either side, a word apart at most ("università di Milano"), the
        # words that ask standing for none ("Қазақстанның қай университеттері": Kazakhstan's).
        before = begin - 1 if begin < first <= end else first - 1
        near = (before, group[-1] + 1, before - 1, group[-1] + 2)
        whose = whose or next((w for i in near if i in at and (w := self._whose(at[i])) is not None), None)
        return frozenset(at[i].key for i in group), whose

    def adjective_side(self, analysis: Analysis) -> Country | None:
        """The country whose adjective stands right before a thing: "which Italian prime minister"."""
        for adjective, thing in pairwise(analysis.slots):
            if (
                adjective.key in self._country
                and normalize(adjective.surface) in self._adjectives
                and self._thing(thing)
            ):
                return self._country[adjective.key]
        return None

    def only_describes(self, analysis: Analysis, key: str, things: frozenset[str]) -> bool:
        """Whether the country ``key`` is named only as an adjective right before one of ``things``.

        "When did Frattini meet the Kazakh minister?": Kazakhstan names the minister, no place.
        """
        slots = analysis.slots
        at = [i for i, s in enumerate(slots) if s.key == key]
        return bool(at) and all(
            normalize(slots[i].surface) in self._adjectives
            and i + 1 < len(slots)
            and slots[i + 1].key in things
            for i in at
        )

    def _thing(self, slot: Slot) -> bool:
        return slot.kind is SlotKind.WORD and self._whose(slot) is None

    def _whose(self, slot: Slot) -> Country | None:
        return self._country.get(slot.key) or self._places.get(slot.key)

    def _yes_no(self, words: tuple[str, ...], language: Language) -> bool:
        starts, particles = self._yes_no_words[language.code]
        ending = self._tagged(words, language)
        # "lol was it signed …?", "so did he …?": a filler before the opening; not "what did …"
        at = 0
        while at < len(words) - 1 and words[at] not in starts and words[at] in language.stopwords:
            if words[at] in language.question_words:
                break
            at += 1
        opening = starts.get(words[at], ()) if words else ()
        return any(words[at : at + len(s)] == s for s in opening) or ending or not particles.isdisjoint(words)

    def _tagged(self, words: tuple[str, ...], language: Language) -> bool:
        """Whether a tag ends the question: "…, didn't it?", "…, да?", "…, was it 1999?".

        A tag may be followed by the number it guesses, and a guess must be ("how much was it?"
        asks); a tag right after a question word asks too ("when was it?").
        """
        guessed = bool(words) and words[-1].isdigit()
        body = words[:-1] if guessed else words
        tags = self._yes_no_ends[language.code] + (self._yes_no_guesses[language.code] if guessed else [])
        for tag in tags:
            at = len(body) - len(tag)
            if at > 0 and body[at:] == tag and body[at - 1] not in language.question_words:
                return True
        return False

    def _beside(self, analysis: Analysis, language: Language) -> dict[int, bool]:
        """The countries (by slot) that a word beside them reads: True if it acts, False if visited.

        A side beside an adjective acts ("the Italian side", "da parte italiana"); a visit
        right after a name, as a noun and to no place named later, is to it ("National Bank
        chairman Italy visit"; not "did the President of Kazakhstan visit Italy").
        """
        if not (language.sides or language.toward_after) or not analysis.keys & self._country.keys():
            return {}
        words, slots = analysis.words, analysis.slots
        at_word = {id(slot): at for at, slot in placed(analysis)}  # where each slot's words start
        found = {}
        for i, slot in enumerate(slots):
            at = at_word.get(id(slot))
            if at is None or slot.key not in self._country:
                continue
            end = at + len(slot.surface.split())
            if normalize(slot.surface) in self._adjectives:
                beside = {language.stem(word) for word in (*words[at - 1 : at], *words[end : end + 1])}
                if beside & language.sides:
                    found[i] = True
            elif set(words[end : end + 1]) & language.toward_after and not self._place_after(slots, i):
                found[i] = False
        return found

    def _partner(self, slots: tuple[Slot, ...], i: int, language: Language) -> bool:
        """Whether the word before the country makes it the partner ("with Italy", "с Италией")."""
        before = _past_name(slots, i, self._people).before
        return bool(before) and language.stem(before) in language.partners

    def _place_after(self, slots: tuple[Slot, ...], i: int) -> bool:
        """Whether a country or a city follows slot ``i``: "… of Kazakhstan visit Italy" has a verb."""
        return any(s.key in self._country or s.key in self._places for s in slots[i + 1 :])

    def _origin(self, slots: tuple[Slot, ...], language: Language, beside: dict[int, bool]) -> Country | None:
        sides = {c for i, acts in beside.items() if acts and (c := self._country.get(slots[i].key))}
        if len(sides) == 1:
            return sides.pop()  # "who signed it on the Italian side?": said outright, whatever else
        importing = any(s.key in self._importing for s in slots)
        votes: dict[Country, int] = {"KZ": 0, "IT": 0}
        away_from: dict[Country, int] = {"KZ": 0, "IT": 0}  # the countries things come from
        anchored = False
        for i, slot in enumerate(slots):
            anchored = anchored or slot.key in self._anchors
            place, country = self._places.get(slot.key), self._country.get(slot.key)
            if (place is None and country is None) or slot.case is Case.PARTNER:
                continue  # only a city or a country tells whose act it is; not a partner's
            toward, away = self._reads(_past_name(slots, i, self._people), language, anchored)
            if (
                not (toward or away)
                and not language.pack.span.postposition
                and (adverb := _past_word(slots, i))
            ):
                # "ha visitato ufficialmente l'Italia": the verb before the word before; not in a
                # language of postpositions, where words before a noun describe it ("Италияға
                # сапармен барған Қазақстан басшылары": Kazakhstan's leaders who went to Italy)
                toward, away = self._reads(adverb, language, anchored)
            toward = toward or (
                beside.get(i) is False and not away
            )  # "Italy visit", not "from Italy visited"
            home = place or country
            if toward and home is not None and self._at_home(slots, i, language):
                votes[home] += 1  # "the government in Italy": where it is, Italy's
                continue
            if place is not None:
                # A city only says where: "the embassy in Astana", "goods from Rome".
                if toward:
                    votes[_other(place)] += 1
                elif away:
                    votes[place] += 1
                continue
            if country is None:
                continue
            if self._beside_settlement(slots, i, language) and any(s.key in self._anchors for s in slots):
                votes[_other(country)] += 1  # "an Italian city": where the thing stands
                continue
            if self._beside_wares(slots, i) or self._beside_money(slots, i):
                votes[country] += 1  # "Kazakh goods", "Kazakhstan's money": whose they are
                continue
            if toward and importing and self._partner(slots, i, language):
                votes[country] += 1  # "импорт с Италией": Kazakhstan's imports, from Italy
            elif toward:
                votes[_other(country)] += 1
            elif away:
                votes[country] += 1
                away_from[country] += 1
            else:  # subject, adjective or "of": "Italy opened", "Kazakh ambassador"
                # ... except that the one who imports is where the goods go.
                votes[_other(country) if importing else country] += 1
        if votes["KZ"] == votes["IT"] and not importing:
            # A tie goes to the country things come from: "what do Kazakhs bring from Italy?"
            # asks of goods from Italy.
            votes = away_from
        if votes["KZ"] == votes["IT"]:
            return None
        return "KZ" if votes["KZ"] > votes["IT"] else "IT"

    def _at_home(self, slots: tuple[Slot, ...], i: int, language: Language) -> bool:
        """Whether the place of slot ``i`` is where a thing the country has at home stands.

        Right after the thing ("the new government in Italy"; not "the parliamentary delegation
        to Italy"); in a language of postpositions, before it ("Италияда жаңа үкімет").
        """
        near = slots[i + 1 : i + 3] if language.pack.span.postposition else slots[max(i - 1, 0) : i]
        return any(s.key in self._homes for s in near)

    def _beside_wares(self, slots: tuple[Slot, ...], i: int) -> bool:
        """Whether the country's slot is an adjective right beside traded things ("Kazakh goods")."""
        if normalize(slots[i].surface) not in self._adjectives:
            return False
        return any(0 <= j < len(slots) and slots[j].key in self._wares for j in (i - 1, i + 1))

    def _beside_money(self, slots: tuple[Slot, ...], i: int) -> bool:
        """Whether the country's slot is right beside a word for money, no word between them."""
        slot, last = slots[i], slots[i].surface.split()[-1]
        before = i > 0 and slots[i - 1].key in self._money and slot.before == slots[i - 1].surface.split()[-1]
        after = i + 1 < len(slots) and slots[i + 1].key in self._money and slots[i + 1].before == last
        return before or after

    def _beside_settlement(self, slots: tuple[Slot, ...], i: int, language: Language) -> bool:
        """Whether the country's slot stands right beside a settlement: a city of that country.

        An adjective ("città italiana", "Italian city") or the country itself ("в каком городе
        Италии", "Италияның қай қаласында"), with at most a question word between them before
        the settlement; not "in which city is Italy's embassy?".
        """
        slot = slots[i]
        last = slot.surface.split()[-1]
        after = (
            i + 1 < len(slots)
            and slots[i + 1].key in self._settlements
            and (slots[i + 1].before == last or slots[i + 1].before in language.question_words)
        )
        before = (
            i > 0
            and slots[i - 1].key in self._settlements
            and slot.before == slots[i - 1].surface.split()[-1]
        )
        return after or before

    def _reads(self, slot: Slot, language: Language, anchored: bool) -> tuple[bool, bool]:
        """Whether the slot is a destination, or an origin, by its ending or the word before it."""
        if slot.case is Case.TOWARD or (
            slot.key in self._country and normalize(slot.surface) in self._datives[language.code]
        ):
            return True, False
        if slot.case is Case.AWAY:
            return False, True
        # In a keyword query a bare country after the thing is where it is:
        # "Italy embassy Kazakhstan" is Italy's embassy in Kazakhstan.
        anchor_stems = self._anchor_stems.get(language.code, frozenset())
        bare = (
            language.pack.direction.bare_after_thing
            and anchored
            and (slot.before == "" or language.stem(slot.before) in anchor_stems)
            and slot.surface.split()[-1] not in language.owners  # "ambassadors, Kazakhstan's …"
            and normalize(slot.surface) not in self._adjectives  # "l'ambasciatore italiano": whose
        )
        if bare:
            return True, False
        if (
            slot.before in language.toward_after
            and normalize(slot.surface) in self._nominatives[language.code]
        ):
            return True, False  # "Тусупбеков визит Италия": keywords, to Italy (not "визит Италии")
        before = language.stem(slot.before) if slot.before else ""
        # "visiting Kazakh officials": a verb before an adjective does not make it a target.
        toward = language.prepositions if normalize(slot.surface) in self._adjectives else language.toward
        return before in toward, before in language.away


def _datives(language: Language) -> frozenset[str]:
    """The pack's country forms that only the dative takes ("Казахстану"), normalized."""
    found = set()
    for forms in language.pack.countries.values():
        dative = normalize(forms.get("dat", ""))
        if dative and all(normalize(form) != dative for style, form in forms.items() if style != "dat"):
            found.add(dative)
    return frozenset(found)


def _bounded(analysis: Analysis, language: Language, bounds: frozenset[str], reach: int = 1) -> int | None:
    """The one year a question bounds with one of ``bounds`` beside it ("до 2011", "since 2012").

    Within ``reach`` words before it ("prima del 2009"), not through a word that makes the
    year a thing's ("before the 2009 visit"); after it, two ("2009 жылға дейін").
    """
    years, words = analysis.years, analysis.words
    if len(years) != 1 or str(years[0]) not in words:
        return None
    at = words.index(str(years[0]))
    if language.pack.span.postposition:
        near = words[at + 1 : at + 3]
    elif (
        at
        and words[at - 1] not in bounds
        and words[at + 1 : at + 2]
        and words[at + 1] not in language.stopwords
    ):
        near = ()
    else:
        near = words[max(0, at - reach) : at]
    return years[0] if bounds.intersection(near) else None


def _year_range(analysis: Analysis, language: Language) -> tuple[int, int] | None:
    years = analysis.years
    words = set(analysis.words)
    if len(years) != 2:
        return None
    between = bool(words & language.range_between)
    bounded = bool(words & language.range_end) and (
        not language.range_start or bool(words & language.range_start)
    )
    return (min(years), max(years)) if between or bounded else None


def _past_name(slots: tuple[Slot, ...], i: int, people: frozenset[str]) -> Slot:
    """Slot ``i``, read past a person's name just before it.

    "посещал ли Берлускони Казахстан": the word before the country is the verb's.
    """
    slot, previous = slots[i], slots[i - 1] if i else None
    if previous is not None and previous.key in people and slot.before == previous.surface.split()[-1]:
        return replace(slot, before=previous.before)
    return slot


def _past_word(slots: tuple[Slot, ...], i: int) -> Slot | None:
    """Slot ``i`` read past the plain word just before it, if one is ("visitato ufficialmente l'Italia")."""
    slot, previous = slots[i], slots[i - 1] if i else None
    if previous is None or previous.kind is not SlotKind.WORD or " " in previous.surface:
        return None
    if slot.before != previous.surface or not previous.before:
        return None
    return replace(slot, before=previous.before)


def _other(country: Country) -> Country:
    return "IT" if country == "KZ" else "KZ"
