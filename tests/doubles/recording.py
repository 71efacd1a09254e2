"""An offline Bot API that records every call, and updates built as Telegram sends them.

``RecordingRequest`` follows python-telegram-bot's own test style (a ``BaseRequest`` whose
``do_request`` never touches the network): it answers ``getMe`` with the bot, gives sensible
results for the other methods the bot calls, and records every call as ``(method, parameters)``.
A call the Telegram rules (``rules.py``) refuse is answered 400 Bad Request, as Telegram would,
and kept in ``refused``: the tests' ``conftest.py`` fails any test that leaves one there.
Chosen methods can fail instead.
"""

from __future__ import annotations

import html
import itertools
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, ClassVar

from telegram import Bot, Update
from telegram.request import BaseRequest, RequestData

from handlers.context import AnyApplication
from knowledge import Engine
from tests.doubles.objects import (
    BOT_USER,
    BOT_USERNAME,
    JSON,
    USER_ID,
    entity,
    group_chat,
    private_chat,
    user,
)
from tests.doubles.rules import call_problems

Failure = str | int | Exception
"""How a call fails: a description (``400 Bad Request``), an HTTP status, or an exception to raise."""


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingRequest(BaseRequest):
    """A Bot API that records every call and answers from memory.

    Attributes:
        made: every RecordingRequest made since ``conftest.py`` last cleared it.
        requests: every call, in order, as ``(method, parameters)``.
        urls: the URL of every call, in order (each carries the bot's token, as Telegram's do).
        refused: every call the Telegram rules refused, as ``(method, problems)``.
        failures: methods that fail instead of answering: with a ``400 Bad Request`` and this
            description (a string), with this HTTP status and its standard phrase (an int), or
            by raising this exception (as a broken connection does; PTB reports a NetworkError).
        on_call: called with the method's name on every call, once it is recorded.
    """

    made: ClassVar[list[RecordingRequest]] = []

    def __init__(
        self,
        *,
        failures: Mapping[str, Failure] | None = None,
        on_call: Callable[[str], None] | None = None,
    ) -> None:
        self.requests: list[tuple[str, JSON]] = []
        self.urls: list[str] = []
        self.refused: list[tuple[str, list[str]]] = []
        self.failures: dict[str, Failure] = dict(failures or {})
        self.on_call = on_call
        self._message_ids = itertools.count(5000)
        RecordingRequest.made.append(self)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = parse_parameters(request_data)
        self.requests.append((api_method, params))
        self.urls.append(url)
        if self.on_call is not None:
            self.on_call(api_method)
        problems = call_problems(api_method, params)
        if problems:
            self.refused.append((api_method, problems))
            return self._failure("Bad Request: " + "; ".join(problems))
        if api_method in self.failures:
            return self._failure(self.failures[api_method])
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    @staticmethod
    def _failure(failure: Failure) -> tuple[int, bytes]:
        if isinstance(failure, Exception):
            raise failure
        if isinstance(failure, str):
            status, description = 400, failure
        else:
            status, description = failure, HTTPStatus(failure).phrase
        body = {"ok": False, "error_code": status, "description": description}
        return status, json.dumps(body).encode()

    def _result(self, method: str, params: JSON) -> object:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return []
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            chat: JSON = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
            message: JSON = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": chat,
                "from": BOT_USER,
                "text": params["text"],
            }
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        return True  # answerCallbackQuery, answerInlineQuery, setMyCommands, deleteWebhook, …

    def calls(self, method: str | None = None) -> list[JSON]:
        """The parameters of every call of ``method`` (of every call but getMe when None)."""
        return [params for name, params in self.requests if (name == method if method else name != "getMe")]

    def methods(self) -> list[str]:
        """The methods called, in order, without getMe."""
        return [name for name, _ in self.requests if name != "getMe"]

    def sent_texts(self) -> list[str]:
        """The texts of every sendMessage call, as sent (HTML)."""
        return [str(params["text"]) for params in self.calls("sendMessage")]

    def clear(self) -> None:
        """Forget the calls recorded so far."""
        self.requests.clear()


def parse_parameters(request_data: RequestData | None) -> JSON:
    """The call's parameters as sent: each JSON value decoded (a string parameter is sent as is)."""
    if request_data is None:
        return {}
    raw = request_data.parameters
    return {
        name: value if isinstance(raw.get(name), str) else json.loads(value)
        for name, value in request_data.json_parameters.items()
    }


