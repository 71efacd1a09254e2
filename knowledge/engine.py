"""Answer questions from the knowledge base: match, check, then answer, clarify or decline.

The engine reads each question in its language (detected from the text, or given), and
replies in that language. It returns structure (:class:`~knowledge.result.Answer`); the
front ends render it.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from string import Formatter
from typing import NamedTuple

from knowledge import locales
from knowledge.analysis import (
    ATTRIBUTE_PREFIX,
    COUNTRY_PREFIX,
    Analysis,
    Analyzer,
    Slot,
    SlotKind,
    StoredReader,
    StoredSlot,
)
from knowledge.collector import without_collection
from knowledge.detect import Detector
from knowledge.entities import Asks, Entities, Gives, Recognizer, asked_span, asked_words, asks, placed
from knowledge.followup import Followups, Frame, Sign
from knowledge.formatting import When
from knowledge.index import Document, Index, Mentions, Scored
from knowledge.language import Language, load_languages
from knowledge.paths import DATA_DIR
from knowledge.problems import KnowledgeError, Problem
from knowledge.renderers import FAMILY, FILTERS, ORDERED, Cues, Query, Rendered, Renderers
from knowledge.result import Answer, Candidate, Outcome, Source, Suggestion
from knowledge.schema import Corpus, Country, Entry, Event, LanguagePack, Topic
from knowledge.smalltalk import SmallTalk
from knowledge.text import (
    MAX_READ_CHARS,
    MAX_TOKENS,
    QUESTION_MARKS,
    asked_part,
    count_words,
    read_tokens,
    script_of,
    sentences,
    words_of,
)
from knowledge.textbook import AS_OF, TextBook, shorten
from knowledge.values import fact_values

# Decision thresholds, chosen on the development questions (see README, "How it decides").
ANSWER_SCORE = 0.50  # below this a match is never confident
CLARIFY_SCORE = 0.30  # below this nothing is close enough to suggest
LEAD = 0.06  # a confident answer must lead the runner-up by this much
# A lower match answers for higher ones that cannot only when this close to the best of them:
# further down, it shares a word with the question, not its subject ("Nazarbayev University").
NEXT_BEST_GAP = 0.1
TIE_RECALL = 0.02  # recall this close: the question does not tell two entries apart …
TIE_PRECISION = 0.3  # … unless one phrasing fits it much better
MIN_QUESTION_WEIGHT = 1.0  # below this a question names nothing specific
SUMMARY_CHARS = 60  # a partial answer's "what it does say" runs to at least this length
SPECIFIC_WEIGHT = 1.5  # a word this rare names something: the answer must speak of it
SUGGEST_RATIO = 0.75  # suggestions must score at least this share of the best
MAX_SUGGESTIONS = 3
OVERVIEW_ITEMS = 3  # what a topic command shows before its example questions
# Tables that make a good overview of their topic (not the people directory, say).
OVERVIEWS = frozenset({"visits", "officials", "trade", "ambassadors", "embassies", "milestones", "culture"})
MAX_QUESTION_CHARS = 1000  # longer input is cut: no question needs more
MAX_INPUT_CHARS = 4096  # where a long message's question is looked for (a Telegram message's most)
MAX_ECHOED = 40  # a user's words quoted back in a reply, at most
_COUNT_BATCH = 250  # entries whose phrasings are read (and their words counted) together
# A phrasing as the index keeps it: its text, then its slots.
_Phrasing = tuple[StoredSlot, ...]
_TEXT = itemgetter(1)  # of a (language, text) pair
# Joins passage ids in a source key: ids are lowercase slugs, and the key must fit a button's
# callback data and a deep link's start parameter ([A-Za-z0-9_-]).
PASSAGES = "P"
# What a span is asked in ("how many months …")
YEARS, MONTHS, DAYS = "years", "months", "days"
_CLAUSE = re.compile(r"[;:]\s+|\.\s+")  # where one statement of an answer ends
# A year 1800-2099 standing alone (as \b(1[89]\d\d|20\d\d)\b finds it): the first digit as a
# character class lets the regex engine skip to candidates, three times faster over long text.
_YEAR = re.compile(r"[12](?<!\w[12])(?:(?<=1)[89]|(?<=2)0)\d\d\b")


@dataclass
class _Question:
    """A question as read, worked out once: what it asks, its candidates, what each would say."""

    analysis: Analysis
    entities: Entities
    scored: list[Scored]  # as the index ranks them
    ranked: list[Scored]  # those that point the right way and speak of the kind of fact asked
    focus: frozenset[str]  # the kinds of fact the question names ("visit", "export")
    asks_age: bool = False  # "how old is Berlusconi?", "сколько лет Назарбаеву?"
    renders: dict[str, Rendered] = field(default_factory=dict)  # entry id → its reply
    rare: tuple[tuple[str, str], ...] | None = None  # its rare, known words (surface, key), once read

    @property
    def lang(self) -> str:
        """The language the question is read and answered in."""
        return self.analysis.lang

    def scored_for(self, entry_id: str) -> Scored | None:
        """How the index scored the entry ``entry_id`` for this question, if it did."""
        return next((s for s in self.scored if s.entry_id == entry_id), None)


@dataclass(frozen=True)
class _Decision:
    outcome: Outcome
    text: str
    entry: Entry | None
    confidence: float
    reason: str
    quotes: bool = False  # a decline that says what the entry does say (its passages are cited)
    also: tuple[Entry, ...] = ()  # other entries the reply tells too ("CICA, OSCE?"), cited with it


class Engine:
    """Matches questions against the knowledge base and renders replies.

    Pure and synchronous: the same question always gives the same answer.
    """

    @without_collection()
    def __init__(self, corpus: Corpus, languages: dict[str, Language] | None = None) -> None:
        self.corpus = corpus
        self.default = corpus.default_language
        self.languages = languages if languages is not None else load_languages(corpus.languages)
        self.texts = TextBook(corpus.texts, corpus.languages, fact_values(corpus.facts), self.default)
        self.entries = {e.id: e for e in corpus.entries}
        self._topics = {t.id: t for t in corpus.topics}
        lexicon, facts = corpus.lexicon, corpus.facts
        names: dict[str, list[str]] = {}
        for person in facts.people:
            names[person.id] = [*person.name.root.values(), *person.aliases]
        for canonical, variants in lexicon.aliases.items():
            names.setdefault(canonical, []).extend([canonical, *variants])
        for term in corpus.glossary.terms:
            names[term.id] = [*term.term.root.values(), *term.variants]
        for country, forms in lexicon.foreign_places.items():
            names[COUNTRY_PREFIX + country] = [country, *forms]
        concepts: dict[str, dict[str, list[str]]] = {k: dict(v) for k, v in lexicon.concepts.items()}
        attributes = set()
        for lang, phrases in lexicon.unsupported_attributes.items():
            for phrase in phrases:  # "date of birth" is one concept, not "date"
                concepts.setdefault(ATTRIBUTE_PREFIX + phrase, {})[lang] = [phrase]
                attributes.add(ATTRIBUTE_PREFIX + phrase)
        self.analyzer = Analyzer(
            self.languages,
            names,
            concepts,
            # Never "correct" a word into a reason to decline ("precius" is not "previous").
            uncorrectable=attributes,
            default=self.default,
        )
        # Each phrasing is read once: its words counted for the detector and the vocabulary,
        # its slots kept for the index.
        reader = self.analyzer.reader()
        read, phrased = _read_phrasings(corpus.entries, reader)
        spellings = [n for person in facts.people for n in (*person.name.root.values(), *person.aliases)]
        # the lexicon's words too: "акеледи" is "әкеледі", a word of no phrasing
        typed = {
            code: {
                **language.typed_forms(_concept_words(concepts, code)),
                **language.typed_forms(phrased.get(code, {})),
            }
            for code, language in self.languages.items()
        }
        self.detector = Detector(self.languages, phrased, spellings, typed)
        self._last_romanized: tuple[str, tuple[str, str] | None] = ("", None)
        self._last_detected: tuple[str, str | None] = ("", None)
        self._answers = {
            (e.id, lang): self.texts.fill(text, lang)
            for e in corpus.entries
            if e.answer is not None
            for lang, text in e.answer.root.items()
        }
        vocabulary = count_words(self._vocabulary())
        for counts in phrased.values():
            vocabulary.update(counts)
        self.analyzer.learn(vocabulary, typed)
        keys_of = self.analyzer.keys_of
        packs = corpus.languages
        # "пятый" and "пять" share a stem: an ordinal that reads as a count is no ordinal
        counted = frozenset().union(*(keys_of(w, code) for code, p in packs.items() for w in p.counts))
        cues = Cues(
            {
                cue: frozenset().union(
                    *(keys_of(w, code) for code, p in packs.items() for w in p.cues.get(cue, []))
                )
                for cue in {c for p in packs.values() for c in p.cues}
            },
            {
                n: frozenset().union(*(keys_of(p.ordinals[n - 1], code) for code, p in packs.items()))
                - counted
                for n in range(1, 11)
            },
        )
        countries = frozenset(lexicon.countries.values())
        self.renderers = Renderers(
            facts, self.texts, cues, keys_of, countries | cues["current"], frozenset(lexicon.focus_terms)
        )
        anchor_stems = {code: frozenset(heads) for code, heads in self._heads(lexicon.anchors).items()}
        self.recognizer = Recognizer(
            self.languages,
            people=[p.id for p in facts.people],
            countries=lexicon.countries,
            cities=lexicon.cities,
            adjectives=lexicon.adjectives,
            anchors=lexicon.anchors,
            anchor_stems=anchor_stems,
            settlements=lexicon.settlements,
            homes=lexicon.homes,
            importing=lexicon.importing,
            exporting=lexicon.exporting,
            wares=lexicon.wares,
            money=cues["money"],
            excepting=cues["except"],
        )
        self._attributes = frozenset(attributes) | frozenset(lexicon.detail_concepts)
        self._personal = frozenset(ATTRIBUTE_PREFIX + phrase for phrase in lexicon.personal_attributes)
        self._ages = frozenset(ATTRIBUTE_PREFIX + phrase for phrase in lexicon.age_attributes)
        self._shown_by = {  # a detail concept, or an attribute's phrase ("сколько стоит")
            detail if detail in lexicon.detail_concepts else ATTRIBUTE_PREFIX + detail: frozenset(keys)
            for detail, keys in lexicon.detail_shown_by.items()
        }
        # The years each entry states itself (not just the year of its "as of" date), noted as
        # the index reads each entry: its document is made for that one moment.
        self._stated: dict[str, frozenset[str]] = {}
        # "As of April 2014" dates a state; the years an entry states are those it is about.
        self._dated = {
            lang: re.compile(re.escape(self.texts.get(AS_OF, lang)), re.IGNORECASE)
            for lang in self.languages
            if AS_OF in self.texts
        }
        # What each entry says by language matters for the details only (see ``_check``).
        self.index = Index(
            self._documents(read),
            self.analyzer,
            tracked=self._attributes.union(*self._shown_by.values()),
            reader=reader,
        )
        self._mentions = Mentions(self.index)  # made when asked: a set per entry would double the index
        self._gives = Gives(
            _month_names(corpus),
            [w for p in packs.values() for w in p.number_words],
            _currencies(corpus),
            lexicon.place_names,
        )
        self._kazakhstan, self._italy = lexicon.countries["KZ"], lexicon.countries["IT"]
        self._importing, self._exporting = frozenset(lexicon.importing), frozenset(lexicon.exporting)
        self._cities = frozenset(lexicon.cities)
        # each country's cities, by the country's concept key
        self._towns = {
            key: frozenset(c for c, at in lexicon.cities.items() if at == code)
            for code, key in lexicon.countries.items()
        }
        self._countries = countries  # the two countries' concept keys
        self._places_named = countries | self._cities
        # The currencies (euro, dollar) say what a sum is in, not what a question is about.
        self._units = frozenset().union(
            *(self.analyzer.keys_of(word, code) for word in _currencies(corpus) for code in self.languages)
        )
        # What the sheet names that is no person, country or city: ENI, La Scala, Tempus.
        self._things = (
            frozenset(lexicon.aliases) | {t.id for t in corpus.glossary.terms}
        ) - self._places_named
        self._people = frozenset(p.id for p in facts.people)
        self._sides = {p.id: p.country for p in facts.people}
        self._anchors = frozenset(lexicon.anchors)  # things of one country in the other: an embassy
        self._visitors = frozenset(p for v in facts.visits for p in (v.person, v.with_person) if p)
        # What a question may be about by name: the second of two questions in one message
        # names one of its own.
        cities = self._places_named - self._countries
        self._subjects = self._things | self._people | cities | frozenset(lexicon.focus_terms)
        # the two countries, their towns and the kinds of fact (a visit): what a trip names
        towns = frozenset().union(*self._towns.values())
        self._places_and_visits = towns | {self._italy, self._kazakhstan} | frozenset(lexicon.focus_terms)
        self._named_sides = self._people | self._countries  # a span's side names someone, or a country
        self._settlement_kinds = frozenset(lexicon.settlements)  # "which city?" asks a kind of place
        # The posts people hold (the follow-up group they join): "who was the foreign minister
        # when …" asks for the holder of one.
        self._posts = frozenset(lexicon.followup_groups.get("person", ()))
        # Focus words as written: the head word of each focus concept ("visit", "визит"), not
        # its synonyms ("came" may be a visit, but not in "what came of").
        self._focus = self._heads(lexicon.focus_terms)
        # A verb of coming is a visit unless only a named thing came ("singers came to La Scala").
        self._coming: dict[str, dict[str, str]] = {code: {} for code in self.languages}
        self._person_focus: dict[str, dict[str, str]] = {code: {} for code in self.languages}
        for found, extra in (
            (self._coming, lexicon.focus_words),
            (self._person_focus, lexicon.person_focus_words),
        ):
            for code, words in extra.items():  # more words that name a focus, by language
                language = self.languages[code]
                for word in words:
                    key = next(iter(self.analyzer.keys_of(word, code)), None)
                    if key in lexicon.focus_terms:
                        said = language.words(word)  # a phrase as read ("e stato in"), a word by its stem
                        found[code][" ".join(said) if len(said) > 1 else language.stem(said[0])] = key
        self._first, self._last, self._money = cues["first"], cues["last"], cues["money"]
        self._scales = cues["scale"]
        self._ordinals = cues.ordinals
        # Numbers in words the counts do not read ("twelve"); not what follows a number in a
        # phrase of them ("екі рет": twice, "рет" a unit)
        self._uncounted = {
            code: frozenset(
                w for p in language.pack.number_words if len(ws := language.words(p)) == 1 for w in ws
            )
            - {w for p in language.pack.number_words for w in language.words(p)[1:]}
            for code, language in self.languages.items()
        }
        # "twice": 2; and the nouns a count states times with ("two times", "екі рет")
        self._repeats = {
            code: (
                {said: n for n, p in enumerate(language.pack.repeats, 1) if (said := language.words(p))},
                language.word_set(language.pack.repeat_units),
            )
            for code, language in self.languages.items()
        }
        # What picks one of a subject's events: "his first", "the second visit"
        self._ordered = self._first | self._last | frozenset().union(*self._ordinals.values())
        self._except, self._current = cues["except"], cues["current"]
        # the words of every post someone the sheet names holds ("ambassador", "rector")
        self._held_posts = frozenset().union(*self.renderers.visits.roles.values())
        # Cues of a comparison or a computation: its answer is no plain yes.
        comparing = ("change", "directed", "balance", "share", "rank", "sum", "average", "first", "last")
        self._comparing = frozenset().union(*(cues[c] for c in comparing))
        self._changing = cues["change"] | cues["directed"]
        self._directed = cues["directed"]
        self._spans = {code: _span_patterns(language) for code, language in self.languages.items()}
        self._ors = {code: _or_patterns(language) for code, language in self.languages.items()}
        self._since = {code: _since_pattern(language) for code, language in self.languages.items()}
        # the phrases that ask a span in months, as a question's words read them ("how many months")
        self._in_months = self._phrases(lambda pack: pack.span.months)
        # ... and in days ("how many days between the two rounds of talks")
        self._in_days = self._phrases(lambda pack: pack.span.days)
        # The words that stand for the last answer's event in a span: "how many years after that"
        self._lasts = {
            code: frozenset(w for p in language.pack.span.last for w in language.words(p))
            for code, language in self.languages.items()
        }
        # "more than", "меньше чем": a bound on a sum claimed, read as the words stand
        self._bounds = self._phrases(lambda pack: pack.cues.get("bound", []))
        # The countries a currency names ("долларов США"): no country a reply tells of
        self._currency_countries = {
            code: frozenset(
                k
                for k in self.analyzer.keys_of(" ".join(language.pack.money.long.values()), code)
                if k.startswith(COUNTRY_PREFIX)
            )
            for code, language in self.languages.items()
        }
        # "only", "solo": a claim that these are all ("only in 2007?" of visits in 1998 and 2007)
        self._onlys = self._phrases(lambda pack: pack.cues.get("only", []))
        # the words that make a side of a span the sheet's own date ("the date of the fact sheet")
        self._sheet_words = self._phrases(lambda pack: pack.span.sheet)
        # "after", "before" in a span: "how many years after A (was the last event)?"
        self._afters = self._phrases(lambda pack: pack.span.afters)
        # ... and "until" ("сколько лет прошло до открытия посольства?"): one side, from the last event
        self._one_side = self._phrases(lambda pack: [*pack.span.afters, *pack.span.tos])
        # each month's stems in each language ("наурыз", "marzo"): which month a claim names
        self._month_of = {code: _month_stems(language) for code, language in self.languages.items()}
        # "the number one import?", "бірінші орында ма?": a claim of first place
        self._tops = self._phrases(lambda pack: pack.cues.get("top", []))
        self._span_starts = self._phrases(lambda pack: pack.span.starts)
        self._span_words = {code: frozenset(" ".join(p).split()) for code, p in self._span_starts.items()}
        # the span between the two things a pair entry relates, by (entry, language, unit):
        # the same for every question that asks it, so worked out once
        self._pair_spans: dict[tuple[str, str, str], Answer | None] = {}
        self._sheet_date = facts.document.date
        # The dates each answer states through the facts ("{event.x:in}"), read when first asked.
        self._dates: dict[str, tuple[_NamedDate, ...]] = {}
        self._held: dict[str, When | None] = {}  # entry id → the start of a state it tells as held
        self._events = {e.id: e for e in facts.events}
        self._joins = {code: _joins(language) for code, language in self.languages.items()}
        # What every decline says, written once per language (it states the document's date).
        self._said = {lang: self.texts.get("capabilities", lang) for lang in self.languages}
        self._passages = {pid: passage.text for pid, (_, passage) in corpus.sheet.passages().items()}
        self._passage_ids = {text: pid for pid, text in self._passages.items()}
        # What each passage names and the years it states, read in the sheet's own language:
        # a topic filtered by a year or a name cites the passages that state it.
        sheet_lang = corpus.sheet.lang if corpus.sheet.lang in self.languages else None
        self._passage_terms = {
            pid: frozenset(_YEAR.findall(text))
            | (self.analyzer.keys_of(text, sheet_lang) if sheet_lang else frozenset())
            for pid, text in self._passages.items()
        }
        self.smalltalk = SmallTalk(self.languages)
        places = [*lexicon.countries.values(), *lexicon.cities]
        people = [p.id for p in facts.people]
        pair = (self._kazakhstan, self._italy)
        self.followups = Followups(
            self.languages, lexicon.followup_groups, people, places, self._attributes, pair
        )
        # The entries small talk offers as examples: those the first topics' examples reach.
        self._showcase = [
            answer.entry_id
            for topic in corpus.topics[:MAX_SUGGESTIONS]
            if (answer := self.ask(topic.examples.first(self.default, self.default))).answered
            and answer.entry_id is not None
        ]
        self.analyzer.forget()  # the build's words, stems and texts' keys: questions fill them anew
        words_of.cache_clear()
        self.index.forget()

    @classmethod
    def load(cls, root: Path = DATA_DIR) -> Engine:
        """Load, validate and index the knowledge base under ``root``.

        Raises:
            KnowledgeError: the files are invalid, or the engine lost an entry or a fact
                that the base's coverage list names (:mod:`knowledge.coverage`).
        """
        # Reading and validating YAML: only a build needs it, not an engine from the cache.
        from knowledge.coverage import lost_facts
        from knowledge.loader import load_corpus, read_coverage

        engine = cls(load_corpus(root))
        problems: list[Problem] = []
        coverage = read_coverage(root, problems)
        if coverage is not None:
            problems += lost_facts(engine, *coverage)
        if problems:
            raise KnowledgeError(problems)
        return engine

    # -- building -------------------------------------------------------------------

    def _vocabulary(self) -> list[str]:
        """Every text of the knowledge base but the phrasings: typos are corrected toward its words."""
        corpus, facts = self.corpus, self.corpus.facts
        texts = [k for e in corpus.entries for k in e.keywords] + list(self._answers.values())
        for person in facts.people:
            texts += [*person.name.root.values(), *person.aliases, *person.role.root.values()]
        for good in (*facts.goods.exports, *facts.goods.imports):
            texts += [*good.name.root.values(), *good.aliases]
        for project in facts.culture:
            texts += [*project.name.root.values(), *project.aliases, *project.summary.root.values()]
        texts += [t for e in facts.events for t in e.text.root.values()]
        texts += [t for s in facts.joint_venture_sectors for t in s.root.values()]
        texts += [t for o in facts.officials for x in (o.name, o.post) if x for t in x.root.values()]
        return texts

    def _heads(self, keys: list[str]) -> dict[str, dict[str, str]]:
        """Per language, the stem of each concept's head word (its first) → the concept.

        A head word counts as written: "visit", "визит" — not every synonym ("came"). So do
        its forms the stemmer leaves whole, those listed that start with it ("сапары").
        """
        heads: dict[str, dict[str, str]] = {}
        for code, language in self.languages.items():
            heads[code] = {}
            for key in keys:
                forms = self.corpus.lexicon.concepts.get(key, {}).get(code, [])
                words = language.words(forms[0]) if forms else ()
                if not words:
                    continue
                head = language.stem(words[0])
                for form in forms:
                    stem = language.stem(form) if len(language.words(form)) == 1 else ""
                    if stem.startswith(head):
                        heads[code][stem] = key
        return heads

    def _document(self, entry: Entry, read: tuple[_Phrasing, ...]) -> tuple[Document, frozenset[str]]:
        """The entry's document, its phrasings as ``read``, and the years it states itself."""
        # Made here, not kept from the reading: all entries' pairs at once would take 80 MiB at 100,000.
        phrasings = tuple(entry.questions.all())
        answers = (
            tuple((lang, self._answers[entry.id, lang]) for lang in entry.answer.root) if entry.answer else ()
        )
        # A fact entry covers the years and names of its data, so that a year in a question
        # points there; an entry dated "as of" covers the year of that date ("in 2014").
        data = self.renderers.context(entry) if entry.facts else []
        names = tuple(dict.fromkeys(w for w in data if not w.isdigit()))
        years = tuple(dict.fromkeys(w for w in data if w.isdigit()))
        undated = (self._undated(text, lang) for lang, text in answers)
        texts = chain(map(_TEXT, phrasings), entry.keywords, names, undated)
        stated = frozenset(_YEAR.findall(" ".join(texts))).union(years)
        if entry.as_of:
            years += (str(entry.as_of.year),)
        languages = tuple(self.languages)
        keywords = tuple((lang, k) for k in (*entry.keywords, *names) for lang in languages)
        context = tuple((self.default, y) for y in years)
        return Document(entry.id, phrasings, keywords, answers, context, read), stated

    def _phrases(self, of: Callable[[LanguagePack], Iterable[str]]) -> dict[str, tuple[str, ...]]:
        """Per language, the phrases ``of`` picks from its pack, as a question's words read them."""
        return {code: _spaced(language, of(language.pack)) for code, language in self.languages.items()}

    def _undated(self, text: str, lang: str) -> str:
        """``text`` without its "As of April 2014" (a statement's date, not what it is about)."""
        dated = self._dated.get(lang)
        return dated.sub("", text) if dated else text

    def _documents(self, read: deque[tuple[_Phrasing, ...]]) -> Iterator[Document]:
        """Each entry's document in file order, its phrasings as ``read``; noting the years it states."""
        stated: dict[frozenset[str], frozenset[str]] = {}  # most entries state the same few years
        for entry in self.corpus.entries:
            doc, years = self._document(entry, read.popleft())
            self._stated[entry.id] = stated.setdefault(years, years)
            yield doc

    # -- public API -----------------------------------------------------------------

    @property
    def topics(self) -> list[Topic]:
        """The topics, in the order the knowledge base lists them."""
        return list(self.corpus.topics)

    def detect(self, text: str) -> str | None:
        """The language ``text`` is written in, or None when it is too short to tell."""
        if self._last_detected[0] != text:  # an ask reads it twice: for its parts, then whole
            romanized = self._romanized(text)  # "Qazaqstan qashan …": Kazakh in Latin letters
            found = romanized[0] if romanized is not None else self.detector.detect(text)
            self._last_detected = (text, found)
        return self._last_detected[1]

    def _romanized(self, text: str) -> tuple[str, str] | None:
        """What :meth:`Detector.romanized` finds, remembered for the last text.

        An ask reads it up to three times.
        """
        if self._last_romanized[0] != text:
            self._last_romanized = (text, self.detector.romanized(text))
        return self._last_romanized[1]

    def language(self, text: str, lang: str | None = None, fallback: str | None = None) -> str:
        """The language to answer ``text`` in: ``lang`` if given, else detected, else ``fallback``."""
        if lang in self.languages:
            return lang  # no need to read the text
        detected = self.detect(text) if text else None
        chosen = self._first_known(detected, fallback)
        if detected is None and text and fallback not in self.languages:
            chosen = self._undetected(text, chosen, chosen=False)  # "Санта Чечилия" is not English
        return chosen

    def _first_known(self, *codes: str | None) -> str:
        return next((code for code in codes if code in self.languages), self.default)

    def ask(
        self,
        question: str,
        lang: str | None = None,
        fallback: str | None = None,
        context: Frame | None = None,
    ) -> Answer:
        """Answer a free-text question.

        Args:
            question: what the user wrote.
            lang: answer in this language whatever the question's (``--lang``).
            fallback: the language when the question is too short to tell ("Prodi?").
            context: what the conversation's last answer was about (its ``frame``): a
                follow-up ("and in 2012?") continues it.
        """
        # A long message puts its question last: that is what is read.
        asked = asked_part(question[:MAX_INPUT_CHARS])[:MAX_QUESTION_CHARS]
        if (romanized := self._romanized(asked)) is not None:
            asked = romanized[1]  # read in its own letters: "Qazaqstan" is "Қазақстан"
        whole = self.language(asked, lang, fallback or (context.lang if context else None))
        parts = self._parts(asked, whole)
        if parts is not None:  # "when were relations established and when did the embassy move?"
            first, second = (self._ask_one(part, lang, whole, context) for part in parts)
            # two entries may tell one thing: "the Secretary of State and Foreign Minister"
            if first.answered and second.answered and first.text != second.text:
                return self._sourced(_together(self._sourced(first), self._sourced(second)))
        return self._sourced(self._ask_one(asked, lang, fallback, context))

    def _ask_one(self, asked: str, lang: str | None, fallback: str | None, context: Frame | None) -> Answer:
        """Answer one question; unanswered, again without a preamble that greets or introduces."""
        answer = self._ask(asked, lang, fallback, context)
        if answer.outcome is not Outcome.ANSWER:
            # "Hello! I'm a student writing a thesis. What …?", "… ? We need it for a letter.":
            # the question alone, if it answers
            alone = self._without_afterword(self._without_preamble(asked, answer.lang), answer.lang)
            plain = self._ask(alone, lang, fallback, context) if alone != asked else answer
            if plain.answered and plain.lang == answer.lang:  # words cut make no other language
                answer = plain
        if context is None:
            return answer
        return replace(answer, frame=self.followups.remembering(answer.frame, context))

    def _parts(self, text: str, lang: str) -> tuple[str, str] | None:
        """The two questions of a message that asks two, joined by "and" ("… and when did …?").

        The first "and" with a question word and a word of substance on each side splits it,
        if the second names a subject of its own (a person, a place, a thing the sheet names, a
        visit, an embassy …) and does not point back: "who is Pieri and what did he do?", "…
        and on what date?" ask of one thing.
        """
        language = self.languages[lang]
        joins = self._joins[lang]  # the span's "and"
        read = " ".join(text[:MAX_READ_CHARS].split()[:MAX_TOKENS])  # as far as a question is read
        if joins is None or not joins.search(read):
            return None  # no "and": one question (taking off a preamble adds none)
        if self._spans_or_chooses(text, lang):
            return None  # a span or a "which came first" is read as one (its sides are answered)
        text = self._without_preamble(read, lang)  # without a greeting or words about the asker
        found = list(islice(joins.finditer(text), MAX_JOINS + 1))
        for at, match in enumerate(found[:MAX_JOINS]):
            left, right = text[: match.start()], text[match.end() :]
            sides = tuple(language.words(left)), tuple(language.words(right))
            if max(map(len, sides)) > MAX_SIDE_WORDS:
                return None  # no question of two takes that many words: a run of "and"s
            # the second question asks before any next "and": "when did kz and italy establish
            # relations and when did …" splits at the second
            clause = text[match.end() : found[at + 1].start()] if at + 1 < len(found) else right
            asked = (sides[0], tuple(language.words(clause)))
            if all(self._asks_of_something(words, language) for words in asked):
                # the first "and" between two questions, and only it, is read for a subject
                named = self.analyzer.keys_of(right, lang)
                if (
                    self._points_back_past(sides[1], lang)
                    or self._subjects.isdisjoint(named)
                    or self._is_two_events(left, lang)
                    or self._is_two_events(right, lang)
                ):
                    return None
                return left, right
        return None

    def _points_back_past(self, words: tuple[str, ...], lang: str) -> bool:
        """Whether ``words`` point back beyond themselves: "… and what did he do?".

        Not "… and when did Kazakhstan open its own embassy?": a person or a country before the
        pointer is what it points to.
        """
        at = self.followups.first_pointer(words, lang)
        if at is None:
            return False
        before = self.analyzer.keys_of(" ".join(words[:at]), lang) if at else frozenset()
        return before.isdisjoint(self._people | self._countries)

    def _is_two_events(self, text: str, lang: str) -> bool:
        """Whether ``text`` reads as "how long between A and B" or "which came first, A or B"."""
        return _span_parts(text, self._spans[lang]) is not None or (
            _alternative_parts(text, self._ors[lang]) is not None
        )

    def _spans_or_chooses(self, text: str, lang: str) -> bool:
        """Whether ``text`` is, or starts to be, a span or a "which came first" ("how many years …")."""
        if self._is_two_events(text, lang):
            return True
        return self._starts_span(text, lang)

    def _starts_span(self, text: str, lang: str) -> bool:
        """Whether ``text`` has the words that start a span ("how many years", "сколько лет")."""
        return _says(self.languages[lang].words(text[:MAX_READ_CHARS]), self._span_starts[lang])

    @staticmethod
    def _asks_of_something(words: tuple[str, ...], language: Language) -> bool:
        """Whether ``words`` have a question word and a word that names something."""
        asking = language.question_words
        return not asking.isdisjoint(words) and any(
            w not in asking and w not in language.stopwords and not w[0].isdigit() for w in words
        )

    def _without_preamble(self, text: str, lang: str) -> str:
        """``text`` without the sentences before its last that greet, say who the asker is, or ask nothing.

        "hey! first day using this. what was trade in 2013?": a statement before a question
        is no part of it.
        """
        parts = kept = sentences(text)
        language = self.languages[lang]
        asks_last = parts[-1].rstrip().endswith(QUESTION_MARKS) if parts else False
        while len(kept) > 1 and (
            self._preamble(kept[0], language) or (asks_last and self._statement(kept[0], language))
        ):
            kept = kept[1:]
        # "I'm a student, what ties …?", "hey, I run a firm in Brescia - what do we sell …?":
        # a clause, not a sentence, greets or says who asks; then one that asks nothing may go
        if len(kept) == 1:
            kept = [self._without_opening_clauses(kept[0], language)]
        return text if kept == parts else " ".join(kept)

    def _introduced(self, question: str, asked: str, lang: str) -> bool:
        """Whether what ``question`` says before ``asked`` greets or tells who asks: no part of what is asked.

        "I'm an Italian exporter. By how much …?" asks of no export; "I heard … . When did
        that mission start?" is read whole, its statement what "that" points to.
        """
        if asked == question or not question.endswith(asked):
            return False
        language = self.languages[lang]
        before = question[: len(question) - len(asked)]
        clauses = [c for part in sentences(before) for c in _CLAUSE_BREAK.split(part) if c.strip()]
        introduced = False
        for clause in clauses:
            if self._introduces(clause, language):
                introduced = True
            elif not self._opening(clause, language) and (not introduced or self._asks(clause, language)):
                # "Hey, quick one - my professor mentioned …": a statement the question points to;
                # "ciao, ma Prodi è andato in Kazakistan? quando?": a question before
                return False
        return bool(clauses)

    def _opening(self, clause: str, language: Language) -> bool:
        """Whether ``clause`` only greets ("Уважаемые коллеги") or says who asks ("I'm a student")."""
        greets = self.smalltalk.kind(tuple(language.words(clause)), language.code, frozenset()) == "greeting"
        return greets or self._introduces(clause, language)

    @staticmethod
    def _asks(clause: str, language: Language) -> bool:
        """Whether ``clause`` asks: a question mark, or a question word."""
        words = language.words(clause)
        return clause.rstrip().endswith(QUESTION_MARKS) or not language.question_words.isdisjoint(words)

    def _without_afterword(self, text: str, lang: str) -> str:
        """``text``'s last question, without the statements after it ("… ? Нужно для письма.").

        Read only when the message as a whole was not answered.
        """
        parts = sentences(text)
        asking = [i for i, part in enumerate(parts) if part.rstrip().endswith(QUESTION_MARKS)]
        if not asking:
            return text
        language = self.languages[lang]
        last = asking[-1]
        if not all(self._statement(part, language) for part in parts[last + 1 :]):
            return text
        head = parts[last - 1].rstrip() if last else ""
        # a statement that opens the question with a colon: "For a slide I need a list: which …?"
        first = last if head.endswith(":") and self._statement(head[:-1] + ".", language) else 0
        return " ".join(parts[first : last + 1])

    def _without_opening_clauses(self, sentence: str, language: Language) -> str:
        """``sentence`` without the clauses before its question that greet or say who asks."""
        dropped = False
        for _ in range(MAX_OPENING_CLAUSES):
            parts = _CLAUSE_BREAK.split(sentence, maxsplit=1)
            if len(parts) < 2 or not language.words(parts[1]):
                break
            head, rest = parts
            idle = dropped and self._asks(rest, language) and self._statement(head + ".", language)
            if not (self._preamble(head, language) or idle):
                break
            sentence, dropped = rest.strip(), True
        return sentence

    @staticmethod
    def _statement(sentence: str, language: Language) -> bool:
        """Whether ``sentence`` ends as a statement does and asks nothing (not "Which came first:")."""
        ends = sentence.rstrip().endswith((".", "!"))
        return ends and language.question_words.isdisjoint(language.words(sentence))

    def _preamble(self, sentence: str, language: Language) -> bool:
        """Whether ``sentence`` greets ("Hello!") or says who the asker is ("I'm a student …")."""
        words = tuple(language.words(sentence))
        greets = self.smalltalk.kind(words, language.code, frozenset()) is not None
        return greets or self._introduces(sentence, language)

    @staticmethod
    def _introduces(sentence: str, language: Language) -> bool:
        """Whether ``sentence`` starts by saying who the asker is ("I'm a student", "студентпін")."""
        words = tuple(language.words(sentence))
        return any(words[: len(phrase)] == tuple(phrase) for phrase in language.introductions)

    def _ask(self, question: str, lang: str | None, fallback: str | None, context: Frame | None) -> Answer:
        forced, fallback = lang, fallback or (context.lang if context else None)
        detected = self.detect(question) if question and forced not in self.languages else None
        lang = forced if forced in self.languages else self._first_known(detected, fallback)
        if detected is None and forced not in self.languages:
            lang = self._undetected(question, lang, chosen=fallback in self.languages)
        analysis = self.analyzer.read(question, lang)
        known = bool(forced) or detected is not None  # else small talk may be any language's
        chat = self._small_talk(question, analysis, [lang] if known else self._by_preference(lang))
        if chat is not None:
            kind, chat_lang = chat
            return self._chat(kind, forced or chat_lang)
        asked = self._without_preamble(question, lang)  # no side of a span in a greeting
        if self._introduced(question, asked, lang):  # "I'm an Italian exporter. By how much …?"
            analysis = self.analyzer.read(asked, lang)
        if context is not None:  # "that year", "both years": the years the last questions asked
            context = self.followups.of_both_years(analysis, self._of_its_year(analysis, context))
        span = self._span_of_context(asked, analysis, context) if context is not None else None
        if span is not None:
            return span
        if context is None or not self.followups.points_back(analysis):
            # "how many years between A and B?" names both its events: itself, in a conversation too
            span = self._two_events(asked, lang)
            if span is not None:
                return span
        sign = self.followups.sign(analysis, context) if context is not None else None
        if context is not None and sign is not None:
            answer = self._follow(analysis, context, sign)
        else:
            answer = self._reply(analysis)
        declined_follow_up = answer.followup and answer.outcome is Outcome.DECLINE  # "e quanti anni ha?"
        if (
            answer.outcome is not Outcome.ANSWER
            and not declined_follow_up
            and (pair := self._span_of_pair(asked, analysis, answer))
        ):
            return replace(pair, followup=answer.followup)  # "how many years between the two openings?"
        if answer.outcome is Outcome.ANSWER and (within := self._span_within(asked, analysis.lang, answer)):
            return replace(within, followup=answer.followup)
        return answer

    def _span_within(self, asked: str, lang: str, answer: Answer) -> Answer | None:
        """The span between the two years one answer states, asked "how many years after …".

        "Quanti anni dopo l'accordo i cantanti si sono formati alla Scala?": the agreement of
        2009 and the training of 2011, told by one entry, where the sides could not be split.
        """
        entry = self.entries.get(answer.entry_id or "")
        if (
            entry is None
            or answer.text != self._answers.get((entry.id, lang))
            or not self._starts_span(asked, lang)
        ):
            return None  # its plain answer only: not a table's rows, nor years already counted
        if not _says(self.languages[lang].words(asked), self._afters[lang]):
            return None
        years = sorted({int(y) for y in _YEAR.findall(self._undated(answer.text, lang))})
        if len(years) != 2:
            return None
        return self._span_told([(years[0], answer, entry), (years[1], answer, entry)], lang)

    def _span_of_pair(self, asked: str, analysis: Analysis, answer: Answer) -> Answer | None:
        """A span between the two things an entry about both relates, when the question names neither.

        "How many years apart were the two embassies opened?": the embassies entry relates
        Italy's and Kazakhstan's, each asked as its first phrasing does.
        """
        entry, lang = self.entries.get(answer.entry_id or ""), analysis.lang
        if entry is None or entry.facts is None or len(entry.related) != 2:
            return None  # not a family of facts that relates its two ("embassies": Italy's, Kazakhstan's)
        if not analysis.keys.isdisjoint(self._people) or not self._starts_span(asked, lang):
            return None  # "how old is Berlusconi?": of a person, not of two things
        if self._asks_age(analysis, self.recognizer.recognize(analysis)):
            return None  # "how old is Italy's ambassador?": read only when a span starts
        key = (entry.id, lang, self._span_unit(asked, lang))
        if key not in self._pair_spans:
            a, b = (self.entries[r].questions.first(lang, self.default) for r in entry.related)
            self._pair_spans[key] = self._years_between((a, b), lang, unit=key[2])
        return self._pair_spans[key]

    def _undetected(self, question: str, lang: str, chosen: bool) -> str:
        """The language of a message too short to tell: ``lang``, or one of the message's script.

        The conversation's language (``chosen``) holds unless the message writes more than
        names in another script: "а импорт?" after English is Russian, "Проди?" is not. With
        none chosen, the message's script tells: "Масимов Монти Астана" is not English.
        """
        ranked = [code for code, _ in self.detector.ranked(question)]
        if not ranked:
            return lang
        if not chosen:
            return ranked[0]  # its likeliest, a tie broken by the words it knows
        if lang in ranked:
            return lang
        read = self.analyzer.read(question, lang, correct=False)
        names = {w for s in read.slots if self._is_name(s.key) for w in s.surface.split()}
        return ranked[0] if any(w not in names and script_of(w) for w in read.words) else lang

    def _is_name(self, key: str) -> bool:
        """A person, a city, or a country: Kazakhstan, Italy or another."""
        return (
            key in self._people
            or key in self._cities
            or key in (self._kazakhstan, self._italy)
            or key.startswith(COUNTRY_PREFIX)
        )

    def _of_its_year(self, analysis: Analysis, context: Frame) -> Frame:
        """The last question with the one year its answer told, when "that year" has no other.

        "Масимов пен Монти қашан кездесті?" names no year; its answer tells 2012, the year
        of "and the trade turnover that year?".
        """
        if context.analysis.years or not self.followups.dates_by_last(analysis):
            return context
        year = self._year_of_last(context)
        return self.followups.dated(context, year) if year is not None else context

    def _year_of_last(self, context: Frame) -> int | None:
        """The year of the event the last answer told: its one year, or the one its question asked of."""
        entry = self.entries.get(context.entry_id or "")
        if entry is None:
            return None
        stated = self._stated.get(entry.id, frozenset())
        if len(stated) == 1:
            return int(next(iter(stated)))
        text = self._answers.get((entry.id, context.lang)) or self._answers.get((entry.id, self.default))
        return self._event_year(text, context.lang, context.analysis.keys) if text else None

    def _follow(self, analysis: Analysis, context: Frame, sign: Sign) -> Answer:
        """A follow-up: the merged question's answer, unless the message alone answers better.

        A message that opens with a cue or only changes a part ("and imports?") is the
        merged question; one that merely points back ("what do they work on?") may be a
        question of its own, read with the last question's one person ("he"). One dated by
        the last event ("that year", "before that") asks of its own topic in that year or of
        other events than that one. A follow-up that still cannot be resolved is never answered
        with something else: it gets the merged question's clarification or decline.
        """
        # two years asked of one entry: a change asked next is between them, of that entry
        last = context.entry_id if len({*context.earlier_years, *context.analysis.years}) > 1 else None
        if analysis.keys & self._changing and (
            not analysis.years or sign is Sign.STRONG or self._shares_topic(analysis, context)
        ):
            analysis, context = _compared(analysis, context)  # a year of its own: not another topic's
        only_asks = self.followups.only_asks(analysis)
        # "не үшін?", "in which city?": their words ask; they name nothing to look for
        asking = replace(analysis, slots=()) if only_asks else analysis
        together = self.followups.merge(context, asking)
        merged = replace(self._reply(together, added=self._added(asking), last=last), followup=True)
        if merged.entry_id != context.entry_id and _only_years(analysis):
            kept = self._that_year(together, context)
            if kept is not None:
                return kept
        if self.followups.doubts(analysis):
            if merged.entry_id == context.entry_id:
                return merged  # "are you sure? I thought it was Monti": the last answer, checked again
            if not any(s.key in self.index.idf for s in analysis.slots):
                return replace(self._reply(context.analysis), followup=True)  # "are you sure?": it again
        if self.followups.bounds_back(analysis) and (before := self._before_last(analysis, context)):
            return before
        if (theirs_asked := self._of_countries_named(analysis, context)) is not None:
            return theirs_asked  # "а какая у них доля?" after "which countries are ahead?": theirs
        shifted = self.followups.shifted(analysis, context)  # "that year": the last one's
        # a year of its own keeps the last question's reading ("why did he come in 2010?")
        personal = shifted if analysis.years else self._with_their_person(shifted, context)
        alone = self._reply(personal)
        if personal is shifted and any(self._leaves_them(a, analysis, context) for a in (merged, alone)):
            # "did he also go in 2012?" after Nazarbayev's trips: his, not Monti's talks that year
            theirs = self._with_their_person(shifted, context)
            if theirs is not shifted:
                return self._reply(theirs)
        if (
            alone.answered
            and self.followups.bounds_back(analysis)
            and shifted is not analysis
            and (personal is not shifted or not self.followups.points_back_past_year(analysis))
        ):
            # "which years did Nazarbayev visit Italy before that?", "when had he been in Italy
            # before that?": other events than the last one, before anything else is weighed; not
            # "did he come back later?" of someone the last answer alone named
            return self._said_alone(analysis, context, sign, merged, alone)
        asked_before = {s.key for s in context.analysis.slots}
        nothing_new = self.followups.named(analysis) <= asked_before  # "e in che anno è stato firmato?"
        unsure = merged.outcome is Outcome.CLARIFY and alone.answered  # "он" is the one it named
        if (
            merged.entry_id
            and not unsure
            and ((nothing_new and sign is Sign.STRONG) or self.followups.only_points_back(analysis))
        ):
            # "зачем приезжал?", "in which city?" ask nothing new, "who signed it?" of nothing
            # else: of the last subject, whatever it lacks
            return merged
        if merged.entry_id and sign is Sign.STRONG and self._asks_a_detail_alone(analysis):
            # "cosa hanno firmato?" after the talks, "e in quale città italiana?" after the
            # agreement: of the last subject, declined if it lacks it, not another entry's
            return merged
        if shifted is not analysis and self._speaks_of_none(merged, shifted):
            return alone  # "and the trade turnover that year?" after the talks: 2012's (or none)
        if alone.answered and alone.entry_id == merged.entry_id:
            if merged.answered and (self.followups.points_back(analysis) or analysis.keys <= self._changing):
                # "how much did they drop?", "what's the difference?" after exports: theirs,
                # not the turnover's
                return merged
            return self._said_alone(analysis, context, sign, merged, alone)
        if merged.answered and not self._names_them(merged, analysis):
            return alone  # "а Берлускони?" after the ambassador: not his ambassador's name
        detail = asks(analysis.words, self.languages[analysis.lang]) in _DETAIL_ASKS
        if (
            merged.answered
            and alone.outcome is Outcome.DECLINE
            and alone.entry_id
            and detail
            and self._points_at_last(analysis, context)
            and not self._names_someone_new(merged, analysis, context)
        ):
            return alone  # "who did he meet on that trip?": the sheet names no one he met
        declined = alone.outcome is Outcome.DECLINE
        if merged.answered and declined and self._new_subject(analysis, merged, alone):
            return alone  # "e quante sono le joint venture?" after the share: theirs, not given
        if merged.confidence < ANSWER_SCORE <= alone.confidence and declined and alone.entry_id:
            return alone  # "e Frattini è poi venuto ad Astana?" after his meeting: no such visit
        if merged.answered and not alone.answered:
            return merged
        if sign is Sign.STRONG and self._names_them(merged, analysis, someone=True):
            return merged  # "а Ренци?" after visits: no visit by Renzi, not his government
        unsure_of_it = (
            merged.outcome is Outcome.CLARIFY and merged.entry_id == context.entry_id and alone.answered
        )
        if (
            (merged.outcome is Outcome.DECLINE or unsure_of_it)
            and merged.entry_id
            and self.followups.points_back(analysis)
            and (detail or (alone.answered and self._points_at_last(analysis, context)))
            and not (alone.answered and self.followups.asks_more(analysis))
        ):
            # "Ол Италияның қай қаласында?" after Kazakhstan's embassy: "it" is that embassy,
            # whose city the sheet does not give; not Italy's embassy, read alone. "E cosa ha
            # firmato durante quella visita?" after Prodi's: that visit, not another signing.
            return merged
        if merged.answered and self._leaves_them(alone, analysis, context):
            return merged  # "did he sign anything on those trips?" after Berlusconi: his trips
        if (
            merged.outcome is Outcome.DECLINE
            and merged.entry_id == context.entry_id
            and self._leaves_them(alone, analysis, context, everyone=True)
        ):
            return merged  # "what did they sign there?" after Kazykhanov met Frattini: not the 2009 agreement
        if merged.answered and alone.entry_id != merged.entry_id and self._points_at_told(analysis, context):
            return merged  # "who signed that agreement?" after the singers: the one their answer told
        if alone.answered and (not merged.answered or sign is Sign.WEAK):
            return alone
        if alone.answered and personal is not shifted:
            return self._said_alone(analysis, context, sign, merged, alone)  # "he", of the last question
        return self._neither(analysis, sign, merged, alone)

    def _of_countries_named(self, analysis: Analysis, context: Frame) -> Answer | None:
        """A message pointing back at the other countries the last answer named when asked which.

        "А какая у них доля?" after "which countries are ahead of Italy?" asks Russia's and
        China's share, which the sheet does not give; not Italy's again. None unless so.
        """
        language = self.languages[context.lang]
        if asks(context.analysis.words, language) is not Asks.NAMES:
            return None
        if not self.followups.points_at_more_than_one(analysis):
            return None
        if any(s.key.startswith(COUNTRY_PREFIX) or s.key in self._countries for s in analysis.slots):
            return None  # it names its own country
        said = self._reply(context.analysis).text  # the last reply, as it was
        named = self.analyzer.keys_of(said, context.lang) - self._currency_countries[context.lang]
        others = sorted(k for k in named - context.analysis.keys if k.startswith(COUNTRY_PREFIX))
        if not others:
            return None
        slots = tuple(Slot(k, frozenset({k}), k, SlotKind.WORD) for k in others)
        answer = self._reply(replace(analysis, slots=(*analysis.slots, *slots)))
        return replace(answer, followup=True) if answer.outcome is Outcome.DECLINE else None

    def _with_their_person(self, analysis: Analysis, context: Frame) -> Analysis:
        """``analysis`` with the last question's one person, whom "he" points back to.

        "How many times had he visited Italy before that?" after Nazarbayev's agreement: his
        visits, read alone; not when the message names someone itself. Without one asked,
        the one the last answer named ("e le sue visite precedenti?" after the agreement).
        """
        if not analysis.keys.isdisjoint(self._people) or not self.followups.points_back_past_year(analysis):
            return analysis
        if self._things_of_its_own(analysis, context):
            return analysis  # "and that agreement? during whose visit …?" after the ambassador: its own
        asked = [s for s in context.analysis.slots if s.key in self._people]
        told = self._mentions.get(context.entry_id or "", frozenset()) & self._people
        if len({s.key for s in asked}) == 1:
            return replace(analysis, slots=(*analysis.slots, asked[0]))
        if not asked and len(told) == 1:
            person = next(iter(told))
            slot = Slot(person, frozenset({person}), person, SlotKind.WORD)
            return replace(analysis, slots=(*analysis.slots, slot))
        return analysis

    def _things_of_its_own(self, analysis: Analysis, context: Frame) -> bool:
        """Whether the message points back to a thing neither the last question nor its answer named.

        "and that agreement?" after the ambassador points to an earlier subject, not to him.
        """
        pointed = self.analyzer.keys_of(self.followups.pointers(analysis), analysis.lang)
        named = {k for k in pointed if k in self.corpus.lexicon.concepts or k in self._things}
        told = self._mentions.get(context.entry_id or "", frozenset()) | context.analysis.keys
        return bool(named - told)

    def _speaks_of_none(self, answer: Answer, shifted: Analysis) -> bool:
        """Whether ``answer``'s entry speaks of none of the concepts a dated message names itself.

        Dated by the last question's year (``shifted``): "the turnover that year" is no talks.
        """
        own = {s.key for s in shifted.slots if s.kind is SlotKind.WORD} - self._countries
        return bool(own) and own.isdisjoint(self._mentions.get(answer.entry_id or "", frozenset()))

    def _added(self, analysis: Analysis) -> frozenset[str]:
        """What a follow-up asking who or which adds to the last question: its concepts, not its asking words.

        "who funds it?": a funder, which the last answer must name; "how many times in all?"
        counts what it told.
        """
        language = self.languages[analysis.lang]
        if asks(analysis.words, language) not in (Asks.PERSON, Asks.NAMES):
            return frozenset()
        asking = asked_words(analysis.words, language)
        return frozenset(
            s.key
            for s in analysis.slots
            if s.key in self.corpus.lexicon.concepts
            and s.key not in self._ordered  # "who is first and second?": an order, not a thing
            and self.followups.group(s) is None
            and not set(s.surface.split()) <= asking
        )

    def _new_subject(self, analysis: Analysis, merged: Answer, alone: Answer) -> bool:
        """Whether the message names a thing the merged answer never speaks of and its own reply does."""
        if alone.entry_id is None or merged.entry_id is None:
            return False
        named = self.followups.named(analysis) & self.corpus.lexicon.concepts.keys()
        weights = {s.key: self.index.slot_weight(s, analysis.lang) for s in analysis.slots}
        rare = {k for k in named if weights.get(k, 0.0) >= SPECIFIC_WEIGHT}
        theirs, its_own = self._mentions[merged.entry_id], self._mentions[alone.entry_id]
        return bool(rare) and rare.isdisjoint(theirs) and rare <= its_own

    def _names_someone_new(self, merged: Answer, analysis: Analysis, context: Frame) -> bool:
        """Whether a "who" follow-up's merged answer names people neither question did.

        "And who was the Kazakh minister at that meeting?": the meeting's answer names him.
        """
        if asks(analysis.words, self.languages[analysis.lang]) is not Asks.PERSON:
            return False
        asked = (analysis.keys | context.analysis.keys) & self._people
        return bool(self.analyzer.keys_of(merged.text, merged.lang) & self._people - asked)

    def _points_at_last(self, analysis: Analysis, context: Frame) -> bool:
        """Whether the message points back at a thing the last question named ("that trip")."""
        pointers = self.followups.pointers(analysis)
        return bool(pointers) and not self.analyzer.keys_of(pointers, analysis.lang).isdisjoint(
            context.analysis.keys
        )

    def _points_at_told(self, analysis: Analysis, context: Frame) -> bool:
        """Whether the message points back at a thing the last answer told ("that agreement")."""
        pointed = self.analyzer.keys_of(self.followups.pointers(analysis), analysis.lang) - self._ordered
        told = self._mentions.get(context.entry_id or "", frozenset()) | context.analysis.keys
        return bool(pointed) and pointed <= told

    def _leaves_them(self, alone: Answer, analysis: Analysis, context: Frame, everyone: bool = False) -> bool:
        """Whether the message points back to the last question's person, read alone answered without them.

        The person may be the last answer's own, its only one: "сколько раз он ездил в
        Италию?" after "during whose visit?" (Nazarbayev's), not the officials' visits; or,
        with ``everyone``, any of its people ("they": Kazykhanov and Frattini).
        """
        asked = frozenset(s.key for s in context.analysis.slots) & self._people
        told = self._mentions.get(context.entry_id or "", frozenset()) & self._people
        people = asked or (told if len(told) == 1 or everyone else frozenset())
        if not people or not alone.answered or not self.followups.points_back_past_year(analysis):
            return False  # "the turnover that year?": of the year, not of the person
        return people.isdisjoint(self.analyzer.keys_of(alone.text, alone.lang))

    def _said_alone(
        self, analysis: Analysis, context: Frame, sign: Sign, merged: Answer, alone: Answer
    ) -> Answer:
        """Read alone, the message says what the merged question says: its own reply.

        The conversation goes on about the merged question after a cue ("а Проди когда?",
        then "а Ренци?") or when the message goes on with the last one's topic ("What was
        signed during the last visit?": whose); a question of its own starts afresh, or the
        last questions' words would pile up.
        """
        goes_on = sign is Sign.STRONG or self._shares_topic(analysis, context)
        return replace(alone, frame=(merged.frame if goes_on else None) or alone.frame)

    def _neither(self, analysis: Analysis, sign: Sign, merged: Answer, alone: Answer) -> Answer:
        """Neither reading answers: whose decline says what the sheet lacks.

        The merged question's, after a cue or when the message points back to the last
        subject ("why did he come?": not why); otherwise the message's own ("what's the
        weather in Astana?" is no detail of the last subject).
        """
        if sign is Sign.STRONG:
            return merged
        # "what did they sign at that meeting?": that meeting's decline, unless the message alone
        # finds an entry surer than the last subject's
        surer = alone.entry_id and alone.confidence > merged.confidence
        points_back = merged.entry_id and not surer and self.followups.points_back(analysis)
        return merged if points_back else alone

    def _shares_topic(self, analysis: Analysis, context: Frame) -> bool:
        """Whether the message names a concept the last question named, beyond years and countries."""
        before = {
            s.key for s in context.analysis.slots if s.kind is SlotKind.WORD and not self._is_name(s.key)
        }
        return any(s.key in before for s in analysis.slots if s.kind is SlotKind.WORD)

    def _names_them(self, answer: Answer, analysis: Analysis, someone: bool = False) -> bool:
        """Whether ``answer`` names every person and thing ``analysis`` names: a follow-up's are its subject.

        "and which university is involved in Tempus?" after the film festivals is about Tempus.
        Without one named, True, unless ``someone`` asks that there be one.
        """
        named = {s.key for s in analysis.slots} & (self._people | self._things)
        if not named:
            return not someone
        return named <= self.analyzer.keys_of(answer.text, answer.lang)

    def _by_preference(self, lang: str) -> list[str]:
        return [lang, *(code for code in self.languages if code != lang)]

    def _small_talk(self, question: str, analysis: Analysis, languages: list[str]) -> tuple[str, str] | None:
        """The kind of small talk ``question`` is and its language, trying ``languages`` in turn.

        A message too short to show its language ("спасибо") is small talk in whichever
        language has it.
        """
        for code in languages:
            read = analysis if code == analysis.lang else self.analyzer.read(question, code, correct=False)
            # Words of the knowledge base's entries must be part of the phrasing; others
            # ("thnks", "mad") may be a typo of it.
            content = frozenset(w for s in read.slots if s.key in self.index.idf for w in s.surface.split())
            kind = self.smalltalk.kind(read.words, code, content)
            if kind is None and read.corrections:
                # A word of small talk the knowledge base lacks was "corrected" to one it has
                # ("көмектестің" to "көмектесті"): try the words as written.
                written = {new: old for old, new in read.corrections}
                # ... whose words of the knowledge base count as written too ("misson start")
                as_written = content | {written[w] for w in content if w in written}
                kind = self.smalltalk.kind(tuple(written.get(w, w) for w in read.words), code, as_written)
            if kind is not None:
                return kind, code
        return None

    def _chat(self, kind: str, lang: str) -> Answer:
        """The reply to small talk, with example questions where it invites one."""
        text = self.texts.get(f"smalltalk_{kind}", lang, capabilities=self._capabilities(lang))
        suggestions: tuple[Suggestion, ...] = ()
        if kind in _INVITING:
            suggestions = tuple(
                Suggestion(e, self.entries[e].questions.first(lang, self.default)) for e in self._showcase
            )
        return Answer(Outcome.CHAT, text, suggestions=suggestions, lang=lang)

    def _reply(
        self,
        analysis: Analysis,
        yes_no: bool = True,
        added: frozenset[str] = frozenset(),
        last: str | None = None,
    ) -> Answer:
        """The answer to a question as read (alone, or merged with the last one).

        Without ``yes_no``, a yes/no question gets its answer without the yes (a side of "which
        came first, A or B", asked with Kazakh "ма"). ``added``: the concepts a follow-up
        merged into the last question adds, which its answer must explain. ``last``: the entry
        that answered the last questions of two years, which answers a change asked of it
        among choices ("what's the difference in percent?" after two years' trade).
        """
        lang = analysis.lang
        if not analysis.slots:
            empty = self.texts.get("empty", lang, capabilities=self._capabilities(lang))
            return Answer(Outcome.DECLINE, empty, lang=lang)
        if analysis.years and self._asks_years(analysis) and self._to_sheet(analysis):
            # "how many years … when the sheet was written in April 2014": where the count ends,
            # not a year to look for
            analysis = _without_years(analysis)
        question = self._parse(analysis)
        decision = self._explained(self._decide(question), question, added)
        decision = self._years_since(self._yes_or_no(decision, question) if yes_no else decision, question)
        decision = self._days_between(decision, question)
        decision = self._dated_correction(decision, question)
        decision = self._both_named(decision, question)
        text, outcome = decision.text, decision.outcome
        suggestions: tuple[Suggestion, ...] = ()
        if outcome is Outcome.CLARIFY:
            suggestions = self._suggestions(question.scored, lang)
            text = self.texts.get("clarify", lang)
            only = suggestions[0].entry_id if len(suggestions) == 1 else None
            if (
                decision.entry is not None
                and only == decision.entry.id
                and decision.confidence >= ANSWER_SCORE
            ):
                decision = self._one_choice(decision.entry, question)
                text, outcome, suggestions = decision.text, decision.outcome, ()
            elif (
                last is not None
                and last in {s.entry_id for s in suggestions}
                and not analysis.keys.isdisjoint(self._changing)
            ):
                decision = self._one_choice(self.entries[last], question)
                text, outcome, suggestions = decision.text, decision.outcome, ()
        return self._answer(replace(decision, text=text, outcome=outcome), question, suggestions)

    def _answer(
        self, decision: _Decision, question: _Question, suggestions: tuple[Suggestion, ...] = ()
    ) -> Answer:
        lang, entry = question.lang, decision.entry
        return Answer(
            decision.outcome,
            decision.text,
            entry.id if entry else None,
            round(decision.confidence, 4),
            suggestions,
            tuple(self._candidate(s) for s in question.scored[:5]),
            lang=lang,
            frame=Frame(lang, entry.id, question.analysis) if entry else None,
            source=self._cited(decision),
        )

    def _before_last(self, analysis: Analysis, context: Frame) -> Answer | None:
        """The last question bounded by the year its answer told ("and the one before?"); None if none.

        Only a message that names nothing of its own ("e prima di lui?" asks of a person).
        """
        if analysis.years:
            return None
        if not context.analysis.years and (event := self._last_event(context, analysis.lang)) is not None:
            context = self.followups.dated(context, event[0])  # "when was his last visit?": 2009
        bounded = self.followups.shifted(analysis, context)
        if bounded is analysis or self.followups.named(bounded) - {str(y) for y in bounded.years}:
            return None
        answer = self._reply(self.followups.merge(context, bounded))
        return replace(answer, followup=True) if answer.answered else None

    def _that_year(self, analysis: Analysis, context: Frame) -> Answer | None:
        """The last answer's own "nothing for that year", for a follow-up naming only a year.

        "and 2014?" after 2013's trade figures: none for 2014, not 2014's standing among the
        partners, which another entry dates "as of April 2014".
        """
        question = self._parse(analysis)
        entry = self.entries.get(context.entry_id or "")
        scored = question.scored_for(entry.id) if entry else None
        if entry is None or scored is None:
            return None
        decision = self._check(entry, question, scored)
        if decision is None or decision.reason not in (_NO_YEAR, _NONE_FOR):
            return None
        return replace(self._answer(decision, question), followup=True)

    def _explained(self, decision: _Decision, question: _Question, added: frozenset[str]) -> _Decision:
        """``decision``, or a decline of the detail when its answer leaves a rare concept of ``added`` out.

        "who funds it?" after the mission's research: the mission's answer names no funder.
        """
        entry = decision.entry
        if not added or decision.outcome is not Outcome.ANSWER or entry is None:
            return decision
        found = question.scored_for(entry.id)
        if found is None or not self._rare_unmatched(question, found) & added:
            return decision
        return self._partial(entry, question, found, _NO_ATTRIBUTE)

    def _one_choice(self, entry: Entry, question: _Question) -> _Decision:
        """One choice offered is no choice: it passed every check, so it answers.

        Unless the question asks of something it does not say ("what was signed during
        Prodi's visit in 2007?": his visits): then what it does say, as a detail not given.
        """
        found = question.scored_for(entry.id)
        assert found is not None  # offered as a choice: the index scored it
        if self._rare_unmatched(question, found):
            return self._partial(entry, question, found, "a rare word unexplained")
        return _Decision(Outcome.ANSWER, self._render(entry, question).text, entry, found.score, "one choice")

    def _cited(self, decision: _Decision) -> tuple[str, ...]:
        """The passages a decision names itself: those of the entries it tells (else the entry's, later)."""
        if decision.entry is None or not (decision.quotes or decision.also):
            return ()
        also = tuple(p for entry in decision.also for p in self._passages_of(entry))
        return tuple(dict.fromkeys((*self._passages_of(decision.entry), *also)))

    def _both_named(self, decision: _Decision, question: _Question) -> _Decision:
        """An answer about one of the things the question names, told with the others' entries.

        "Which initiatives did Italy support? CICA, OSCE?": one entry tells of CICA, another
        of the OSCE chairmanship; the reply tells both. Unchanged unless every thing is told.
        """
        entry = decision.entry
        if decision.outcome is not Outcome.ANSWER or entry is None:
            return decision
        named = {s.key for s in question.analysis.slots if s.key in self._things} - question.entities.excepted
        missing = named - self._mentions[entry.id]
        if not missing or missing == named:
            return decision
        texts, also = [decision.text], []
        for other in question.ranked[:MAX_SUGGESTIONS]:
            told = self.entries[other.entry_id]
            tells = missing & self._mentions[told.id]
            if told is entry or not tells or other.score < CLARIFY_SCORE:
                continue
            if self._check(told, question, other) is None:
                texts.append(self._render(told, question).text)
                also.append(told)
                missing -= tells
                if not missing:
                    break
        if missing:  # some thing named is told by none: the first answer alone
            return decision
        return replace(decision, text="\n\n".join(texts), also=tuple(also))

    def _parse(self, analysis: Analysis) -> _Question:
        """What a question asks and which entries may answer it, worked out once."""
        entities = self.recognizer.recognize(analysis)
        analysis = self._from_home(analysis, entities.origin)
        scored = self.index.search(analysis)
        unbounded = self._unbounded(analysis, entities)
        if unbounded is not analysis and (not scored or scored[0].score < ANSWER_SCORE):
            scored = self.index.search(unbounded)  # the entries that tell of 2005 do not answer
        # Skip candidates that point the other way (Italian embassy vs Kazakh embassy), and
        # those that never speak of the kind of fact asked for (a visit, an export).
        ranked = [s for s in scored if not self._wrong_direction(s, entities)] or scored
        language = self.languages[analysis.lang]
        stems = [language.stem(w) for w in analysis.words]
        heads, coming = self._focus[analysis.lang], self._coming[analysis.lang]
        focus = frozenset(heads[stem] for stem in stems if stem in heads)
        if entities.people or not any(s.key in self._things for s in analysis.slots):
            focus |= frozenset(coming[stem] for stem in stems if stem in coming)
        if entities.people:  # "has Renzi gone to …?"
            focus |= self._person_focus_of(analysis, language)
        ranked = [s for s in ranked if focus <= self._mentions[s.entry_id]]
        return _Question(analysis, entities, scored, ranked, focus, self._asks_age(analysis, entities))

    def _asks_age(self, analysis: Analysis, entities: Entities) -> bool:
        """Whether "how many years" asks of a person alone: their age, which the sheet never gives.

        "How old is Berlusconi?", "Сколько лет Назарбаеву?", and "how old is Italy's
        ambassador?" (a post, with the words that ask an age); not "how many years ago did
        Berlusconi come?" (a visit), nor "how old is the Kazakh embassy?" (no person).
        """
        posts = self._held_posts
        held = bool(entities.keys & posts) and not entities.keys.isdisjoint(self._attributes)
        if entities.people and not entities.keys.isdisjoint(self._ages):
            return True  # "how old was Nazarbayev during his first visit?": an age, whatever else it names
        if not (entities.people or held) or not self._asks_years(analysis):
            return False
        language = self.languages[analysis.lang]
        asking = asked_words(analysis.words, language) | self._span_words[analysis.lang] | language.copulas
        return all(
            s.key in self._people
            or (held and (s.key in posts or s.key in self._current or s.key in self._countries))
            or s.key.startswith(COUNTRY_PREFIX)
            or s.key in self._attributes
            or s.kind is SlotKind.YEAR  # "how old was he in 2011?"
            or set(s.surface.split()) <= asking
            for s in analysis.slots
        )

    def _unbounded(self, analysis: Analysis, entities: Entities) -> Analysis:
        """The question without a year that only bounds the years asked, to search again.

        "Who visited Kazakhstan after 2005?" asks of no entry's 2005: its year and its "after"
        gather the entries that tell of 2005 instead of the visits.
        """
        bound = next((y for y in (entities.until, entities.after, entities.onward) if y is not None), None)
        if bound is None or entities.year_range:
            return analysis
        language = self.languages[analysis.lang]
        bounding = language.range_before | language.range_after | language.range_onward | language.range_end
        slots = tuple(
            s for s in analysis.slots if s.key != str(bound) and not set(s.surface.split()) <= bounding
        )
        return replace(analysis, slots=slots)

    def _from_home(self, analysis: Analysis, origin: str | None) -> Analysis:
        """A flow named from the partner's side, as the sheet tells it, from Kazakhstan's.

        "Which Kazakh goods does Italy buy?": goods from Kazakhstan, bought by Italy, are
        Kazakhstan's exports; "what does Italy sell to Kazakhstan?", its imports.
        """
        flows = {"KZ": (self._importing, self._exporting), "IT": (self._exporting, self._importing)}
        named_as, told_as = flows.get(origin or "", (frozenset(), frozenset()))
        keys = analysis.keys
        if not named_as & keys or told_as & keys or not told_as:
            return analysis
        key = min(told_as)
        slots = tuple(
            replace(s, key=key, terms=s.terms - named_as | {key}) if s.key in named_as else s
            for s in analysis.slots
        )
        return replace(analysis, slots=slots)

    def answer_entry(self, entry_id: str, lang: str | None = None) -> Answer:
        """The answer of one entry, as when a user picks a "did you mean" choice.

        An unknown id (stale or tampered) gives a decline that says so.
        """
        lang = lang if lang in self.languages else self.default
        entry = self.entries.get(entry_id)
        if entry is None:
            return Answer(Outcome.DECLINE, self.texts.get("stale_choice", lang), lang=lang)
        rendered = self._render(entry, self._empty_entities(lang))
        outcome = Outcome.ANSWER if rendered.answered else Outcome.DECLINE
        # What the conversation is about now: the entry, as its first question asks it.
        asked = self.analyzer.analyze(entry.questions.first(lang, self.default), lang, correct=False)
        answer = Answer(outcome, rendered.text, entry.id, 1.0, lang=lang, frame=Frame(lang, entry.id, asked))
        return self._sourced(answer)

    def source(self, key: str, lang: str | None = None) -> Source | None:
        """The passages an answer's ``source_key`` names, quoted exactly (None if none now).

        The key is an entry's id (its passages) or :data:`PASSAGES` and passage ids joined by
        it; a key from before a reload that removed them gives None.
        """
        entry = self.entries.get(key)
        ids = key.split(PASSAGES)[1:] if entry is None and key.startswith(PASSAGES) else []
        if entry is not None:
            passages = self._passages_of(entry)
        elif ids and all(p in self._passages for p in ids):
            passages = tuple(self._passages[p] for p in ids)
        else:
            return None
        lang = lang if lang in self.languages else self.default
        return Source(self.texts.get("source_heading", lang), passages)

    def _sourced(self, answer: Answer) -> Answer:
        """``answer`` with the passages it rests on (an entry's, if it names none) and their key."""
        if not answer.source and answer.answered and answer.entry_id in self.entries:
            answer = replace(answer, source=self._passages_of(self.entries[answer.entry_id]))
        if not answer.source:
            return answer
        ids = tuple(self._passage_ids[text] for text in answer.source)
        entry = self.entries.get(answer.entry_id or "")
        key = entry.id if entry is not None and ids == tuple(entry.source) else PASSAGES + PASSAGES.join(ids)
        return replace(answer, source_key=key)

    def _passages_of(self, entry: Entry) -> tuple[str, ...]:
        return tuple(self._passages[p] for p in entry.source)

    def topic(self, topic_id: str, argument: str = "", lang: str | None = None) -> Answer:
        """A topic overview; ``argument`` filters its structured facts (``/visits 2009``)."""
        lang = lang if lang in self.languages else self.default
        topic = self._topics[topic_id]
        entries = [e for e in self.corpus.entries if e.topic == topic_id]
        if argument:
            return self._sourced(self._topic_filtered(topic, entries, argument, lang))
        # An overview: the topic's tables, then answers that do not restate them; three in all.
        empty = self._empty_entities(lang)
        shown: list[Entry] = []
        texts: dict[str, str] = {}  # entry id → what it says, each rendered once
        for entry in (e for e in entries if e.facts in OVERVIEWS):  # its tables, each once
            if len(shown) < OVERVIEW_ITEMS:
                text = self._render(entry, empty).text
                if text not in texts.values():
                    shown.append(entry)
                    texts[entry.id] = text
        for entry in entries:  # skip what merely restates a shown entry (its related ones)
            restates = any(entry.id in s.related or s.id in entry.related for s in shown)
            if len(shown) < OVERVIEW_ITEMS and entry.answer is not None and not restates:
                shown.append(entry)
        parts = [f"{topic.title.get(lang)}: {topic.description.get(lang)}"]
        parts += [texts.get(e.id) or self._render(e, empty).text for e in shown]
        parts.append(self._topic_hint(topic, lang))
        cited = tuple(dict.fromkeys(self._passages[p] for e in shown for p in e.source))
        first = shown[0].id if shown else None
        return self._sourced(Answer(Outcome.ANSWER, "\n\n".join(parts), first, 1.0, lang=lang, source=cited))

    def _topic_filtered(self, topic: Topic, entries: list[Entry], argument: str, lang: str) -> Answer:
        """A topic's facts filtered by a year or a name, or the argument asked as a question."""
        analysis = self.analyzer.read(argument[:MAX_QUESTION_CHARS], lang)
        entities = self.recognizer.recognize(analysis)
        wanted = {"years"} if entities.years else set()
        wanted |= {"people"} if entities.people else set()
        takers = [e for e in entries if e.facts and wanted & FILTERS.get(e.facts, set())]
        if takers:
            rendered = [(e, self._render(e, entities)) for e in takers]
            good = [(e, r.text) for e, r in rendered if r.answered]
            if good:
                text = "\n\n".join(dict.fromkeys(t for _, t in good))
                return self._filtered_answer([e for e, _ in good], entities, text, lang)
            text = rendered[0][1].text + "\n\n" + self._topic_hint(topic, lang)
            return Answer(Outcome.DECLINE, text, lang=lang)
        # Otherwise the argument is a question within the topic ("/investment 1994"); then with
        # the topic's title, unless the argument fills what is read of a question.
        questions = [argument]
        if not _fills_reading(argument):
            questions.append(f"{argument} {topic.title.get(lang)}")
        for question in questions:
            answer = self.ask(question, lang=lang)
            if answer.answered and answer.entry_id and self.entries[answer.entry_id].topic == topic.id:
                return answer
        shown = shorten(argument, MAX_ECHOED)
        text = self.texts.get("topic_bad_argument", lang, argument=shown, command=topic.id)
        return Answer(Outcome.DECLINE, text + "\n\n" + self._topic_hint(topic, lang), lang=lang)

    def _filtered_answer(self, entries: list[Entry], entities: Entities, text: str, lang: str) -> Answer:
        """A topic's facts filtered by ``entities``, citing the passages that state the filter.

        A passage states it when it names every person asked for and one of the years. Of
        the entries that gave ``text``, the one that cites most of those passages is the
        reply's (its follow-ups continue it); without such passages, the first entry's own.
        """
        years, people = {str(y) for y in entities.years}, set(entities.people)
        ids = [
            p
            for p in dict.fromkeys(p for e in entries for p in e.source)
            if people <= self._passage_terms[p] and (not years or years & self._passage_terms[p])
        ]
        entry = max(entries, key=lambda e: len(set(e.source).intersection(ids)))
        cited = tuple(self._passages[p] for p in ids) if ids else self._passages_of(entry)
        return Answer(Outcome.ANSWER, text, entry.id, 1.0, lang=lang, source=cited)

    # -- arithmetic over dated answers -------------------------------------------------

    def _two_events(self, question: str, lang: str) -> Answer | None:
        """Two events: "how many years between A and B", else "which came first, A or B"; one reading.

        Each side is answered as a plain question (never as another span), once more at most
        with the other's words, so the work is bounded whatever the question holds.
        """
        parts = _span_parts(question, self._spans[lang])
        if parts is not None:
            return self._years_between(parts, lang, unit=self._span_unit(question, lang))
        parts = _alternative_parts(question, self._ors[lang])
        return self._which_first(parts, lang) if parts is not None else None

    def _span_unit(self, question: str, lang: str) -> str:
        """What a span is asked in: "how many months after …", "… days …", else years."""
        words = self.languages[lang].words(question)
        if _says(words, self._in_days[lang]):
            return DAYS
        return MONTHS if _says(words, self._in_months[lang]) else YEARS

    def _years_between(self, parts: tuple[str, str], lang: str, *, unit: str = YEARS) -> Answer | None:
        """Answer "how many years (or months) between A and B" from the dates of A's and B's answers."""
        sheet = [_says(self.languages[lang].words(part), self._sheet_words[lang]) for part in parts]
        if sheet.count(True) == 1:
            return self._to_sheet_date(parts[sheet.index(False)], lang)
        parts, shared = self._shared_subject(
            self._countries_first(self._subject_moved(self._subject_first(parts, lang), lang), lang), lang
        )
        sides = self._dated_sides(parts, lang)
        if (
            sides is not None
            and sides[0][0] == sides[1][0]
            and (moved := self._person_moved(parts, lang, alone=True))
        ):
            # "… dopo l'avvio delle relazioni il presidente Scalfaro è venuto": one year for both
            # sides, Scalfaro read as the first's; he is the second's subject
            sides = self._dated_sides(moved, lang) or sides
        if sides is None:
            return None  # not both dated: let ordinary matching handle the question
        (year_a, _, entry_a), (year_b, _, entry_b) = sides
        if entry_a is entry_b and year_a == year_b and not shared:
            return None  # one event, not two: "how long did the project between A and B run"
        return self._span_told(sides, lang, unit=unit)

    def _to_sheet_date(self, side: str, lang: str) -> Answer | None:
        """From the event ``side`` names to the sheet's own date: "… and the date of the fact sheet"."""
        answer, year = self._dated_side(side, lang)
        entry = self.entries.get(answer.entry_id or "")
        if year is None or entry is None:
            return None
        when = self._date_in(entry, year) or When(str(year))
        text = self._since_text(when, self._sheet_date.year, lang, _first_sentence(answer.text))
        if text is None:
            return None
        source = tuple(self._passages[p] for p in entry.source)
        return Answer(Outcome.ANSWER, text, entry.id, answer.confidence, lang=lang, source=source)

    def _span_to_last(self, text: str, lang: str, context: Frame) -> Answer | None:
        """A span one of whose sides stands for the last answer's event: "how many years after that …".

        The other side is answered plainly, with the words the pointing side has before its
        pointer ("… after relations were established was that?": "established").
        """
        parts = _span_parts(text, self._spans[lang])
        if parts is None and self._starts_span(text, lang):
            parts = (text, "")  # "через сколько лет после установления отношений это было?": one side
        pointed = self._pointing_side(parts, lang) if parts is not None else None
        if (
            pointed is None
            and parts == (text, "")
            and (after := _said_after(self.languages[lang].words(text), self._one_side[lang]))
        ):
            # "quanti anni dopo l'apertura dell'ambasciata?": from it to the last event
            parts, pointed = (after, ""), (1, [])
        last = self._last_event(context, lang) if pointed is not None else None
        if parts is None or pointed is None or last is None:
            return None
        at, rest = pointed
        other, other_year = self._dated_side(" ".join([parts[1 - at], *rest]), lang)
        if other_year is None or other.entry_id is None:
            return None
        if other.entry_id == last[2].id and other_year == last[0]:
            return None  # the last event itself, not another
        told = [last, (other_year, other, self.entries[other.entry_id])]
        return self._span_told(sorted(told, key=itemgetter(0)), lang, unit=self._span_unit(text, lang))

    def _asks_a_detail_alone(self, analysis: Analysis) -> bool:
        """Whether the message names nothing but a detail or a kind of place (and the two countries)."""
        asked = analysis.keys - self._countries
        return bool(asked) and asked <= self._attributes | self._settlement_kinds

    def _span_of_context(self, text: str, analysis: Analysis, context: Frame) -> Answer | None:
        """A span of what the conversation told: its last two events, or the last and another."""
        return self._span_of_last_two(text, analysis, context) or self._span_to_last(
            text, analysis.lang, context
        )

    def _span_of_last_two(self, text: str, analysis: Analysis, context: Frame) -> Answer | None:
        """The events of the last two answers: "how many years between these two events?"."""
        lang = analysis.lang
        if context.before is None or not self._starts_span(text, lang):
            return None
        if not self.followups.points_to_both_events(analysis):
            return None
        sides = [self._told_event(frame, lang) for frame in (context.before, context)]
        if sides[0] is None or sides[1] is None or sides[0][::2] == sides[1][::2]:
            return None  # not both dated, or one event told twice
        told = sorted((sides[0], sides[1]), key=itemgetter(0))
        return self._span_told(told, lang, unit=self._span_unit(text, lang))

    def _told_event(self, frame: Frame, lang: str) -> tuple[int, Answer, Entry] | None:
        """An earlier answer's event, as ``_last_event``; dated by the one thing its entry dates, if so.

        "And when was the agreement signed?" after "his first visit": 2009, not the first of
        the visits its answer lists (the question's "first" lives on in its frame).
        """
        event = self._last_event(frame, lang)
        if event is None:
            return None
        once = self._once_of(event[2])
        return event if once is None else (once.year, event[1], event[2])

    def _pointing_side(self, parts: tuple[str, str], lang: str) -> tuple[int, list[str]] | None:
        """Which side points back ("that", "это"), and its words before the pointer; None if not one.

        Before the pointer stand words of the other side ("… established was it"), after it
        words of the last event ("it signed"). Not "his first" (an event of the last subject)
        nor "did it move to Astana" (what "it" is, named after it).
        """
        language, lasts = self.languages[lang], self._lasts[lang]
        sides = [language.words(part) for part in parts]
        pointing = [not lasts.isdisjoint(words) for words in sides]
        if pointing.count(True) != 1:
            return None
        at = pointing.index(True)
        pointer = next(i for i, w in enumerate(sides[at]) if w in lasts)
        rest = [w for w in sides[at][:pointer] if w not in language.stopwords]
        named = self.analyzer.read(" ".join(rest), lang, correct=False).keys
        then = self.analyzer.read(" ".join(sides[at][pointer + 1 :]), lang, correct=False).keys
        if not named.isdisjoint(self._ordered) or not then.isdisjoint(self._subjects):
            return None
        return at, rest

    def _last_event(self, context: Frame, lang: str) -> tuple[int, Answer, Entry] | None:
        """The year of the event the last answer told, that answer (in ``lang``) and its entry."""
        frame = self.followups.translate(context, lang) if context.lang != lang else context
        last = self._reply(frame.analysis, yes_no=False)
        year = self._event_year(last.text, last.lang, frame.analysis.keys) if last.answered else None
        if year is None or last.entry_id is None:
            return None
        return year, last, self.entries[last.entry_id]

    def _span_told(self, sides: list[tuple[int, Answer, Entry]], lang: str, *, unit: str = YEARS) -> Answer:
        """The years between two dated events, earlier first, each told as this bot tells it.

        Asked in months, the months, where both events are dated to the month.
        """
        if unit == DAYS and (days := self._days_told(sides, lang)) is not None:
            return days
        if unit != YEARS and (months := self._months_told(sides, lang)) is not None:
            return months
        (year_a, answer_a, entry_a), (year_b, answer_b, entry_b) = sides
        # Each event in the sheet's words as this bot tells them, not the asker's; once if both
        # are told by one answer ("between his first and last visit").
        a, b = _first_sentence(answer_a.text), _first_sentence(answer_b.text)
        n = year_b - year_a
        restated = _restates(a, entry_a, b, entry_b)
        exact = self._exact_span(entry_a, year_a, entry_b, year_b, lang)
        if restated and not exact:  # a table's side has no month; the entry telling both may
            exact = self._exact_span(entry_b, year_a, entry_b, year_b, lang)
        text = self.texts.get(
            _YEARS_BETWEEN.get(n, "years_between"),
            lang,
            a=a,
            b="" if restated else b,
            year_a=year_a,
            year_b=year_b,
            n=n,
            exact=exact,
        ).strip()
        return self._told_both(text, sides, lang)

    def _months_told(self, sides: list[tuple[int, Answer, Entry]], lang: str) -> Answer | None:
        """The months between two events dated to the month, earlier first; None if either is not."""
        span = self._month_span(sides[0][2], sides[0][0], sides[1][2], sides[1][0])
        if span is None:  # a table's reply ("in the post since June 2011"): the months it writes
            span = self._month_span_told(sides, lang)
        if span is not None and span[2] < 0:  # sides of one year, in the order they were asked
            sides = sides[::-1]
            span = span[1], span[0], -span[2]
        if span is None or span[2] <= 0:
            return None
        (_, answer_a, _), (_, answer_b, _) = sides
        start, end, months = span
        a, b = _first_sentence(answer_a.text), _first_sentence(answer_b.text)
        text = self.texts.get(
            "months_between", lang, start=start, end=end, n=months, a=a, b=b if b != a else ""
        ).strip()
        return self._told_both(text, sides, lang)

    def _days_told(self, sides: list[tuple[int, Answer, Entry]], lang: str) -> Answer | None:
        """The days between two events each dated to the day, earlier first; None if either is not."""
        (year_a, answer_a, entry_a), (year_b, answer_b, entry_b) = sides
        start, end = self._date_in(entry_a, year_a, parts=3), self._date_in(entry_b, year_b, parts=3)
        if start is None or end is None or start.date == end.date:
            return None
        if end.date < start.date:  # sides of one year, in the order they were asked
            (start, answer_a), (end, answer_b) = (end, answer_b), (start, answer_a)
        a, b = _first_sentence(answer_a.text), _first_sentence(answer_b.text)
        told = f"{a} {b}" if b != a else a
        n = (end.date - start.date).days
        text = self.texts.get("days_between", lang, n=n, start=start, end=end, answer=told)
        return self._told_both(text.strip(), sides, lang)

    def _month_span(
        self, entry_a: Entry, year_a: int, entry_b: Entry, year_b: int
    ) -> tuple[When, When, int] | None:
        """The two events' dates and the months between them, if both answers date theirs to the month."""
        start, end = self._date_in(entry_a, year_a), self._date_in(entry_b, year_b)
        if start is None or end is None or len(start.parts) < 2 or len(end.parts) < 2:
            return None
        return start, end, _months_apart(start, end)

    def _month_span_told(
        self, sides: list[tuple[int, Answer, Entry]], lang: str
    ) -> tuple[When, When, int] | None:
        """The months between the two sides' years as their replies date them to the month, if both do."""
        start, end = (self._month_told(answer.text, year, lang) for year, answer, _ in sides)
        if start is None or end is None:
            return None
        return start, end, _months_apart(start, end)

    def _month_told(self, text: str, year: int, lang: str) -> When | None:
        """The month beside ``year`` in a reply ("June 2011", "2011 жылғы маусымнан"), if one only."""
        language = self.languages[lang]
        words = language.words(text)
        found = {
            number
            for at, word in enumerate(words)
            if word == str(year)
            for near in words[max(0, at - 2) : at] + words[at + 1 : at + 3]
            if (number := language.month_number(near)) is not None
        }
        return When(f"{year}-{next(iter(found)):02d}") if len(found) == 1 else None

    def _exact_span(self, entry_a: Entry, year_a: int, entry_b: Entry, year_b: int, lang: str) -> str:
        """The span to the month when both answers date their event to the month, else nothing.

        "13 years between 1992 and 2005" counts years; October 1992 to April 2005 is 12 years
        and 6 months.
        """
        span = self._month_span(entry_a, year_a, entry_b, year_b)
        if span is None:
            return ""
        start, end, months = span
        if months <= 0 or months % 12 == 0:
            return ""  # the same month, or whole years: the count in years says it
        years, months = divmod(months, 12)
        text = self.texts.get("span_exact", lang, start=start, end=end, years=years, months=months)
        return f" {text}"

    def _which_first(self, parts: tuple[str, str], lang: str) -> Answer | None:
        """Answer "which came first, A or B?" from the years of A's and B's answers, earlier first."""
        # each side as a plain statement: "who came first" is no "who"
        unasked = self._alternatives_said(self._unasked(parts[0], lang), self._unasked(parts[1], lang), lang)
        sides = self._dated_sides(unasked, lang)
        if sides is None:
            return None
        (year_a, answer_a, _), (year_b, answer_b, _) = sides
        a, b = _first_sentence(answer_a.text), _first_sentence(answer_b.text)
        if a == b:
            return None  # one answer tells both: no two things to order
        key = "years_between_same" if year_a == year_b else "first_of_two"
        gap = year_b - year_a  # "and how much earlier?": always told
        text = self.texts.get(key, lang, a=a, b=b, year_a=year_a, year_b=year_b, n=gap).strip()
        return self._told_both(text, sides, lang)

    def _alternatives_said(self, first: str, second: str, lang: str) -> tuple[str, str]:
        """Two bare alternatives each said with what the first side asks of them.

        "opened an embassy, Italy" or "Kazakhstan": "Italy opened an embassy" and "Kazakhstan
        opened an embassy" (else the first side reads as the embassy in Italy). Unchanged
        unless the second side names only a country or a person, and the first ends with one.
        """
        other = self.analyzer.read(second, lang, correct=False)
        subjects = self._countries | self._people
        if not other.slots or not other.keys <= subjects:
            return first, second
        read = self.analyzer.read(first, lang, correct=False)
        at = placed(read)
        start, last = at[-1] if at else (0, None)
        if last is None or last.key not in subjects or start + len(last.surface.split()) != len(read.words):
            return first, second
        said = " ".join(read.words[:start])
        if not said:
            return first, second
        return f"{' '.join(read.words[start:])} {said}", f"{' '.join(other.words)} {said}"

    def _told_both(self, text: str, sides: list[tuple[int, Answer, Entry]], lang: str) -> Answer:
        """The answer about two events: as sure as the less sure side, citing both entries' passages."""
        (_, answer_a, entry_a), (_, answer_b, entry_b) = sides
        confidence = min(answer_a.confidence, answer_b.confidence)
        source = tuple(self._passages[p] for p in dict.fromkeys((*entry_a.source, *entry_b.source)))
        return Answer(Outcome.ANSWER, text, entry_a.id, confidence, lang=lang, source=source)

    def _unasked(self, part: str, lang: str) -> str:
        """``part`` without its question words and the words asking which came first."""
        patterns, language = self._ors[lang], self.languages[lang]
        stated = patterns[0].sub(" ", part) if patterns else part
        asking = language.question_words
        return " ".join(w for w in stated.split() if not asking.intersection(language.words(w)))

    def _dated_sides(self, parts: tuple[str, str], lang: str) -> list[tuple[int, Answer, Entry]] | None:
        """Each side answered plainly, with its event's year, earlier first; None unless both are dated.

        A side that leaves its thing unsaid borrows it from the other ("… after A was the
        Kazakh one opened").
        """
        sides = []
        read = [self.analyzer.read(part, lang, correct=False) for part in parts]  # each read once
        if any(_only_years(side) for side in read):
            return None  # "from the move to Astana to 2014": a count to a year, not between two events
        language = self.languages[lang]
        if any(asks(side.words, language) is Asks.QUANTITY for side in read):
            return None  # "Проди неше рет келді және сапарлардың арасы …": a count asked, not an event
        for (part, own), other in zip(zip(parts, read, strict=True), reversed(read), strict=True):
            if own.keys and own.keys <= self._people and not other.keys <= self._people:
                # "the visits of Prodi and Renzi": a name alone is of the other side's thing
                thing = [
                    s.surface
                    for s in other.slots
                    if s.key not in self._named_sides and s.kind is SlotKind.WORD
                ]  # not the other's person, nor its country
                part = " ".join([part, *thing])
            # Of two events one answer tells, the side takes the one the other side does not name.
            answer, year = self._dated_side(part, lang, other.keys, own.keys)
            if year is None:
                answer, year = self._dated_side(self._borrowed(part, own, other), lang, other.keys)
                said = own.keys - self._countries  # what the side names must be the borrowed answer's
                if answer.entry_id is not None and not said <= self._mentions[answer.entry_id]:
                    return None  # "before the agreement did Italy open its embassy": no embassy's agreement
            if year is None or answer.entry_id is None:
                return None
            sides.append((year, answer, self.entries[answer.entry_id]))
        return sorted(sides, key=itemgetter(0))

    def _dated_side(
        self,
        part: str,
        lang: str,
        against: frozenset[str] = frozenset(),
        keys: frozenset[str] | None = None,
    ) -> tuple[Answer, int | None]:
        """A side of a span answered, and the year of its event (None if it has none).

        ``keys``: the side's own concepts, when already read.
        """
        answer = self._reply(self.analyzer.read(part, lang), yes_no=False)
        return answer, self._year_of(part, answer, lang, against, keys)

    def _borrowed(self, part: str, own: Analysis, other: Analysis) -> str:
        """``part`` with the words of ``other`` that name what it does not: no country, no year."""
        known = own.keys | self._countries | self._ordered  # "the last visit" borrows no "first"
        extra = [s.surface for s in other.slots if s.key not in known and s.kind is SlotKind.WORD]
        return " ".join([part, *extra])

    def _subject_first(self, parts: tuple[str, str], lang: str) -> tuple[str, str]:
        """The sides, the second taking its subject from the head of the first, where it stands.

        "Қазақстанның Италиядағы елшілігі [қатынастар орнатылғаннан] кейін неше жылдан соң
        ашылды?": the embassy opened, after relations were established. Only in a language
        of postpositions, and when the second side is a verb alone.
        """
        if not self.languages[lang].pack.span.postposition:
            return parts
        if len(self.analyzer.read(parts[1], lang, correct=False).slots) > 1:
            return parts
        first = self.analyzer.read(parts[0], lang, correct=False)
        at = placed(first)
        head = next(((i, s) for i, s in at if s.key in self._subjects), None)
        end = head[0] + len(head[1].surface.split()) if head is not None else len(first.words)
        if not any(i >= end for i, _ in at):
            return parts  # no head, or nothing of the first side's own after it
        return " ".join(first.words[end:]), " ".join([*first.words[:end], parts[1]])

    def _subject_moved(self, parts: tuple[str, str], lang: str) -> tuple[str, str]:
        """The sides, the second taking the first's last person when the first names two and it none.

        "Quanti anni prima di Yelemesov Pieri è diventato ambasciatore?": the verb ends the
        first side, but Pieri, before it, is the second's subject ("Pieri became ambassador").
        """
        return self._person_moved(parts, lang, alone=False) or parts

    def _person_moved(self, parts: tuple[str, str], lang: str, *, alone: bool) -> tuple[str, str] | None:
        """The sides, the first's last person moved to a second that names none; None if not so.

        The first must name two people, or with ``alone`` one after words of its own ("…
        dopo l'avvio delle relazioni il presidente Scalfaro è venuto": Scalfaro came).
        """
        if self.languages[lang].pack.span.postposition:
            return None
        if any(s.key in self._people for s in self.analyzer.read(parts[1], lang, correct=False).slots):
            return None
        first = self.analyzer.read(parts[0], lang, correct=False)
        heads = [i for i, s in placed(first) if s.key in self._people]
        enough = bool(heads) and heads[0] > 0 if alone else len(heads) >= 2
        if not enough:
            return None
        return " ".join(first.words[: heads[-1]]), " ".join([*first.words[heads[-1] :], parts[1]])

    def _countries_first(self, parts: tuple[str, str], lang: str) -> tuple[str, str]:
        """The sides, the first taking the second's words up to its next "and" if it names only countries.

        "between Kazakhstan and Italy establishing relations and the embassy's opening": the
        first "and" joins the two countries, not the two events.
        """
        joins = self._joins[lang]
        found = joins.search(parts[1]) if joins else None
        keys = self.analyzer.read(parts[0], lang, correct=False).keys
        if found is None or not keys or not keys <= self._countries:
            return parts
        return f"{parts[0]} {parts[1][: found.start()]}", parts[1][found.end() :]

    def _shared_subject(self, parts: tuple[str, str], lang: str) -> tuple[tuple[str, str], bool]:
        """The sides with their subject shared, and whether one borrowed it.

        In "between the first and the last visit of Prodi" the first side says only "the
        first": it takes the other side's subject ("the first visit of Prodi").
        """
        ordinals = self._first | self._last
        reads = [self.analyzer.read(part, lang, correct=False) for part in parts]
        bare = [bool(r.keys & ordinals) and r.keys <= ordinals for r in reads]
        if bare[0] == bare[1]:
            return parts, False
        lone = 0 if bare[0] else 1
        language = self.languages[lang]
        cues = {w for s in reads[1 - lone].slots if s.key in ordinals for w in s.surface.split()}
        subject = " ".join(w for w in parts[1 - lone].split() if cues.isdisjoint(language.words(w)))
        completed = [*parts]
        completed[lone] = f"{parts[lone]} {subject}"
        return (completed[0], completed[1]), True

    def _year_of(
        self,
        part: str,
        answer: Answer,
        lang: str,
        against: frozenset[str] = frozenset(),
        keys: frozenset[str] | None = None,
    ) -> int | None:
        if not answer.answered:
            return None
        if keys is None:
            keys = self.analyzer.read(part, lang, correct=False).keys
        entry = self.entries.get(answer.entry_id or "")
        told = self._year_of_event(entry, keys, answer.lang, against - keys) if entry is not None else None
        return told or self._event_year(answer.text, answer.lang, keys)

    def _year_of_event(
        self, entry: Entry, keys: frozenset[str], lang: str, against: frozenset[str] = frozenset()
    ) -> int | None:
        """Of the dated events an answer tells, the year of the one ``keys`` ask about, if one stands out.

        "from the La Scala agreement to the singers' training": the singers' answer tells both
        (2009, 2011); the training's own text says most of "training", "singers". Between two
        that say as much, the one that says less of ``against`` (the other side's words).
        """
        events = self._events_of(entry)
        if len(events) < 2:
            return None
        idf = self.index.idf
        weighed: list[tuple[tuple[float, float], str]] = []
        for event in events:
            said = self.analyzer.keys_of(self.texts.fill(event.text.get(lang), lang), lang)
            own = math.fsum(idf.get(k, 0.0) for k in keys & said)
            other = math.fsum(idf.get(k, 0.0) for k in against & said)
            weighed.append(((own, -other), str(event.date)))
        weighed.sort(key=itemgetter(0), reverse=True)
        (best, date), (second, _) = weighed[0], weighed[1]
        return int(date[:4]) if best[0] > 0 and best > second else None

    def _event_year(self, text: str, lang: str, keys: frozenset[str]) -> int | None:
        """The year of the event that ``keys`` ask about, as ``text`` (an answer in ``lang``) tells it."""
        # Not the year of "As of April 2014": it dates the statement, not the event.
        undated = self._undated(text, lang)
        years = [int(y) for y in _YEAR.findall(undated)]
        if not years:
            return None
        named = [y for y in years if str(y) in keys]  # "Nazarbayev's 2003 visit"
        if named:
            return named[0]
        if keys & self._first:
            return min(years)
        if keys & self._last:
            return max(years)
        ordered = sorted(set(years))
        nth = next((n for n, said in self._ordinals.items() if keys & said), None)  # "his second trip"
        if nth is not None and 1 < nth <= len(ordered):
            return ordered[nth - 1]
        return self._year_told(undated, keys, lang) or years[0]

    def _years_since(self, decision: _Decision, question: _Question) -> _Decision:
        """The years from an event to the sheet's date: "how many years ago …", "how long have …"."""
        entry = decision.entry
        if (
            entry is None
            or decision.reason == _NO_AGE  # "how old is the ambassador?": not his years in the post
            or question.entities.asks not in _COUNTS
            or not self._counts_since(decision, question)
        ):
            return decision
        rendered = self._render(entry, question)
        if not rendered.answered:
            return decision
        year = self._event_year(rendered.text, question.lang, question.entities.keys)
        to = self._counted_to(question.analysis)
        written = self._written_years(question.analysis)
        if year is None or year >= to or (len(written) == 2 and min(written) != year):
            return decision  # two years written: the event's own, and the one counted to
        # The date as precise as the sheet gives it, from the facts the answer states.
        when = self._date_in(entry, year) or When(str(year))
        counted = self._since_text(when, to, question.lang, _first_sentence(rendered.text))
        if counted is None:
            return decision
        return _Decision(Outcome.ANSWER, counted, entry, decision.confidence, "years since", quotes=True)

    def _days_between(self, decision: _Decision, question: _Question) -> _Decision:
        """The days between the two days an answer states, for "how many days between …".

        "How many days passed between the two Masimov–Monti talks?": 26 March and 2 April 2012.
        """
        entry, lang = decision.entry, question.lang
        if entry is None or not _says(question.analysis.words, self._in_days[lang]):
            return decision
        template = entry.answer.root.get(self.default, "") if entry.answer is not None else ""
        days = sorted({w for w in _dates_told(template, self.texts, self.default) if len(w.parts) == 3})
        if len(days) != 2:
            return decision
        rendered = self._render(entry, question)
        if not rendered.answered:
            return decision
        start, end = days
        n = (end.date - start.date).days
        text = self.texts.get(
            "days_between", lang, n=n, start=start, end=end, answer=_first_sentence(rendered.text)
        )
        return _Decision(Outcome.ANSWER, text, entry, decision.confidence, "days between", quotes=True)

    def _named_dates(self, entry: Entry) -> tuple[_NamedDate, ...]:
        """The dates ``entry``'s answer states through the facts' named values, in its order."""
        found = self._dates.get(entry.id)
        if found is None:
            template = entry.answer.root.get(self.default, "") if entry.answer is not None else ""
            found = self._dates[entry.id] = tuple(_dates_in(template, self.texts, self.default))
        return found

    def _dates_of(self, entry: Entry) -> tuple[When, ...]:
        return tuple(date.when for date in self._named_dates(entry))

    def _date_in(self, entry: Entry, year: int, parts: int = 1) -> When | None:
        """The first date ``entry`` states in ``year``, dated to at least ``parts`` parts (3: the day)."""
        return next((w for w in self._dates_of(entry) if w.year == year and len(w.parts) >= parts), None)

    def _events_of(self, entry: Entry) -> list[Event]:
        """The dated events of ``facts.yaml`` that ``entry``'s answer tells, in its order."""
        ids = dict.fromkeys(date.name.removeprefix(_EVENT) for date in self._named_dates(entry))
        return [self._events[i] for i in ids if i in self._events]

    def _held_since(self, entry: Entry) -> When | None:
        """The start of the one state ``entry`` tells as holding at its date ("in the post since 2011")."""
        if entry.id not in self._held:
            self._held[entry.id] = self._held_start(entry)
        return self._held[entry.id]

    def _held_start(self, entry: Entry) -> When | None:
        dates = self._named_dates(entry)
        if len(dates) != 1 or entry.as_of is None:
            return None
        # a sum "since 1994" is no sum of 2013: only a state with no figures holds each year
        if self._gives(self._answers.get((entry.id, self.default), ""), Asks.QUANTITY):
            return None
        name, spec, when = dates[0]
        return when if spec == "since" or name.endswith(".since") else None

    def _held_claim(self, entry: Entry, question: _Question) -> str | None:
        """The answer to a year claimed of a state held since a date, the entry explaining the rest.

        "Yelemesov ambassador since 2011?" or "in 2011?" of one in the post since 2012: no
        (the name may be wrong too); "since 2012?": yes, when nothing else is left unexplained.
        A later year gets no plain answer: "in 2013?" holds, "took up the post in 2013?" does not.
        """
        start, years = self._held_since(entry), question.entities.years
        if start is None or not years or entry.as_of is None or max(years) > entry.as_of.year:
            return None
        found = question.scored_for(entry.id)
        if found is None:
            return None
        unmatched = [word for word in found.unmatched if not word.isdigit()]
        named = {w for s in question.analysis.slots if s.key in self._people for w in s.surface.split()}
        since = question.entities.onward
        if any(y < start.year or (y > start.year and since == y) for y in years):
            return "answer_no" if all(word in named for word in unmatched) else None
        return "answer_yes" if set(years) == {start.year} and not unmatched else None

    def _once_of(self, entry: Entry) -> When | None:
        """The one date ``entry``'s answer states, if it dates a thing done once.

        Not a start that goes on: a post held "since", an event marked ``lasting``.
        """
        dates = self._named_dates(entry)
        if len(dates) != 1:
            return None
        name, spec, when = dates[0]
        event = self._events.get(name.removeprefix(_EVENT)) if name.startswith(_EVENT) else None
        lasting = spec == "since" or name.endswith(".since") or (event is not None and event.lasting)
        return None if lasting else when

    def _counts_since(self, decision: _Decision, question: _Question) -> bool:
        """Whether the question asks how many years passed from its event to the sheet's date.

        It starts with "how many years" and has a word that counts up to now ("ago", "have"),
        or names the sheet's own year ("by 2014"), or asks of a state the sheet dates "as of"
        its own date (a mission still at work): not "how long did the earthquake last", a
        length the sheet does not give. An answer is counted only when asked plainly ("how
        long has the embassy been in Astana": its date, and the count).
        """
        entry, analysis = decision.entry, question.analysis
        since = self._since[analysis.lang]
        if entry is None or since is None or not self._asks_years(analysis):
            return False
        if not (self._first.isdisjoint(analysis.keys) or self._last.isdisjoint(analysis.keys)):
            return False  # "dalla prima all'ultima": from the first of its events to the last
        joined = " ".join(analysis.words)
        # "da quanti anni": before "quanti"; "between A and B … passed" counts no years to now
        cued = since[1].search(joined) is not None and (since[2] is None or since[2].search(joined) is None)
        if decision.outcome is Outcome.ANSWER:
            return cued
        to_sheet = self._to_sheet(analysis)
        if decision.reason == _NO_YEAR:  # "by 2012": counted to it; "from 2001 to 2014": its start too
            return 1 <= len(self._written_years(analysis)) <= 2
        return decision.reason in _UNCOUNTED and (cued or to_sheet or entry.as_of is not None)

    def _asks_years(self, analysis: Analysis) -> bool:
        """Whether the question's first question word starts "how many years".

        In "e chi la finanzia?" after "how many years", the merged question asks who.
        """
        since, words = self._since[analysis.lang], analysis.words
        asking = self.languages[analysis.lang].question_words
        first = next((i for i, w in enumerate(words) if w in asking), len(words))
        return since is not None and since[0].match(" ".join(words[first:])) is not None

    def _to_sheet(self, analysis: Analysis) -> bool:
        """Whether the only year the question writes is the sheet's own ("by 2014")."""
        return self._written_years(analysis) == {self._sheet_date.year}

    def _counted_to(self, analysis: Analysis) -> int:
        """The year a count of years runs to: the later one the question writes, else the sheet's.

        "by 2012": 2012; "from 2001 to 2014": 2014.
        """
        written = self._written_years(analysis)
        return max(written) if 1 <= len(written) <= 2 else self._sheet_date.year

    @staticmethod
    def _written_years(analysis: Analysis) -> set[int]:
        return {int(w) for w in analysis.words if _YEAR.fullmatch(w)}

    def _since_text(self, when: When, to: int, lang: str, answer: str) -> str | None:
        """How long before the year ``to`` ``when`` was.

        To the sheet's date: full years to a month, else years counted. To another year
        ("by 2012"): the years between.
        """
        sheet = self._sheet_date
        if to != sheet.year:
            key = "years_to_one" if to - when.year == 1 else "years_to"
            return self.texts.get(key, lang, n=to - when.year, year=when.year, to=to, answer=answer)
        if len(when.parts) == 1:  # a year alone: from that year to the sheet's
            n = sheet.year - when.year
            key = "years_since_one" if n == 1 else "years_since"
            return self.texts.get(key, lang, n=n, year=when.year, now=sheet.year, answer=answer)
        month, day = when.parts[1], when.parts[2] if len(when.parts) > 2 else 1
        n = sheet.year - when.year - ((sheet.month, sheet.day) < (month, day))
        return self.texts.get("years_since_full", lang, n=n, since=when, answer=answer) if n > 0 else None

    def _year_told(self, text: str, keys: frozenset[str], lang: str) -> int | None:
        """The year of the clause of ``text`` that says most of what ``keys`` ask, if one does.

        Each word the clause shares with the side weighs as much as it tells entries apart:
        "Astana" says more than "Italy".

        "Italy opened its embassy in October 1992; since April 2005 it has been in Astana":
        the move to Astana is 2005. Without a clause that says more than the others, the
        answer's first year (its own event's date comes first).
        """
        idf = self.index.idf
        told = [
            (math.fsum(idf.get(k, 0.0) for k in keys & self.analyzer.keys_of(clause, lang)), int(years[0]))
            for clause in _CLAUSE.split(text)
            if (years := _YEAR.findall(clause))
        ]
        if len(told) < 2:
            return self._year_nearest(text, keys, lang) if len(told) == 1 else None
        ranked = sorted(told, key=lambda t: -t[0])
        return ranked[0][1] if ranked[0][0] > ranked[1][0] else None

    def _year_nearest(self, text: str, keys: frozenset[str], lang: str) -> int | None:
        """In one statement of several years, the year nearest a word of what ``keys`` ask.

        "Under the agreement of 2009 …, ten singers trained at the theatre in 2011": the
        singers' year is 2011. None when the words asked are not there, or one year is told.
        """
        placed_slots = placed(self.analyzer.analyze(text, lang, correct=False))
        years = [(i, int(s.key)) for i, s in placed_slots if s.kind is SlotKind.YEAR]
        asked = [i for i, s in placed_slots if s.key in keys and s.key not in self._countries]
        if len({year for _, year in years}) < 2 or not asked:
            return None
        # Years in a row are one list of one event's years ("1998 және 2007 жылдары … болды"):
        # its first, however near the last stands to the verb.
        runs: list[list[tuple[int, int]]] = []
        after_year = False
        for i, slot in placed_slots:
            if slot.kind is SlotKind.YEAR:
                if after_year:
                    runs[-1].append((i, int(slot.key)))
                else:
                    runs.append([(i, int(slot.key))])
            after_year = slot.kind is SlotKind.YEAR
        nearest = min(runs, key=lambda run: (min(abs(at - i) for at, _ in run for i in asked), run[0][0]))
        return nearest[0][1]

    # -- decision -------------------------------------------------------------------

    def _decide(self, question: _Question) -> _Decision:
        """Answer, clarify or decline: first what rules the question out, then the candidates."""
        screened = self._screen(question)
        if screened is not None:
            return screened
        ranked = question.ranked
        strong = bool(ranked) and ranked[0].score >= CLARIFY_SCORE
        # "Did Renzi visit Kazakhstan in 2014?": a match that leaves the person out is no rival
        # of a table that picks by person and has nothing for them
        table = (
            self._empty_table(question, ranked[0])
            if strong
            else self._table_for(question.entities, question.focus)
        )
        if strong and table is None:
            chosen = self._choose(question)
            return self._told_elsewhere(chosen, question) or chosen
        if table is not None:
            # A person the facts know, and a kind of fact their tables hold ("Did Renzi visit
            # Kazakhstan?"): the table answers, or says it has nothing for them.
            rendered = self._render(table, question)
            outcome = Outcome.ANSWER if rendered.answered else Outcome.DECLINE
            sure = max(CLARIFY_SCORE, ranked[0].score) if ranked else CLARIFY_SCORE  # as sure as what it beat
            return _Decision(outcome, rendered.text, table, sure, _TABLE if rendered.answered else _NONE_FOR)
        lang = question.lang
        text = self.texts.get("decline", lang, capabilities=self._capabilities(lang))
        return _Decision(Outcome.DECLINE, text, None, ranked[0].score if ranked else 0.0, "no match")

    def _empty_table(self, question: _Question, scored: Scored) -> Entry | None:
        """The table of the people the question names, if ``scored`` leaves them out and it has none."""
        people = set(question.entities.people)
        named = [s.surface for s in question.analysis.slots if s.key in people]
        if not named or any(surface not in scored.unmatched for surface in named):
            return None  # checked first: finding the table reads every entry
        table = self._table_for(question.entities, question.focus)
        return table if table is not None and not self._render(table, question).answered else None

    def _told_elsewhere(self, decision: _Decision, question: _Question) -> _Decision | None:
        """What an entry of the person's own says, where a table has none for them.

        "Which Italian minister received Saudabayev?": the Italian visits have none by him,
        but his own visit to Italy is recorded (another way than asked, so not ranked).
        """
        entities = question.entities
        people = frozenset(entities.people)
        if decision.reason != _NONE_FOR or not people or decision.entry is None:
            return None
        if entities.years and (decision.entry.facts != "visits" or not people.isdisjoint(self._visitors)):
            return None  # "no such visit in 2005" is what the table has; not of one it lacks
        wanted, sides = people | question.focus, {self._sides.get(p) for p in people}
        own = next(
            (
                s
                for s in question.scored
                if s.entry_id != decision.entry.id
                and wanted <= self._mentions[s.entry_id]
                and self.entries[s.entry_id].actor in sides  # they went ("Masimov": Monti came)
            ),
            None,
        )
        if own is None or own.score < CLARIFY_SCORE:
            return None
        return self._partial(self.entries[own.entry_id], question, own, _TOLD_ELSEWHERE)

    def _screen(self, question: _Question) -> _Decision | None:
        """A decline that no candidate can change: another country, a name we do not know, too vague."""
        analysis, entities, lang = question.analysis, question.entities, question.lang
        country = self._foreign(question)
        if country is not None:
            # The country as the user wrote it: "Франции" reads well in a Russian reply.
            written = next(s.surface for s in analysis.slots if s.key == COUNTRY_PREFIX + country)
            shown = shorten(_title(written), MAX_ECHOED)
            text = self.texts.get(
                "decline_country", lang, country=shown, capabilities=self._capabilities(lang)
            )
            return _Decision(Outcome.DECLINE, text, None, 0.0, "another country")
        if entities.unknown_names:
            # "Italy's consulate in Almaty": the consulate is lacking too, not only the city
            lacking = not analysis.keys.isdisjoint(self._attributes)
            return self._unknown_name(entities.unknown_names, lang, lacking)
        weight = sum(self.index.slot_weight(slot, lang) for slot in analysis.slots)
        if weight < MIN_QUESTION_WEIGHT and not self._as_phrased(question):
            # "Kazakhstan", "2012": every entry shares these; ask for more.
            text = self.texts.get("too_vague", lang, capabilities=self._capabilities(lang))
            return _Decision(Outcome.DECLINE, text, None, 0.0, "too vague")
        if (name := self._unmatched_name(analysis, question.ranked)) is not None:
            return self._unknown_name((name,), lang)  # "Трамп посещал Казахстан?"
        return None

    @staticmethod
    def _as_phrased(question: _Question) -> bool:
        """Whether the question is one of its best match's phrasings, word for word as it reads them.

        "Who are the people named in the fact sheet?" says little that is rare, but a curator
        wrote it for its entry.
        """
        best = question.ranked[0] if question.ranked else None
        return best is not None and best.score >= 1.0 and not best.unmatched

    def _foreign(self, question: _Question) -> str | None:
        """Another country the question is about, which its best match does not speak of."""
        entities, scored = question.entities, question.scored
        # "Russia China Italy trade rank": Kazakhstan's partners, in the order its best match tells
        ranked = len(set(entities.foreign)) > 1 and all(
            scored and self._mentions_country(scored[0], f) for f in entities.foreign
        )
        if (
            entities.foreign
            and self._italy in entities.keys
            and self._kazakhstan not in entities.keys
            and not ranked
        ):
            return entities.foreign[0]  # "trade between Italy and Russia" is another pair
        return next(
            (f for f in entities.foreign if not scored or not self._mentions_country(scored[0], f)), None
        )

    def _choose(self, question: _Question) -> _Decision:
        """The best candidate that can answer what was asked.

        A higher one that cannot explains the decline if none can.
        """
        refusal: _Decision | None = None
        refused: set[str] = set()
        for position, best in enumerate(question.ranked[:MAX_SUGGESTIONS]):
            if best.score < CLARIFY_SCORE:
                break
            problem = self._check(self.entries[best.entry_id], question, best)
            if problem is None:
                return self._verdict(question, position, best, refusal, refused)
            if problem.reason == _NO_REASON:
                problem = self._related_reason(question, best) or problem
            if problem.reason in (_NO_ATTRIBUTE, _NO_REASON):
                # "What did Kazakhstan pay for after the earthquake?": the aid, not the earthquake
                problem = self._gives_detail(question, position) or refusal or problem
            if problem.reason not in _ANOTHER_MAY:
                if refusal is not None and problem.reason == _NONE_FOR and self._explains(refusal, question):
                    return refusal
                return problem  # the best match lacks what was asked: say so
            refusal = refusal or problem
            refused.add(best.entry_id)
        assert refusal is not None
        return refusal

    def _explains(self, refusal: _Decision, question: _Question) -> bool:
        """Whether a higher entry's refusal, not a lower table's "none for it", says why.

        A lower table's "no Nazarbayev among the officials" is not why the best cannot say; its
        "no project in 2012" is, unless the best counts the years to 2012 ("how many years had
        relations lasted by 2012").
        """
        return refusal.reason != _NO_YEAR or self._counts_since(refusal, question)

    def _related_reason(self, question: _Question, best: Scored) -> _Decision | None:
        """A related entry that says why, for "why …?" about one that does not.

        Why the business community's interest grows: Italy's view of Kazakhstan's investment climate.
        """
        for entry_id in self.entries[best.entry_id].related:
            entry = self.entries[entry_id]
            if entry.says_why and self._check(entry, question, best) is None:
                text = self._render(entry, question).text
                return _Decision(Outcome.ANSWER, text, entry, best.score, "a related entry says why")
        return None

    def _gives_detail(self, question: _Question, position: int) -> _Decision | None:
        """A lower match that gives the detail a better one lacks and explains all the better one does."""
        asked = self._attributes_asked(question.analysis, question.entities)
        explained = set(question.ranked[position].unmatched)
        for lower in question.ranked[position + 1 : MAX_SUGGESTIONS]:
            if not explained.issuperset(lower.unmatched) or lower.score < CLARIFY_SCORE:
                continue
            entry = self.entries[lower.entry_id]
            if (
                not self._not_given(asked, self.index.mentions(entry.id, question.lang))
                and self._check(entry, question, lower) is None
            ):
                text = self._render(entry, question).text
                return _Decision(Outcome.ANSWER, text, entry, lower.score, "gives the detail asked")
        return None

    def _verdict(
        self, question: _Question, position: int, best: Scored, refusal: _Decision | None, refused: set[str]
    ) -> _Decision:
        """Answer with ``best``, which can answer, or ask which was meant, or decline as those above did."""
        explains = self._explains_more(question, best)
        if explains is not None:
            # Another entry speaks of a specific word this one ignores ("how much wheat"):
            # it answers, or says what the sheet does not give.
            other = self.entries[explains.entry_id]
            found = self._check(other, question, explains)
            text = self._render(other, question).text
            return found or _Decision(Outcome.ANSWER, text, other, explains.score, "explains a specific word")
        computes = self._compares_more(question, best)
        if computes is not None:
            # "what's the drop between the two in percent?": the trade figures work out a
            # drop; Italy's share among partners leaves it out
            other = self.entries[computes.entry_id]
            if self._check(other, question, computes) is None:
                text = self._render(other, question).text
                return _Decision(Outcome.ANSWER, text, other, computes.score, "works out the comparison")
        entry = self.entries[best.entry_id]
        text = self._render(entry, question).text
        rivals = self._rivals(question, position, entry, refused)
        if position == 0 and not best.unmatched and not self._leads(best, rivals):
            # Close rivals that cannot answer what was asked ("how much did exports drop?": the
            # list of goods) offer no choice to a match that explains every word: checked only
            # when they stand in the way.
            rivals = [r for r in rivals if self._check(self.entries[r.entry_id], question, r) is None]
        runner_up = max((s.score for s in rivals), default=0.0)
        if position == 0 and self._leads(best, rivals):
            return _Decision(Outcome.ANSWER, text, entry, best.score, "confident")
        if (
            refusal is not None
            and best.score >= ANSWER_SCORE
            and best.score - runner_up >= -LEAD
            # nearly as good; or explaining every word, where those above give another kind of
            # thing ("сколько Казахстан экспортирует?": the figures, not the list of goods)
            and (
                refusal.confidence - best.score <= NEXT_BEST_GAP
                or (not best.unmatched and refusal.reason == _WRONG_KIND)
            )
        ):
            # Those above could not answer; this one can and is nearly as good, unless it
            # ignores what they were about ("how much wheat": no figure for wheat), or counts
            # a thing the sheet never names ("how many cars": no count of cars).
            if any(self._rare_unmatched(question, best) & self._mentions[r] for r in refused):
                return refusal
            if self._counts_unknown(question, best):
                return refusal
            return _Decision(Outcome.ANSWER, text, entry, best.score, "next best that can")
        if refusal is not None:
            return refusal  # a better match said what the sheet lacks: no vaguer choices
        if best.unmatched and not self._about(entry, question.analysis, best):
            # "whats the wether in rome today": only Rome and today match; no choice is about it
            text = self.texts.get("decline", question.lang, capabilities=self._capabilities(question.lang))
            return _Decision(Outcome.DECLINE, text, None, best.score, "nothing specific matches")
        return _Decision(Outcome.CLARIFY, "", entry, best.score, "close candidates")

    def _rivals(self, question: _Question, position: int, entry: Entry, refused: set[str]) -> list[Scored]:
        """The other candidates that could answer and would say something else.

        Not one that leaves out rare words this one explains, weighing more than those this
        one leaves out: "білім" (education) makes the question of the education entry,
        whatever the joint ventures' "салаларда" (sectors) shares.
        """
        analysis = question.analysis
        weights = {slot.key: self.index.slot_weight(slot, analysis.lang) for slot in analysis.slots}
        best = question.ranked[position]
        missed = self._rare_unmatched(question, best)
        # what this one leaves out weighs whole, a word of a comparison too ("time difference")
        own = math.fsum(
            weights[slot.key]
            for slot in analysis.slots
            if slot.surface in best.unmatched and weights[slot.key] >= SPECIFIC_WEIGHT
        )
        # a word of a change that this one explains and another leaves out ("how many % lower"):
        # the other cannot work it out
        compares = self._rise_or_fall(analysis) - set(best.unmatched)
        return [
            s
            for i, s in enumerate(question.ranked[:5])
            if i != position
            and s.entry_id not in refused
            and s.entry_id not in entry.related
            and math.fsum(weights[k] for k in self._rare_unmatched(question, s) - missed) <= own
            and compares.isdisjoint(s.unmatched)
            and not self._same_reply(entry, self.entries[s.entry_id], question)
        ]

    def _table_for(self, entities: Entities, focus: frozenset[str]) -> Entry | None:
        """The fact entry whose table picks by person and holds the kind of fact asked for."""
        if not entities.people or not focus:
            return None
        return next(
            (
                e
                for e in self.corpus.entries
                if e.facts
                and "people" in FILTERS.get(e.facts, set())
                and focus <= self._mentions[e.id]
                and (e.actor is None or entities.origin in (None, e.actor))
            ),
            None,
        )

    def _dated_correction(self, decision: _Decision, question: _Question) -> _Decision:
        """A question that dates an event done once to another year gets its date, not "nothing for it".

        "When were diplomatic ties set up, was it June 1991?": 12 June 1992; "when did Italy open its
        embassy, in 1993?": October 1992 (and Astana since 2005). A yes/no question gets its "No:"
        from ``_yes_or_no``.
        """
        if (
            decision.entry is None
            or question.entities.yes_no
            or question.entities.asks not in (Asks.DATE, Asks.DAY)  # "what did he sign in 2003?" asks no date
            or decision.reason != _NO_YEAR
        ):
            return decision
        # The entry itself, or (for a table, which states no dates of its own) the first of the
        # candidates that dates what was asked: "when did Italy open its embassy, 1993?"
        candidates = [decision.entry, *(self.entries[s.entry_id] for s in question.ranked[:MAX_SUGGESTIONS])]
        entry = next(
            (
                e
                for e in candidates
                if e.answer is not None
                and self._dated_apart(e, question, self._dates_of(e))  # every date it states
            ),
            None,
        )
        if entry is None:
            return decision
        text = self._render(entry, question).text
        return _Decision(Outcome.ANSWER, text, entry, decision.confidence, "dated otherwise")

    def _yes_or_no(self, decision: _Decision, question: _Question) -> _Decision:
        """A yes/no question's reply starts with its answer, when it is a plain one (``_claim``).

        A message that asks nothing else and names a year the entry dates otherwise claims it,
        however it is asked: "Отношения установили в 1993?", "Elemesov è ambasciatore dal 2011?"
        (said by intonation alone).
        """
        if decision.entry is None:
            return decision
        if not question.entities.yes_no and (decision.reason != _NO_YEAR or self._asks_anything(question)):
            return decision
        claim = self._claim(decision, decision.entry, question)
        if claim is None:
            return decision
        key, said = claim
        text = self.texts.get(key, question.lang, answer=said)
        # "No: the fact sheet records no visit by Renzi" says what the sheet lacks: a decline;
        # "no such visit in 1999", with the year it records, corrects the claim
        entities = question.entities
        absent = decision.reason == _NONE_FOR and (
            not entities.years or self._visitors.isdisjoint(entities.people)
        )
        outcome = Outcome.DECLINE if absent else Outcome.ANSWER
        return _Decision(outcome, text, decision.entry, decision.confidence, decision.reason)

    def _asks_anything(self, question: _Question) -> bool:
        """Whether the question has a word that asks ("when", "кто"): then it claims no year."""
        return not self.languages[question.lang].question_words.isdisjoint(question.analysis.words)

    def _claim(self, decision: _Decision, entry: Entry, question: _Question) -> tuple[str, str] | None:
        """The answer a yes/no question starts with (its text's key), and what follows; or None.

        "No" when a table that picks by person has nothing for the one asked about ("Did
        Renzi visit Kazakhstan?"), unless asked of a year after the sheet's date; when a
        thing done once is claimed for another year; when a sum claimed is not the one stated.
        "Yes" when an answer explains every specific word of the question, states every
        number it names, and the question compares nothing ("did trade grow?" is no plain yes).
        """
        entities = question.entities
        after = any(year > self._sheet_date.year for year in entities.years)  # the sheet cannot say no
        if decision.reason == _NONE_FOR and "people" in FILTERS.get(entry.facts or "", set()) and not after:
            return "answer_no", decision.text
        if decision.reason == _NO_YEAR and self._dated_otherwise(entry, question):
            return "answer_no", self._render(entry, question).text  # "established in 1993?": 1992
        answered = decision.outcome is Outcome.ANSWER
        if (answered or decision.reason == _NO_YEAR) and (held := self._held_claim(entry, question)):
            return held, self._render(entry, question).text  # "ambassador since 2011?": since 2012
        if decision.outcome is not Outcome.ANSWER:
            return None
        stated = _figures(decision.text)
        sums = self._claimed_sums(question.analysis)
        if sums and _says(question.analysis.words, self._bounds[question.lang]):
            return None  # "by more than 200 million?": a bound, not a sum; the figure tells
        if not all(_rounds_to(claimed, stated) for claimed in sums):
            return "answer_no", decision.text  # "17 million euros?", "fell by 300 million?": not that sum
        if not sums and not self._scales.isdisjoint(question.analysis.keys):
            return None  # "fell by half a billion?": a sum in words, neither confirmed nor denied
        if self._claims_a_place_among_several(decision.text, question):
            return None  # "machinery first among the imports?": the reply ranks them, no plain yes
        settled = self._settled_claim(decision.text, question)
        if settled is not None:
            return settled, decision.text
        if self._compares(decision.text, question):
            return None
        found = question.scored_for(entry.id)
        if found is None or self._rare_unmatched(question, found):
            return None
        if (
            unstated := self._numbers_said(question.analysis)
            - stated
            - self._counts_in(decision.text, question.lang)
        ):
            return self._count_claimed(unstated, entry, question)  # "five visits?": a table counts them
        if {str(y) for y in entities.years} - set(_YEAR.findall(decision.text)):
            return None  # a year it does not state: "opened in 1992?" of the embassy opened in 1996
        if (whole := self._said_of_other_years(decision.text, entry, question)) is not None:
            return "answer_no", whole  # "a record in 2013?": the record was 2012's
        if self._placed_elsewhere(decision.text, question):
            return None  # "talks in Rome?" of talks in Astana: its place, plainly told, no "yes"
        if self._more_than_claimed(decision.text, question):
            return "answer_no", decision.text  # "only in 2007?" of Prodi's visits in 1998 and 2007
        if self._another_month(decision.text, question):
            return "answer_no", decision.text  # "formed in March 2014?": in February
        return "answer_yes", decision.text

    def _months_in(self, words: Iterable[str], lang: str) -> frozenset[int]:
        """The months ``words`` name (1 to 12), in any of their forms."""
        language, months = self.languages[lang], self._month_of[lang]
        return frozenset(n for w in words if (n := months.get(language.stem(w))) is not None)

    def _another_month(self, text: str, question: _Question) -> bool:
        """Whether the question claims a month and ``text`` dates it to others only."""
        lang = question.lang
        claimed = self._months_in(question.analysis.words, lang)
        told = self._months_in(self.languages[lang].words(self._undated(text, lang)), lang)
        return bool(claimed) and bool(told) and claimed.isdisjoint(told)

    def _more_than_claimed(self, text: str, question: _Question) -> bool:
        """Whether a claim of "only" these years meets a reply that states other years too."""
        years = question.entities.years
        if not years or not _says(question.analysis.words, self._onlys[question.lang]):
            return False
        return bool(set(_YEAR.findall(self._undated(text, question.lang))) - {str(y) for y in years})

    def _placed_elsewhere(self, text: str, question: _Question) -> bool:
        """Whether ``text`` names places, none of those the question names."""
        asked, told = self._gives.places(" ".join(question.analysis.words)), self._gives.places(text)
        return bool(asked) and bool(told) and asked.isdisjoint(told)

    def _count_claimed(
        self, claimed: set[float], entry: Entry, question: _Question
    ) -> tuple[str, str] | None:
        """The answer to a claimed count and the table's count ("five visits?": no, four); else None.

        A table counts when asked how many. A number the count does not settle (a sum, a span)
        gets no plain answer.
        """
        if entry.facts is None or len(claimed) != 1:
            return None
        counting = replace(question.entities, asks=Asks.QUANTITY, yes_no=False)
        text = self.renderers.render(entry.facts, Query(counting, entry)).text
        counts = _figures(text) | self._counts_in(text, question.lang)
        new = counts - _figures(self._render(entry, question).text)
        if len(new) != 1:
            return None
        return ("answer_yes" if claimed == new else "answer_no"), text

    def _said_of_other_years(self, text: str, entry: Entry, question: _Question) -> str | None:
        """A table's every year, when it tells only of others what the question claims of those asked."""
        entities = question.entities
        if entry.facts is None or not entities.years:
            return None
        if len(entities.years) == 1:  # that year's rows alone: "a short visit in 2010?" of 2008's
            year = entities.years[0]
            only = replace(entities, onward=year, until=year + 1, after=None, year_range=None)
            text = self.renderers.render(entry.facts, Query(only, entry)).text
        told = self.analyzer.keys_of(text, question.lang)
        unsaid = question.analysis.keys - told
        if not unsaid:
            return None
        whole = self.renderers.render(entry.facts, Query(replace(entities, years=()), entry)).text
        return whole if unsaid & self.analyzer.keys_of(whole, question.lang) else None

    def _claims_a_place_among_several(self, text: str, question: _Question) -> bool:
        """Whether the question claims a place (first, "number one") and ``text`` ranks several things.

        Which thing holds which place is the reply's to tell: "consumer goods first,
        machinery second" says neither yes nor no to "machinery first?".
        """
        claims = bool(self._nths(question.entities.keys)) or _says(
            question.analysis.words, self._tops[question.lang]
        )
        return claims and len(self._nths(self.analyzer.keys_of(text, question.lang))) > 1

    def _settled_claim(self, text: str, question: _Question) -> str | None:
        """The answer a yes/no question starts with when ``text`` settles an order or a change it claims.

        "The second-largest partner?": No, the third. "Exports fell in 2013?": Yes, when the
        figures' change is told.
        """
        keys, told = question.entities.keys, self.analyzer.keys_of(text, question.lang)
        claimed, said = self._nths(keys), self._nths(told)
        if claimed and said and claimed.isdisjoint(said):
            return "answer_no"
        moved, went = keys & self._directed, told & self._directed
        if len(moved) == 1 and len(went) == 1 and len(_figures(text)) >= 2:
            return "answer_yes" if moved == went else "answer_no"
        return None

    def _compares(self, text: str, question: _Question) -> bool:
        """Whether the question compares or computes, which no plain yes answers ("did trade grow?").

        Not a claimed order the answer states ("the third largest?" of the third).
        """
        keys = question.entities.keys
        if self._comparing.isdisjoint(keys):
            return False
        claimed = self._nths(keys)
        return not claimed or not claimed <= self._nths(self.analyzer.keys_of(text, question.lang))

    def _nths(self, keys: frozenset[str]) -> frozenset[int]:
        """The ordinals ``keys`` say ("second": 2)."""
        return frozenset(n for n, said in self._ordinals.items() if not said.isdisjoint(keys))

    def _dated_otherwise(self, entry: Entry, question: _Question) -> bool:
        """Whether the question claims another year for the one event ``entry`` dates.

        Its one date is of something done once (not a start that goes on: a post held "since",
        a lasting event), no year asked is after the sheet's, and the entry explains every
        other word of the question ("did the groups meet in 2005?" asks of no founding) but
        the names of people, which the claim may have wrong too ("signed in 2007 during
        Prodi's visit?": no, in 2009, during Nazarbayev's).
        """
        once = self._once_of(entry)
        return once is not None and self._dated_apart(entry, question, (once,))

    def _dated_apart(self, entry: Entry, question: _Question, dates: Sequence[When]) -> bool:
        """Whether no year asked is one of ``dates`` or after the sheet's, ``entry`` explaining the rest."""
        years = question.entities.years
        if not dates or any(
            year > self._sheet_date.year or year in {d.year for d in dates} for year in years
        ):
            return False
        found = question.scored_for(entry.id)
        named = {w for s in question.analysis.slots if s.key in self._people for w in s.surface.split()}
        return found is not None and all(word.isdigit() or word in named for word in found.unmatched)

    def _numbers_said(self, analysis: Analysis) -> set[float]:
        """The numbers a question states, in figures or as counts in words ("пять раз": 5).

        A number in words that the counts do not read ("twelve", "он екі": ten and two) is
        said as -1: a number no answer states.
        """
        language, words = self.languages[analysis.lang], analysis.words
        counts = {word: n for n, word in enumerate(language.pack.counts)}
        repeats, units = self._repeats[analysis.lang]
        said = _figures_of(s.key for s in analysis.slots if s.kind is SlotKind.NUMBER)
        for at, word in enumerate(words):
            before = words[at - 1] if at else ""
            after = words[at + 1] if at + 1 < len(words) else ""
            if times := next((n for r, n in repeats.items() if words[at : at + len(r)] == r), 0):
                said.add(float(times))  # "twice", "дважды", "una volta"
            elif word in counts and after in units and before not in counts:
                said.add(float(counts[word]))  # "two times", "один раз", "екі рет"
            elif word in counts and (after in counts or before in counts):
                said.add(-1.0)  # a number of two words
            elif word in counts:
                said |= {float(counts[word])} if counts[word] > 2 else set()  # "the two countries": no count
            elif word in self._uncounted[analysis.lang] and not (before[:1].isdigit() or before in counts):
                said.add(-1.0)  # "twelve", "a dozen"; not "1.7 million"
        return said

    def _counts_in(self, text: str, lang: str) -> set[float]:
        """The counts ``text`` states in words ("four")."""
        words = set(self.languages[lang].words(text))
        return {float(n) for n, word in enumerate(self.languages[lang].pack.counts) if word in words}

    def _claimed_sums(self, analysis: Analysis) -> list[str]:
        """The numbers a question states as sums: before a scale or a currency ("17 million euros")."""
        language, words = self.languages[analysis.lang], analysis.words
        claimed = []
        for at, slot in placed(analysis):
            after = words[at + 1] if at + 1 < len(words) else ""
            if (
                slot.kind is SlotKind.NUMBER
                and after
                and (
                    after in language.number_words
                    or not self._units.isdisjoint(self.analyzer.keys_of(after, analysis.lang))
                )
            ):
                claimed.append(slot.key)
        return claimed

    def _rare_unmatched(self, question: _Question, scored: Scored) -> frozenset[str]:
        """The keys of the question's rare, known words that ``scored`` does not explain."""
        unmatched = scored.unmatched
        return frozenset(key for surface, key in self._rare(question) if surface in unmatched)

    def _counts_unknown(self, question: _Question, scored: Scored) -> bool:
        """Whether "how many X" counts a thing no entry knows, which ``scored`` leaves out ("cars")."""
        analysis = question.analysis
        if question.entities.asks is not Asks.QUANTITY:
            return False
        counted = _counted(analysis.words, self.languages[analysis.lang])
        return any(
            s.surface == counted and s.surface in scored.unmatched and s.key not in self.index.idf
            for s in analysis.slots
        )

    def _rare(self, question: _Question) -> tuple[tuple[str, str], ...]:
        """The question's rare, known words, as (surface, key); read once per question.

        Not words of a comparison ("maggiore": larger): they say what to compute, not of what;
        nor the words that ask ("in che data": the date asked is no date the sheet speaks of).
        """
        if question.rare is None:
            analysis = question.analysis
            asking = asked_words(analysis.words, self.languages[analysis.lang])
            question.rare = tuple(
                (s.surface, s.key)
                for s in analysis.slots
                if not set(s.surface.split()) <= asking
                and s.kind is SlotKind.WORD
                and s.key not in self._comparing
                and s.key in self.index.idf
                and self.index.slot_weight(s, analysis.lang) >= SPECIFIC_WEIGHT
            )
        return question.rare

    def _explains_more(self, question: _Question, best: Scored) -> Scored | None:
        """A lower candidate that explains a rare word of the question ``best`` leaves out."""
        rare = self._rare_unmatched(question, best)
        if not rare:
            return None
        explained = {key for surface, key in self._rare(question) if surface not in best.unmatched}
        for other in question.ranked[: MAX_SUGGESTIONS * 2]:
            # It must explain all that ``best`` explains, and that word too.
            subsumes = other is not best and set(other.unmatched) < set(best.unmatched)
            mentions = self._mentions[other.entry_id]
            # and speaks of the rare words ``best`` explains ("the guide to religious sites")
            if subsumes and any(key in mentions for key in rare) and explained <= mentions:
                return other
        return None

    def _rise_or_fall(self, analysis: Analysis) -> set[str]:
        """The words of the question that say a figure rose or fell ("drop", "lower"), as written."""
        return {s.surface for s in analysis.slots if s.key in self._directed}

    def _compares_more(self, question: _Question, best: Scored) -> Scored | None:
        """A close candidate that explains all ``best`` does and a word of a change it leaves out ("drop")."""
        left = self._rise_or_fall(question.analysis) & set(best.unmatched)
        if not left:
            return None
        return next(
            (
                other
                for other in question.ranked[: MAX_SUGGESTIONS * 2]
                if other is not best
                and best.score - other.score <= NEXT_BEST_GAP
                and set(other.unmatched) < set(best.unmatched)
                and left.isdisjoint(other.unmatched)
            ),
            None,
        )

    def _same_reply(self, entry: Entry, other: Entry, question: _Question) -> bool:
        """Whether ``other`` would say the same as ``entry``: then choosing between them does not matter.

        Only an entry of the same family of facts can (two views of the visits table, say).
        """
        facts = entry.facts
        if other.facts is None or facts is None or FAMILY[other.facts] != FAMILY[facts]:
            return False
        return self._render(other, question).text == self._render(entry, question).text

    def _leads(self, best: Scored, rivals: list[Scored]) -> bool:
        """Whether ``best`` is good enough and clear enough of ``rivals`` to answer alone."""
        runner_up = max((s.score for s in rivals), default=0.0)
        clear = not any(self._indistinct(best, rival) for rival in rivals[:2])
        return best.score >= ANSWER_SCORE and best.score - runner_up >= LEAD and clear

    @staticmethod
    def _indistinct(best: Scored, rival: Scored) -> bool:
        """Whether the question fails to tell ``best`` from ``rival``.

        It explains both equally and only the length of a phrasing separates them
        ("agreement": the strategic partnership, or the one with La Scala?).
        """
        return rival.recall >= best.recall - TIE_RECALL and best.precision - rival.precision < TIE_PRECISION

    def _unmatched_name(self, analysis: Analysis, ranked: list[Scored]) -> str | None:
        """A word that may be a name, which no confident match explains.

        Only when the best match answers per person (visits, officials): then the question
        is about someone else; a name typed in lower case counts only then.
        """
        if ranked and ranked[0].score >= ANSWER_SCORE:
            return None
        if ranked and "people" not in FILTERS.get(self.entries[ranked[0].entry_id].facts or "", set()):
            return None
        if not ranked:
            return next((s.surface for s in analysis.slots if s.maybe_name), None)
        unmatched = ranked[0].unmatched
        names = (s.surface for s in analysis.slots if s.maybe_name or s.lower_name)
        return next((name for name in names if name in unmatched), None)

    def _unknown_name(self, names: Sequence[str], lang: str, lacking: bool = False) -> _Decision:
        language = self.languages[lang]
        shown = shorten(_title(" ".join(language.base_form(n) for n in names)), MAX_ECHOED)
        key = "decline_attribute_unknown" if lacking else "decline_unknown"
        text = self.texts.get(key, lang, name=shown, capabilities=self._capabilities(lang))
        return _Decision(Outcome.DECLINE, text, None, 0.0, "unknown name")

    def _check(self, entry: Entry, question: _Question, scored: Scored) -> _Decision | None:
        """Why ``entry`` cannot answer the question (a decline), or None if it can."""
        analysis, entities, lang = question.analysis, question.entities, question.lang
        capabilities = self._capabilities(lang)
        mentions = self._mentions[entry.id]
        if question.asks_age:
            return self._partial(entry, question, scored, _NO_AGE)
        # A detail is given in the question's language or not at all: a word of another
        # language's text may mean something else there (Kazakh "бастаған": began, or led).
        if self._lacks_detail(entry, question):
            # A detail the entry does not give: about what it covers, say what it does say;
            # about nothing it covers ("the population of Italy"), say so plainly.
            text = self.texts.get("decline_attribute", lang, capabilities=capabilities)
            if not self._about(entry, analysis, scored):
                return _Decision(Outcome.DECLINE, text, entry, scored.score, "attribute not in the knowledge")
            if scored.score >= ANSWER_SCORE:
                return self._partial(entry, question, scored, _NO_ATTRIBUTE)
            # Too weak a match to quote as what the sheet does say ("how many students …?": the
            # archaeological mission's "study"); a better one's refusal may still say it.
            return _Decision(Outcome.DECLINE, text, entry, scored.score, _NO_ATTRIBUTE)
        if entities.asks is Asks.REASON and entry.answer is not None and not entry.says_why:
            said = _first_sentence(self._render(entry, question).text)
            text = self.texts.get("no_reason", lang, found=said)
            return _Decision(Outcome.DECLINE, text, entry, scored.score, _NO_REASON, quotes=True)
        if entry.answer is not None and entities.people and self._asks_a_trip(question, entry):
            # "When did Masimov visit Italy?": the talks in Astana tell his visits, another way
            away = self.renderers.visits.elsewhere(Query(entities, entry))
            if away is not None:
                return _Decision(Outcome.DECLINE, away.text, entry, scored.score, "no visit that way")
        if self._names_other_thing(entities, analysis, mentions) and not self._data_names(entry, question):
            return self._partial(entry, question, scored, _OTHER_THING)  # "ENI's investment": Italy's
        if entry.facts is None and len(entities.people) > 1 and not mentions.issuperset(entities.people):
            return self._partial(entry, question, scored, _OTHER_THING)  # "when did Nazarbayev meet Renzi?"
        if entities.asks is Asks.NAMES and self._unnamed(entry, question.analysis):
            return self._partial(entry, question, scored, "names not given")  # "which universities?"
        if entities.asks is Asks.PERSON and self._asks_doer(
            question.analysis, entry.doers_unnamed, entry.doers_of
        ):
            return self._partial(entry, question, scored, "the doer not named")  # "who opened the obelisk?"
        if any(COUNTRY_PREFIX + f in mentions for f in entities.foreign) and self._italy not in entities.keys:
            # "Russia's share": the entry names Russia, but its figures are Italy's.
            return self._partial(entry, question, scored, "another country's detail")
        if entry.answer is not None or "years" not in FILTERS.get(entry.facts or "", set()):
            years = [y for y in entities.years if not self._covers(entry, y, entities)]
            if years:
                return self._no_year(entry, question, scored, years[0])
        rendered = self._render(entry, question)
        if not rendered.answered:
            return _Decision(Outcome.DECLINE, rendered.text, entry, scored.score, _NONE_FOR)
        if self._asks_order(entry, entities, mentions):  # "who was the first ambassador?"
            return self._partial(entry, question, scored, "the first not given")
        asked = entities.asks
        if asked is Asks.QUANTITY and not self._money.isdisjoint(entities.keys):
            asked = Asks.AMOUNT  # "how much did ENI pay?": a sum, not "three-year"
        # the sheet's own date ("as of April 2014") dates nothing it tells: "when was that
        # memorandum signed?" is not answered by concerts given as of April 2014
        told = self._undated(rendered.text, lang) if asked in _DATES and entry.as_of else rendered.text
        gives = self._gives(told, asked, " ".join(question.analysis.words))
        if not gives or not self._names_someone(rendered.text, question):
            return self._partial(entry, question, scored, _WRONG_KIND)
        if not self._names_their_side(rendered.text, question):
            return self._partial(entry, question, scored, "no one of that side")
        return None

    def _asks_doer(self, analysis: Analysis, acts: Sequence[str], done_to: Sequence[str] = ()) -> bool:
        """Whether "who" asks who did one of ``acts``: the word nearest "who" is that act.

        "Who opened the obelisk?", "обелискті кім ашты?"; not "who attended its opening?".
        With ``done_to``, only when the question names them: "who trained the singers?".
        """
        if not acts or (done_to and analysis.keys.isdisjoint(done_to)):
            return False
        span = asked_span(analysis.words, self.languages[analysis.lang], (Asks.PERSON,))
        if span is None:
            return False
        begin, end = span
        apart = {
            s.key: begin - i if i < begin else i - end + 1
            for i, s in placed(analysis)
            if not begin <= i < end
        }
        return bool(apart) and any(apart.get(act) == min(apart.values()) for act in acts)

    def _asks_a_trip(self, question: _Question, entry: Entry) -> bool:
        """Whether the question asks of someone's going somewhere: a visit, or the other country named.

        "Kazykhanov in Italy", "Frattini in Astana": a trip; "whom did Kazakhstan's foreign
        minister Kazykhanov meet in September 2011?" names his own country only, and no visit.
        """
        entities = question.entities
        if entities.origin is None:
            return False
        other = self._italy if entities.origin == "KZ" else self._kazakhstan
        there = self._towns[other]  # "come to Astana"
        named = other in entities.keys and not self.recognizer.only_describes(
            question.analysis, other, self._posts
        )
        if named and not question.focus and self._asks_of_what_it_tells(question, entry):
            named = False  # "what role did Frattini acknowledge to Kazakhstan?": of what he said
        return bool(question.focus) or named or not there.isdisjoint(entities.keys)

    def _asks_of_what_it_tells(self, question: _Question, entry: Entry) -> bool:
        """Whether the question names what ``entry`` tells but people, places and visits: "his role"."""
        told = question.analysis.keys & self._mentions[entry.id]
        return not told <= self._places_and_visits | set(question.entities.people)

    def _asks_order(self, entry: Entry, entities: Entities, mentions: frozenset[str]) -> bool:
        """Whether "who was the first …" asks an order that ``entry`` neither states nor works out.

        Not "the last": "в последние годы" (in recent years) asks no order.
        """
        ordinals = entities.keys & self._first
        return (
            entities.asks is Asks.PERSON
            and bool(ordinals)
            and ordinals.isdisjoint(mentions)
            and (entry.facts or "") not in ORDERED
        )

    def _attributes_asked(self, analysis: Analysis, entities: Entities) -> frozenset[str]:
        """The details the question asks that the sheet may lack; not the asker's own ("I'm a student")."""
        found = entities.keys & self._attributes
        if not entities.people and entities.keys.isdisjoint(self._posts | self._held_posts):
            found -= self._personal  # "quando è nato il gruppo?": when it was set up
        language = self.languages[analysis.lang]
        if found and (entities.until is not None or entities.year_range is not None):
            # "before 2009", "from 2012 to 2013" bound the years: no predecessor asked
            bound = language.range_before | language.range_end | language.stopwords
            found -= {s.key for s in analysis.slots if s.key in found and set(s.surface.split()) <= bound}
        if not found or not language.asker:
            return found
        own = {
            s.key for i, s in placed(analysis) if s.key in found and language.said_of_self(analysis.words, i)
        }
        return found - own

    def _lacks_detail(self, entry: Entry, question: _Question) -> bool:
        """Whether the question asks a detail ``entry`` does not give in the question's language.

        A table's entry gives what its reply says ("в 2009 году … подписано соглашение"), in a
        sentence of the year asked, if one is: Scalfaro's 1997 visit signed nothing, though the
        same reply tells of the 2009 agreement.
        """
        asked = self._attributes_asked(question.analysis, question.entities)
        missing = self._not_given(asked, self.index.mentions(entry.id, question.lang))
        if missing and entry.facts is not None:
            text = self._render(entry, question).text
            if years := {str(y) for y in question.entities.years}:
                text = " ".join(s for s in _SENTENCE_END.split(text) if any(y in s for y in years))
            missing = self._not_given(missing, self.analyzer.keys_of(text, question.lang))
        return bool(missing)

    def _not_given(self, asked: frozenset[str], mentions: frozenset[str]) -> frozenset[str]:
        """The details asked that an entry with ``mentions`` neither names nor shows by another concept."""
        return frozenset(a for a in asked - mentions if mentions.isdisjoint(self._shown_by.get(a, ())))

    def _names_other_thing(self, entities: Entities, analysis: Analysis, mentions: frozenset[str]) -> bool:
        """Whether a question asking for a figure, a date, a person or a place names what the entry does not.

        "How much did ENI invest?" is not answered by all Italian investment; "apart from
        CICA, which …" names CICA to leave it out. "Who was the foreign minister when the
        agreement was signed?" is not answered by an agreement that names none.
        """
        if entities.asks not in _VALUE_ASKS and not entities.yes_no:
            return False  # "did ENI invest 6 billion?" claims a value as much as it asks one
        # "did the Italian president attend?" claims a person of that post as much as "who?" asks
        # one; "was Scalfaro the first Italian leader to come?" names its person
        posts = entities.asks is Asks.PERSON or (entities.yes_no and not entities.people)
        named = self._things | self._posts if posts else self._things
        if entities.asks in (Asks.AMOUNT, Asks.QUANTITY):
            named = named | self.renderers.goods_named  # "how much wheat in 2013?": no year's total
        return any(s.key in named and s.key not in mentions | entities.excepted for s in analysis.slots)

    def _data_names(self, entry: Entry, question: _Question) -> bool:
        """Whether a fact entry's reply names every thing and post the question does.

        Its phrasings need not: "which Italian premier came to the OSCE summit?" is answered
        by Berlusconi's visits, whose reply gives his post and the summit.
        """
        if entry.facts is None:
            return False
        told = self.analyzer.keys_of(self._render(entry, question).text, question.lang)
        return not self._names_other_thing(
            question.entities, question.analysis, told | self._mentions[entry.id]
        )

    def _unnamed(self, entry: Entry, analysis: Analysis) -> bool:
        """Whether the question asks the names of something ``entry`` speaks of without naming."""
        if not entry.unnamed:
            return False
        named = self.recognizer.named(analysis)
        if named is None and not placed(analysis):
            # "олардың аттары кім?" after the singers: a follow-up whose every concept is the
            # last question's (none stands among its words) asks the names of those
            named = (analysis.keys, None)
        if named is None:
            return False
        concepts, whose = named
        return any(u.concept in concepts and (u.of is None or whose == u.of) for u in entry.unnamed)

    def _names_someone(self, text: str, question: _Question) -> bool:
        """Whether a reply to "who …?" names someone the question did not.

        "Who did Nazarbayev meet?" is not answered by Nazarbayev's visits. A question that
        names a person and nothing else ("Who is Pieri?") asks who they are: any reply
        about them answers it.
        """
        entities = question.entities
        if entities.asks is not Asks.PERSON or not entities.people:
            return True
        if all(s.key in self._people for s in question.analysis.slots) or self._asks_who_is(question):
            return True
        if self._guessed(question):
            return True  # "who is the Italian ambassador, is it Pieri?": a reply naming him answers
        named = self.analyzer.keys_of(text, entities.lang)
        return bool(named & self._people - set(entities.people)) or not (named & self._people)

    def _guessed(self, question: _Question) -> bool:
        """Whether the question ends with the person it guesses, after a post ("…, is it Pieri?").

        Only copulas and other words of no substance between the post and the name: in "which
        minister received Saudabayev?" a verb stands there, in "… before Pieri?" a bound, and
        neither is a guess.
        """
        analysis = question.analysis
        at = placed(analysis)
        if len(at) < 2:
            return False
        (before, post), (start, named) = at[-2], at[-1]
        if named.key not in self._people or start + len(named.surface.split()) != len(analysis.words):
            return False  # the name is not what the question ends with
        if post.key not in self._posts and post.key not in self._places_named:
            return False
        language = self.languages[analysis.lang]
        between = analysis.words[before + len(post.surface.split()) : start]
        bounds = language.range_before | language.range_after | language.range_start | language.range_end
        return (
            bool(between)
            and bounds.isdisjoint(between)  # "… до Пьери?": before him, no guess
            and all(w in language.copulas or w in language.stopwords for w in between)
        )

    def _names_their_side(self, text: str, question: _Question) -> bool:
        """Whether a reply to "who … on the Italian side?" names one of that side, if anyone.

        The agreement signed on Nazarbayev's visit names no Italian who signed it; nor does
        it answer "which Italian prime minister signed it?" (a post asked by "which").
        """
        entities = question.entities
        asks_who = entities.asks is Asks.PERSON or (
            entities.asks is Asks.NAMES and self._posts & entities.keys
        )
        side = self._side_asked(question) if asks_who else None
        if side is None:
            return True
        named = self.analyzer.keys_of(text, entities.lang) & self._people
        if entities.people:  # "the Italian culture minister Kul-Muhammed met": another, of that post
            if self._posts.isdisjoint(entities.keys):
                return True
            roles = self.renderers.visits.roles
            posts = _words_of_keys(entities.keys & frozenset().union(*roles.values()))
            if self._titled(question.analysis, roles):
                return True  # the post is the named person's own: "Kazakhstan's foreign minister Kazykhanov"
            if self._asks_own_post(question, posts, roles):
                return True
            others = named.difference(entities.people)
            return not posts or any(
                self._sides[p] == side and posts <= _words_of_keys(roles[p]) for p in others
            )
        return not named or any(self._sides[p] == side for p in named)

    def _side_asked(self, question: _Question) -> Country | None:
        """Whose person a "who" or "which" question asks for.

        The country beside the post asked ("which Italian prime minister welcomed him?": Italy's,
        whoever made the visit), or else the side that acts.
        """
        if question.entities.asks is Asks.NAMES:
            return self.recognizer.adjective_side(question.analysis) or question.entities.origin
        return question.entities.origin

    def _asks_own_post(
        self, question: _Question, posts: frozenset[str], roles: Mapping[str, Iterable[str]]
    ) -> bool:
        """Whether "which … was" asks the named people's own post: "which ministry's minister was Mynbaev?".

        A copula joins them; "which minister visited Italy with Tusupbekov?" asks another, and
        "which Italian minister was Kul-Muhammed received by?" one of the other side.
        """
        analysis, people = question.analysis, question.entities.people
        whose = self.recognizer.adjective_side(analysis)
        return (
            bool(posts and people)
            and any(word in self.languages[analysis.lang].copulas for word in analysis.words)
            and all(
                whose in (None, self._sides[p]) and posts & _words_of_keys(roles.get(p, ())) for p in people
            )
        )

    def _titled(self, analysis: Analysis, roles: Mapping[str, Iterable[str]]) -> bool:
        """Whether a post stands right before a person who holds it, only a country between.

        "глава МИД Казахстана Ержан Казыханов": his title; not "which Italian minister
        received Saudabayev" (a verb between) nor "министр культуры Италии … Кул-Мухаммед".
        """
        slots = analysis.slots
        for i, slot in enumerate(slots):
            if slot.key not in self._posts:
                continue
            after = next((s for s in slots[i + 1 : i + 3] if s.key not in self._countries), None)
            held = _words_of_keys(roles.get(after.key, ())) if after is not None else frozenset()
            if held and _words_of_keys({slot.key}) <= held:
                return True
        return False

    def _asks_who_is(self, question: _Question) -> bool:
        """Whether "who" and a person's name stand joined by copulas ("Кто такая Мусаходжаева и …").

        Without one between them, "кого Назарбаев встретил" (whom did Nazarbayev meet) asks
        someone else; right after the name as written, with no ending ("Досжан кім, …"), "who"
        asks who that is ("Назарбаевты кім …": whom did someone … Nazarbayev).
        """
        analysis = question.analysis
        language = self.languages[analysis.lang]
        if not language.copulas:
            return False
        words, who = analysis.words, language.asked_by_word.get(Asks.PERSON.value, {})
        asking = [i for i, word in enumerate(words) if word in who and word in language.question_words]
        for at, slot in placed(analysis):
            if slot.key not in self._people:
                continue
            end = at + len(slot.surface.split())
            bare = language.stem(words[end - 1]) == words[end - 1] or self.analyzer.as_listed(
                slot.surface, analysis.lang
            )
            for i in asking:
                between = words[i + 1 : at] if i < at else words[end:i]
                # "а Марченко кем был": a copula after "who" says the name before it is the subject
                followed = i + 1 < len(words) and words[i + 1] in language.copulas
                if all(word in language.copulas for word in between) and (
                    between or (i == end and (bare or followed))
                ):
                    return True
        return self._asks_who_they_are(analysis, language, asking)

    def _asks_who_they_are(self, analysis: Analysis, language: Language, asking: list[int]) -> bool:
        """Whether "who" stands with copulas and a pointer to the one person named: "…, ол кім болған?".

        "Did Mynbayev go to Italy, and who was he?": "he" is Mynbayev, whom the reply is about.
        """
        if len({s.key for s in analysis.slots if s.key in self._people}) != 1:
            return False
        words = analysis.words
        for i in asking:
            before, after = i, i + 1
            while before > 0 and words[before - 1] in language.copulas:
                before -= 1
            while after < len(words) and (
                words[after] in language.copulas or self._is_pointer(words[after], language)
            ):
                after += 1
            # after "who", only a pointer that ends the question: "кто он такой?", not "кто его
            # подписал?" (who signed it)
            near = words[before:i] + (words[i + 1 : after] if after == len(words) else ())
            if any(self._is_pointer(word, language) for word in near):
                return True
        return False

    def _is_pointer(self, word: str, language: Language) -> bool:
        return self.followups.first_pointer((word,), language.code) is not None

    def _about(self, entry: Entry, analysis: Analysis, scored: Scored) -> bool:
        """Whether the entry explains what the question is about, beyond the detail asked.

        The two countries, years, months and "now" say nothing specific; what is left must
        weigh as much as a question that names something ("the weather in Rome today", or
        "in November", names nothing).
        """
        general = self._attributes | self._places_named | self._current | self._units
        asking = self.languages[analysis.lang].question_words  # "қанша" asks; it names nothing
        specific = [
            s
            for s in analysis.slots
            if s.key not in general
            and s.surface not in asking
            and not s.key.startswith(COUNTRY_PREFIX)
            and s.kind is not SlotKind.YEAR
            and not self._gives.is_month(s.surface)
            and s.surface not in scored.unmatched
        ]
        return sum(self.index.slot_weight(s, analysis.lang) for s in specific) >= MIN_QUESTION_WEIGHT

    def _partial(self, entry: Entry, question: _Question, scored: Scored, reason: str) -> _Decision:
        """Decline a detail the fact sheet does not give, saying in a sentence what it does say.

        What the entry renders may be a decline of its own ("no such visit in 2019"): it is
        the reply, not a second "what it does say".
        """
        rendered = self._render(entry, question)
        if not rendered.answered:
            return _Decision(Outcome.DECLINE, rendered.text, entry, scored.score, reason, quotes=True)
        text = self.texts.get("decline_detail", question.lang, answer=_first_sentence(rendered.text))
        return _Decision(Outcome.DECLINE, text, entry, scored.score, reason, quotes=True)

    def _no_year(self, entry: Entry, question: _Question, scored: Scored, year: int) -> _Decision:
        """Decline a year the entry says nothing for, saying in a sentence what it does say.

        "How much did Italy invest in 2013?": nothing for 2013, but 6 billion dollars since 1994.
        """
        lang = question.lang
        rendered = self._render(entry, question)
        if rendered.answered:
            answer = _first_sentence(rendered.text)
            text = self.texts.get("decline_year_detail", lang, year=year, answer=answer)
            return _Decision(Outcome.DECLINE, text, entry, scored.score, _NO_YEAR, quotes=True)
        topic, capabilities = self._short(entry, lang), self._capabilities(lang)
        text = self.texts.get("decline_year", lang, year=year, topic=topic, capabilities=capabilities)
        return _Decision(Outcome.DECLINE, text, entry, scored.score, _NO_YEAR)

    def _person_focus_of(self, analysis: Analysis, language: Language) -> frozenset[str]:
        """The focus a verb names of the person before it ("Ренци Қазақстанға келді ме?": a visit).

        Only when the nearest thing named before the verb is a person or a place: in "Ренци
        үкіметі келгенде" (when Renzi's government came in) the government came, not Renzi.
        """
        heads = self._person_focus[analysis.lang]
        found: set[str] = set()
        before: Slot | None = None
        for _, slot in placed(analysis):
            key = heads.get(slot.surface) or heads.get(language.stem(slot.surface.split()[0]))
            if (
                key is not None
                and before is not None
                and (before.key in self._people or before.key in self._places_named)
            ):
                found.add(key)
            before = slot
        return frozenset(found)

    def _wrong_direction(self, scored: Scored, entities: Entities) -> bool:
        actor = self.entries[scored.entry_id].actor
        if actor is None or entities.origin is None or actor == entities.origin:
            return False
        # "Marchenko position Italy": his own visit, whichever way the bare country reads (an
        # embassy or an ambassador says whose: "Yelemesov, Italy's ambassador?" is not his)
        people = entities.people
        own = all(self._sides[p] == actor for p in people) and self._anchors.isdisjoint(entities.keys)
        return not (people and own and self._mentions[scored.entry_id].issuperset(people))

    def _mentions_country(self, scored: Scored, country: str) -> bool:
        return COUNTRY_PREFIX + country in self._mentions[scored.entry_id]

    def _covers(self, entry: Entry, year: int, entities: Entities) -> bool:
        """Whether ``entry`` says something for ``year``.

        A state "as of April 2014" holds in 2014 ("the ambassador in 2014"), but an amount
        for 2014 needs figures for 2014 ("trade in 2014" is not in the fact sheet).
        """
        if entry.as_of and year == entry.as_of.year and str(year) not in self._stated[entry.id]:
            # ... but a figure "as of April 2014" is a figure for an earlier year.
            answer = self._answers.get((entry.id, self.default), "")
            figures = entry.answer is not None and self._gives(answer, Asks.QUANTITY)
            return entities.asks is not Asks.QUANTITY and not figures
        once = self._once_of(entry)
        if once is not None and once.year != year:
            return False  # "the agreement signed in 2003": signed in 2009, on the last visit it lists
        start = self._held_since(entry)
        if start is not None and entry.as_of is not None and start.year <= year <= entry.as_of.year:
            return True  # "the ambassador in 2013": in the post since 2011, still as of 2014
        return str(year) in self._mentions[entry.id]

    def _render(self, entry: Entry, asked: Entities | _Question) -> Rendered:
        """What ``entry`` says to a question (rendered once per question: kept in it)."""
        if isinstance(asked, _Question):
            found = asked.renders.get(entry.id)
            if found is None:
                found = asked.renders[entry.id] = self._render(entry, asked.entities)
            return found
        if entry.answer is not None:
            return Rendered(
                self._answers.get((entry.id, asked.lang)) or self._answers[(entry.id, self.default)]
            )
        assert entry.facts is not None
        return self.renderers.render(entry.facts, Query(asked, entry))

    def _suggestions(self, scored: list[Scored], lang: str) -> tuple[Suggestion, ...]:
        if not scored:
            return ()
        floor = scored[0].score * SUGGEST_RATIO
        chosen = [s for s in scored if s.score >= floor][:MAX_SUGGESTIONS]
        return tuple(
            Suggestion(s.entry_id, self.entries[s.entry_id].questions.first(lang, self.default))
            for s in chosen
        )

    def _candidate(self, scored: Scored) -> Candidate:
        notes = (
            f"recall={scored.recall:.2f}",
            f"precision={scored.precision:.2f}",
            "unmatched=" + ",".join(scored.unmatched) if scored.unmatched else "unmatched=-",
        )
        return Candidate(scored.entry_id, round(scored.score, 4), scored.phrasing, notes)

    # -- texts ----------------------------------------------------------------------

    def _capabilities(self, lang: str) -> str:
        return self._said[lang]

    def _short(self, entry: Entry, lang: str) -> str:
        return entry.questions.first(lang, self.default).rstrip("?")

    def _topic_hint(self, topic: Topic, lang: str) -> str:
        examples = topic.examples.get(lang) or topic.examples.get(self.default)
        return self.texts.get("topic_examples", lang, examples="\n".join(f"• {q}" for q in examples))

    def _empty_entities(self, lang: str) -> Entities:
        return self.recognizer.recognize(Analysis(lang, (), (), ()))


