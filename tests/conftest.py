"""Shared fixtures: the repository root, one engine loaded from the real knowledge base, settings
from the test alone, and the fake Bot API server with settings for a bot that calls it.

Every test also checks that Telegram would accept each call the bot made to a Bot API double
(``tests/doubles/rules.py``)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from knowledge import Engine
from knowledge.loader import DATA_DIR, load_corpus
from knowledge.problems import KnowledgeError
from tests import profiles
from tests.doubles.bot_api import FakeBotApi
from tests.doubles.objects import TOKEN
from tests.doubles.recording import RecordingRequest
from tests.postgres import REQUIRED, PostgresServer, binaries
from tests.real_engine import real_engine


def pytest_report_header() -> str:
    """Say which profile ran (``profiles``): a quick run is not the CI run."""
    return f"test profile: {profiles.PROFILE} (TEST_PROFILE=quick|ci)"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (where pyproject.toml is)."""
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the packaged knowledge base, loaded once per test session."""
    return real_engine()


@pytest.fixture(autouse=True)
def bot_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the bot writes (DATA_DIR) goes to the test's own folder, never the repository's."""
    folder = tmp_path / "bot-data"
    monkeypatch.setenv("DATA_DIR", str(folder))
    return folder


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, bot_data_dir: Path) -> None:
    """Settings come from the test alone, not from the developer's environment."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATA_DIR", str(bot_data_dir))


@pytest.fixture(autouse=True)
def telegram_accepts_every_call() -> Iterator[None]:
    """Fail a test in which a ``RecordingRequest`` got a call that Telegram would refuse."""
    RecordingRequest.made.clear()
    yield
    refused = [call for request in RecordingRequest.made for call in request.refused]
    RecordingRequest.made.clear()
    assert not refused, f"calls Telegram would refuse: {refused}"


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API server on 127.0.0.1, closed after the test; Telegram accepts every call."""
    async with FakeBotApi() as server:
        yield server
    refused = [(call.method, call.problems) for call in server.calls() if call.problems]
    assert not refused, f"calls Telegram would refuse: {refused}"


@pytest.fixture
def fake_settings(fake: FakeBotApi, clean_env: None) -> Callable[..., Settings]:
    """Settings for a bot on ``fake``: ``fake_settings(**overrides)``.

    The fake server's token and URL and the keyword arguments given; no variable of the machine's
    environment and no .env file.
    """

    def make(**overrides: Any) -> Settings:
        return Settings(
            _env_file=None,
            telegram_bot_token=TOKEN,
            telegram_base_url=fake.base_url,
            **overrides,
        )

    return make


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the real knowledge base."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def knowledge_problems(root: Path) -> list[str]:
    """The problems ``load_corpus`` reports for ``root`` (it must find some)."""
    with pytest.raises(KnowledgeError) as caught:
        load_corpus(root)
    return [str(p) for p in caught.value.problems]


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the test session's own (skipped without one, unless required)."""
    found = binaries()
    if found is None:
        message = "PostgreSQL is not installed (apt-get install postgresql)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(found)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, or a fresh database on the session's server."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'questions.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.create_database()
