"""End to end: messages per second through the real bot, beside a bare echo bot.

The fake Bot API server of the tests (``tests/doubles/bot_api.py``) serves on 127.0.0.1 in this
process; each bot runs in a process of its own (``python -m benchmarks.bench_e2e --serve
KIND``), long polling it, as the bot runs in production:

* ``real``: the real application, started by ``bot.app.run`` (logging, ``Engine.load``,
  ``build_application``, ``run_polling``), its flood guard set high (``FLOOD_LIMIT``);
* ``unlogged``: the same real application with the question log off (``LOG_QUESTIONS=false``);
  ``real`` records every question in SQLite in its own temporary ``DATA_DIR``, and the
  records it wrote are counted after it stops;
* ``echo``: a bare python-telegram-bot ``Application`` with one ``MessageHandler`` that replies
  with the same text; the throughput target is the real bot's rate over this one's;
* ``echo-aiohttp``: the same echo bot on the real bot's transport (``bot/transport.py``, aiohttp
  and JSON bodies, where ``echo`` has python-telegram-bot's httpx), limits off only: it shows
  how much of the real bot's rate it owes to the transport.

Both get the same rate limiter: the real application's own ``AIORateLimiter`` arguments,
captured as ``build_application`` creates it. Two settings are measured, each for both bots:

* ``off``: those arguments with the rate limits turned off (``overall_max_rate=0``,
  ``group_max_rate=0``; retries as the app has them), so the bots' own work sets the pace;
  the throughput target is judged here;
* ``deployed``: those arguments as they are (Telegram's 30 messages a second overall), so
  both bots should reach that cap; it shows the real bot keeps up with it.

A run pushes a warm-up of messages, then N messages from N distinct users (private chats,
so no per-chat limit and no flood guard applies), all at once, and times from the push
until every reply is recorded by the fake server (every chunk of the real bot's replies, as
``handlers.questions.question_reply`` splits them). The questions are the development
questions (``../shared/eval/questions.yaml``), in turn.

Run it alone with ``python -m benchmarks.bench_e2e [--messages N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import inspect
import itertools
import json
import os
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters

from benchmarks.bench_scale import peak_rss_mib
from bot.settings import Settings
from tests.doubles.bot_api import Call, FakeBotApi
from tests.doubles.objects import TOKEN, user

REPO_ROOT = Path(__file__).resolve().parents[1]

Kind = Literal["real", "unlogged", "echo", "echo-aiohttp"]
LimiterMode = Literal["off", "deployed"]
KINDS: tuple[Kind, ...] = ("echo", "real")
LOGGED_KINDS: tuple[Kind, ...] = ("echo", "real", "unlogged", "echo-aiohttp")  # with the limits off
DEFAULT_MESSAGES = 2_000
DEFAULT_DEPLOYED_MESSAGES = 300
DEFAULT_ROUNDS = 3  # with the limits off, the bots' order rotating
WARMUP_MESSAGES = 20
FLOOD_LIMIT = 1_000_000_000  # updates per window: the flood guard never stops a benchmark
START_SECONDS = 60.0
POLL_SECONDS = 0.002  # how often the recorded replies are counted
STOP_SECONDS = 20.0
LIMITER_MARK = "benchmark-limiter: "
WARMUP_USERS = 1_000_000
TIMED_USERS = 2_000_000


# -- the bots (child processes) ------------------------------------------------------------


def _limiter_class(mode: LimiterMode, captured: list[dict[str, Any]]) -> type[AIORateLimiter]:
    """An ``AIORateLimiter`` that records its arguments and, for ``off``, turns the rates off."""

    class BenchmarkLimiter(AIORateLimiter):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            arguments = dict(inspect.signature(AIORateLimiter).bind(*args, **kwargs).arguments)
            captured.append(dict(arguments))
            if mode == "off":
                arguments.update(overall_max_rate=0, group_max_rate=0)
            print(LIMITER_MARK + json.dumps(arguments, sort_keys=True), file=sys.stderr, flush=True)
            super().__init__(**arguments)

    return BenchmarkLimiter


def serve(kind: Kind, mode: LimiterMode, base_url: str) -> int:
    """Run one bot against the fake server at ``base_url`` until SIGINT or SIGTERM."""
    import bot.app

    captured: list[dict[str, Any]] = []
    limiter = _limiter_class(mode, captured)
    # The real application's limiter is made by build_application; this puts the recording one
    # in its place, so the echo bot can be given the same arguments.
    if not isinstance(getattr(bot.app, "AIORateLimiter", None), type):
        print(
            "bot.app no longer makes its limiter with AIORateLimiter: update this benchmark", file=sys.stderr
        )
        return 1
    bot.app.AIORateLimiter = limiter  # type: ignore[attr-defined]
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_base_url=base_url,
        flood_limit=FLOOD_LIMIT,
        data_dir=Path(os.environ["BENCH_DATA_DIR"]),
        log_questions=kind == "real",
    )
    if kind in ("real", "unlogged"):
        return bot.app.run(settings)

    from knowledge import Engine

    bot.app.build_application(settings, Engine.load())  # built, never run: only its limiter is used
    if not captured:
        print("build_application made no AIORateLimiter: nothing to match", file=sys.stderr)
        return 1
    captured_arguments = captured[-1]
    builder = ApplicationBuilder().token(TOKEN).base_url(base_url).rate_limiter(limiter(**captured_arguments))
    if kind == "echo-aiohttp":
        from bot.transport import UPDATES_POOL_SIZE, AiohttpRequest

        builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(UPDATES_POOL_SIZE))
    echo = builder.build()

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text:
            await message.reply_text(message.text)

    echo.add_handler(MessageHandler(filters.TEXT, reply))
    echo.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


# -- the measurement (this process) ----------------------------------------------------------


@dataclass
class E2ERun:
    """One bot's run; ``missing`` says why there is no figure, if there is none."""

    kind: Kind
    mode: LimiterMode
    messages: int
    seconds: float | None = None
    replies: int = 0
    failed: int = 0
    limiter: str = ""
    peak_rss_mib: float | None = None
    bot_cpu_s: float | None = None  # the bot process's CPU time while timed
    server_cpu_s: float | None = None  # this process's (the fake server's) CPU time while timed
    rounds: int = 1
    errors_logged: int = 0  # lines the bot logged at ERROR or above
    recorded: int | None = None  # questions in the bot's question log after it stopped
    missing: str | None = None

    @property
    def rate(self) -> float | None:
        """Messages per second."""
        return self.messages / self.seconds if self.seconds else None

    def busy(self, cpu_s: float | None) -> float | None:
        """A CPU time as a share of the timed wall time."""
        return cpu_s / self.seconds if cpu_s is not None and self.seconds else None