# The most words a side of "how many years between A and B" may take: the longest in every
# question file takes 8 ("the first official visit of Nazarbayev to Italy").
MAX_SIDE_WORDS = 16
# The "and"s tried as the one between two questions of a message: a run of them is a list.
MAX_JOINS = 3
# "Both were in 1992", "One year passed": the texts for spans that need their own words.
_YEARS_BETWEEN = {0: "years_between_same", 1: "years_between_one"}
_NONE_FOR = "the facts have none for it"
_TABLE = "a table that picks by person"
# Small talk that invites a question: its reply offers a few.
_INVITING = frozenset({"greeting", "identity", "abilities"})
_WRONG_KIND = "the answer is not the kind of thing asked"
_NO_YEAR = "year not in the entry"
_NO_ATTRIBUTE = "attribute not in the entry"
_NO_AGE = "a person's age"
_NO_REASON = "the entry does not say why"
# Problems another candidate may not have: a date asked of a list, a year of another entry,
# a thing it does not name.
_OTHER_THING = "the question names a thing the entry does not"
_TOLD_ELSEWHERE = "the person's own entry tells what a table has none of"
# What a question asks for that a thing's own entry must give: not a list, not an account.
_DATES = frozenset({Asks.DATE, Asks.DAY})
_VALUE_ASKS = frozenset({Asks.QUANTITY, Asks.AMOUNT, Asks.DATE, Asks.DAY, Asks.PERSON, Asks.CITY, Asks.PLACE})
# What a follow-up pointing back may ask of what it points to: a value, or names ("which company").
_DETAIL_ASKS = _VALUE_ASKS | {Asks.NAMES}
_ANOTHER_MAY = frozenset({_WRONG_KIND, _NO_YEAR, _OTHER_THING})
# Declines that "how many years ago" may turn into a count: a date given for a number asked,
# or the sheet's own year asked ("by 2014").
_UNCOUNTED = frozenset({_WRONG_KIND, _NO_YEAR, _NO_ATTRIBUTE})
_COUNTS = frozenset({Asks.QUANTITY, Asks.OTHER})  # what "how many years", "how old" ask


