"""Bot API faults, end to end over HTTP: every question is answered exactly once.

The real application long-polls ``FakeBotApi`` (``tests/doubles/bot_api.py``) over real HTTP while
the fake injects faults into ``getUpdates`` and ``sendMessage``: 500 and 502 answers, 429 with
``retry_after``, answers slower than the client's timeout, and connections closed without an
answer. Then the faults clear, and the tests count what the users received.

What the counts mean
--------------------

- A user message is **answered** when the fake server *accepted* (HTTP 200) exactly one
  ``sendMessage`` that replies to it. Replies in a private chat do not quote, so a reply is
  attributed by its chat and its text: every user asks questions whose replies are pairwise
  distinct (each question of a user has its own reply text, computed independently with the
  engine), so an accepted message in the user's chat with the text of the reply to their k-th
  question is the reply to that question. The replies must also come in the order of the
  questions.
- A question is **lost** when no accepted sendMessage replies to it, **duplicated** when more than
  one does. Any other accepted message in the users' chats (an apology, say) is **stray**. The
  property: none lost, none duplicated, none stray, and the bot still serving afterwards.
- The fake also records every message it put in a chat (``posted``), whatever the HTTP answer;
  it must be exactly the accepted ones, so no message reached a user unseen by the count.
- Rejected attempts are not deliveries: a 5xx, a 429, a connection closed without an answer, or a
  request the client gave up on (timed out) delivered nothing, by the fake's semantics below.

The semantics of a fault
------------------------

A faulted call is never processed by the fake: no message is sent and no update is confirmed or
handed out. For a **slow** answer this is a choice: real Telegram may deliver a message although
its client timed out. Here the server waits past the client's read timeout and then closes the
connection without processing the request (as if the request never got past a front end that
answers 504). A fault that *delivers and then fails* is deliberately not modelled: with it,
exactly-once would be impossible for any client, since a retry cannot know whether the first
try got through and the Bot API has no idempotency key to make a retry safe (the bot, which
retries after timeouts, could then show an answer twice, rarely; see ``handlers/sending.py``).

For ``getUpdates`` exactly-once processing rests on the offset: an update is handed out again
until a later ``getUpdates`` confirms it, and python-telegram-bot confirms only what it received.
The fake counts how often each update was handed out in a successful answer (``delivered``);
each must be exactly 1.

Run ``pytest -s tests/test_faults.py`` to see the counts each end-to-end test observed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import httpx
import pytest
from telegram import Update

from bot.app import BotApplication, build_application
from bot.settings import Settings
from bot.transport import AiohttpRequest
from handlers import sending
from handlers.commands import command_reply
from handlers.questions import question_reply
from knowledge import Engine
from tests.doubles.bot_api import DROPPED, Call, FakeBotApi, Fault, FaultKind, running
from tests.doubles.objects import text_message, user
from tests.doubles.rules import html_to_plain
from tests.profiles import LONG

# The client's read timeout for every call but getUpdates, and for getUpdates on top of its long
# poll (python-telegram-bot adds the two): short, so that a slow answer costs the test little.
READ_TIMEOUT = 1.0
POLL_TIMEOUT = 1
POLL_READ_TIMEOUT = 1.0
# Slow answers come this long after the client gave up.
SLOW_MARGIN = 0.5
SLOW_SEND = Fault.slow(READ_TIMEOUT + SLOW_MARGIN)
SLOW_POLL = Fault.slow(POLL_READ_TIMEOUT + POLL_TIMEOUT + SLOW_MARGIN)
# The sends' retries keep the production number of tries, with short waits.
FAST_RETRY = replace(sending.RETRY, backoff=0.01, max_backoff=0.05)

SEED = 20140418  # the fact sheet's date: every schedule below is the same on every run
# The ci profile's runs; the quick one's are smaller, with fewer faults of every kind.
USERS = 100 if LONG else 30
QUESTIONS_PER_USER = 5
# The scripted faults of sendMessage and getUpdates: how many of each kind.
SEND_FAULTS = (
    {"500": 6, "502": 6, "429": 3, "slow": 3, "drop": 6}
    if LONG
    else dict.fromkeys(("500", "502", "429", "slow", "drop"), 1)
)
POLL_FAULTS = (
    {"500": 2, "502": 2, "429": 1, "slow": 2, "drop": 2}
    if LONG
    else dict.fromkeys(("500", "502", "429", "slow", "drop"), 1)
)
RANDOM_USERS = 40 if LONG else 20
# Messages are pushed in batches, at about the pace the bot answers (its rate limiter allows
# 30 messages a second), so that the getUpdates faults hit while messages keep arriving.
BATCH = 20
BATCH_PAUSE = 0.5
WAIT = 5.0
MIN_FAULTS = 3  # the random faults last until each method had this many
QUIET = 1.0  # how long to wait for late (duplicate) replies once all are answered
# Extra questions with distinct replies (the topics' example questions are the rest).
EXTRA_QUESTIONS = (
    "When did Prodi visit Kazakhstan?",
    "When did Berlusconi visit Kazakhstan?",
    "When did Monti visit Kazakhstan?",
    "What was the trade turnover in 2012?",
    "What was the trade turnover in 2013?",
    "trade balance in 2012",
    "trade balance in 2013",
    "exports to Italy in 2012",
    "exports to Italy in 2013",
)


@dataclass(frozen=True)
class Question:
    """One user message: its chat, its place among the user's questions, and the reply it wants."""

    chat_id: int
    order: int
    text: str
    expected: str  # the reply's text as the user reads it


