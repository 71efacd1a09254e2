"""The key dates, and cultural, scientific and educational cooperation.

The key dates are not a list of their own: they are gathered from every dated fact (the
events, the embassies, the ambassadors, the visits, the trade records, the investment),
so each date lives in one place and the timeline never disagrees with an answer.
"""

from __future__ import annotations

from itertools import groupby

from knowledge.formatting import Sum, When
from knowledge.renderers.base import Cues, Family, Query, Rendered, other, sentence
from knowledge.renderers.visits import MEETINGS, Visits
from knowledge.schema import Facts
from knowledge.textbook import TextBook
from knowledge.values import TRADE_DECIMALS


class Timeline(Family):
    """The key dates and the cultural projects."""

    def __init__(self, facts: Facts, texts: TextBook, cues: Cues) -> None:
        super().__init__(facts, texts, cues)
        self._dated: dict[str, list[tuple[When, str]]] = {}

    def dated(self, query: Query, visits: Visits) -> list[tuple[When, str]]:
        """Every dated fact as (date, sentence), in date order (written once per language)."""
        found = self._dated.get(query.lang)
        if found is None:
            found = self._dated[query.lang] = self._gather(query, visits)
        return found

    def _gather(self, query: Query, visits: Visits) -> list[tuple[When, str]]:
        f: Facts = self.facts
        lang = query.lang
        items: list[tuple[When, str]] = []
        for event in f.events:
            items.append((When(event.date), self.texts.fill(event.text.get(lang), lang)))
        for embassy in f.embassies:
            owner, host = self.country(query, embassy.owner), self.country(query, other(embassy.owner))
            items.append((When(embassy.opened), self.t(query, "timeline_embassy", owner=owner, host=host)))
            if embassy.city and embassy.city_since:
                text = self.t(query, "timeline_embassy_city", owner=owner, host=host, city=embassy.city)
                items.append((When(embassy.city_since), text))
        for ambassador in f.ambassadors:
            text = self.t(
                query,
                "timeline_ambassador",
                name=self.people[ambassador.person].name,
                sending=self.country(query, ambassador.sending),
                host=self.country(query, other(ambassador.sending)),
            )
            items.append((When(ambassador.since), text))
        for visit in f.visits:
            when = When(visit.dates[0]) if visit.dates else When(str(visit.year))
            if visit.kind in MEETINGS:
                items.append((when, visits.sentence(query, visit.person, [visit])))
                continue
            place = self.country(query, "IT" if visit.direction == "to_italy" else "KZ")
            text = self.t(
                query, "timeline_visit_" + visit.kind, who=self.people[visit.person].name, place=place
            )
            if visit.note:
                text += " " + sentence(self.texts.fill(visit.note.get(lang), lang))
            items.append((when, text))
        for row in f.trade:
            key = "timeline_trade_record" if row.record else "timeline_trade"
            amount = Sum(row.turnover, "USD", "billion", TRADE_DECIMALS)
            items.append((When(str(row.year)), self.t(query, key, turnover=amount)))
        items.append((When(str(f.investment.since)), self.t(query, "timeline_investment")))
        return sorted(items, key=lambda item: item[0].date)

    def milestones(self, query: Query, visits: Visits) -> Rendered:
        """Dated events, optionally only those of the years asked about."""
        years = set(query.entities.years)
        dated = self.dated(query, visits)
        chosen = [(when, text) for when, text in dated if not years or when.year in years]
        if not chosen:
            known = sorted({when.year for when, _ in dated})
            return Rendered(self.t(query, "timeline_none", years=sorted(years), known=known), False)
        writer = self.writer(query)
        lines = [
            f"• {writer.date(when, 'plain')}: {' '.join(text for _, text in group)}"
            for when, group in groupby(chosen, key=lambda item: item[0])
        ]
        return Rendered(self.t(query, "timeline_intro") + "\n" + "\n".join(lines))

    def years(self) -> list[int]:
        """Every year of the key dates."""
        f = self.facts
        found = {int(e.date[:4]) for e in f.events}
        found |= {int(e.opened[:4]) for e in f.embassies} | {int(a.since[:4]) for a in f.ambassadors}
        found |= {int(e.city_since[:4]) for e in f.embassies if e.city_since}
        found |= {v.year for v in f.visits} | {t.year for t in f.trade} | {f.investment.since}
        return sorted(found)

    # -- culture --------------------------------------------------------------------

    def culture(self, query: Query) -> Rendered:
        """Cultural, scientific and educational projects, by kind or year if asked."""
        e = query.entities
        projects = list(self.facts.culture)
        kinds = {p.kind for p in projects} & e.keys
        if kinds:
            projects = [p for p in projects if p.kind in kinds]
        if e.years:
            projects = [p for p in projects if set(self.project_years(p.events)) & set(e.years)]
            if not projects:
                return Rendered(self.t(query, "culture_none_year", years=list(e.years)), False)
        lang = query.lang
        lines = [f"• {p.name.get(lang)}: {self.texts.fill(p.summary.get(lang), lang)}" for p in projects]
        return Rendered(self.t(query, "culture_intro") + "\n" + "\n".join(lines))

    def project_years(self, events: list[str]) -> list[int]:
        """The years of a project's events."""
        dates = {e.id: e.date for e in self.facts.events}
        return [int(dates[e][:4]) for e in events if e in dates]