class _SpanPatterns(NamedTuple):
    """A language's shapes of a span, and what each of them holds ("how many years")."""

    needs: re.Pattern[str]
    shapes: tuple[re.Pattern[str], ...]


_NOTHING = re.compile(r"(?!)")  # matches nothing: a language without spans


def _span_patterns(language: Language) -> _SpanPatterns:
    """What "how many years between A and B" and "… from A to B" look like in ``language``."""
    span = language.pack.span

    def alternatives(phrases: list[str]) -> str:
        return _alternatives(language, phrases)

    starts = alternatives([*span.starts, *span.months, *span.days])
    between, joins = alternatives(span.between), alternatives(span.joins)
    froms, tos = alternatives(span.froms), alternatives(span.tos)
    afters, thens = alternatives(span.afters), alternatives(span.thens)
    if not starts:
        return _SpanPatterns(_NOTHING, ())
    # The words after each side, in reading order ("between A and B"; Kazakh "A and B
    # between", "A-дан бастап B-ға дейін"). A word before a side may be elided onto it:
    # "dall'apertura".
    if span.postposition:  # "A and B between how many years"; "A after how many years-later B"
        shape = r"^(?P<a>.+?)\s+(?:{0})\s+(?P<b>.+?)\s+(?:{1})\b.*\b(?:{starts})\b"
        # B may stand before or after "how many years later": "… кейін Қазақстан елшілігі
        # неше жылдан соң ашылды?", "… кейін неше жылдан соң Италия елшілігі көшті?"
        after = r"^(?P<a>.+?)\s+(?:{0})\s+(?P<b>.*?)\s*\b(?:{starts})\w*\s+(?:{1})\b\s*(?P<rest>.*)$"
        shapes = [(shape, joins, between, ""), (shape, froms, tos, ""), (after, afters, thens, "")]
        # "A-дан B-ға дейін": the ablative ending on A's last word says "from" without "бастап"
        away = "|".join(map(re.escape, sorted(language.pack.stemming.away, key=len, reverse=True)))
        if away and tos:
            ending = r"^(?P<a>.+?(?:{0}))\s+(?P<b>.+?)\s+(?:{1})\b.*\b(?:{starts})\b"
            shapes.append((ending, away, tos, ""))
        if away and afters:
            # "Пьери Елемесовтан неше жыл бұрын елші болды?": B (a few words: "Италия елшісі
            # Пьери") and A (a word, in the ablative), then "how many years before/after" and B's verb
            ablative = (
                r"^(?P<b>\S+(?:\s+\S+){{0,3}}?)"
                r"\s+(?P<a>\S+(?:{0}))\s+(?:{starts})\w*\s+(?:{1})\b\s*(?P<rest>.*)$"
            )
            shapes.append((ablative, away, afters, ""))
    else:
        shape = r"\b(?:{starts})\b.*?\b(?:{0}){2}(?P<a>.+?)\s+(?:{1}){2}(?P<b>.+)$"
        # The verb that ends A stays B's: "… после A начали обучение певцы" (began the training).
        then = r"\b(?:{starts})\b.*?\b(?:{0}){2}(?P<a>.+)\s+(?P<b>(?:{1}){2}.+)$"
        elided = r"(?:\s+|['’])"
        # "на сколько лет B открылось позже A": B, the comparative, then A
        later = r"\b(?:{starts})\b\s+(?P<b>.+?)\s+(?:{0}){2}(?P<a>.+)$"
        # "на сколько лет раньше B занял пост, чем A": the comparative first, A after "than"
        than = r"\b(?:{starts})\b\s+(?:{0})\s+(?P<b>.+?)[\s,]+(?:{1}){2}(?P<a>.+)$"
        comparatives = alternatives(span.comparatives)
        shapes = [
            (shape, between, joins, r"\s+"),
            (shape, froms, tos, elided),
            (then, afters, thens, r"\s+"),
            (than, comparatives, alternatives(span.thans), r"\s+"),
            (later, comparatives, "", r"\s+"),
            # "how long had B been ambassador before A took up his post?": B, then A
            (later, afters, "", r"\s+"),
            # "на сколько лет позже A открылось B": the comparative, A, then B's verb
            (then, comparatives, thens, r"\s+"),
        ]
    compiled = tuple(
        re.compile(form.format(first, second, gap, starts=starts), re.IGNORECASE)
        for form, first, second, gap in shapes
        if first and (second or "{1}" not in form)
    )
    # Every shape holds one of the starts: a text without one is read no further.
    return _SpanPatterns(re.compile(f"(?:{starts})", re.IGNORECASE), compiled)


