"""Answers rendered from structured facts by templates, one module per family of facts.

An entry with ``facts: <name>`` is answered here: the renderer reads the people, years,
cues and direction recognized in the question and fills templates from ``texts.yaml``
with the data of ``facts.yaml``, in the question's language. When the facts cannot answer
what was asked (a year with no data, a person with no recorded visit), the renderer says
so and the engine declines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from knowledge.renderers.base import Cues, Query, Rendered
from knowledge.renderers.people import People
from knowledge.renderers.timeline import Timeline
from knowledge.renderers.trade import Trade, good_id
from knowledge.renderers.visits import Visits
from knowledge.schema import Entry, Facts, Renderer
from knowledge.textbook import TextBook

__all__ = ["FAMILY", "FILTERS", "ORDERED", "Cues", "Query", "Rendered", "Renderers"]

# What each renderer can select by, for topic commands such as "/visits 2009".
# The renderers that tell the first and the last of their records ("his first visit").
ORDERED: frozenset[str] = frozenset({"visits"})

FILTERS: dict[str, set[str]] = {
    "visits": {"years", "people"},
    "trade": {"years"},
    "milestones": {"years"},
    "culture": {"years"},
    "officials": {"people"},
    "ambassadors": {"years"},
}


# The family each renderer belongs to: only renderers of one family can give the same reply
# (the trade figures and the standing both state Italy's share).
FAMILY: dict[str, str] = {
    "visits": "visits",
    "trade": "trade",
    "standing": "trade",
    "goods": "trade",
    "officials": "people",
    "people": "people",
    "ambassadors": "people",
    "embassies": "people",
    "milestones": "timeline",
    "culture": "culture",
}


class Renderers:
    """Renders fact-based answers.

    Args:
        facts: the structured facts.
        texts: the texts, in every language.
        cues: the keys of the packs' cue words.
        keys_of: reads a text of the knowledge base in a language into concept keys.
        identity: the keys of a question that only names a post ("who is the Italian
            president now?"): the two countries and the cue "current".
        kinds: the concepts that name a kind of fact (the lexicon's focus terms).
    """

    def __init__(
        self,
        facts: Facts,
        texts: TextBook,
        cues: Cues,
        keys_of: Callable[[str, str], frozenset[str]],
        identity: frozenset[str],
        kinds: frozenset[str] = frozenset(),
    ) -> None:
        self.facts = facts
        self._identity = identity
        countries = identity - cues["current"]

        def all_keys(texts_by_lang: Mapping[str, str]) -> frozenset[str]:
            return frozenset().union(*(keys_of(text, lang) for lang, text in texts_by_lang.items()))

        roles = {p.id: all_keys(p.role.root) - countries for p in facts.people}

        def shared_keys(texts_by_lang: Mapping[str, str]) -> frozenset[str]:
            """The concepts two languages' texts share: not one language's words ("кел", came)."""
            counts = Counter(k for lang, text in texts_by_lang.items() for k in keys_of(text, lang))
            return frozenset(k for k, n in counts.items() if n > 1)

        # What a visit's note tells that its kind and places do not ("the OSCE Summit"), by position
        places = frozenset().union(*(all_keys(v.place.root) for v in facts.visits if v.place))
        notes = [
            shared_keys(v.note.root) - countries - kinds - places if v.note else frozenset()
            for v in facts.visits
        ]
        self.visits = Visits(facts, texts, cues, roles, kinds, notes)
        people = {p.id: p for p in facts.people}
        posts = [
            all_keys((o.post or people[o.person].role if o.person else o.post).root)  # type: ignore[union-attr]
            for o in facts.officials
        ]
        self.people = People(facts, texts, cues, self.visits.roles, posts)
        self.trade = Trade(facts, texts, cues)
        self.timeline = Timeline(facts, texts, cues)
        self._goods = {
            good_id(good): [
                keys
                for lang in texts.languages
                for name in (good.name.get(lang), *good.aliases)
                if (keys := keys_of(name, lang))
            ]
            for good in (*facts.goods.exports, *facts.goods.imports)
        }
        # the goods a question names by one concept ("wheat", "zinc"): the sheet gives no figure
        # for any of them; not a kind of thing ("goods")
        self.goods_named = frozenset(
            key for lists in self._goods.values() for keys in lists if len(keys) == 1 for key in keys
        ) - frozenset(kinds)
        self._handlers: dict[Renderer, Callable[[Query], Rendered]] = {
            "visits": self._visits,
            "trade": self.trade.render,
            "standing": self.trade.standing,
            "goods": self._goods_of,
            "officials": self.people.officials,
            "people": self.people.directory,
            "ambassadors": self.people.ambassadors,
            "embassies": self.people.embassies,
            "milestones": self._milestones,
            "culture": self.timeline.culture,
        }

    def _visits(self, query: Query) -> Rendered:
        return self.visits.render(query, self._identity)

    def _goods_of(self, query: Query) -> Rendered:
        return self.trade.goods(query, self._goods)

    def _milestones(self, query: Query) -> Rendered:
        return self.timeline.milestones(query, self.visits)

    def render(self, name: Renderer, query: Query) -> Rendered:
        """Render the answer of an entry whose ``facts`` is ``name``."""
        return self._handlers[name](query)

    def context(self, entry: Entry) -> list[str]:
        """Words of the data behind a fact entry, in every language: its years and names.

        So that "2013" points at the trade figures and "zinc" at the exports.
        """
        f = self.facts
        goods = f.goods.exports if entry.actor != "IT" else f.goods.imports
        # Names only where the renderer picks by them; an overview must not compete with the
        # entry that answers one item (the "Levante" festival is not the whole culture list).
        words: dict[Renderer, Iterable[object]] = {
            "visits": [v.year for v in f.visits],
            "trade": [t.year for t in f.trade],
            "milestones": self.timeline.years(),
            "culture": [y for c in f.culture for y in self.timeline.project_years(c.events)],
            "embassies": [int(e.opened[:4]) for e in f.embassies],
            "ambassadors": [int(a.since[:4]) for a in f.ambassadors],
            "goods": [n for g in goods for n in (*g.name.root.values(), *g.aliases)],
        }
        assert entry.facts is not None
        return [str(w) for w in words.get(entry.facts, ())]
