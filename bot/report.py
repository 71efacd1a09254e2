"""The curators' report: what people asked that the bot could not answer, and what they thought.

``python -m bot report`` reads the question log and writes one report in Markdown, CSV,
JSON or a self-contained HTML page:

* unanswered questions (declines and clarifications) grouped by similarity, most frequent
  first, with their languages, a few examples and the entries nearest to them, so that a
  curator can add the phrasing to the right entry in one edit;
* answers voted 👎, with the users' comments;
* each entry: how often it answered, its 👍 and 👎, the share of follow-ups;
* each day and language: questions, the share answered and the share declined.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.schema import feedback, questions
from knowledge import Engine
from knowledge.text import normalize

# Two questions whose words overlap this much (rapidfuzz token_set_ratio) are one group.
SIMILAR = 78
EXAMPLES = 3  # example questions shown per group
NEAREST = 3  # entries shown per group
UNANSWERED = ("decline", "clarify")
OUTCOMES = ("answer", "clarify", "decline", "chat")


@dataclass(frozen=True)
class Logged:
    """A question as the log holds it (without its user)."""

    id: str
    at: dt.datetime
    chat_type: str
    lang: str
    question: str
    outcome: str
    followup: bool
    entry: str | None
    confidence: float


@dataclass(frozen=True)
class Vote:
    """A vote on an answer, with the comment if there was one."""

    question_id: str
    vote: int
    comment: str | None


@dataclass(frozen=True)
class LogData:
    """The log between two dates."""

    since: dt.datetime
    until: dt.datetime
    questions: list[Logged]
    votes: list[Vote]
    users: int = 0  # distinct keyed hashes


async def read_log(engine: AsyncEngine, days: int, now: dt.datetime | None = None) -> LogData:
    """The questions and votes of the last ``days`` days."""
    until = now or dt.datetime.now(dt.UTC)
    since = until - dt.timedelta(days=days)
    q, f = questions.c, feedback.c
    async with engine.connect() as connection:
        asked = (
            await connection.execute(
                select(
                    q.id,
                    q.at,
                    q.chat_type,
                    q.lang,
                    q.question,
                    q.outcome,
                    q.followup,
                    q.entry,
                    q.confidence,
                    q.user_key,
                )
                .where(q.at >= since)
                .order_by(q.at)
            )
        ).all()
        voted = (
            await connection.execute(
                select(f.question_id, f.vote, f.comment)
                .join(questions, questions.c.id == f.question_id)
                .where(q.at >= since)
            )
        ).all()
    logged = [Logged(*row[:6], bool(row.followup), row.entry, float(row.confidence)) for row in asked]
    votes = [Vote(row.question_id, int(row.vote), row.comment) for row in voted]
    return LogData(since, until, logged, votes, len({row.user_key for row in asked}))


# -- grouping -----------------------------------------------------------------------------


def group_questions(texts: Sequence[str]) -> list[tuple[str, int]]:
    """Similar questions together, most frequent first: (an example, how many)."""
    return [(group[0], len(group)) for group in _group([normalize(t) for t in texts], list(texts))]


def _group(keys: list[str], texts: list[str]) -> list[list[str]]:
    """Texts grouped by the similarity of their normalized ``keys``, the biggest group first.

    The most frequent wording of a group stands for it; each text joins the first group
    it is similar enough to, in order of frequency, so the result does not depend on the
    order the questions came in.
    """
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, text in zip(keys, texts, strict=True):
        by_key[key].append(text)
    ordered = sorted(by_key, key=lambda k: (-len(by_key[k]), k))
    heads: list[str] = []
    groups: dict[str, list[str]] = {}
    for key in ordered:
        head = next((h for h in heads if fuzz.token_set_ratio(key, h) >= SIMILAR), None)
        if head is None:
            heads.append(key)
            groups[key] = []
            head = key
        groups[head] += by_key[key]
    return sorted(groups.values(), key=lambda g: -len(g))


# -- the report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Nearest:
    """An entry close to an unanswered question, with the engine's score."""

    entry: str
    score: float
    question: str


