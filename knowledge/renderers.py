"""Answers rendered from structured facts by templates.

An entry with ``facts: <name>`` is answered here: the renderer reads the people, years,
metrics and direction recognized in the question and fills a template from ``texts.yaml``
with the data of ``facts.yaml``. When the facts cannot answer what was asked (a year with
no data, a person with no recorded visit), the renderer says so and the engine declines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.analysis import Analyzer
from knowledge.entities import Asks, Entities
from knowledge.schema import Country, Entry, Facts, Person, Renderer, TradeYear, Visit
from knowledge.textbook import TextBook, billions, count_words, join_words, partial_date

# What each renderer can select by, for topic commands such as "/visits 2009".
FILTERS: dict[str, set[str]] = {
    "visits": {"years", "people"},
    "trade": {"years"},
    "milestones": {"years"},
    "culture": {"years"},
    "officials": {"people"},
    "ambassadors": {"years"},
}


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


def _keys(analyzer: Analyzer, text: str) -> frozenset[str]:
    return analyzer.analyze(text, correct=False).keys


class Renderers:
    """Renders fact-based answers."""

    def __init__(self, facts: Facts, texts: TextBook, analyzer: Analyzer) -> None:
        self.facts = facts
        self.texts = texts
        self._analyzer = analyzer
        self.people = {p.id: p for p in facts.people}
        self._handlers: dict[Renderer, Callable[[Query], Rendered]] = {
            "visits": self.visits,
            "trade": self.trade,
            "standing": self.standing,
            "goods": self.goods,
            "officials": self.officials,
            "people": self.people_named,
            "ambassadors": self.ambassadors,
            "embassies": self.embassies,
            "milestones": self.milestones,
            "culture": self.culture,
        }
        # Metric words, read through the analyzer so synonyms and stems line up.
        self._metric = {
            name: frozenset(_keys(analyzer, " ".join(words)))
            for name, words in {
                "balance": ("balance", "surplus", "deficit", "minus"),
                "change": (
                    "change",
                    "changed",
                    "grow",
                    "grew",
                    "fall",
                    "fell",
                    "increase",
                    "decrease",
                    "rise",
                    "rose",
                    "drop",
                    "decline",
                    "difference",
                    "compare",
                    "dynamics",
                    "trend",
                ),
                "share": ("share", "percent", "percentage", "proportion"),
                "rank": ("rank", "ranking", "place", "position", "partner", "partners"),
                "export": ("export",),
                "import": ("import",),
                "turnover": ("turnover",),
                "sum": ("combined", "together", "altogether", "sum", "total", "in all", "cumulative"),
            }.items()
        }
        self._up_down = _keys(analyzer, "up down")
        self._directed = _keys(analyzer, "grow fall increase decrease rise drop decline")
        self._trade_word = _keys(analyzer, "trade")
        self._average = _keys(analyzer, "average mean")
        self._identity_words = _keys(analyzer, "Kazakhstan Italy current now today present incumbent")
        self._ordinals = {n: _keys(analyzer, _ordinal(n)) for n in range(1, 11)}
        self._span = _keys(analyzer, "years passed between long apart gap interval elapsed")
        self._first = _keys(analyzer, "first earliest initial")
        self._last = _keys(analyzer, "last latest recent most recent final")
        self._goods = {
            id(good): frozenset().union(*(_keys(analyzer, form) for form in (good.name, *good.aliases)))
            for good in (*facts.goods.exports, *facts.goods.imports)
        }
        # Role words that tell people apart ("prime minister", "justice"), not "minister".
        countries = _keys(analyzer, "Kazakhstan Italy")
        roles = {p.id: _keys(analyzer, p.role.en) - countries for p in facts.people}
        common = Counter(k for terms in roles.values() for k in terms)
        self._roles = {
            pid: frozenset(k for k in terms if common[k] < len(roles) / 2) for pid, terms in roles.items()
        }
        posts = {o: _keys(analyzer, o.post.en) for o in facts.officials}
        shared = Counter(k for terms in posts.values() for k in terms)
        self._posts = {o: frozenset(k for k in terms if shared[k] == 1) for o, terms in posts.items()}
        self._kinds = {kind: _keys(analyzer, kind) for kind in {c.kind for c in facts.culture}}

    def context(self, entry: Entry) -> list[str]:
        """Words of the data behind a fact entry: its years and names.

        So that "2013" points at the trade figures and "zinc" at the exports.
        """
        f = self.facts
        goods = f.goods.exports if entry.actor != "IT" else f.goods.imports
        # Names only where the renderer picks by them; an overview must not compete with the
        # entry that answers one item (the "Levante" festival is not the whole culture list).
        words: dict[Renderer, Iterable[object]] = {
            "visits": [v.year for v in f.visits],
            "trade": [t.year for t in f.trade],
            "milestones": [int(m.date[:4]) for m in f.milestones]
            + [partial_date(m.date) for m in f.milestones if len(m.date) > 4],
            "culture": [y for c in f.culture for y in c.years],
            "embassies": [int(e.opened[:4]) for e in f.embassies],
            "ambassadors": [int(a.since[:4]) for a in f.ambassadors],
            "goods": [n for g in goods for n in (g.name, *g.aliases)],
        }
        assert entry.facts is not None
        return [str(w) for w in words.get(entry.facts, ())]

    def render(self, name: Renderer, query: Query) -> Rendered:
        """Render the answer of an entry whose ``facts`` is ``name``."""
        return self._handlers[name](query)

    # -- helpers --------------------------------------------------------------------

    def name(self, person_id: str) -> str:
        """A person's display name: the full name when known."""
        person = self.people[person_id]
        return person.full_name or person.name

    def _person(self, person: Person) -> str:
        return self.texts.get("person", name=person.full_name or person.name, role=person.role.en)

    def _country(self, country: Country) -> str:
        return self.texts.get("country_" + country)

    def _has(self, query: Query, metric: str) -> bool:
        return not self._metric[metric].isdisjoint(query.entities.keys)

    # -- visits ---------------------------------------------------------------------

    def _visit_years(self, visits: Iterable[Visit]) -> str:
        parts = []
        for visit in visits:
            plain = visit.kind in ("visit", "official visit")
            parts.append(str(visit.year) if plain else f"{visit.year} ({visit.kind})")
        return join_words(parts)

    def _notes(self, visits: Iterable[Visit]) -> list[str]:
        return [
            self.texts.get("visit_note", year=v.year, note=v.note.en.rstrip(".")) for v in visits if v.note
        ]

    def _visit_sentence(self, person_id: str, visits: list[Visit]) -> str:
        person = self.people[person_id]
        who = self._person(person)
        first = visits[0]
        if first.kind in ("talks", "meeting"):
            lines = []
            for visit in visits:
                # The record's own person speaks, whoever was asked about ("Masimov" finds Monti's talks).
                who = self._person(self.people[visit.person])
                other = self.name(visit.with_person) if visit.with_person else ""
                dates = join_words([partial_date(d) for d in visit.dates]) or str(visit.year)
                key = "visit_" + visit.kind.replace(" ", "_")
                lines.append(self.texts.get(key, who=who, other=other, place=visit.place or "", dates=dates))
                if visit.note:
                    lines.append(_sentence(visit.note.en))
            return " ".join(lines)
        destination = self._country("IT" if first.direction == "to_italy" else "KZ")
        official = all(v.kind == "official visit" for v in visits)
        key = ("visits_official" if official else "visits_person") + ("_one" if len(visits) == 1 else "")
        sentence = self.texts.get(key, who=who, place=destination, years=self._visit_years(visits))
        return " ".join([sentence, *self._notes(visits)])

    def visits(self, query: Query) -> Rendered:
        """Visits by person, year (or range of years) and direction; counts, first/last, spans."""
        e = query.entities
        records = list(self.facts.visits)
        if e.year_range:
            low, high = e.year_range
            records = [v for v in records if low <= v.year <= high]
        people = [p for p in e.people if p in self.people]
        if not people:  # "the Italian prime minister": the people who held that role
            by_role = self._by_role(e)
            if by_role == []:
                return Rendered(self.texts.get("visits_none_role", years=self._all_years()), False)
            if by_role and self._identity(e):
                # "Who is the Italian president?" asks who holds the post, not who visited.
                visited = self._visits_of(e, by_role, records)
                return Rendered(self.texts.get("visits_role_only", found=visited.text), False)
            people = by_role or []
        if people:
            return self._visits_of(e, people, records)
        direction = _direction(e.origin)
        if e.years:
            wanted = set(e.years) if not e.year_range else {v.year for v in records}
            found = [v for v in records if v.year in wanted and direction in (None, v.direction)]
            if not found:
                years = join_words([str(y) for y in e.years], "or")
                return Rendered(
                    self.texts.get("visits_none_year", years=years, known=self._all_years()), False
                )
            return Rendered(" ".join(self._by_person(found)))
        direction = direction or _direction(query.entry.actor)
        found = [v for v in records if direction in (None, v.direction)]
        if query.entry.actor is None and direction is None:
            found = [v for v in records if v.kind in ("talks", "meeting")] or found
        return Rendered(" ".join(self._by_person(found)))

    def _identity(self, e: Entities) -> bool:
        """Whether the question only names a role ("who is the Italian prime minister?")."""
        roles = frozenset().union(*self._roles.values())
        return e.asks is Asks.PERSON and not e.years and e.keys <= roles | self._identity_words

    def _by_role(self, e: Entities) -> list[str] | None:
        """People whose role the question names (None when it names no role)."""
        named = [p for p in self.facts.people if not self._roles[p.id].isdisjoint(e.keys)]
        if not named:
            return None
        return [p.id for p in named if e.origin in (None, p.country)]

    def _visits_of(self, e: Entities, people: list[str], records: list[Visit]) -> Rendered:
        parts: list[str] = []
        missing: list[str] = []
        total = 0
        told: set[int] = set()
        for pid in people:
            own = [v for v in records if v.person == pid or v.with_person == pid]
            if not own:
                missing.append(pid)
                continue
            total += len(own)
            new = [v for v in own if id(v) not in told]  # talks between two asked-about people once
            told.update(id(v) for v in own)
            if new:
                parts.append(self._visit_sentence(pid, [v for v in new if v.person == pid] or new))
            parts.extend(self._visit_extras(e, own))
        if not parts:
            names = join_words([self.name(p) for p in missing])
            return Rendered(self.texts.get("visits_none_for", names=names, years=self._all_years()), False)
        if e.year_range:
            low, high = e.year_range
            parts.insert(0, self.texts.get("visits_between", low=low, high=high))
        elif len(e.years) == 1 and not any(v.year == e.years[0] for v in records if v.person in people):
            return Rendered(
                self.texts.get("visits_none_year_person", year=e.years[0], found=" ".join(parts)), False
            )
        if e.asks is Asks.QUANTITY and len(people) > 1:
            parts.append(self.texts.get("visits_total", n=count_words(total)))
        return Rendered(" ".join(parts))

    def _by_person(self, visits: list[Visit]) -> list[str]:
        people = dict.fromkeys(v.person for v in visits)
        return [self._visit_sentence(p, [v for v in visits if v.person == p]) for p in people]

    def _visit_extras(self, e: Entities, own: list[Visit]) -> list[str]:
        years = sorted({v.year for v in own})
        extras = []
        if e.asks is Asks.QUANTITY and not self._span.isdisjoint(e.keys) and len(years) > 1:
            extras.append(
                self.texts.get("visits_span", first=years[0], last=years[-1], n=years[-1] - years[0])
            )
        elif e.asks is Asks.QUANTITY:
            extras.append(self.texts.get("visits_count", n=count_words(len(own))))
        if not self._first.isdisjoint(e.keys):
            extras.append(self.texts.get("visits_first", year=years[0]))
        if not self._last.isdisjoint(e.keys):
            extras.append(self.texts.get("visits_last", year=years[-1]))
        return extras

    def _all_years(self) -> str:
        return join_words([str(y) for y in sorted({v.year for v in self.facts.visits})])

    # -- trade ----------------------------------------------------------------------

    def _figures(self, text: str) -> Rendered:
        """Figures with their source."""
        return Rendered(f"{text} {self.texts.get('trade_source_note', source=self.facts.trade_source)}")

    def trade(self, query: Query) -> Rendered:
        """Turnover, exports, imports, balance; shares, sums and changes between years."""
        e = query.entities
        data = {t.year: t for t in self.facts.trade}
        known = join_words([str(y) for y in data])
        missing = [y for y in e.years if y not in data]
        if missing:
            asked = join_words([str(y) for y in missing], "or")
            return Rendered(self.texts.get("trade_no_year", years=asked, known=known), False)
        years = [y for y in e.years if y in data] or list(data)
        exports, imports = self._has(query, "export"), self._has(query, "import")
        metric = "turnover"
        if exports != imports:  # one flow named: its direction decides which (Italian exports = imports)
            metric = "imports" if (e.origin == "IT" or (e.origin is None and imports)) else "exports"
        standing = self.facts.trade_standing
        # A change compares two years: those asked, or the first and last. With one year,
        # a word of direction ("did exports drop in 2013?") compares it with the year before,
        # while "2013, exports vs imports" compares flows, not years.
        directed = not (self._up_down | self._directed).isdisjoint(e.keys)
        changing = (self._has(query, "change") or directed) and len(data) > 1
        if len(e.years) == 1:
            previous = e.years[0] - 1
            changing = changing and directed and previous in data
            years = [previous, *years] if changing else years
        if self._has(query, "balance") or (exports and imports and "minus" in e.keys):
            metric = "balance"
        if changing:  # in time order, however the question lists the years ("2013 vs 2012")
            first, last = min(years), max(years)
            return self._figures(self._change(metric, data[first], data[last]))
        if self._has(query, "share"):
            if metric == "turnover" and not (exports and imports):
                return Rendered(self._standing())
            if not (self._has(query, "turnover") or self._trade_word & e.keys):
                share = f"{standing.share_percent:g}"
                return Rendered(self.texts.get("trade_share_only_turnover", share=share), False)
            parts = [metric] if metric != "turnover" else ["exports", "imports"]
            return self._figures(" ".join(self._part(m, data[y]) for y in years for m in parts))
        if self._has(query, "rank") and not e.years:
            return Rendered(self._standing())
        if metric == "balance":
            return self._figures(" ".join(self._balance(data[y]) for y in years))
        lines = [self._year(metric, data[y]) for y in years]
        if len(years) > 1 and (self._average & e.keys or self._has(query, "sum")):
            total = sum(_value(data[y], metric) for y in years)
            key, amount = (
                ("trade_average", total / len(years)) if self._average & e.keys else ("trade_sum", total)
            )
            label = self.texts.get("metric_" + metric)
            lines.append(
                self.texts.get(key, metric=label, years=join_words(map(str, years)), amount=billions(amount))
            )
        return self._figures(" ".join(lines))

    def _part(self, metric: str, row: TradeYear) -> str:
        value = _value(row, metric)
        return self.texts.get(
            "trade_part",
            year=row.year,
            metric=self.texts.get("metric_" + metric),
            percent=f"{value / row.turnover * 100:.1f}",
            value=billions(value),
            turnover=billions(row.turnover),
        )

    def _year(self, metric: str, row: TradeYear) -> str:
        values = {k: billions(getattr(row, k)) for k in ("turnover", "exports", "imports")}
        millions = f"{getattr(row, metric) * 1000:.0f}"
        note = row.note
        return self.texts.get(
            f"trade_{metric}",
            year=row.year,
            millions=millions,
            note=f" ({note.en})" if note else "",
            **values,
        )

    def _balance(self, row: TradeYear) -> str:
        exports, imports = row.exports, row.imports
        return self.texts.get(
            "trade_balance",
            year=row.year,
            balance=billions(exports - imports),
            exports=billions(exports),
            imports=billions(imports),
        )

    def _change(self, metric: str, old: TradeYear, new: TradeYear) -> str:
        before, after = _value(old, metric), _value(new, metric)
        delta = after - before
        return self.texts.get(
            "trade_change",
            metric=self.texts.get("metric_" + metric),
            direction=self.texts.get("change_down" if delta < 0 else "change_up"),
            delta=billions(abs(delta)),
            percent=f"{abs(delta) / before * 100:.1f}",
            old_year=old.year,
            new_year=new.year,
            old=billions(before),
            new=billions(after),
        )

    def standing(self, query: Query) -> Rendered:
        """Italy's rank among Kazakhstan's partners and its share of the turnover (only)."""
        rank = self.facts.trade_standing.rank
        beyond = [
            n for n, keys in self._ordinals.items() if n > rank and not keys.isdisjoint(query.entities.keys)
        ]
        if beyond:  # "which country ranks fourth": the fact sheet names only the top three
            ahead = join_words(self.facts.trade_standing.ahead)
            text = self.texts.get("trade_rank_unknown", rank=_ordinal(beyond[0]), top=rank, ahead=ahead)
            return Rendered(text, False)
        if not self._has(query, "turnover") and (self._has(query, "export") or self._has(query, "import")):
            share = f"{self.facts.trade_standing.share_percent:g}"
            return Rendered(self.texts.get("trade_share_only_turnover", share=share), False)
        return Rendered(self._standing())

    def _standing(self) -> str:
        s = self.facts.trade_standing
        return self.texts.get(
            "trade_standing", rank=_ordinal(s.rank), share=f"{s.share_percent:g}", ahead=join_words(s.ahead)
        )

    # -- goods ----------------------------------------------------------------------

    def goods(self, query: Query) -> Rendered:
        """What Kazakhstan exports to Italy and imports from it."""
        e = query.entities
        origin = e.origin or query.entry.actor or "KZ"
        goods = self.facts.goods
        listed = goods.exports if origin == "KZ" else goods.imports
        asked = [g for g in listed if not self._goods[id(g)].isdisjoint(e.keys)]
        names = join_words([g.name for g in listed])
        # Imports come as ranked groups, which the note already puts in order.
        text = self.texts.get("goods_exports", goods=names) if origin == "KZ" else goods.imports_note.en
        if asked:
            text = self.texts.get("goods_asked", asked=join_words([g.name for g in asked])) + " " + text
        return Rendered(text)

    # -- officials ------------------------------------------------------------------

    def officials(self, query: Query) -> Rendered:
        """Kazakh officials who visited Italy, found by name or by post."""
        e = query.entities
        chosen = [o for o in self.facts.officials if o.person in e.people]
        if e.people and not chosen:
            names = join_words([self.name(p) for p in e.people])
            return Rendered(self.texts.get("officials_not_listed", names=names), False)
        if not chosen:
            # Pick by the words that tell the posts apart ("justice", "tax"); words most
            # posts share ("minister", "chairman") would pick half the list.
            chosen = [o for o, terms in self._posts.items() if terms & e.keys]
        if not chosen:
            chosen = list(self.facts.officials)
        lines = [
            self.texts.get("official", name=self.name(o.person) if o.person else o.name, post=o.post.en)
            for o in chosen
        ]
        if len(chosen) == 1:
            official = chosen[0]
            name = self.name(official.person) if official.person else official.name
            text = self.texts.get("official_one", name=name, post=official.post.en)
        else:
            text = self.texts.get("officials_intro") + " " + " ".join(lines)
        if e.asks is Asks.DATE:
            return Rendered(self.texts.get("officials_no_dates") + " " + text, False)
        return Rendered(text)

    # -- people -----------------------------------------------------------------------

    def people_named(self, query: Query) -> Rendered:
        """People the fact sheet names, picked by role words and country when asked."""
        e = query.entities
        people = list(self.facts.people)
        picked = [p for p in people if not self._roles[p.id].isdisjoint(e.keys)]
        if picked:
            people = picked
        country = e.origin if e.origin else None
        if country is not None and any(p.country == country for p in people):
            people = [p for p in people if p.country == country]
        lines = [f"• {self._person(p)}" for p in people]
        return Rendered(self.texts.get("people_intro") + "\n" + "\n".join(lines))

    # -- ambassadors and embassies ----------------------------------------------------

    def ambassadors(self, query: Query) -> Rendered:
        """The two ambassadors, or the one the question points at."""
        e = query.entities
        origin = e.origin or query.entry.actor
        chosen = [a for a in self.facts.ambassadors if origin is None or a.sending == origin]
        if e.years:  # in office in a year: appointed by then, and not after the fact sheet
            last = self.facts.document_date.year
            chosen = [a for a in chosen if int(a.since[:4]) <= max(e.years) <= last]
            if not chosen:
                years = join_words([str(y) for y in e.years], "or")
                return Rendered(self.texts.get("ambassadors_none_year", years=years, last=last), False)
        lines = [
            self.texts.get(
                "ambassador",
                name=self.name(a.person),
                sending=self._country(a.sending),
                host=self._country("IT" if a.sending == "KZ" else "KZ"),
                since=partial_date(a.since),
            )
            for a in chosen
        ]
        return Rendered(self.texts.get("as_of", date="April 2014") + " " + " ".join(lines))

    def embassies(self, query: Query) -> Rendered:
        """When each embassy opened and where it is."""
        origin = query.entities.origin or query.entry.actor
        lines = []
        for embassy in self.facts.embassies:
            if origin is not None and embassy.owner != origin:
                continue
            where = ""
            if embassy.city:
                since = partial_date(embassy.city_since) if embassy.city_since else ""
                where = self.texts.get("embassy_city", city=embassy.city, since=since)
            lines.append(
                self.texts.get(
                    "embassy",
                    owner=self._country(embassy.owner),
                    host=self._country("IT" if embassy.owner == "KZ" else "KZ"),
                    opened=partial_date(embassy.opened),
                    where=where,
                )
            )
        return Rendered(" ".join(lines))

    # -- milestones and culture -----------------------------------------------------

    def milestones(self, query: Query) -> Rendered:
        """Dated events, optionally only those of the years asked about."""
        years = set(query.entities.years)
        chosen = [m for m in self.facts.milestones if not years or int(m.date[:4]) in years]
        if not chosen:
            known = join_words(sorted({m.date[:4] for m in self.facts.milestones}))
            return Rendered(
                self.texts.get("timeline_none", years=join_words(sorted(map(str, years))), known=known), False
            )
        lines = [f"• {partial_date(m.date)}: {m.event.en}" for m in chosen]
        return Rendered(self.texts.get("timeline_intro") + "\n" + "\n".join(lines))

    def culture(self, query: Query) -> Rendered:
        """Cultural, scientific and educational projects, by kind or year if asked."""
        e = query.entities
        projects = list(self.facts.culture)
        kinds = {k for k, keys in self._kinds.items() if not keys.isdisjoint(e.keys)}
        if kinds:
            projects = [p for p in projects if p.kind in kinds]
        if e.years:
            projects = [p for p in projects if set(p.years) & set(e.years)]
            if not projects:
                return Rendered(
                    self.texts.get("culture_none_year", years=join_words([str(y) for y in e.years], "or")),
                    False,
                )
        lines = [f"• {p.name}: {p.summary.en}" for p in projects]
        return Rendered(self.texts.get("culture_intro") + "\n" + "\n".join(lines))


def _sentence(clause: str) -> str:
    """A clause as a sentence: capital first letter, full stop at the end."""
    clause = clause.strip().rstrip(".")
    return clause[:1].upper() + clause[1:] + "." if clause else ""


def _value(row: TradeYear, metric: str) -> float:
    """A year's figure for ``metric``; the balance is exports minus imports."""
    if metric == "balance":
        return row.exports - row.imports
    return float(getattr(row, metric))


def _direction(origin: Country | None) -> str | None:
    if origin is None:
        return None
    return "to_italy" if origin == "KZ" else "to_kazakhstan"


def _ordinal(n: int) -> str:
    words = {
        1: "first",
        2: "second",
        3: "third",
        4: "fourth",
        5: "fifth",
        6: "sixth",
        7: "seventh",
        8: "eighth",
        9: "ninth",
        10: "tenth",
    }
    return words.get(n, f"{n}th")
