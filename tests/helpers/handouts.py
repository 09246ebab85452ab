"""The handouts, built once per test session and shared by every xdist worker."""

from __future__ import annotations

import fcntl
import os
from functools import lru_cache
from pathlib import Path

from course.authoring import handouts

from .paths import ROOT

NOTEBOOKS = handouts.lesson_notebooks(ROOT / "notebooks")
#: Where the editions are built; ``COURSE_TEST_HANDOUTS`` moves it (the folder is per session, see ``conftest``).
HANDOUTS_DIR = Path(os.environ.get("COURSE_TEST_HANDOUTS", ROOT / "build" / "test-handouts"))


@lru_cache(maxsize=None)
def built(edition: str) -> Path:
    """Build one edition (HTML only) into ``HANDOUTS_DIR/<edition>``, once for all workers of a session.

    The first worker to ask builds it under an exclusive lock and leaves a
    ``.done`` file; the others wait on the lock and reuse the folder.
    """
    out = HANDOUTS_DIR / edition
    out.parent.mkdir(parents=True, exist_ok=True)
    session = os.environ.get("COURSE_TEST_SESSION", str(os.getpid()))
    done = out.parent / f".{edition}.done"
    with open(out.parent / f".{edition}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (done.exists() and done.read_text() == session):
            handouts.build_handouts(ROOT / "notebooks", out, edition, pdf=False)
            done.write_text(session)
    return out
