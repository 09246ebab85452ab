"""Shared fixtures: the seed article and small articles written for the tests."""

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