def combine(runs: Sequence[E2ERun]) -> E2ERun:
    """Rounds of one bot as one run: all their messages over all their time."""
    first = runs[0]
    missing = next((r.missing for r in runs if r.missing), None)
    if missing is not None:
        return next(r for r in runs if r.missing)

    def total(values: list[float | None]) -> float | None:
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    return E2ERun(
        first.kind,
        first.mode,
        sum(r.messages for r in runs),
        total([r.seconds for r in runs]),
        sum(r.replies for r in runs),
        sum(r.failed for r in runs),
        first.limiter if all(r.limiter == first.limiter for r in runs) else "differs between rounds",
        max((r.peak_rss_mib for r in runs if r.peak_rss_mib is not None), default=None),
        total([r.bot_cpu_s for r in runs]),
        total([r.server_cpu_s for r in runs]),
        len(runs),
        sum(r.errors_logged for r in runs),
        None if any(r.recorded is None for r in runs) else sum(r.recorded or 0 for r in runs),
    )


class _Replies:
    """Counts the replies the fake server has answered, per chat, incrementally."""

    def __init__(self, fake: FakeBotApi, expected: dict[int, int]) -> None:
        self.fake = fake
        self.expected = expected
        self.per_chat: Counter[int] = Counter()
        self.done_chats = 0
        self.replies = 0
        self.failed = 0
        self._seen = 0
        self._pending: list[Call] = []

    def count(self) -> bool:
        """Take in the calls answered since the last count; whether every chat has its replies."""
        calls = self.fake.calls()
        self._pending += [c for c in calls[self._seen :] if c.method == "sendMessage"]
        self._seen = len(calls)
        waiting = []
        for call in self._pending:
            if not call.status:
                waiting.append(call)
                continue
            chat = call.params.get("chat_id")
            if not isinstance(chat, int) or chat not in self.expected:
                continue
            self.replies += 1
            self.failed += not call.ok
            self.per_chat[chat] += 1
            if self.per_chat[chat] == self.expected[chat]:
                self.done_chats += 1
        self._pending = waiting
        return self.done_chats == len(self.expected)

    async def wait(self, timeout: float) -> bool:
        """Wait until every chat has its replies; False when ``timeout`` seconds pass first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.count():
            if loop.time() > deadline:
                return False
            await asyncio.sleep(POLL_SECONDS)
        return True


def _push(fake: FakeBotApi, texts: Sequence[str], first_user: int) -> dict[int, str]:
    """Push one message per text, each from a new user; the text of each chat."""
    sent = {}
    for offset, text in enumerate(texts):
        sender = user(first_user + offset, "Bench")
        fake.push_message(text, user=sender)
        sent[sender["id"]] = text
    return sent


def _cpu_seconds(pid: int) -> float | None:
    """A process's CPU time so far (user and system), in seconds; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tail(path: Path, lines: int = 8) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _errors_logged(path: Path) -> int:
    with contextlib.suppress(OSError):
        text = path.read_text(errors="replace")
        return sum(" ERROR " in line or " CRITICAL " in line for line in text.splitlines())
    return 0


