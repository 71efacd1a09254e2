"""A fake Telegram Bot API server, over real HTTP, for the end-to-end, fault and benchmark runs.

``FakeBotApi`` serves HTTP on 127.0.0.1 (an ephemeral port) in the running event loop, with
tornado. A bot points its ``base_url`` at ``fake.base_url``; python-telegram-bot then calls
``{base_url}<token>/<method>`` as it would call Telegram.

What it does, with Telegram's semantics where they matter to this bot:

- a malformed token gets 404 Not Found, a wrong one 401 Unauthorized, a method the bot does not
  call 404 Not Found (Telegram's error JSON each time); bodies are JSON or forms (PTB posts forms
  whose non-string values are JSON);
- ``getUpdates`` long-polls: updates below ``offset`` are confirmed and dropped, a negative offset
  counts from the end, ``limit`` caps the batch, ``timeout`` is how long to wait for a first update
  (capped, so a test never hangs), ``allowed_updates`` filters; a second concurrent ``getUpdates``
  ends the first with 409 Conflict, as does ``getUpdates`` while a webhook is set; a long poll
  whose client went away hands out nothing (``delivered`` counts what was answered);
- every call is checked by the Telegram rules (``rules.py``), then against the server's state (a
  known chat, an open query answered once, a bot message to edit, a change to make), and answered
  400 Bad Request otherwise, so a bot that would fail against Telegram fails here too;
- every call is recorded in order (``calls``, ``wait_for``), every message sent in ``posted``.

Faults
------

A ``Fault`` replaces the handling of one call, which is then **not processed**: no message is
sent, no update is confirmed or delivered, nothing changes on the server. ``Fault.error(500)`` is
an HTTP error with Telegram's error JSON; ``Fault.flood(retry_after)`` a 429 with
``parameters.retry_after``; ``Fault.drop()`` closes the connection without an answer;
``Fault.slow(delay)`` answers nothing for ``delay`` seconds (longer than the client waits, so the
client times out), then closes the connection, or, with ``then=504``, answers 504 if the client is
still there.

Real Telegram may process a request whose client timed out or whose connection broke; the fake
never does, on purpose: a fault that delivers a message and then fails would make exactly-once
delivery impossible for any client, since the Bot API has no idempotency key to make a retry safe.

Schedules, per method (case-insensitive): ``inject(method, [fault_or_None, …])`` scripts the next
calls in order (``None`` serves a call normally); ``inject_randomly(method, faults, probability,
seed=…)`` faults each later call with a seeded RNG (optionally at most ``max_run`` in a row);
``fail_next(method, status, count)`` is ``inject`` with ``count`` equal errors. ``clear_faults``
removes what is left. A faulted call is recorded with its ``fault``; a connection closed without
an answer has the status ``DROPPED`` (444, nginx's "no response"); ``fault_counts`` sums them up.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import socket
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from http import HTTPStatus
from types import TracebackType
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from tests.doubles.objects import BOT_USER, JSON, TOKEN, text_message
from tests.doubles.rules import METHODS, call_problems, html_to_plain

LOOPBACK = "127.0.0.1"
MAX_POLL_SECONDS = 10.0  # the longest a getUpdates long poll waits here, whatever the bot asks
CLOSE_SECONDS = 2.0  # how long closing the server waits for open connections
DROPPED = 444  # the status of a call whose connection was closed without an answer (nginx's)

_TOKEN = re.compile(r"\d+:[A-Za-z0-9_-]{35}")
_METHOD_NAMES = {method.lower(): method for method in METHODS}  # Telegram's are case-insensitive
# The bot's parameters that are text: never JSON-decoded from a form, even when they look like it.
_STRING_PARAMS = frozenset(
    {"text", "parse_mode", "callback_query_id", "inline_query_id", "url", "secret_token", "language_code"}
)
# Telegram's default when allowed_updates was never given: all but these three.
_DEFAULT_UPDATES = frozenset(Update.ALL_TYPES) - {"chat_member", "message_reaction", "message_reaction_count"}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)


class ApiError(Exception):
    """A Telegram error answer: the HTTP status and the description."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def bad_request(reason: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: …" description."""
    return ApiError(400, f"Bad Request: {reason}")


class FaultKind(StrEnum):
    """What an injected fault does instead of serving the call."""

    STATUS = "status"  # an HTTP error answer (5xx, 429)
    SLOW = "slow"  # no answer within the client's timeout
    DROP = "drop"  # the connection closed without an answer


@dataclass(frozen=True)
class Fault:
    """One injected fault; the faulted call is never processed (see the module docstring).

    Build one with ``Fault.error``, ``Fault.flood``, ``Fault.slow`` or ``Fault.drop``.
    """

    kind: FaultKind
    status: int = 0
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0

    @classmethod
    def error(cls, status: int = 500, description: str | None = None) -> Fault:
        """An HTTP error answer with Telegram's error JSON (a 429 gets ``retry_after`` 1)."""
        if status == HTTPStatus.TOO_MANY_REQUESTS:
            return cls.flood(1, description)
        if not 400 <= status <= 599:
            raise ValueError(f"not an HTTP error status: {status}")
        return cls(FaultKind.STATUS, status, description or HTTPStatus(status).phrase)

    @classmethod
    def flood(cls, retry_after: int = 1, description: str | None = None) -> Fault:
        """429 Too Many Requests, with ``parameters.retry_after`` (whole seconds, as Telegram's)."""
        if retry_after < 1:
            raise ValueError("retry_after must be at least 1 second")
        text = description or f"Too Many Requests: retry after {retry_after}"
        return cls(FaultKind.STATUS, int(HTTPStatus.TOO_MANY_REQUESTS), text, retry_after)

    @classmethod
    def slow(cls, delay: float, then: int | None = None) -> Fault:
        """Nothing for ``delay`` seconds, then close the connection (or answer ``then``, e.g. 504)."""
        if delay <= 0:
            raise ValueError("delay must be positive")
        if then is None:
            return cls(FaultKind.SLOW, delay=delay)
        return cls(FaultKind.SLOW, then, HTTPStatus(then).phrase, delay=delay)

    @classmethod
    def drop(cls) -> Fault:
        """Close the connection without an HTTP answer."""
        return cls(FaultKind.DROP)

    @property
    def label(self) -> str:
        """A short name for counting: the status (``"500"``, ``"429"``), ``"slow"`` or ``"drop"``."""
        return str(self.status) if self.kind is FaultKind.STATUS else self.kind.value


