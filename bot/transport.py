"""Bot API calls over aiohttp, with JSON bodies: the bot's transport.

python-telegram-bot's own transport (httpx on httpcore and anyio) form-encodes every
parameter in Python and spends about as much CPU on a call as the bot spends answering the
question; this one costs about half of it (BENCHMARKS.md, "End to end"). It plugs in through
the library's public ``BaseRequest`` interface, so the library's retries, error mapping and
rate limiter work as before. Parameters go as one JSON body (the Bot API accepts JSON for
every method but uploads); a call with files goes as multipart form data.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# python-telegram-bot's defaults, in seconds, and its pool sizes (ApplicationBuilder).
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 1.0
MEDIA_WRITE_TIMEOUT = 20.0
POOL_SIZE = 256  # Bot API calls at once
UPDATES_POOL_SIZE = 1  # getUpdates: one long poll at a time

_JSON = {"Content-Type": "application/json"}
_Default = type(BaseRequest.DEFAULT_NONE)  # a timeout the call left to the transport


class AiohttpRequest(BaseRequest):
    """A ``BaseRequest`` on one ``aiohttp.ClientSession``.

    aiohttp has no write timeout of its own: the four timeouts together bound the whole call
    (``total``), the pool and connect timeouts bound getting a connection, the read timeout
    each wait for the answer. Proxies come from the environment (``HTTPS_PROXY``, ``HTTP_PROXY``,
    ``NO_PROXY``), as with python-telegram-bot's default transport, read once per server:
    aiohttp's own ``trust_env`` reads them, and ``~/.netrc``, on every call.

    Args:
        pool_size: connections kept open at most.
        read_timeout: seconds to wait for the answer (``None``: no limit).
        write_timeout: seconds to send the request.
        connect_timeout: seconds to connect.
        pool_timeout: seconds to wait for a free connection.
        media_write_timeout: seconds to send a request with files.
    """

    def __init__(
        self,
        pool_size: int = POOL_SIZE,
        *,
        read_timeout: float | None = READ_TIMEOUT,
        write_timeout: float | None = WRITE_TIMEOUT,
        connect_timeout: float | None = CONNECT_TIMEOUT,
        pool_timeout: float | None = POOL_TIMEOUT,
        media_write_timeout: float | None = MEDIA_WRITE_TIMEOUT,
    ) -> None:
        self._pool_size = pool_size
        self._timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, str | None] = {}  # by scheme://host:port

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a call gives none."""
        return self._timeouts[0]

    @property
    def closed(self) -> bool:
        """Whether no session is open (before ``initialize``, after ``shutdown``)."""
        return self._session is None or self._session.closed

    async def initialize(self) -> None:
        """Open the session (in the running event loop, as aiohttp requires)."""
        if self.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self.closed:
            await self._session.close()

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
        """See ``BaseRequest.do_request``: the status and body, or ``TimedOut``/``NetworkError``."""
        session = self._session
        if session is None or self.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        files = request_data is not None and request_data.contains_files
        own = self._timeouts
        if files:
            own = (*own[:1], self._media_write_timeout, *own[2:])
        given = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        read, write, connect, pool = (
            mine if isinstance(value, _Default) else value for mine, value in zip(own, given, strict=True)
        )
        timeout = aiohttp.ClientTimeout(
            total=_sum(read, write, connect, pool),
            connect=_sum(connect, pool),
            sock_connect=connect,
            sock_read=read,
        )
        proxy = self._proxy(url)
        try:
            async with session.request(
                method, url, timeout=timeout, allow_redirects=False, proxy=proxy, **_body(request_data)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _proxy(self, url: str) -> str | None:
        """The proxy the environment names for ``url``'s server, if any."""
        server = url[: url.find("/", url.find("//") + 2)]
        if server not in self._proxies:
            parts = urllib.parse.urlsplit(url)
            bypass = urllib.request.proxy_bypass(parts.netloc)
            self._proxies[server] = None if bypass else urllib.request.getproxies().get(parts.scheme)
        return self._proxies[server]


def _sum(*seconds: float | None) -> float | None:
    """The sum of the timeouts; ``None`` (no limit) if any is."""
    return None if any(s is None for s in seconds) else sum(s for s in seconds if s is not None)


def _body(request_data: RequestData | None) -> dict[str, Any]:
    """The request's body: JSON, or multipart form data when it carries files."""
    if request_data is None:
        return {}
    if not request_data.contains_files:
        body = json.dumps(request_data.parameters, ensure_ascii=False).encode("utf-8")
        return {"data": body, "headers": _JSON}
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return {"data": form}