@dataclass
class Tally:
    """What the users received: accepted sendMessage calls attributed to their questions."""

    questions: list[Question]
    copies: dict[Question, int]
    stray: list[tuple[int, str]]
    out_of_order: list[int]
    unanswered_posts: int  # messages in the chats whose sendMessage was not accepted

    @property
    def answered(self) -> int:
        return sum(1 for n in self.copies.values() if n == 1)

    @property
    def lost(self) -> list[Question]:
        return [q for q, n in self.copies.items() if n == 0]

    @property
    def duplicated(self) -> list[Question]:
        return [q for q, n in self.copies.items() if n > 1]


def tally(fake: FakeBotApi, questions: Sequence[Question]) -> Tally:
    """Attribute every accepted sendMessage to the question it answers (see the docstring)."""
    received: dict[int, list[str]] = defaultdict(list)
    for call in fake.calls("sendMessage"):
        if call.ok:
            received[call.result["chat"]["id"]].append(call.result["text"])
    asked: dict[int, list[Question]] = defaultdict(list)
    for question in questions:
        asked[question.chat_id].append(question)
    copies = {q: received[q.chat_id].count(q.expected) for q in questions}
    stray: list[tuple[int, str]] = []
    out_of_order: list[int] = []
    for chat_id, own in asked.items():
        wanted = [q.expected for q in sorted(own, key=lambda q: q.order)]
        stray += [(chat_id, text) for text in received[chat_id] if text not in wanted]
        if [text for text in received[chat_id] if text in wanted] != wanted:
            out_of_order.append(chat_id)
    # The server's side must agree: the chats got exactly the accepted messages (a fault that
    # delivered and then failed would show here).
    accepted = [id(call.result) for call in fake.calls("sendMessage") if call.ok]
    unanswered_posts = sum(1 for message in fake.posted if id(message) not in accepted)
    return Tally(list(questions), copies, stray, out_of_order, unanswered_posts)


def question_pool(engine: Engine) -> list[tuple[str, str]]:
    """Questions whose replies are one message without choices, pairwise distinct."""
    candidates = [q for topic in engine.topics for q in topic.examples.get("en")] + list(EXTRA_QUESTIONS)
    pool: list[tuple[str, str]] = []
    seen: set[str] = set()
    for text in candidates:
        reply, answer = question_reply(engine, text)
        if answer.suggestions or len(reply.chunks) != 1:  # one message (a "Source" button is fine)
            continue
        expected = html_to_plain(reply.chunks[0])
        if expected not in seen:
            seen.add(expected)
            pool.append((text, expected))
    assert len(pool) >= 3 * QUESTIONS_PER_USER, "too few questions with distinct replies"
    return pool