class _NamedDate(NamedTuple):
    """A date a template states: the facts' value it names, its format ("in", "since"), the date."""

    name: str
    spec: str
    when: When


_EVENT = "event."  # the prefix of the names of facts.yaml's dated events


def _values_in(template: str, texts: TextBook, lang: str) -> Iterator[tuple[str, str, object]]:
    """The facts' named values a text states, in its order: (name, format, value)."""
    for _, name, spec, _ in Formatter().parse(template):
        with contextlib.suppress(KeyError):
            if name:
                yield name, spec or "", texts.value(name, lang)


def _dates_in(template: str, texts: TextBook, lang: str) -> Iterator[_NamedDate]:
    """The dates a text states through the facts' named values, in its order."""
    return (_NamedDate(n, spec, v) for n, spec, v in _values_in(template, texts, lang) if isinstance(v, When))


def _dates_told(template: str, texts: TextBook, lang: str) -> Iterator[When]:
    """Every date a text states through the facts' values, a list of dates too ("26 March and 2 April")."""
    for _, _, value in _values_in(template, texts, lang):
        yield from (v for v in (value if isinstance(value, list | tuple) else [value]) if isinstance(v, When))


def _compared(analysis: Analysis, context: Frame) -> tuple[Analysis, Frame]:
    """A follow-up asking a change, and its context, with the years the change is between.

    "how much did it drop?" after a year's figure: across the years, not in that one; "by how
    much did it fall compared with 2012?" after 2013: between 2012 and 2013.
    """
    if not analysis.years:
        return analysis, replace(context, analysis=_without_years(context.analysis))
    before = [s for s in context.analysis.slots if s.kind is SlotKind.YEAR]
    if len(analysis.years) == 1 and len(before) == 1 and int(before[0].key) not in analysis.years:
        analysis = replace(
            analysis, words=(*analysis.words, *before[0].surface.split()), slots=(*analysis.slots, *before)
        )
    return analysis, context


