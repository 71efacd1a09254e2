"""Follow-ups: a message that continues the conversation's last question.

"and in 2012?", "e Prodi?", "since when?", "why did he come in 2010?": such a message
changes one part of the last question (a year, a person, a metric, a country) and keeps
the rest. It is resolved by merging its slots into the last question's, each group of
slots replacing the last question's slots of that group, and answering the merged
question as usual. Which concepts form a group is data (``lexicon.yaml``,
``followup_groups``); which words open a follow-up or point back is in each language
pack (``followup``). A follow-up may change language ("When did Prodi visit?", then
"и сколько раз?"): the last question is then carried over by its concepts, which every
language shares, not by its words. "the year before" is the year before the last
question's; a question that names no one ("perché è venuto?") is about the last subject,
and a whole question about someone ("Who is Pieri?") is read alone first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum

from knowledge.analysis import ATTRIBUTE_PREFIX, COUNTRY_PREFIX, YEAR_TERM, Analysis, Slot, SlotKind
from knowledge.entities import Asks, asked_span, asked_words, asks
from knowledge.language import Case, Language

# A conversation's context is forgotten after this much silence: by then the last
# question misleads more than it helps.
CONTEXT_SECONDS = 15 * 60
YEAR_GROUP = "year"
DETAIL_GROUP = "detail"  # a detail asked of the last subject: "о чём договорились?"
PERSON_GROUP = "person"
COUNTRY_GROUP = "country"
# A follow-up that opens with a cue is a short one: "e nel 2012?", not "È stato firmato …?"
# (Italian "è" folds to "e"). With more content slots than this, it reads as a question of
# its own that the last question may only help with.
MAX_SHORT_SLOTS = 3
# The groups that name what a question is about, rather than narrowing it.
_SUBJECTS = frozenset({PERSON_GROUP, COUNTRY_GROUP})


_Words = tuple[str, ...]


def _phrases(languages: Mapping[str, Language], field: str) -> dict[str, list[tuple[str, ...]]]:
    """Per language, the words of each phrase of the pack's ``followup.<field>`` list."""
    return {
        code: [words for p in getattr(language.pack.followup, field) if (words := language.words(p))]
        for code, language in languages.items()
    }


@dataclass(frozen=True)
class Frame:
    """What a reply was about: the question as understood, the entry that answered it.

    ``earlier_years``: the years the conversation asked of the same entry before this one's
    ("in 2012?", then "and in 2013?"), for "both years"; ``before``: the last reply's frame
    before this one, for "between these two events".
    """

    lang: str
    entry_id: str | None
    analysis: Analysis
    earlier_years: tuple[int, ...] = ()
    before: Frame | None = None


@dataclass
class Thread:
    """One person's conversation: the last answer's frame, and when they last wrote."""

    frame: Frame | None = None
    last: float = float("-inf")

    def context(self, now: float) -> Frame | None:
        """The frame a message sent at ``now`` continues: none after a long silence."""
        return self.frame if now - self.last <= CONTEXT_SECONDS else None

    def heard(self, now: float, frame: Frame | None) -> None:
        """A message was answered at ``now``; ``frame`` (if any) is what the answer was about.

        An answer without a frame (a decline, small talk) keeps the last one: "and in 2012?"
        after "thanks!" still continues the question before.
        """
        if now - self.last > CONTEXT_SECONDS:
            self.frame = None
        self.last = now
        if frame is not None:
            self.frame = frame


class Sign(Enum):
    """How a message shows that it continues the last question."""

    STRONG = "strong"  # it opens with a cue ("and …"), or names nothing of its own
    WEAK = "weak"  # it points back ("he", "they") but may stand alone


