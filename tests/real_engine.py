"""The engine over the packaged knowledge base, built once per test process.

A build takes over a second: the session's ``engine`` fixture and the strategies that need the
real entries, topics or commands at import share this one. (A test that needs an engine of
its own, to compare two builds, loads it.)
"""

from __future__ import annotations

from functools import cache

from knowledge import Engine


@cache
def real_engine() -> Engine:
    """The engine over ``knowledge/data``, built on the first call."""
    return Engine.load()
