"""Pydantic models for the curated knowledge base (the YAML files under ``knowledge/data``).

Every model forbids unknown keys, so a misspelt field is an error rather than silently
ignored. Texts that a user reads are keyed by language code (``en``, ``ru``, ``it``,
``kk``: one per language pack); which languages a text must have is checked by the loader,
which knows the packs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    field_validator,
    model_validator,
)

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Country = Literal["KZ", "IT"]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=48)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# "1992", "1992-10" or "1992-06-12": the document is often no more precise than a month.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]

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

    # Validators are built on first use: an engine loaded from the cache never validates.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


R = TypeVar("R")


class _Root(RootModel[R], Generic[R]):
    """A model of one value whose validator, like ``Strict``'s, is built on first use.

    ``RootModel[X]`` itself would build one at import, for every command: parametrizing
    this class instead gives classes that inherit the deferral.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)


class Texts(_Root[dict[LangCode, NonEmpty]]):
    """A user-facing text per language: ``{en: …, ru: …, it: …, kk: …}``."""

    @field_validator("root")
    @classmethod
    def _not_empty(cls, value: dict[str, str]) -> dict[str, str]:
        if not value:
            raise ValueError("give the text in at least one language")
        return value

    def get(self, lang: str, fallback: str = "en") -> str:
        """The text in ``lang``, else in ``fallback``, else in any language it has."""
        return self.root.get(lang) or self.root.get(fallback) or next(iter(self.root.values()))

    @property
    def languages(self) -> frozenset[str]:
        """The languages this text is given in."""
        return frozenset(self.root)