def _without_years(analysis: Analysis) -> Analysis:
    """``analysis`` without the years it names, its words kept."""
    return replace(analysis, slots=tuple(s for s in analysis.slots if s.kind is not SlotKind.YEAR))


_SincePatterns = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str] | None]


def _since_pattern(language: Language) -> _SincePatterns | None:
    """A span's start ("how many years"), a word counting to now ("ago"), one saying "between"."""
    span = language.pack.span
    starts, since = _alternatives(language, span.starts), _alternatives(language, span.since)
    if not starts or not since:
        return None
    between = _alternatives(language, span.between)
    return (
        re.compile(rf"\b(?:{starts})\b"),
        re.compile(rf"\b(?:{since})\b"),
        re.compile(rf"\b(?:{between})\b") if between else None,
    )


_OrPatterns = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]  # "earlier", "or", "earlier or after"


def _or_patterns(language: Language) -> _OrPatterns | None:
    """The patterns of "which came first, A or B?".

    A word asking which came first ("earlier"), the word between two alternatives ("or"),
    and a choice of time alone ("before", "after": "was A before B or after?").
    """
    span = language.pack.span
    earlier, ors = _alternatives(language, span.earlier), _alternatives(language, span.ors)
    if not earlier or not ors:
        return None
    either = _alternatives(language, [*span.earlier, *span.afters])
    return (
        re.compile(rf"\b(?:{earlier})\b", re.IGNORECASE),
        re.compile(rf"[\s,]+(?:{ors})\s+", re.IGNORECASE),
        re.compile(rf"(?:{either})\W*", re.IGNORECASE),
    )


