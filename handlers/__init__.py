"""Telegram update handlers: parse an update, ask the engine, render the reply.

Importing this package wires nothing: :func:`register` adds the handlers to an application.
"""

from handlers.setup import register

__all__ = ["register"]
