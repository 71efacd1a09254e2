"""Test doubles of Telegram, the engine and the command line, shared by the tests and the benchmarks.

``rules``: what Telegram accepts from this bot, checked in one place for both Bot API doubles;
``objects``: the bot, users, chats and messages as the Bot API sends them; ``recording``: an
offline Bot API that records every call (python-telegram-bot's own test style), and updates;
``bot_api``: a fake Bot API server over real HTTP, with fault injection; ``engine``: a stand-in
for the knowledge engine; ``process``: the command line run in a subprocess.

Import them as ``tests.doubles.<module>`` from the project's root: pytest puts the root on
``sys.path`` (``tests`` is a package, so its root is the first folder above it without an
``__init__.py``), and so does ``python -m benchmarks`` run from there.
"""