class Followups:
    """Tells follow-ups and merges them into the last question.

    Args:
        languages: the compiled language packs, by code.
        groups: concept key → its group ("import" → "metric"), from the lexicon.
        people: the ids of the people the facts know (the group "person").
        places: the keys of the two countries and their cities (the group "country").
        details: the keys of details a question may ask of its subject (the group "detail").
        pair: the keys of the two countries, which "the other one" swaps.
    """

    def __init__(
        self,
        languages: Mapping[str, Language],
        groups: Mapping[str, Iterable[str]],
        people: Iterable[str],
        places: Iterable[str],
        details: Iterable[str] = (),
        pair: tuple[str, str] | None = None,
    ) -> None:
        self._swap = {pair[0]: pair[1], pair[1]: pair[0]} if pair else {}
        self._possessives = {
            code: language.word_set(language.pack.followup.possessives)
            for code, language in languages.items()
        }
        self._others = _phrases(languages, "others")
        self._doubts = _phrases(languages, "doubts")
        self._group = {key: name for name, keys in groups.items() for key in keys}
        self._group.update({detail: DETAIL_GROUP for detail in details})
        self._group.update({person: PERSON_GROUP for person in people})
        self._group.update({place: COUNTRY_GROUP for place in places})
        self._starts = {
            code: sorted(
                {w for p in language.pack.followup.starts if (w := language.words(p))}, key=len, reverse=True
            )
            for code, language in languages.items()
        }
        self._languages = dict(languages)
        self._pointers = _phrases(languages, "pointers")
        self._more = _phrases(languages, "more")
        self._plurals = _phrases(languages, "plurals")
        self._both = _phrases(languages, "years_both")
        self._events = _phrases(languages, "events_both")
        # "the year before" (-1), "the year after" (+1): a year relative to the last question's.
        self._shifts = {
            code: [(words, -1) for p in language.pack.followup.year_before if (words := language.words(p))]
            + [(words, 1) for p in language.pack.followup.year_after if (words := language.words(p))]
            + [(words, 0) for p in language.pack.followup.year_same if (words := language.words(p))]
            for code, language in languages.items()
        }
        # "before that" (the pack's first word bounding a year before it), "after that": the
        # years on one side of the last question's.
        self._bounds_back = {
            code: _bounded(language, language.pack.followup.before_that, language.pack.ranges.before)
            + _bounded(language, language.pack.followup.after_that, language.pack.ranges.after)
            for code, language in languages.items()
        }
        # ... and the words that say "before that" only where they end the message
        self._bounds_final = {
            code: _bounded(language, language.pack.followup.before_that_final, language.pack.ranges.before)
            for code, language in languages.items()
        }

    def _bound(self, words: tuple[str, ...], lang: str) -> tuple[int, _Words, _Words] | None:
        """Where a phrase saying "before that" or "after that" stands, the phrase, and its bound."""
        for phrase, bound in self._bounds_back.get(lang, ()):
            at = _find(words, phrase)
            if at is not None:
                return at, phrase, bound
        for phrase, bound in self._bounds_final.get(lang, ()):
            if len(words) > len(phrase) and words[-len(phrase) :] == phrase:
                return len(words) - len(phrase), phrase, bound
        return None

    def group(self, slot: Slot) -> str | None:
        """The group of a slot: what a follow-up's slot of the same group replaces."""
        if slot.kind is SlotKind.YEAR:
            return YEAR_GROUP
        if slot.key.startswith(COUNTRY_PREFIX):
            return COUNTRY_GROUP
        return self._group.get(slot.key)

    def sign(self, analysis: Analysis, frame: Frame) -> Sign | None:
        """Whether ``analysis`` continues ``frame``'s question, and how plainly."""
        if self.shifted(analysis, frame) is not analysis:
            return Sign.STRONG  # "and the year before?", "imports that year?": of the last question's year
        if self._is_question(analysis) and self.only_asks(analysis):
            return Sign.STRONG  # "why?", "in which city?": asked of the last question, which is all there is
        if self.doubts(analysis):
            return Sign.STRONG  # "are you sure? I thought it was Monti"
        words = analysis.words
        opens = any(words[: len(cue)] == cue for cue in self._starts.get(analysis.lang, ()))
        if opens and len(analysis.slots) <= MAX_SHORT_SLOTS:
            return Sign.STRONG
        if self._elliptical(analysis, frame):
            return Sign.WEAK if self._asks_of_its_own(analysis) else Sign.STRONG
        if opens or self.points_back(analysis):
            return Sign.WEAK
        if self._names_no_one(analysis):
            # "What was signed during the last visit?": whose visit is the last question's.
            # A question word and one verb that the last question also had ("perché è
            # venuto?": he is in the verb) can only be about the same.
            # What its words ask ("in che anno ci è andato?": a year) is no subject of its own.
            named = self.named(analysis)
            own = replace(analysis, slots=tuple(s for s in analysis.slots if s.key in named))
            same = named <= {s.key for s in frame.analysis.slots}
            return Sign.STRONG if same and self._subjectless(own) else Sign.WEAK
        return None

    def only_points_back(self, analysis: Analysis) -> bool:
        """Whether the message asks of what it points back to, and names nothing else ("who signed it?").

        A place beside it says where or for whom, not what: "chi l'ha concluso per il Kazakistan?".
        """
        unplaced = tuple(s for s in analysis.slots if self.group(s) != COUNTRY_GROUP)
        return (
            self._is_question(analysis)
            and self._subjectless(replace(analysis, slots=unplaced))
            and self.points_back(analysis)
        )

    def points_back(self, analysis: Analysis) -> bool:
        """Whether the message has a word that points back to what was said ("he", "that year")."""
        return self.points_back_in(analysis.words, analysis.lang)

    def points_back_in(self, words: tuple[str, ...], lang: str) -> bool:
        """Whether ``words`` (a text's, in ``lang``) have one that points back ("he", "that year")."""
        return self.first_pointer(words, lang) is not None

    def first_pointer(self, words: tuple[str, ...], lang: str) -> int | None:
        """Where the first word that points back stands in ``words``, if one does."""
        phrases = (*self._pointers.get(lang, ()), *self._more.get(lang, ()))
        found = [i for p in phrases for i in range(len(words)) if words[i : i + len(p)] == p]
        return min(found, default=None)

    def asks_more(self, analysis: Analysis) -> bool:
        """Whether the message asks for more of what was told ("quali altre visite?"), not a detail of it."""
        return any(_contains(analysis.words, p) for p in self._more.get(analysis.lang, ()))

    def points_at_more_than_one(self, analysis: Analysis) -> bool:
        """Whether the message points back at more than one thing ("their share", "у них")."""
        return any(_contains(analysis.words, p) for p in self._plurals.get(analysis.lang, ()))

    def pointers(self, analysis: Analysis) -> str:
        """The words that point back, as the message writes them ("quella visita", "he")."""
        words = analysis.words
        return " ".join(" ".join(p) for p in self._pointers.get(analysis.lang, ()) if _contains(words, p))

    def only_asks(self, analysis: Analysis) -> bool:
        """Whether the message's concepts are all in the words that ask ("in which city?")."""
        asked = self._asked_words(analysis)
        return all(set(s.surface.split()) <= asked for s in analysis.slots)

    def named(self, analysis: Analysis) -> frozenset[str]:
        """The keys of the message's concepts but the plain attribute its words ask for.

        "e in che anno è stato firmato?" names signing; its year is what it asks. A metric
        asked for ("what share of the trade?") is named.
        """
        asked = self._asked_words(analysis)
        return frozenset(
            s.key for s in analysis.slots if not set(s.surface.split()) <= asked or self.group(s) is not None
        )

    def _asked_words(self, analysis: Analysis) -> frozenset[str]:
        return asked_words(analysis.words, self._languages[analysis.lang])

    def _is_question(self, analysis: Analysis) -> bool:
        """Whether the message has a question word of its own ("who", "кто", "chi", "кім")."""
        return not self._languages[analysis.lang].question_words.isdisjoint(analysis.words)

    def _names_no_one(self, analysis: Analysis) -> bool:
        """Whether the message is a question that names no person or country."""
        groups = {self.group(s) for s in analysis.slots}
        return bool(groups) and not groups & _SUBJECTS and self._is_question(analysis)

    def _subjectless(self, analysis: Analysis) -> bool:
        """Whether the message is a question word and a verb, its subject unsaid ("зачем приезжал?").

        One concept of no group, or a detail ("who signed it?"): with more, or with a year or a
        metric, it says what it is about ("What was the trade turnover in 2012?").
        """
        return len(analysis.slots) == 1 and self.group(analysis.slots[0]) in (None, DETAIL_GROUP)

    def _asks_of_its_own(self, analysis: Analysis) -> bool:
        """Whether the message is a whole question about someone or somewhere ("Who is Pieri?").

        "Prodi?" leaves the question out and borrows the last one's; "Who is Pieri?" and
        "what is the population of Italy?" ask their own, so the last question may only
        help when they cannot be answered alone. A year ("how much in 2012?") or a detail
        alone ("what did they agree?") still narrows the last question.
        """
        groups = {self.group(s) for s in analysis.slots}
        return (
            bool(groups & _SUBJECTS) and groups <= _SUBJECTS | {DETAIL_GROUP} and self._is_question(analysis)
        )

    def _elliptical(self, analysis: Analysis, frame: Frame) -> bool:
        """Whether the message only changes parts of the last question ("2013?", "exports?").

        Each part must replace one the last question had: a person or a metric where it had
        none is a new subject ("Prodi?", "trade turnover in 2012?" after the ambassador).
        Only a year, or a detail asked of the same subject ("what did they agree?"), may
        narrow a question that had none.
        """
        groups = [self.group(s) for s in analysis.slots]
        if not groups or any(g is None for g in groups):
            return False
        before = {self.group(s) for s in frame.analysis.slots}
        return all(g in (YEAR_GROUP, DETAIL_GROUP) or g in before for g in groups)

    def merge(self, frame: Frame, analysis: Analysis) -> Analysis:
        """The last question with the follow-up's slots in place of those of their groups.

        A group the follow-up names replaces the last question's slots of that group where
        they stood (so "exports to Italy" becomes "imports to Italy"); the follow-up's other
        slots come after. Its words come first, so that its own question word ("since
        when?") decides what is asked. A follow-up in another language continues the last
        question as read in its own (:meth:`translate`).
        """
        if frame.lang != analysis.lang:
            frame = self.translate(frame, analysis.lang)
        elif self._is_question(analysis):
            frame = self._unasked(frame)
        analysis = self.shifted(analysis, frame)
        other = self._other_side(analysis)
        if other is not None:  # "and the other one?" after "the Italian one": the Kazakh one
            analysis, frame = other, self._swapped(frame)
        new_groups: dict[str, list[Slot]] = {}
        rest: list[Slot] = []
        for slot in analysis.slots:
            group = self.group(slot)
            if group is None:
                rest.append(slot)
            else:
                new_groups.setdefault(group, []).append(slot)
        if PERSON_GROUP in new_groups and self._asks_when(analysis):
            new_groups.setdefault(YEAR_GROUP, [])  # "e Berlusconi quando?" after 2012's talks: any year
        slots: list[Slot] = []
        dropped: list[Slot] = []
        placed: set[str] = set()
        # "какую долю в нём занимал экспорт?": "it" is the last question's figure, kept beside the new one
        keeps = self.points_back_in(self._unshifted(analysis), analysis.lang) and not self._owned(analysis)
        own = {s.key for s in rest}
        for slot in frame.analysis.slots:
            group = self.group(slot)
            replaced = group in new_groups
            if group == DETAIL_GROUP and not replaced and analysis.slots:
                # a detail asked before is not asked again ("and when did it start?"), unless
                # the follow-up only asks ("what for?" after "how much did they pay?")
                dropped.append(slot)
                continue
            if replaced and not keeps:
                dropped.append(slot)
            elif slot.key not in own:
                slots.append(slot)
            if group is None or not replaced:
                continue
            if group not in placed:
                slots.extend(new_groups[group])
                placed.add(group)
        slots += [s for g, group_slots in new_groups.items() if g not in placed for s in group_slots]
        slots += rest
        gone = {w for s in dropped for w in s.surface.split()}
        words = analysis.words + tuple(w for w in frame.analysis.words if w not in gone)
        return Analysis(analysis.lang, words, tuple(slots), analysis.corrections)

    def _asks_when(self, analysis: Analysis) -> bool:
        """Whether ``analysis`` asks when ("quando è venuto?"), naming no year of its own."""
        return not analysis.years and asks(analysis.words, self._languages[analysis.lang]) is Asks.DATE

    def _unasked(self, frame: Frame) -> Frame:
        """The last question without the words that asked it ("in che anni": in which years).

        A follow-up with a question word of its own asks its own kind of thing ("quante
        volte?": how many times, not how many years; "как звали?" after "сколько лет?": names).
        The question words stay as concepts: they may be all a phrase has ("қанша"), and some
        languages' entries are phrased with them; as words they go, or they would ask again.
        """
        language = self._languages[frame.lang]
        words = frame.analysis.words
        span = asked_span(words, language)
        if span is None:
            return frame
        asked = set(words[span[0] : span[1]]) - language.question_words
        slots = tuple(s for s in frame.analysis.slots if not set(s.surface.split()) <= asked)
        kept = tuple(w for i, w in enumerate(words) if not span[0] <= i < span[1])
        return replace(frame, analysis=replace(frame.analysis, words=kept, slots=slots))

    def points_back_past_year(self, analysis: Analysis) -> bool:
        """Whether the message points back with more than a phrase that dates it ("that year")."""
        return self.points_back_in(self._unshifted(analysis), analysis.lang)

    def _unshifted(self, analysis: Analysis) -> tuple[str, ...]:
        """The message's words without a phrase that only dates it ("в том году", "before that")."""
        words, lang = analysis.words, analysis.lang
        for phrase, _ in self._shifts.get(lang, ()):
            at = _find(words, phrase)
            if at is not None:
                return words[:at] + words[at + len(phrase) :]
        bound = self._bound(words, lang)
        if bound is not None:
            at, phrase, _ = bound
            return words[:at] + words[at + len(phrase) :]
        return words

    def _owned(self, analysis: Analysis) -> bool:
        """Whether a concept of a group stands right after a possessive pointer ("his embassy").

        Not a word that asks ("оның қанша бөлігі": how much of it).
        """
        owners = self._possessives.get(analysis.lang, frozenset())
        firsts = {s.surface.split()[0] for s in analysis.slots if s.surface and self.group(s) is not None}
        words = analysis.words
        return any(w in owners and words[i + 1] in firsts for i, w in enumerate(words[:-1]))

    def _other_side(self, analysis: Analysis) -> Analysis | None:
        """``analysis`` without its words for "the other one", if it has them and names no place."""
        words = analysis.words
        phrase = next((p for p in self._others.get(analysis.lang, ()) if _contains(words, p)), None)
        if phrase is None or any(self.group(s) == COUNTRY_GROUP for s in analysis.slots):
            return None
        return replace(
            analysis, slots=tuple(s for s in analysis.slots if not set(s.surface.split()) <= set(phrase))
        )

    def _swapped(self, frame: Frame) -> Frame:
        """``frame`` with each of the two countries in the other's place, as written (adjectives stay)."""
        slots = tuple(
            replace(
                slot, key=self._swap[slot.key], terms=frozenset({self._swap[slot.key]}), written=frozenset()
            )
            if slot.key in self._swap
            else slot
            for slot in frame.analysis.slots
        )
        return replace(frame, analysis=replace(frame.analysis, slots=slots))

    def doubts(self, analysis: Analysis) -> bool:
        """Whether the message doubts the last answer ("are you sure? I thought it was Monti")."""
        return any(_contains(analysis.words, p) for p in self._doubts.get(analysis.lang, ()))

    def bounds_back(self, analysis: Analysis) -> bool:
        """Whether the message asks of the years before or after the last question's ("before that")."""
        return self._bound(analysis.words, analysis.lang) is not None

    def dates_by_last(self, analysis: Analysis) -> bool:
        """Whether the message dates itself by the last question's year ("that year", "before that")."""
        shifts = self._shifts.get(analysis.lang, ())
        return self.bounds_back(analysis) or any(_contains(analysis.words, p) for p, _ in shifts)

    def remembering(self, frame: Frame | None, context: Frame) -> Frame | None:
        """``frame`` (a reply's to a follow-up of ``context``) remembering what was asked before it.

        ``context`` itself (without what it remembers), and the years asked before of the same
        entry, when its years are others than the last question's.
        """
        if frame is None:
            return frame
        frame = replace(frame, before=replace(context, before=None))
        years, before = frame.analysis.years, context.analysis.years
        if frame.entry_id != context.entry_id or not years or not before or set(years) == set(before):
            return frame
        earlier = tuple(y for y in (*context.earlier_years, *before) if y not in years)
        return replace(frame, earlier_years=tuple(dict.fromkeys(earlier)))

    def points_to_both_events(self, analysis: Analysis) -> bool:
        """Whether the message points to the last two answers' events: "between these two events"."""
        return any(_contains(analysis.words, p) for p in self._events.get(analysis.lang, ()))

    def of_both_years(self, analysis: Analysis, frame: Frame) -> Frame:
        """``frame`` with the years asked before it, when the message asks of them all ("both years")."""
        if analysis.years or not frame.earlier_years:
            return frame
        if not any(_contains(analysis.words, p) for p in self._both.get(analysis.lang, ())):
            return frame
        years = sorted({*frame.analysis.years, *frame.earlier_years})
        slots = tuple(s for s in frame.analysis.slots if s.kind is not SlotKind.YEAR)
        dated = (*slots, *(_year_slot(str(year)) for year in years))
        return replace(frame, analysis=replace(frame.analysis, slots=dated))

    @staticmethod
    def dated(frame: Frame, year: int) -> Frame:
        """``frame`` as if its question had named ``year``."""
        slots = (*frame.analysis.slots, _year_slot(str(year)))
        return replace(frame, analysis=replace(frame.analysis, slots=slots))

    def shifted(self, analysis: Analysis, frame: Frame) -> Analysis:
        """``analysis`` with "the year before" read as the year before the last question's.

        Only when the message names no year and the last question named one; the phrase's
        own words ("previous", "prima") then say nothing more. Unchanged otherwise.
        """
        years = frame.analysis.years
        if analysis.years or len(years) != 1:
            return analysis
        words = analysis.words
        found = next(((p, by) for p, by in self._shifts.get(analysis.lang, ()) if _contains(words, p)), None)
        if found is None:  # "the year before" first: "before" alone bounds ("visited before?")
            return self._bounded_back(analysis, years[0]) or analysis
        phrase, by = found
        return _with_year(analysis, phrase, str(years[0] + by))

    def _bounded_back(self, analysis: Analysis, last: int) -> Analysis | None:
        """``analysis`` with "before that" written as "before 2009", the last question's year."""
        words, language = analysis.words, self._languages[analysis.lang]
        found = self._bound(words, analysis.lang)
        if found is None:
            return None
        at, phrase, bound = found
        year = str(last)
        written = (year, *bound) if language.pack.span.postposition else (*bound, year)
        words = (*words[:at], *written, *words[at + len(phrase) :])
        return _with_year(replace(analysis, words=words), phrase, year)

    def translate(self, frame: Frame, lang: str) -> Frame:
        """The last question as a question in ``lang``: its concepts, without its words.

        Slot keys (people, places, concepts, years) are the same in every language, but the
        words are not: read by another language's rules they would mean nothing, or
        something else. They go; what they said is kept in a form every language reads:
        what the question asked for (a date, a quantity …), written with ``lang``'s own
        question words, and the direction the word before a slot gave ("visit Kazakhstan",
        "from Italy"), as the case an ending would mark.
        """
        source, target = self._languages[frame.lang], self._languages[lang]
        kind = asks(frame.analysis.words, source).value
        words = target.asks[kind][0] if target.asks.get(kind) else ()
        # a detail the sheet lacks is a phrase of the source language ("договорился": agreed),
        # which no text of ``lang`` says: it went with the last answer, given or declined
        slots = tuple(
            _neutral(s, source) for s in frame.analysis.slots if not s.key.startswith(ATTRIBUTE_PREFIX)
        )
        return Frame(lang, frame.entry_id, Analysis(lang, words, slots, ()))