class Phrasings(_Root[dict[LangCode, list[NonEmpty]]]):
    """Ways a user may ask for an entry, per language; the first of each is shown to users."""

    @field_validator("root")
    @classmethod
    def _first_is_a_question(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for phrasings in value.values():
            # The first phrasing is shown to users ("did you mean …?"), so it must read as one.
            first = phrasings[0] if phrasings else ""
            if not (first[:1].isupper() and first.endswith("?")):
                raise ValueError(f"the first phrasing is shown to users: write it as a question ({first!r})")
        return value

    def get(self, lang: str) -> list[str]:
        """The phrasings in ``lang`` (none if the language has none)."""
        return self.root.get(lang, [])

    def first(self, lang: str, fallback: str = "en") -> str:
        """The question shown for the entry in ``lang`` (else in ``fallback``)."""
        return (self.root.get(lang) or self.root.get(fallback) or next(iter(self.root.values())))[0]

    def all(self) -> list[tuple[str, str]]:
        """Every phrasing with its language, language by language."""
        return [(lang, text) for lang, texts in self.root.items() for text in texts]


class Topic(Strict):
    """A topic: groups entries and gives the bot a shortcut command (``/trade``)."""

    id: Slug
    title: Texts
    description: Texts
    examples: Phrasings


class Unnamed(Strict):
    """Things an answer speaks of without naming them: a concept, and whose they are."""

    concept: NonEmpty  # a concept of the lexicon ("university")
    of: Country | None = None  # "several Kazakh universities" (the Italian one is named)


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
    # The passages of the fact sheet the answer rests on (ids in source.yaml).
    source: list[Slug] = Field(min_length=1)
    as_of: dt.date | None = None
    # Whose act the entry describes, for questions that read both ways
    # (the Italian embassy in Kazakhstan vs the Kazakh embassy in Italy).
    actor: Country | None = None
    related: list[Slug] = Field(default_factory=list)
    # What the answer speaks of without naming ("several Kazakh universities"): a question
    # asking their names gets "the sheet does not give that detail".
    unnamed: list[Unnamed] = Field(default_factory=list)
    # Acts the answer tells without naming who did them (concepts: "open" for the obelisk
    # opened on 25 April 2010): "who opened it?" gets "the sheet does not give that detail".
    doers_unnamed: list[NonEmpty] = Field(default_factory=list)
    # Those the unnamed doers acted on (concepts): "who trained the singers?" names them and
    # asks their trainer; "who trained at La Scala?" names none and asks of them, whom the
    # answer tells.
    doers_of: list[NonEmpty] = Field(default_factory=list)
    # Whether the answer says why (a cause or a purpose): without it, "why …?" gets "the sheet
    # does not say why" and what the answer does say. Facts entries say it through their template.
    says_why: bool = False

    @model_validator(mode="after")
    def _one_answer_source(self) -> Entry:
        if (self.answer is None) == (self.facts is None):
            raise ValueError("give exactly one of 'answer' or 'facts'")
        if self.says_why and self.answer is None:
            raise ValueError("'says_why' is for entries with an 'answer': a facts template says why itself")
        return self


class EntryFile(Strict):
    """One YAML file of entries."""

    entries: list[Entry] = Field(min_length=1)


class Document(Strict):
    """The fact sheet itself."""

    date: dt.date
    title: Texts


class Passage(Strict):
    """A paragraph of the fact sheet, quoted exactly."""

    id: Slug
    text: NonEmpty


class SheetSection(Strict):
    """A section of the fact sheet and its paragraphs."""

    title: NonEmpty
    passages: list[Passage] = Field(min_length=1)


class Sheet(Strict):
    """The fact sheet as published (``source.yaml``): what answers quote as their source."""

    lang: LangCode  # the language it is written in: how its passages are read
    sections: list[SheetSection] = Field(min_length=1)

    def passages(self) -> dict[str, tuple[str, Passage]]:
        """Every passage by id, with the title of its section."""
        return {p.id: (section.title, p) for section in self.sections for p in section.passages}


class Person(Strict):
    """A person named in the document; ``name`` is the display name in each language."""

    id: Slug
    name: Texts
    aliases: list[NonEmpty] = Field(default_factory=list)
    country: Country
    role: Texts


class Visit(Strict):
    """A visit or a meeting at the highest level."""

    person: Slug
    direction: Literal["to_italy", "to_kazakhstan", "elsewhere"]
    kind: Literal["official", "visit", "short", "talks", "meeting"]
    year: int = Field(ge=1991, le=2014)
    dates: list[PartialDate] = Field(default_factory=list)
    place: Texts | None = None
    with_person: Slug | None = None
    note: Texts | None = None


class TradeYear(Strict):
    """Bilateral trade in one year, in billion US dollars (Kazakhstan's point of view)."""

    year: int
    turnover: float = Field(gt=0)
    exports: float = Field(gt=0)
    imports: float = Field(gt=0)
    record: bool = False

    @model_validator(mode="after")
    def _adds_up(self) -> TradeYear:
        if abs(self.exports + self.imports - self.turnover) > 0.0015:
            raise ValueError("exports + imports must equal turnover")
        return self


class TradeStanding(Strict):
    """Italy's place among Kazakhstan's trade partners (as of the document's date)."""

    rank: int = Field(ge=1)
    share_percent: float = Field(gt=0, le=100)
    ahead: list[Texts]


class Good(Strict):
    """A good or group of goods in the trade, with other words for it in any language."""

    name: Texts
    aliases: list[NonEmpty] = Field(default_factory=list)


class Goods(Strict):
    """What Kazakhstan exports to and imports from Italy (imports in order of weight)."""

    exports: list[Good] = Field(min_length=1)
    imports: list[Good] = Field(min_length=1)
    imports_note: Texts


class Investment(Strict):
    """Italy's direct investment in Kazakhstan (approximate, as of the document's date)."""

    amount_billion_usd: float = Field(gt=0)
    since: int
    source: Texts


class Official(Strict):
    """A Kazakh official or delegation that visited Italy (the document gives no dates).

    A person's post is their role; a delegation has a name and a post of its own.
    """

    person: Slug | None = None
    name: Texts | None = None
    post: Texts | None = None

    @model_validator(mode="after")
    def _named(self) -> Official:
        if (self.person is None) == (self.name is None):
            raise ValueError("give exactly one of 'person' (a reference) or 'name'")
        if self.name is not None and self.post is None:
            raise ValueError("a delegation needs a 'post'")
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
    city: Texts | None = None
    city_since: PartialDate | None = None


class Event(Strict):
    """A dated event that no other table holds."""

    id: Slug
    date: PartialDate
    text: Texts
    # a start: what began then goes on ("the mission begins its work"), so another year is no "no"
    lasting: bool = False


class Amount(Strict):
    """A sum of money: ``value`` in units of ``scale`` (1.7 million euros)."""

    value: float = Field(gt=0)
    scale: Literal["unit", "thousand", "million", "billion"] = "unit"
    currency: Literal["USD", "EUR"]


class CultureProject(Strict):
    """A cultural, scientific or educational project or partner."""

    id: Slug
    name: Texts
    aliases: list[NonEmpty] = Field(default_factory=list)
    kind: NonEmpty  # a concept of the lexicon: its words find the projects of this kind
    events: list[Slug] = Field(default_factory=list)
    count: int | None = None
    amount: Amount | None = None
    summary: Texts


class Facts(Strict):
    """All structured facts (``facts.yaml``)."""

    document: Document
    people: list[Person]
    visits: list[Visit]
    trade: list[TradeYear] = Field(min_length=1)
    trade_source: Texts
    trade_standing: TradeStanding
    goods: Goods
    investment: Investment
    joint_venture_sectors: list[Texts]
    officials: list[Official]
    ambassadors: list[Ambassador]
    embassies: list[Embassy]
    events: list[Event]
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

    ``aliases`` maps a name (a place, an organisation, a programme) to its other names and
    spellings in any language and script; ``concepts`` maps a notion to its words in each
    language. Both are read as the same concept before matching.
    """

    aliases: dict[NonEmpty, list[NonEmpty]]
    concepts: dict[NonEmpty, dict[LangCode, list[NonEmpty]]]
    # Countries, their adjectives and capitals that are neither Kazakhstan nor Italy, in any language.
    foreign_places: dict[NonEmpty, list[NonEmpty]]
    # What a question may ask that the document never states (an address, a population).
    unsupported_attributes: dict[LangCode, list[NonEmpty]]
    # Those of them that are a person's own (born, age): asked only of a person or a post named
    # ("quando è nato il gruppo?" asks when the group was set up).
    personal_attributes: list[NonEmpty] = Field(default_factory=list)
    # Those that ask a person's age: with a person named they ask it, whatever else is named
    # ("how old was Nazarbayev during his first visit?").
    age_attributes: list[NonEmpty] = Field(default_factory=list)
    # Concepts that ask for a detail as those attributes do ("chairman": who heads it).
    detail_concepts: list[NonEmpty] = Field(default_factory=list)
    # A detail (or an unsupported attribute's phrase) an entry gives by naming any of these
    # instead: an agreement tells what was signed even where its entry says "agreed" ("who
    # signed it?"); a year's turnover tells what trade "cost" ("сколько стоил товарооборот?").
    detail_shown_by: dict[NonEmpty, list[NonEmpty]] = Field(default_factory=dict)
    # Concepts that name the kind of fact asked for ("visit", "export"): an entry that never
    # mentions one the question uses cannot answer it, however many names it shares.
    focus_terms: list[NonEmpty] = Field(default_factory=list)
    # A focus concept is named by its first word in each language ("visit", "визит"), not by
    # every synonym ("came" may be a visit, but not in "what came of"); these words name it too.
    focus_words: dict[LangCode, list[NonEmpty]] = Field(default_factory=dict)
    # Words that name a focus only in a question that names a person: "has Renzi gone to
    # Kazakhstan?" asks for a visit, "how many singers have gone to La Scala?" does not.
    person_focus_words: dict[LangCode, list[NonEmpty]] = Field(default_factory=dict)
    # The two countries of the relations: their concepts (Kazakhstan, Italy) and their cities.
    countries: dict[Country, NonEmpty]
    cities: dict[NonEmpty, Country] = Field(default_factory=dict)
    # Every city, settlement and region the sheet names, each in the spellings replies use in
    # any language: a reply to "in which city?" or "in which region?" must name one (a word
    # starting with one of its spellings) other than those the question names.
    place_names: list[list[NonEmpty]] = Field(default_factory=list)
    # Concepts of things that belong to one country and stand in the other ("embassy").
    anchors: list[NonEmpty] = Field(default_factory=list)
    # Concepts that name a settlement: a country's adjective beside one says where such a
    # thing stands ("in which Italian city is Kazakhstan's embassy": Kazakhstan's, in Italy).
    settlements: list[NonEmpty] = Field(default_factory=list)
    # Concepts of things a country has at home: a country they stand in is theirs ("the new
    # government in Italy": Italy's), not a destination, as it is for a visit ("a visit to Italy").
    homes: list[NonEmpty] = Field(default_factory=list)
    # Concepts meaning "import": a country before them is where the goods go.
    importing: list[NonEmpty] = Field(default_factory=list)
    # The concept of the other way: the sheet tells trade from its own country's side, so
    # Italy's imports from Kazakhstan are read as Kazakhstan's exports (and the reverse).
    exporting: list[NonEmpty] = Field(default_factory=list)
    # Concepts that name traded things: a country's adjective beside one says where they come
    # from, whoever buys them ("which Kazakh goods does Italy buy?": Kazakhstan's exports).
    wares: list[NonEmpty] = Field(default_factory=list)
    # Adjectives of the two countries, in any language ("Kazakh", "итальянский"): a verb
    # before one ("visiting Kazakh officials") does not make the country a destination.
    adjectives: list[NonEmpty] = Field(default_factory=list)
    # What a follow-up may change of the last question ("and imports?" after "exports in
    # 2012"): a concept of a group replaces the last question's concepts of that group. The
    # people (with the posts listed under "person"), the years and the two countries (with
    # their cities) are groups of their own.
    followup_groups: dict[NonEmpty, list[NonEmpty]] = Field(default_factory=dict)


class GlossaryTerm(Strict):
    """An official term and its rendering in each language (Mazhilis, Мажилис, …)."""

    id: Slug
    term: Texts
    # Other ways the term is written; the questions that use them are understood too.
    variants: list[NonEmpty] = Field(default_factory=list)


class Glossary(Strict):
    """Official terms, used the same way in every answer (``glossary.yaml``)."""

    terms: list[GlossaryTerm]


# -- language packs -----------------------------------------------------------------------


class Detection(Strict):
    """What tells a message in this language from one in another of the same script."""

    letters: str = ""  # letters only this language uses (Kazakh ә ғ қ ң ө ұ ү һ і)
    words: list[NonEmpty] = Field(default_factory=list)  # frequent function words
    # the letters people type instead of those, when their keyboard lacks them (қ as к):
    # the language's own words typed so still tell it ("достык тобы")
    plain: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    # other letters typed instead of some of them ("і" as "ы" on a Russian keyboard: "елшысы")
    plain_also: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    # word endings only this language's words take among those of its script ("ашылуы"):
    # between languages whose words a message shares equally, they tell which it is
    endings: list[NonEmpty] = Field(default_factory=list)


class Stemming(Strict):
    """How words are reduced to stems: a Snowball algorithm, or suffixes stripped by rule."""

    snowball: NonEmpty | None = None
    # Words the algorithm would merge with unrelated ones, kept whole: Snowball reads
    # "direction" as "direct" and "international" as "intern".
    keep: list[NonEmpty] = Field(default_factory=list)
    # Suffix rules (for languages without a Snowball stemmer), longest first when applied;
    # "+ғы" strips "ғы" only after a consonant (a letter not in ``vowels``).
    # Cases tell direction: a word in "toward" case (dative, locative) is a destination.
    suffixes: list[NonEmpty] = Field(default_factory=list)
    vowels: str = ""
    toward: list[NonEmpty] = Field(default_factory=list)
    away: list[NonEmpty] = Field(default_factory=list)
    # ... and a partner ("with Italy"), whose country is neither the origin nor the destination.
    partner: list[NonEmpty] = Field(default_factory=list)
    # Letters that change back when an ending that starts with a vowel is stripped
    # ("елшілігі" → "елшілік").
    alternations: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    min_stem: int = Field(default=3, ge=1)

    @model_validator(mode="after")
    def _one_method(self) -> Stemming:
        if (self.snowball is None) == (not self.suffixes):
            raise ValueError("give either 'snowball' (an algorithm name) or 'suffixes'")
        return self


class DateStyle(Strict):
    """Babel patterns for one way of writing a date: a day, a month, a year.

    ``{name}`` inserts a month name from the pack's ``months`` list ``name`` (forms that
    Babel's locale data lacks, such as the Russian prepositional "в октябре").
    """

    day: NonEmpty
    month: NonEmpty
    year: NonEmpty


class Money(Strict):
    """How sums are written: ``{n}`` is the number, per currency and scale."""

    long: dict[NonEmpty, NonEmpty]  # "USD billion": "{n} billion US dollars"
    short: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)  # unused: "short" is the number alone


class Span(Strict):
    """How "how many years passed between A and B" is asked."""

    starts: list[NonEmpty]  # "how many years", "how long"
    # "how many months": a span asked in months, told in months where both dates give theirs
    months: list[NonEmpty] = Field(default_factory=list)
    # "how many days": the days between the two dates an answer states ("the two rounds of talks")
    days: list[NonEmpty] = Field(default_factory=list)
    between: list[NonEmpty]  # "between"
    joins: list[NonEmpty]  # "and"
    postposition: bool = False  # "A and B between" (Kazakh "арасында")
    # "from A to B" ("от A до B"; Kazakh "A-дан бастап B-ға дейін", after postposition)
    froms: list[NonEmpty] = Field(default_factory=list)
    tos: list[NonEmpty] = Field(default_factory=list)
    # "how many years after A did B": the word before A and the words that end it
    afters: list[NonEmpty] = Field(default_factory=list)
    thens: list[NonEmpty] = Field(default_factory=list)
    # "how many years later B opened than A": a comparative between B and A ("позже A")
    comparatives: list[NonEmpty] = Field(default_factory=list)
    # ... or before B, with A after "than": "на сколько лет раньше B занял пост, чем A"
    thans: list[NonEmpty] = Field(default_factory=list)
    # "how many years ago", "how long have": beside a start, the years count up to the sheet's date
    since: list[NonEmpty] = Field(default_factory=list)
    # "which came first, A or B": a word asking which was earlier, and the words between A and B
    earlier: list[NonEmpty] = Field(default_factory=list)
    # words that stand for the last answer's event as a side: "how many years after that"
    last: list[NonEmpty] = Field(default_factory=list)
    ors: list[NonEmpty] = Field(default_factory=list)
    # words that make a side the sheet's own date: "between the earthquake and the fact sheet"
    sheet: list[NonEmpty] = Field(default_factory=list)


class Ranges(Strict):
    """Words that make two years a range: "between 1995 and 2005", "from 1995 to 2005"."""

    between: list[NonEmpty] = Field(default_factory=list)
    start: list[NonEmpty] = Field(default_factory=list)
    end: list[NonEmpty] = Field(default_factory=list)
    # beside one year, what makes it a start: "since 2012", "с 2012 года", "2012 жылдан бері"
    onward: list[NonEmpty] = Field(default_factory=list)
    # one or two words from one year, what bounds the years asked without it: "before 2009",
    # "prima del 2009"; "after 2003", "dopo il 2003"
    before: list[NonEmpty] = Field(default_factory=list)
    after: list[NonEmpty] = Field(default_factory=list)


class Direction(Strict):
    """Words before a country that make it the destination or the origin."""

    toward: list[NonEmpty] = Field(default_factory=list)  # "to", "in", "visit", "give"
    # The prepositions alone: a verb before an adjective ("visiting Kazakh officials")
    # does not make the country a destination.
    prepositions: list[NonEmpty] = Field(default_factory=list)
    away: list[NonEmpty] = Field(default_factory=list)  # "from"
    skip: list[NonEmpty] = Field(default_factory=list)  # articles, possessives: "to the Kazakh market"
    # Words for a side beside a country's adjective: that country acts ("on the Italian side").
    sides: list[NonEmpty] = Field(default_factory=list)
    # Before a country, the partner: the other side acts ("trade with Italy"), and what it
    # imports comes from the partner ("импорт с Италией").
    partners: list[NonEmpty] = Field(default_factory=list)
    # What a name takes to be an owner ("Kazakhstan's"): never where a thing stands.
    owners: list[NonEmpty] = Field(default_factory=list)
    # Words right after a country's name that make it the destination: "Italy visit".
    toward_after: list[NonEmpty] = Field(default_factory=list)
    # Whether a bare country right after a thing that stands abroad says where it stands, as
    # in English keyword queries ("Italy embassy Kazakhstan"); in Russian it is the owner
    # ("посольство Италии").
    bare_after_thing: bool = False


class Followup(Strict):
    """How a message shows that it continues the conversation's last question."""

    # Phrases that open a follow-up: "and", "what about", "а", "e", "ал".
    starts: list[NonEmpty] = Field(default_factory=list)
    # Words that point back to what was just said: "he", "they", "он", "loro", "ол".
    pointers: list[NonEmpty] = Field(default_factory=list)
    # Phrases that ask for more of what was just told, besides it: "what other", "quali altre".
    # They point back to its subject, but ask no detail of the thing it told.
    more: list[NonEmpty] = Field(default_factory=list)
    # The year before or after the last question's: "the year before", "годом раньше".
    year_before: list[NonEmpty] = Field(default_factory=list)
    year_after: list[NonEmpty] = Field(default_factory=list)
    # ... and the same year: "that year", "в том году".
    year_same: list[NonEmpty] = Field(default_factory=list)
    # The years the last questions asked, one after the other: "both years" after "in 2012?",
    # "and in 2013?".
    years_both: list[NonEmpty] = Field(default_factory=list)
    # The events the last two answers told: "between these two events", "между ними".
    events_both: list[NonEmpty] = Field(default_factory=list)
    # The years before or after the last question's (its ``ranges`` bound): "before that", "до этого".
    before_that: list[NonEmpty] = Field(default_factory=list)
    after_that: list[NonEmpty] = Field(default_factory=list)
    # ... and words that say "before that" only where they end the message: "had he been to
    # Italy before?", not "before 2009" nor "before Pieri".
    before_that_final: list[NonEmpty] = Field(default_factory=list)
    # The other of the two countries than the last question's: "and the other one?", "e l'altro?".
    others: list[NonEmpty] = Field(default_factory=list)
    # Doubts of the last answer: "are you sure?", "я думал …": about it, whatever else they name.
    doubts: list[NonEmpty] = Field(default_factory=list)
    # Pointers that own the thing after them: "his embassy" is the last subject's (it replaces
    # the last question's ambassador), "в нём" is the last figure itself (kept beside the new).
    possessives: list[NonEmpty] = Field(default_factory=list)
    # Pointers to more than one: "their share" after "which countries?" is those countries'.
    plurals: list[NonEmpty] = Field(default_factory=list)


class YesNo(Strict):
    """How a yes/no question shows itself: its first words, its last words, or a particle anywhere."""

    starts: list[NonEmpty] = Field(default_factory=list)  # "did", "is it true", "è vero che"
    particles: list[NonEmpty] = Field(default_factory=list)  # "ли", "ма", "ме"
    ends: list[NonEmpty] = Field(default_factory=list)  # "… , is that right?", "… , è vero?"
    # last words before the number they guess: "… , was it 1999?" (not "how much was it?")
    guesses: list[NonEmpty] = Field(default_factory=list)


SmallTalkKind = Literal[
    "greeting", "thanks", "goodbye", "identity", "maker", "abilities", "currency", "contents", "source"
]


class LanguagePack(Strict):
    """Everything the engine knows of one language (``languages/<code>.yaml``)."""

    code: LangCode
    name: NonEmpty  # in the language itself, for the /language buttons
    locale: NonEmpty  # Babel locale
    default: bool = False
    script: Literal["latin", "cyrillic"]
    min_phrasings: int = Field(default=2, ge=1)
    detection: Detection
    stemming: Stemming
    # Letters written interchangeably, folded before matching (Russian "ё" as "е").
    folding: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    # How a language of another script is written in Latin letters: each letter or group of
    # letters and what it stands for ("q": "қ", "sh": "ш"). A question so written ("Qazaqstan
    # qashan …") is read in the language's own script.
    romanized: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    # Letters a Latin spelling mostly leaves out ("skolko" for "сколько"): a word so written
    # still counts as the language's own when it is one without them.
    romanized_silent: list[NonEmpty] = Field(default_factory=list)
    common_words: NonEmpty | None = None  # a file under knowledge/resources/words
    # Whether a long lower-case word that neither the word list nor the knowledge base knows
    # may be a name ("quando mattarella ha visitato …"): where the list holds most of the forms
    # a word takes; not where a word's case endings outrun it (Russian "визовый").
    lower_case_names: bool = False
    stopwords: list[NonEmpty]
    # How the asker says what they are, right before it ("I'm a", "я"): "I'm a student, …"
    # asks for no student figures.
    asker: list[NonEmpty] = Field(default_factory=list)
    # Other openings of a clause that says who asks, before the question ("student from Almaty
    # here, …", "I run a firm in Brescia - …"): the clause is no part of the question.
    introductions: list[NonEmpty] = Field(default_factory=list)
    # Words that join "who" to a name ("who is Pieri", "кто такая Мусаходжаева", "Досжан деген
    # кім"): such a question asks who the person is, whatever it asks after.
    copulas: list[NonEmpty] = Field(default_factory=list)
    # Endings a one-word name takes in the language's cases ("Елемесов" → "Елемесова"):
    # the name so written reads as the name.
    name_endings: list[NonEmpty] = Field(default_factory=list)
    question_words: list[NonEmpty]
    asks: dict[
        Literal["quantity", "date", "day", "person", "city", "place", "names", "reason"], list[NonEmpty]
    ]
    direction: Direction
    ranges: Ranges
    span: Span
    # Words that cue what a question asks of the facts (a change, a balance, the first …).
    cues: dict[NonEmpty, list[NonEmpty]]
    number_words: list[NonEmpty]  # words that state an amount ("ten", "twice")
    counts: list[NonEmpty] = Field(min_length=11)  # 0 … 10 in words
    # How many times, in words: "once", "twice" … (1, 2, …); and the nouns a count before
    # states a number of times with, "one" and "two" included ("two times", "due volte").
    repeats: list[NonEmpty] = Field(default_factory=list)
    repeat_units: list[NonEmpty] = Field(default_factory=list)
    ordinals: list[NonEmpty] = Field(min_length=10)  # first … tenth
    dates: dict[NonEmpty, DateStyle]
    months: dict[NonEmpty, list[NonEmpty]] = Field(default_factory=dict)
    money: Money
    # The two countries' names: "name", and any form a template asks for by style
    # ("{place:in}" → "Казахстане" in Russian); a style the pack lacks gives the name.
    countries: dict[Country, dict[NonEmpty, NonEmpty]]
    # Conjunctions for lists where the locale's data has none ("and": "және").
    lists: dict[Literal["and", "or"], NonEmpty] = Field(default_factory=dict)
    # A count with its noun in the form the number asks, by Babel's plural category
    # ("{n:years}" → "4 года", "5 лет"); "{n}" stands for the number.
    units: dict[NonEmpty, dict[Literal["zero", "one", "two", "few", "many", "other"], NonEmpty]] = Field(
        default_factory=dict
    )
    followup: Followup = Field(default_factory=Followup)
    yes_no: YesNo = Field(default_factory=YesNo)
    # Whole messages that are small talk, not questions ("thanks!", "who made you?"), by
    # kind; each kind's reply is the text "smalltalk_<kind>".
    smalltalk: dict[SmallTalkKind, list[NonEmpty]] = Field(default_factory=dict)

    @field_validator("countries")
    @classmethod
    def _named(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for country in ("KZ", "IT"):
            if "name" not in value.get(country, {}):
                raise ValueError(f"countries: give {country}'s 'name'")
        return value

    @field_validator("units")
    @classmethod
    def _other_form(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for unit, forms in value.items():
            if "other" not in forms:
                raise ValueError(f"units: give {unit!r} its 'other' form (the one every number may take)")
        return value

    @field_validator("months")
    @classmethod
    def _twelve(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, months in value.items():
            if len(months) != 12:
                raise ValueError(f"months {name!r}: give all twelve, January first")
        return value


class Corpus(Strict):
    """The whole validated knowledge base."""

    languages: dict[str, LanguagePack]
    topics: list[Topic]
    entries: list[Entry]
    facts: Facts
    lexicon: Lexicon
    glossary: Glossary
    texts: dict[NonEmpty, Texts]
    sheet: Sheet

    @property
    def default_language(self) -> str:
        """The language of replies when nothing tells which (the pack marked ``default``)."""
        return next(code for code, pack in self.languages.items() if pack.default)
