"""Trade: turnover, exports, imports and balance per year; changes, shares, sums; rank; goods.

A trade question is parsed once into a :class:`TradeAsk` (which metric, which years,
which operation), then answered by the function for that operation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from knowledge.entities import Asks
from knowledge.formatting import Figure, Sum
from knowledge.renderers.base import Family, Query, Rendered
from knowledge.schema import Good, TradeYear
from knowledge.values import TRADE_DECIMALS


class Operation(StrEnum):
    """What a trade question asks to do with the figures."""

    VALUES = "values"  # the figures of the years asked
    CHANGE = "change"  # from one year to another
    SHARES = "shares"  # a flow's share of the turnover
    SHARE_ONLY_TURNOVER = "share_only_turnover"  # a share the sheet gives only for the turnover
    STANDING = "standing"  # Italy's rank and share among Kazakhstan's partners
    BALANCE = "balance"
    RATIO = "ratio"  # exports as a multiple of imports
    TOTAL = "total"  # summed or averaged over years


@dataclass(frozen=True)
class TradeAsk:
    """A trade question, parsed."""

    operation: Operation
    metric: str  # turnover, exports, imports or balance
    years: tuple[int, ...]
    flows: bool = False  # both exports and imports named
    average: bool = False


def _usd(value: float) -> Sum:
    return Sum(value, "USD", "billion", TRADE_DECIMALS)


def _worked_out(value: float) -> Sum:
    """A figure worked out from the sheet's: no trailing zeros ("14.23 billion", not "14.230")."""
    return Sum(value, "USD", "billion", None)


def _millions(value: float) -> Sum:
    """A figure of the sheet's (in billions of US dollars) told in millions."""
    return Sum(value * 1000, "USD", "million", 0)


def _difference(value: float) -> Sum:
    """A difference of two figures: under a billion, in millions ("209 million", not "0.209 billion")."""
    return _millions(value) if value < 1 else _worked_out(value)


def value_of(row: TradeYear, metric: str) -> float:
    """A year's figure for ``metric``; the balance is exports minus imports."""
    if metric == "balance":
        return row.exports - row.imports
    return float(getattr(row, metric))


