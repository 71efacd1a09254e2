"""Build long-lived structures without pauses of the cyclic garbage collector.

A build makes millions of small objects that live as long as the engine and form almost no
cycles. With the collector on, it walks them again and again while they are made (more
than half of a large build) and then on every full collection for as long as the bot runs
(seconds at 100,000 entries). So a build runs with the collector off and ends by freezing
what exists (``gc.freeze``): later collections skip those objects, while reference counting
still frees them when the engine is replaced. What a frozen engine holds in cycles (its
renderers, a few hundred small objects) stays until the process ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_collection() -> Iterator[None]:
    """Pause cyclic collection while the block runs; if it succeeds, freeze what exists."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