def _concept_words(concepts: Mapping[str, Mapping[str, list[str]]], lang: str) -> Counter[str]:
    """The words of the concepts' ``lang`` phrases, counted."""
    return Counter(
        w for forms in concepts.values() for phrase in forms.get(lang, ()) for w in phrase.lower().split()
    )


# What ends a clause that may open a message: a comma, a colon, a dash between spaces.
_CLAUSE_BREAK = re.compile(r"\s*[,:;]\s*|\s+[-–—]+\s+")
MAX_OPENING_CLAUSES = 3  # "hey, student here, doing a project - what …?"


def _alternative_parts(question: str, patterns: _OrPatterns | None) -> tuple[str, str] | None:
    """The two sides of "which came first, A or B?" (A with the words that ask), or None."""
    if patterns is None:
        return None
    read = " ".join(question[:MAX_READ_CHARS].split()[:MAX_TOKENS])
    earlier, ors, either = patterns
    split = list(ors.finditer(read)) if earlier.search(read) else []
    if not split:
        return None
    a, b = read[: split[-1].start()].strip(), read[split[-1].end() :].strip()
    before = earlier.search(a)
    if either.fullmatch(b) and before is not None:  # "was A before B or after?": A and B
        a, b = a[: before.start()].strip(), a[before.end() :].strip()
    if not a or not b or max(len(a.split()), len(b.split())) > MAX_SIDE_WORDS:
        return None  # no choice between two things takes that many words: a chain of "or"s
    return a, b