@dataclass
class Call:
    """One authorised call the bot made: its method, its parameters and what the fake answered.

    ``status`` is 0 while a long poll is still waiting, ``DROPPED`` when the connection was closed
    without an answer; ``result`` is the ``result`` of a successful answer (the sent message for
    sendMessage), ``error`` the description of a failed one; ``problems`` what the Telegram rules
    found wrong with it; ``fault`` the fault injected, if any; ``content_type`` the body's.
    """

    method: str
    params: JSON
    status: int = 0
    result: Any = None
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    fault: Fault | None = None
    content_type: str = ""  # of the request's body

    @property
    def ok(self) -> bool:
        """Whether the fake answered 200 OK."""
        return self.status == HTTPStatus.OK


@dataclass
class _RandomFaults:
    faults: tuple[Fault, ...]
    probability: float
    rng: random.Random
    max_run: int | None
    # Faulted calls in a row, by chat: a message's retries are its chat's calls, whatever
    # other chats' calls come between them.
    runs: dict[object, int] = field(default_factory=dict)


@dataclass
class _Schedule:
    """The faults of one method: a script for the next calls, then maybe random ones."""

    script: deque[Fault | None] = field(default_factory=deque)
    randomly: _RandomFaults | None = None

    def take(self, chat: object = None) -> Fault | None:
        if self.script:
            return self.script.popleft()
        chance = self.randomly
        if chance is None:
            return None
        # One draw per call whatever happens, so a seed gives the same decisions every run.
        draw, pick = chance.rng.random(), chance.rng.choice(chance.faults)
        run = chance.runs.get(chat, 0)
        if draw >= chance.probability or (chance.max_run is not None and run >= chance.max_run):
            chance.runs[chat] = 0
            return None
        chance.runs[chat] = run + 1
        return pick

    @property
    def empty(self) -> bool:
        return not self.script and self.randomly is None


