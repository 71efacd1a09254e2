"""Every fact of the fact sheet is reachable: each question of the coverage list is answered
by the entry that holds the fact, and the reply states it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.evaluate import element_matches
from knowledge import Engine

COVERAGE = Path(__file__).parents[1] / "knowledge" / "data" / "coverage.yaml"
ITEMS: list[dict[str, Any]] = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))


def test_the_coverage_list_names_real_entries(engine: Engine) -> None:
    unknown = {item["entry"] for item in ITEMS} - set(engine.entries)
    assert not unknown


def test_every_entry_is_covered(engine: Engine) -> None:
    assert set(engine.entries) <= {item["entry"] for item in ITEMS}


@pytest.mark.parametrize("item", ITEMS, ids=[item["fact"][:60] for item in ITEMS])
def test_fact_is_answered(engine: Engine, item: dict[str, Any]) -> None:
    answer = engine.ask(item["question"])
    assert answer.answered, answer.text
    assert answer.entry_id == item["entry"], f"answered by {answer.entry_id}: {answer.text}"
    missing = [e for e in item["expect"] if not element_matches(e, answer.text)]
    assert not missing, f"{answer.entry_id}: {answer.text}"
