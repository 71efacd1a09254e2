"""Shared fixtures: the repository root and one engine loaded from the real knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import Engine


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (where pyproject.toml is)."""
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the packaged knowledge base, loaded once per test session."""
    return Engine.load()