def ask_plan(engine: Engine, users: int, per_user: int, rng: random.Random, first_id: int) -> list[Question]:
    """``per_user`` distinct questions for each of ``users`` users, in the order they are sent.

    The k-th question of every user is sent before the (k+1)-th of any.
    """
    pool = question_pool(engine)
    chosen = [rng.sample(pool, per_user) for _ in range(users)]
    return [
        Question(first_id + u, k, *chosen[u][k])  # chat id = user id (private chats)
        for k in range(per_user)
        for u in range(users)
    ]


def script(
    faults: list[Fault], rng: random.Random, *, max_run: int, gap: tuple[int, int]
) -> list[Fault | None]:
    """The faults in a shuffled order, in runs of 1 to ``max_run``, between ``gap`` normal calls."""
    faults = list(faults)
    rng.shuffle(faults)
    out: list[Fault | None] = []
    while faults:
        out += [None] * rng.randint(*gap)
        run = rng.randint(1, max_run)
        out += faults[:run]
        del faults[:run]
    return out


def faults_of(counts: dict[str, int], slow: Fault) -> list[Fault]:
    """``counts[label]`` faults of each kind, labelled as ``Fault.label`` labels them."""
    kinds = {
        "500": Fault.error(500),
        "502": Fault.error(502),
        "429": Fault.flood(1),
        "slow": slow,
        "drop": Fault.drop(),
    }
    return [kinds[label] for label, n in counts.items() for _ in range(n)]