def _neutral(slot: Slot, language: Language) -> Slot:
    """``slot`` without what only its own language reads: its stems and the word before it."""
    case = slot.case
    before = language.stem(slot.before) if slot.before else ""
    if case is None and before in language.partners:
        case = Case.PARTNER  # "trade with Italy": neither where it goes nor whence
    elif case is None and before in language.toward:
        case = Case.TOWARD
    elif case is None and before in language.away:
        case = Case.AWAY
    terms = (slot.terms - slot.written) | {slot.key}
    return replace(slot, terms=terms, before="", case=case, written=frozenset())


def _year_slot(year: str) -> Slot:
    return Slot(year, frozenset({year, YEAR_TERM}), year, SlotKind.YEAR)


def _with_year(analysis: Analysis, phrase: tuple[str, ...], year: str) -> Analysis:
    """``analysis`` with ``year`` for the slots of ``phrase``, whose words only dated it."""
    slots = [s for s in analysis.slots if not set(s.surface.split()) <= set(phrase)]
    return replace(analysis, slots=(*slots, _year_slot(year)))


def _bounded(language: Language, phrases: list[str], bounds: list[str]) -> list[tuple[_Words, _Words]]:
    """Each phrase's words with the words of the pack's first bound ("before 2009"), if it has one."""
    bound = language.words(bounds[0]) if bounds else ()
    return [(words, bound) for p in phrases if (words := language.words(p))] if bound else []


def _find(words: tuple[str, ...], phrase: tuple[str, ...]) -> int | None:
    """Where ``phrase`` first stands in ``words``, if it does."""
    n = len(phrase)
    return next((i for i in range(len(words) - n + 1) if words[i : i + n] == phrase), None)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return _find(words, phrase) is not None
