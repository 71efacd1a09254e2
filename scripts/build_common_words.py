"""Write knowledge/resources/words/<lang>.txt: the most frequent words of English, Russian, Italian.

The engine never "corrects" a word on these lists toward a word of the knowledge base
("brought" is not a typo of "bought"), weighs an ordinary word by how rare it is, and treats
words that are on neither a list nor the knowledge base as unknown names. The lists come
from pyspellchecker's frequency dictionaries (MIT licence); rerun this script to regenerate
them. Kazakh has no such dictionary there, so its pack names no list.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import spellchecker

SIZE = 20_000
TARGET = Path(__file__).resolve().parent.parent / "knowledge" / "resources" / "words"
LANGUAGES = ("en", "ru", "it")


def main() -> int:
    for lang in LANGUAGES:
        source = Path(spellchecker.__file__).parent / "resources" / f"{lang}.json.gz"
        with gzip.open(source, "rt", encoding="utf-8") as handle:
            frequencies: dict[str, int] = json.load(handle)
        ranked = sorted(frequencies.items(), key=lambda kv: (-kv[1], kv[0]))
        words = [w.replace("ё", "е") for w, _ in ranked if w.isalpha()]
        words = list(dict.fromkeys(words))[:SIZE]
        # Most frequent first: the engine weighs an unknown word by its rank.
        (TARGET / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(f"wrote {len(words)} words to {TARGET / f'{lang}.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