def describe(counts: Counter[str]) -> str:
    order = ["500", "502", "504", "429", "slow", "drop"]
    labels = sorted(counts, key=lambda label: (order.index(label) if label in order else 99, label))
    return " ".join(f"{label}×{counts[label]}" for label in labels) or "none"


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The production number of tries per message, with waits of milliseconds."""
    monkeypatch.setattr(sending, "RETRY", FAST_RETRY)


@contextlib.asynccontextmanager
async def bot_on(fake: FakeBotApi, engine: Engine, settings: Settings) -> AsyncIterator[BotApplication]:
    """The real application with short client timeouts, long polling ``fake``; always stopped."""
    timeouts: dict[str, Any] = {
        "connect_timeout": READ_TIMEOUT,
        "write_timeout": READ_TIMEOUT,
        "pool_timeout": READ_TIMEOUT,
    }
    app = build_application(
        settings,
        engine,
        request=AiohttpRequest(8, read_timeout=READ_TIMEOUT, **timeouts),
        get_updates_request=AiohttpRequest(1, read_timeout=POLL_READ_TIMEOUT, **timeouts),
    )
    updater = app.updater
    assert updater is not None

    async def start_polling() -> None:
        await updater.start_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)

    async with running(app, start_polling):
        await fake.wait_until(lambda: bool(fake.calls("getUpdates")), WAIT, "the first getUpdates")
        yield app


async def wait_quietly(fake: FakeBotApi, condition: Callable[[], bool], timeout: float) -> None:
    """Wait for ``condition`` at most ``timeout`` seconds; the assertions after say what is missing."""
    with contextlib.suppress(AssertionError):
        await fake.wait_until(condition, timeout)


async def push_all(fake: FakeBotApi, questions: Sequence[Question]) -> list[int]:
    """Push the questions in batches, pausing between them; their update ids, in order."""
    update_ids: list[int] = []
    for start in range(0, len(questions), BATCH):
        for question in questions[start : start + BATCH]:
            sender = user(question.chat_id, f"U{question.chat_id}")
            update = fake.push_update({"message": text_message(question.text, user=sender)})
            update_ids.append(update["update_id"])
        await asyncio.sleep(BATCH_PAUSE)
    return update_ids


@dataclass
class Report:
    """The counts of one run, printed by the test (``pytest -s``)."""

    title: str
    fake: FakeBotApi
    tally: Tally
    update_ids: list[int]
    seconds: float

    def lines(self) -> list[str]:
        fake, t = self.fake, self.tally
        sends = fake.calls("sendMessage")
        polls = fake.calls("getUpdates")
        rejected = Counter(_outcome(c) for c in sends if not c.ok)
        delivered = Counter(fake.delivered.get(u, 0) for u in self.update_ids)
        return [
            f"{self.title}: {len(t.questions)} messages from {len({q.chat_id for q in t.questions})} users"
            f" in {self.seconds:.1f} s",
            f"  faults injected, getUpdates:  {describe(fake.fault_counts('getUpdates'))}",
            f"  faults injected, sendMessage: {describe(fake.fault_counts('sendMessage'))}",
            f"  getUpdates calls: {len(polls)}, of which faulted {sum(1 for c in polls if c.fault)};"
            f" updates handed out once: {delivered[1]}, never: {delivered[0]},"
            f" more than once: {sum(n for k, n in delivered.items() if k > 1)}",
            f"  sendMessage calls: {len(sends)}: accepted {sum(1 for c in sends if c.ok)},"
            f" rejected {sum(rejected.values())} ({describe(rejected)})",
            f"  answered exactly once: {t.answered}, lost: {len(t.lost)}, duplicated: {len(t.duplicated)},"
            f" stray: {len(t.stray)}, chats out of order: {len(t.out_of_order)},"
            f" posted without a 200: {t.unanswered_posts}",
        ]

    def show(self) -> None:
        print("\n" + "\n".join(self.lines()))


def _outcome(call: Call) -> str:
    """How a rejected call ended, as the client saw it: the status, or how it was dropped."""
    if call.fault is not None and call.fault.kind is FaultKind.SLOW:
        return "slow"
    return "drop" if call.status == DROPPED else str(call.status)


def check(report: Report, caplog: pytest.LogCaptureFixture) -> None:
    """The property: every message answered exactly once, in order, each update handed out once."""
    t, fake = report.tally, report.fake
    unanswered_posts = t.unanswered_posts
    assert unanswered_posts == 0, "messages reached chats without a 200 answer to their sendMessage"
    assert not t.lost, f"{len(t.lost)} lost, e.g. {t.lost[:3]}"
    assert not t.duplicated, f"{len(t.duplicated)} answered twice, e.g. {t.duplicated[:3]}"
    assert not t.stray, f"{len(t.stray)} other messages, e.g. {t.stray[:3]}"
    assert not t.out_of_order, f"replies out of order in chats {t.out_of_order[:5]}"
    assert t.answered == len(t.questions)
    assert [fake.delivered.get(u, 0) for u in report.update_ids] == [1] * len(report.update_ids)
    offsets = [c.params.get("offset") or 0 for c in fake.calls("getUpdates")]
    assert offsets == sorted(offsets), "the getUpdates offset went back"
    # The error handler never ran: no answer was given up on (and so no apology was sent).
    assert [r.getMessage() for r in caplog.records if r.name == "handlers.errors"] == []


async def probe(fake: FakeBotApi, engine: Engine, user_id: int) -> None:
    """A new user, after the faults: answered at once, so the bot is still serving."""
    question = "When did Prodi visit Kazakhstan?"
    fake.push_message(question, user=user(user_id, "Late"))
    (reply,) = await fake.wait_for(
        "sendMessage", timeout=WAIT, where=lambda c: c.ok and c.params.get("chat_id") == user_id
    )
    assert reply.result["text"] == html_to_plain(question_reply(engine, question)[0].chunks[0])


# -- end to end ---------------------------------------------------------------------------


async def test_every_message_is_answered_exactly_once_through_scripted_faults(
    fake: FakeBotApi,
    engine: Engine,
    fake_settings: Callable[..., Settings],
    fast_retries: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """500 messages (100 users × 5 distinct questions; 150 in the quick profile) while a seeded
    script of faults of every kind hits getUpdates and sendMessage; then the scripts run out and
    the faults are cleared."""
    rng = random.Random(SEED)
    questions = ask_plan(engine, USERS, QUESTIONS_PER_USER, rng, first_id=10_001)
    assert len(questions) == USERS * QUESTIONS_PER_USER
    # sendMessage: runs of at most (tries - 1) faults, so each message gets through on its
    # last try at worst; spread over about the first half of the sends.
    send_faults = faults_of(SEND_FAULTS, SLOW_SEND)
    send_script = script(send_faults, rng, max_run=sending.RETRY.attempts - 1, gap=(10, 30))
    # getUpdates: single faults (python-telegram-bot waits longer after each failure in a row).
    poll_faults = faults_of(POLL_FAULTS, SLOW_POLL)
    poll_script = script(poll_faults, rng, max_run=1, gap=(1, 3))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        async with bot_on(fake, engine, fake_settings()) as app:
            fake.inject("sendMessage", send_script)
            fake.inject("getUpdates", poll_script)
            update_ids = await push_all(fake, questions)
            # Every scripted fault happened; then the faults clear (nothing is left to clear
            # once a script has run out, but say it).
            await fake.wait_until(lambda: fake.faults_pending() == 0, 30, "the fault scripts to run out")
            fake.clear_faults()
            await wait_quietly(fake, lambda: tally(fake, questions).answered >= len(questions), 40)
            await asyncio.sleep(QUIET)  # time for late copies, which the tally would count
            result = tally(fake, questions)
            report = Report("Scripted faults", fake, result, update_ids, time.monotonic() - started)
            report.show()
            await probe(fake, engine, 99_001)
            assert app.running and app.updater is not None and app.updater.running
    for method, faults in (("sendMessage", send_faults), ("getUpdates", poll_faults)):
        assert fake.fault_counts(method) == Counter(f.label for f in faults), method
    assert (
        set(fake.fault_counts("sendMessage"))
        == set(fake.fault_counts("getUpdates"))
        == {
            "500",
            "502",
            "429",
            "slow",
            "drop",
        }
    )
    check(report, caplog)


async def test_every_message_is_answered_exactly_once_through_random_faults(
    fake: FakeBotApi,
    engine: Engine,
    fake_settings: Callable[..., Settings],
    fast_retries: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The same property with faults drawn by a seeded RNG: each sendMessage faulted with
    probability 0.15 (at most tries - 1 in a row), each getUpdates with 0.4 (never two in a
    row), from every kind; cleared once all messages are pushed and each method saw 3 faults."""
    rng = random.Random(SEED + 1)
    questions = ask_plan(engine, RANDOM_USERS, 3, rng, first_id=20_001)

    def fault_total(method: str) -> int:
        return fake.fault_counts(method).total()

    kinds = [Fault.error(500), Fault.error(502), Fault.drop(), Fault.flood(1)]
    fake.inject_randomly(
        "sendMessage", [*kinds, SLOW_SEND], 0.15, seed=SEED, max_run=sending.RETRY.attempts - 1
    )
    fake.inject_randomly("getUpdates", [*kinds, SLOW_POLL], 0.4, seed=SEED, max_run=1)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        async with bot_on(fake, engine, fake_settings()) as app:
            update_ids = await push_all(fake, questions)
            await fake.wait_until(
                lambda: min(fault_total("sendMessage"), fault_total("getUpdates")) >= MIN_FAULTS,
                20,
                f"{MIN_FAULTS} faults of each method",
            )
            fake.clear_faults()
            await wait_quietly(fake, lambda: tally(fake, questions).answered >= len(questions), 30)
            await asyncio.sleep(QUIET)
            result = tally(fake, questions)
            report = Report("Random faults", fake, result, update_ids, time.monotonic() - started)
            report.show()
            await probe(fake, engine, 99_002)
            assert app.running and app.updater is not None and app.updater.running
    assert fault_total("sendMessage") >= MIN_FAULTS and fault_total("getUpdates") >= MIN_FAULTS
    check(report, caplog)


