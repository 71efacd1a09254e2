"""Write knowledge/data/english_words.txt: the most frequent English words.

The engine never "corrects" a word on this list toward a domain word ("brought" is not a
typo of "bought"), and treats words that are on neither this list nor the knowledge base's
vocabulary as unknown names. The list comes from pyspellchecker's English frequency
dictionary (MIT licence); rerun this script to regenerate it.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import spellchecker

SIZE = 40_000
TARGET = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "english_words.txt"


def main() -> int:
    source = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        frequencies: dict[str, int] = json.load(handle)
    words = [w for w, _ in sorted(frequencies.items(), key=lambda kv: (-kv[1], kv[0])) if w.isalpha()]
    # Most frequent first: the engine weighs an unknown word by its rank.
    TARGET.write_text("\n".join(words[:SIZE]) + "\n", encoding="utf-8")
    print(f"wrote {SIZE} words to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
