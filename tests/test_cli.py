"""The command line, run as users run it (``python -m bot`` in a subprocess), and the chat."""

from __future__ import annotations

import io
import json
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import pytest
import yaml

from bot import chat
from knowledge import Engine
from knowledge.commands import UNKNOWN_COMMAND_TEXT, Command, answer_command, parse_command
from knowledge.loader import DATA_DIR
from tests.doubles.engine import FakeEngine
from tests.doubles.process import run_bot
from tests.test_engine import JSON_KEYS

QUESTIONS = [
    "When were diplomatic relations established?",
    "What was the trade turnover in 2013?",
    "Who is the Italian ambassador?",
]


def assert_answer_object(line: str) -> dict[str, object]:
    obj = json.loads(line)
    assert isinstance(obj, dict)
    assert set(obj) == JSON_KEYS
    assert isinstance(obj["answered"], bool)
    assert isinstance(obj["text"], str)
    assert obj["text"]
    assert obj["entry"] is None or isinstance(obj["entry"], str)
    assert isinstance(obj["confidence"], int | float)
    assert 0 <= obj["confidence"] <= 1
    assert isinstance(obj["suggestions"], list)
    assert all(isinstance(s, str) for s in obj["suggestions"])
    return obj


@pytest.fixture
def broken_data(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the knowledge base with a bad text appended to texts.yaml, and its line."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    texts = data / "texts.yaml"
    content = texts.read_text(encoding="utf-8").rstrip("\n") + "\n"
    texts.write_text(content + "  broken: 42\n", encoding="utf-8")
    return data, content.count("\n") + 1


# ---- ask ----


def test_ask_json_prints_one_answer_object(repo_root: Path) -> None:
    result = run_bot(repo_root, "ask", QUESTIONS[0], "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert_answer_object(lines[0])


def test_ask_reads_standard_input_in_order(repo_root: Path) -> None:
    singles = [run_bot(repo_root, "ask", q, "--json").stdout.strip() for q in QUESTIONS]
    stdin = f"{QUESTIONS[0]}\n\n{QUESTIONS[1]}\n   \n{QUESTIONS[2]}\n"  # blank lines are skipped
    result = run_bot(repo_root, "ask", "--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert_answer_object(line)
    assert lines == singles


def test_ask_words_need_no_quotes(repo_root: Path) -> None:
    quoted = run_bot(repo_root, "ask", QUESTIONS[1], "--json").stdout
    unquoted = run_bot(repo_root, "ask", *QUESTIONS[1].split(), "--json").stdout
    assert quoted == unquoted


def test_ask_dialog_takes_its_turns_as_arguments(repo_root: Path) -> None:
    # Each quoted argument is a turn of one conversation, as lines of standard input are.
    turns = ["What was the trade turnover in 2013?", "and in 2012?"]
    result = run_bot(repo_root, "ask", "--json", "--dialog", *turns)
    assert result.returncode == 0, result.stderr
    piped = run_bot(repo_root, "ask", "--json", "--dialog", stdin="\n".join(turns) + "\n")
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == 2 and "16.425" in replies[1]["text"], replies
    assert result.stdout == piped.stdout


def test_ask_plain_prints_the_reply_text(repo_root: Path) -> None:
    as_json = json.loads(run_bot(repo_root, "ask", QUESTIONS[0], "--json").stdout)
    result = run_bot(repo_root, "ask", QUESTIONS[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(as_json["text"])


def test_ask_explain_with_json_keeps_stdout_pure(repo_root: Path) -> None:
    result = run_bot(repo_root, "ask", "--json", "--explain", stdin="\n".join(QUESTIONS))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    for line in result.stdout.splitlines():
        assert_answer_object(line)
    assert result.stderr.count("candidates") == 3


def test_ask_explain_labels_the_candidates(repo_root: Path) -> None:
    result = run_bot(repo_root, "ask", QUESTIONS[1], "--explain")
    assert result.returncode == 0, result.stderr
    assert "candidates" in result.stdout


def test_ask_does_not_import_telegram(repo_root: Path) -> None:
    result = run_bot(repo_root, "ask", QUESTIONS[0], "--json", python_options=["-X", "importtime"])
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "knowledge" in imported  # the import log is really there
    assert not {m for m in imported if m.split(".")[0] == "telegram" or m == "bot.app"}


# What an answer from a cached engine never needs: reading YAML, the checks, typo correction
# (the question has no typo), the question log, Telegram.
NOT_FOR_A_CACHED_ASK = ("yaml", "rapidfuzz", "knowledge.loader", "knowledge.checks", "sqlalchemy", "telegram")


def test_ask_from_the_cache_imports_only_what_it_uses(repo_root: Path, tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path)}
    assert run_bot(repo_root, "ask", QUESTIONS[0], env=env).returncode == 0  # builds the cache
    result = run_bot(repo_root, "ask", QUESTIONS[0], env=env, python_options=["-X", "importtime"])
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert {"knowledge.engine", "knowledge.cache"} <= imported  # the import log is really there
    assert not {m for m in imported if m.split(".")[0] in NOT_FOR_A_CACHED_ASK or m in NOT_FOR_A_CACHED_ASK}


def test_ask_on_an_invalid_knowledge_base(repo_root: Path, broken_data: tuple[Path, int]) -> None:
    data, _ = broken_data
    result = run_bot(repo_root, "ask", QUESTIONS[0], "--data", str(data))
    assert result.returncode == 1
    assert f"`python -m bot check --data {shlex.quote(str(data))}`" in result.stderr


def test_check_hint_repeats_the_data_option() -> None:
    from bot.knowledge_base import check_hint

    assert "`python -m bot check`" in check_hint(None)
    assert "`python -m bot check --data 'my data'`" in check_hint(Path("my data"))


# ---- check ----


def test_check_passes_on_the_real_knowledge_base(repo_root: Path) -> None:
    result = run_bot(repo_root, "check")
    assert result.returncode == 0, result.stderr
    assert re.match(r"OK: 4 languages \(en, it, kk, ru\), \d+ topics, \d+ entries", result.stdout)
    assert len(result.stdout.splitlines()) == 1


def test_check_reports_file_and_line(repo_root: Path, broken_data: tuple[Path, int]) -> None:
    data, line = broken_data
    result = run_bot(repo_root, "check", "--data", str(data))
    assert result.returncode == 1
    assert re.search(rf"texts\.yaml:{line}: ", result.stderr), result.stderr
    assert result.stdout == ""


def test_data_option_may_come_before_the_command(repo_root: Path, broken_data: tuple[Path, int]) -> None:
    data, _ = broken_data
    assert run_bot(repo_root, "--data", str(data), "check").returncode == 1


# ---- eval ----


def test_eval_prints_accuracy_per_kind(repo_root: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "- q: When were diplomatic relations established?\n"
        "  kind: paraphrase\n"
        '  expect: ["1992"]\n'
        "- q: What is the population of Brazil?\n"
        "  kind: out_of_scope\n"
        "  expect: []\n"
        "  refuse: true\n",
        encoding="utf-8",
    )
    result = run_bot(repo_root, "eval", str(questions))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.search(r"^paraphrase\s+\d/1\s", result.stdout, re.MULTILINE)
    assert re.search(r"^out_of_scope\s+\d/1\s", result.stdout, re.MULTILINE)
    assert lines[-6] == "Summary: 2 questions from q.yaml"
    assert lines[-1].startswith("overall")


def test_eval_on_an_unreadable_file(repo_root: Path, tmp_path: Path) -> None:
    result = run_bot(repo_root, "eval", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "missing.yaml" in result.stderr


# ---- usage ----


def test_unknown_subcommand_is_a_usage_error(repo_root: Path) -> None:
    result = run_bot(repo_root, "frobnicate")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_unknown_option_is_a_usage_error(repo_root: Path) -> None:
    assert run_bot(repo_root, "ask", "--frobnicate", "x").returncode == 2


# ---- the chat ----


def test_piped_chat_answers_each_line(repo_root: Path, engine: Engine) -> None:
    stdin = f"{QUESTIONS[0]}\n\n{QUESTIONS[1]}\n"
    result = run_bot(repo_root, stdin=stdin)
    assert result.returncode == 0, result.stderr
    expected = "".join(chat.render(engine.ask(q)) + "\n\n" for q in QUESTIONS[:2])
    assert result.stdout == expected
    assert "you>" not in result.stdout


def test_piped_chat_runs_commands_and_stops_at_quit(repo_root: Path, engine: Engine) -> None:
    result = run_bot(repo_root, stdin=f"/help\n{QUESTIONS[0]}\n/quit\n{QUESTIONS[1]}\n")
    assert result.returncode == 0, result.stderr
    help_answer = answer_command(engine, "help")
    assert help_answer is not None
    quit_help = engine.texts.get(chat.QUIT_HELP, "en")
    chat_help = chat.render(help_answer) + "\n" + quit_help  # the chat's own commands
    expected = [chat_help, chat.render(engine.ask(QUESTIONS[0]))]
    assert result.stdout == "".join(reply + "\n\n" for reply in expected)


def test_ask_help_is_the_engine_help(repo_root: Path, engine: Engine) -> None:
    help_answer = answer_command(engine, "help")
    assert help_answer is not None
    result = run_bot(repo_root, "ask", "/help")
    assert result.stdout == help_answer.text + "\n"  # /quit is the chat's, not ask's


def test_unknown_command_shows_the_help(engine: Engine) -> None:
    help_answer = answer_command(engine, "help")
    assert help_answer is not None
    answer = chat.respond(engine, "/no_such_command")
    assert answer.text.endswith(help_answer.text)
    if UNKNOWN_COMMAND_TEXT in engine.texts:
        unknown = engine.texts.get(UNKNOWN_COMMAND_TEXT, "en", command="/no_such_command")
        assert answer.text.startswith(unknown)


def test_unknown_command_is_named_before_the_help(engine: Engine) -> None:
    help_answer = answer_command(engine, "help")
    assert help_answer is not None
    answer = chat.respond(engine, "/Foo@KzItBot bar")
    unknown = engine.texts.get(UNKNOWN_COMMAND_TEXT, "en", command="/foo")
    assert answer.text == f"{unknown}\n\n{help_answer.text}"


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("/visits 2009", Command("visits", "", "2009")),
        ("/Visits@KzItBot  Prodi  ", Command("visits", "kzitbot", "Prodi")),
        ("/trade", Command("trade", "", "")),
        ("/", Command("", "", "")),
        ("trade", None),
        ("  /help me please", Command("help", "", "me please")),
        ("/ask When?\nAnd then?", Command("ask", "", "When?\nAnd then?")),
        ("/help?", Command("help", "", "?")),
        ("/trade,2013", Command("trade", "", ",2013")),
        ("/привет", None),  # Telegram marks no command there: a question ("/визиты 2009")
    ],
)
def test_parse_command(line: str, parsed: Command | None) -> None:
    assert parse_command(line) == parsed


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def typed(*lines: str, interrupt: bool = False) -> tuple[list[str], Callable[[str], str]]:
    """A stand-in for ``input``: returns the lines, then Ctrl-D (or Ctrl-C)."""
    prompts: list[str] = []
    queue: Iterator[str] = iter(lines)

    def read(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(queue)
        except StopIteration:
            raise KeyboardInterrupt if interrupt else EOFError from None

    return prompts, read


def chat_in_terminal(*lines: str, interrupt: bool = False) -> tuple[int, str, list[str]]:
    prompts, read = typed(*lines, interrupt=interrupt)
    out = io.StringIO()
    engine = cast(Engine, FakeEngine(choices=2))
    code = chat.run(engine, stdin=FakeTerminal(), stdout=out, read=read)
    return code, out.getvalue(), prompts


def test_terminal_chat_welcomes_and_picks_a_suggestion_by_number() -> None:
    code, out, prompts = chat_in_terminal("embassy", "2", "9", "/trade@bot 2013", "/nope")
    assert code == 0
    assert out.startswith("start()\n\n")
    assert "Did you mean:\n  1. When was it opened?\n  2. Where is it?\n(type a number" in out
    assert "entry e2\n" in out
    assert "no: 9\n" in out  # no suggestions pending: a number is a question
    assert "trade(2013)\n" in out
    assert out.rstrip().endswith("Unknown command /nope.\n\nhelp()\n/quit or /exit — leave the chat")
    assert set(prompts) == {chat.PROMPT}


def test_terminal_chat_ends_cleanly() -> None:
    assert chat_in_terminal("/quit", "never asked")[0] == 0
    code, out, prompts = chat_in_terminal("hello", interrupt=True)
    assert code == 0
    assert "no: hello" in out
    assert len(prompts) == 2


def test_a_token_only_in_dotenv_gets_a_hint_in_the_terminal_chat(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=123456:" + "A" * 35 + "\n", encoding="utf-8")
    result = run_bot(tmp_path, stdin="trade 2013\n", env={"PYTHONPATH": str(repo_root)})
    assert result.returncode == 0, result.stderr
    assert "python -m bot run" in result.stderr
    assert "16.216" in result.stdout
    assert "AAAA" not in result.stderr + result.stdout  # the token itself is never shown


def test_invalid_utf8_on_standard_input_is_replaced_not_fatal(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env["DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input=b"When did Prodi visit\xff Kazakhstan?\n/visits 20\xff09\n",
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    replies = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # valid UTF-8
    assert "1998" in replies[0]["text"]
    assert "20\ufffd09" in replies[1]["text"]


def test_health_fails_without_a_heartbeat_and_passes_with_a_fresh_one(
    clean_env: None, bot_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    from bot import cli
    from bot.health import HEARTBEAT_FILE

    assert cli.main(["health"]) == 1
    assert "No heartbeat" in capsys.readouterr().err
    bot_data_dir.mkdir(parents=True, exist_ok=True)
    (bot_data_dir / HEARTBEAT_FILE).write_text(f"{time.time() - 5:.0f}\n", encoding="ascii")
    assert cli.main(["health"]) == 0
    assert capsys.readouterr().out.startswith("OK: heartbeat")
    (bot_data_dir / HEARTBEAT_FILE).write_text(f"{time.time() - 600:.0f}\n", encoding="ascii")
    assert cli.main(["health"]) == 1
    assert "stuck or stopped" in capsys.readouterr().err


def test_the_same_question_gets_the_same_answer_whatever_the_hash_seed(repo_root: Path) -> None:
    # Sets iterate in an order that changes with PYTHONHASHSEED; scores must not. Every
    # fifth held-out question (over 4,000, of every file): all of them took two minutes.
    questions = [
        item["q"]
        for path in sorted((repo_root / "tests" / "data").glob("heldout_*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(item, dict)
    ][::5]
    stdin = "\n".join(questions) + "\n"
    runs = [run_bot(repo_root, "ask", "--json", stdin=stdin, env={"PYTHONHASHSEED": s}) for s in ("0", "27")]
    assert all(run.returncode == 0 for run in runs)
    first, second = (run.stdout.splitlines() for run in runs)
    assert len(first) == len(questions)
    assert first == second
