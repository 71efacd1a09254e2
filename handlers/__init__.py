"""Telegram update handlers: parse an update, ask the engine, render the reply."""
