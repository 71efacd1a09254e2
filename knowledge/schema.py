"""Pydantic models for the curated knowledge base (the YAML files under ``knowledge/data``).

Every model forbids unknown keys, so a misspelt field is an error rather than silently
ignored. Texts that a user reads are keyed by language (``en`` today; ``ru`` and ``it``
can be added next to it without restructuring), and only ``en`` is required.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Lang = Literal["en", "ru", "it"]
Country = Literal["KZ", "IT"]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=48)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# "1992", "1992-10" or "1992-06-12": the document is often no more precise than a month.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]

Section = Literal[
    "General information",
    "Political relations",
    "Trade and economic cooperation",
    "Cultural and Humanitarian cooperation",
]
Renderer = Literal[
    "visits",
    "trade",
    "standing",
    "goods",
    "officials",
    "people",
    "ambassadors",
    "embassies",
    "milestones",
    "culture",
]


class Strict(BaseModel):
    """Base model: unknown keys are errors and loaded objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _require_english(value: dict[Lang, object]) -> None:
    if "en" not in value:
        raise ValueError("an English ('en') text is required")


class Texts(Strict):
    """A user-facing text per language."""

    en: NonEmpty
    ru: NonEmpty | None = None
    it: NonEmpty | None = None


class Phrasings(Strict):
    """Ways a user may ask for an entry, per language."""

    en: list[NonEmpty] = Field(min_length=3)
    ru: list[NonEmpty] = Field(default_factory=list)
    it: list[NonEmpty] = Field(default_factory=list)

    @field_validator("en", "ru", "it")
    @classmethod
    def _first_is_a_question(cls, value: list[str]) -> list[str]:
        # The first phrasing is shown to users ("did you mean …?"), so it must read as one.
        if value and not (value[0][:1].isupper() and value[0].endswith("?")):
            raise ValueError(f"the first phrasing is shown to users: write it as a question ({value[0]!r})")
        return value


class Topic(Strict):
    """A topic: groups entries and gives the bot a shortcut command (``/trade``)."""

    id: Slug
    title: Texts
    description: Texts
    examples: Phrasings


class Entry(Strict):
    """A curated question/answer entry.

    Exactly one of ``answer`` (fixed text in our own words) or ``facts`` (the name of a
    template that renders the answer from structured facts) is given.
    """

    id: Slug
    topic: Slug
    questions: Phrasings
    keywords: list[NonEmpty] = Field(default_factory=list)
    answer: Texts | None = None
    facts: Renderer | None = None
    source: Section
    as_of: dt.date | None = None
    # Whose act the entry describes, for questions that read both ways
    # (the Italian embassy in Kazakhstan vs the Kazakh embassy in Italy).
    actor: Country | None = None
    related: list[Slug] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_answer_source(self) -> Entry:
        if (self.answer is None) == (self.facts is None):
            raise ValueError("give exactly one of 'answer' or 'facts'")
        if self.as_of is not None and self.answer is not None and "as of" not in self.answer.en.lower():
            raise ValueError("an entry with 'as_of' must say 'as of …' in its English answer")
        return self


class EntryFile(Strict):
    """One YAML file of entries."""

    entries: list[Entry] = Field(min_length=1)


class Person(Strict):
    """A person named in the document; ``name`` is the display spelling (typos fixed)."""

    id: Slug
    name: NonEmpty
    full_name: NonEmpty | None = None
    aliases: list[NonEmpty] = Field(default_factory=list)
    country: Country
    role: Texts


class Visit(Strict):
    """A visit or a meeting at the highest level."""

    person: Slug
    direction: Literal["to_italy", "to_kazakhstan", "elsewhere"]
    kind: Literal["official visit", "visit", "short-term visit", "talks", "meeting"]
    year: int = Field(ge=1991, le=2014)
    dates: list[PartialDate] = Field(default_factory=list)
    place: NonEmpty | None = None
    with_person: Slug | None = None
    note: Texts | None = None


class TradeYear(Strict):
    """Bilateral trade in one year, in billion US dollars (Kazakhstan's point of view)."""

    year: int
    turnover: float = Field(gt=0)
    exports: float = Field(gt=0)
    imports: float = Field(gt=0)
    note: Texts | None = None

    @model_validator(mode="after")
    def _adds_up(self) -> TradeYear:
        if abs(self.exports + self.imports - self.turnover) > 0.0015:
            raise ValueError("exports + imports must equal turnover")
        return self


