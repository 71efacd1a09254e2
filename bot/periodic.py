"""Run a small job on the event loop every few seconds, from start to stop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable


class Periodic:
    """Calls ``job`` every ``every`` seconds while started (first at once when ``now``)."""

    def __init__(self, name: str, job: Callable[[], object], every: float, *, now: bool = False) -> None:
        self.name = name
        self.job = job
        self.every = every
        self.now = now
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start calling the job (again a no-op while started)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=self.name)

    async def stop(self) -> None:
        """Stop calling the job."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        if self.now:
            self.job()
        while True:
            await asyncio.sleep(self.every)
            self.job()