def _limiter_line(path: Path) -> str:
    with contextlib.suppress(OSError):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith(LIMITER_MARK):
                return line.removeprefix(LIMITER_MARK)
    return ""


async def run_bot(
    kind: Kind, mode: LimiterMode, texts: Sequence[str], replies_per_text: dict[str, int]
) -> E2ERun:
    """Start one bot on a fresh fake server, warm it up, time ``texts``, stop it."""
    result = E2ERun(kind, mode, len(texts))
    settings = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k not in settings}
    async with FakeBotApi() as fake:
        with tempfile.TemporaryDirectory(prefix="bench-e2e-") as folder:
            env["BENCH_DATA_DIR"] = str(Path(folder) / "data")
            log = Path(folder) / "bot.log"
            with log.open("w") as out:
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "benchmarks.bench_e2e",
                    "--serve",
                    kind,
                    "--limiter",
                    mode,
                    "--base-url",
                    fake.base_url,
                    cwd=REPO_ROOT,
                    env=env,
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=out,
                    stderr=out,
                )
            try:
                await _measure(fake, process, result, texts, replies_per_text, log)
            finally:
                result.peak_rss_mib = result.peak_rss_mib or peak_rss_mib(process.pid)
                if process.returncode is None:
                    process.send_signal(signal.SIGINT)  # run_polling stops gracefully on it
                    try:
                        await asyncio.wait_for(process.wait(), STOP_SECONDS)
                    except TimeoutError:
                        process.kill()
                        await process.wait()
                result.limiter = _limiter_line(log)
                result.errors_logged = _errors_logged(log)
                if kind == "real":
                    result.recorded = _recorded(Path(folder) / "data" / "questions.db")
    return result


def _recorded(path: Path) -> int | None:
    """How many questions the log at ``path`` holds (None without one)."""
    if not path.exists():
        return None
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT count(*) FROM questions").fetchone()[0])


