"""The question log through the handlers: what is recorded, the 👍/👎 buttons and the comment a
👎 invites, /privacy, /forget and /stats, on a real database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from telegram.ext import ApplicationBuilder

import handlers
from bot.report import group_questions
from bot.settings import Settings
from bot.store.database import open_database, upgrade
from bot.store.keys import user_key
from bot.store.recorder import Recorder
from bot.store.schema import feedback, questions
from handlers.context import AnyApplication
from handlers.feedback import COMMENT_SECONDS
from handlers.language import LANG_KEY, LANG_PREFIX
from handlers.log import LOG_KEY
from knowledge import Engine
from tests.doubles.objects import BOT_USERNAME, JSON, TOKEN, USER_ID
from tests.doubles.recording import FakeClock, Harness, RecordingRequest, Updates
from tests.postgres import PostgresServer

SECRET = b"handler-test-secret"
ADMIN_ID = 555


@dataclass
class LoggedBot(Harness):
    log: Recorder | None

    async def rows(self, table: sa.Table = questions) -> list[sa.Row[Any]]:
        assert self.log is not None
        await self.log.flush()
        async with self.log.engine.connect() as connection:
            return list((await connection.execute(sa.select(table))).all())


async def make_bot(engine: Engine, url: str | None) -> LoggedBot:
    fake = RecordingRequest()
    app = ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()
    clock = FakeClock()
    handlers.register(app, engine, admin_ids={ADMIN_ID}, clock=clock)
    log = None
    if url is not None:
        database = open_database(url)
        await upgrade(database)
        log = Recorder(database, SECRET, "kb-test", retention_days=30, group=group_questions)
        app.bot_data[LOG_KEY] = log
    await app.initialize()
    return LoggedBot(app, fake, Updates(app.bot), clock, engine, log)


@pytest.fixture
async def bot(engine: Engine, database: str) -> AsyncIterator[LoggedBot]:
    made = await make_bot(engine, database)
    yield made
    await made.app.shutdown()
    assert made.log is not None
    await made.log.engine.dispose()


def keyboard(params: JSON) -> list[list[JSON]]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    rows: list[list[JSON]] = markup["inline_keyboard"]
    return rows


def feedback_data(params: JSON) -> list[str]:
    return [
        b["callback_data"] for row in keyboard(params) for b in row if b["callback_data"].startswith("fb:")
    ]


# -- what is recorded ------------------------------------------------------------------------------


async def test_a_private_question_is_recorded_and_its_answer_gets_feedback_buttons(bot: LoggedBot) -> None:
    calls = await bot.send(bot.updates.private_text("When did Prodi visit Kazakhstan?"))
    (row,) = await bot.rows()
    assert (row.chat_type, row.lang, row.question, row.outcome) == (
        "private", "en", "When did Prodi visit Kazakhstan?", "answer"
    )  # fmt: skip
    assert row.entry is not None and row.confidence > 0.5 and row.engine_ms > 0
    assert (row.kb_version, row.followup) == ("kb-test", False)
    assert row.user_key == user_key(SECRET, USER_ID)
    assert str(USER_ID) not in " ".join(str(value) for value in row)
    (params,) = [p for method, p in calls if method == "sendMessage"]
    assert feedback_data(params) == [f"fb:+:{row.id}", f"fb:-:{row.id}"]
    assert [b["text"] for b in keyboard(params)[-1]] == ["👍", "👎"]
    assert keyboard(params)[0][0]["callback_data"].startswith("src:")  # the Source button stays


async def test_languages_declines_and_follow_ups_are_recorded_as_such(bot: LoggedBot) -> None:
    await bot.send(bot.updates.private_text("Какой товарооборот в 2013 году?"))
    bot.clock.now += 10
    follow = await bot.send(bot.updates.private_text("а в 2012?"))
    declined = await bot.send(bot.updates.private_text("What is the population of Mars?"))
    rows = await bot.rows()
    assert [(r.lang, r.outcome, r.followup) for r in rows] == [
        ("ru", "answer", False), ("ru", "answer", True), ("en", "decline", False)
    ]  # fmt: skip
    assert feedback_data(follow[-1][1])
    assert feedback_data(declined[-1][1]) == []  # a decline is nothing to vote on


async def test_group_questions_are_recorded_only_when_addressed_to_the_bot(bot: LoggedBot) -> None:
    await bot.send(bot.updates.group_text("When did Prodi visit Kazakhstan?"))
    assert await bot.rows() == []
    await bot.send(bot.updates.group_mention(f"@{BOT_USERNAME} When did Prodi visit Kazakhstan?"))
    await bot.send(bot.updates.group_text("/ask trade turnover 2013"))
    rows = await bot.rows()
    assert [(r.chat_type, r.question) for r in rows] == [
        ("group", "When did Prodi visit Kazakhstan?"), ("group", "trade turnover 2013")
    ]  # fmt: skip


async def test_an_inline_answer_is_recorded_when_it_is_sent(bot: LoggedBot) -> None:
    await bot.send(bot.updates.inline("trade turnover 2013"))
    assert await bot.rows() == []  # a query comes with every keystroke: not recorded
    await bot.send(bot.updates.chosen_inline("a:en:trade_2013", "trade turnover 2013"))
    await bot.send(bot.updates.chosen_inline("t:en:trade", ""))  # a topic overview: no question
    (row,) = await bot.rows()
    assert (row.chat_type, row.question, row.outcome) == ("inline", "trade turnover 2013", "answer")


async def test_without_a_log_nothing_is_recorded_and_answers_have_no_feedback(engine: Engine) -> None:
    bot = await make_bot(engine, None)
    try:
        calls = await bot.send(bot.updates.private_text("When did Prodi visit Kazakhstan?"))
        assert feedback_data(calls[-1][1]) == []
        assert await bot.texts(bot.updates.private_text("/privacy")) == [bot.text("privacy_off")]
        assert await bot.texts(bot.updates.private_text("/forget")) == [bot.text("forget_done", questions=0)]
    finally:
        await bot.app.shutdown()


# -- feedback ------------------------------------------------------------------------------------------


async def answer_message(bot: LoggedBot, question: str = "When did Prodi visit Kazakhstan?") -> JSON:
    calls = await bot.send(bot.updates.private_text(question))
    message = bot.fake.calls("sendMessage")[-1]
    assert calls
    return {
        "message_id": 77,
        "date": 0,
        "chat": bot.updates.private_chat(),
        "from": {"id": 1, "is_bot": True, "first_name": "Bot", "username": BOT_USERNAME},
        "text": message["text"],
        "reply_markup": message["reply_markup"],
    }


async def test_a_thumbs_up_is_recorded_thanked_and_the_buttons_go(bot: LoggedBot) -> None:
    message = await answer_message(bot)
    up, _ = feedback_data(message)
    calls = await bot.send(bot.updates.callback(up, message=message))
    methods = [method for method, _ in calls]
    assert methods == ["answerCallbackQuery", "editMessageReplyMarkup"]
    assert calls[0][1]["text"] == bot.text("feedback_thanks")
    assert feedback_data(calls[1][1]) == [] and keyboard(calls[1][1])[0][0]["callback_data"].startswith(
        "src:"
    )
    (vote,) = await bot.rows(feedback)
    assert (vote.vote, vote.comment, vote.user_key) == (1, None, user_key(SECRET, USER_ID))


async def test_a_thumbs_down_asks_what_was_wrong_and_keeps_the_next_message(bot: LoggedBot) -> None:
    message = await answer_message(bot)
    _, down = feedback_data(message)
    calls = await bot.send(bot.updates.callback(down, message=message))
    assert [m for m, _ in calls] == ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]
    assert html.unescape(calls[2][1]["text"]) == bot.text("feedback_ask_comment")
    bot.clock.now += COMMENT_SECONDS / 2
    assert await bot.texts(bot.updates.private_text("He visited in 2003 too")) == [
        bot.text("feedback_comment_thanks")
    ]
    (vote,) = await bot.rows(feedback)
    assert (vote.vote, vote.comment) == (-1, "He visited in 2003 too")
    assert len(await bot.rows()) == 1  # the comment is not a question
    # The message after the comment is a question again.
    texts = await bot.texts(bot.updates.private_text("trade turnover 2013"))
    assert texts != [bot.text("feedback_comment_thanks")] and len(await bot.rows()) == 2


async def test_a_late_comment_is_answered_as_a_question(bot: LoggedBot) -> None:
    message = await answer_message(bot)
    await bot.send(bot.updates.callback(feedback_data(message)[1], message=message))
    bot.clock.now += COMMENT_SECONDS + 1
    texts = await bot.texts(bot.updates.private_text("trade turnover 2013"))
    assert bot.text("feedback_comment_thanks") not in texts
    assert [r.question for r in await bot.rows()][-1] == "trade turnover 2013"
    assert [v.comment for v in await bot.rows(feedback)] == [None]


async def test_feedback_buttons_in_another_language_thank_in_it(bot: LoggedBot) -> None:
    message = await answer_message(bot, "Когда Проди посетил Казахстан?")
    calls = await bot.send(bot.updates.callback(feedback_data(message)[0], message=message))
    assert calls[0][1]["text"] == bot.text("feedback_thanks", "ru")


# -- /privacy, /forget, /stats ---------------------------------------------------------------------------


async def test_privacy_says_what_is_kept_and_for_how_long(bot: LoggedBot) -> None:
    assert await bot.texts(bot.updates.private_text("/privacy")) == [bot.text("privacy", days=30)]
    assert "30" in bot.text("privacy", days=30)


async def test_forget_deletes_the_users_records_and_choices(bot: LoggedBot) -> None:
    message = await answer_message(bot)
    await bot.send(bot.updates.callback(feedback_data(message)[0], message=message))
    await bot.send(bot.updates.private_text("trade turnover 2013"))
    other = Updates(bot.app.bot, user_id=USER_ID + 1)
    await bot.send(other.private_text("Who is the ambassador of Italy?"))
    bot.app.user_data[USER_ID][LANG_KEY] = "it"  # as /language keeps it
    texts = await bot.texts(bot.updates.private_text("/forget"))
    assert texts == [bot.text("forget_done", questions=2)]
    assert [r.user_key for r in await bot.rows()] == [user_key(SECRET, USER_ID + 1)]
    assert await bot.rows(feedback) == []
    assert LANG_KEY not in bot.app.user_data.get(USER_ID, {})


async def test_stats_sums_up_the_week_for_administrators_only(bot: LoggedBot) -> None:
    for question in ("When did Prodi visit Kazakhstan?", "population of mars", "population of Mars?"):
        await bot.send(bot.updates.private_text(question))
    stranger = await bot.texts(bot.updates.private_text("/stats"))
    assert "unknown" in stranger[0].lower() or "/stats" in stranger[0]
    admin = Updates(bot.app.bot, user_id=ADMIN_ID)
    (text,) = await bot.texts(admin.private_text("/stats"))
    assert text.startswith(bot.text("stats", days=7, questions=3, users=1, answered="33%", clarified="0%",
                                     declined="67%", languages="en 3"))  # fmt: skip
    assert bot.text("stats_unanswered") in text
    assert "2 × population of" in text


async def test_answers_go_on_while_postgresql_is_down(engine: Engine, postgres: PostgresServer) -> None:
    bot = await make_bot(engine, postgres.create_database("down"))
    assert bot.log is not None
    postgres.pause()
    try:
        for question in ("When did Prodi visit Kazakhstan?", "trade turnover 2013", "Who is Nazarbayev?"):
            calls = await bot.send(bot.updates.private_text(question))
            assert [method for method, _ in calls] == ["sendMessage"]
        await bot.log.flush()  # fails: the records wait
        assert bot.log.queued == 3
        forget = await bot.texts(bot.updates.private_text("/forget"))
        assert forget == [bot.text("forget_failed")]
        assert bot.log.queued == 3  # nothing deleted, as it says; /forget itself is not recorded
    finally:
        postgres.resume()
    assert len(await bot.rows()) == 3
    assert bot.log.queued == 0
    await bot.app.shutdown()
    await bot.log.engine.dispose()


# -- the runtime's wiring --------------------------------------------------------------------------------


def built(settings: Settings, engine: Engine) -> AnyApplication:
    from bot.app import build_application

    request = RecordingRequest()
    return build_application(settings, engine, request=request, get_updates_request=request)


async def test_the_bot_records_into_sqlite_in_the_data_dir_by_default(engine: Engine, tmp_path: Any) -> None:
    from telegram.ext import PicklePersistence

    app = built(Settings(_env_file=None, telegram_bot_token=TOKEN, data_dir=tmp_path), engine)
    log = app.bot_data[LOG_KEY]
    assert isinstance(log, Recorder) and isinstance(app.persistence, PicklePersistence)
    assert log.engine.url.database == str(tmp_path / "questions.db")
    assert (tmp_path / "log_secret").exists()
    off = built(Settings(_env_file=None, telegram_bot_token=TOKEN, log_questions=False), engine)
    assert LOG_KEY not in off.bot_data


async def test_with_database_url_the_users_choices_live_in_postgresql_too(
    engine: Engine, postgres: PostgresServer, tmp_path: Any
) -> None:
    from bot.store.persistence import DatabasePersistence

    url = postgres.create_database("wired").replace("+asyncpg", "")
    settings = Settings(
        _env_file=None, telegram_bot_token=TOKEN, data_dir=tmp_path, database_url=url, log_secret="s3cret"
    )
    app = built(settings, engine)
    assert isinstance(app.persistence, DatabasePersistence)
    log = app.bot_data[LOG_KEY]
    assert isinstance(log, Recorder) and log.engine is app.persistence.engine
    assert log.engine.url.get_backend_name() == "postgresql"
    assert not (tmp_path / "log_secret").exists()  # LOG_SECRET is set: nothing generated
    await app.initialize()  # reads the users' choices: the schema is brought up to date
    updates = Updates(app.bot)
    await app.process_update(updates.callback(f"{LANG_PREFIX}it"))  # the Italiano button
    await app.update_persistence()
    await app.shutdown()
    from bot.app import post_shutdown

    await post_shutdown(app)
    again = built(settings, engine)
    await again.initialize()
    assert again.user_data[USER_ID].get(LANG_KEY) == "it"  # a redeployed bot keeps the choice
    await again.shutdown()
    await post_shutdown(again)
