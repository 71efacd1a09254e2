"""Live reloads of the knowledge base: load and validate off the event loop, swap when valid.

A :class:`Reloader` belongs to one application (``bot_data[RELOADER_KEY]``). A reload, asked
for by ``/reload`` (the runtime gives :meth:`Reloader.reload` to ``handlers.register``) or by
the file watch, loads the knowledge base in
a worker thread (``asyncio.to_thread``: the bot keeps answering meanwhile) and, only when
it is valid, replaces ``bot_data["engine"]`` in one assignment. Handlers read the engine once
per update, so a question being answered finishes with the engine it started with, and the
next one gets the new engine; nothing is dropped. An invalid knowledge base changes nothing:
the last good one goes on serving, and every problem is logged with its file and line.

Reloads run one at a time (an ``asyncio.Lock``), and requests that wait for a reload in
progress are coalesced: once it is done, one more reload runs for all of them (the files may
have changed after it started), and every waiting request gets that reload's result.

The watch uses ``watchfiles`` (inotify on Linux; ``WATCHFILES_FORCE_POLLING=1`` polls
instead, for file systems without notifications), with a debounce, so that saving several
files, or an editor's write-then-rename, gives one reload.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from watchfiles import Change, DefaultFilter, awatch

from handlers.context import ENGINE_KEY, AnyApplication, set_engine
from handlers.log import LOG_KEY
from knowledge import Engine, KnowledgeError
from knowledge.cache import knowledge_version

logger = logging.getLogger(__name__)
RELOADER_KEY = "reloader"

# The files the knowledge base is made of (YAML files, language packs included); editors' backups,
# swap files and the like are left out by watchfiles' DefaultFilter.
KNOWLEDGE_SUFFIXES = (".yaml", ".yml")
# Changes are grouped until none came for WATCH_STEP_MS, and for at most WATCH_DEBOUNCE_MS.
WATCH_STEP_MS = 300
WATCH_DEBOUNCE_MS = 3000
# How long starting waits for the watch to be in place, and stopping for it (and a reload it
# may be running) to end before cancelling it.
START_TIMEOUT = 5.0
STOP_TIMEOUT = 5.0

Loader = Callable[[Path], Engine]
MenuSetter = Callable[[AnyApplication], Awaitable[None]]


@dataclass(frozen=True)
class ReloadResult:
    """How one reload went.

    Attributes:
        engine: the new engine, now serving; None when the reload failed.
        problems: why it failed, each as ``file:line: message`` (the first 50, then a line
            saying how many more); empty on success.
        seconds: the time taken to load, validate and index.
        count: how many problems were found in all.
    """

    engine: Engine | None
    problems: tuple[str, ...]
    seconds: float
    count: int = 0


class _KnowledgeFiles(DefaultFilter):
    """Changes to the knowledge base's own files, not to editors' temporary files."""

    def __call__(self, change: Change, path: str) -> bool:
        return path.endswith(KNOWLEDGE_SUFFIXES) and super().__call__(change, path)


class _StopEvent(asyncio.Event):
    """The watch's stop signal, which also tells when the watch is in place.

    watchfiles' watch thread calls ``is_set`` on every step once its file system watches are
    set up: the first call sets ``ready``, from that thread, through the event loop.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ready = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._told = False

    def is_set(self) -> bool:
        if not self._told:
            self._told = True
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
                self._loop.call_soon_threadsafe(self.ready.set)
        return super().is_set()