class TradeStanding(Strict):
    """Italy's place among Kazakhstan's trade partners."""

    rank: int = Field(ge=1)
    share_percent: float = Field(gt=0, le=100)
    ahead: list[NonEmpty]
    as_of: dt.date
    source: NonEmpty


class Good(Strict):
    """A good or group of goods in the trade, with other words for it."""

    name: NonEmpty
    aliases: list[NonEmpty] = Field(default_factory=list)


class Goods(Strict):
    """What Kazakhstan exports to and imports from Italy (imports in order of weight)."""

    exports: list[Good] = Field(min_length=1)
    imports: list[Good] = Field(min_length=1)
    imports_note: Texts


class Investment(Strict):
    """Italy's direct investment in Kazakhstan."""

    amount_billion_usd: float = Field(gt=0)
    approximate: bool
    since: int
    source: NonEmpty
    as_of: dt.date


class Official(Strict):
    """A Kazakh official or delegation that visited Italy (the document gives no dates)."""

    person: Slug | None = None
    name: NonEmpty | None = None
    post: Texts

    @model_validator(mode="after")
    def _named(self) -> Official:
        if (self.person is None) == (self.name is None):
            raise ValueError("give exactly one of 'person' (a reference) or 'name'")
        return self


class Ambassador(Strict):
    """An ambassador: ``sending`` is the country they represent."""

    person: Slug
    sending: Country
    since: PartialDate


class Embassy(Strict):
    """An embassy of ``owner`` in the other country."""

    owner: Country
    opened: PartialDate
    city: NonEmpty | None = None
    city_since: PartialDate | None = None


class Milestone(Strict):
    """A dated event of the relations."""

    date: PartialDate
    event: Texts


class CultureProject(Strict):
    """A cultural, scientific or educational project or partner."""

    id: Slug
    name: NonEmpty
    aliases: list[NonEmpty] = Field(default_factory=list)
    kind: Literal[
        "research",
        "publication",
        "conference",
        "education",
        "festival",
        "association",
        "fund",
        "music",
        "memorial",
        "restoration",
    ]
    years: list[int] = Field(default_factory=list)
    summary: Texts


class Facts(Strict):
    """All structured facts (``facts.yaml``)."""

    document_date: dt.date
    people: list[Person]
    visits: list[Visit]
    trade: list[TradeYear] = Field(min_length=1)
    trade_currency: NonEmpty
    trade_source: NonEmpty
    trade_standing: TradeStanding
    goods: Goods
    investment: Investment
    joint_venture_sectors: list[NonEmpty]
    officials: list[Official]
    ambassadors: list[Ambassador]
    embassies: list[Embassy]
    milestones: list[Milestone]
    culture: list[CultureProject]

    @field_validator("trade")
    @classmethod
    def _years_unique(cls, value: list[TradeYear]) -> list[TradeYear]:
        years = [t.year for t in value]
        if len(set(years)) != len(years):
            raise ValueError("each trade year may appear once")
        return sorted(value, key=lambda t: t.year)


class Lexicon(Strict):
    """Words the engine needs to read questions (``lexicon.yaml``).

    ``aliases`` and ``synonyms`` map a canonical word or phrase to its variants: aliases
    are other names and spellings of things in the document, synonyms are other words
    for the same notion. Both are rewritten to the canonical form before matching.
    """

    aliases: dict[NonEmpty, list[NonEmpty]]
    synonyms: dict[NonEmpty, list[NonEmpty]]
    stopwords: list[NonEmpty]
    # Countries, their adjectives and capitals that are neither Kazakhstan nor Italy.
    foreign_places: dict[NonEmpty, list[NonEmpty]]
    # What a question may ask that the document never states (an address, a population).
    unsupported_attributes: list[NonEmpty]
    # Words that name the kind of fact asked for ("visit", "export"): an entry that never
    # mentions one the question uses cannot answer it, however many names it shares.
    focus_terms: list[NonEmpty] = Field(default_factory=list)


class Corpus(Strict):
    """The whole validated knowledge base."""

    topics: list[Topic]
    entries: list[Entry]
    facts: Facts
    lexicon: Lexicon
    texts: dict[NonEmpty, Texts]
