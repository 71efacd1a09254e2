"""``python -m bot``: run the command line and exit with its code."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