def _alternatives(language: Language, phrases: list[str]) -> str:
    """A pattern's alternatives for ``phrases``, the longest first.

    As written and as folded: the question is matched as written ("è stata", "e stata").
    """
    forms = {" ".join(form) for p in phrases for form in (language.words(p), p.lower().split()) if form}
    return "|".join(map(re.escape, sorted(forms, key=lambda f: (-len(f), f))))


def _joins(language: Language) -> re.Pattern[str] | None:
    """What joins two sides ("and"), between words."""
    joins = _alternatives(language, language.pack.span.joins)
    return re.compile(rf"\s+(?:{joins})\s+", re.IGNORECASE) if joins else None


def _fills_reading(text: str) -> bool:
    """Whether ``text`` fills all that is read of a question: words after it would not be read.

    Its analysis reads ``read_tokens``; "how many years between" reads its first words (below).
    """
    return len(text) >= MAX_READ_CHARS or min(len(read_tokens(text)), len(text.split())) >= MAX_TOKENS


def _span_parts(question: str, patterns: _SpanPatterns) -> tuple[str, str] | None:
    """The two sides of "how many years between A and B", or None."""
    # Only the words that are read (a pattern of lazy groups may try every pair of them).
    read = " ".join(question[:MAX_READ_CHARS].split()[:MAX_TOKENS]) if patterns.shapes else ""
    if not patterns.needs.search(read):
        return None  # no "how many years": no shape can match
    match = next((m for p in patterns.shapes if (m := p.search(read))), None)
    if match is None:
        return None
    b = " ".join(part for part in (match["b"], match.groupdict().get("rest")) if part)
    if not b or max(len(match["a"].split()), len(b.split())) > MAX_SIDE_WORDS:
        return None  # no event takes that many words to name: a chain of "between"s, not two sides
    return match["a"], b


