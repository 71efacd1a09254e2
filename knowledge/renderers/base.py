"""What every family of fact renderers shares: the query, the result, the cues, the texts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from knowledge.entities import Entities
from knowledge.formatting import CountryName, Writer
from knowledge.schema import Country, Entry, Facts, Person
from knowledge.textbook import TextBook


@dataclass(frozen=True)
class Rendered:
    """A rendered reply; ``answered`` is False when the facts lack what was asked."""

    text: str
    answered: bool = True


@dataclass(frozen=True)
class Query:
    """What a renderer gets: the question's entities and the entry that matched."""

    entities: Entities
    entry: Entry

    @property
    def lang(self) -> str:
        """The language of the reply."""
        return self.entities.lang


class Cues:
    """The concept keys that cue what a question asks of the facts, by cue name.

    The words behind them are in the language packs (``cues``); their keys are the same in
    every language, so "surplus", "сальдо" and "saldo" all cue the balance.
    """

    def __init__(self, keys: Mapping[str, frozenset[str]], ordinals: Mapping[int, frozenset[str]]) -> None:
        self._keys = dict(keys)
        self.ordinals = dict(ordinals)

    def __getitem__(self, cue: str) -> frozenset[str]:
        return self._keys.get(cue, frozenset())

    def any(self, query: Query, *cues: str) -> bool:
        """Whether the question uses a word of any of ``cues``."""
        keys = query.entities.keys
        return any(not self[cue].isdisjoint(keys) for cue in cues)


class Family:
    """A family of renderers (trade, visits, …) and the helpers they share."""

    def __init__(self, facts: Facts, texts: TextBook, cues: Cues) -> None:
        self.facts = facts
        self.texts = texts
        self.cues = cues
        self.people = {p.id: p for p in facts.people}

    def t(self, query: Query, key: str, /, **values: object) -> str:
        """The text ``key`` in the reply's language."""
        return self.texts.get(key, query.lang, **values)

    def writer(self, query: Query) -> Writer:
        """The writer of the reply's language (lists, numbers, dates)."""
        return self.texts.writer(query.lang)

    def join(self, query: Query, items: Iterable[object], style: str = "and") -> str:
        """Items written and joined as the reply's language lists them."""
        writer = self.writer(query)
        return writer.join([writer.format_field(item, "") for item in items], style)

    def name(self, person_id: str, lang: str) -> str:
        """A person's display name in ``lang``."""
        return self.people[person_id].name.get(lang)

    def person(self, query: Query, person: Person) -> str:
        """A person as "Name (role)", in the reply's language."""
        return self.t(query, "person", name=person.name, role=person.role)

    @staticmethod
    def country(query: Query, country: Country) -> CountryName:
        """The country, to be written in the reply's language (in the form a template asks)."""
        return CountryName(country)


def other(country: Country) -> Country:
    """The other of the two countries."""
    return "IT" if country == "KZ" else "KZ"


def sentence(clause: str) -> str:
    """A clause as a sentence: capital first letter, full stop at the end."""
    clause = clause.strip().rstrip(".")
    return clause[:1].upper() + clause[1:] + "." if clause else ""
