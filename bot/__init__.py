"""The bot's user-facing side: the command line, the terminal chat and the evaluation.

Importing this package stays light: the Telegram layer (``bot.app``) is imported only
when the bot serves Telegram.
"""