class Updates:
    """Builds updates as Telegram sends them, bound to ``bot`` (as the application gets them)."""

    def __init__(self, bot: Bot, user_id: int = USER_ID) -> None:
        self.bot = bot
        self.user: JSON = user(user_id, "Aigerim")
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    def private_chat(self) -> JSON:
        return private_chat(self.user)

    @staticmethod
    def group_chat(*, forum: bool = False) -> JSON:
        return group_chat(forum=forum)

    # -- messages ------------------------------------------------------------------------

    def message_dict(
        self,
        text: str | None = None,
        *,
        chat: JSON | None = None,
        sender: JSON | None = None,
        entities: Sequence[JSON] | None = None,
        **fields: Any,
    ) -> JSON:
        """A message dict; a text starting with "/" gets its bot_command entity, as Telegram adds."""
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or self.private_chat(),
            "from": sender or self.user,
            **fields,
        }
        if text is not None:
            message["text"] = text
            found = list(entities or [])
            if text.startswith("/"):
                found.insert(0, entity("bot_command", text, text.split()[0]))
            if found:
                message["entities"] = found
        return message

    def update(self, **payload: Any) -> Update:
        data: JSON = {"update_id": next(self._update_ids), **payload}
        update = Update.de_json(data, self.bot)
        assert update is not None
        return update

    def private_text(self, text: str, **fields: Any) -> Update:
        """A text message (or command) in the private chat with the bot."""
        return self.update(message=self.message_dict(text, **fields))

    def group_text(self, text: str, *, entities: Sequence[JSON] | None = None, **fields: Any) -> Update:
        """A text message in a supergroup."""
        return self.update(
            message=self.message_dict(text, chat=self.group_chat(), entities=entities, **fields)
        )

    def group_mention(self, text: str, mention: str = f"@{BOT_USERNAME}") -> Update:
        """A group message with a "mention" entity for ``mention`` (which ``text`` contains)."""
        return self.group_text(text, entities=[entity("mention", text, mention)])

    def group_text_mention(self, text: str, name: str) -> Update:
        """A group message with a "text_mention" of the bot over ``name`` (in ``text``)."""
        return self.group_text(text, entities=[entity("text_mention", text, name, user=BOT_USER)])

    def bot_message(self, text: str = "Earlier answer", *, chat: JSON | None = None, **fields: Any) -> JSON:
        """A message the bot sent earlier."""
        return self.message_dict(text, chat=chat or self.group_chat(), sender=BOT_USER, **fields)

    def group_reply(self, text: str, to: JSON) -> Update:
        """A group message replying to the message ``to``."""
        return self.group_text(text, reply_to_message=to)

    def edited_private_text(self, text: str) -> Update:
        """An edited text message in the private chat."""
        return self.update(edited_message=self.message_dict(text, edit_date=int(time.time())))

    def sticker(self, *, chat: JSON | None = None) -> Update:
        """A sticker, in ``chat`` (by default the private chat)."""
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.update(message=self.message_dict(chat=chat, sticker=sticker))

    def photo(self, caption: str | None = None) -> Update:
        sizes = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]
        fields: JSON = {"photo": sizes}
        if caption is not None:
            fields["caption"] = caption
        return self.update(message=self.message_dict(**fields))

    def voice(self) -> Update:
        voice = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}
        return self.update(message=self.message_dict(voice=voice))

    def location(self, *, edited: bool = False) -> Update:
        location = {"latitude": 51.1694, "longitude": 71.4491}
        if edited:
            return self.update(
                edited_message=self.message_dict(location=location, edit_date=int(time.time()))
            )
        return self.update(message=self.message_dict(location=location))

    def group_sticker(self) -> Update:
        return self.sticker(chat=self.group_chat())

    # -- callbacks and inline ------------------------------------------------------------

    def callback(self, data: str | None, *, message: JSON | None = None, query_id: str = "cq-1") -> Update:
        """A press of an inline button with ``data`` on ``message`` (by default a bot message)."""
        query: JSON = {
            "id": query_id,
            "from": self.user,
            "chat_instance": "instance-1",
            "message": message
            or self.bot_message("I'm not sure which of these you mean:", chat=self.private_chat()),
        }
        if data is not None:
            query["data"] = data
        return self.update(callback_query=query)

    def chosen_inline(self, result_id: str, query: str) -> Update:
        """The article ``result_id`` sent from an inline query (with /setinlinefeedback on)."""
        return self.update(chosen_inline_result={"result_id": result_id, "from": self.user, "query": query})

    def inline(self, query: str, *, query_id: str = "iq-1") -> Update:
        """An inline query ``@KzItBot query``."""
        return self.update(inline_query={"id": query_id, "from": self.user, "query": query, "offset": ""})


@dataclass
class Harness:
    """An application on a :class:`RecordingRequest`, and helpers to talk to it as users do."""

    app: AnyApplication
    fake: RecordingRequest
    updates: Updates
    clock: FakeClock
    engine: Engine

    async def send(self, update: Update) -> list[tuple[str, JSON]]:
        """Process ``update`` and return the Bot API calls it caused."""
        self.fake.clear()
        await self.app.process_update(update)
        return [(method, params) for method, params in self.fake.requests if method != "getMe"]

    async def texts(self, update: Update) -> list[str]:
        """Process ``update`` and return the texts sent, unescaped to what the user reads."""
        await self.send(update)
        return [html.unescape(text) for text in self.fake.sent_texts()]

    def text(self, key: str, lang: str = "en", **values: object) -> str:
        """The text ``key`` of the knowledge base, in ``lang``."""
        return self.engine.texts.get(key, lang, **values)
