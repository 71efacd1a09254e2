"""A built engine kept on disk, so that a command starts without building it again.

Building the engine (reading, validating and indexing four languages) takes a good part of
a second; loading a built one takes a tenth. The cache file is named by a fingerprint of
everything the engine is made from: the knowledge base's files, the engine's own code and
word lists, and the versions of Python and of the libraries it keeps objects of. Any change
to one of them gives another name, so a stale engine is never served; the old file is
removed when the new one is written. A cache that cannot be read or written is skipped.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from knowledge.collector import without_collection
from knowledge.engine import Engine
from knowledge.paths import DATA_DIR

logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
PREFIX = "engine-"
SUFFIX = ".pickle"
# Libraries whose objects a pickled engine holds (pydantic models, Babel's data by locale).
LIBRARIES = ("pydantic", "babel", "PyStemmer", "rapidfuzz")


def _code_fingerprint() -> bytes:
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(library.encode())
    for path in sorted(PACKAGE.rglob("*.py")) + sorted((PACKAGE / "resources").rglob("*.txt")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


def fingerprint(root: Path) -> str:
    """The fingerprint of the engine built from the knowledge base under ``root`` by this code."""
    digest = hashlib.sha256(_code_fingerprint())
    _add_files(digest, root)
    return digest.hexdigest()[:32]


def knowledge_version(root: Path = DATA_DIR) -> str:
    """The version of the knowledge base under ``root``: a hash of its files (12 hex digits).

    The question log stamps each record with it, so a report tells which answers a
    curator's edit changed.
    """
    digest = hashlib.sha256()
    _add_files(digest, root)
    return digest.hexdigest()[:12]


def _add_files(digest: Any, root: Path) -> None:
    for path in sorted(root.rglob("*.yaml")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())


def load_engine(root: Path = DATA_DIR, cache_dir: Path | None = None) -> Engine:
    """The engine of the knowledge base under ``root``, from ``cache_dir`` when built before.

    Without ``cache_dir`` the engine is built. A knowledge base that fails validation
    raises :class:`~knowledge.problems.KnowledgeError` as :meth:`Engine.load` does, and
    nothing is cached.
    """
    if cache_dir is None:
        return Engine.load(root)
    path = cache_dir / f"{PREFIX}{fingerprint(root)}{SUFFIX}"
    try:
        with path.open("rb") as handle, without_collection():  # as a build: see knowledge.collector
            engine = pickle.load(handle)
        if isinstance(engine, Engine):
            return engine
    except FileNotFoundError:
        pass
    except Exception as error:  # a truncated or foreign file: build anew
        logger.warning("Ignoring the cached engine %s: %s", path, error)
    engine = Engine.load(root)
    _store(engine, path)
    return engine


def _store(engine: Engine, path: Path) -> None:
    """Write ``engine`` to ``path`` atomically and remove the cache's other engines."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".engine-", delete=False) as handle:
            temporary = handle.name
            pickle.dump(engine, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for old in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only or full disk: the engine still serves
        logger.warning("Could not cache the engine in %s: %s", path.parent, error)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
