"""The Telegram runtime: building the application, the command menus, and ``run``."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from telegram import Update
from telegram.ext import AIORateLimiter, Application, CommandHandler

from bot import app as bot_app
from bot.logs import RedactingFilter
from bot.reload import get_reloader
from bot.settings import Settings, SettingsError
from bot.transport import AiohttpRequest
from handlers.flood import FloodLimit
from knowledge import Engine
from knowledge.loader import DATA_DIR
from knowledge.schema import Texts
from tests.doubles.objects import JSON, TOKEN
from tests.doubles.recording import RecordingRequest

TOPIC_IDS = ["general", "ambassadors", "politics", "visits", "trade", "investment", "culture", "education"]
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


# Settings come from the test alone, not from the developer's environment.
pytestmark = pytest.mark.usefixtures("clean_env")


@dataclass
class Registered:
    """What the stand-in for ``handlers.register`` was given."""

    calls: list[tuple[object, Engine, dict[str, Any]]] = field(default_factory=list)


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> Registered:
    """Replace ``handlers.register`` by one that only stores the engine, as the real one does."""
    seen = Registered()

    def register(application: bot_app.BotApplication, engine: Engine, **options: Any) -> None:
        application.bot_data["engine"] = engine
        seen.calls.append((application, engine, options))

    monkeypatch.setattr(bot_app, "register", register)
    return seen


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Undo ``setup_logging`` (which ``run`` calls) after the test."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in root.handlers[:]:
        if any(isinstance(f, RedactingFilter) for f in handler.filters):
            root.removeHandler(handler)
    root.setLevel(level)


def settings_for(**values: Any) -> Settings:
    values.setdefault("telegram_bot_token", TOKEN)
    # Keyword arguments, not the environment: _env_file=None so no .env is read either.
    return Settings(_env_file=None, **values)


def menu(call: JSON) -> list[str]:
    return [command["command"] for command in call["commands"]]


# ---- build_application ----


def test_build_application(registered: Registered, engine: Engine) -> None:
    settings = settings_for(telegram_base_url="http://localhost:8081/bot")
    request = RecordingRequest()
    application = bot_app.build_application(settings, engine, request=request)
    assert isinstance(application, Application)
    assert application.bot.token == TOKEN
    assert application.bot.base_url == f"http://localhost:8081/bot{TOKEN}"
    assert isinstance(application.bot.rate_limiter, AIORateLimiter)
    assert application.post_init is bot_app.post_init
    assert application.bot.request is request
    ((app, registered_engine, options),) = registered.calls
    assert (app, registered_engine) == (application, engine)
    assert options["flood"] == FloodLimit(settings.flood_limit, settings.flood_window)
    assert options["admin_ids"] == settings.admin_ids
    assert options["reload"] == get_reloader(application).reload  # type: ignore[union-attr]
    assert application.bot_data["engine"] is engine


def test_build_application_needs_the_token(registered: Registered, engine: Engine) -> None:
    with pytest.raises(SettingsError, match="BotFather"):
        bot_app.build_application(settings_for(telegram_bot_token=None), engine)


def test_build_application_with_the_real_handlers(engine: Engine) -> None:
    application = bot_app.build_application(settings_for(), engine, request=RecordingRequest())
    assert application.bot_data["engine"] is engine
    assert application.handlers  # register() added its handlers


# ---- the command menus ----


async def test_post_init_sets_the_menus_for_private_chats_and_groups(
    registered: Registered, engine: Engine
) -> None:
    request = RecordingRequest()
    application = bot_app.build_application(settings_for(), engine, request=request)
    async with application:  # initialize: getMe
        await application.bot.initialize()
        assert application.post_init is not None
        await application.post_init(application)
    await bot_app.post_shutdown(application)  # as run_polling does: the question log stops
    sets = request.calls("setMyCommands")
    # The default language's menus for everyone, then each other language's for its apps.
    codes = [None, *(code for code in engine.languages if code != engine.default)]
    assert [(call.get("language_code"), call["scope"]) for call in sets] == [
        (code, scope)
        for code in codes
        for scope in ({"type": "all_private_chats"}, {"type": "all_group_chats"})
    ]
    for private_call, group_call in zip(sets[::2], sets[1::2], strict=True):
        private, group = menu(private_call), menu(group_call)
        assert private == ["start", "help", "topics", *TOPIC_IDS, "language", "privacy", "about"]
        assert group == ["ask", *private]
        lang = private_call.get("language_code") or engine.default
        described = {c["command"]: c["description"] for c in private_call["commands"]}
        assert described["help"] == engine.texts.get("command_help", lang)
    for call in sets:
        for command in call["commands"]:
            assert COMMAND_NAME.fullmatch(command["command"])
            assert 1 <= len(command["description"]) <= 256


def test_every_command_in_the_menus_has_a_handler(engine: Engine) -> None:
    application = bot_app.build_application(settings_for(admin_ids="1"), engine, request=RecordingRequest())
    handled = {
        name
        for group in application.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    listed = {c.command for lang in engine.languages for c in bot_app.bot_commands(engine, lang, groups=True)}
    assert listed <= handled
    assert {"reload", "stats"} <= handled - listed  # the administrators' are never listed


def test_topic_commands_are_described_by_their_topics(engine: Engine) -> None:
    for lang in engine.languages:
        commands = {c.command: c.description for c in bot_app.bot_commands(engine, lang)}
        for topic in engine.topics:
            assert commands[topic.id].startswith(topic.title.get(lang))


def _topic(topic_id: str, description: str = "What it covers.") -> SimpleNamespace:
    return SimpleNamespace(id=topic_id, title=Texts({"en": "Title"}), description=Texts({"en": description}))


def _engine_with(engine: Engine, topics: list[SimpleNamespace]) -> Engine:
    return cast(Engine, SimpleNamespace(topics=topics, default="en", texts=engine.texts))


def test_menu_leaves_out_invalid_and_taken_names(engine: Engine) -> None:
    # ``check`` refuses such topics (tests/test_loader.py); an engine built without it still works.
    topics = [_topic("good_one"), _topic("has-hyphen"), _topic("help"), _topic("x" * 33), _topic("good_one")]
    names = [c.command for c in bot_app.bot_commands(_engine_with(engine, topics))]
    assert names == ["start", "help", "topics", "good_one", "language", "privacy", "about"]


def test_long_descriptions_are_shortened(engine: Engine) -> None:
    fake = _engine_with(engine, [_topic("long", "word " * 100)])
    description = {c.command: c.description for c in bot_app.bot_commands(fake)}["long"]
    assert len(description) <= 256
    assert description.endswith("word…")


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("connection reset"), 400, 500],
    ids=["network", "bad-request", "server-error"],
)
async def test_a_menu_failure_is_logged_not_raised(
    registered: Registered, engine: Engine, caplog: pytest.LogCaptureFixture, failure: Exception | int
) -> None:
    request = RecordingRequest(failures={"setMyCommands": failure})
    application = bot_app.build_application(settings_for(), engine, request=request)
    async with application:
        with caplog.at_level(logging.WARNING, logger="bot.app"):
            await bot_app.post_init(application)
    await bot_app.post_shutdown(application)
    warnings = [r for r in caplog.records if r.name == "bot.app" and r.levelno == logging.WARNING]
    menus = 2 * len(engine.languages)  # each scope in each language is tried, and each failure reported
    assert len(warnings) == menus
    assert "all_private_chats" in warnings[0].getMessage()
    assert "all_group_chats" in warnings[1].getMessage()
    assert request.methods().count("setMyCommands") == menus


# ---- run ----


@pytest.fixture
def quick_engine(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> list[Path]:
    """``run`` gets the session's engine instead of loading one; returns the folders asked for."""
    asked: list[Path] = []

    def load(root: Path, cache: Path | None = None) -> Engine:
        asked.append(root)
        return engine

    monkeypatch.setattr(bot_app, "load_engine", load)
    return asked