class Reloader:
    """Reloads one application's knowledge base, on request or when its files change.

    Args:
        application: the application whose ``bot_data["engine"]`` is replaced.
        root: the knowledge base folder (``KNOWLEDGE_DIR``, or the packaged ``knowledge/data``).
        set_menus: sets the command menus again after a reload that changed the topics.
        watch: whether :meth:`start_watching` watches ``root``.
        load: loads, validates and indexes a knowledge base (``Engine.load``); runs in a thread.
    """

    def __init__(
        self,
        application: AnyApplication,
        root: Path,
        *,
        set_menus: MenuSetter | None = None,
        watch: bool = False,
        load: Loader = Engine.load,
    ) -> None:
        self.application = application
        self.root = root
        self.watch = watch
        self.load = load
        self.step_ms = WATCH_STEP_MS
        self.debounce_ms = WATCH_DEBOUNCE_MS
        self._set_menus = set_menus
        self._lock = asyncio.Lock()
        self._started = 0  # reloads started so far
        self._last: ReloadResult | None = None
        self._stop: _StopEvent | None = None
        self._task: asyncio.Task[None] | None = None

    def install(self) -> Reloader:
        """Put this reloader in the application's ``bot_data``, where the watch's start and stop find it."""
        self.application.bot_data[RELOADER_KEY] = self
        return self

    @property
    def watching(self) -> bool:
        """Whether the file watch is running."""
        return self._task is not None and not self._task.done()

    # -- reloading ---------------------------------------------------------------------

    async def reload(self, reason: str) -> ReloadResult:
        """Load the knowledge base again; swap it in if it is valid. Never raises for bad data.

        Args:
            reason: what asked for the reload, for the log.
        """
        seen = self._started
        async with self._lock:
            if self._started > seen and self._last is not None:
                # A reload started after this request and has just finished: it read the
                # files as they are now, so its result answers this request too.
                logger.info("Reload (%s) coalesced with the one that just ran", reason)
                return self._last
            self._started += 1
            result = await self._load()
            if result.engine is not None:
                await self._swap(result, reason)
            else:
                self._report_failure(result, reason)
            self._last = result
            return result

    async def _load(self) -> ReloadResult:
        start = time.perf_counter()
        try:
            engine = await asyncio.to_thread(self.load, self.root)
        except KnowledgeError as error:
            report = tuple(error.report())  # the first 50, and how many more
            return ReloadResult(None, report, time.perf_counter() - start, len(error.problems))
        except Exception as error:  # a bug, or a file system error: still keep the last good one
            logger.exception("Unexpected error while reloading the knowledge base from %s", self.root)
            problem = f"{self.root}: unexpected error: {type(error).__name__}: {error}"
            return ReloadResult(None, (problem,), time.perf_counter() - start, 1)
        return ReloadResult(engine, (), time.perf_counter() - start, 0)

    async def _swap(self, result: ReloadResult, reason: str) -> None:
        engine = result.engine
        assert engine is not None
        old = self.application.bot_data.get(ENGINE_KEY)
        set_engine(self.application, engine)  # one assignment: each update sees old or new
        log = self.application.bot_data.get(LOG_KEY)
        if log is not None:  # records from now on name the new version of the knowledge base
            log.kb_version = knowledge_version(self.root)
        logger.info(
            "Reloaded the knowledge base from %s (%s): %d entries, %d topics in %.2f s",
            self.root,
            reason,
            len(engine.entries),
            len(engine.topics),
            result.seconds,
        )
        # The menus list the topics: set them again when those changed (a failure there is
        # logged, never raised; the new knowledge base serves either way).
        if self._set_menus is not None and (not isinstance(old, Engine) or old.topics != engine.topics):
            try:
                await self._set_menus(self.application)
            except Exception:
                logger.exception("Could not set the command menus after the reload")

    def _report_failure(self, result: ReloadResult, reason: str) -> None:
        logger.error(
            "Reload (%s) failed: %d problem(s) in %s; still serving the last good knowledge base",
            reason,
            result.count,
            self.root,
        )
        for problem in result.problems:
            logger.error("Knowledge base problem: %s", problem)

    # -- watching ----------------------------------------------------------------------

    async def start_watching(self, timeout: float = START_TIMEOUT) -> None:
        """Start watching ``root`` in a task of its own, if this reloader watches; else nothing.

        Returns once the watch is in place (so an edit from then on is seen), or has failed
        (logged), or after ``timeout`` seconds.
        """
        if not self.watch or self.watching:
            return
        self._stop = stop = _StopEvent()
        self._task = task = asyncio.create_task(self._watch(stop), name="knowledge-watch")
        ready = asyncio.create_task(stop.ready.wait())
        await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if ready.done():
            logger.info("Watching %s: edits to the knowledge base are reloaded", self.root)
            return
        ready.cancel()
        if not task.done():
            logger.warning("The watch of %s is not in place after %.0f s", self.root, timeout)

    async def stop_watching(self, timeout: float = STOP_TIMEOUT) -> None:
        """Stop the watch; a reload it is running finishes first (up to ``timeout`` seconds)."""
        task, stop = self._task, self._stop
        self._task = self._stop = None
        if task is None or stop is None:
            return
        stop.set()  # awatch notices within one step
        done, _ = await asyncio.wait({task}, timeout=timeout)
        if not done:
            logger.warning("The knowledge base watch did not stop within %.0f s: cancelled", timeout)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        logger.info("Stopped watching %s", self.root)

    async def _watch(self, stop: _StopEvent) -> None:
        try:
            async for changes in awatch(
                self.root,
                watch_filter=_KnowledgeFiles(),
                debounce=self.debounce_ms,
                step=self.step_ms,
                stop_event=stop,
                recursive=True,
            ):
                names = sorted({Path(path).name for _, path in changes})
                await self.reload(f"changed: {', '.join(names)}")
        except Exception:
            # The bot goes on serving, and /reload still works.
            logger.exception("The watch of %s stopped on an error; /reload still reloads", self.root)


def get_reloader(application: AnyApplication) -> Reloader | None:
    """The reloader installed in ``application``, if any."""
    reloader = application.bot_data.get(RELOADER_KEY)
    return reloader if isinstance(reloader, Reloader) else None


def enable_watch(application: AnyApplication) -> None:
    """Make ``post_init`` (:func:`start_watching`) watch the knowledge base folder for edits."""
    reloader = get_reloader(application)
    if reloader is not None:
        reloader.watch = True


async def start_watching(application: AnyApplication) -> None:
    """Start the file watch of the application's reloader (if it has one that watches)."""
    reloader = get_reloader(application)
    if reloader is not None:
        await reloader.start_watching()


async def stop_watching(application: AnyApplication) -> None:
    """Stop the file watch of the application's reloader; safe to call more than once."""
    reloader = get_reloader(application)
    if reloader is not None:
        await reloader.stop_watching()