@dataclass(frozen=True)
class Unanswered:
    """A group of similar questions the bot declined or asked back about."""

    count: int
    languages: dict[str, int]
    examples: list[str]
    nearest: list[Nearest]


@dataclass(frozen=True)
class Downvoted:
    """An answer some users found wrong."""

    question: str
    lang: str
    entry: str | None
    down: int
    up: int
    comments: list[str]


@dataclass(frozen=True)
class EntryStats:
    """How one entry served."""

    entry: str
    answers: int
    up: int
    down: int
    followup_share: float


@dataclass(frozen=True)
class Day:
    """One day and language of the log."""

    day: str
    lang: str
    questions: int
    answered_share: float
    declined_share: float
    outcomes: dict[str, int]


@dataclass
class Report:
    """Everything the report shows."""

    since: str
    until: str
    questions: int
    users: int
    outcomes: dict[str, int]
    unanswered: list[Unanswered] = field(default_factory=list)
    downvoted: list[Downvoted] = field(default_factory=list)
    entries: list[EntryStats] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)


def build_report(data: LogData, engine: Engine | None = None) -> Report:
    """The report on ``data``; with ``engine``, the entries nearest to each unanswered group."""
    asked = data.questions
    report = Report(
        since=data.since.date().isoformat(),
        until=data.until.date().isoformat(),
        questions=len(asked),
        users=data.users,
        outcomes={o: sum(q.outcome == o for q in asked) for o in OUTCOMES},
    )
    report.unanswered = _unanswered([q for q in asked if q.outcome in UNANSWERED], engine)
    report.downvoted = _downvoted(asked, data.votes)
    report.entries = _entries(asked, data.votes)
    report.days = _days(asked)
    return report


def _unanswered(missed: list[Logged], engine: Engine | None) -> list[Unanswered]:
    texts = [q.question for q in missed]
    langs = {q.question: q.lang for q in missed}
    groups = _group([normalize(t) for t in texts], texts)
    found = []
    for group in groups:
        languages = Counter(langs[t] for t in group)
        examples = list(dict.fromkeys(group))[:EXAMPLES]
        found.append(
            Unanswered(len(group), dict(languages.most_common()), examples, _nearest(engine, examples[0]))
        )
    return found


def _nearest(engine: Engine | None, question: str) -> list[Nearest]:
    if engine is None:
        return []
    answer = engine.ask(question)
    return [
        Nearest(c.entry_id, c.score, engine.entries[c.entry_id].questions.first(answer.lang, engine.default))
        for c in answer.candidates[:NEAREST]
    ]


def _downvoted(asked: list[Logged], votes: list[Vote]) -> list[Downvoted]:
    by_id = {q.id: q for q in asked}
    tally: dict[str, list[Vote]] = defaultdict(list)
    for vote in votes:
        tally[vote.question_id].append(vote)
    found = [
        Downvoted(
            by_id[qid].question,
            by_id[qid].lang,
            by_id[qid].entry,
            sum(v.vote < 0 for v in vs),
            sum(v.vote > 0 for v in vs),
            [v.comment for v in vs if v.comment],
        )
        for qid, vs in tally.items()
        if qid in by_id and any(v.vote < 0 for v in vs)
    ]
    return sorted(found, key=lambda d: (-d.down, d.question))


