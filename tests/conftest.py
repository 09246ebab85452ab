"""Shared fixtures: the seed article and small articles written for the tests; the test tiers.

Test tiers
----------
Every test gets one tier marker from the module it is in (``helpers.tiers.TIERS``), so
``-m`` can pick a tier: ``grading`` (runs ``course grade`` or the sandbox),
``notebooks`` (executes or renders whole notebooks: nbval, release,
handouts, lesson 05, the student bundle), ``commands`` (starts ``course`` or Python as a process, as a user does), ``browser`` (drives chromium),
``nbgrader`` (nbgrader's own venv). A test in none of them is a ``unit``
test: ``make test-fast`` runs those. The markers are registered in
``pyproject.toml``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.paths import ROOT, SEED  # noqa: F401 - the fixtures below use them
from helpers.tiers import own_tier, slowest_first, tier_of


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

    See ``tests/helpers/student_env.py``. Skips, saying why, only when bubblewrap cannot run.
    """
    from helpers.student_env import bwrap_works, make_student_env

    if not bwrap_works():
        pytest.skip("bubblewrap (bwrap) is not installed or cannot make a sandbox here "
                    "(apt-get install bubblewrap; `make test` does this as root)")
    return make_student_env(tmp_path_factory.mktemp("student"))


def pytest_configure(config):
    """One id per test session, shared by the xdist workers (they inherit the environment)."""
    import os
    import uuid

    os.environ.setdefault("COURSE_TEST_SESSION", uuid.uuid4().hex)


def pytest_collection_modifyitems(config, items):
    """Mark every collected test with its tier, and hand out the slowest files first (``helpers.tiers``)."""
    paths = [Path(str(item.fspath)) for item in items]
    for item, path in zip(items, paths):
        if own_tier(m.name for m in item.iter_markers()) is None:
            item.add_marker(getattr(pytest.mark, tier_of(path)))
    # whole files, by their module's tier, so a file's tests stay together and in order
    order = slowest_first(paths, [tier_of(path) for path in paths])
    items[:] = [items[i] for i in order]
