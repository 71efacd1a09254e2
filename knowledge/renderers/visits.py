"""Visits and meetings at the highest level: by person, role, year or range, with counts."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from knowledge.entities import Asks, Entities
from knowledge.formatting import When
from knowledge.renderers.base import Cues, Family, Query, Rendered, sentence
from knowledge.schema import Country, Facts, Visit
from knowledge.textbook import TextBook

# The kinds of record that are meetings rather than visits to a country.
MEETINGS = ("talks", "meeting")
TOLD_LIMIT = 4096  # sentences remembered; the table has a few dozen ways to tell its visits


class Visits(Family):
    """Answers about visits from ``facts.yaml``'s ``visits`` table."""

    def __init__(
        self,
        facts: Facts,
        texts: TextBook,
        cues: Cues,
        roles: dict[str, frozenset[str]],
        kinds: frozenset[str] = frozenset(),
        notes: Sequence[frozenset[str]] = (),
    ) -> None:
        super().__init__(facts, texts, cues)
        self.kinds = kinds  # the concepts that name a kind of fact (a visit, an export)
        # what each visit's note tells ("the OSCE Summit"), by the visit's values: its identity
        # would not survive the engine's cache
        self._notes = {_visit_key(v): keys for v, keys in zip(facts.visits, notes, strict=False) if keys}
        self._officials = frozenset(o.person for o in facts.officials if o.person)  # visits undated
        # Role words that tell people apart ("prime minister", "justice"), not "minister".
        common = Counter(k for terms in roles.values() for k in terms)
        self.roles = {
            pid: frozenset(k for k in terms if common[k] < len(roles) / 2) for pid, terms in roles.items()
        }
        self._all_roles = frozenset().union(*self.roles.values()) if self.roles else frozenset()
        # A person's visits read the same in every answer that tells them: written once per
        # language (keyed by the records' identities, so never carried into a pickle).
        self._told: dict[tuple[str, str, tuple[int, ...]], str] = {}

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_told": {}}

    def render(self, query: Query, identity_keys: frozenset[str]) -> Rendered:
        """Visits by person, year (or range of years) and direction; counts, first/last, spans."""
        e = query.entities
        records = list(self.facts.visits)
        bounds = _bounds(e)
        if bounds is not None:
            records = [v for v in records if bounds[0] <= v.year <= bounds[1]]
        people = [p for p in e.people if p in self.people]
        if not people:  # "the Italian prime minister": the people who held that role
            by_role = self.by_role(e)
            if by_role == []:
                return Rendered(self.t(query, "visits_none_role", years=self.all_years()), False)
            if by_role and self._identity(e, identity_keys):
                # "Who is the Italian president?" asks who holds the post, not who visited.
                visited = self._visits_of(query, by_role, records)
                return Rendered(self.t(query, "visits_role_only", found=visited.text), False)
            people = [p for p in by_role or [] if p not in e.excepted]  # "apart from Prodi, which …"
            if bounds is None:
                people, records = self._who_came_then(query, people, records)
        if people:
            return self._visits_of(query, people, records)
        direction = _direction(e.origin)
        if e.years:
            wanted = set(e.years) if bounds is None else {v.year for v in records}
            found = [v for v in records if v.year in wanted and direction in (None, v.direction)]
            if not found:
                return Rendered(
                    self.t(query, "visits_none_year", years=list(e.years), known=self.all_years()), False
                )
            return self._counted(query, found)  # "how many visits to Italy before 2009?"
        direction = direction or _direction(query.entry.actor)
        found = [v for v in records if direction in (None, v.direction)]
        counting = e.asks is Asks.QUANTITY and bool(e.keys & self.kinds)
        if query.entry.actor is None and direction is None and not counting:
            # "which high-level meetings?": the talks; "how many visits in all?": every visit
            found = [v for v in records if v.kind in MEETINGS] or found
        if e.asks in (Asks.PERSON, Asks.NAMES):  # "who came for the OSCE summit?": that visit's
            found = [v for v in found if self._noted(v, e)] or found
        return self._counted(query, found)

    def _counted(self, query: Query, found: list[Visit]) -> Rendered:
        """``found`` by person, and counted when the question asks how many visits."""
        e = query.entities
        people = {v.person for v in found if v.kind not in MEETINGS}
        if e.asks is Asks.QUANTITY and self.cues.any(query, "span") and len(people) == 1:
            return self._visits_of(query, list(people), found)  # "years between the first and last visit?"
        if not (e.asks is Asks.QUANTITY and e.keys & self.kinds):
            return Rendered(" ".join(self._by_person(query, found)))
        # "how many times did they come?" (not "how many people live in Astana?"): the visits
        # counted, then the talks the sheet lists apart, which are no visit
        visits = [v for v in found if v.kind not in MEETINGS]
        talks = [v for v in found if v.kind in MEETINGS]
        total = "visits_total_one" if len(visits) == 1 else "visits_total"
        parts = [*self._by_person(query, visits), self.t(query, total, n=len(visits))]
        if talks and visits:
            parts += [self.t(query, "visits_talks_apart"), *self._by_person(query, talks)]
        return Rendered(" ".join(parts))

    def _who_came_then(
        self, query: Query, people: list[str], records: list[Visit]
    ) -> tuple[list[str], list[Visit]]:
        """Of the holders of a post, those who came in the year asked, and those visits.

        "Which Italian prime minister came in 2008?": Berlusconi's 2008 visit, not every prime
        minister's. Not when the year is none of theirs, nor for "his first" (all of his).
        """
        e = query.entities
        asks_who = e.asks in (Asks.PERSON, Asks.NAMES)
        ordered = self.cues.any(query, "first") or self.cues.any(query, "last")
        then = (
            [v for v in records if v.person in people and (v.year in e.years or self._noted(v, e))]
            if asks_who and not ordered
            else []
        )
        if not then:
            return people, records
        return list(dict.fromkeys(v.person for v in then)), then

    def _noted(self, visit: Visit, e: Entities) -> bool:
        """Whether the question names what the visit's note tells: "who came for the OSCE summit?"."""
        return not self._notes.get(_visit_key(visit), frozenset()).isdisjoint(e.keys)

    def by_role(self, e: Entities) -> list[str] | None:
        """People whose role the question names (None when it names no role)."""
        named = [p for p in self.facts.people if not self.roles[p.id].isdisjoint(e.keys)]
        if not named:
            return None
        return [p.id for p in named if e.origin in (None, p.country)]

    def _identity(self, e: Entities, identity_keys: frozenset[str]) -> bool:
        """Whether the question only names a role ("who is the Italian prime minister?")."""
        return e.asks is Asks.PERSON and not e.years and e.keys <= self._all_roles | identity_keys

    def all_years(self, direction: str | None = None) -> list[int]:
        """Every year with a recorded visit (a meeting in a third country, at the UN, is none), or one way."""
        return sorted(
            {
                v.year
                for v in self.facts.visits
                if v.direction != "elsewhere" and direction in (None, v.direction)
            }
        )

    # -- sentences ------------------------------------------------------------------

    def sentence(self, query: Query, person_id: str, visits: list[Visit]) -> str:
        """What one person's visits (or meetings) were, in one or two sentences."""
        key = (query.lang, person_id, tuple(map(id, visits)))
        told = self._told.get(key)
        if told is None:
            told = self._sentence(query, person_id, visits)
            if len(self._told) < TOLD_LIMIT:
                self._told[key] = told
        return told

    def _sentence(self, query: Query, person_id: str, visits: list[Visit]) -> str:
        first = visits[0]
        if first.kind in MEETINGS:
            return " ".join(self._meeting(query, visit) for visit in visits)
        who = self.person(query, self.people[person_id])
        place = self.country(query, "IT" if first.direction == "to_italy" else "KZ")
        official = all(v.kind == "official" for v in visits)
        key = ("visits_official" if official else "visits_person") + ("_one" if len(visits) == 1 else "")
        years = [self._year(query, v) for v in visits]
        notes = [self.t(query, "visit_note", year=v.year, note=v.note) for v in visits if v.note]
        return " ".join([self.t(query, key, who=who, place=place, years=years), *notes])

    def _meeting(self, query: Query, visit: Visit) -> str:
        # The record's own person speaks, whoever was asked about ("Masimov" finds Monti's talks).
        who = self.person(query, self.people[visit.person])
        other = self.people[visit.with_person].name if visit.with_person else ""
        dates = [When(d) for d in visit.dates] or [When(str(visit.year))]
        text = self.t(
            query, "visit_" + visit.kind, who=who, other=other, place=visit.place or "", dates=dates
        )
        note = sentence(self.texts.fill(visit.note.get(query.lang), query.lang)) if visit.note else ""
        return f"{text} {note}".strip()

    def _year(self, query: Query, visit: Visit) -> str:
        return (
            self.t(query, "visit_year_short", year=visit.year) if visit.kind == "short" else str(visit.year)
        )

    def elsewhere(self, query: Query) -> Rendered | None:
        """A decline when every visit of the people asked goes another way than asked, else None.

        "When did Masimov visit Italy?": he met Monti in Astana; "Kazykhanov in Italy": at the UN.
        """
        e, direction = query.entities, _direction(query.entities.origin)
        people = [p for p in e.people if p in self.people]
        # Only of travellers from the side that acts ("Nazarbayev's Italian visits" are his own)
        if direction is None or not people or any(self.people[p].country != e.origin for p in people):
            return None
        found = []
        for pid in people:
            own = [v for v in self.facts.visits if pid in (v.person, v.with_person)]
            if not own or any(v.direction == direction for v in own):
                return None
            found.append(self.sentence(query, pid, [v for v in own if v.person == pid] or own))
        place = self.country(query, "IT" if direction == "to_italy" else "KZ")
        names = [self.people[p].name for p in people]
        return Rendered(
            self.t(query, "visits_none_toward", names=names, place=place, found=" ".join(found)), False
        )

    def _visits_of(self, query: Query, people: list[str], records: list[Visit]) -> Rendered:
        e = query.entities
        away = self.elsewhere(query)
        if away is not None:
            return away
        parts: list[str] = []
        missing: list[str] = []
        total = 0
        told: set[int] = set()
        counting = e.asks is Asks.QUANTITY and len(people) > 1
        apart: list[str] = []  # counting, the talks of those who made no visit: after the total
        for pid in people:
            own = [(i, v) for i, v in enumerate(records) if pid in (v.person, v.with_person)]
            if not own:
                missing.append(pid)
                continue
            total += sum(v.kind not in MEETINGS for _, v in own)  # talks are no visit
            new = [v for i, v in own if i not in told]  # talks between two asked-about people once
            told.update(i for i, _ in own)
            said = self.sentence(query, pid, [v for v in new if v.person == pid] or new) if new else ""
            if counting and all(v.kind in MEETINGS for _, v in own):
                apart += [said] if said else []
                continue
            parts += [said] if said else []
            parts.extend(self._extras(query, [v for _, v in own]))
        if not parts:
            # an official's visit is on the sheet, undated: never "no visit by" them
            missing = [p for p in missing if p not in self._officials]
            if not missing:
                return Rendered(self.t(query, "officials_no_dates"), False)
            names = [self.people[p].name for p in missing]
            sides = {self.people[p].country for p in missing}
            if len(sides) == 1:  # Renzi's: the Italian leaders' visits, not Nazarbayev's too
                way = _direction(sides.pop())
                return Rendered(
                    self.t(query, f"visits_none_{way}", names=names, years=self.all_years(way)), False
                )
            return Rendered(self.t(query, "visits_none_for", names=names, years=self.all_years()), False)
        if e.year_range:
            low, high = e.year_range
            parts.insert(0, self.t(query, "visits_between", low=low, high=high))
        elif (
            len(e.years) == 1
            and _bounds(e) is None
            and not any(v.year == e.years[0] for v in records if v.person in people)
        ):
            # after the sheet's date it cannot tell: no "no such visit" for 2015
            after = e.years[0] > self.facts.document.date.year
            key = "visits_after_sheet" if after else "visits_none_year_person"
            return Rendered(self.t(query, key, year=e.years[0], found=" ".join(parts)), False)
        nth = self._nth(query) if len(people) == 1 else None
        if nth is not None:  # "his third visit"
            years = sorted(v.year for i in told if (v := records[i]).kind not in MEETINGS)
            if nth > len(years):
                return Rendered(
                    self.t(query, "visits_no_nth", n=nth, count=len(years), found=" ".join(parts)), False
                )
            parts.append(self.t(query, "visits_nth", n=nth, year=years[nth - 1]))
        if counting:
            parts.append(self.t(query, "visits_total", n=total))
            parts += [self.t(query, "visits_talks_apart"), *apart] if apart else []
        if e.asks is Asks.REASON and not self._reasons(records, told, e.years):
            return Rendered(self.t(query, "no_reason", found=" ".join(parts)), False)
        return Rendered(" ".join(parts))

    @staticmethod
    def _reasons(records: list[Visit], told: set[int], years: tuple[int, ...]) -> bool:
        """Whether the visits told (of the years asked, if any) say what they were for."""
        return any(records[i].note for i in told if not years or records[i].year in years)

    def _nth(self, query: Query) -> int | None:
        """The ordinal a question asks of visits, past the first ("his second trip"), if one."""
        keys = query.entities.keys
        return next(
            (n for n, said in self.cues.ordinals.items() if n > 1 and not said.isdisjoint(keys)), None
        )

    def _by_person(self, query: Query, visits: list[Visit]) -> list[str]:
        people = dict.fromkeys(v.person for v in visits)
        return [self.sentence(query, p, [v for v in visits if v.person == p]) for p in people]

    def _extras(self, query: Query, own: Iterable[Visit]) -> list[str]:
        e = query.entities
        own = list(own)
        years = sorted({v.year for v in own})
        extras = []
        if e.asks is Asks.QUANTITY and self.cues.any(query, "span") and len(years) > 1:
            # the span names the first and the most recent: not told again after it; the count
            # too, which a question of both asks ("how many times, and how many years apart?")
            span = self.t(query, "visits_span", first=years[0], last=years[-1], n=years[-1] - years[0])
            visits = sum(v.kind not in MEETINGS for v in own)
            return [span, self.t(query, "visits_count", n=visits)] if visits > 1 else [span]
        if e.asks is Asks.QUANTITY and (visits := sum(v.kind not in MEETINGS for v in own)):
            extras.append(self.t(query, "visits_count", n=visits))
        if self.cues.any(query, "first"):
            extras.append(self.t(query, "visits_first", year=years[0]))
        if self.cues.any(query, "last"):
            extras.append(self.t(query, "visits_last", year=years[-1]))
        return extras


def _visit_key(visit: Visit) -> tuple[str, int, str, str]:
    """What tells a visit from the table's others: who, when, what kind, which way."""
    return visit.person, visit.year, visit.kind, visit.direction


def _bounds(e: Entities) -> tuple[float, float] | None:
    """The years asked, as a range: "between 1995 and 2005", "since 2003", "before 2009"."""
    if e.year_range:
        return e.year_range
    low = e.after + 1 if e.after is not None else e.onward
    high = e.until - 1 if e.until is not None else None
    if low is None and high is None:
        return None
    return (-math.inf if low is None else low, math.inf if high is None else high)


def _direction(origin: Country | None) -> str | None:
    if origin is None:
        return None
    return "to_italy" if origin == "KZ" else "to_kazakhstan"
