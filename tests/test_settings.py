"""Settings: environment variables and .env, and errors a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings
from tests.doubles.process import run_bot

TOKEN = "123456:" + "A" * 35
VARIABLES = [name.upper() for name in Settings.model_fields]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting from the outside, and a working directory without a .env file."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_every_field_has_its_variable() -> None:
    assert set(VARIABLES) == {
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "WEBHOOK_PATH",
        "ADMIN_IDS",
        "FLOOD_LIMIT",
        "FLOOD_WINDOW",
        "KNOWLEDGE_DIR",
        "DATA_DIR",
        "LOG_LEVEL",
        "LOG_QUESTIONS",
        "DATABASE_URL",
        "RETENTION_DAYS",
        "LOG_SECRET",
    }


def test_defaults() -> None:
    settings = load_settings(require_token=False)
    assert settings.telegram_bot_token is None
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.webhook_url is None
    assert (settings.webhook_listen, settings.webhook_port, settings.webhook_path) == ("0.0.0.0", 8443, "")
    assert settings.admin_ids == frozenset()
    assert (settings.flood_limit, settings.flood_window) == (12, 60.0)
    assert settings.knowledge_dir is None
    assert settings.log_level == "INFO"
    assert settings.secrets() == []


def test_missing_token_explains_botfather() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=True)
    message = str(caught.value)
    assert "@BotFather" in message
    assert "/newbot" in message
    assert "export TELEGRAM_BOT_TOKEN=" in message
    assert ".env" in message


def test_empty_token_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")  # as left by a copied .env.example
    assert load_settings(require_token=False).telegram_bot_token is None
    with pytest.raises(SettingsError, match="BotFather"):
        load_settings(require_token=True)


def test_token_is_read_and_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", f"  {TOKEN}\n")
    settings = load_settings(require_token=True)
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == TOKEN  # stripped
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    assert settings.secrets() == [TOKEN]


@pytest.mark.parametrize(
    "token",
    [
        "123:abc",
        "1234:" + "A" * 35,  # bot id too short
        "123456:" + "A" * 29,  # secret part too short
        "123456" + "A" * 35,  # no colon
        "123456:" + "A" * 30 + "!bad",
        "bot123456:" + "A" * 35,
    ],
)
def test_malformed_token_is_not_echoed(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    message = str(caught.value)
    assert "malformed" in message
    assert "TELEGRAM_BOT_TOKEN" in message
    assert token not in message
    assert token.split(":")[-1] not in message
    # The chained pydantic error is dropped: a traceback would not show the value either.
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_webhook_url_without_secret_names_webhook_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    assert "WEBHOOK_SECRET" in str(caught.value)
    assert "export WEBHOOK_SECRET=" in str(caught.value)


def test_webhook_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "s3cret_-" * 4
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    monkeypatch.setenv("WEBHOOK_LISTEN", "127.0.0.1")
    monkeypatch.setenv("WEBHOOK_PORT", "8080")
    monkeypatch.setenv("WEBHOOK_PATH", "telegram")
    settings = load_settings(require_token=False)
    assert settings.webhook_url == "https://bot.example.com/telegram"
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == secret
    assert (settings.webhook_listen, settings.webhook_port, settings.webhook_path) == (
        "127.0.0.1",
        8080,
        "telegram",
    )
    assert secret not in repr(settings)


@pytest.mark.parametrize("secret", ["has space", "x" * 257, "ünïcode", "a/b"])
def test_malformed_webhook_secret_is_not_echoed(monkeypatch: pytest.MonkeyPatch, secret: str) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    assert "WEBHOOK_SECRET" in str(caught.value)
    assert secret not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WEBHOOK_URL", "http://bot.example.com/telegram"),  # Telegram requires https
        ("WEBHOOK_URL", "bot.example.com"),
        ("WEBHOOK_URL", "https://bot.example.com/tg   # a comment Docker's --env-file kept"),
        ("WEBHOOK_PORT", "0"),
        ("WEBHOOK_PORT", "65536"),
        ("WEBHOOK_PORT", "eighty"),
        ("FLOOD_LIMIT", "0"),
        ("FLOOD_WINDOW", "-1"),
        ("LOG_LEVEL", "LOUD"),
        ("TELEGRAM_BASE_URL", "api.telegram.org"),
        ("ADMIN_IDS", "12,abc"),
    ],
)
def test_invalid_values_name_their_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", "secret")
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    assert str(caught.value).startswith(f"{name}: ")


def test_a_data_dir_that_is_a_file_is_refused_up_front(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file = tmp_path / "data"
    file.write_text("not a folder")
    for value in (file, file / "inside"):
        monkeypatch.setenv("DATA_DIR", str(value))
        with pytest.raises(SettingsError) as caught:
            load_settings(require_token=False)
        assert str(caught.value) == f"DATA_DIR: must be a folder the bot can write to, but {file} is a file"
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "new" / "folder"))  # made on first use
    assert load_settings(require_token=False).data_dir == tmp_path / "new" / "folder"


def test_all_problems_are_reported_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_PORT", "0")
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    with pytest.raises(SettingsError) as caught:
        load_settings(require_token=False)
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines] == ["WEBHOOK_PORT", "LOG_LEVEL"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12345", {12345}),
        ("12345,67890", {12345, 67890}),
        (" 12345 , 67890 ,", {12345, 67890}),
        ("1,1", {1}),
    ],
)
def test_admin_ids(monkeypatch: pytest.MonkeyPatch, value: str, expected: set[int]) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    assert load_settings(require_token=False).admin_ids == frozenset(expected)


def test_other_values_are_parsed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLOOD_LIMIT", "5")
    monkeypatch.setenv("FLOOD_WINDOW", "2.5")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path))
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://localhost:8081/bot")
    settings = load_settings(require_token=False)
    assert (settings.flood_limit, settings.flood_window) == (5, 2.5)
    assert settings.knowledge_dir == tmp_path
    assert settings.log_level == "DEBUG"
    assert settings.telegram_base_url == "http://localhost:8081/bot"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"# comments and unknown keys are fine\nTELEGRAM_BOT_TOKEN={TOKEN}\nADMIN_IDS=7,8\nOTHER=1\n",
        encoding="utf-8",
    )
    settings = load_settings(require_token=True)
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == TOKEN
    assert settings.admin_ids == frozenset({7, 8})


def test_environment_wins_over_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("LOG_LEVEL=DEBUG\n", encoding="utf-8")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert load_settings(require_token=False).log_level == "WARNING"


def test_unknown_variables_are_ignored(monkeypatch: pytest.MonkeyPatch, clean_env: None) -> None:
    monkeypatch.setenv("WEBHOOK_SOMETHING", "x")
    monkeypatch.setenv("TELEGRAM_OTHER", "y")
    settings = load_settings(require_token=False)
    assert settings.webhook_url is None and settings.telegram_bot_token is None
    assert not hasattr(settings, "webhook_something") and not hasattr(settings, "telegram_other")


def test_the_env_example_is_valid_and_complete(repo_root: Path, tmp_path: Path) -> None:
    example = (repo_root / ".env.example").read_text(encoding="utf-8")
    for name in VARIABLES:
        assert name in example, name
    (tmp_path / ".env").write_text(example, encoding="utf-8")
    settings = load_settings(require_token=False)  # as shipped, it sets nothing invalid
    assert settings.telegram_bot_token is None


def test_run_without_a_token_explains_and_fails(repo_root: Path, tmp_path: Path) -> None:
    # From an empty folder: a developer's own .env in the repository must not count.
    result = run_bot(tmp_path, "run", env={"PYTHONPATH": str(repo_root)})
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert "/newbot" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_run_with_a_malformed_token_does_not_echo_it(repo_root: Path, tmp_path: Path) -> None:
    token = "123456:tooshort"
    result = run_bot(tmp_path, "run", env={"PYTHONPATH": str(repo_root), "TELEGRAM_BOT_TOKEN": token})
    assert result.returncode == 2
    assert "malformed" in result.stderr
    assert "tooshort" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("url", "path", "expected"),
    [
        ("https://bot.example.com/telegram/hook", "", "telegram/hook"),
        ("https://bot.example.com/", "", ""),
        ("https://bot.example.com/hook", "other", "other"),
        ("https://bot.example.com/hook", "/", ""),  # a proxy that forwards to the root
    ],
)
def test_the_webhook_listens_on_the_path_of_its_url(url: str, path: str, expected: str) -> None:
    settings = Settings(webhook_url=url, webhook_secret="s3cret", webhook_path=path)
    assert settings.webhook_url_path == expected