@dataclass
class _Poll:
    """One getUpdates request, while it waits."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)
    superseded: bool = False
    gone: bool = False


def _update_type(update: JSON) -> str | None:
    return next((key for key in Update.ALL_TYPES if key in update), None)


def _decode_form_value(name: str, value: str) -> Any:
    """A form value as the JSON value python-telegram-bot encoded, or the string itself."""
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _number(params: JSON, name: str, default: float) -> float:
    try:
        return float(params.get(name) or default)
    except (TypeError, ValueError):
        raise bad_request(f'field "{name}" must be a Number') from None


class FakeBotApi:
    """A fake Bot API server on 127.0.0.1; use it as ``async with FakeBotApi() as fake``.

    Attributes:
        chats: every chat seen in an update, by id.
        delivered: how many times getUpdates has returned each update, by update_id.
        posted: every message sendMessage put in a chat, in order: what the users see, whatever
            the HTTP answer (with the faults here, always the results of the accepted calls).
        webhook: the setWebhook parameters while a webhook is set, else ``None``.
    """

    def __init__(self) -> None:
        self.chats: dict[int, JSON] = {}
        self.delivered: dict[int, int] = {}
        self.posted: list[JSON] = []
        self.webhook: JSON | None = None
        self._pending: list[JSON] = []
        self._allowed_updates = _DEFAULT_UPDATES
        self._next_update_id = 1
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._messages: dict[tuple[int, int], JSON] = {}
        self._open_queries: set[str] = set()  # callback and inline queries not yet answered
        self._calls: list[Call] = []
        self._faults: dict[str, _Schedule] = {}
        self._stopping = asyncio.Event()
        self._poll: _Poll | None = None
        self._watchers: set[asyncio.Event] = set()
        self._server: tornado.httpserver.HTTPServer | None = None
        self._port: int | None = None

    # -- lifecycle ------------------------------------------------------------------------

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def start(self) -> None:
        """Listen on 127.0.0.1, on a port the system picks."""
        if self._server is not None:
            raise RuntimeError("the fake Bot API is already serving")
        app = tornado.web.Application(
            [(r"/.*", _ApiHandler, {"fake": self})],
            log_function=lambda handler: None,  # quiet: the calls are recorded instead
        )
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((LOOPBACK, 0))
        sock.listen(128)
        sock.setblocking(False)
        self._port = sock.getsockname()[1]
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets([sock])
        self._stopping.clear()

    async def close(self) -> None:
        """Stop serving: end waiting long polls, stop listening and close the connections."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # ends the long polls and the waits of slow faults
        if self._poll is not None:
            self._poll.wake.set()
        server.stop()
        await asyncio.sleep(0)  # let the woken long polls answer
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.close_all_connections(), CLOSE_SECONDS)

    @property
    def port(self) -> int:
        """The port it listens on."""
        if self._port is None:
            raise RuntimeError("the fake Bot API is not serving")
        return self._port

    @property
    def base_url(self) -> str:
        """The ``base_url`` for python-telegram-bot: the token and the method are appended."""
        return f"http://{LOOPBACK}:{self.port}/bot"

    def method_url(self, method: str, token: str = TOKEN) -> str:
        """The full URL of one method (for calling the fake directly)."""
        return f"{self.base_url}{token}/{method}"

    # -- recording ------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls so far, in order; only those of ``method`` when given (case-insensitive)."""
        wanted = method.lower() if method is not None else None
        return [call for call in self._calls if wanted in (None, call.method.lower())]

    def methods(self) -> list[str]:
        """The method of each call so far, in order."""
        return [call.method for call in self._calls]

    def sent_messages(self, chat_id: int | None = None) -> list[JSON]:
        """The messages sent successfully with sendMessage (as returned), to ``chat_id`` if given."""
        return [
            call.result
            for call in self.calls("sendMessage")
            if call.ok and chat_id in (None, call.result["chat"]["id"])
        ]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 5.0, where: Callable[[Call], bool] | None = None
    ) -> list[Call]:
        """Wait until at least ``count`` answered calls of ``method`` (matching ``where``) are recorded.

        Returns:
            All those calls so far, in order.

        Raises:
            AssertionError: when ``timeout`` seconds pass first; it lists what was called.
        """

        def matching() -> list[Call]:
            return [c for c in self.calls(method) if c.status and (where is None or where(c))]

        await self.wait_until(lambda: len(matching()) >= count, timeout, f"{count} {method} call(s)")
        return matching()

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0, what: str = "") -> None:
        """Wait until ``condition()`` holds, checking it whenever a call is recorded or answered.

        Raises:
            AssertionError: when ``timeout`` seconds pass first; it lists what was called.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [f"{c.method}:{c.status}" for c in self._calls if c.method != "getUpdates"]
                raise AssertionError(
                    f"waited {timeout}s for {what or 'a condition'}; calls but getUpdates: {seen}"
                )
            await self._changed(remaining)

    async def assert_no_call(
        self, method: str, within: float = 0.3, where: Callable[[Call], bool] | None = None
    ) -> None:
        """Check that no new call of ``method`` (matching ``where``) comes within ``within`` seconds.

        Raises:
            AssertionError: at the first such call.
        """
        before = len([c for c in self.calls(method) if where is None or where(c)])
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (remaining := deadline - loop.time()) > 0:
            await self._changed(remaining)
            now = [c for c in self.calls(method) if where is None or where(c)]
            if len(now) > before:
                raise AssertionError(f"unexpected {method} call: {now[before].params}")

    async def _changed(self, timeout: float) -> None:
        """Wait until something is recorded or answered, at most ``timeout`` seconds."""
        event = asyncio.Event()
        self._watchers.add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            pass
        finally:
            self._watchers.discard(event)

    def _notify(self) -> None:
        for event in self._watchers:
            event.set()

    # -- fault injection ------------------------------------------------------------------

    def inject(self, method: str, schedule: Iterable[Fault | None]) -> None:
        """Script the next calls of ``method``: each one, in order, gets the next item.

        A ``Fault`` replaces the call (which is then not processed); ``None`` serves it normally.
        After the script, calls are served normally (or faulted at random, after
        ``inject_randomly``). A second script is appended to what is left of the first.
        """
        self._schedule(method).script.extend(schedule)

    def inject_randomly(
        self,
        method: str,
        faults: Sequence[Fault],
        probability: float,
        *,
        seed: int,
        max_run: int | None = None,
    ) -> None:
        """Fault each call of ``method`` not scripted by ``inject`` with ``probability``, until cleared.

        Args:
            method: the Bot API method (case-insensitive).
            faults: the faults to pick from, uniformly.
            probability: the chance that a call is faulted, from 0 to 1.
            seed: the seed of this method's RNG: the same seed, the same decisions call by call.
            max_run: at most this many faulted calls in a row for one chat (so a client retrying
                a message more than ``max_run`` times always gets through, whatever other chats'
                calls come between its tries); ``None``: no limit.
        """
        if not faults or not 0 <= probability <= 1:
            raise ValueError("give at least one fault and a probability from 0 to 1")
        if max_run is not None and max_run < 1:
            raise ValueError("max_run must be at least 1")
        rng = random.Random(seed)
        self._schedule(method).randomly = _RandomFaults(tuple(faults), probability, rng, max_run)

    def fail_next(self, method: str, status: int, count: int = 1, *, retry_after: int = 1) -> None:
        """Make the next ``count`` calls of ``method`` answer HTTP ``status`` (a 429 with ``retry_after``)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        fault = Fault.flood(retry_after) if status == HTTPStatus.TOO_MANY_REQUESTS else Fault.error(status)
        self.inject(method, [fault] * count)

    def clear_faults(self, method: str | None = None) -> None:
        """Remove the faults still scheduled: of ``method``, or of every method."""
        if method is None:
            self._faults.clear()
        else:
            self._faults.pop(method.lower(), None)

    def faults_pending(self, method: str | None = None) -> int:
        """How many scripted items (faults and normal calls) are still to come."""
        schedules = self._faults.values() if method is None else [self._schedule(method)]
        return sum(len(schedule.script) for schedule in schedules)

    def fault_counts(self, method: str | None = None) -> Counter[str]:
        """How many faults were injected so far, by ``Fault.label`` (of ``method``, if given)."""
        return Counter(call.fault.label for call in self.calls(method) if call.fault is not None)

    def _schedule(self, method: str) -> _Schedule:
        return self._faults.setdefault(method.lower(), _Schedule())

    def _take_fault(self, method: str, chat: object = None) -> Fault | None:
        schedule = self._faults.get(method.lower())
        if schedule is None:
            return None
        fault = schedule.take(chat)
        if schedule.empty:
            del self._faults[method.lower()]
        return fault

    async def _apply(self, fault: Fault, call: Call) -> tuple[int, JSON | None]:
        """What a faulted call answers: a status and a body, or ``(DROPPED, None)``."""
        if fault.kind is FaultKind.SLOW:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), fault.delay)
        if not fault.status:
            call.status, call.error = DROPPED, f"{fault.label}: closed without an answer"
            return DROPPED, None
        call.status, call.error = fault.status, fault.description
        body: JSON = {"ok": False, "error_code": fault.status, "description": fault.description}
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return call.status, body

    # -- updates ----------------------------------------------------------------------------

    def new_update(self, update: JSON) -> JSON:
        """Give an update its ``update_id`` (and its messages ids and dates) without queuing it.

        Its chats, messages and query ids become known, as for a pushed update: this is the update
        Telegram would post to a webhook.
        """
        if _update_type(update) is None:
            raise ValueError(f"not an update: {sorted(update)}")
        update = {**update, "update_id": self._next_update_id}
        self._next_update_id += 1
        for key in ("message", "edited_message"):
            if key in update:
                update[key] = self._remember(update[key])
        query = update.get("callback_query") or update.get("inline_query")
        if query is not None:
            self._open_queries.add(query["id"])
            if "message" in query:
                self._remember(query["message"])
        return update

    def push_update(self, update: JSON) -> JSON:
        """Queue an update for getUpdates; assigns its ``update_id`` (and message ids and dates).

        Returns:
            The update as queued.
        """
        update = self.new_update(update)
        self._pending.append(update)
        if self._poll is not None:
            self._poll.wake.set()
        return update

    def _remember(self, message: JSON) -> JSON:
        message = {"date": int(time.time()), **message}
        message.setdefault("message_id", next(self._message_ids))
        self.chats.setdefault(message["chat"]["id"], message["chat"])
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def push_message(self, text: str, *, user: JSON, **fields: Any) -> JSON:
        """Queue a text message from ``user``; ``fields`` are ``text_message``'s (chat, reply_to, entities).

        Returns:
            The message as queued (with its message_id).
        """
        return dict(self.push_update({"message": text_message(text, user=user, **fields)})["message"])

    def push_callback_query(self, data: str, *, user: JSON, message: JSON) -> str:
        """Queue a press of an inline keyboard button with ``data`` under ``message``; its id."""
        query_id = f"cbq{next(self._query_ids)}"
        query = {"id": query_id, "from": user, "message": message, "chat_instance": "ci-1", "data": data}
        self.push_update({"callback_query": query})
        return query_id

    def push_inline_query(self, query: str, *, user: JSON) -> str:
        """Queue an inline query ``@Bot query`` from ``user``; its id."""
        query_id = f"iq{next(self._query_ids)}"
        inline = {"id": query_id, "from": user, "query": query, "offset": "", "chat_type": "sender"}
        self.push_update({"inline_query": inline})
        return query_id

    def _updates_for(self, offset: int | None, limit: int) -> list[JSON]:
        """Confirm what ``offset`` confirms, then the next batch of allowed updates."""
        if offset is not None and offset < 0:
            self._pending = self._pending[offset:]
        elif offset is not None:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        self._pending = [u for u in self._pending if _update_type(u) in self._allowed_updates]
        return self._pending[:limit]

    # -- the methods ------------------------------------------------------------------------

    async def _serve(self, call: Call, handler: _ApiHandler) -> Any:
        """The result of one authorised call, or an ApiError."""
        method = _METHOD_NAMES.get(call.method.lower())
        if method is None:
            raise ApiError(404, "Not Found")
        call.problems = call_problems(method, call.params)
        if call.problems:
            raise bad_request("; ".join(call.problems))
        if method == "getUpdates":
            return await self._get_updates(call.params, handler)
        serve: Callable[[JSON], Any] = {
            "getMe": lambda params: BOT_USER,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "setMyCommands": lambda params: True,
            "sendMessage": self._send_message,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_query,
            "answerInlineQuery": self._answer_query,
        }[method]
        return serve(call.params)

    async def _get_updates(self, params: JSON, handler: _ApiHandler) -> list[JSON]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(_number(params, "offset", 0)) if params.get("offset") is not None else None
        limit = min(max(int(_number(params, "limit", 100)), 1), 100)
        timeout = min(max(_number(params, "timeout", 0), 0.0), MAX_POLL_SECONDS)
        if "allowed_updates" in params:
            self._allowed_updates = frozenset(params["allowed_updates"] or _DEFAULT_UPDATES)
        if self._poll is not None:  # Telegram ends the older of two concurrent long polls
            self._poll.superseded = True
            self._poll.wake.set()
        poll = handler.poll = self._poll = _Poll()
        deadline = asyncio.get_running_loop().time() + timeout
        try:
            while not ((batch := self._updates_for(offset, limit)) or self._stopping.is_set() or poll.gone):
                if poll.superseded:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    break
                poll.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(poll.wake.wait(), remaining)
        finally:
            if self._poll is poll:
                self._poll = None
        if poll.gone:
            return []  # the client left: nothing reaches it, so nothing counts as delivered
        for update in batch:
            self.delivered[update["update_id"]] = self.delivered.get(update["update_id"], 0) + 1
        return batch

    def _set_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if params.get("allowed_updates"):
            self._allowed_updates = frozenset(params["allowed_updates"])
        self.webhook = dict(params)
        return True

    def _delete_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        return True

    def _chat(self, params: JSON) -> JSON:
        chat = self.chats.get(params["chat_id"])
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _send_message(self, params: JSON) -> JSON:
        chat = self._chat(params)
        message: JSON = {
            "message_id": next(self._message_ids),
            "from": BOT_USER,
            "chat": chat,
            "date": int(time.time()),
            "text": params["text"] if params.get("parse_mode") is None else html_to_plain(params["text"]),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat["id"], message["message_id"])] = message
        self.posted.append(message)
        return message

    def _edit_message_reply_markup(self, params: JSON) -> JSON:
        message = self._messages.get((self._chat(params)["id"], params["message_id"]))
        if message is None:
            raise bad_request("message to edit not found")
        if message["from"]["id"] != BOT_USER["id"]:
            raise bad_request("message can't be edited")
        markup = params.get("reply_markup") or {"inline_keyboard": []}
        if markup == message.get("reply_markup", {"inline_keyboard": []}):
            raise bad_request(_NOT_MODIFIED)
        message["edit_date"] = int(time.time())
        message["reply_markup"] = markup
        if not markup["inline_keyboard"]:
            del message["reply_markup"]
        return message

    def _answer_query(self, params: JSON) -> bool:
        query_id = params.get("callback_query_id", params.get("inline_query_id"))
        if query_id not in self._open_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        self._open_queries.discard(str(query_id))
        return True

    # -- HTTP -------------------------------------------------------------------------------

    async def handle(self, handler: _ApiHandler) -> tuple[int, JSON | None]:
        """Answer one HTTP request: the status and Telegram's JSON body (``None``: close, no answer)."""
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z]*)", handler.request.path)
        if match is None or not _TOKEN.fullmatch(match.group(1)):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if match.group(1) != TOKEN:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        call = Call(match.group(2), {}, content_type=handler.request.headers.get("Content-Type", ""))
        self._calls.append(call)
        self._notify()
        try:
            call.params = handler.parameters()
            call.fault = self._take_fault(call.method, call.params.get("chat_id"))
            if call.fault is not None:
                return await self._apply(call.fault, call)
            call.result = await self._serve(call, handler)
            call.status = 200
            body: JSON = {"ok": True, "result": call.result}
        except ApiError as error:
            call.status, call.error = error.status, error.description
            body = {"ok": False, "error_code": error.status, "description": error.description}
        finally:
            self._notify()
        return call.status, body


