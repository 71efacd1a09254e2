"""The Telegram runtime: build the python-telegram-bot application and run it.

Imported only when the bot serves Telegram (``python -m bot run``), so the other commands
never load the Telegram library. Nothing is built or connected at import time.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, TypeAlias

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BasePersistence
from telegram.request import BaseRequest

from bot.health import HEARTBEAT_FILE, Heartbeat
from bot.knowledge_base import CACHE_FOLDER, check_hint
from bot.logbook import open_log, store_url
from bot.logs import log_refused_webhooks, setup_logging
from bot.periodic import Periodic
from bot.reload import Reloader, enable_watch, start_watching, stop_watching
from bot.settings import MISSING_TOKEN, Settings, SettingsError, load_settings
from bot.store.database import open_database
from bot.store.persistence import BatchedPicklePersistence, DatabasePersistence
from bot.store.recorder import Recorder
from bot.sweeper import sweeper
from bot.transport import UPDATES_POOL_SIZE, AiohttpRequest
from bot.updates import PerChatUpdateProcessor
from handlers import register
from handlers.flood import FloodLimit
from handlers.log import LOG_KEY
from knowledge import Engine, KnowledgeError, commands
from knowledge.cache import knowledge_version, load_engine
from knowledge.loader import DATA_DIR

logger = logging.getLogger(__name__)
HEARTBEAT_KEY = "heartbeat"
SWEEPER_KEY = "sweeper"
TRANSPORTS_KEY = "transports"

# Whatever the builder's generic parameters, the runtime only needs an application.
BotApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]

PERSISTENCE_FILE = "persistence.pickle"
INVALID_TOKEN = (
    "Telegram rejected TELEGRAM_BOT_TOKEN: the bot may have been deleted or its token revoked "
    "(or TELEGRAM_BASE_URL is not a Bot API server). Get the current token from @BotFather "
    "(/mybots → your bot → API Token)."
)

RATE_LIMIT_RETRIES = 3


def persistence(data_dir: Path) -> BasePersistence[Any, Any, Any]:
    """Where the users' choices survive restarts: a pickle file in ``data_dir``.

    Only ``user_data`` (the language a user chose) is kept; a chat's last language and the
    rest live in memory.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    return BatchedPicklePersistence(data_dir / PERSISTENCE_FILE)


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    persist: bool = True,
) -> BotApplication:
    """Build the application: the bot, its rate limiter, the command menu, the handlers.

    Args:
        settings: the settings; the token must be set.
        engine: the loaded engine the handlers answer with.
        request: the transport of Bot API calls (default: ``bot.transport``'s).
        get_updates_request: the transport of ``getUpdates`` (default: ``bot.transport``'s).
        persist: keep the users' choices in ``DATA_DIR`` across restarts.

    Raises:
        SettingsError: when the token is not set.
    """
    if settings.telegram_bot_token is None:
        raise SettingsError(MISSING_TOKEN)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_base_url)
        # Queues sends within Telegram's flood limits (per chat, per group, overall), and
        # when Telegram still answers 429 waits its retry_after and tries again: an answer
        # must not be lost to a flood limit.
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        # Chats are served at once; each chat's messages in order (bot/updates.py).
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(post_init)
        # Stop the knowledge base watch (bot/reload.py): on stop, and at shutdown in case the
        # application never started; the second call does nothing.
        .post_stop(stop_watching)
        .post_shutdown(post_shutdown)
    )
    root = settings.knowledge_dir or DATA_DIR
    log = open_log(settings, knowledge_version(root))
    if persist and settings.database_url is not None:
        # No lasting disk needed: the users' choices live beside the question log.
        database = log.engine if log is not None else open_database(store_url(settings))
        builder = builder.persistence(DatabasePersistence(database))
    elif persist:
        builder = builder.persistence(persistence(settings.data_dir))
    transports = (request or AiohttpRequest(), get_updates_request or AiohttpRequest(UPDATES_POOL_SIZE))
    builder = builder.request(transports[0]).get_updates_request(transports[1])
    application = builder.build()
    # Live reloads (bot/reload.py): /reload for ADMIN_IDS; the file watch once enabled.
    reloader = Reloader(application, root, set_menus=set_command_menus).install()
    register(
        application,
        engine,
        flood=FloodLimit(settings.flood_limit, settings.flood_window),
        admin_ids=settings.admin_ids,
        reload=reloader.reload,
    )
    if log is not None:
        application.bot_data[LOG_KEY] = log
    application.bot_data[TRANSPORTS_KEY] = transports  # closed by post_shutdown, even after a failed start
    application.bot_data[HEARTBEAT_KEY] = Heartbeat(settings.data_dir / HEARTBEAT_FILE)  # HEALTHCHECK
    application.bot_data[SWEEPER_KEY] = sweeper(application)  # idle chats and users forgotten
    return application


def bot_commands(engine: Engine, lang: str | None = None, *, groups: bool = False) -> list[BotCommand]:
    """The command menu in ``lang`` (:func:`knowledge.commands.menu`): private chats', or groups'.

    A topic whose id is not a valid command name, or is already a command, is left out
    (and logged).
    """
    items = commands.menu(engine, lang or engine.default, groups=groups)
    return [BotCommand(name, description) for name, description in items]


