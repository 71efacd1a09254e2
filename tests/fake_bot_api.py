"""A fake Telegram Bot API server for end-to-end tests.

``FakeBotApi`` serves HTTP on 127.0.0.1 (an ephemeral port) in the test's own event loop, with
tornado. A bot under test points its ``base_url`` at ``fake.base_url``; python-telegram-bot then
calls ``{base_url}<token>/<method>`` as it would call Telegram.

What it does, with Telegram's semantics where they matter to a bot:

- the token in the path is checked: a malformed one gets 404 Not Found, a well-formed but wrong one
  401 Unauthorized; an unknown method gets 404 Not Found (Telegram's error JSON each time);
- bodies are read as JSON or as forms (python-telegram-bot posts forms whose non-string values are
  JSON-encoded strings);
- ``getUpdates`` long-polls: updates below ``offset`` are confirmed and dropped, a negative offset
  counts from the end, ``limit`` caps the batch, ``timeout`` is how long to wait for a first update
  (capped, so a test never hangs), ``allowed_updates`` filters; a second concurrent ``getUpdates``
  ends the first with 409 Conflict, and ``getUpdates`` while a webhook is set is a 409 too; a long
  poll whose client went away hands out nothing (``delivered`` counts what was answered);
- the sending methods check what Telegram checks (a known chat, a non-empty text of at most 4096
  characters, parseable HTML, callback data of 1 to 64 bytes, at most 50 inline results with unique
  ids of at most 64 bytes, a known and not yet answered query id, …) and answer a 400 Bad Request
  otherwise, so a bot that would fail against Telegram fails here too;
- every call is recorded in order (``calls``, ``wait_for``), every message sent in ``posted``;
- faults can be injected per method (see "Faults" below), then cleared.

Faults
------

A ``Fault`` replaces the handling of one call; the call is then **not processed**: no message is
sent, no update is confirmed or delivered, nothing changes on the server. The kinds:

- ``Fault.error(500)``, ``Fault.error(502)``, …: an HTTP error with Telegram's error JSON;
- ``Fault.flood(retry_after)``: 429 Too Many Requests with ``parameters.retry_after``;
- ``Fault.drop()``: the connection is closed without any HTTP response;
- ``Fault.slow(delay)``: nothing for ``delay`` seconds (longer than the client waits, so the client
  times out), then the connection is closed without a response, or, with ``then=504``, a
  504 Gateway Timeout if the client is still there.

Real Telegram may process a request whose client timed out or whose connection broke; the fake
never does, on purpose: a fault that delivers a message and then fails would make exactly-once
delivery impossible for any client, since the Bot API has no idempotency key to make a retry safe.

Schedules, per method (case-insensitive): ``inject(method, [fault_or_None, …])`` scripts the next
calls in order (``None`` serves a call normally); ``inject_randomly(method, faults, probability,
seed=…)`` faults each later call with a seeded RNG (optionally at most ``max_run`` in a row);
``fail_next(method, status, count)`` is ``inject`` with ``count`` equal errors. ``clear_faults``
removes what is left. A faulted call is recorded with its ``fault``; a connection closed without
an answer has the status ``DROPPED`` (444, nginx's "no response"); ``fault_counts`` sums them up.

Updates are built with ``push_message``, ``push_callback_query``, ``push_inline_query`` or pushed as
dicts with ``push_update``, which assigns the ``update_id``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
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
from telegram.ext import Application
from telegram_rules import HTML_TAGS, INLINE_BUTTON_ACTIONS

BOT_TOKEN = "123456:" + "A" * 35
BOT_USERNAME = "KzItBot"
LOOPBACK = "127.0.0.1"

# The longest a getUpdates long poll waits here, whatever timeout the bot asks for.
MAX_POLL_SECONDS = 10.0
# How long closing the server waits for open connections.
CLOSE_SECONDS = 2.0
# The status recorded for a call whose connection was closed without an answer (nginx's 444).
DROPPED = 444

TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{35}$")
# Parameters that are text: never JSON-decoded from a form, even when they look like a number.
STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "next_offset",
        "query",
        "language_code",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
    }
)
UPDATE_TYPES = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "message_reaction",
    "message_reaction_count",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
)
# Telegram's default when allowed_updates was never given: all but these three.
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
MAX_MESSAGE_CHARS = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID_BYTES = 64
MAX_CALLBACK_ANSWER_CHARS = 200
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
BOT_COMMAND_IN_TEXT = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
MENTION_IN_TEXT = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{5,32}")
BUTTON_KINDS = frozenset(INLINE_BUTTON_ACTIONS)


class ApiError(Exception):
    """A Telegram error answer: the HTTP status, the description and any parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


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
    sendMessage), ``error`` the description of a failed one; ``fault`` the fault injected, if any.
    """

    method: str
    params: dict[str, Any]
    status: int = 0
    result: Any = None
    error: str | None = None
    fault: Fault | None = None

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
    run: int = 0


@dataclass
class _Schedule:
    """The faults of one method: a script for the next calls, then maybe random ones."""

    script: deque[Fault | None] = field(default_factory=deque)
    randomly: _RandomFaults | None = None

    def take(self) -> Fault | None:
        if self.script:
            return self.script.popleft()
        chance = self.randomly
        if chance is None:
            return None
        # One draw per call whatever happens, so a seed gives the same decisions every run.
        draw, pick = chance.rng.random(), chance.rng.choice(chance.faults)
        if draw >= chance.probability or (chance.max_run is not None and chance.run >= chance.max_run):
            chance.run = 0
            return None
        chance.run += 1
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


def utf16_len(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def text_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` and ``mention`` entities Telegram would attach to ``text``."""
    found: list[tuple[int, int, str]] = []
    found += [(m.start(), m.end(), "bot_command") for m in BOT_COMMAND_IN_TEXT.finditer(text)]
    commands = [(start, end) for start, end, _ in found]
    for m in MENTION_IN_TEXT.finditer(text):
        if not any(start <= m.start() < end for start, end in commands):
            found.append((m.start(), m.end(), "mention"))
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in sorted(found)
    ]


