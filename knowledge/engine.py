"""Answer questions from the knowledge base: match, check, then answer, clarify or decline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.analysis import COUNTRY_PREFIX, Analysis, Analyzer, stem
from knowledge.entities import Asks, Entities, Recognizer, gives
from knowledge.index import Document, Index, Scored
from knowledge.loader import DATA_DIR, load_corpus
from knowledge.renderers import FILTERS, Query, Rendered, Renderers
from knowledge.result import Answer, Candidate, Outcome, Suggestion
from knowledge.schema import Corpus, Entry, Topic
from knowledge.textbook import TextBook, shorten

# Decision thresholds, chosen on the development questions (see README, "How it decides").
ANSWER_SCORE = 0.50  # below this a match is never confident
CLARIFY_SCORE = 0.30  # below this nothing is close enough to suggest
LEAD = 0.06  # a confident answer must lead the runner-up by this much
TIE_RECALL = 0.02  # recall this close: the question does not tell two entries apart …
TIE_PRECISION = 0.3  # … unless one phrasing fits it much better
MIN_QUESTION_WEIGHT = 1.0  # below this a question names nothing specific
SUGGEST_RATIO = 0.75  # suggestions must score at least this share of the best
MAX_SUGGESTIONS = 3
OVERVIEW_ITEMS = 3  # what a topic command shows before its example questions
# Tables that make a good overview of their topic (not the people directory, say).
OVERVIEWS = frozenset({"visits", "officials", "trade", "ambassadors", "embassies", "milestones", "culture"})
MAX_QUESTION_CHARS = 1000  # longer input is cut: no question needs more
MAX_ECHOED = 40  # a user's words quoted back in a reply, at most


@dataclass(frozen=True)
class _Decision:
    outcome: Outcome
    text: str
    entry: Entry | None
    confidence: float
    reason: str


class Engine:
    """Matches questions against the knowledge base and renders replies.

    Pure and synchronous: the same question always gives the same answer.
    """

    def __init__(self, corpus: Corpus, english: list[str] | None = None) -> None:
        self.corpus = corpus
        self.texts = TextBook(corpus.texts)
        self.entries = {e.id: e for e in corpus.entries}
        self._topics = {t.id: t for t in corpus.topics}
        lexicon = corpus.lexicon
        phrases: dict[str, list[str]] = {}
        for canonical, variants in (*lexicon.aliases.items(), *lexicon.synonyms.items()):
            phrases.setdefault(canonical, []).extend(variants)
        for person in corpus.facts.people:
            forms = [person.name, *person.aliases, *([person.full_name] if person.full_name else [])]
            forms += [f.split()[-1] for f in forms if " " in f]  # the surname alone
            phrases.setdefault(person.id, []).extend(forms)
        for attribute in lexicon.unsupported_attributes:
            phrases.setdefault(attribute, [])  # "date of birth" is one concept, not "date"
        for country, forms in lexicon.foreign_places.items():
            phrases[COUNTRY_PREFIX + country] = [country, *forms]
        vocabulary = [
            text
            for entry in corpus.entries
            for text in (*entry.questions.en, *entry.keywords, *(e.en for e in [entry.answer] if e))
        ]
        vocabulary += _fact_texts(corpus)
        self.analyzer = Analyzer(
            phrases,
            lexicon.stopwords,
            vocabulary,
            english or _english_words(),
            # Never "correct" a word into a reason to decline ("precius" is not "previous").
            uncorrectable=lexicon.unsupported_attributes,
        )
        self.renderers = Renderers(corpus.facts, self.texts, self.analyzer)
        documents = {e.id: self._document(e) for e in corpus.entries}
        self.index = Index(list(documents.values()), self.analyzer)
        self._mentions = {e.id: self.index.mentions(e.id) for e in corpus.entries}
        # The years each entry states itself (not just the year of its "as of" date).
        self._stated = {e.id: self._years_stated(e, documents[e.id]) for e in corpus.entries}
        self.recognizer = Recognizer(
            people=[p.id for p in corpus.facts.people],
            kazakhstan="kazakhstan",
            italy="italy",
            places={"astana": "KZ", "rome": "IT", "milan": "IT"},
            adjectives=["kazakh", "kazakhstani", "italian"],
            anchors=["embassy", "ambassador", "export", "import", "investment"],
            importing=["import"],
        )
        self._attributes = self._first_keys(lexicon.unsupported_attributes)
        self._kazakhstan, self._italy = sorted(self._first_keys(["kazakhstan"])) + sorted(
            self._first_keys(["italy"])
        )
        self._focus = {stem(w): key for w in lexicon.focus_terms for key in self._first_keys([w])}
        self._first_words = self._first_keys(["first", "earliest"])
        self._last_words = self._first_keys(["last", "latest", "most recent"])

    @classmethod
    def load(cls, root: Path = DATA_DIR) -> Engine:
        """Load, validate and index the knowledge base under ``root``."""
        return cls(load_corpus(root), _english_words(root))

    def _years_stated(self, entry: Entry, doc: Document) -> frozenset[str]:
        texts = (*doc.phrasings, *doc.keywords, doc.answer)
        data = self.renderers.context(entry) if entry.facts else []
        return frozenset(_YEAR.findall(" ".join(texts))) | frozenset(w for w in data if w.isdigit())

    def _first_keys(self, phrases: list[str]) -> frozenset[str]:
        return frozenset(
            slot.key for p in phrases for slot in self.analyzer.analyze(p, correct=False).slots[:1]
        )

    def _document(self, entry: Entry) -> Document:
        answer = entry.answer.en if entry.answer else ""
        # A fact entry covers the years and names of its data, so that a year in a question
        # points there; an entry dated "as of" covers the year of that date ("in 2014").
        data = self.renderers.context(entry) if entry.facts else []
        # Names act as keywords; years only count toward recall (a bare year is no question).
        names = tuple(dict.fromkeys(w for w in data if not w.isdigit()))
        years = tuple(dict.fromkeys(w for w in data if w.isdigit()))
        if entry.as_of:
            years += (str(entry.as_of.year),)
        return Document(entry.id, tuple(entry.questions.en), (*entry.keywords, *names), answer, years)

    # -- public API -----------------------------------------------------------------

    @property
    def topics(self) -> list[Topic]:
        """The topics, in the order the knowledge base lists them."""
        return list(self.corpus.topics)

    def ask(self, question: str) -> Answer:
        """Answer a free-text question."""
        question = question[:MAX_QUESTION_CHARS]
        span = self._years_between(question)
        if span is not None:
            return span
        analysis = self.analyzer.analyze(question)
        if not analysis.slots:
            return Answer(Outcome.DECLINE, self.texts.get("empty", capabilities=self._capabilities()))
        entities = self.recognizer.recognize(analysis)
        scored = self.index.search(analysis)
        decision = self._decide(analysis, entities, scored)
        candidates = tuple(self._candidate(s) for s in scored[:5])
        suggestions: tuple[Suggestion, ...] = ()
        if decision.outcome is not Outcome.ANSWER:
            suggestions = self._suggestions(scored, decision)
        text = decision.text
        if decision.outcome is Outcome.CLARIFY:
            text = self.texts.get("clarify") + "\n" + "\n".join(f"• {s.question}" for s in suggestions)
        return Answer(
            decision.outcome,
            text,
            decision.entry.id if decision.entry else None,
            round(decision.confidence, 4),
            suggestions,
            candidates,
        )

    def explain(self, question: str, limit: int = 5) -> list[Candidate]:
        """The top candidates for ``question`` with their scores and why."""
        return list(self.ask(question).candidates[:limit])

    def answer_entry(self, entry_id: str) -> Answer:
        """The answer of one entry, as when a user picks a "did you mean" choice.

        An unknown id (stale or tampered) gives a decline that says so.
        """
        entry = self.entries.get(entry_id)
        if entry is None:
            return Answer(Outcome.DECLINE, self.texts.get("stale_choice"))
        rendered = self._render(entry, self._empty_entities())
        outcome = Outcome.ANSWER if rendered.answered else Outcome.DECLINE
        return Answer(outcome, rendered.text, entry.id, 1.0)

    def command(self, name: str, argument: str = "") -> Answer | None:
        """Run a chat command (``start``, ``help``, ``topics``, ``about`` or a topic id).

        Returns:
            The reply, or None when there is no such command.
        """
        name = name.lower().lstrip("/").split("@", 1)[0]
        argument = argument.strip()
        if name == "start":
            if argument in self._topics:
                return self.topic(argument)
            return Answer(Outcome.ANSWER, self.texts.get("welcome", examples=self._examples()))
        if name == "help":
            return Answer(Outcome.ANSWER, self.texts.get("help", commands=self._command_list()))
        if name == "topics":
            return Answer(Outcome.ANSWER, self.texts.get("topics", commands=self._command_list()))
        if name == "about":
            return Answer(Outcome.ANSWER, self.texts.get("about"))
        if name in self._topics:
            return self.topic(name, argument)
        return None

    def topic(self, topic_id: str, argument: str = "") -> Answer:
        """A topic overview; ``argument`` filters its structured facts (``/visits 2009``)."""
        topic = self._topics[topic_id]
        entries = [e for e in self.corpus.entries if e.topic == topic_id]
        fact_entries = [e for e in entries if e.facts]
        if argument:
            analysis = self.analyzer.analyze(argument[:MAX_QUESTION_CHARS])
            entities = self.recognizer.recognize(analysis)
            wanted = {"years"} if entities.years else set()
            wanted |= {"people"} if entities.people else set()
            takers = [e for e in fact_entries if e.facts and wanted & FILTERS.get(e.facts, set())]
            if takers:
                rendered = [(e, self._render(e, entities)) for e in takers]
                good = [(e, r.text) for e, r in rendered if r.answered]
                if good:
                    text = "\n\n".join(dict.fromkeys(t for _, t in good))
                    return Answer(Outcome.ANSWER, text, good[0][0].id, 1.0)
                return Answer(Outcome.DECLINE, rendered[0][1].text + "\n\n" + self._topic_hint(topic))
            # Otherwise the argument is a question within the topic ("/investment 1994").
            for question in (argument, f"{argument} {topic_id}"):
                answer = self.ask(question)
                if answer.answered and answer.entry_id and self.entries[answer.entry_id].topic == topic_id:
                    return answer
            return Answer(
                Outcome.DECLINE,
                self.texts.get("topic_bad_argument", argument=shorten(argument, MAX_ECHOED), command=topic_id)
                + "\n\n"
                + self._topic_hint(topic),
            )
        # An overview: the topic's tables, then answers that do not restate them; three in all.
        empty = self._empty_entities()
        shown: list[Entry] = []
        texts: set[str] = set()
        for entry in fact_entries:  # its tables, each once ("/visits": both directions, officials)
            text = self._render(entry, empty).text
            if entry.facts in OVERVIEWS and text not in texts and len(shown) < OVERVIEW_ITEMS:
                shown.append(entry)
                texts.add(text)
        for entry in entries:  # skip what merely restates a shown entry (its related ones)
            restates = any(entry.id in s.related or s.id in entry.related for s in shown)
            if len(shown) < OVERVIEW_ITEMS and entry.answer is not None and not restates:
                shown.append(entry)
        parts = [f"{topic.title.en}: {topic.description.en}"]
        parts += [self._render(e, empty).text for e in shown]
        parts.append(self._topic_hint(topic))
        return Answer(Outcome.ANSWER, "\n\n".join(parts), shown[0].id if shown else None, 1.0)

    # -- arithmetic over dated answers -------------------------------------------------

    def _years_between(self, question: str) -> Answer | None:
        """Answer "how many years between A and B" from the years of A's and B's answers."""
        match = _SPAN.search(" ".join(question.split()))
        if match is None:
            return None
        sides = []
        for part in (match["a"], match["b"]):
            answer = self.ask(part)
            year = self._year_of(part, answer)
            if year is None or answer.entry_id is None:
                return None  # not both dated: let ordinary matching handle the question
            sides.append((part.strip(" ?.!"), year, answer))
        (a, year_a, answer_a), (b, year_b, answer_b) = sides
        if answer_a.entry_id == answer_b.entry_id:
            return None  # one event, not two: "how long did the project between A and B run"
        text = self.texts.get("years_between", a=a, b=b, year_a=year_a, year_b=year_b, n=abs(year_b - year_a))
        confidence = min(answer_a.confidence, answer_b.confidence)
        return Answer(Outcome.ANSWER, text, answer_a.entry_id, confidence)

    def _year_of(self, part: str, answer: Answer) -> int | None:
        if not answer.answered:
            return None
        years = [int(y) for y in _YEAR.findall(answer.text)]
        if not years:
            return None
        keys = self.analyzer.analyze(part).keys
        if keys & self._first_words:
            return min(years)
        if keys & self._last_words:
            return max(years)
        return years[0]  # an answer states its own event's date first

    # -- decision -------------------------------------------------------------------

    def _decide(self, analysis: Analysis, entities: Entities, scored: list[Scored]) -> _Decision:
        capabilities = self._capabilities()
        foreign = [f for f in entities.foreign if not scored or not self._mentions_country(scored[0], f)]
        if entities.foreign and self._italy in entities.keys and self._kazakhstan not in entities.keys:
            foreign = list(entities.foreign)  # "trade between Italy and Russia" is another pair
        if foreign:
            text = self.texts.get("decline_country", country=_title(foreign[0]), capabilities=capabilities)
            return _Decision(Outcome.DECLINE, text, None, 0.0, "another country")
        if entities.unknown_names:
            names = _title(" ".join(entities.unknown_names))
            text = self.texts.get("decline_unknown", name=names, capabilities=capabilities)
            return _Decision(Outcome.DECLINE, text, None, 0.0, "unknown name")
        # Skip candidates that point the other way (Italian embassy vs Kazakh embassy), and
        # those that never speak of the kind of fact asked for (a visit, an export).
        ranked = [s for s in scored if not self._wrong_direction(s, entities)] or scored
        # Only a word as written counts ("came" may be a visit, but not in "what came of").
        focus = {self._focus[stem(w)] for w in analysis.words if stem(w) in self._focus}
        ranked = [s for s in ranked if focus <= self._mentions[s.entry_id]]
        if sum(self.index.slot_weight(slot) for slot in analysis.slots) < MIN_QUESTION_WEIGHT:
            # "Kazakhstan", "2012": every entry shares these; ask for more.
            text = self.texts.get("too_vague", capabilities=capabilities)
            return _Decision(Outcome.DECLINE, text, None, 0.0, "too vague")
        if not ranked or ranked[0].score < CLARIFY_SCORE:
            top = ranked[0].score if ranked else 0.0
            return _Decision(
                Outcome.DECLINE, self.texts.get("decline", capabilities=capabilities), None, top, "no match"
            )
        # The best candidate that can answer what was asked; a higher one that cannot
        # explains the decline if none can.
        refusal: _Decision | None = None
        for position, best in enumerate(ranked[:MAX_SUGGESTIONS]):
            if best.score < CLARIFY_SCORE:
                break
            entry = self.entries[best.entry_id]
            problem = self._check(entry, entities, best)
            if problem is not None:
                if problem.reason != _WRONG_KIND:
                    return problem  # the best match lacks what was asked: say so
                refusal = refusal or problem
                continue
            rendered = self._render(entry, entities)
            rivals = [
                s
                for i, s in enumerate(ranked[:5])
                if i != position
                and s.entry_id not in entry.related
                and not self._same_reply(self.entries[s.entry_id], entities, rendered)
            ]
            runner_up = max((s.score for s in rivals), default=0.0)
            clear = not any(self._indistinct(best, rival) for rival in rivals[:2])
            if position == 0 and best.score >= ANSWER_SCORE and best.score - runner_up >= LEAD and clear:
                return _Decision(Outcome.ANSWER, rendered.text, entry, best.score, "confident")
            if refusal is not None and best.score >= ANSWER_SCORE and best.score - runner_up >= -LEAD:
                # Those above could not answer; this one can and is nearly as good.
                return _Decision(Outcome.ANSWER, rendered.text, entry, best.score, "next best that can")
            return _Decision(Outcome.CLARIFY, "", entry, best.score, "close candidates")
        assert refusal is not None
        return refusal

    def _same_reply(self, other: Entry, entities: Entities, rendered: Rendered) -> bool:
        """Whether ``other`` would say the same: then choosing between them does not matter."""
        return other.facts is not None and self._render(other, entities).text == rendered.text

    @staticmethod
    def _indistinct(best: Scored, rival: Scored) -> bool:
        """Whether the question fails to tell ``best`` from ``rival``.

        It explains both equally and only the length of a phrasing separates them
        ("agreement": the strategic partnership, or the one with La Scala?).
        """
        return rival.recall >= best.recall - TIE_RECALL and best.precision - rival.precision < TIE_PRECISION

    def _check(self, entry: Entry, entities: Entities, scored: Scored) -> _Decision | None:
        """Why ``entry`` cannot answer the question (a decline), or None if it can."""
        capabilities = self._capabilities()
        mentions = self._mentions[entry.id]
        if any(a in entities.keys and a not in mentions for a in self._attributes):
            text = self.texts.get("decline_attribute", topic=self._short(entry), capabilities=capabilities)
            return _Decision(Outcome.DECLINE, text, entry, scored.score, "attribute not in the knowledge")
        if entry.answer is not None or "years" not in FILTERS.get(entry.facts or "", set()):
            years = [y for y in entities.years if not self._covers(entry, y, entities)]
            if years:
                text = self.texts.get(
                    "decline_year", year=years[0], topic=self._short(entry), capabilities=capabilities
                )
                return _Decision(Outcome.DECLINE, text, entry, scored.score, "year not in the entry")
        rendered = self._render(entry, entities)
        if not rendered.answered:
            return _Decision(Outcome.DECLINE, rendered.text, entry, scored.score, "facts lack it")
        if not gives(rendered.text, entities.asks):
            text = self.texts.get("decline_detail", answer=rendered.text)
            return _Decision(Outcome.DECLINE, text, entry, scored.score, _WRONG_KIND)
        return None

    def _wrong_direction(self, scored: Scored, entities: Entities) -> bool:
        actor = self.entries[scored.entry_id].actor
        return actor is not None and entities.origin is not None and actor != entities.origin

    def _mentions_country(self, scored: Scored, country: str) -> bool:
        return COUNTRY_PREFIX + country in self._mentions[scored.entry_id]

    def _covers(self, entry: Entry, year: int, entities: Entities) -> bool:
        """Whether ``entry`` says something for ``year``.

        A state "as of April 2014" holds in 2014 ("the ambassador in 2014"), but an amount
        for 2014 needs figures for 2014 ("trade in 2014" is not in the fact sheet).
        """
        if entry.as_of and year == entry.as_of.year and str(year) not in self._stated[entry.id]:
            # ... but a figure "as of April 2014" is a figure for an earlier year.
            figures = entry.answer is not None and gives(entry.answer.en, Asks.QUANTITY)
            return entities.asks is not Asks.QUANTITY and not figures
        return str(year) in self._mentions[entry.id]

    def _render(self, entry: Entry, entities: Entities) -> Rendered:
        if entry.answer is not None:
            return Rendered(entry.answer.en)
        assert entry.facts is not None
        return self.renderers.render(entry.facts, Query(entities, entry))

    def _suggestions(self, scored: list[Scored], decision: _Decision) -> tuple[Suggestion, ...]:
        if decision.outcome is not Outcome.CLARIFY or not scored:
            return ()
        floor = scored[0].score * SUGGEST_RATIO
        chosen = [s for s in scored if s.score >= floor][:MAX_SUGGESTIONS]
        return tuple(Suggestion(s.entry_id, self.entries[s.entry_id].questions.en[0]) for s in chosen)

    def _candidate(self, scored: Scored) -> Candidate:
        notes = (
            f"recall={scored.recall:.2f}",
            f"precision={scored.precision:.2f}",
            "unmatched=" + ",".join(scored.unmatched) if scored.unmatched else "unmatched=-",
        )
        return Candidate(scored.entry_id, round(scored.score, 4), scored.phrasing, notes)

    # -- texts ----------------------------------------------------------------------

    def _capabilities(self) -> str:
        return self.texts.get("capabilities")

    def _short(self, entry: Entry) -> str:
        return entry.questions.en[0].rstrip("?")

    def _examples(self) -> str:
        return "\n".join(f"• {t.examples.en[0]}" for t in self.corpus.topics)

    def _command_list(self) -> str:
        return "\n".join(f"/{t.id} — {t.description.en}" for t in self.corpus.topics)

    def _topic_hint(self, topic: Topic) -> str:
        return self.texts.get("topic_examples", examples="\n".join(f"• {q}" for q in topic.examples.en))

    def _empty_entities(self) -> Entities:
        return self.recognizer.recognize(Analysis((), (), ()))


_WRONG_KIND = "the answer is not the kind of thing asked"
_SPAN = re.compile(r"\bhow (?:many years|long)\b.*?\bbetween (?P<a>.+?) and (?P<b>.+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _fact_texts(corpus: Corpus) -> list[str]:
    """The words of the structured facts: names, roles, goods, posts, projects."""
    facts = corpus.facts
    texts = [t for p in facts.people for t in (p.name, p.full_name or "", *p.aliases, p.role.en)]
    texts += [t for g in (*facts.goods.exports, *facts.goods.imports) for t in (g.name, *g.aliases)]
    texts += [o.post.en for o in facts.officials] + [o.name for o in facts.officials if o.name]
    texts += [t for c in facts.culture for t in (c.name, *c.aliases, c.summary.en)]
    texts += [m.event.en for m in facts.milestones] + list(facts.joint_venture_sectors)
    return texts


def _title(name: str) -> str:
    return " ".join(part.capitalize() for part in name.split())


def _english_words(root: Path = DATA_DIR) -> list[str]:
    path = root / "english_words.txt"
    if not path.exists():
        path = DATA_DIR / "english_words.txt"
    return path.read_text(encoding="utf-8").split()