async def _measure(
    fake: FakeBotApi,
    process: asyncio.subprocess.Process,
    result: E2ERun,
    texts: Sequence[str],
    replies_per_text: dict[str, int],
    log: Path,
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_SECONDS
    while not fake.calls("getUpdates"):
        if process.returncode is not None or loop.time() > deadline:
            result.missing = f"the {result.kind} bot did not start polling: {_tail(log)}"
            return
        await asyncio.sleep(0.05)

    def expected(sent: dict[int, str]) -> dict[int, int]:
        if result.kind == "echo":
            return dict.fromkeys(sent, 1)
        return {chat: replies_per_text[text] for chat, text in sent.items()}

    warmup = [texts[i % len(texts)] for i in range(WARMUP_MESSAGES)]
    if not await _Replies(fake, expected(_push(fake, warmup, WARMUP_USERS))).wait(START_SECONDS):
        result.missing = f"the {result.kind} bot did not answer the warm-up: {_tail(log)}"
        return
    bot_cpu, server_cpu = _cpu_seconds(process.pid), time.process_time()
    began = loop.time()
    replies = _Replies(fake, expected(_push(fake, texts, TIMED_USERS)))
    timeout = 60 + len(texts) / 10
    finished = await replies.wait(timeout)
    result.replies, result.failed = replies.replies, replies.failed
    if not finished:
        result.missing = (
            f"only {replies.done_chats:,} of {len(texts):,} messages answered within {timeout:.0f} s"
        )
        return
    result.seconds = loop.time() - began
    result.server_cpu_s = time.process_time() - server_cpu
    bot_cpu_after = _cpu_seconds(process.pid)
    if bot_cpu is not None and bot_cpu_after is not None:
        result.bot_cpu_s = bot_cpu_after - bot_cpu
    result.peak_rss_mib = peak_rss_mib(process.pid)


def questions() -> list[str]:
    """The development questions, or the topics' examples when the file is missing."""
    from benchmarks.bench_scale import development_questions
    from knowledge import Engine

    return development_questions() or [q for t in Engine.load().topics for q in t.examples.get("en")]


@dataclass(frozen=True)
class Workload:
    """The texts sent, how many messages the real bot answers each with, and its pure work."""

    texts: list[str]
    replies: dict[str, int]
    # The mean time of handlers.questions.question_reply (engine.ask and the HTML
    # rendering) over the texts, warm, in this process: the real bot's extra work per
    # message that involves no Telegram.
    answer_ms: float


def workload(count: int) -> Workload:
    """``count`` development questions in turn, with the real bot's replies counted."""
    from handlers.questions import question_reply
    from knowledge import Engine

    engine = Engine.load()
    texts = list(itertools.islice(itertools.cycle(questions()), count))
    replies = {text: len(question_reply(engine, text)[0].chunks) for text in set(texts)}
    start = time.perf_counter()
    for text in texts:
        question_reply(engine, text)
    return Workload(texts, replies, (time.perf_counter() - start) / len(texts) * 1000)


@dataclass(frozen=True)
class E2EPair:
    """The echo bot and the real bot, with the same limiter setting."""

    mode: LimiterMode
    echo: E2ERun
    real: E2ERun
    answer_ms: float
    unlogged: E2ERun | None = None  # the real bot with the question log off
    echo_aiohttp: E2ERun | None = None  # the echo bot on the real bot's transport
    # real / echo of each round alone: how far the machine's drift moves the ratio
    round_ratios: tuple[float, ...] = ()

    @property
    def log_ratio(self) -> float | None:
        """The real bot's throughput with the log on over its throughput with it off."""
        if self.unlogged is None or self.real.rate is None or self.unlogged.rate is None:
            return None
        return self.real.rate / self.unlogged.rate

    @property
    def ratio(self) -> float | None:
        """The real bot's throughput over the echo bot's."""
        if self.real.rate is None or self.echo.rate is None:
            return None
        return self.real.rate / self.echo.rate

    @property
    def runs(self) -> list[E2ERun]:
        """Every bot's run, the echo bot's first."""
        extra = [run for run in (self.unlogged, self.echo_aiohttp) if run is not None]
        return [self.echo, self.real, *extra]

    @property
    def transport_ratio(self) -> float | None:
        """The real bot's throughput over the echo bot's on the same transport."""
        if self.echo_aiohttp is None or self.real.rate is None or self.echo_aiohttp.rate is None:
            return None
        return self.real.rate / self.echo_aiohttp.rate

    @property
    def same_limiter(self) -> bool:
        """Whether both bots reported the same limiter arguments."""
        return bool(self.echo.limiter) and self.echo.limiter == self.real.limiter


async def measure_async(
    messages: int = DEFAULT_MESSAGES,
    deployed_messages: int = DEFAULT_DEPLOYED_MESSAGES,
    rounds: int = DEFAULT_ROUNDS,
) -> list[E2EPair]:
    """Both bots with the limits off (``messages``), then as deployed (``deployed_messages``).

    With the limits off, ``rounds`` rounds of the echo bot, the real bot, the real bot
    without its question log and the echo bot on the real bot's transport, their order
    rotating each round so that a drift of the machine weighs on all alike.
    """
    pairs = []
    settings: list[tuple[LimiterMode, int, int]] = [
        ("off", messages, rounds),
        ("deployed", deployed_messages, 1),
    ]
    for mode, count, times in settings:
        if count <= 0:
            continue
        work = workload(count)
        kinds = LOGGED_KINDS if mode == "off" else KINDS
        runs: dict[Kind, list[E2ERun]] = {kind: [] for kind in kinds}
        for round_ in range(times):
            turn = round_ % len(kinds)
            for kind in kinds[turn:] + kinds[:turn]:
                runs[kind].append(await run_bot(kind, mode, work.texts, work.replies))
        unlogged = combine(runs["unlogged"]) if "unlogged" in runs else None
        same_transport = combine(runs["echo-aiohttp"]) if "echo-aiohttp" in runs else None
        echo, real = combine(runs["echo"]), combine(runs["real"])
        ratios = tuple(
            r.rate / e.rate for e, r in zip(runs["echo"], runs["real"], strict=True) if r.rate and e.rate
        )
        pairs.append(E2EPair(mode, echo, real, work.answer_ms, unlogged, same_transport, ratios))
    return pairs


def measure(
    messages: int = DEFAULT_MESSAGES,
    deployed_messages: int = DEFAULT_DEPLOYED_MESSAGES,
    rounds: int = DEFAULT_ROUNDS,
) -> list[E2EPair]:
    """Run ``measure_async`` in a new event loop."""
    return asyncio.run(measure_async(messages, deployed_messages, rounds))


def _percent(share: float | None) -> str:
    return "?" if share is None else f"{share:.0%}"


def describe(pair: E2EPair) -> str:
    """One limiter setting's figures on a few lines."""
    same = "" if pair.same_limiter else " (DIFFERS between the bots)"
    lines = [f"limits {pair.mode}: AIORateLimiter{pair.real.limiter or '(?)'} for both{same}"]
    for run in pair.runs:
        if run.rate is None:
            lines.append(f"  {run.kind}: not measured: {run.missing}")
            continue
        assert run.seconds is not None
        rss = f", peak RSS {run.peak_rss_mib:.1f} MiB" if run.kind == "real" and run.peak_rss_mib else ""
        lines.append(
            f"  {run.kind}: {run.messages:,} messages in {run.seconds:.2f} s ({run.rounds} round(s)) = "
            f"{run.rate:,.1f} msg/s; {run.replies:,} replies, {run.failed} failed; CPU busy: "
            f"bot {_percent(run.busy(run.bot_cpu_s))}, server {_percent(run.busy(run.server_cpu_s))}{rss}"
        )
    if pair.ratio is not None and pair.real.rate is not None and pair.echo.rate is not None:
        extra = 1000 / pair.real.rate - 1000 / pair.echo.rate
        lines.append(
            f"  real / echo = {pair.ratio:.3f}; the real bot spends {extra:.2f} ms more per message, "
            f"of which question_reply (engine and rendering) is {pair.answer_ms:.2f} ms"
        )
    if pair.transport_ratio is not None:
        lines.append(f"  real / echo-aiohttp = {pair.transport_ratio:.3f} (the same transport)")
    if pair.log_ratio is not None:
        lines.append(
            f"  question log on / off = {pair.log_ratio:.3f}; recorded {pair.real.recorded} questions"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both bots (or, with ``--serve``, be one of them)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_e2e")
    parser.add_argument("--messages", type=int, default=DEFAULT_MESSAGES, help="timed messages, limits off")
    parser.add_argument(
        "--deployed-messages", type=int, default=DEFAULT_DEPLOYED_MESSAGES, help="timed messages, limits on"
    )
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="rounds with the limits off")
    parser.add_argument("--serve", choices=LOGGED_KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--limiter", choices=("off", "deployed"), default="off", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.serve, args.limiter, args.base_url)
    for pair in measure(args.messages, args.deployed_messages, args.rounds):
        print(describe(pair), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
