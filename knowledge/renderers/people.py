"""People and posts: officials who visited Italy, the people directory, ambassadors, embassies."""

from __future__ import annotations

from collections import Counter

from knowledge.entities import Asks
from knowledge.formatting import When
from knowledge.renderers.base import Cues, Family, Query, Rendered, other
from knowledge.schema import Facts, Official, Texts
from knowledge.textbook import TextBook


class People(Family):
    """Answers about people and their posts from ``facts.yaml``."""

    def __init__(
        self,
        facts: Facts,
        texts: TextBook,
        cues: Cues,
        roles: dict[str, frozenset[str]],
        posts: list[frozenset[str]],
    ) -> None:
        super().__init__(facts, texts, cues)
        self.roles = roles
        # Words that tell the posts apart ("justice", "tax"); words most posts share
        # ("minister", "chairman") would pick half the list, and so would a word that is part
        # of another's term ("ministry" of "ministry of finance").
        shared = Counter(word for terms in posts for word in {w for k in terms for w in (k, *k.split())})
        self._posts = [frozenset(k for k in terms if shared[k] == 1) for terms in posts]

    def post(self, official: Official) -> Texts:
        """An official's post: their role, or a delegation's own."""
        if official.post is not None:
            return official.post
        assert official.person is not None
        return self.people[official.person].role

    def official_name(self, official: Official) -> Texts:
        """An official's name, or a delegation's."""
        if official.name is not None:
            return official.name
        assert official.person is not None
        return self.people[official.person].name

    def officials(self, query: Query) -> Rendered:
        """Kazakh officials who visited Italy, found by name or by post."""
        e = query.entities
        listed = self.facts.officials
        chosen = [o for o in listed if o.person in e.people]
        if e.people and not chosen:
            names = [self.people[p].name for p in e.people]
            return Rendered(self.t(query, "officials_not_listed", names=names), False)
        if not chosen:
            chosen = [o for o, terms in zip(listed, self._posts, strict=True) if terms & e.keys]
        if not chosen:
            chosen = list(listed)
        if len(chosen) == 1:
            official = chosen[0]
            text = self.t(query, "official_one", name=self.official_name(official), post=self.post(official))
        else:
            lines = [self.t(query, "official", name=self.official_name(o), post=self.post(o)) for o in chosen]
            text = self.t(query, "officials_intro") + "\n" + "\n".join(f"• {line}" for line in lines)
            if e.asks is Asks.QUANTITY:  # "how many officials visited Italy?"
                text += "\n" + self.t(query, "visits_total", n=len(chosen))
        if e.asks in (Asks.DATE, Asks.DAY):
            return Rendered(self.t(query, "officials_no_dates") + " " + text, False)
        return Rendered(text)

    def directory(self, query: Query) -> Rendered:
        """People the fact sheet names, picked by role words and country when asked."""
        e = query.entities
        people = list(self.facts.people)
        picked = [p for p in people if not self.roles[p.id].isdisjoint(e.keys)]
        if picked:
            people = picked
        if e.origin is not None and any(p.country == e.origin for p in people):
            people = [p for p in people if p.country == e.origin]
        lines = [f"• {self.person(query, p)}" for p in people]
        return Rendered(self.t(query, "people_intro") + "\n" + "\n".join(lines))

    def ambassadors(self, query: Query) -> Rendered:
        """The two ambassadors, or the one the question points at."""
        e = query.entities
        origin = e.origin or query.entry.actor
        chosen = [a for a in self.facts.ambassadors if origin is None or a.sending == origin]
        named = [a for a in self.facts.ambassadors if a.person in e.people]
        if e.until is not None:  # "before 2011": appointed before that year
            chosen = [a for a in chosen if int(a.since[:4]) < e.until]
            if not chosen:
                return Rendered(self.t(query, "ambassadors_none_before", year=e.until), False)
        elif named:
            # "Yelemesov since 2011?": his post and its date settle the year asked; "Pieri,
            # Kazakhstan's ambassador since 2011?": the post asked, held by another since 2012
            chosen = [a for a in chosen if a in named] or chosen
        elif e.years:  # in office in a year: appointed by then, and not after the fact sheet
            last = self.facts.document.date.year
            chosen = [a for a in chosen if int(a.since[:4]) <= max(e.years) <= last]
            if not chosen:
                return Rendered(self.t(query, "ambassadors_none_year", years=list(e.years)), False)
        lines = [
            self.t(
                query,
                "ambassador",
                name=self.people[a.person].name,
                sending=self.country(query, a.sending),
                host=self.country(query, other(a.sending)),
                since=When(a.since),
            )
            for a in chosen
        ]
        return Rendered(self.t(query, "as_of_colon") + " " + " ".join(lines))

    def embassies(self, query: Query) -> Rendered:
        """When each embassy opened and where it is."""
        origin = query.entities.origin or query.entry.actor
        lines = []
        for embassy in self.facts.embassies:
            if origin is not None and embassy.owner != origin:
                continue
            values: dict[str, object] = {
                "owner": self.country(query, embassy.owner),
                "host": self.country(query, other(embassy.owner)),
                "opened": When(embassy.opened),
            }
            if embassy.city and embassy.city_since:
                key = "embassy_moved"
                values.update(city=embassy.city, since=When(embassy.city_since))
            else:
                key = "embassy"
            lines.append(self.t(query, key, **values))
        return Rendered(" ".join(lines))
