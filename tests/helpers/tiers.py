"""The test tiers: which test modules belong to which pytest marker (``tests/conftest.py`` applies them)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

#: Tier -> the test modules in it (by file name; nbval's notebook items are ``notebooks``).
TIERS = {
    "grading": ("test_grade.py", "test_grading_attacks.py", "test_grading_functions.py", "test_grading_jobarray.py",
                "test_grading_sandbox.py", "test_grading_shard.py", "test_grading_workflow.py",
                "test_check_grade_agreement.py"),
    "notebooks": ("test_release.py", "test_handouts.py", "test_lesson05.py", "test_bundle.py"),
    "commands": ("test_cli.py",),
    "browser": ("test_browser.py", "test_lab_smoke.py"),
    "nbgrader": ("test_nbgrader_compat.py",),
}


def own_tier(markers: Iterable[str]) -> str | None:
    """The tier a test names itself with ``@pytest.mark.<tier>`` (it wins over its module's)."""
    return next((m for m in markers if m in TIERS), None)


def tier_of(path: Path) -> str:
    """The tier of a test file: one of :data:`TIERS`, or ``"unit"``."""
    if path.suffix == ".ipynb":
        return "notebooks"
    return next((tier for tier, names in TIERS.items() if path.name in names), "unit")


#: Tiers from the slowest test files to the quickest: ``make test`` hands the slow files out first, so
#: that no worker starts a long file when the others are nearly done (longest-first scheduling).
SLOWEST_FIRST = ("nbgrader", "browser", "grading", "notebooks", "commands", "unit")


def slowest_first(paths: list[Path], tiers: list[str]) -> list[int]:
    """Indices of ``paths`` (one per test, in collection order) sorted so the slow tiers come first.

    The sort is stable, so the tests of one file keep their order (nbval runs a notebook's cells in order).
    """
    rank = {tier: k for k, tier in enumerate(SLOWEST_FIRST)}
    return sorted(range(len(paths)), key=lambda i: rank.get(tiers[i], len(rank)))
