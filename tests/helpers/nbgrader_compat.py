"""Drive nbgrader 0.9 (in its own venv, ``.venv-nbgrader``) on our notebooks.

Used by ``tests/test_nbgrader_compat.py`` and ``benchmarks/bench_grade.py``.
nbgrader is a test and benchmark tool here, never a dependency of the
course: ``make test`` builds its venv from ``requirements-nbgrader.lock``
and installs the course's kernel into it, so the notebooks nbgrader runs
use the same Python and packages as the students'.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import nbformat

from .paths import ROOT
VENV = ROOT / ".venv-nbgrader"
ASSIGNMENT = "lesson"


def available() -> bool:
    """True when ``make nbgrader-env`` has built nbgrader's venv."""
    return (VENV / ".installed").exists() and (VENV / "bin" / "nbgrader").exists()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV / 'bin'}:{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(VENV / "share" / "jupyter")   # the course's kernel, installed there
    env.pop("VIRTUAL_ENV", None)
    return env


def make_course(root: Path, lesson: str) -> Path:
    """An nbgrader course folder with one assignment: our instructor notebook as its source."""
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / lesson, root / "source" / ASSIGNMENT / lesson)
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (f"\nc.CourseDirectory.root = {str(root)!r}\nc.CourseDirectory.course_id = 'dutch-news'\n"
               "c.ExecutePreprocessor.timeout = 300\n")
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    return root


def nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` in the course folder; raise with its log when it fails."""
    proc = subprocess.run([str(VENV / "bin" / "nbgrader"), *args], cwd=root, env=_env(), capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def released(root: Path, lesson: str) -> Any:
    """nbgrader's student version of the lesson (after ``generate_assignment``)."""
    return nbformat.read(root / "release" / ASSIGNMENT / lesson, as_version=4)


def submit(root: Path, student: str, lesson: str, nb: Any) -> Path:
    """Put a student's notebook where ``nbgrader autograde`` looks for it."""
    folder = root / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / lesson)
    return folder / lesson


def autograde(root: Path) -> float:
    """``nbgrader autograde``; returns the seconds it took."""
    start = time.perf_counter()
    nbgrader(root, "autograde", ASSIGNMENT, "--force")
    return time.perf_counter() - start


_SCORES = """
import json, sys
from nbgrader.api import Gradebook
out = {}
with Gradebook(sys.argv[1]) as gb:
    for sub in gb.assignment_submissions(sys.argv[2]):
        for nb in sub.notebooks:
            out.setdefault(sub.student.id, {})
            for g in nb.grades:
                out[sub.student.id][g.name] = g.auto_score
print(json.dumps(out))
"""


def scores(root: Path) -> dict[str, dict[str, float | None]]:
    """student -> grade_id -> nbgrader's auto score (None for cells graded by hand)."""
    db = f"sqlite:///{root / 'gradebook.db'}"
    proc = subprocess.run([str(VENV / "bin" / "python"), "-c", _SCORES, db, ASSIGNMENT], cwd=root, env=_env(),
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)
