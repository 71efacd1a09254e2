"""Where the users' choices (their ``user_data``: the language picked with /language) last.

Without ``DATABASE_URL``: a pickle file in ``DATA_DIR`` (:class:`BatchedPicklePersistence`).
With it: the question log's database (:class:`DatabasePersistence`), so that a redeployed
container without a lasting disk keeps them. Only ``user_data`` is kept.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import BasePersistence, PersistenceInput, PicklePersistence
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.store.database import upgrade
from bot.store.schema import user_data

logger = logging.getLogger(__name__)

UPDATE_INTERVAL = 30  # seconds between two writes of what changed
USER_DATA_ONLY = PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False)


class BatchedPicklePersistence(PicklePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """A pickle file written once per round of updates, not once per new user.

    ``PicklePersistence`` rewrites its whole file for every user whose data changed: with
    many new users in an interval, the cost grows with the square of their number.
    """

    def __init__(self, path: Any, update_interval: float = UPDATE_INTERVAL) -> None:
        super().__init__(path, store_data=USER_DATA_ONLY, update_interval=update_interval, on_flush=True)
        self._dump: asyncio.Task[None] | None = None

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        """Keep one user's data in memory; the file is written once the round is done.

        A user with nothing to keep (no language chosen) is not kept: not even their id.
        """
        if not data:
            await self.drop_user_data(user_id)
            return
        await super().update_user_data(user_id, data)
        self._schedule()

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data (/forget); the file is written once the round is done."""
        if self.user_data is not None and user_id not in self.user_data:
            return  # nothing kept: nothing to write
        await super().drop_user_data(user_id)
        self._schedule()

    def _schedule(self) -> None:
        if self._dump is None or self._dump.done():
            self._dump = asyncio.get_running_loop().create_task(self._dump_soon())

    async def _dump_soon(self) -> None:
        await asyncio.sleep(0.05)  # the other users of this round are updated meanwhile
        self._dump = None
        await self.flush()

    async def flush(self) -> None:
        """Write the file now (also at shutdown, where a write still waiting is not needed)."""
        if self._dump is not None and self._dump is not asyncio.current_task():
            self._dump.cancel()
            self._dump = None
        if self.user_data is not None:
            self._dump_singlefile()


class DatabasePersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Keeps ``user_data`` in the ``user_data`` table, one JSON document per user."""

    def __init__(self, engine: AsyncEngine, update_interval: float = UPDATE_INTERVAL) -> None:
        super().__init__(store_data=USER_DATA_ONLY, update_interval=update_interval)
        self.engine = engine
        self._written: dict[int, str] = {}  # what the database holds: unchanged users are not written
        self._read = False  # whether _written holds every stored user

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        """Every user's data, read once at start (the schema brought up to date first).

        A database that cannot be reached then costs the users' choices until the next
        start, not the bot.
        """
        try:
            await upgrade(self.engine)
            async with self.engine.connect() as connection:
                rows = (await connection.execute(select(user_data.c.user_id, user_data.c.data))).all()
        except (SQLAlchemyError, OSError) as error:
            logger.warning("Could not read the users' choices from the database: %s", type(error).__name__)
            return defaultdict(dict)
        loaded: dict[int, dict[Any, Any]] = defaultdict(dict)
        for row in rows:
            loaded[int(row.user_id)] = json.loads(row.data)
            self._written[int(row.user_id)] = row.data
        self._read = True
        return loaded

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        """Write one user's data (their choice of language); a failure is logged, not raised.

        A user with nothing to keep (no language chosen) is not kept: not even their id.
        """
        if not data:
            await self.drop_user_data(user_id)
            return
        document = json.dumps(data, ensure_ascii=False, sort_keys=True)
        if self._written.get(user_id) == document:
            return
        key = str(user_id)
        try:
            async with self.engine.begin() as connection:
                result = await connection.execute(
                    update(user_data).where(user_data.c.user_id == key).values(data=document)
                )
                if result.rowcount == 0:
                    await connection.execute(insert(user_data).values(user_id=key, data=document))
            self._written[user_id] = document
        except (SQLAlchemyError, OSError) as error:
            logger.warning("Could not keep a user's choice in the database: %s", type(error).__name__)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data (/forget); a failure is logged, not raised."""
        if self._read and user_id not in self._written:
            return  # this process is the only writer: the database holds nothing of theirs
        try:
            async with self.engine.begin() as connection:
                await connection.execute(delete(user_data).where(user_data.c.user_id == str(user_id)))
            self._written.pop(user_id, None)
        except (SQLAlchemyError, OSError) as error:
            logger.warning("Could not delete a user's choices from the database: %s", type(error).__name__)

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        """Nothing to refresh: this process is the only writer."""

    # Nothing else is kept: the methods below keep and give nothing.

    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        """Not kept."""
        return {}

    async def get_bot_data(self) -> dict[Any, Any]:
        """Not kept."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Not kept."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """Not kept."""
        return {}

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        """Not kept."""
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        """Not kept."""
        return None

    async def update_bot_data(self, data: dict[Any, Any]) -> None:
        """Not kept."""
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        """Not kept."""
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        """Not kept."""
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        """Not kept."""
        return None

    async def refresh_bot_data(self, bot_data: dict[Any, Any]) -> None:
        """Not kept."""
        return None

    async def flush(self) -> None:
        """Writes happen as they come: nothing is held back."""