async def post_init(application: BotApplication) -> None:
    """Set the command menus, then start watching the knowledge base (when ``run`` enabled it).

    Runs once after the application is initialised.
    """
    await set_command_menus(application)
    logger.info("Serving Telegram as @%s", application.bot.username)
    await start_watching(application)
    log = application.bot_data.get(LOG_KEY)
    if isinstance(log, Recorder):
        await log.start()
    heartbeat = application.bot_data.get(HEARTBEAT_KEY)
    if isinstance(heartbeat, Heartbeat):
        await heartbeat.start()
    sweeping = application.bot_data.get(SWEEPER_KEY)
    if isinstance(sweeping, Periodic):
        await sweeping.start()


async def post_shutdown(application: BotApplication) -> None:
    """Stop watching the knowledge base; write what the question log holds, then close it."""
    await stop_watching(application)
    sweeping = application.bot_data.get(SWEEPER_KEY)
    if isinstance(sweeping, Periodic):
        await sweeping.stop()
    heartbeat = application.bot_data.get(HEARTBEAT_KEY)
    if isinstance(heartbeat, Heartbeat):
        await heartbeat.stop()
    log = application.bot_data.get(LOG_KEY)
    if isinstance(log, Recorder):
        await log.stop()
        await log.engine.dispose()
    # python-telegram-bot shuts down only what it initialized: after a failed start the
    # transports are still open, and aiohttp would log each open session as an error.
    for transport in application.bot_data.get(TRANSPORTS_KEY, ()):
        await transport.shutdown()


async def set_command_menus(application: BotApplication) -> None:
    """Set the bot's command menus in every language, for private chats and for groups (with /ask).

    Runs at start and after a reload that changed the topics. A failure is logged, never
    raised: the bot answers commands without a menu, and the menu set last time stays.
    """
    engine: Engine = application.bot_data["engine"]
    for lang in engine.languages:
        # The default language's menu is for everyone; the others for apps in that language.
        code = None if lang == engine.default else lang
        private, group = bot_commands(engine, lang), bot_commands(engine, lang, groups=True)
        scopes: list[tuple[list[BotCommand], BotCommandScope]] = [
            (private, BotCommandScopeAllPrivateChats()),
            (group, BotCommandScopeAllGroupChats()),
        ]
        for listed, scope in scopes:
            try:
                await application.bot.set_my_commands(listed, scope=scope, language_code=code)
            except TelegramError as error:  # NetworkError and TimedOut are TelegramErrors too
                logger.warning("Could not set the %s command menu for %s: %s", lang, scope.type, error)


def run(settings: Settings | None = None) -> int:
    """Serve Telegram until stopped: long polling, or a webhook when ``WEBHOOK_URL`` is set.

    Args:
        settings: the settings (default: read from the environment and ``.env``).

    Returns:
        The exit code: 0 after a normal stop (Ctrl-C, SIGTERM), 1 on an invalid knowledge
        base or a fatal error, 2 on missing or invalid settings or a rejected token.
    """
    if settings is None:
        try:
            settings = load_settings(require_token=True)
        except SettingsError as error:
            print(error, file=sys.stderr)
            return 2
    if settings.telegram_bot_token is None:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.secrets())
    data = settings.knowledge_dir or DATA_DIR
    try:
        engine = load_engine(data, settings.data_dir / CACHE_FOLDER)
    except KnowledgeError as error:
        for line in error.report():
            print(line, file=sys.stderr)
        print(check_hint(settings.knowledge_dir), file=sys.stderr)
        return 1
    application = build_application(settings, engine)
    enable_watch(application)  # post_init starts it: edits to the knowledge base go live
    # run_polling and run_webhook stop gracefully on SIGINT, SIGTERM and SIGABRT (their
    # default stop_signals off Windows): updates in progress finish, then the app shuts down.
    try:
        if settings.webhook_url:
            secret = settings.webhook_secret
            assert secret is not None  # Settings refuses a webhook URL without a secret
            undo = log_refused_webhooks()  # a proxy that drops the secret's header gets a warning
            try:
                application.run_webhook(
                    listen=settings.webhook_listen,
                    port=settings.webhook_port,
                    url_path=settings.webhook_url_path,
                    webhook_url=settings.webhook_url,
                    secret_token=secret.get_secret_value(),
                    allowed_updates=Update.ALL_TYPES,
                    drop_pending_updates=False,
                )
            finally:
                undo()
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        # Its message contains the token (PTB adds it): never print it.
        print(INVALID_TOKEN, file=sys.stderr)
        return 2
    except Exception as error:
        # Logged, not raised: the message then goes through the redacting filter.
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            # At start-up only (once running, PTB retries by itself): no traceback needed.
            logger.error("Could not reach the Bot API at %s: %s", settings.telegram_base_url, error)
        else:
            logger.exception("The bot stopped on an error")
        return 1
    return 0