_SENTENCE_END = re.compile(r"(?<=\w{3}[.!?])\s+(?=[^\W\d_])")


_FIGURE = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


def _months_apart(start: When, end: When) -> int:
    """The months from ``start`` to ``end``, both dated to the month (negative if ``end`` is earlier)."""
    return (end.parts[0] - start.parts[0]) * 12 + end.parts[1] - start.parts[1]


def _figures(text: str) -> set[float]:
    """The numbers ``text`` states, however grouped ("16,425", "1.7", "15 223")."""
    found = set()
    for figure in _FIGURE.findall(text):
        plain = re.sub(r"[\u00a0\u202f ]", "", figure)  # "15 223": digits grouped by spaces
        # one separator is a decimal one, as the sheet's figures are written ("1,7", "16.425");
        # with more ("1.700.000") the number is read as none
        found.add(float(plain.replace(",", ".")) if plain.count(",") + plain.count(".") <= 1 else -1.0)
    return found


def _rounds_to(claimed: str, stated: set[float]) -> bool:
    """Whether a figure stated is the one ``claimed``, or rounds to it ("16.4" or "15": 16.425, 15.223).

    Rounded to the claim's decimals, if it has two digits or more: "2 million" is no 1.7 million.
    """
    values = _figures(claimed)
    decimals = len(re.split(r"[.,]", claimed)[1]) if re.search(r"\d[.,]\d", claimed) else 0
    rounded = len(re.sub(r"\D", "", claimed).lstrip("0")) >= 2
    return bool(values) and all(
        any(s == value or (rounded and round(s, decimals) == value) for s in stated) for value in values
    )


def _figures_of(numbers: Iterable[str]) -> set[float]:
    """The values of numbers read one by one (a space between two is no grouping of digits)."""
    return {value for number in numbers for value in _figures(number)}


def _together(first: Answer, second: Answer) -> Answer:
    """The answers to the two questions of one message, in their order, citing both."""
    return replace(
        first,
        text=f"{first.text}\n\n{second.text}",
        confidence=min(first.confidence, second.confidence),
        frame=second.frame,  # a follow-up continues the last thing said
        source=tuple(dict.fromkeys((*first.source, *second.source))),
        source_key=None,
    )


def _restates(a: str, entry_a: Entry, b: str, entry_b: Entry) -> bool:
    """Whether ``b`` tells what ``a`` does: the same words, or a passage of both with the same figures.

    The embassies' table and the Italian embassy's answer tell its opening and move in other words.
    """
    if a == b:
        return True
    shared = not set(entry_a.source).isdisjoint(entry_b.source)
    return shared and _FIGURE.findall(a) == _FIGURE.findall(b)


def _counted(words: tuple[str, ...], language: Language) -> str | None:
    """The word right after the question's first phrase asking a quantity ("how many cars": cars)."""
    phrases = language.asked_by_word.get(Asks.QUANTITY.value, {})
    for i, word in enumerate(words):
        for phrase, offset in phrases.get(word, ()):
            end = i + len(phrase)
            if offset == 0 and words[i:end] == phrase and end < len(words):
                return words[end]
    return None


def _first_sentence(text: str, at_least: int = SUMMARY_CHARS) -> str:
    """The first sentences of ``text``, as many as it takes to say something.

    "On the list: wheat." alone says too little; "A. Yelemesov" ends no sentence.
    """
    summary = ""
    for sentence in _SENTENCE_END.split(text.strip()):
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= at_least:
            break
    return summary


def _title(name: str) -> str:
    return " ".join(part.capitalize() for part in name.split())


def _currencies(corpus: Corpus) -> list[str]:
    """The words that name a currency in every language: those of each pack's unit amounts."""
    return [
        word
        for pack in corpus.languages.values()
        for key, template in pack.money.long.items()
        if key.endswith(" unit")
        for word in words_of(template.replace("{n}", " "))
    ]


def _read_phrasings(
    entries: Sequence[Entry], reader: StoredReader
) -> tuple[deque[tuple[_Phrasing, ...]], dict[str, Counter[str]]]:
    """Each entry's phrasings as the index keeps them, and each language's words in them, counted.

    The words are those :func:`knowledge.text.count_words` counts: the reader's own, split once.
    A batch of entries at a time, language by language, the texts read together
    (:meth:`StoredReader.read_words`).
    """
    read: deque[tuple[_Phrasing, ...]] = deque()
    counts: dict[str, Counter[str]] = {}
    for start in range(0, len(entries), _COUNT_BATCH):
        batch = [entry.questions.all() for entry in entries[start : start + _COUNT_BATCH]]
        by_language: dict[str, list[str]] = {}
        for pairs in batch:
            for lang, text in pairs:
                texts = by_language.get(lang)
                if texts is None:
                    texts = by_language[lang] = []
                texts.append(text)
        slots: dict[str, Iterator[tuple[StoredSlot, ...]]] = {}
        for lang, texts in by_language.items():
            words = reader.split(texts)  # each text's words, then an empty word
            counts.setdefault(lang, Counter()).update(words)
            slots[lang] = iter(reader.read_words(words, lang))
        read.extend(tuple([(text, *next(slots[lang])) for lang, text in pairs]) for pairs in batch)
    for counted in counts.values():
        del counted[""]  # the ends of the texts
    return read, counts


def _words_of_keys(keys: Iterable[str]) -> frozenset[str]:
    """The words of concept keys: "prime minister" is a minister."""
    return frozenset(word for key in keys for word in key.split())


def _month_forms(pack: LanguagePack) -> list[tuple[int, str]]:
    """Each month (1 to 12) in every form the pack's locale and its own ``months`` write.

    A pack's form gives its month, not its preposition: "ottobre" of "nell'ottobre".
    """
    locale = locales.parse(pack.locale)
    forms = [
        (n, name)
        for context in ("format", "stand-alone")
        for n, name in locale.months[context]["wide"].items()
    ]
    forms += [
        (n, said[-1])
        for months in pack.months.values()
        for n, m in enumerate(months, 1)
        if (said := words_of(m))
    ]
    return forms


def _month_stems(language: Language) -> dict[str, int]:
    """Each month's stem in ``language`` (1 to 12): which month a word names, in any form."""
    return {language.stem(said[-1]): n for n, name in _month_forms(language.pack) if (said := words_of(name))}


def _month_names(corpus: Corpus) -> list[str]:
    """Every month name of every language, in every form (to tell a date in a reply)."""
    return [name for pack in corpus.languages.values() for _, name in _month_forms(pack)]


def _only_years(analysis: Analysis) -> bool:
    """Whether a message names years and nothing else ("and 2014?")."""
    return bool(analysis.slots) and all(s.kind is SlotKind.YEAR for s in analysis.slots)


def _spaced(language: Language, phrases: Iterable[str]) -> tuple[str, ...]:
    """``phrases`` as a question's words read them, each between spaces (see :func:`_says`)."""
    return tuple(f" {' '.join(said)} " for p in phrases if (said := language.words(p)))


def _said_after(words: Sequence[str], spaced: tuple[str, ...]) -> str:
    """The words after the first of the ``spaced`` phrases that ``words`` hold ("" if none)."""
    read = f" {' '.join(words)} "
    ends = [at + len(phrase) for phrase in spaced if (at := read.find(phrase)) >= 0]
    return read[min(ends) :].strip() if ends else ""


def _says(words: Sequence[str], spaced: tuple[str, ...]) -> bool:
    """Whether ``words`` hold one of the ``spaced`` phrases, whole words only."""
    read = f" {' '.join(words)} "
    return any(phrase in read for phrase in spaced)
