"""How long the tests run: ``TEST_PROFILE=quick`` (the default) or ``TEST_PROFILE=ci``.

``quick`` is every test, each with fewer cases: a tenth of the Hypothesis examples (random
ones, so that runs explore), smaller fault and reload runs. ``ci`` (what ``.ci/run`` sets) is
the full size, with the same examples on every run, so a failure there is a change, not luck.
Without ``TEST_PROFILE`` a machine that sets ``CI`` gets ``ci``.

A property test states its examples at the full size and passes them through
:func:`examples`; other tests pick their sizes with :data:`LONG`.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILES = ("quick", "ci")
PROFILE = os.environ.get("TEST_PROFILE") or ("ci" if os.environ.get("CI") else "quick")
if PROFILE not in PROFILES:
    raise ValueError(f"TEST_PROFILE must be one of {', '.join(PROFILES)}, not {PROFILE!r}")
LONG = PROFILE == "ci"
# The share of the full size that quick runs.
QUICK_SHARE = 10

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("quick", deadline=None, max_examples=100 // QUICK_SHARE)
settings.load_profile(PROFILE)


def examples(full: int) -> int:
    """How many examples to run of a property that states ``full`` for the ci profile."""
    return full if LONG else max(1, full // QUICK_SHARE)
