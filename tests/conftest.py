"""Shared fixtures: the seed article and small articles written for the tests; the test tiers.

Test tiers
----------
Every test gets one tier marker from the module it is in (:data:`TIERS`), so
``-m`` can pick a tier: ``grading`` (runs ``course grade`` or the sandbox),
``notebooks`` (executes or renders whole notebooks: nbval, release,
handouts, lesson 05, the student bundle), ``browser`` (drives chromium),
``nbgrader`` (nbgrader's own venv). A test in none of them is a ``unit``
test: ``make test-fast`` runs those. The markers are registered in
``pyproject.toml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_79c815f5f65dac68.txt"


@pytest.fixture(scope="session")
def seed():
    """The seed article, parsed once."""
    from course import load_article

    return load_article(SEED)


@pytest.fixture
def write(tmp_path):
    """Write bytes or text to a file in a temporary folder and return its path."""

    def _write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def student_env(tmp_path_factory):
    """The student bundle, installed as its README says, in a sandbox that hides the repository.

    See ``tests/student_env.py``. Skips, saying why, only when bubblewrap cannot run.
    """
    from student_env import bwrap_works, make_student_env

    if not bwrap_works():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make a sandbox here "
                    "(apt-get install bubblewrap; `make test` does this as root)")
    return make_student_env(tmp_path_factory.mktemp("student"))


#: Tier -> the test modules in it (by file name; nbval's notebook items are ``notebooks``).
TIERS = {
    "grading": ("test_grade.py", "test_grading_attacks.py", "test_grading_functions.py", "test_grading_jobarray.py",
                "test_grading_sandbox.py", "test_grading_shard.py", "test_grading_workflow.py",
                "test_check_grade_agreement.py"),
    "notebooks": ("test_release.py", "test_handouts.py", "test_lesson05.py", "test_bundle.py"),
    "browser": ("test_browser.py", "test_lab_smoke.py"),
    "nbgrader": ("test_nbgrader_compat.py",),
}


def tier_of(path: Path) -> str:
    """The tier of a test file: one of :data:`TIERS`, or ``"unit"``."""
    if path.suffix == ".ipynb":
        return "notebooks"
    return next((tier for tier, names in TIERS.items() if path.name in names), "unit")


def pytest_collection_modifyitems(config, items):
    """Mark every collected test with its module's tier."""
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(Path(str(item.fspath)))))