def html_to_plain(text: str) -> str:
    """The plain text Telegram shows for an HTML-formatted message.

    Raises:
        ApiError: 400 "can't parse entities" where Telegram's parser would refuse the text.
    """
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = re.match(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>", text[i:])
            if match is None:
                where = len(text[:i].encode())
                raise bad_request(f'can\'t parse entities: Unsupported start tag "" at byte offset {where}')
            closing, name, _attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in HTML_TAGS:
                where = len(text[:i].encode())
                raise bad_request(
                    f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {where}'
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise bad_request(
                        f'can\'t parse entities: Unexpected end tag "{name}" at byte offset '
                        f"{len(text[:i].encode())}"
                    )
                stack.pop()
            else:
                stack.append(name)
            i += match.end()
        elif char == "&":
            match = re.match(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);", text[i:])
            if match is None:
                out.append(char)
                i += 1
                continue
            name = match.group(1)
            if name.startswith("#"):
                out.append(html.unescape(match.group(0)))
            elif name in HTML_ENTITIES:
                out.append(HTML_ENTITIES[name])
            else:  # Telegram leaves an unsupported named entity as it is
                out.append(match.group(0))
            i += match.end()
        else:
            out.append(char)
            i += 1
    if stack:
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(out)


def _update_type(update: dict[str, Any]) -> str | None:
    return next((key for key in UPDATE_TYPES if key in update), None)


def _decode_form_value(name: str, value: str) -> Any:
    """A form value as the JSON value python-telegram-bot encoded, or the string itself."""
    if name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise bad_request(f"field {name!r} must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            pass
    raise bad_request(f"field {name!r} must be an integer")


def _seconds(value: Any, name: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise bad_request(f"field {name!r} must be a number")


class FakeBotApi:
    """A fake Bot API server on 127.0.0.1; use it as ``async with FakeBotApi() as fake``.

    Attributes:
        token: the one token it accepts.
        bot_user: what getMe answers.
        chats: every chat seen in a pushed update or given to ``add_chat``, by id.
        delivered: how many times getUpdates has returned each update, by update_id.
        posted: every message sendMessage put in a chat, in order: what the users see, whatever
            the HTTP answer (with the faults here, always the results of the accepted calls).
        webhook: the setWebhook parameters while a webhook is set, else ``None``.
    """

    def __init__(self, token: str = BOT_TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "KzIt",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.chats: dict[int, dict[str, Any]] = {}
        self.delivered: dict[int, int] = {}
        self.posted: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self._pending: list[dict[str, Any]] = []
        self._allowed_updates: frozenset[str] | None = None
        self._next_update_id = 1
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._open_callback_queries: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._calls: list[Call] = []
        self._faults: dict[str, _Schedule] = {}
        self._stopping = asyncio.Event()
        self._poll: _Poll | None = None
        self._watchers: set[asyncio.Event] = set()
        self._server: tornado.httpserver.HTTPServer | None = None
        self._port: int | None = None
        self._closing = False

    # -- lifecycle ------------------------------------------------------------------------

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
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
        self._closing = False
        self._stopping.clear()

    async def close(self) -> None:
        """Stop serving: end waiting long polls, stop listening and close the connections."""
        server, self._server = self._server, None
        if server is None:
            return
        self._closing = True
        self._stopping.set()  # ends the waits of slow faults
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

    def method_url(self, method: str, token: str | None = None) -> str:
        """The full URL of one method (for calling the fake directly)."""
        return f"{self.base_url}{self.token if token is None else token}/{method}"

    # -- recording ------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls so far, in order; only those of ``method`` when given (case-insensitive)."""
        if method is None:
            return list(self._calls)
        wanted = method.lower()
        return [call for call in self._calls if call.method.lower() == wanted]

    def methods(self) -> list[str]:
        """The method of each call so far, in order."""
        return [call.method for call in self._calls]

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        where: Callable[[Call], bool] | None = None,
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

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The messages sent successfully with sendMessage (as returned), to ``chat_id`` if given."""
        return [
            call.result
            for call in self.calls("sendMessage")
            if call.ok and (chat_id is None or call.result["chat"]["id"] == chat_id)
        ]

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
            max_run: at most this many faulted calls in a row (so a client retrying more than
                ``max_run`` times always gets through); ``None``: no limit.
        """
        if not faults or not 0 <= probability <= 1:
            raise ValueError("give at least one fault and a probability from 0 to 1")
        if max_run is not None and max_run < 1:
            raise ValueError("max_run must be at least 1")
        rng = random.Random(seed)
        self._schedule(method).randomly = _RandomFaults(tuple(faults), probability, rng, max_run)

    def fail_next(
        self,
        method: str,
        status: int,
        count: int = 1,
        *,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` answer HTTP ``status`` with Telegram's error JSON.

        Args:
            method: the Bot API method (case-insensitive).
            status: the HTTP status, e.g. 500, 502 or 429.
            count: how many calls fail; later ones are served as usual.
            description: the error's description (default: the status phrase, as Telegram's
                "Too Many Requests: retry after N" for 429).
            retry_after: for 429, the seconds put in ``parameters.retry_after`` (default 1).
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        if status == HTTPStatus.TOO_MANY_REQUESTS:
            fault = Fault.flood(retry_after or 1, description)
        else:
            fault = Fault.error(status, description)
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

    def _take_fault(self, method: str) -> Fault | None:
        schedule = self._faults.get(method.lower())
        if schedule is None:
            return None
        fault = schedule.take()
        if schedule.empty:
            del self._faults[method.lower()]
        return fault

    async def _apply(self, fault: Fault, call: Call) -> tuple[int, dict[str, Any] | None]:
        """What a faulted call answers: a status and a body, or ``(DROPPED, None)``."""
        if fault.kind is FaultKind.SLOW:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), fault.delay)
        if fault.kind is not FaultKind.STATUS and not fault.status:
            call.status, call.error = DROPPED, f"{fault.label}: closed without an answer"
            return DROPPED, None
        call.status, call.error = fault.status, fault.description
        body: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return call.status, body

    # -- updates ----------------------------------------------------------------------------

    def add_chat(self, chat: dict[str, Any]) -> None:
        """Make a chat known, as if the bot had been added to it."""
        self.chats[chat["id"]] = chat

    def new_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Give an update its ``update_id`` (and its messages ids and dates) without queuing it.

        Its chats, messages and query ids become known, as for a pushed update: this is the update
        Telegram would post to a webhook.
        """
        if _update_type(update) is None:
            raise ValueError(f"not an update: {sorted(update)}")
        update = {**update, "update_id": self._next_update_id}
        self._next_update_id += 1
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if key in update:
                update[key] = self._remember(update[key])
        query = update.get("callback_query")
        if query is not None:
            self._open_callback_queries.add(query["id"])
            if "message" in query:
                self._remember(query["message"])
        if "inline_query" in update:
            self._open_inline_queries.add(update["inline_query"]["id"])
        return update

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates; assigns its ``update_id`` (and message ids and dates).

        Returns:
            The update as queued.
        """
        update = self.new_update(update)
        self._pending.append(update)
        if self._poll is not None:
            self._poll.wake.set()
        return update

    def _remember(self, message: dict[str, Any]) -> dict[str, Any]:
        message = {"date": int(time.time()), **message}
        if "message_id" not in message:
            message["message_id"] = next(self._message_ids)
        self.chats.setdefault(message["chat"]["id"], message["chat"])
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def push_message(
        self,
        text: str,
        *,
        user: dict[str, Any],
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from ``user`` in ``chat`` (default: the private chat with ``user``).

        Bot commands and mentions get their entities as Telegram computes them, unless
        ``entities`` is given.

        Returns:
            The message as queued (with its message_id).
        """
        message = text_message(text, user=user, chat=chat, reply_to=reply_to, entities=entities)
        return dict(self.push_update({"message": message})["message"])

    def push_callback_query(self, data: str, *, user: dict[str, Any], message: dict[str, Any]) -> str:
        """Queue a press of an inline keyboard button with ``data`` under ``message``.

        Returns:
            The callback query's id.
        """
        query_id = f"cbq{next(self._query_ids)}"
        query = {"id": query_id, "from": user, "message": message, "chat_instance": "ci-1", "data": data}
        self.push_update({"callback_query": query})
        return query_id

    def push_inline_query(self, query: str, *, user: dict[str, Any], offset: str = "") -> str:
        """Queue an inline query ``@Bot query`` from ``user``.

        Returns:
            The inline query's id.
        """
        query_id = f"iq{next(self._query_ids)}"
        self.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user,
                    "query": query,
                    "offset": offset,
                    "chat_type": "sender",
                }
            }
        )
        return query_id

    def _updates_for(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        """Confirm what ``offset`` confirms, then the next batch of allowed updates."""
        if offset is not None and offset < 0:
            self._pending = self._pending[offset:]
        elif offset is not None:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        allowed = self._allowed_updates
        if allowed is None:
            allowed = frozenset(UPDATE_TYPES) - DEFAULT_EXCLUDED_UPDATES
        self._pending = [u for u in self._pending if _update_type(u) in allowed]
        return self._pending[:limit]

    # -- the methods ------------------------------------------------------------------------

    async def _serve(self, method: str, params: dict[str, Any], handler: _ApiHandler) -> Any:
        """The result of one authorised call, or an ApiError."""
        key = method.lower()
        if key == "getupdates":
            return await self._get_updates(params, handler)
        serve = self._methods().get(key)
        if serve is None:
            raise ApiError(404, "Not Found")
        return serve(params)

    def _methods(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "getme": lambda params: self.bot_user,
            "logout": lambda params: True,
            "close": lambda params: True,
            "getwebhookinfo": self._get_webhook_info,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "answerinlinequery": self._answer_inline_query,
            "setmycommands": self._set_my_commands,
            "deletemycommands": lambda params: True,
            "setmydescription": lambda params: True,
            "setmyshortdescription": lambda params: True,
            "setchatmenubutton": lambda params: True,
            "sendchataction": self._send_chat_action,
        }

    async def _get_updates(self, params: dict[str, Any], handler: _ApiHandler) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params["offset"], "offset") if params.get("offset") is not None else None
        limit = min(max(_as_int(params.get("limit", 100), "limit"), 1), 100)
        timeout = min(max(_seconds(params.get("timeout", 0), "timeout"), 0.0), MAX_POLL_SECONDS)
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            if not isinstance(allowed, list):
                raise bad_request('field "allowed_updates" must be an Array')
            self._allowed_updates = frozenset(allowed) if allowed else None
        if self._poll is not None:  # Telegram ends the older of two concurrent long polls
            self._poll.superseded = True
            self._poll.wake.set()
        poll = _Poll()
        self._poll = poll
        handler.poll = poll
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                batch = self._updates_for(offset, limit)
                if batch or self._closing or poll.gone:
                    break
                if poll.superseded:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                remaining = deadline - loop.time()
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

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        hook = self.webhook or {}
        info: dict[str, Any] = {
            "url": hook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if hook.get("allowed_updates"):
            info["allowed_updates"] = hook["allowed_updates"]
        return info

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url", "")
        if not isinstance(url, str):
            raise bad_request('field "url" must be a String')
        if not url:
            return self._delete_webhook(params)
        if not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if params.get("allowed_updates"):
            self._allowed_updates = frozenset(params["allowed_updates"])
        self.webhook = dict(params)
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        return True

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("chat_id") in (None, ""):
            raise bad_request("chat_id is empty")
        chat_id = params["chat_id"]
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) and not isinstance(chat_id, bool) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _plain(self, text: Any, parse_mode: Any, *, empty: str = "message text is empty") -> str:
        """The text as users see it, checked as Telegram checks it."""
        if not isinstance(text, str) or not text.strip():
            raise bad_request(empty)
        if parse_mode in (None, ""):
            plain = text
        elif str(parse_mode).lower() == "html":
            plain = html_to_plain(text)
        elif str(parse_mode).lower() in ("markdown", "markdownv2"):
            plain = text  # not checked here: the bot is expected to use HTML
        else:
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        if not plain.strip():
            raise bad_request("text must be non-empty")
        if len(plain) > MAX_MESSAGE_CHARS:
            raise bad_request("message is too long")
        return plain

    def _check_markup(self, markup: Any) -> None:
        if markup is None:
            return
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise bad_request("BUTTON_TEXT_INVALID")
                kinds = BUTTON_KINDS & button.keys()
                if len(kinds) != 1:
                    raise bad_request('can\'t find field "callback_data" or another button type')
                if "callback_data" in kinds:
                    data = button["callback_data"]
                    size = len(data.encode()) if isinstance(data, str) else 0
                    if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                        raise bad_request("BUTTON_DATA_INVALID")
                if "url" in kinds and not str(button["url"]).startswith(("http://", "https://", "tg://")):
                    raise bad_request("BUTTON_URL_INVALID")

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> None:
        target = params.get("reply_parameters")
        if target is None and "reply_to_message_id" in params:
            target = {"message_id": params["reply_to_message_id"]}
        if not isinstance(target, dict):
            return
        where = target.get("chat_id", chat_id)
        known = (where, _as_int(target.get("message_id"), "message_id")) in self._messages
        if not known and not target.get("allow_sending_without_reply"):
            raise bad_request("message to be replied not found")

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        plain = self._plain(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        self._reply_target(chat["id"], params)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            "text": plain,
        }
        if isinstance(params.get("reply_markup"), dict) and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat["id"], message["message_id"])] = message
        self.posted.append(message)
        return message

    def _edited(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """The bot's message an edit is about, or None for an inline message."""
        if params.get("inline_message_id"):
            return None
        chat = self._chat(params)
        message_id = _as_int(params.get("message_id"), "message_id")
        message = self._messages.get((chat["id"], message_id))
        if message is None:
            raise bad_request("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        plain = self._plain(params.get("text"), params.get("parse_mode"))
        self._check_markup(params.get("reply_markup"))
        message = self._edited(params)
        if message is None:
            return True
        markup = params.get("reply_markup")
        if plain == message.get("text") and markup == message.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        message["text"] = plain
        message["edit_date"] = int(time.time())
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        markup = params.get("reply_markup")
        self._check_markup(markup)
        message = self._edited(params)
        if message is None:
            return True
        if markup == message.get("reply_markup") or (not markup and "reply_markup" not in message):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly the "
                "same as a current content and reply markup of the message"
            )
        message["edit_date"] = int(time.time())
        if markup and "inline_keyboard" in markup and markup["inline_keyboard"]:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        key = (chat["id"], _as_int(params.get("message_id"), "message_id"))
        if self._messages.pop(key, None) is None:
            raise bad_request("message to delete not found")
        return True

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._chat(params)
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = params.get("callback_query_id")
        if query_id not in self._open_callback_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER_CHARS:
            raise bad_request("MESSAGE_TOO_LONG")
        self._open_callback_queries.discard(str(query_id))
        return True

    def _answer_inline_query(self, params: dict[str, Any]) -> bool:
        query_id = params.get("inline_query_id")
        if query_id not in self._open_inline_queries:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or not result.get("type"):
                raise bad_request("can't parse InlineQueryResult: type is missing")
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= MAX_RESULT_ID_BYTES:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            if result["type"] == "article":
                if not result.get("title"):
                    raise bad_request("RESULT_TITLE_EMPTY")
                content = result.get("input_message_content")
                if not isinstance(content, dict):
                    raise bad_request("can't parse InputMessageContent")
                self._plain(content.get("message_text"), content.get("parse_mode"), empty="MESSAGE_EMPTY")
            self._check_markup(result.get("reply_markup"))
        next_offset = params.get("next_offset")
        if next_offset is not None and len(str(next_offset).encode()) > MAX_RESULT_ID_BYTES:
            raise bad_request("NEXT_OFFSET_INVALID")
        self._open_inline_queries.discard(str(query_id))
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not COMMAND_RE.match(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        scope = params.get("scope")
        if scope is not None and (not isinstance(scope, dict) or "type" not in scope):
            raise bad_request("can't parse BotCommandScope JSON object")
        return True

    # -- HTTP -------------------------------------------------------------------------------

    async def handle(self, handler: _ApiHandler) -> tuple[int, dict[str, Any] | None]:
        """Answer one HTTP request: the status and Telegram's JSON body (``None``: close, no answer)."""
        match = re.fullmatch(r"/bot([^/]*)/([A-Za-z]*)", handler.request.path)
        if match is None or not TOKEN_RE.match(match.group(1)):
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if match.group(1) != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = match.group(2)
        call = Call(method, {})
        self._calls.append(call)
        self._notify()
        try:
            call.params = handler.parameters()
            call.fault = self._take_fault(method)
            if call.fault is not None:
                return await self._apply(call.fault, call)
            call.result = await self._serve(method, call.params, handler)
            call.status = 200
            body: dict[str, Any] = {"ok": True, "result": call.result}
        except ApiError as error:
            call.status, call.error = error.status, error.description
            body = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
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

    def parameters(self) -> dict[str, Any]:
        """The call's parameters, from the query string and a JSON or form body."""
        params: dict[str, Any] = {
            name: _decode_form_value(name, values[-1].decode())
            for name, values in self.request.query_arguments.items()
        }
        content_type = self.request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type == "application/json" and self.request.body:
            try:
                body = json.loads(self.request.body)
            except ValueError as exc:
                raise bad_request("can't parse JSON object") from exc
            if not isinstance(body, dict):
                raise bad_request("parameters must be a JSON object")
            params.update(body)
        else:
            for name, values in self.request.body_arguments.items():
                params[name] = _decode_form_value(name, values[-1].decode())
        return params

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


def user(user_id: int, first_name: str = "Ann", **extra: Any) -> dict[str, Any]:
    """A Telegram user (not a bot)."""
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en", **extra}


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    """The private chat with a user."""
    return {"id": of["id"], "type": "private", "first_name": of.get("first_name", "")}


def group_chat(chat_id: int, title: str = "Friends of Italy") -> dict[str, Any]:
    """A supergroup (ids of supergroups are negative)."""
    return {"id": chat_id, "type": "supergroup", "title": title}


def text_message(
    text: str,
    *,
    user: dict[str, Any],
    chat: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A text message from ``user`` in ``chat`` (default: the private chat with ``user``).

    Bot commands and mentions get their entities as Telegram computes them, unless ``entities``
    is given. The message id and the date are added when the update is pushed.
    """
    message: dict[str, Any] = {
        "chat": chat if chat is not None else private_chat(user),
        "from": user,
        "text": text,
    }
    found = text_entities(text) if entities is None else entities
    if found:
        message["entities"] = found
    if reply_to is not None:
        message["reply_to_message"] = reply_to
    return message


def inline_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline keyboard buttons of a message, row after row."""
    rows: Iterable[list[dict[str, Any]]] = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


@contextlib.asynccontextmanager
async def running(
    app: Application[Any, Any, Any, Any, Any, Any],
    start_updater: Callable[[], Awaitable[object]],
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
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