def _entries(asked: list[Logged], votes: list[Vote]) -> list[EntryStats]:
    entry_of = {q.id: q.entry for q in asked}
    up: Counter[str] = Counter()
    down: Counter[str] = Counter()
    for vote in votes:
        entry = entry_of.get(vote.question_id)
        if entry:
            (up if vote.vote > 0 else down)[entry] += 1
    answers = Counter(q.entry for q in asked if q.outcome == "answer" and q.entry)
    followups = Counter(q.entry for q in asked if q.outcome == "answer" and q.entry and q.followup)
    return [
        EntryStats(entry, n, up[entry], down[entry], round(followups[entry] / n, 3))
        for entry, n in sorted(answers.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _days(asked: list[Logged]) -> list[Day]:
    by_day: dict[tuple[str, str], list[Logged]] = defaultdict(list)
    for q in asked:
        by_day[(q.at.date().isoformat(), q.lang)].append(q)
    days = []
    for (day, lang), items in sorted(by_day.items()):
        outcomes = {o: sum(q.outcome == o for q in items) for o in OUTCOMES}
        n = len(items)
        days.append(
            Day(day, lang, n, round(outcomes["answer"] / n, 3), round(outcomes["decline"] / n, 3), outcomes)
        )
    return days


# -- formats ------------------------------------------------------------------------------


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt``: markdown, csv, json or html."""
    if fmt == "json":
        return json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(report)
    if fmt == "html":
        return _html(report)
    return _markdown(report)


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _markdown(r: Report) -> str:
    lines = [f"# Question log, {r.since} to {r.until}", ""]
    lines.append(
        f"{r.questions} questions: "
        + ", ".join(f"{n} {o}" for o, n in r.outcomes.items())
        + f"; {r.users} users."
    )
    lines += ["", "## Unanswered questions, most frequent first", ""]
    lines += ["| count | languages | examples | nearest entries |", "| --- | --- | --- | --- |"]
    for g in r.unanswered:
        langs = ", ".join(f"{k} {v}" for k, v in g.languages.items())
        examples = "<br>".join(_cell(e) for e in g.examples)
        nearest = "<br>".join(f"`{n.entry}` {n.score:.2f}" for n in g.nearest)
        lines.append(f"| {g.count} | {langs} | {examples} | {nearest} |")
    lines += [
        "",
        "## Answers voted 👎",
        "",
        "| 👎 | 👍 | question | entry | comments |",
        "| --- | --- | --- | --- | --- |",
    ]
    for d in r.downvoted:
        comments = "<br>".join(_cell(c) for c in d.comments)
        lines.append(f"| {d.down} | {d.up} | {_cell(d.question)} | `{d.entry}` | {comments} |")
    lines += [
        "",
        "## Entries",
        "",
        "| entry | answers | 👍 | 👎 | follow-ups |",
        "| --- | --- | --- | --- | --- |",
    ]
    for e in r.entries:
        lines.append(f"| `{e.entry}` | {e.answers} | {e.up} | {e.down} | {_pct(e.followup_share)} |")
    lines += ["", "## Days and languages", "", "| day | language | questions | answered | declined |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for day in r.days:
        shares = f"{_pct(day.answered_share)} | {_pct(day.declined_share)}"
        lines.append(f"| {day.day} | {day.lang} | {day.questions} | {shares} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _csv(r: Report) -> str:
    """One table; its first column says which part of the report a row belongs to."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "count", "key", "detail", "a", "b", "c"])
    for g in r.unanswered:
        nearest = "; ".join(f"{n.entry} {n.score:.2f}" for n in g.nearest)
        langs = " ".join(f"{k}:{v}" for k, v in g.languages.items())
        writer.writerow(["unanswered", g.count, g.examples[0], " | ".join(g.examples), langs, nearest, ""])
    for d in r.downvoted:
        writer.writerow(
            ["downvoted", d.down, d.question, " | ".join(d.comments), d.lang, d.entry or "", d.up]
        )
    for e in r.entries:
        writer.writerow(["entry", e.answers, e.entry, "", e.up, e.down, e.followup_share])
    for day in r.days:
        writer.writerow(["day", day.questions, day.day, day.lang, day.answered_share, day.declined_share, ""])
    return out.getvalue()


_COLOURS = {"answer": "#2e7d32", "clarify": "#f9a825", "decline": "#c62828", "chat": "#546e7a"}


def _chart(r: Report) -> str:
    """Questions per day by outcome, as stacked bars in inline SVG."""
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    for d in r.days:
        per_day[d.day].update(d.outcomes)
    if not per_day:
        return "<p>No questions in this period.</p>"
    days = sorted(per_day)
    top = max(sum(c.values()) for c in per_day.values())
    width, height, pad = max(640, 24 * len(days) + 60), 220, 40
    bar = (width - pad - 10) / len(days)
    parts = [
        f'<svg role="img" aria-label="Questions per day by outcome" viewBox="0 0 {width} {height + 40}" '
        f'width="{width}" height="{height + 40}" style="max-width: 100%; height: auto" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">',
        f'<line x1="{pad}" y1="{height}" x2="{width - 10}" y2="{height}" stroke="#333"/>',
        f'<text x="{pad - 6}" y="14" text-anchor="end">{top}</text>',
        f'<text x="{pad - 6}" y="{height}" text-anchor="end">0</text>',
    ]
    for i, day in enumerate(days):
        y = float(height)
        for outcome in OUTCOMES:
            n = per_day[day][outcome]
            if not n:
                continue
            h = (height - 10) * n / top
            y -= h
            x = pad + i * bar + 2
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" '
                f'fill="{_COLOURS[outcome]}">'
                f"<title>{day}: {n} {outcome}</title></rect>"
            )
        if len(days) <= 31 or i % 7 == 0:
            parts.append(
                f'<text x="{pad + i * bar + bar / 2:.1f}" y="{height + 14}" '
                f'text-anchor="middle">{day[5:]}</text>'
            )
    legend_x = pad
    for outcome in OUTCOMES:
        parts.append(
            f'<rect x="{legend_x}" y="{height + 24}" width="10" height="10" fill="{_COLOURS[outcome]}"/>'
        )
        parts.append(f'<text x="{legend_x + 14}" y="{height + 33}">{outcome}</text>')
        legend_x += 80
    parts.append("</svg>")
    return "".join(parts)


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    body = body or "<tr><td colspan=9>none</td></tr>"
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _html(r: Report) -> str:
    """One self-contained page: no script, no network; it prints on paper too."""
    e = html.escape
    unanswered = [
        [
            str(g.count),
            e(", ".join(f"{k} {v}" for k, v in g.languages.items())),
            "<br>".join(e(x) for x in g.examples),
            "<br>".join(f"<code>{e(n.entry)}</code> {n.score:.2f}" for n in g.nearest),
        ]
        for g in r.unanswered
    ]
    downvoted = [
        [
            str(d.down),
            str(d.up),
            e(d.question),
            f"<code>{e(d.entry or '')}</code>",
            "<br>".join(e(c) for c in d.comments),
        ]
        for d in r.downvoted
    ]
    entries = [
        [f"<code>{e(x.entry)}</code>", str(x.answers), str(x.up), str(x.down), _pct(x.followup_share)]
        for x in r.entries
    ]
    days = [[d.day, d.lang, str(d.questions), _pct(d.answered_share), _pct(d.declined_share)] for d in r.days]
    summary = ", ".join(f"{n} {o}" for o, n in r.outcomes.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Question log, {e(r.since)} to {e(r.until)}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }}
table {{ border-collapse: collapse; width: 100%; margin: .5rem 0; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} code {{ font-size: .9em; }}
@media print {{ body {{ margin: 0; max-width: none; }} h2 {{ break-after: avoid; }}
  tr {{ break-inside: avoid; }} }}
</style></head><body>
<h1>Question log, {e(r.since)} to {e(r.until)}</h1>
<p>{r.questions} questions: {e(summary)}; {r.users} users.</p>
<h2>Questions per day</h2>
{_chart(r)}
<h2>Unanswered questions, most frequent first</h2>
{_table(["count", "languages", "examples", "nearest entries"], unanswered)}
<h2>Answers voted 👎</h2>
{_table(["👎", "👍", "question", "entry", "comments"], downvoted)}
<h2>Entries</h2>
{_table(["entry", "answers", "👍", "👎", "follow-ups"], entries)}
<h2>Days and languages</h2>
{_table(["day", "language", "questions", "answered", "declined"], days)}
</body></html>
"""