class _ApiHandler(tornado.web.RequestHandler):
    """Every request to the fake goes through here; ``FakeBotApi.handle`` answers it."""

    fake: FakeBotApi
    poll: _Poll | None = None
    gone = False  # the client closed the connection before the answer

    def initialize(self, fake: FakeBotApi) -> None:
        self.fake = fake

    def parameters(self) -> JSON:
        """The call's parameters, from the query string and a JSON or form body."""
        params = {name: values[-1].decode() for name, values in self.request.query_arguments.items()}
        content_type = self.request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type != "application/json" or not self.request.body:
            params.update({name: values[-1].decode() for name, values in self.request.body_arguments.items()})
            return {name: _decode_form_value(name, value) for name, value in params.items()}
        try:
            body = json.loads(self.request.body)
        except ValueError as exc:
            raise bad_request("can't parse JSON object") from exc
        if not isinstance(body, dict):
            raise bad_request("parameters must be a JSON object")
        return {**{name: _decode_form_value(name, value) for name, value in params.items()}, **body}

    async def _answer(self) -> None:
        status, body = await self.fake.handle(self)
        if body is None or self.gone:
            # A dropped connection (no status line, no headers, nothing), or a client that left
            # (it timed out): close the connection without answering.
            self.detach().close()
            return
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))

    async def get(self) -> None:
        await self._answer()

    async def post(self) -> None:
        await self._answer()

    def on_connection_close(self) -> None:
        self.gone = True
        if self.poll is not None:
            self.poll.gone = True
            self.poll.wake.set()

    def check_xsrf_cookie(self) -> None:  # an API: no cookies
        return None


@contextlib.asynccontextmanager
async def running(
    app: Application[Any, Any, Any, Any, Any, Any], start_updater: Callable[[], Awaitable[object]]
) -> AsyncIterator[None]:
    """Run ``app`` as ``run_polling``/``run_webhook`` do, in the running loop, and always stop it.

    The order is theirs: initialize, ``post_init``, the updater (``start_updater``, which calls
    ``app.updater.start_polling`` or ``start_webhook``), start; then, whatever happened, stop the
    updater, stop (and ``post_stop``), shut down (and ``post_shutdown``).
    """
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await start_updater()
        await app.start()
        yield
    finally:
        try:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
                if app.post_stop is not None:
                    await app.post_stop(app)
        finally:
            await app.shutdown()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
