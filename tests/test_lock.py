"""The Docker image's lock (``make lock``): every dependency pinned, with hashes, as pyproject.toml asks.

The image installs ``requirements.lock`` with ``pip install --require-hashes --no-deps``, so
a dependency added to pyproject.toml but not locked would be missing from it, and one whose
range moved past its pin would be the wrong version. ``pip check`` in the image's build
catches what these tests cannot see: a missing dependency of a dependency.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# One requirement of the lock: "name==version ; marker" and its continuation lines.
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(?:\s*;[^\\]*)?\s*\\$")


def _locked() -> dict[str, tuple[Version, list[str]]]:
    """Each locked package: its version and its hashes."""
    locked: dict[str, tuple[Version, list[str]]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            match = _PIN.match(line)
            assert match, f"not an exact pin: {line!r}"
            name = canonicalize_name(match[1])
            locked[name] = (Version(match[2]), [])
        elif line.strip().startswith("--hash="):
            locked[name][1].append(line.strip().removeprefix("--hash=").rstrip(" \\"))
    return locked


LOCKED = _locked()
REQUIRED = [*PYPROJECT["project"]["dependencies"], *PYPROJECT["build-system"]["requires"]]


@pytest.mark.parametrize("requirement", REQUIRED)
def test_each_dependency_and_the_build_backend_is_locked_within_its_range(requirement: str) -> None:
    wanted = Requirement(requirement)
    name = canonicalize_name(wanted.name)
    assert name in LOCKED, f"{wanted.name} is not in requirements.lock: run make lock"
    version, _ = LOCKED[name]
    assert wanted.specifier.contains(version, prereleases=True), (
        f"{name}=={version} is outside {wanted.specifier}"
    )


def test_every_locked_package_has_sha256_hashes() -> None:
    assert len(LOCKED) >= len(REQUIRED)
    for name, (_, hashes) in LOCKED.items():
        assert hashes, f"{name} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name
