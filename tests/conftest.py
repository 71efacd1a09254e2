"""Shared fixtures: the repository root and one engine loaded from the real knowledge base."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from knowledge import Engine

# In CI the same examples every run, so a failure is a change, not luck; locally, explore.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (where pyproject.toml is)."""
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the packaged knowledge base, loaded once per test session."""
    return Engine.load()
