"""The named values of ``facts.yaml`` that texts may state through placeholders.

``{trade.2012.turnover}`` in an answer is the 2012 turnover as this table holds it, written
the way the reply's language writes sums; change the figure in ``facts.yaml`` and every
answer in every language changes with it. The README ("For curators") lists the names.
"""

from __future__ import annotations

from collections import defaultdict

from knowledge.formatting import Figure, Sum, When
from knowledge.schema import Facts

TRADE_DECIMALS = 3  # the fact sheet gives billions to the million: 16.425


def fact_values(facts: Facts) -> dict[str, object]:
    """Every named value of ``facts``, keyed by its placeholder name."""
    values: dict[str, object] = {
        "document.date": When(facts.document.date.isoformat()),
        "document.month": When(facts.document.date.isoformat()[:7]),
        "document.title": facts.document.title,
    }
    for person in facts.people:
        values[f"person.{person.id}"] = person.name
        values[f"person.{person.id}.role"] = person.role
    for event in facts.events:
        values[f"event.{event.id}"] = When(event.date)
    for embassy in facts.embassies:
        values[f"embassy.{embassy.owner}.opened"] = When(embassy.opened)
        if embassy.city is not None:
            values[f"embassy.{embassy.owner}.city"] = embassy.city
        if embassy.city_since is not None:
            values[f"embassy.{embassy.owner}.city_since"] = When(embassy.city_since)
    people = {p.id: p for p in facts.people}
    for ambassador in facts.ambassadors:
        values[f"ambassador.{ambassador.sending}"] = people[ambassador.person].name
        values[f"ambassador.{ambassador.sending}.since"] = When(ambassador.since)
    years: dict[str, list[int]] = defaultdict(list)
    dates: dict[str, list[When]] = defaultdict(list)
    for visit in facts.visits:
        years[visit.person].append(visit.year)
        dates[visit.person] += [When(d) for d in visit.dates]
    for person_id, known in dates.items():
        if known:
            values[f"visits.{person_id}.dates"] = known
    for person_id, seen in years.items():
        ordered = sorted(set(seen))
        values[f"visits.{person_id}"] = ordered
        values[f"visits.{person_id}.first"] = When(str(ordered[0]))  # a date: one visit's
        values[f"visits.{person_id}.last"] = When(str(ordered[-1]))
        values[f"visits.{person_id}.count"] = len(seen)
    for row in facts.trade:
        for metric in ("turnover", "exports", "imports"):
            values[f"trade.{row.year}.{metric}"] = Sum(getattr(row, metric), "USD", "billion", TRADE_DECIMALS)
    values["trade.source"] = facts.trade_source
    values["goods.exports"] = [g.name for g in facts.goods.exports]
    values["goods.imports"] = [g.name for g in facts.goods.imports]
    values["goods.imports_note"] = facts.goods.imports_note
    values["joint_ventures.sectors"] = list(facts.joint_venture_sectors)
    standing = facts.trade_standing
    values["standing.rank"] = standing.rank
    values["standing.share"] = Figure(standing.share_percent, 0, percent=True)
    values["standing.ahead"] = list(standing.ahead)
    investment = facts.investment
    values["investment.amount"] = Sum(investment.amount_billion_usd, "USD", "billion")
    values["investment.since"] = When(str(investment.since))
    values["investment.source"] = investment.source
    for project in facts.culture:
        values[f"culture.{project.id}.name"] = project.name
        if project.amount is not None:
            amount = project.amount
            values[f"culture.{project.id}.amount"] = Sum(amount.value, amount.currency, amount.scale)
        if project.count is not None:
            values[f"culture.{project.id}.count"] = project.count
    return values