@pytest.fixture
def recorded_runs(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """Replace run_polling and run_webhook by recorders of their arguments."""
    runs: dict[str, dict[str, Any]] = {}

    def recorder(name: str) -> Callable[..., None]:
        def record(self: Application[Any, Any, Any, Any, Any, Any], **kwargs: Any) -> None:
            runs[name] = kwargs

        return record

    monkeypatch.setattr(Application, "run_polling", recorder("polling"))
    monkeypatch.setattr(Application, "run_webhook", recorder("webhook"))
    return runs


def test_run_without_a_token(capsys: pytest.CaptureFixture[str]) -> None:
    assert bot_app.run(settings_for(telegram_bot_token=None)) == 2
    assert "@BotFather" in capsys.readouterr().err


def test_run_reads_the_settings_itself(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert bot_app.run() == 2
    assert "/newbot" in capsys.readouterr().err


def test_run_on_an_invalid_knowledge_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    assert bot_app.run(settings_for(knowledge_dir=tmp_path)) == 1
    err = capsys.readouterr().err
    assert "no entry files" in err
    assert f"python -m bot check --data {tmp_path}" in err


@pytest.mark.usefixtures("registered", "restore_logging")
def test_run_polls_by_default(quick_engine: list[Path], recorded_runs: dict[str, dict[str, Any]]) -> None:
    assert bot_app.run(settings_for()) == 0
    assert recorded_runs == {"polling": {"allowed_updates": Update.ALL_TYPES}}
    assert quick_engine == [DATA_DIR]


@pytest.mark.usefixtures("registered", "restore_logging")
def test_run_serves_a_webhook_when_configured(
    quick_engine: list[Path], recorded_runs: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    settings = settings_for(
        webhook_url="https://bot.example.com/tg",
        webhook_secret="s" * 40,
        webhook_listen="127.0.0.1",
        webhook_port=8080,
        webhook_path="tg",
        knowledge_dir=tmp_path,
    )
    assert bot_app.run(settings) == 0
    assert recorded_runs == {
        "webhook": {
            "listen": "127.0.0.1",
            "port": 8080,
            "url_path": "tg",
            "webhook_url": "https://bot.example.com/tg",
            "secret_token": "s" * 40,
            "allowed_updates": Update.ALL_TYPES,
            "drop_pending_updates": False,
        }
    }
    assert quick_engine == [tmp_path]


@pytest.mark.usefixtures("registered", "quick_engine", "recorded_runs", "restore_logging")
def test_run_sets_up_redacted_logging() -> None:
    bot_app.run(settings_for(log_level="WARNING", webhook_url="https://x.example/", webhook_secret="abc"))
    root = logging.getLogger()
    assert root.level == logging.WARNING
    filters = [f for h in root.handlers for f in h.filters if isinstance(f, RedactingFilter)]
    assert filters
    assert filters[0].redact(f"{TOKEN} abc") == "[REDACTED] [REDACTED]"
    assert logging.getLogger("httpx").level == logging.WARNING


@pytest.fixture
def own_loop() -> Iterator[None]:
    """A fresh event loop for a real ``run_polling``, which closes its loop when done."""
    asyncio.set_event_loop(asyncio.new_event_loop())
    yield
    asyncio.set_event_loop(None)


RunOn = Callable[[RecordingRequest, RecordingRequest], int]


@pytest.fixture
def run_on(
    monkeypatch: pytest.MonkeyPatch,
    registered: Registered,
    quick_engine: list[Path],
    restore_logging: None,
    own_loop: None,
) -> RunOn:
    """``run`` for real, on fake requests; returns the exit code.

    ``run_on(request, updates)`` runs the bot with the default settings, its application calling
    the Bot API through ``request`` and polling through ``updates``.
    """
    build = bot_app.build_application

    def run(request: RecordingRequest, updates: RecordingRequest) -> int:
        def build_with_fakes(settings: Settings, engine: Engine) -> bot_app.BotApplication:
            return build(settings, engine, request=request, get_updates_request=updates)

        monkeypatch.setattr(bot_app, "build_application", build_with_fakes)
        return bot_app.run(settings_for())

    return run


def test_run_polls_and_stops_gracefully_on_sigterm(run_on: RunOn) -> None:
    """Real polling until SIGTERM: PTB's default stop signals end it cleanly (exit code 0)."""

    polls: list[str] = []

    def stop_on_first_poll(endpoint: str) -> None:
        # Once: stopping polls again (to confirm the last update), and a second SIGTERM
        # during the shutdown would interrupt it.
        if endpoint == "getUpdates" and not polls:
            polls.append(endpoint)
            os.kill(os.getpid(), signal.SIGTERM)

    request = RecordingRequest()
    updates = RecordingRequest(on_call=stop_on_first_poll)
    assert run_on(request, updates) == 0
    called = [method for method, _ in request.requests]  # getMe included
    menus = 2 * 4  # private chats and groups, in each of the four languages
    assert called[: menus + 2] == ["getMe", *["setMyCommands"] * menus, "deleteWebhook"]
    assert "getUpdates" in updates.methods()
    assert updates.calls("getUpdates")[0]["allowed_updates"] == Update.ALL_TYPES


def test_run_with_a_rejected_token_does_not_print_it(
    run_on: RunOn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_on(RecordingRequest(failures={"getMe": 401}), RecordingRequest()) == 2
    out, err = capsys.readouterr()
    assert "rejected TELEGRAM_BOT_TOKEN" in err
    assert "@BotFather" in err
    assert TOKEN not in out + err


def test_run_without_network_says_so_briefly(run_on: RunOn, capsys: pytest.CaptureFixture[str]) -> None:
    failure = RuntimeError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    assert run_on(RecordingRequest(failures={"getMe": failure}), RecordingRequest()) == 1
    out, err = capsys.readouterr()
    ours = [line for line in err.splitlines() if " bot.app: " in line]
    assert len(ours) == 1
    assert "ERROR bot.app: Could not reach the Bot API at https://api.telegram.org/bot:" in ours[0]
    assert "bot[REDACTED]/getMe" in ours[0]
    assert TOKEN not in out + err


@pytest.mark.usefixtures("registered", "quick_engine", "restore_logging", "own_loop")
def test_run_on_a_bot_api_that_refuses_connections_closes_its_transports(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The real transport: one line of ours, and no session left open (aiohttp would log it)."""
    made: list[AiohttpRequest] = []

    class Transport(AiohttpRequest):
        async def initialize(self) -> None:
            made.append(self)
            await super().initialize()

    monkeypatch.setattr(bot_app, "AiohttpRequest", Transport)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/bot"
    assert bot_app.run(settings_for(telegram_base_url=url, data_dir=tmp_path, log_questions=False)) == 1
    err = capsys.readouterr().err
    ours = [line for line in err.splitlines() if " bot.app: " in line]
    assert len(ours) == 1 and f"Could not reach the Bot API at {url}: aiohttp.ClientConnectorError" in ours[0]
    assert "Traceback" not in err
    assert len(made) == 2 and all(transport.closed for transport in made)


def test_run_logs_a_fatal_error_without_the_token(run_on: RunOn, capsys: pytest.CaptureFixture[str]) -> None:
    request = RecordingRequest(failures={"getMe": f"Bad Request: token {TOKEN} is odd"})
    assert run_on(request, RecordingRequest()) == 1
    out, err = capsys.readouterr()
    assert "ERROR bot.app: The bot stopped on an error" in err
    assert "Traceback" in err
    # PTB capitalises the message, lower-casing the token in it: redacted all the same.
    assert "telegram.error.BadRequest: Token [REDACTED] is odd" in err
    assert TOKEN.casefold() not in (out + err).casefold()


async def test_the_heartbeat_beats_while_serving_and_health_says_so(
    registered: Registered, engine: Engine, tmp_path: Path
) -> None:
    from bot.health import HEARTBEAT_FILE, check

    settings = Settings(_env_file=None, telegram_bot_token=TOKEN, data_dir=tmp_path, log_questions=False)
    request = RecordingRequest()
    application = bot_app.build_application(settings, engine, request=request)
    path = tmp_path / HEARTBEAT_FILE
    async with application:
        await bot_app.post_init(application)
        await asyncio.sleep(0)  # the heartbeat task's first beat
        assert check(path) == (True, "OK: heartbeat 0 s ago.")
        assert check(path, now=time.time() + 500)[0] is False  # stale: stuck or stopped
    await bot_app.post_shutdown(application)
    assert not path.exists() and check(path)[0] is False  # a stopped bot is not healthy