class Trade(Family):
    """Answers about trade from ``facts.yaml``."""

    def parse(self, query: Query) -> TradeAsk | Rendered:
        """What the question asks of the trade figures, or the decline for years without data."""
        e = query.entities
        data = {t.year: t for t in self.facts.trade}
        missing = [y for y in e.years if y not in data]
        if missing:
            return Rendered(self.t(query, "trade_no_year", years=missing, known=list(data)), False)
        years = tuple(y for y in e.years if y in data) or tuple(data)
        exports, imports = self.cues.any(query, "export"), self.cues.any(query, "import")
        metric = "turnover"
        if exports != imports:  # one flow named: its direction decides which (Italian exports = imports)
            metric = "imports" if (e.origin == "IT" or (e.origin is None and imports)) else "exports"
        if self.cues.any(query, "balance"):
            metric = "balance"
        # A change compares two years: those asked, or the first and last. With one year, a
        # word of direction ("did exports drop in 2013?") compares it with the year before,
        # while "2013, exports vs imports" compares flows, not years.
        directed = self.cues.any(query, "directed")
        changing = (self.cues.any(query, "change") or directed) and len(data) > 1
        if len(e.years) == 1 and e.onward is not None and e.onward < max(data):
            years = (e.onward, max(data))  # "how much did trade drop since 2012?": to the latest
        elif len(e.years) == 1:
            previous = e.years[0] - 1
            changing = changing and directed and previous in data
            years = (previous, *years) if changing else years
        flows = exports and imports
        if flows and not directed and len(e.years) < 2 and self.cues.any(query, "change"):
            # "the difference between exports and imports": one flow less the other, not a
            # change between years ("how did exports and imports change from 2012 to 2013?")
            metric, changing = "balance", False
        if self.cues.any(query, "ratio") and (flows or metric == "balance") and not changing:
            return TradeAsk(Operation.RATIO, "balance", years)  # "how many times did exports exceed imports"
        if changing:
            return TradeAsk(Operation.CHANGE, metric, years)
        if self.cues.any(query, "share"):
            if metric == "turnover" and not flows:
                return TradeAsk(Operation.STANDING, metric, years)
            if not self.cues.any(query, "turnover", "trade"):
                return TradeAsk(Operation.SHARE_ONLY_TURNOVER, metric, years)
            return TradeAsk(Operation.SHARES, metric, years, flows)
        if self.cues.any(query, "rank") and not e.years:
            return TradeAsk(Operation.STANDING, metric, years)
        if metric == "balance":
            return TradeAsk(Operation.BALANCE, metric, years)
        average = self.cues.any(query, "average")
        if len(years) > 1 and (average or self.cues.any(query, "sum")):
            return TradeAsk(Operation.TOTAL, metric, years, average=average)
        return TradeAsk(Operation.VALUES, metric, years)

    def render(self, query: Query) -> Rendered:
        """Turnover, exports, imports, balance; shares, sums and changes between years.

        The figures say how much, never why: "why did trade fall?" gets them as what the
        sheet does record.
        """
        rendered = self._figures(query)
        if query.entities.asks is Asks.REASON and rendered.answered:
            return Rendered(self.t(query, "no_reason", found=rendered.text), False)
        return rendered

    def _figures(self, query: Query) -> Rendered:
        ask = self.parse(query)
        if isinstance(ask, Rendered):
            return ask
        data = {t.year: t for t in self.facts.trade}
        if ask.operation is Operation.STANDING:
            return Rendered(self.standing_text(query))
        if ask.operation is Operation.SHARE_ONLY_TURNOVER:
            return Rendered(self._share_only_turnover(query), False)
        if ask.operation is Operation.CHANGE:  # in time order, however the question lists the years
            return self._sourced(
                query, self._change(query, ask.metric, data[min(ask.years)], data[max(ask.years)])
            )
        if ask.operation is Operation.SHARES:
            parts = [ask.metric] if ask.metric != "turnover" else ["exports", "imports"]
            return self._sourced(
                query, " ".join(self._part(query, m, data[y]) for y in ask.years for m in parts)
            )
        if ask.operation is Operation.BALANCE:
            return self._sourced(query, " ".join(self._balance(query, data[y]) for y in ask.years))
        if ask.operation is Operation.RATIO:
            return self._sourced(query, " ".join(self._ratio(query, data[y]) for y in ask.years))
        lines = [self._year(query, ask.metric, data[y]) for y in ask.years]
        if ask.operation is Operation.TOTAL:
            total = sum(value_of(data[y], ask.metric) for y in ask.years)
            key, amount = ("trade_average", total / len(ask.years)) if ask.average else ("trade_sum", total)
            label = self.t(query, "metric_" + ask.metric)
            lines.append(self.t(query, key, metric=label, years=list(ask.years), amount=_worked_out(amount)))
        return self._sourced(query, " ".join(lines))

    def _sourced(self, query: Query, text: str) -> Rendered:
        """Figures with their source."""
        return Rendered(f"{text} {self.t(query, 'trade_source_note', source=self.facts.trade_source)}")

    def _part(self, query: Query, metric: str, row: TradeYear) -> str:
        value = value_of(row, metric)
        return self.t(
            query,
            "trade_part",
            year=row.year,
            metric=self.t(query, "metric_" + metric),
            percent=Figure(value / row.turnover * 100, 1, percent=True),
            value=_usd(value),
            turnover=_usd(row.turnover),
        )

    def _year(self, query: Query, metric: str, row: TradeYear) -> str:
        asked = ""  # "in millions of dollars": the figure in millions beside it
        if self.cues.any(query, "millions") and metric in ("turnover", "exports"):
            asked = _attached(self.t(query, "trade_millions", millions=_millions(value_of(row, metric))))
        return self.t(
            query,
            f"trade_{metric}",
            year=row.year,
            turnover=_usd(row.turnover),
            exports=_usd(row.exports),
            imports=_usd(row.imports),
            millions=_millions(row.imports),
            as_millions=asked,
            record=_attached(self.t(query, "trade_record")) if row.record else "",
        )

    def _balance(self, query: Query, row: TradeYear) -> str:
        return self.t(
            query,
            "trade_balance",
            year=row.year,
            balance=_worked_out(row.exports - row.imports),
            exports=_usd(row.exports),
            imports=_usd(row.imports),
        )

    def _ratio(self, query: Query, row: TradeYear) -> str:
        return self.t(
            query,
            "trade_ratio",
            year=row.year,
            ratio=Figure(row.exports / row.imports, 1),
            exports=_usd(row.exports),
            imports=_usd(row.imports),
        )

    def _change(self, query: Query, metric: str, old: TradeYear, new: TradeYear) -> str:
        before, after = value_of(old, metric), value_of(new, metric)
        delta = after - before
        return self.t(
            query,
            "trade_change_down" if delta < 0 else "trade_change_up",
            metric=self.t(query, "metric_" + metric),
            delta=_difference(abs(delta)),
            percent=Figure(abs(delta) / before * 100, 1, percent=True),
            old_year=old.year,
            new_year=new.year,
            old=_usd(before),
            new=_usd(after),
        )

    def _share_only_turnover(self, query: Query) -> str:
        return self.t(query, "trade_share_only_turnover", share=_share(self))

    # -- standing -------------------------------------------------------------------

    def standing(self, query: Query) -> Rendered:
        """Italy's rank among Kazakhstan's partners and its share of the turnover (only)."""
        rank = self.facts.trade_standing.rank
        keys = query.entities.keys
        beyond = [n for n, ordinal in self.cues.ordinals.items() if n > rank and not ordinal.isdisjoint(keys)]
        if beyond:  # "which country ranks fourth": the fact sheet names only the top three
            ahead = list(self.facts.trade_standing.ahead)
            text = self.t(query, "trade_rank_unknown", rank=beyond[0], top=rank, ahead=ahead)
            return Rendered(text, False)
        if not self.cues.any(query, "turnover") and self.cues.any(query, "export", "import"):
            return Rendered(self._share_only_turnover(query), False)
        return Rendered(self.standing_text(query))

    def standing_text(self, query: Query) -> str:
        """Italy's rank and share, as of the fact sheet's date."""
        s = self.facts.trade_standing
        return self.t(query, "trade_standing", rank=s.rank, share=_share(self), ahead=list(s.ahead))

    # -- goods ----------------------------------------------------------------------

    def goods(self, query: Query, good_keys: dict[str, list[frozenset[str]]]) -> Rendered:
        """What Kazakhstan exports to Italy and imports from it; the goods asked about first."""
        e = query.entities
        origin = e.origin or query.entry.actor or "KZ"
        goods = self.facts.goods
        listed = goods.exports if origin == "KZ" else goods.imports
        # A good is asked about when the question has every concept of one of its names
        # ("oil products": oil and products, not "products" alone).
        asked = [g for g in listed if any(keys <= e.keys for keys in good_keys[good_id(g)])]
        left_out = _named(listed, good_keys, e.excepted)
        if left_out and origin == "KZ":  # "apart from oil, what …": the rest of the list
            others = [g.name for g in listed if g not in left_out]
            text = self.t(query, "goods_besides", asked=[g.name for g in left_out], goods=others)
            return Rendered(text[:1].upper() + text[1:])  # a language may open with the goods left out
        # Imports come as ranked groups, which the note already puts in order.
        if origin == "KZ":
            text = self.t(query, "goods_exports", goods=[g.name for g in listed])
        else:
            text = self.texts.fill(goods.imports_note.get(query.lang), query.lang)
        if asked:
            text = self.t(query, "goods_asked", asked=[g.name for g in asked]) + " " + text
        return Rendered(text)


def _named(
    goods: Sequence[Good], good_keys: Mapping[str, list[frozenset[str]]], keys: frozenset[str]
) -> list[Good]:
    """The goods that ``keys`` name, the most specific only: "crude oil" is not every oil."""
    matched = {
        good_id(g): max((k for k in good_keys[good_id(g)] if k <= keys), key=len, default=frozenset())
        for g in goods
    }
    return [
        g for g in goods if (m := matched[good_id(g)]) and not any(m < other for other in matched.values())
    ]


def _attached(note: str) -> str:
    """A note to put right after a figure: a space before it, unless it starts with a comma.

    texts.yaml cannot keep a space at the start of a text, so the code adds it.
    """
    return note if note[:1] in ",;:" else f" {note}"


def good_id(good: Good) -> str:
    """A good's key: its name in the first language it is given in."""
    return next(iter(good.name.root.values()))


def _share(family: Family) -> Figure:
    return Figure(family.facts.trade_standing.share_percent, 0, percent=True)
