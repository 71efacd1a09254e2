"""Live reloads: edits to the knowledge base go live without a restart, bad edits change nothing.

The application is the real one (``build_application``) over a copy of the knowledge base in
``tmp_path``, calling a recording fake Bot API (``RecordingRequest``); updates go through
``process_update``. Waits poll with a timeout, never sleep a fixed time.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import html
import logging
import re
import shutil
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from bot import app as bot_app
from bot import cli
from bot.reload import Reloader, enable_watch, get_reloader
from bot.settings import Settings
from handlers.commands import command_reply
from handlers.context import ENGINE_KEY, AnyApplication, set_engine
from handlers.render import text_reply
from handlers.text import MAX_MESSAGE_LENGTH, utf16_length
from knowledge import Engine, KnowledgeError, Problem, load_corpus
from knowledge.loader import DATA_DIR
from tests.doubles.objects import BOT_USERNAME, TOKEN, USER_ID
from tests.doubles.recording import RecordingRequest, Updates
from tests.profiles import LONG

ADMIN_ID = 4242
# Reloads while questions keep coming: a full engine build each (fewer in the quick profile).
RELOADS = 4 if LONG else 2
QUESTION = "When were diplomatic relations established?"
OLD_ANSWER = "Kazakhstan and Italy established diplomatic relations on 12 June 1992."
NEW_ANSWER = "Kazakhstan and Italy established diplomatic relations on 12 June 1992, as edited live."
# The same answers as written in entries/general.yaml, the date taken from facts.yaml.
SOURCE = {
    OLD_ANSWER: "Kazakhstan and Italy established diplomatic relations {event.relations:in}.",
    NEW_ANSWER: "Kazakhstan and Italy established diplomatic relations {event.relations:in}, as edited live.",
}
WAIT = 10.0  # the longest any wait here may take; normally well under a second

pytestmark = pytest.mark.usefixtures("clean_env")


async def until(check: Callable[[], bool], what: str, timeout: float = WAIT) -> None:
    """Wait until ``check()`` holds, polling; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file by ``new``; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the packaged knowledge base, to edit."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


@dataclass
class Bot:
    app: AnyApplication
    request: RecordingRequest
    data: Path
    admin: Updates
    user: Updates

    @property
    def reloader(self) -> Reloader:
        reloader = get_reloader(self.app)
        assert reloader is not None
        return reloader

    @property
    def engine(self) -> Engine:
        engine = self.app.bot_data[ENGINE_KEY]
        assert isinstance(engine, Engine)
        return engine

    def texts_to(self, chat_id: int) -> list[str]:
        """Every text sent to ``chat_id`` so far, as the user reads it."""
        return [
            html.unescape(str(params["text"]))
            for params in self.request.calls("sendMessage")
            if params["chat_id"] == chat_id
        ]

    async def exchange(self, update: Update, count: int = 1) -> list[str]:
        """Process ``update``; wait for ``count`` new messages to its chat and return them."""
        assert update.effective_chat is not None
        chat_id = update.effective_chat.id
        before = len(self.texts_to(chat_id))
        await self.app.process_update(update)  # /reload does not block: its reply comes later
        await until(lambda: len(self.texts_to(chat_id)) >= before + count, f"a reply in chat {chat_id}")
        return self.texts_to(chat_id)[before:]

    async def ask(self, question: str = QUESTION) -> str:
        [text] = await self.exchange(self.user.private_text(question))
        return text

    async def reload_as_admin(self, messages: int = 1) -> str:
        """Send /reload as the administrator; the reply (of ``messages`` messages), joined."""
        return "\n".join(await self.exchange(self.admin.private_text("/reload"), messages))


@contextlib.asynccontextmanager
async def started(app: AnyApplication) -> AsyncIterator[None]:
    """Run ``app`` as ``run_polling`` does, without polling; always stop and shut it down."""
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        yield
    finally:
        if app.running:
            await app.stop()
            assert app.post_stop is not None
            await app.post_stop(app)
        await app.shutdown()
        assert app.post_shutdown is not None
        await app.post_shutdown(app)


MakeBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def make_bot(data: Path, engine: Engine) -> AsyncIterator[MakeBot]:
    """``await make_bot(watch=False, admins=(ADMIN_ID,))``: the running bot over ``data``.

    It starts with the session's engine, loaded from the packaged knowledge base, which the
    copy equals until a test edits it.
    """
    stack = contextlib.AsyncExitStack()

    async def make(*, watch: bool = False, admins: tuple[int, ...] = (ADMIN_ID,)) -> Bot:
        settings = Settings(
            _env_file=None,
            telegram_bot_token=TOKEN,
            knowledge_dir=data,
            admin_ids=frozenset(admins),
            flood_limit=10_000,
        )
        request = RecordingRequest()
        app = bot_app.build_application(settings, engine, request=request, get_updates_request=request)
        bot = Bot(app, request, data, Updates(app.bot, ADMIN_ID), Updates(app.bot, USER_ID))
        if watch:
            enable_watch(app)
            bot.reloader.step_ms = 50  # quicker than in production: the tests wait less
        await stack.enter_async_context(started(app))
        return bot

    async with stack:
        yield make


def log_lines(caplog: pytest.LogCaptureFixture, level: int = logging.INFO) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bot.reload" and r.levelno == level]


# -- the file watch ---------------------------------------------------------------------------