async def test_a_reply_cut_short_gets_no_apology_on_top(
    fake: FakeBotApi,
    engine: Engine,
    fake_settings: Callable[..., Settings],
    fast_retries: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The first message of a two-message reply arrives, the second fails every try: the user
    has part of the answer, so the error handler logs but sends no apology (a second reply)."""
    reply = command_reply(engine, "culture", "")
    assert len(reply.chunks) == 2, "choose another command whose reply takes two messages"
    tries = sending.RETRY.attempts
    with caplog.at_level(logging.WARNING):
        async with bot_on(fake, engine, fake_settings()):
            fake.inject("sendMessage", [None] + [Fault.error(502)] * tries)
            fake.push_message("/culture", user=user(30_001))
            await fake.wait_for("sendMessage", count=1 + tries, timeout=WAIT)
            await fake.assert_no_call("sendMessage", within=QUIET)
    assert [c.status for c in fake.calls("sendMessage")] == [200] + [502] * tries
    assert fake.sent_messages()[0]["text"] == html_to_plain(reply.chunks[0])
    [logged] = [r for r in caplog.records if r.name == "handlers.errors"]
    assert isinstance(logged.exc_info and logged.exc_info[1], sending.ReplyIncomplete)


async def test_a_bad_request_is_not_retried_and_gets_the_apology(
    fake: FakeBotApi,
    engine: Engine,
    fake_settings: Callable[..., Settings],
    fast_retries: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A 400 will fail again: no retry; the answer is lost, so the user gets the apology."""
    with caplog.at_level(logging.WARNING):
        async with bot_on(fake, engine, fake_settings()):
            fake.inject("sendMessage", [Fault.error(400, "Bad Request: something odd")])
            fake.push_message("When did Prodi visit Kazakhstan?", user=user(30_002))
            await fake.wait_for("sendMessage", count=2, timeout=WAIT)
            await fake.assert_no_call("sendMessage", within=QUIET)
    assert [c.status for c in fake.calls("sendMessage")] == [400, 200]
    assert fake.sent_messages()[0]["text"] == engine.texts.get("error_apology", "en")


# -- the fake's faults, over plain HTTP ---------------------------------------------------

ANN = user(1001)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(2.0, read=0.5)) as http:
        yield http


