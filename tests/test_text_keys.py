"""The contract between the code and texts.yaml: every text the code asks for is declared,
and check reports a missing text or a misspelt placeholder by file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from knowledge.schema import SmallTalkKind
from knowledge.text_keys import TEXT_KEYS
from tests.conftest import knowledge_problems

ROOT = Path(__file__).resolve().parents[1]
# texts.get("key", …) and a renderer's self.t(query, "key", …)
LITERAL = re.compile(r"""(?:texts\.get|self\.t)\(\s*(?:query,\s*)?["']([a-z_A-Z]+)["']\s*[,)]""")
# Keys the code builds from data: a prefix and the values it completes them with.
FAMILIES = {
    "metric_": ("turnover", "exports", "imports", "balance"),
    "trade_": ("turnover", "exports", "imports"),
    "trade_change_": ("up", "down"),
    "visit_": ("talks", "meeting"),
    "visits_official": ("", "_one"),
    "visits_person": ("", "_one"),
    "visits_none_": ("to_kazakhstan", "to_italy"),  # whose side's visits
    "timeline_visit_": ("official", "visit", "short"),
    "timeline_trade": ("", "_record"),
    # The menus' descriptions (bot.app), /forget's for when it is listed.
    "command_": ("start", "help", "topics", "about", "ask", "language", "privacy", "forget"),
    "smalltalk_": get_args(SmallTalkKind),
}


def _sources() -> list[Path]:
    """The code that asks for texts (not text_keys.py, which declares every one of them)."""
    folders = ("knowledge", "handlers", "bot")
    return [p for folder in folders for p in (ROOT / folder).rglob("*.py") if p.name != "text_keys.py"]


def test_every_text_the_code_asks_for_is_declared() -> None:
    used = {key for path in _sources() for key in LITERAL.findall(path.read_text(encoding="utf-8"))}
    used |= {prefix + value for prefix, values in FAMILIES.items() for value in values}
    assert used - TEXT_KEYS.keys() == set()


def test_every_declared_text_is_used() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in _sources())
    dynamic = {prefix + value for prefix, values in FAMILIES.items() for value in values}
    unused = {k for k in TEXT_KEYS if f'"{k}"' not in code and f"'{k}'" not in code and k not in dynamic}
    assert unused == set()
    # A family is built in the code: its prefix is there, quoted.
    assert [prefix for prefix in FAMILIES if f'"{prefix}' not in code] == []


def test_a_missing_text_is_reported(data: Path) -> None:
    path = data / "texts.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  welcome:\n", "  welcom:\n", 1), encoding="utf-8"
    )
    problems = knowledge_problems(data)
    assert any(p.split(":")[0].endswith("texts.yaml") and "text 'welcome' is missing" in p for p in problems)


def test_a_misspelt_placeholder_is_reported_at_its_line(data: Path) -> None:
    path = data / "texts.yaml"
    text = path.read_text(encoding="utf-8")
    assert "{capabilities}" in text
    path.write_text(text.replace("{capabilities}", "{capabilitis}", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text("utf-8").splitlines(), 1) if "{capabilitis}" in row)
    problems = knowledge_problems(data)
    assert any(
        p.startswith(f"{path}:{line}:") or f"texts.yaml:{line}:" in p
        for p in problems
        if "{capabilitis}" in p
    ), problems