async def test_an_edited_answer_is_served_without_a_restart(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.reload")
    bot = await make_bot(watch=True)
    assert bot.reloader.watching
    assert await bot.ask() == OLD_ANSWER
    before = bot.engine
    # An editor's swap file and a note first: not knowledge files, so they change nothing.
    (bot.data / "entries" / ".general.yaml.swp").write_text("junk", encoding="utf-8")
    (bot.data / "notes.md").write_text("Remember to check the trade figures.", encoding="utf-8")
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    await until(lambda: bot.engine is not before, "the watch to reload the edited file")
    assert await bot.ask() == NEW_ANSWER
    [done] = [line for line in log_lines(caplog) if line.startswith("Reloaded")]
    assert "(changed: general.yaml)" in done
    assert f"{len(bot.engine.entries)} entries, {len(bot.engine.topics)} topics in " in done


async def test_an_invalid_edit_keeps_the_old_answers_and_logs_file_and_line(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot(watch=True)
    before = bot.engine
    path = bot.data / "entries" / "general.yaml"
    line = replace_in(path, "    source: [relations-established]", "    sorce: [relations-established]")
    where = f"{path}:{line}: "
    await until(lambda: any(where in m for m in log_lines(caplog, logging.ERROR)), f"an error at {where}")
    assert bot.engine is before
    assert await bot.ask() == OLD_ANSWER
    assert any("still serving the last good knowledge base" in m for m in log_lines(caplog, logging.ERROR))
    # Fixing the file (with a new answer) is picked up as well.
    replace_in(path, "    sorce: [relations-established]", "    source: [relations-established]")
    replace_in(path, SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    await until(lambda: bot.engine is not before, "the watch to reload the fixed file")
    assert await bot.ask() == NEW_ANSWER


async def test_the_watch_stops_at_shutdown(data: Path, engine: Engine) -> None:
    settings = Settings(_env_file=None, telegram_bot_token=TOKEN, knowledge_dir=data)
    request = RecordingRequest()
    app = bot_app.build_application(settings, engine, request=request, get_updates_request=request)
    enable_watch(app)
    reloader = get_reloader(app)
    assert reloader is not None
    async with started(app):
        assert reloader.watching
        task = reloader._task
    assert not reloader.watching
    assert task is not None and task.done() and not task.cancelled()


async def test_a_watch_that_cannot_start_is_logged_and_the_bot_serves_on(
    tmp_path: Path, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "missing"
    settings = Settings(_env_file=None, telegram_bot_token=TOKEN, knowledge_dir=missing)
    request = RecordingRequest()
    app = bot_app.build_application(settings, engine, request=request, get_updates_request=request)
    enable_watch(app)
    async with started(app):
        reloader = get_reloader(app)
        assert reloader is not None and not reloader.watching
        await app.process_update(Updates(app.bot).private_text(QUESTION))
        assert [html.unescape(t) for t in request.sent_texts()] == [OLD_ANSWER]
    [error] = [r for r in caplog.records if r.name == "bot.reload" and r.levelno == logging.ERROR]
    assert f"The watch of {missing} stopped on an error" in error.getMessage()


def test_run_watches_the_knowledge_folder(
    monkeypatch: pytest.MonkeyPatch, data: Path, engine: Engine
) -> None:
    served: list[AnyApplication] = []

    def run_polling(self: AnyApplication, **kwargs: Any) -> None:
        served.append(self)

    monkeypatch.setattr(Application, "run_polling", run_polling)
    monkeypatch.setattr(bot_app, "setup_logging", lambda *args: None)
    monkeypatch.setattr(bot_app, "Engine", SimpleNamespace(load=lambda root: engine))
    assert bot_app.run(Settings(_env_file=None, telegram_bot_token=TOKEN, knowledge_dir=data)) == 0
    [app] = served
    reloader = get_reloader(app)
    assert reloader is not None and reloader.watch and reloader.root == data


# -- /reload ----------------------------------------------------------------------------------


async def test_admin_reload_reports_success_and_serves_the_edit(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.reload")
    bot = await make_bot()
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    reply = await bot.reload_as_admin()
    engine = bot.engine
    template = engine.texts.get(
        "reload_done", "en", entries=len(engine.entries), topics=len(engine.topics), seconds="SECONDS"
    )
    assert re.fullmatch(re.escape(template).replace("SECONDS", r"\d+\.\d\d"), reply), reply
    assert await bot.ask() == NEW_ANSWER
    assert any(f"/reload by user {ADMIN_ID}" in m for m in log_lines(caplog) if m.startswith("Reloaded"))


async def test_admin_reload_reports_each_problem_with_file_and_line(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot()
    before = bot.engine
    path = bot.data / "entries" / "general.yaml"
    line = replace_in(path, "    source: [relations-established]", "    sorce: [relations-established]")
    reply = await bot.reload_as_admin()
    assert reply.startswith(before.texts.get("reload_failed", "en", count=2, problems="").strip())
    assert f"{path}:{line}: entries.0.sorce: Extra inputs are not permitted" in reply
    assert re.search(rf"{re.escape(str(path))}:\d+: entries\.0\.source: Field required", reply)
    assert bot.engine is before
    assert await bot.ask() == OLD_ANSWER
    errors = log_lines(caplog, logging.ERROR)
    assert any(f"{path}:{line}: entries.0.sorce" in m for m in errors)


async def test_a_long_report_lists_the_first_fifty_escaped_and_counts_the_rest(make_bot: MakeBot) -> None:
    bot = await make_bot()
    problems = [Problem("entries/<b>&.yaml", n, "x" * 60) for n in range(1, 301)]

    def fail(root: Path) -> Engine:
        raise KnowledgeError(problems)

    bot.reloader.load = fail
    shown = "\n".join([*map(str, problems[:50]), "… and 250 more problems (300 in all)"])
    expected = text_reply(bot.engine.texts.get("reload_failed", "en", count=300, problems=shown)).chunks
    assert len(expected) >= 2  # still more than one message: split, never cut
    await bot.reload_as_admin(len(expected))
    sent = [str(p["text"]) for p in bot.request.calls("sendMessage") if p["chat_id"] == ADMIN_ID]
    assert sent == list(expected)
    assert all(utf16_length(text) <= MAX_MESSAGE_LENGTH for text in sent)
    assert "<b>" not in "".join(sent)  # escaped: it never becomes markup
    text = html.unescape("\n".join(sent))
    assert [int(m) for m in re.findall(r"^entries/<b>&\.yaml:(\d+): x+$", text, re.M)] == list(range(1, 51))


async def test_an_unexpected_load_error_keeps_the_old_engine(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot()
    before = bot.engine

    def broken(root: Path) -> Engine:
        raise OSError("disk gone")

    bot.reloader.load = broken
    reply = await bot.reload_as_admin()
    assert f"{bot.data}: unexpected error: OSError: disk gone" in reply
    assert bot.engine is before
    assert any("disk gone" in m for m in log_lines(caplog, logging.ERROR))


@pytest.mark.parametrize("where", ["not an admin", "admin in a group", "no admins"])
async def test_reload_from_anyone_else_is_an_unknown_command(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    caplog.set_level(logging.INFO, logger="bot.reload")
    bot = await make_bot(admins=() if where == "no admins" else (ADMIN_ID,))
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    if where == "admin in a group":
        update = bot.admin.group_text(f"/reload@{BOT_USERNAME}")
    else:
        sender = bot.user if where == "not an admin" else bot.admin
        update = sender.private_text("/reload")
    texts = await bot.exchange(update)
    expected = command_reply(bot.engine, "reload", "").chunks
    assert texts == [html.unescape(chunk) for chunk in expected]
    assert texts[0].startswith(bot.engine.texts.get("unknown_command", "en", command="/reload"))
    assert log_lines(caplog) == [] and log_lines(caplog, logging.ERROR) == []
    assert await bot.ask() == OLD_ANSWER


async def test_menus_are_set_again_when_the_topics_change(make_bot: MakeBot) -> None:
    bot = await make_bot()
    bot.request.clear()
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    await bot.reload_as_admin()
    assert bot.request.calls("setMyCommands") == []  # the same topics: the same menus
    replace_in(bot.data / "topics.yaml", "      en: General information", "      en: Overview")
    await bot.reload_as_admin()
    calls = bot.request.calls("setMyCommands")
    assert [c["scope"]["type"] for c in calls] == ["all_private_chats", "all_group_chats"] * len(
        bot.engine.languages
    )
    for call in calls:
        general = next(c for c in call["commands"] if c["command"] == "general")
        if call.get("language_code") is None:  # the English menu: the edit was to the English title
            assert general["description"].startswith("Overview: ")


# -- concurrency ------------------------------------------------------------------------------


async def test_questions_in_flight_during_reloads_are_all_answered(make_bot: MakeBot) -> None:
    bot = await make_bot()
    path = bot.data / "entries" / "general.yaml"
    reloads: list[bool] = []
    questions: list[tuple[int, asyncio.Task[None]]] = []

    async def keep_reloading() -> None:
        answer = OLD_ANSWER
        for _ in range(RELOADS):
            new = NEW_ANSWER if answer == OLD_ANSWER else OLD_ANSWER
            replace_in(path, SOURCE[answer], SOURCE[new])
            answer = new
            result = await bot.reloader.reload("test")
            reloads.append(result.engine is not None)

    reloading = asyncio.create_task(keep_reloading())
    user_ids = iter(range(20_000, 30_000))
    while not reloading.done() or len(questions) < 30:
        user_id = next(user_ids)
        update = Updates(bot.app.bot, user_id).private_text(QUESTION)
        questions.append((user_id, asyncio.create_task(bot.app.process_update(update))))
        await asyncio.sleep(0.04)
    await reloading
    await asyncio.gather(*(task for _, task in questions))
    assert reloads == [True] * RELOADS
    answers = [bot.texts_to(user_id) for user_id, _ in questions]
    assert all(len(texts) == 1 for texts in answers), "a question was dropped or answered twice"
    assert {texts[0] for texts in answers} == {OLD_ANSWER, NEW_ANSWER}  # both, as the swaps went


async def test_concurrent_reloads_run_one_at_a_time_and_coalesce(engine: Engine) -> None:
    app = ApplicationBuilder().token(TOKEN).request(RecordingRequest()).build()
    set_engine(app, engine)
    active, most, calls = 0, 0, 0
    guard = threading.Lock()

    def slow_load(root: Path) -> Engine:
        nonlocal active, most, calls
        with guard:
            active, calls = active + 1, calls + 1
            most = max(most, active)
        time.sleep(0.1)
        with guard:
            active -= 1
        return copy.copy(engine)

    reloader = Reloader(app, DATA_DIR, load=slow_load)
    results = await asyncio.gather(*(reloader.reload(f"request {n}") for n in range(5)))
    # The first runs at once; the four that waited for it share the one reload run after it.
    assert calls == 2 and most == 1
    assert results[0] is not results[1]
    assert all(result is results[1] for result in results[1:])
    assert app.bot_data[ENGINE_KEY] is results[1].engine
    # A request after that runs a reload of its own.
    assert await reloader.reload("later") is not results[1]
    assert calls == 3


async def test_a_replaced_engine_is_collected(make_bot: MakeBot) -> None:
    import gc
    import weakref

    bot = await make_bot()
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[OLD_ANSWER], SOURCE[NEW_ANSWER])
    await bot.reload_as_admin()
    first = weakref.ref(bot.engine)
    assert await bot.ask() == NEW_ANSWER  # used: its caches hold words now
    replace_in(bot.data / "entries" / "general.yaml", SOURCE[NEW_ANSWER], SOURCE[OLD_ANSWER])
    await bot.reload_as_admin()
    assert await bot.ask() == OLD_ANSWER
    gc.collect()
    assert first() is None  # nothing (a class-level cache, a handler) keeps the old one alive


# -- what the coverage list names may not be lost -----------------------------------------------

COVERAGE = "coverage.yaml"
# Nazarbayev's official visit of 2003, as facts.yaml writes it.
VISIT_2003 = """  - person: nazarbayev
    direction: to_italy
    kind: official
    year: 2003
"""


def coverage_items(data: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load((data / COVERAGE).read_text(encoding="utf-8"))
    return items


def entry_ids(path: Path) -> list[str]:
    return [str(entry["id"]) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]]


def loss_lines(text: str, data: Path) -> list[str]:
    """The lines of ``text`` that report a loss, as ``coverage.yaml:LINE: message``."""
    return re.findall(rf"^{re.escape(str(data / COVERAGE))}:\d+: .*$", text, re.M)


def remove_entry(path: Path, entry_id: str) -> None:
    """Delete one entry (its ``- id:`` item up to the next) from an entries file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {entry_id}\n")
    end = text.find("\n  - id: ", start + 1)
    path.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""), encoding="utf-8")


async def test_a_deleted_entry_file_is_refused_and_every_covered_entry_named(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot(watch=True)
    before = bot.engine
    culture = bot.data / "entries" / "culture.yaml"
    covered = {item["entry"] for item in coverage_items(bot.data)}
    lost = [entry for entry in entry_ids(culture) if entry in covered]
    assert lost
    culture.unlink()
    await until(lambda: log_lines(caplog, logging.ERROR) != [], "the watch to refuse the reload")
    errors = "\n".join(log_lines(caplog, logging.ERROR))
    for entry in lost:
        assert f"entry {entry!r} is gone; the coverage list names it for: " in errors
    assert bot.engine is before and len(bot.engine.entries) == len(before.entries)
    assert await bot.ask() == OLD_ANSWER


async def test_a_reload_that_loses_a_covered_entry_is_refused_and_says_which(make_bot: MakeBot) -> None:
    bot = await make_bot()
    before = bot.engine
    # An entry whose passages others cite too, and that none relates to: only the list misses it.
    cited: dict[str, int] = {}
    for entry in before.entries.values():
        for passage in entry.source:
            cited[passage] = cited.get(passage, 0) + 1
    related = {ref for entry in before.entries.values() for ref in entry.related}
    item = next(
        item
        for item in coverage_items(bot.data)
        if item["entry"] not in related and all(cited[p] > 1 for p in before.entries[item["entry"]].source)
    )
    path = next(p for p in (bot.data / "entries").glob("*.yaml") if item["entry"] in entry_ids(p))
    remove_entry(path, item["entry"])
    reply = await bot.reload_as_admin()
    losses = loss_lines(reply, bot.data)
    assert losses and all(f"entry {item['entry']!r} is gone" in line for line in losses), reply
    assert f"the coverage list names it for: {item['fact']}" in reply
    assert reply.startswith(before.texts.get("reload_failed", "en", count=len(losses), problems="").strip())
    assert bot.engine is before


async def test_a_reload_that_loses_a_covered_fact_is_refused_and_check_says_the_same(
    make_bot: MakeBot, capsys: pytest.CaptureFixture[str]
) -> None:
    bot = await make_bot()
    before = bot.engine
    replace_in(bot.data / "facts.yaml", VISIT_2003, "")
    reply = await bot.reload_as_admin()
    losses = loss_lines(reply, bot.data)
    assert losses, reply
    assert all("entry 'visits-to-italy' no longer states: " in line for line in losses), reply
    assert any("2003" in line for line in losses)
    assert bot.engine is before
    # python -m bot check refuses the same folder with the same lines.
    assert cli.main(["check", "--data", str(bot.data)]) == 1
    assert loss_lines(capsys.readouterr().err, bot.data) == losses
    # Put back, the visit reloads.
    replace_in(
        bot.data / "facts.yaml", "  # Italian leaders' visits", VISIT_2003 + "  # Italian leaders' visits"
    )
    assert loss_lines(await bot.reload_as_admin(), bot.data) == []
    assert bot.engine is not before


def test_a_knowledge_base_without_a_coverage_list_promises_nothing(data: Path) -> None:
    replace_in(data / "facts.yaml", VISIT_2003, "")
    with pytest.raises(KnowledgeError):
        Engine.load(data)
    (data / COVERAGE).unlink()
    assert len(Engine.load(data).corpus.facts.visits) == len(load_corpus(DATA_DIR).facts.visits) - 1
