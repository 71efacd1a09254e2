"""Where the packaged knowledge base is: a module of its own, so naming it imports nothing."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