async def send(client: httpx.AsyncClient, fake: FakeBotApi, text: str) -> httpx.Response:
    return await client.post(fake.method_url("sendMessage"), json={"chat_id": ANN["id"], "text": text})


async def test_status_faults_answer_telegrams_error_json(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.push_message("hi", user=ANN)
    fake.inject("sendMessage", [Fault.error(500), Fault.error(502), Fault.flood(2), Fault.error(429)])
    answers = [(await send(client, fake, str(n))).json() for n in range(5)]
    assert [a.get("error_code") for a in answers] == [500, 502, 429, 429, None]
    assert answers[1]["description"] == "Bad Gateway"
    assert answers[2]["parameters"] == {"retry_after": 2}
    assert answers[2]["description"] == "Too Many Requests: retry after 2"
    assert answers[3]["parameters"] == {"retry_after": 1}
    assert [m["text"] for m in fake.sent_messages()] == ["4"]  # a faulted call sends nothing
    assert fake.fault_counts() == Counter({"500": 1, "502": 1, "429": 2})


async def test_a_dropped_call_gets_no_answer_and_is_not_processed(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    fake.push_message("hi", user=ANN)
    fake.inject("sendMessage", [Fault.drop()])
    with pytest.raises(httpx.RemoteProtocolError):
        await send(client, fake, "lost")
    assert (await send(client, fake, "kept")).status_code == 200
    assert [m["text"] for m in fake.sent_messages()] == ["kept"]
    assert [(c.status, c.fault) for c in fake.calls("sendMessage")] == [(DROPPED, Fault.drop()), (200, None)]


async def test_a_slow_call_outlasts_the_client_and_is_not_processed(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    fake.push_message("hi", user=ANN)
    fake.inject("sendMessage", [Fault.slow(0.8), Fault.slow(0.2, then=504)])
    with pytest.raises(httpx.ReadTimeout):  # the client waits 0.5 s
        await send(client, fake, "timed out")
    late = await send(client, fake, "answered late")  # within the client's patience: a 504
    assert late.status_code == 504 and late.json()["description"] == "Gateway Timeout"
    await fake.wait_until(lambda: all(c.status for c in fake.calls("sendMessage")), 2.0)
    assert fake.sent_messages() == []
    assert [c.fault.kind for c in fake.calls("sendMessage") if c.fault] == [FaultKind.SLOW] * 2


async def test_get_updates_faults_hand_out_nothing_and_confirm_nothing(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    first = fake.push_update({"message": text_message("one", user=ANN)})["update_id"]
    fake.inject("getUpdates", [Fault.drop(), Fault.error(502), Fault.slow(0.8)])
    url = fake.method_url("getUpdates")
    with pytest.raises(httpx.RemoteProtocolError):
        await client.post(url, json={"offset": first + 1})  # would confirm the update
    assert (await client.post(url, json={"offset": first + 1})).status_code == 502
    with pytest.raises(httpx.ReadTimeout):
        await client.post(url, json={"offset": first + 1})
    assert fake.delivered == {}
    # The faulted calls confirmed nothing: the update is still there.
    assert [u["update_id"] for u in (await client.post(url, json={})).json()["result"]] == [first]
    assert fake.delivered == {first: 1}


async def test_a_script_runs_in_order_then_calls_are_served(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    fake.push_message("hi", user=ANN)
    fake.inject("SENDMESSAGE", [None, Fault.error(500), None])
    fake.inject("sendMessage", [Fault.error(502)])  # appended
    assert fake.faults_pending("sendMessage") == 4
    statuses = [(await send(client, fake, str(n))).status_code for n in range(6)]
    assert statuses == [200, 500, 200, 502, 200, 200]
    assert fake.faults_pending() == 0
    assert (await client.post(fake.method_url("getMe"))).status_code == 200  # other methods unaffected


async def test_random_faults_follow_the_seed_and_the_run_limit(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    fake.push_message("hi", user=ANN)
    kinds = [Fault.error(500), Fault.error(502), Fault.flood(1)]

    async def run(seed: int) -> list[int]:
        fake.inject_randomly("sendMessage", kinds, 0.6, seed=seed, max_run=2)
        statuses = [(await send(client, fake, "x")).status_code for _ in range(60)]
        fake.clear_faults("sendMessage")
        return statuses

    first, again, other = await run(7), await run(7), await run(8)
    assert first == again and first != other
    assert {500, 502, 429} <= set(first) and 200 in first
    failed_runs = "".join("x" if s != 200 else "." for s in first).split(".")
    assert max(len(r) for r in failed_runs) <= 2  # never three faults in a row
    assert 0.3 < first.count(200) / len(first) < 0.75
    assert (await send(client, fake, "after")).status_code == 200  # cleared


async def test_the_run_limit_holds_for_each_chat_whatever_comes_between(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    # A message's retries are its chat's calls: other chats' calls between them must not reset
    # the run, or a message could fail on every try (a message was lost under load so).
    bob = user(1002)
    fake.push_message("hi", user=ANN)
    fake.push_message("hi", user=bob)
    fake.inject_randomly("sendMessage", [Fault.error(500)], 0.9, seed=3, max_run=2)
    statuses: dict[int, list[int]] = {ANN["id"]: [], bob["id"]: []}
    for n in range(60):
        chat = (ANN, bob)[n % 2]["id"]
        response = await client.post(fake.method_url("sendMessage"), json={"chat_id": chat, "text": "x"})
        statuses[chat].append(response.status_code)
    for sent in statuses.values():
        failed_runs = "".join("x" if s != 200 else "." for s in sent).split(".")
        assert max(len(r) for r in failed_runs) == 2  # never three for one chat, and the limit is reached


def test_faults_are_described_and_checked() -> None:
    assert [f.label for f in (Fault.error(502), Fault.flood(3), Fault.slow(1), Fault.drop())] == [
        "502",
        "429",
        "slow",
        "drop",
    ]
    assert Fault.error(429) == Fault.flood(1)
    with pytest.raises(ValueError):
        Fault.error(200)
    with pytest.raises(ValueError):
        Fault.flood(0)
    with pytest.raises(ValueError):
        Fault.slow(0)
    with pytest.raises(ValueError):
        FakeBotApi().inject_randomly("getMe", [], 0.5, seed=1)
