"""Safe, fast batch autograding of student notebooks (``course grade``).

Usage::

    course grade SUBMISSIONS [--out grades/] [-j N]
    course grade --merge-manual SHEET [--out grades/]

The submissions
---------------
``SUBMISSIONS`` is a folder, or a ``.zip`` of that folder, with one
sub-folder per student; the sub-folder's name is the student id, and it holds
the student's notebooks under their released names::

    submissions/
        s1234567/
            01-reading.ipynb
            02-summarizing.ipynb
        s7654321/
            01-reading.ipynb

A notebook is expected of every student when at least one student handed it
in (or name them with ``--notebook 01-reading.ipynb``). Other files in a
student's folder are copied next to the notebook while it runs (a capstone
may read the student's own article) but never graded. Folders starting with
``.`` or ``_`` (``.ipynb_checkpoints``, ``__MACOSX``) are skipped.

What is graded, and where the tests come from
---------------------------------------------
The lesson's instructor notebook (``notebooks/NN-name.ipynb``) is the
skeleton. Matching is by nbgrader ``grade_id``, then by cell id:

- an *answer* cell runs the student's version (the stub if it is gone);
- a student's own extra code cells run after the matched cell that
  precedes them, in the student's order;
- other unlocked code cells (worked examples) run the student's version,
  or the lesson's when the student deleted them;
- *check* cells (instant feedback) are not run: they never change a grade;
- *test* cells are never run in the student's process. At a test cell the
  student process only reports the values of the answer variables the test
  uses (as plain data: numbers, text, lists ...). The grader then runs the
  instructor's hidden test in its own process, on those values plus the
  lesson's own variables (taken from a run of the instructor notebook).
  Student code can therefore not change a test, ``assert``, ``check``, a
  traceback or the channel's verdict: the most it can do is send a value,
  which is the same as answering. Printed text never counts.

Edited, deleted, duplicated or markdown-ified test cells, missing or
duplicate cell ids are recorded in the ``tampering`` and ``notes`` columns;
nothing is repaired silently and nothing crashes the batch.

How a submission runs
---------------------
The grader imports the course and its models once, then forks one child
process per submission (``-j`` at a time): no kernel start-up, no per-
notebook import. Each child

- works in a throwaway folder holding copies of ``data/``, ``seeds/`` and
  the student's folder. When the grader runs as root and the course is
  readable by other users, the child runs as a uid of its own
  (``61000 + slot``) with no network, so it cannot write to the course's
  files and the kernel enforces its process limit. Otherwise (an ordinary
  user, or a course in a folder only root can read) it keeps the grader's
  uid: the course's files are checked after each notebook and restored if
  changed, and a watchdog counts the child's processes ten times a second
  (root ignores ``RLIMIT_NPROC``); the batch notes say which mode ran;
- has limits: per cell (``--cell-timeout``, interrupting the cell; a cell
  that ignores the interrupt is killed and the notebook re-run without it,
  so later tests still run), per submission (``--timeout``), memory
  (``--memory``), processes, file size, CPU time;
- captures at most ``--max-output`` bytes of output per cell while it is
  written, then a truncation marker; images are never rendered;
- has a minimal environment (no inherited secrets) and no stdin.

Outputs (written atomically: temp file + rename)
------------------------------------------------
``grades.csv``
    One row per student x notebook, columns: ``student``, ``notebook``,
    ``status`` (one of :data:`STATUSES`), ``reason`` (one line, empty when
    ok), ``points``, ``max_points``, ``auto_points``, ``manual_points``,
    ``manual_pending`` (prose answers not yet graded), ``tampering``,
    ``notes``, then one column per exercise (``1.1``, ``1.2`` ...) with its
    points (empty when the exercise is not in that notebook or its prose
    answer is not graded yet).
``grades_wide.csv``
    One row per student for an LMS: ``student``, one points column per
    notebook (``01-reading``), ``total``, ``max_points``.
``manual.csv``
    The manual-grading sheet: ``student``, ``notebook``, ``exercise``,
    ``max_points``, ``answer`` (the prose answer text), ``rubric``,
    ``points`` (fill in), ``comment``. Fold it in with ``--merge-manual``;
    merged points are kept in ``manual_points.csv`` and survive re-grading.
``feedback/<student>.html``
    One sanitised page per student: per exercise the points, pass/fail and
    the instructor's hint -- never a hidden test's source.
``results.json``
    Everything above in one machine-readable file.

No submission is modified: the grader only reads them. A re-run gives the
same files (the child's hash seed is fixed and nothing carries a time).
"""

from __future__ import annotations

import argparse
import ast
import base64
import builtins
import csv
import dataclasses
import errno
import hashlib
import html
import io
import json
import math
import os
import pickle
import re
import resource
import select
import shutil
import signal
import stat
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"

#: Status of one student x notebook row.
STATUSES = (
    "ok",                   # ran; every test was evaluated (some may fail)
    "timeout",              # a cell or the submission hit its time limit
    "resource_limit",       # memory, processes, file size or CPU limit
    "kernel_died",          # the process running the notebook died
    "parse_error",          # not JSON, or empty
    "schema_error",         # JSON, but not a notebook we can read
    "unsupported_version",  # nbformat other than 4
    "encoding_error",       # not UTF-8 (Latin-1, UTF-16 ...)
    "too_large",            # bigger than --max-notebook-mb
    "missing",              # the student did not hand this notebook in
    "rejected",             # a symlink or an unsafe path in the submission
)
#: Statuses for which the notebook never ran.
NOT_RUN = ("parse_error", "schema_error", "unsupported_version", "encoding_error", "too_large", "missing", "rejected")

_ANSWER_STUB = "YOUR ANSWER HERE"
_CHILD_UID_BASE = 61000


class GradeError(RuntimeError):
    """The batch cannot start (bad arguments, unreadable lesson, broken zip)."""


# --------------------------------------------------------------------------
# Limits


@dataclass(frozen=True)
class Limits:
    """Resource limits for one submission.

    Attributes
    ----------
    cell_timeout : float
        Seconds one cell may run before it is interrupted.
    timeout : float
        Seconds a whole submission may run.
    memory_mb : int
        Memory the child may allocate above what it inherits (address space).
    max_output : int
        Characters of output kept per cell.
    max_notebook_mb : float
        Largest notebook file read.
    processes : int
        Processes (and threads) the child may have when it runs under its own
        uid; without root, extra processes above the user's current count.
    file_size_mb : int
        Largest file the child may write.
    """

    cell_timeout: float = 30.0
    timeout: float = 300.0
    memory_mb: int = 2048
    max_output: int = 20_000
    max_notebook_mb: float = 20.0
    processes: int = 64
    file_size_mb: int = 64


# --------------------------------------------------------------------------
# The lessons


@dataclass
class GradedExercise:
    """One graded exercise of a lesson.

    Attributes
    ----------
    id : str
        Exercise id, e.g. ``"1.2"``.
    kind : str
        ``"auto"`` (hidden test) or ``"prose"`` (graded by hand).
    points : float
        Points it is worth.
    grade_id : str
        nbgrader grade id of the test (auto) or answer (prose) cell.
    test_source : str
        The instructor's test cell (auto only; never shown to students).
    student_names : tuple of str
        Variables of the test that the student defines (harvested from the
        student's run).
    context_names : tuple of str
        Other variables of the test, taken from the instructor's run.
    rubric : str
        The teacher-tagged rubric after a prose cell ('' if none).
    title : str
        The first line of the test's docstring (what it checks).
    """

    id: str
    kind: str
    points: float
    grade_id: str
    test_source: str = ""
    student_names: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()
    rubric: str = ""
    title: str = ""


@dataclass
class Lesson:
    """An instructor notebook prepared for grading.

    Attributes
    ----------
    name : str
        The released file name, e.g. ``"01-reading.ipynb"``.
    nb : dict
        The instructor notebook.
    exercises : list of GradedExercise
        In notebook order.
    released : dict
        grade_id -> source of that cell in the student edition (stubs of
        answer cells, the comment that replaces a test cell, check cells).
    accepted : dict
        grade_id of a locked cell -> the sources it may have in a submission
        without counting as edited: ours, and nbgrader's release (the test
        without its hidden region).
    context : dict
        grade_id of a test -> {name: value} of the lesson's own variables the
        test uses, from the instructor's run (filled by :func:`prepare`).
    """

    name: str
    nb: dict
    exercises: list[GradedExercise]
    released: dict[str, str]
    context: dict[str, dict[str, Any]] = field(default_factory=dict)
    accepted: dict[str, set[str]] = field(default_factory=dict)

    @property
    def max_points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".ipynb")


def _meta(cell: dict) -> tuple[str | None, dict, dict]:
    """(role, nbgrader metadata, course metadata) of a cell; tolerant of junk."""
    md = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    nbg = md.get("nbgrader") if isinstance(md.get("nbgrader"), dict) else {}
    crs = md.get("course") if isinstance(md.get("course"), dict) else {}
    role = crs.get("role") if isinstance(crs.get("role"), str) else None
    return role, nbg, crs


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _free_names(source: str) -> list[str]:
    """Names a piece of code reads and does not define, builtins excluded, in order."""
    tree = ast.parse(source)
    stored = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    seen: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id not in stored and not hasattr(builtins, node.id) and node.id not in seen:
                seen.append(node.id)
    return seen


def _assigned_names(source: str) -> set[str]:
    """Names a stub or answer cell assigns (``answer_1_2 = ...``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def load_lesson(path: str | Path) -> Lesson:
    """Read an instructor notebook and list its graded exercises.

    Parameters
    ----------
    path : str or Path
        ``notebooks/NN-name.ipynb`` (the instructor edition).

    Returns
    -------
    Lesson
        Without the instructor context (see :func:`prepare`).
    """
    import nbformat

    from .release import student_notebook

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    student, _ = student_notebook(nb)
    released = {}
    for cell in student.cells:
        gid = _meta(cell)[1].get("grade_id")
        if gid:
            released[gid] = cell.source
    answer_names: set[str] = set()
    for cell in nb.cells:
        role, nbg, _ = _meta(cell)
        if role == "answer" and nbg.get("grade_id") in released:
            answer_names |= _assigned_names(released[nbg["grade_id"]])
    exercises: list[GradedExercise] = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        role, nbg, crs = _meta(cell)
        if role == "tests":
            names = _free_names(cell.source)
            doc = re.match(r'^\s*"""(.*?)"""', cell.source, re.S)
            title = " ".join(doc.group(1).split()) if doc else ""
            exercises.append(GradedExercise(
                id=str(crs["exercise"]), kind="auto", points=float(nbg.get("points", 0)), grade_id=nbg["grade_id"],
                test_source=cell.source, student_names=tuple(n for n in names if n in answer_names),
                context_names=tuple(n for n in names if n not in answer_names), title=title))
        elif role == "prose":
            rubric = ""
            for later in cells[i + 1:]:
                if "teacher" in later.metadata.get("tags", []):
                    rubric = later.source
                    break
                if _meta(later)[0] is not None:
                    break
            exercises.append(GradedExercise(id=str(crs["exercise"]), kind="prose", points=float(nbg.get("points", 0)),
                                            grade_id=nbg["grade_id"], rubric=rubric))
    from .release import HIDDEN, _strip_region

    accepted = {}
    for cell in nb.cells:
        role, nbg, _ = _meta(cell)
        if nbg.get("locked") and nbg.get("grade_id"):
            ours = released.get(nbg["grade_id"], cell.source)
            accepted[nbg["grade_id"]] = {ours.strip(), _strip_region(cell.source, *HIDDEN)[0].strip()}
    return Lesson(name=path.name, nb=nb, exercises=exercises, released=released, accepted=accepted)


# --------------------------------------------------------------------------
# Reading a submission


@dataclass
class Loaded:
    """A submission notebook read from disk (or why it could not be).

    Attributes
    ----------
    nb : dict or None
        The notebook JSON when it could be read.
    status : str
        ``"ok"`` or one of the not-run statuses.
    reason : str
        One line; empty when ok.
    """

    nb: dict | None
    status: str = "ok"
    reason: str = ""


def read_submission(path: Path, max_mb: float = 20.0) -> Loaded:
    """Read a submitted notebook without trusting it.

    Never raises for a bad file: the problem becomes the status and a one-line
    reason. The file is only read, never changed.

    Parameters
    ----------
    path : Path
        The submitted ``.ipynb``.
    max_mb : float
        Larger files are not read (``too_large``).

    Returns
    -------
    Loaded
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return Loaded(None, "missing", "not handed in")
    if stat.S_ISLNK(info.st_mode):
        return Loaded(None, "rejected", "the notebook is a symbolic link; hand in the file itself")
    if not stat.S_ISREG(info.st_mode):
        return Loaded(None, "rejected", "not a regular file")
    if info.st_size > max_mb * 1024 * 1024:
        return Loaded(None, "too_large", f"{info.st_size / 1024 / 1024:.1f} MB is more than the {max_mb:g} MB limit; "
                                         "clear the outputs (Edit > Clear Outputs of All Cells) and hand it in again")
    data = path.read_bytes()
    if not data.strip():
        return Loaded(None, "parse_error", "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        return Loaded(None, "encoding_error", "the file is UTF-16, not UTF-8; save it again from JupyterLab")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return Loaded(None, "encoding_error",
                      f"byte 0x{data[exc.start]:02x} on line {line} is not UTF-8 (Latin-1?); save it again from JupyterLab")
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        return Loaded(None, "parse_error", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    except RecursionError:
        return Loaded(None, "parse_error", "not valid JSON: nested too deeply")
    return _check_schema(nb)


def _check_schema(nb: Any) -> Loaded:
    """Check the parts of the notebook format the grader relies on."""
    if not isinstance(nb, dict):
        return Loaded(None, "schema_error", f"the JSON is a {type(nb).__name__}, not a notebook object")
    major = nb.get("nbformat")
    if major is None:
        return Loaded(None, "schema_error", "no 'nbformat' field: this is JSON but not a notebook")
    if not isinstance(major, int) or isinstance(major, bool):
        return Loaded(None, "schema_error", f"'nbformat' is {major!r}, not a number")
    if major != 4:
        return Loaded(None, "unsupported_version",
                      f"nbformat {major} is not supported (only 4); open it in JupyterLab and save it again")
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return Loaded(None, "schema_error", "'cells' is missing or not a list")
    for i, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            return Loaded(None, "schema_error", f"cell {i} is not an object")
        kind = cell.get("cell_type")
        if kind not in ("code", "markdown", "raw"):
            return Loaded(None, "schema_error", f"cell {i} has cell_type {kind!r}")
        src = cell.get("source", "")
        if not (isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))):
            return Loaded(None, "schema_error", f"cell {i}'s source is not text")
        if "metadata" in cell and not isinstance(cell["metadata"], dict):
            return Loaded(None, "schema_error", f"cell {i}'s metadata is not an object")
    return Loaded(nb)


# --------------------------------------------------------------------------
# The plan: what runs, in which order


@dataclass
class Step:
    """One step of a grading run.

    Attributes
    ----------
    kind : str
        ``"code"`` (run it) or ``"harvest"`` (report answer values).
    source : str
        Code to run (code steps).
    origin : str
        ``"student"``, ``"student-extra"``, ``"lesson"`` (the instructor's
        cell) or ``"stub"``.
    label : str
        Where the step comes from, for feedback (``"answer 1.2"``).
    names : tuple of str
        Variables to report (harvest steps).
    exercise : str
        Exercise id (harvest steps).
    """

    kind: str
    source: str = ""
    origin: str = "lesson"
    label: str = ""
    names: tuple[str, ...] = ()
    exercise: str = ""


@dataclass
class Plan:
    """How one submission will be run, and what was noticed on the way."""

    steps: list[Step]
    tampering: list[str]
    notes: list[str]
    prose: dict[str, str]   # exercise id -> the student's answer text ('' = none)


def _strip_solution(text: str) -> str:
    """A prose answer without the stub line (and any solution region left in)."""
    from .release import SOLUTION, _strip_region

    text, _ = _strip_region(text, *SOLUTION)
    lines = [ln for ln in text.split("\n") if ln.strip() != _ANSWER_STUB]
    return "\n".join(lines).strip()


def build_plan(lesson: Lesson, nb: dict) -> Plan:
    """Merge a student's notebook into the lesson's skeleton (see the module docstring).

    Parameters
    ----------
    lesson : Lesson
        The instructor notebook.
    nb : dict
        The student's notebook (already checked by :func:`read_submission`).

    Returns
    -------
    Plan
    """
    tampering: list[str] = []
    notes: list[str] = []
    cells = nb["cells"]
    ids = [c.get("id") for c in cells]
    n_missing_ids = sum(1 for i in ids if not isinstance(i, str) or not i)
    if n_missing_ids and nb.get("nbformat_minor", 0) >= 5:
        notes.append(f"{n_missing_ids} cell(s) have no id (not repaired; matched by grade_id)")
    for cid, n in Counter(i for i in ids if isinstance(i, str) and i).items():
        if n > 1:
            notes.append(f"cell id {cid!r} appears {n} times (not repaired; the first is used)")

    by_gid: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, int] = {}
    for k, cell in enumerate(cells):
        gid = _meta(cell)[1].get("grade_id")
        if isinstance(gid, str) and gid:
            by_gid[gid].append(k)
        cid = cell.get("id")
        if isinstance(cid, str) and cid and cid not in by_id:
            by_id[cid] = k

    # Which student cell stands for which lesson cell.
    anchor: dict[int, int] = {}        # lesson index -> student index
    taken: set[int] = set()
    for li, lcell in enumerate(lesson.nb["cells"]):
        gid = _meta(lcell)[1].get("grade_id")
        found = None
        if gid and by_gid.get(gid):
            found = by_gid[gid][0]
            if len(by_gid[gid]) > 1:
                (tampering if _meta(lcell)[1].get("locked") else notes).append(
                    f"{gid} appears {len(by_gid[gid])} times; only the first is used")
                taken.update(by_gid[gid])
        elif lcell.get("id") in by_id and (not gid or not _meta(cells[by_id[lcell["id"]]])[1].get("grade_id")):
            found = by_id[lcell["id"]]
            if gid:
                notes.append(f"{gid} found by its cell id; its nbgrader metadata is missing")
        if found is not None and found not in taken | set(anchor.values()):
            anchor[li] = found
            taken.add(found)
        elif found is not None and found in anchor.values():
            pass

    # The student's own extra code cells, after the anchored cell before them.
    reverse = {s: li for li, s in anchor.items()}
    extras: dict[int, list[int]] = defaultdict(list)
    last = -1
    for k, cell in enumerate(cells):
        if k in reverse:
            last = reverse[k]
        elif k not in taken and cell.get("cell_type") == "code" and _source(cell).strip():
            extras[last].append(k)
    n_extra = sum(len(v) for v in extras.values())
    if n_extra:
        notes.append(f"{n_extra} extra code cell(s) of the student's own were run")

    steps: list[Step] = [Step("code", _source(cells[k]), "student-extra", "your own cell") for k in extras.get(-1, [])]
    prose: dict[str, str] = {}
    for li, lcell in enumerate(lesson.nb["cells"]):
        role, nbg, crs = _meta(lcell)
        gid = nbg.get("grade_id", "")
        ex = str(crs.get("exercise", ""))
        s = anchor.get(li)
        scell = cells[s] if s is not None else None
        if role == "answer":
            if scell is None:
                notes.append(f"answer cell of {ex} is missing; its empty stub was run")
                steps.append(Step("code", lesson.released.get(gid, ""), "stub", f"answer {ex}"))
            elif scell.get("cell_type") != "code":
                tampering.append(f"the answer cell of {ex} was turned into {scell.get('cell_type')}; its empty stub was run")
                steps.append(Step("code", lesson.released.get(gid, ""), "stub", f"answer {ex}"))
            else:
                steps.append(Step("code", _source(scell), "student", f"answer {ex}"))
        elif role == "prose":
            prose[ex] = _strip_solution(_source(scell)) if scell is not None else ""
            if scell is None:
                notes.append(f"the prose answer cell of {ex} is missing")
        elif role in ("tests", "check"):
            expected = lesson.accepted.get(gid)
            if scell is None:
                if role == "tests":
                    tampering.append(f"the test cell of {ex} was deleted (the lesson's test was used)")
            elif scell.get("cell_type") != "code":
                tampering.append(f"the {role} cell of {ex} was turned into {scell.get('cell_type')} (the lesson's was used)")
            elif expected is not None and _source(scell).strip() not in expected:
                tampering.append(f"the {role} cell of {ex} was edited (the lesson's was used)")
            if role == "tests":
                test = next(e for e in lesson.exercises if e.grade_id == gid)
                steps.append(Step("harvest", names=test.student_names, exercise=ex, label=f"test {ex}"))
        elif lcell.get("cell_type") == "code" and "teacher" not in lcell.get("metadata", {}).get("tags", []):
            if scell is not None and scell.get("cell_type") == "code":
                steps.append(Step("code", _source(scell), "student", f"cell {li + 1}"))
            else:
                steps.append(Step("code", lcell.source, "lesson", f"cell {li + 1}"))
        for k in extras.get(li, []):
            steps.append(Step("code", _source(cells[k]), "student-extra", "your own cell"))
    return Plan(steps, tampering, notes, prose)


def instructor_plan(lesson: Lesson) -> list[Step]:
    """The instructor notebook as a plan: every code cell, tests as harvests of their context."""
    steps = []
    for cell in lesson.nb["cells"]:
        role, nbg, crs = _meta(cell)
        if cell.get("cell_type") != "code" or role == "check":
            continue
        if role == "tests":
            ex = next(e for e in lesson.exercises if e.grade_id == nbg["grade_id"])
            steps.append(Step("harvest", names=ex.context_names + ex.student_names, exercise=ex.id, label=nbg["grade_id"]))
        else:
            steps.append(Step("code", cell.source, "lesson", role or "cell"))
    return steps


# --------------------------------------------------------------------------
# Values across the channel


class Opaque:
    """A student value that is not plain data; it compares equal to nothing.

    Attributes
    ----------
    type_name : str
        The type of the student's value.
    text : str
        Its (shortened) repr.
    """

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


class Missing:
    """An answer variable the student never defined."""

    def __repr__(self) -> str:
        return "<not defined>"


def encode_value(value: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """Turn an answer into plain JSON data with type tags (runs in the child).

    Numbers, text, booleans, None, ``...``, lists, tuples, sets, dicts with
    text keys, NumPy scalars and arrays and pandas Series/Index become data;
    anything else becomes ``{"$opaque": type, "repr": ...}``.
    """
    budget = budget if budget is not None else [10_000]
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        return {"$opaque": "too large", "repr": "..."}
    t = type(value)
    if value is None or t in (bool, str):
        return value if t is not str else value[:100_000]
    if t is int:
        return value if abs(value) < 2**63 else {"$opaque": "int", "repr": "a very large number"}
    if t is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if value is Ellipsis:
        return {"$ellipsis": True}
    if t in (list, tuple, set, frozenset):
        items = list(value)[:10_000]
        if t in (set, frozenset):
            try:
                items = sorted(items)
            except TypeError:
                items = sorted(items, key=repr)
        data = [encode_value(v, depth + 1, budget) for v in items]
        return data if t is list else {"$" + t.__name__: data}
    if t is dict:
        return {"$dict": [[encode_value(k, depth + 1, budget), encode_value(v, depth + 1, budget)]
                          for k, v in list(value.items())[:10_000]]}
    module = t.__module__ or ""
    if module.startswith("numpy"):
        if hasattr(value, "tolist") and getattr(value, "ndim", 1) >= 1:
            return encode_value(list(value.tolist()), depth + 1, budget)
        if hasattr(value, "item"):
            return {"$numpy": encode_value(value.item(), depth + 1, budget)}
    if module.startswith("pandas") and t.__name__ in ("Series", "Index"):
        return encode_value(list(value.tolist()), depth + 1, budget)
    try:
        text = object.__repr__(value)
    except Exception:  # noqa: BLE001 - nothing from the student is trusted
        text = "?"
    return {"$opaque": f"{module}.{t.__name__}".strip("."), "repr": text[:200]}


def decode_value(data: Any) -> Any:
    """Rebuild a value sent by :func:`encode_value` (runs in the grader)."""
    if isinstance(data, list):
        return [decode_value(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "$ellipsis" in data:
        return Ellipsis
    if "$missing" in data:
        return Missing()
    if "$float" in data:
        return float(data["$float"]) if data["$float"] in ("nan", "inf", "-inf") else Opaque("float", "?")
    if "$tuple" in data:
        return tuple(decode_value(v) for v in data["$tuple"])
    if "$set" in data or "$frozenset" in data:
        items = [decode_value(v) for v in data.get("$set", data.get("$frozenset", []))]
        try:
            return set(items)
        except TypeError:
            return Opaque("set", repr(items)[:200])
    if "$dict" in data:
        try:
            return {decode_value(k): decode_value(v) for k, v in data["$dict"]}
        except (TypeError, ValueError):
            return Opaque("dict", "?")
    if "$numpy" in data:
        import numpy as np

        inner = decode_value(data["$numpy"])
        return np.asarray(inner)[()] if isinstance(inner, (int, float, bool)) else inner
    if "$opaque" in data:
        return Opaque(str(data["$opaque"])[:100], str(data.get("repr", ""))[:200])
    return Opaque("dict", "?")


# --------------------------------------------------------------------------
# The child process (untrusted student code runs here)


class CellTimeout(BaseException):
    """Raised in the child when a cell runs past its time limit."""


class _CappedWriter(io.TextIOBase):
    """A text stream that keeps at most ``limit`` characters per cell, counting the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def reset(self) -> None:
        self.parts, self.kept, self.dropped = [], 0, 0

    def writable(self) -> bool:
        return True

    def write(self, s: Any) -> int:
        s = s if isinstance(s, str) else str(s)
        room = self.limit - self.kept
        if room > 0:
            piece = s[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n[output truncated: {self.dropped:,} more characters]"
        return out


_SHELL: Any = None


def _shell() -> Any:
    """The IPython shell children run cells in, made once in the grader (before forking)."""
    global _SHELL
    if _SHELL is None:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        cfg = Config()
        cfg.HistoryManager.enabled = False
        cfg.InteractiveShell.colors = "nocolor"
        cfg.InteractiveShell.xmode = "Plain"
        _SHELL = InteractiveShell.instance(config=cfg)
        _SHELL.display_formatter.active_types = ["text/plain"]
    return _SHELL


def warm_up() -> None:
    """Import the course and its models once, so that forked children start warm."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    import course

    for name in sorted(course._EXPORTS):  # noqa: SLF001 - import every module of the flat API
        getattr(course, name)
    course.load_article()
    _shell()


def _send(fd: int, msg: dict) -> None:
    data = (json.dumps(msg, ensure_ascii=True) + "\n").encode()
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _set_limits(limits: Limits, own_uid: int | None) -> None:
    """Resource limits for the child, set after the fork."""
    def lim(kind: int, value: int) -> None:
        try:
            resource.setrlimit(kind, (value, value))
        except (ValueError, OSError):
            pass

    lim(resource.RLIMIT_CORE, 0)
    lim(resource.RLIMIT_FSIZE, limits.file_size_mb * 1024 * 1024)
    lim(resource.RLIMIT_CPU, int(limits.timeout) + 5)
    lim(resource.RLIMIT_NOFILE, 256)
    try:
        with open("/proc/self/status") as fh:
            vm = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:")) * 1024
    except (OSError, StopIteration):
        vm = 0
    lim(resource.RLIMIT_AS, vm + limits.memory_mb * 1024 * 1024)
    if own_uid is not None:
        lim(resource.RLIMIT_NPROC, limits.processes)
    else:
        lim(resource.RLIMIT_NPROC, _count_user_processes() + limits.processes)


def _count_user_processes() -> int:
    uid = os.getuid()
    n = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    n += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                continue
    return n


def _world_readable(path: Path) -> bool:
    """True when another user can reach and read ``path`` (every parent searchable)."""
    try:
        if not path.stat().st_mode & stat.S_IROTH:
            return False
        return all(p.stat().st_mode & stat.S_IXOTH for p in [path, *path.parents])
    except OSError:
        return False


_SKIP_STDLIB = {"site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip"}


def mirror_stdlib(dest: Path) -> tuple[str, str] | None:
    """Make Python's standard library readable by the grading uids, when it is not.

    pyenv and similar installs put the standard library under ``/root``,
    which other users cannot enter, so a child that dropped root could not
    import a module nobody imported before it. The library is mirrored with
    hard links (a copy across file systems) into ``dest``.

    Returns
    -------
    (original, mirror) or None
        The two folders, or None when no mirror is needed.
    """
    import sysconfig

    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if _world_readable(stdlib):
        return None
    for dirpath, dirnames, filenames in os.walk(stdlib):
        rel = Path(dirpath).relative_to(stdlib)
        if rel == Path("."):
            dirnames[:] = [d for d in dirnames if d not in _SKIP_STDLIB]
        target = dest / rel
        target.mkdir(parents=True, exist_ok=True)
        os.chmod(target, 0o755)
        for name in filenames:
            src = os.path.join(dirpath, name)
            if os.path.islink(src):
                continue
            try:
                os.link(src, target / name)
            except OSError:
                shutil.copy2(src, target / name)
    os.chmod(dest, 0o755)
    return str(stdlib), str(dest)


def _unreadable_for_others() -> list[str]:
    """Folders a child needs after dropping root that other users cannot read.

    The course itself (its code, data and seed) and every folder on
    ``sys.path`` (the standard library counted as mirrored, see
    :func:`mirror_stdlib`).
    """
    needed = [ROOT, ROOT / "course", ROOT / "data", ROOT / "seeds"]
    for entry in sys.path:
        if entry and os.path.isdir(entry):
            if _PATH_MAP is not None and entry.startswith(_PATH_MAP[0]):
                entry = _PATH_MAP[1] + entry[len(_PATH_MAP[0]):]
            needed.append(Path(entry))
    return [str(p) for p in needed if p.exists() and not _world_readable(p)]


def _no_network() -> None:
    """Put the child in an empty network namespace (root only; best effort)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.unshare(0x40000000)  # CLONE_NEWNET
    except Exception:  # noqa: BLE001
        pass


_PATH_MAP: tuple[str, str] | None = None
#: Whether children run under a uid of their own (set per batch by :func:`grade_batch`).
_DROP_UID = False
#: Seconds between two looks at the children's process counts (the fork-bomb watchdog).
_WATCH_EVERY = 0.1


def _child_main(steps: list[Step], skip: set[int], workdir: str, limits: Limits, wfd: int,
                own_uid: int | None, trusted: bool) -> None:
    """Run the plan in this (forked) process and report over ``wfd``; never returns."""
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, wfd)
        os.closerange(wfd + 1, 4096)
        os.chdir(workdir)
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": workdir, "LANG": "C.UTF-8",
               "MPLBACKEND": "Agg", "MPLCONFIGDIR": os.path.join(workdir, ".matplotlib"),
               "IPYTHONDIR": os.path.join(workdir, ".ipython"), "PYTHONHASHSEED": "0",
               "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "TMPDIR": workdir}
        os.environ.clear()
        os.environ.update(env)
        tempfile.tempdir = workdir
        if not trusted:
            if own_uid is not None:
                if _PATH_MAP is not None:
                    import importlib

                    old, new = _PATH_MAP
                    sys.path[:] = [new + s[len(old):] if s.startswith(old) else s for s in sys.path]
                    for module in list(sys.modules.values()):
                        paths = getattr(module, "__path__", None)
                        if isinstance(paths, list) and any(s.startswith(old) for s in paths):
                            module.__path__ = [new + s[len(old):] if s.startswith(old) else s for s in paths]
                    sys.path_importer_cache.clear()
                    importlib.invalidate_caches()
                _no_network()
                os.setgroups([])
                os.setgid(own_uid)
                os.setuid(own_uid)
            _set_limits(limits, own_uid)
        shell = _shell()
        # Separate streams: IPython runs far slower when stdout is stderr.
        out = _CappedWriter(limits.max_output)
        err = _CappedWriter(limits.max_output // 4)
        sys.stdout, sys.stderr = out, err
        shell.user_ns.clear()
        shell.init_user_ns()

        def on_alarm(signum: int, frame: Any) -> None:
            raise CellTimeout(f"the cell ran for more than {limits.cell_timeout:g} s")

        signal.signal(signal.SIGALRM, on_alarm)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except BaseException as exc:  # noqa: BLE001
        try:
            _send(wfd, {"ev": "setup_failed", "error": f"{type(exc).__name__}: {exc}"[:500]})
        finally:
            os._exit(3)
    for i, step in enumerate(steps):
        if i in skip:
            continue
        if step.kind == "harvest":
            values = {}
            for name in step.names:
                value = shell.user_ns.get(name, Missing)
                if trusted:
                    try:
                        values[name] = base64.b64encode(pickle.dumps(value)).decode()
                    except Exception as exc:  # noqa: BLE001
                        values[name] = None
                        _send(wfd, {"ev": "note", "text": f"{name} cannot be pickled: {exc}"})
                else:
                    try:
                        values[name] = {"$missing": True} if value is Missing else encode_value(value)
                    except BaseException:  # noqa: BLE001
                        values[name] = {"$opaque": "unreadable", "repr": "?"}
            _send(wfd, {"ev": "values", "step": i, "values": values})
            continue
        _send(wfd, {"ev": "start", "step": i})
        out.reset()
        err.reset()
        error = None
        try:
            signal.setitimer(signal.ITIMER_REAL, limits.cell_timeout)
            result = shell.run_cell(step.source, store_history=False, silent=False)
            signal.setitimer(signal.ITIMER_REAL, 0)
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = [type(exc).__name__, str(exc)[:300]]
        except BaseException as exc:  # noqa: BLE001 - a timeout between IPython's own lines
            signal.setitimer(signal.ITIMER_REAL, 0)
            error = [type(exc).__name__, str(exc)[:300]]
        try:
            sys.stdout, sys.stderr = out, err
            text = out.text() + (f"\n[stderr]\n{err.text()}" if err.kept else "")
            _send(wfd, {"ev": "end", "step": i, "error": error, "output": text})
        except BaseException:  # noqa: BLE001
            os._exit(4)
    _send(wfd, {"ev": "done"})
    os._exit(0)


# --------------------------------------------------------------------------
# Running submissions in parallel (the trusted side)


@dataclass
class StepResult:
    """What happened to one step."""

    error: list[str] | None = None
    output: str = ""
    timed_out: bool = False
    killed: bool = False


@dataclass
class Job:
    """One notebook of one student, from plan to results."""

    student: str
    lesson: Lesson
    plan: Plan | None
    workdir: Path | None = None
    trusted: bool = False
    skip: set[int] = field(default_factory=set)
    results: dict[int, StepResult] = field(default_factory=dict)
    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    status: str = "ok"
    reason: str = ""
    attempts: int = 0
    started: float = 0.0
    channel_notes: list[str] = field(default_factory=list)
    wall: float = 0.0        # seconds from fork to the child's end (all attempts)
    cell_time: float = 0.0   # seconds spent inside cells


@dataclass
class _Running:
    job: Job
    pid: int
    rfd: int
    slot: int
    buf: bytearray = field(default_factory=bytearray)
    received: int = 0
    current: int | None = None
    cell_started: float = 0.0
    done: bool = False
    eof: bool = False
    spawned: float = field(default_factory=time.monotonic)


_CHANNEL_CAP = 16 * 1024 * 1024


def _spawn(job: Job, slot: int, limits: Limits) -> _Running:
    own_uid = _CHILD_UID_BASE + slot if _DROP_UID and not job.trusted else None
    if own_uid is not None and job.workdir is not None:
        for dirpath, dirnames, filenames in os.walk(job.workdir):
            os.chown(dirpath, own_uid, own_uid)
            for f in filenames:
                os.lchown(os.path.join(dirpath, f), own_uid, own_uid)
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(rfd)
            _child_main(job.plan.steps, set(job.skip), str(job.workdir), limits, wfd, own_uid, job.trusted)
        finally:
            os._exit(5)
    os.close(wfd)
    os.set_blocking(rfd, False)
    job.attempts += 1
    if not job.started:
        job.started = time.monotonic()
    return _Running(job, pid, rfd, slot)


def _kill(run: _Running) -> None:
    for target in (lambda: os.killpg(run.pid, signal.SIGKILL), lambda: os.kill(run.pid, signal.SIGKILL)):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass
    for pid in _session_processes(run.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if _DROP_UID and not run.job.trusted:
        _kill_uid(_CHILD_UID_BASE + run.slot)


def _session_processes(sid: int) -> list[int]:
    """Processes in the session a child started (``os.setsid`` makes its pid the session id)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if len(fields) > 3 and int(fields[3]) == sid:
                found.append(int(entry.name))
    return found


def _kill_uid(uid: int) -> None:
    """Kill every process of a grading uid (strays that left the process group)."""
    for _ in range(3):
        found = False
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        os.kill(int(entry.name), signal.SIGKILL)
                        found = True
                except (OSError, ProcessLookupError):
                    continue
        if not found:
            return
        time.sleep(0.05)


def _handle(run: _Running, msg: Any) -> None:
    job = run.job
    if not isinstance(msg, dict) or msg.get("ev") not in ("start", "end", "values", "done", "note", "setup_failed"):
        job.channel_notes.append("unexpected data on the result channel was ignored")
        return
    ev = msg["ev"]
    step = msg.get("step")
    if ev in ("start", "end", "values"):
        if not isinstance(step, int) or not 0 <= step < len(job.plan.steps) or step in job.skip:
            job.channel_notes.append("a message about an unknown step was ignored")
            return
    if ev == "start":
        run.current = step
        run.cell_started = time.monotonic()
    elif ev == "end":
        error = msg.get("error")
        if not (error is None or (isinstance(error, list) and len(error) == 2 and all(isinstance(e, str) for e in error))):
            error = ["UnknownError", "?"]
        output = msg.get("output") if isinstance(msg.get("output"), str) else ""
        job.results[step] = StepResult(error=error, output=output, timed_out=bool(error and error[0] == "CellTimeout"))
        if run.current == step:
            job.cell_time += time.monotonic() - run.cell_started
        run.current = None
    elif ev == "values":
        values = msg.get("values")
        if isinstance(values, dict):
            job.values[step] = values
    elif ev == "done":
        run.done = True
    elif ev == "setup_failed":
        job.events.append(f"the grader could not set up the run: {msg.get('error')}")


def _read(run: _Running) -> None:
    try:
        while True:
            chunk = os.read(run.rfd, 1 << 16)
            if not chunk:
                run.eof = True
                break
            run.received += len(chunk)
            if run.received > _CHANNEL_CAP:
                run.job.channel_notes.append("the result channel was flooded; the run was stopped")
                _kill(run)
                run.eof = True
                break
            run.buf.extend(chunk)
    except BlockingIOError:
        pass
    while b"\n" in run.buf:
        line, _, rest = bytes(run.buf).partition(b"\n")
        run.buf = bytearray(rest)
        try:
            msg = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            run.job.channel_notes.append("unexpected data on the result channel was ignored")
            continue
        _handle(run, msg)


def _finish(run: _Running, limits: Limits, killed_for: str | None) -> bool:
    """Reap the child; return True when the job needs another run (after a hard cell timeout)."""
    job = run.job
    try:
        _, wstatus = os.waitpid(run.pid, 0)
    except ChildProcessError:
        wstatus = 0
    os.close(run.rfd)
    job.wall += time.monotonic() - run.spawned
    _kill(run)  # grandchildren the student may have started
    if run.done:
        return False
    if killed_for in ("cell", "processes") and run.current is not None:
        # Kill the cell, then run the notebook again without it, so that later tests still run.
        if killed_for == "cell":
            job.results[run.current] = StepResult(error=["CellTimeout", f"the cell ran for more than "
                                                         f"{limits.cell_timeout:g} s and did not stop when interrupted"],
                                                  timed_out=True, killed=True)
        else:
            job.results[run.current] = StepResult(error=["ResourceLimit", f"the cell started more than "
                                                         f"{limits.processes} processes (a fork bomb?)"], killed=True)
        job.skip.add(run.current)
        if job.attempts < 4 and time.monotonic() - job.started < limits.timeout:
            return True
        job.events.append("timeout: gave up after repeated cells that would not stop")
        job.status = "timeout"
        return False
    if killed_for == "submission":
        job.status, job.reason = "timeout", f"the notebook ran for more than {limits.timeout:g} s; later cells did not run"
        return False
    where = job.plan.steps[run.current].label if run.current is not None else "between cells"
    if os.WIFSIGNALED(wstatus) and os.WTERMSIG(wstatus) in (signal.SIGXCPU, signal.SIGXFSZ):
        job.status = "resource_limit"
        what = "CPU time" if os.WTERMSIG(wstatus) == signal.SIGXCPU else "file size"
        job.reason = f"the {what} limit was hit in {where}; later cells did not run"
    else:
        how = (f"signal {signal.Signals(os.WTERMSIG(wstatus)).name}" if os.WIFSIGNALED(wstatus)
               else f"exit code {os.WEXITSTATUS(wstatus)}")
        job.status = "kernel_died"
        job.reason = f"the notebook's process ended ({how}) in {where}; later cells did not run"
    if run.current is not None:
        job.results[run.current] = StepResult(error=["KernelDied", job.reason])
    return False


def run_jobs(jobs: list[Job], limits: Limits, workers: int = 2, progress: Any = None) -> None:
    """Run every job's plan in forked children, ``workers`` at a time (fills the jobs in place).

    Parameters
    ----------
    jobs : list of Job
        Jobs with a plan and a workdir.
    limits : Limits
    workers : int
        Children at a time.
    progress : callable, optional
        Called with each finished job.
    """
    pending = list(jobs)
    running: dict[int, _Running] = {}
    free_slots = list(range(max(1, workers)))
    while pending or running:
        while pending and free_slots:
            job = pending.pop(0)
            slot = free_slots.pop(0)
            run = _spawn(job, slot, limits)
            running[run.rfd] = run
        now = time.monotonic()
        waits = []
        for run in running.values():
            waits.append(run.job.started + limits.timeout - now)
            if run.current is not None:
                waits.append(run.cell_started + limits.cell_timeout + 2.0 - now)
        timeout = max(0.0, min(waits)) if waits else 0.5
        ready, _, _ = select.select(list(running), [], [], min(timeout, _WATCH_EVERY))
        for rfd in ready:
            _read(running[rfd])
        now = time.monotonic()
        for rfd, run in list(running.items()):
            killed_for = None
            if not run.eof:
                if now - run.job.started > limits.timeout:
                    killed_for = "submission"
                elif not run.job.trusted and len(_session_processes(run.pid)) > limits.processes:
                    killed_for = "processes"
                elif run.current is not None and now - run.cell_started > limits.cell_timeout + 2.0:
                    killed_for = "cell"
                if killed_for:
                    _kill(run)
                    _read(run)
                else:
                    continue
            else:
                _read(run)
            del running[rfd]
            free_slots.append(run.slot)
            free_slots.sort()
            if _finish(run, limits, killed_for):
                pending.insert(0, run.job)
            elif progress is not None:
                progress(run.job)


# --------------------------------------------------------------------------
# Evaluating the tests (trusted, in the grader)


@dataclass
class ExerciseResult:
    """The grade of one exercise of one submission.

    Attributes
    ----------
    id, kind : str
        As in :class:`GradedExercise`.
    points, max_points : float or None
        ``points`` is None for a prose answer not graded yet.
    passed : bool or None
        None for prose.
    message : str
        The instructor's feedback (a check's hint or success message), or why
        the test could not run. Never the test's source.
    answer : str
        The prose answer (prose only).
    """

    id: str
    kind: str
    points: float | None
    max_points: float
    passed: bool | None
    message: str
    answer: str = ""


def _namespace(lesson: Lesson, ex: GradedExercise, values: dict[str, Any]) -> dict[str, Any]:
    import course

    ns: dict[str, Any] = {name: getattr(course, name) for name in ("assert_answer", "check")}
    ns.update(lesson.context.get(ex.grade_id, {}))
    for name in ex.student_names:
        ns[name] = decode_value(values.get(name, {"$missing": True}))
    return ns


def evaluate(lesson: Lesson, ex: GradedExercise, values: dict[str, Any] | None, why_not: str = "") -> ExerciseResult:
    """Run the instructor's test of one exercise on the student's values.

    Parameters
    ----------
    lesson : Lesson
        With its instructor context filled in.
    ex : GradedExercise
        An auto-graded exercise.
    values : dict or None
        The encoded values of the student's answer variables at the test's
        position; None when the run never got there.
    why_not : str
        Why there are no values (timeout, the process died ...).
    """
    from .checks import check

    if values is None:
        return ExerciseResult(ex.id, "auto", 0.0, ex.points, False, why_not or "the notebook did not get as far as this test")
    ns = _namespace(lesson, ex, values)
    answer = ns.get(ex.student_names[0]) if ex.student_names else None
    try:
        exec(compile(ex.test_source, f"<test {ex.id}>", "exec"), ns)  # noqa: S102 - the instructor's own test
        passed = True
    except Exception:  # noqa: BLE001 - any failure of the test is a fail
        passed = False
    if isinstance(answer, Missing):
        message = f"the variable {ex.student_names[0]} is not defined when the test runs"
    elif isinstance(answer, Opaque):
        message = f"your answer is a {answer.type_name}, which cannot be graded; " + check(ex.id, answer).message
    else:
        message = check(ex.id, answer).message
    return ExerciseResult(ex.id, "auto", ex.points if passed else 0.0, ex.points, passed, message)


def prepare(lesson: Lesson, limits: Limits | None = None) -> Lesson:
    """Run the instructor notebook once, in this process, and keep the variables its tests use.

    Running it here (trusted code) also warms every cache the lesson uses,
    so that the children forked afterwards start warm. The shell's
    namespace is emptied afterwards: no child ever sees the solutions.
    Also checks that the instructor's own answers pass every test.

    Raises
    ------
    GradeError
        When the instructor notebook fails to run or fails its own tests.
    """
    import copy

    limits = limits or Limits(cell_timeout=600)
    shell = _shell()
    work = Path(tempfile.mkdtemp(prefix="course-lesson-"))
    old_cwd, old_out, old_err = os.getcwd(), sys.stdout, sys.stderr
    sink = _CappedWriter(limits.max_output)
    try:
        _make_workdir(work, None)
        os.chdir(work / "notebooks")
        sys.stdout = sys.stderr = sink
        shell.user_ns.clear()
        shell.init_user_ns()
        for step in instructor_plan(lesson):
            if step.kind == "code":
                result = shell.run_cell(step.source, store_history=False)
                exc = result.error_before_exec or result.error_in_exec
                if exc is not None:
                    raise GradeError(f"{lesson.name}: the instructor notebook does not run: {step.label}: "
                                     f"{type(exc).__name__}: {exc}")
                continue
            ex = next(e for e in lesson.exercises if e.grade_id == step.label)
            ns = shell.user_ns
            lesson.context[ex.grade_id] = {n: copy.deepcopy(ns[n]) for n in ex.context_names if n in ns}
            own = {n: encode_value(ns.get(n, Missing)) for n in ex.student_names}
            if not evaluate(lesson, ex, own).passed:
                raise GradeError(f"{lesson.name}: the instructor's own answer fails the test of {ex.id}")
    finally:
        sys.stdout, sys.stderr = old_out, old_err
        os.chdir(old_cwd)
        shell.user_ns.clear()
        shell.init_user_ns()
        import matplotlib.pyplot as plt

        plt.close("all")
        shutil.rmtree(work, ignore_errors=True)
    return lesson


# --------------------------------------------------------------------------
# Submissions on disk


_SAFE_ID = re.compile(r"^[^/\\\x00-\x1f]{1,128}$")


def _safe_extract(zip_path: Path, dest: Path, max_total_mb: float) -> dict[Path, str]:
    """Extract a zip of submissions, refusing unsafe entries; return refused path -> why."""
    refused: dict[Path, str] = {}
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GradeError(f"{zip_path}: not a readable zip file ({exc})") from exc
    total = 0
    with zf:
        for info in zf.infolist():
            name = info.filename
            parts = Path(name).parts
            mode = info.external_attr >> 16
            if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name) or "\\" in name:
                refused[Path(name)] = "unsafe path"
                continue
            if stat.S_ISLNK(mode):
                refused[dest / name] = "symbolic link"
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                continue
            total += info.file_size
            if total > max_total_mb * 1024 * 1024:
                raise GradeError(f"{zip_path}: unpacks to more than {max_total_mb:g} MB; refusing (zip bomb?)")
            target = dest / name
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
    return refused


def _submission_root(path: Path) -> Path:
    """The folder that holds the student folders (a zip may wrap them in one more folder)."""
    entries = [p for p in path.iterdir() if not p.name.startswith((".", "_"))]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        inner = entries[0]
        kids = [p for p in inner.iterdir() if not p.name.startswith((".", "_"))]
        if kids and all(p.is_dir() for p in kids) and not any(p.suffix == ".ipynb" for p in inner.iterdir()):
            return inner
    return path


def find_students(root: Path) -> tuple[dict[str, Path], list[str]]:
    """Student id -> folder, and notes on what was skipped."""
    students: dict[str, Path] = {}
    notes: list[str] = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_symlink():
            students[entry.name] = entry
            notes.append(f"{entry.name}: the student folder is a symbolic link")
        elif entry.is_dir():
            students[entry.name] = entry
        else:
            notes.append(f"{entry.name}: a file at the top level, not a student folder; ignored")
    return students, notes


def _make_workdir(work: Path, student_dir: Path | None) -> None:
    """Throwaway copy: data/ and seeds/ of the course, the student's folder as notebooks/."""
    shutil.copytree(ROOT / "data", work / "data")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    nbdir = work / "notebooks"
    nbdir.mkdir()
    if student_dir is not None and not student_dir.is_symlink():
        budget = 50 * 1024 * 1024
        for item in student_dir.rglob("*"):
            rel = item.relative_to(student_dir)
            if item.is_symlink() or any(p.startswith(".") for p in rel.parts):
                continue
            if item.is_dir():
                (nbdir / rel).mkdir(parents=True, exist_ok=True)
            elif item.is_file() and item.stat().st_size <= budget:
                budget -= item.stat().st_size
                (nbdir / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(item, nbdir / rel)


def _snapshot(paths: Iterable[Path]) -> dict[Path, bytes]:
    snap = {}
    for base in paths:
        for p in base.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts:
                snap[p] = p.read_bytes()
    return snap


def _restore(snap: dict[Path, bytes], bases: Iterable[Path]) -> list[str]:
    """Put the course's files back as they were; return what had changed.

    A file that is new is reported but not deleted (it may be a teacher's).
    """
    changed = []
    for p, data in snap.items():
        try:
            same = p.read_bytes() == data
        except OSError:
            same = False
        if not same:
            changed.append(str(p.relative_to(ROOT)))
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    for base in bases:
        for p in base.rglob("*"):
            if p.is_file() and p not in snap and "__pycache__" not in p.parts:
                changed.append(f"{p.relative_to(ROOT)} (new; left in place)")
                snap[p] = p.read_bytes()
    return changed


# --------------------------------------------------------------------------
# Grading a batch


@dataclass
class NotebookGrade:
    """One row of ``grades.csv`` (student x notebook)."""

    student: str
    notebook: str
    status: str
    reason: str
    exercises: list[ExerciseResult]
    tampering: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0        # wall time of its run (not written anywhere: re-runs must match)
    cell_seconds: float = 0.0   # of which inside cells

    @property
    def max_points(self) -> float:
        return sum(e.max_points for e in self.exercises)

    @property
    def auto_points(self) -> float:
        return sum(e.points or 0 for e in self.exercises if e.kind == "auto")

    @property
    def manual_points(self) -> float:
        return sum(e.points or 0 for e in self.exercises if e.kind == "prose")

    @property
    def manual_pending(self) -> int:
        return sum(1 for e in self.exercises if e.kind == "prose" and e.points is None)

    @property
    def points(self) -> float:
        return self.auto_points + self.manual_points


def _grade_job(job: Job) -> NotebookGrade:
    """Evaluate the tests of a finished job."""
    lesson, plan = job.lesson, job.plan
    harvest = {s.exercise: i for i, s in enumerate(plan.steps) if s.kind == "harvest"}
    results: list[ExerciseResult] = []
    errors = []
    resource_hit = False
    for i, r in sorted(job.results.items()):
        if r.error and plan.steps[i].origin != "lesson" or r.error and r.error[0] in ("CellTimeout", "MemoryError",
                                                                                         "ResourceLimit"):
            errors.append(f"{plan.steps[i].label}: {r.error[0]}: {r.error[1]}")
        if r.error and (r.error[0] in ("MemoryError", "ResourceLimit") or (r.error[0] in ("BlockingIOError", "OSError", "PermissionError")
                                                         and "Resource temporarily unavailable" in r.error[1])):
            resource_hit = True
    status, reason = job.status, job.reason
    timed_out = [plan.steps[i].label for i, r in sorted(job.results.items()) if r.timed_out]
    if status == "ok" and timed_out:
        status, reason = "timeout", f"{', '.join(timed_out)} ran past the cell time limit and scored 0"
    if status == "ok" and resource_hit:
        status, reason = "resource_limit", "a cell hit the memory or process limit: " + next(
            e for e in errors if "MemoryError" in e or "unavailable" in e or "ResourceLimit" in e)
    for ex in lesson.exercises:
        if ex.kind == "prose":
            answer = plan.prose.get(ex.id, "")
            results.append(ExerciseResult(ex.id, "prose", None, ex.points, None,
                                          "graded by your teacher" if answer else "no answer given", answer))
            continue
        i = harvest[ex.id]
        values = job.values.get(i)
        why = ""
        if values is None:
            why = {"timeout": "the time limit stopped the notebook before this test",
                   "kernel_died": "the notebook's process died before this test",
                   "resource_limit": "a resource limit stopped the notebook before this test"}.get(status, "")
        result = evaluate(lesson, ex, values, why)
        answer_step = next((k for k, s in enumerate(plan.steps) if s.label == f"answer {ex.id}"), None)
        if answer_step is not None and job.results.get(answer_step) and job.results[answer_step].timed_out:
            result = dataclasses.replace(result, points=0.0, passed=False,
                                         message="timeout: your answer cell ran past its time limit")
        results.append(result)
    notes = list(plan.notes) + sorted(set(job.channel_notes)) + job.events
    return NotebookGrade(job.student, lesson.name, status, reason, results, list(plan.tampering), notes, errors,
                         job.wall, job.cell_time)


def _not_run(student: str, lesson: Lesson, status: str, reason: str) -> NotebookGrade:
    exercises = [ExerciseResult(e.id, e.kind, 0.0, e.points, False if e.kind == "auto" else None, reason)
                 for e in lesson.exercises]
    return NotebookGrade(student, lesson.name, status, reason, exercises)


def grade_batch(submissions: str | Path, lessons: Iterable[str] | None = None, workers: int = 2,
                limits: Limits | None = None, notebooks_dir: str | Path = NOTEBOOKS_DIR,
                progress: bool = False, isolate: bool | None = None) -> tuple[list[NotebookGrade], list[str]]:
    """Grade every student's notebooks.

    Parameters
    ----------
    submissions : str or Path
        A folder (or ``.zip``) with one folder per student (see the module docstring).
    lessons : iterable of str, optional
        Notebook names to expect of every student; by default each lesson
        notebook that at least one student handed in.
    workers : int
        Submissions run at a time.
    limits : Limits, optional
    notebooks_dir : str or Path
        Where the instructor notebooks are.
    progress : bool
        Draw a progress bar on stderr.
    isolate : bool, optional
        Run children under uids of their own. By default whenever possible
        (the grader runs as root and the course is readable by other users);
        False forces the same-uid mode (files checked and restored, a
        process-count watchdog instead of a process limit).

    Returns
    -------
    (grades, batch_notes)
        One :class:`NotebookGrade` per student x notebook, sorted by student
        and notebook, and notes about the batch (refused zip entries ...).

    Raises
    ------
    GradeError
        When the submissions or a lesson cannot be read at all.
    """
    limits = limits or Limits()
    submissions = Path(submissions)
    if not submissions.exists():
        raise GradeError(f"{submissions}: no such folder or zip")
    tmp_root = Path(tempfile.mkdtemp(prefix="course-grade-"))
    os.chmod(tmp_root, 0o711)
    batch_notes: list[str] = []
    try:
        if submissions.is_file():
            if not zipfile.is_zipfile(submissions):
                raise GradeError(f"{submissions}: a file that is not a zip; give a folder or a .zip")
            unpacked = tmp_root / "unpacked"
            unpacked.mkdir()
            refused = _safe_extract(submissions, unpacked, max_total_mb=2048)
            batch_notes += [f"{p.relative_to(unpacked) if p.is_relative_to(unpacked) else p}: {why} in the zip; "
                            "not extracted" for p, why in refused.items()]
            root = _submission_root(unpacked)
        else:
            refused = {}
            root = _submission_root(submissions)
        students, notes = find_students(root)
        batch_notes += notes
        available = {p.name: p for p in sorted(Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb"))}
        if lessons:
            wanted = [n if n.endswith(".ipynb") else n + ".ipynb" for n in lessons]
            unknown = [n for n in wanted if n not in available]
            if unknown:
                raise GradeError(f"no lesson notebook named {', '.join(unknown)} in {notebooks_dir}")
        else:
            handed = {f.name for d in students.values() if d.is_dir() and not d.is_symlink() for f in d.iterdir()}
            wanted = [n for n in available if n in handed]
            if not wanted:
                raise GradeError(f"{submissions}: no student folder holds a lesson notebook "
                                 f"({', '.join(available)}); see `course grade --help` for the layout")
        warm_up()
        global _PATH_MAP, _DROP_UID
        _PATH_MAP = mirror_stdlib(tmp_root / "stdlib") if os.geteuid() == 0 else None
        unreadable = _unreadable_for_others() if os.geteuid() == 0 else []
        _DROP_UID = os.geteuid() == 0 and not unreadable and isolate is not False
        if os.geteuid() == 0 and unreadable:
            batch_notes.append(f"student code ran as root, not under a uid of its own: {unreadable[0]} is not "
                               "readable by other users (install the course where others can read it for full "
                               "isolation); course files were checked and restored after each notebook")
        prepared = [prepare(load_lesson(available[n])) for n in wanted]
        grades: list[NotebookGrade] = []
        jobs: list[Job] = []
        for student, folder in students.items():
            for lesson in prepared:
                if not _SAFE_ID.match(student):
                    grades.append(_not_run(student, lesson, "rejected", "the student folder's name is not usable as an id"))
                    continue
                if folder.is_symlink():
                    grades.append(_not_run(student, lesson, "rejected", "the student folder is a symbolic link"))
                    continue
                if folder / lesson.name in refused:
                    grades.append(_not_run(student, lesson, "rejected",
                                           f"the zip holds the notebook as a {refused[folder / lesson.name]}"))
                    continue
                loaded = read_submission(folder / lesson.name, limits.max_notebook_mb)
                if loaded.status == "missing":
                    others = sorted(p.name for p in folder.glob("*.ipynb") if p.name not in available)
                    hint = f"; found {', '.join(others)} -- rename it to {lesson.name}?" if others else ""
                    loaded.reason += hint
                if loaded.nb is None:
                    grades.append(_not_run(student, lesson, loaded.status, loaded.reason))
                    continue
                try:
                    plan = build_plan(lesson, loaded.nb)
                except Exception as exc:  # noqa: BLE001 - a malformed notebook must not stop the batch
                    grades.append(_not_run(student, lesson, "schema_error", f"cannot read the cells: {exc}"))
                    continue
                work = tmp_root / f"{len(jobs):05d}"
                work.mkdir()
                _make_workdir(work, folder)
                os.chmod(work, 0o755)
                jobs.append(Job(student, lesson, plan, work / "notebooks"))
        # With a uid of its own a child cannot write the course's files;
        # otherwise check them after each submission.
        guarded = [] if _DROP_UID else [ROOT / "data", ROOT / "seeds", ROOT / "course", Path(notebooks_dir)]
        snap = _snapshot(guarded)
        bar = _Progress(len(jobs), enabled=progress)

        def done(job: Job) -> None:
            changed = _restore(snap, guarded)
            if changed:
                job.events.append("tampering: course files were changed while it ran and were restored: "
                                  + ", ".join(changed[:5]))
            shutil.rmtree(job.workdir.parent, ignore_errors=True)
            bar.step(f"{job.student}/{job.lesson.name}")

        run_jobs(jobs, limits, workers, progress=done)
        bar.close()
        for job in jobs:
            grade = _grade_job(job)
            for event in list(grade.notes):
                if event.startswith("tampering: "):
                    grade.notes.remove(event)
                    grade.tampering.append(event.removeprefix("tampering: "))
            grades.append(grade)
        order = {n: i for i, n in enumerate(wanted)}
        grades.sort(key=lambda g: (g.student, order[g.notebook]))
        return grades, batch_notes
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)


class _Progress:
    """A one-line progress bar on stderr (a line per 10% when stderr is not a terminal)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.n, self.enabled = total, 0, enabled and total > 0
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.last_decile = -1

    def step(self, label: str) -> None:
        self.n += 1
        if not self.enabled:
            return
        frac = self.n / self.total
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.n * (self.total - self.n)
        line = f"grading [{'#' * int(frac * 30):<30}] {self.n}/{self.total}  {elapsed:.0f} s, ~{eta:.0f} s left"
        if self.tty:
            print(f"\r{line}  {label[:30]:<30}", end="", file=sys.stderr, flush=True)
        elif int(frac * 10) > self.last_decile:
            self.last_decile = int(frac * 10)
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.tty:
            print(file=sys.stderr)


# --------------------------------------------------------------------------
# Writing the results


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _csv(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def exercise_ids(grades: list[NotebookGrade]) -> list[str]:
    """Every exercise id in the grades, in lesson order."""
    seen: dict[str, None] = {}
    for g in grades:
        for e in g.exercises:
            seen.setdefault(e.id, None)
    return sorted(seen, key=lambda s: tuple(int(p) if p.isdigit() else p for p in s.split(".")))


def grades_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades.csv`` (header first)."""
    ids = exercise_ids(grades)
    head = ["student", "notebook", "status", "reason", "points", "max_points", "auto_points", "manual_points",
            "manual_pending", "tampering", "notes", *ids]
    rows = [head]
    for g in grades:
        by_id = {e.id: e for e in g.exercises}
        rows.append([g.student, g.notebook, g.status, g.reason, _fmt(g.points), _fmt(g.max_points),
                     _fmt(g.auto_points), _fmt(g.manual_points), str(g.manual_pending), "; ".join(g.tampering),
                     "; ".join(g.notes), *[_fmt(by_id[i].points) if i in by_id else "" for i in ids]])
    return rows


def wide_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades_wide.csv``: one per student, for an LMS."""
    notebooks = list(dict.fromkeys(g.notebook for g in grades))
    by_student: dict[str, dict[str, NotebookGrade]] = defaultdict(dict)
    for g in grades:
        by_student[g.student][g.notebook] = g
    rows = [["student", *[n.removesuffix(".ipynb") for n in notebooks], "total", "max_points"]]
    for student, per in by_student.items():
        total = sum(g.points for g in per.values())
        maximum = sum(g.max_points for g in per.values())
        rows.append([student, *[_fmt(per[n].points) if n in per else "" for n in notebooks], _fmt(total), _fmt(maximum)])
    return rows


def manual_table(grades: list[NotebookGrade], lessons: dict[str, Lesson] | None = None) -> list[list[str]]:
    """The rows of ``manual.csv`` (the manual-grading sheet)."""
    rows = [["student", "notebook", "exercise", "max_points", "answer", "rubric", "points", "comment"]]
    for g in grades:
        for e in g.exercises:
            if e.kind != "prose":
                continue
            rubric = ""
            if lessons and g.notebook in lessons:
                rubric = next((x.rubric for x in lessons[g.notebook].exercises if x.id == e.id), "")
            answer = e.answer if g.status not in NOT_RUN else f"({g.status}: {g.reason})"
            rows.append([g.student, g.notebook, e.id, _fmt(e.max_points), answer, rubric,
                         _fmt(e.points) if e.points is not None else "", ""])
    return rows


class ManualSheetError(ValueError):
    """The manual-grading sheet has a problem (the message names the row)."""


def read_manual_sheet(path: str | Path, grades: list[NotebookGrade]) -> dict[tuple[str, str, str], tuple[float, str]]:
    """Read filled-in points from a manual-grading sheet.

    Returns
    -------
    dict
        (student, notebook, exercise) -> (points, comment), for rows with points.

    Raises
    ------
    ManualSheetError
        Naming the file and row: unknown student or exercise, points that are
        not a number or out of range.
    """
    path = Path(path)
    known = {(g.student, g.notebook, e.id): e.max_points for g in grades for e in g.exercises if e.kind == "prose"}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManualSheetError(f"{path}: cannot read the sheet ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    need = {"student", "notebook", "exercise", "points"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise ManualSheetError(f"{path}: the header must have the columns {', '.join(sorted(need))}")
    out = {}
    for n, row in enumerate(reader, 2):
        points = (row.get("points") or "").strip().replace(",", ".")
        if not points:
            continue
        key = (row["student"], row["notebook"], row["exercise"])
        if key not in known:
            raise ManualSheetError(f"{path}, row {n}: no prose exercise {row['exercise']} of {row['student']} "
                                   f"in {row['notebook']}")
        try:
            value = float(points)
        except ValueError:
            raise ManualSheetError(f"{path}, row {n}: points {points!r} is not a number") from None
        if not 0 <= value <= known[key] or math.isnan(value):
            raise ManualSheetError(f"{path}, row {n}: {value:g} points is outside 0..{known[key]:g}")
        out[key] = (value, (row.get("comment") or "").strip())
    return out


def apply_manual(grades: list[NotebookGrade], manual: dict[tuple[str, str, str], tuple[float, str]]) -> None:
    """Put manual points into the grades (in place)."""
    for g in grades:
        for i, e in enumerate(g.exercises):
            key = (g.student, g.notebook, e.id)
            if e.kind == "prose" and key in manual:
                points, comment = manual[key]
                g.exercises[i] = dataclasses.replace(e, points=points, message=comment or "graded by your teacher")


def feedback_page(student: str, grades: list[NotebookGrade]) -> str:
    """One student's feedback page: exercise, points, pass/fail, the instructor's hint. Escaped throughout."""
    esc = html.escape
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>Feedback for {esc(student)}</title><style>"
             "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
             "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;"
             "vertical-align:top}.pass{color:#0a6b2d}.fail{color:#a3000b}.note{color:#444}"
             "</style></head><body>", f"<h1>Feedback for {esc(student)}</h1>"]
    for g in grades:
        parts.append(f"<h2>{esc(g.notebook)}: {_fmt(g.points)} of {_fmt(g.max_points)} points</h2>")
        if g.status != "ok":
            parts.append(f"<p><strong>{esc(g.status.replace('_', ' '))}</strong>: {esc(g.reason)}</p>")
        if g.manual_pending:
            parts.append(f"<p class=\"note\">{g.manual_pending} written answer(s) are still to be graded by your "
                         "teacher; the points above do not include them yet.</p>")
        parts.append("<table><thead><tr><th scope=\"col\">Exercise</th><th scope=\"col\">Points</th>"
                     "<th scope=\"col\">Result</th><th scope=\"col\">Feedback</th></tr></thead><tbody>")
        for e in g.exercises:
            if e.kind == "prose":
                verdict = "to be graded" if e.points is None else "graded"
                cls = "note"
            else:
                verdict, cls = ("pass", "pass") if e.passed else ("fail", "fail")
            parts.append(f"<tr><td>{esc(e.id)}</td><td>{_fmt(e.points) or '-'} / {_fmt(e.max_points)}</td>"
                         f"<td class=\"{cls}\">{verdict}</td><td>{esc(e.message)}</td></tr>")
        parts.append("</tbody></table>")
        if g.errors:
            parts.append("<p>Errors in your cells:</p><ul>" + "".join(f"<li><code>{esc(x)}</code></li>" for x in g.errors[:10])
                         + "</ul>")
        if g.tampering:
            parts.append("<p>Changes to locked cells (your teacher's tests were used instead):</p><ul>"
                         + "".join(f"<li>{esc(t)}</li>" for t in g.tampering) + "</ul>")
    parts.append("</body></html>\n")
    return "".join(parts)


def _safe_filename(student: str) -> str:
    name = re.sub(r"[^\w.-]", "_", student, flags=re.ASCII).strip(".") or "student"
    if name != student:
        name += "-" + hashlib.sha256(student.encode()).hexdigest()[:8]
    return name


def to_json(grades: list[NotebookGrade], batch_notes: list[str]) -> dict:
    """Everything about a batch as plain data (``results.json``)."""
    return {"notes": batch_notes, "grades": [
        {"student": g.student, "notebook": g.notebook, "status": g.status, "reason": g.reason,
         "tampering": g.tampering, "notes": g.notes, "errors": g.errors,
         "exercises": [dataclasses.asdict(e) for e in g.exercises]} for g in grades]}


def from_json(data: dict) -> tuple[list[NotebookGrade], list[str]]:
    """Read back :func:`to_json`."""
    grades = [NotebookGrade(g["student"], g["notebook"], g["status"], g["reason"],
                            [ExerciseResult(**e) for e in g["exercises"]], g["tampering"], g["notes"], g["errors"])
              for g in data["grades"]]
    return grades, data.get("notes", [])


def write_outputs(out: str | Path, grades: list[NotebookGrade], batch_notes: list[str],
                  lessons: dict[str, Lesson] | None = None) -> list[Path]:
    """Write every output file (atomically) and return their paths.

    Manual points already merged (``manual_points.csv`` in ``out``) are applied first.
    """
    out = Path(out)
    ledger = out / "manual_points.csv"
    if ledger.exists():
        apply_manual(grades, read_manual_sheet(ledger, grades))
    written = []
    files = {
        "results.json": json.dumps(to_json(grades, batch_notes), ensure_ascii=False, indent=1) + "\n",
        "grades.csv": _csv(grades_table(grades)),
        "grades_wide.csv": _csv(wide_table(grades)),
    }
    if not (out / "manual.csv").exists() or lessons is not None:
        files["manual.csv"] = _csv(manual_table(grades, lessons))
    for name, text in files.items():
        _atomic_write(out / name, text)
        written.append(out / name)
    by_student: dict[str, list[NotebookGrade]] = defaultdict(list)
    for g in grades:
        by_student[g.student].append(g)
    for student, gs in by_student.items():
        path = out / "feedback" / f"{_safe_filename(student)}.html"
        _atomic_write(path, feedback_page(student, gs))
        written.append(path)
    return written


def merge_manual(out: str | Path, sheet: str | Path) -> list[NotebookGrade]:
    """Fold a filled-in manual-grading sheet into the grades in ``out``.

    The points are validated first (nothing is written when a row is wrong),
    kept in ``out/manual_points.csv`` (so a re-grade keeps them) and applied to
    ``grades.csv``, ``grades_wide.csv``, ``results.json`` and the feedback pages.
    """
    out = Path(out)
    try:
        grades, notes = from_json(json.loads((out / "results.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ManualSheetError(f"{out / 'results.json'}: no grades to merge into; run `course grade` first") from None
    new = read_manual_sheet(sheet, grades)
    ledger_path = out / "manual_points.csv"
    old = read_manual_sheet(ledger_path, grades) if ledger_path.exists() else {}
    old.update(new)
    rows = [["student", "notebook", "exercise", "points", "comment"]]
    rows += [[s, n, e, _fmt(p), c] for (s, n, e), (p, c) in sorted(old.items())]
    _atomic_write(ledger_path, _csv(rows))
    apply_manual(grades, old)
    write_outputs(out, grades, notes)
    return grades


def summary(grades: list[NotebookGrade], batch_notes: list[str] = ()) -> str:
    """The end-of-batch summary: graded, failed by reason, mean per exercise."""
    statuses = Counter(g.status for g in grades)
    lines = [f"{len(grades)} notebook(s) of {len({g.student for g in grades})} student(s): "
             f"{statuses.get('ok', 0)} graded without problems"]
    for status, n in sorted(statuses.items()):
        if status != "ok":
            lines.append(f"  {status:<20} {n}")
    tampered = sum(1 for g in grades if g.tampering)
    if tampered:
        lines.append(f"  with tampering notes {tampered}")
    lines.append("mean points per exercise (all rows):")
    for ex in exercise_ids(grades):
        pts = [e.points for g in grades for e in g.exercises if e.id == ex and e.points is not None]
        maxp = next(e.max_points for g in grades for e in g.exercises if e.id == ex)
        pending = sum(1 for g in grades for e in g.exercises if e.id == ex and e.points is None)
        mean = f"{sum(pts) / len(pts):.2f}" if pts else "-"
        lines.append(f"  {ex:<6} {mean:>6} / {_fmt(maxp)}" + (f"   ({pending} to grade by hand)" if pending else ""))
    for note in batch_notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``course grade``."""
    parser.add_argument("submissions", nargs="?", help="folder or .zip with one folder per student")
    parser.add_argument("--out", default="grades", help="output folder (default: grades/)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="submissions at a time")
    parser.add_argument("--notebook", action="append", help="expect this notebook of every student (repeatable)")
    parser.add_argument("--merge-manual", metavar="SHEET", help="fold a filled-in manual.csv into the grades")
    d = Limits()
    parser.add_argument("--cell-timeout", type=float, default=d.cell_timeout, help="seconds per cell")
    parser.add_argument("--timeout", type=float, default=d.timeout, help="seconds per submission")
    parser.add_argument("--memory", type=int, default=d.memory_mb, help="MB of memory per submission")
    parser.add_argument("--max-output", type=int, default=d.max_output, help="characters of output kept per cell")
    parser.add_argument("--max-notebook-mb", type=float, default=d.max_notebook_mb, help="largest notebook read")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Run ``course grade``; returns the exit code (0 ok, 2 bad input)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out = Path(args.out)
    if not args.submissions and not args.merge_manual:
        print("course grade: give a SUBMISSIONS folder or zip, or --merge-manual SHEET", file=sys.stderr)
        return 2
    if args.submissions:
        limits = Limits(cell_timeout=args.cell_timeout, timeout=args.timeout, memory_mb=args.memory,
                        max_output=args.max_output, max_notebook_mb=args.max_notebook_mb)
        try:
            grades, notes = grade_batch(args.submissions, args.notebook, args.jobs, limits, progress=not args.quiet)
        except GradeError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        lessons = {n: load_lesson(NOTEBOOKS_DIR / n) for n in dict.fromkeys(g.notebook for g in grades)}
        write_outputs(out, grades, notes, lessons)
        print(summary(grades, notes))
        print(f"wrote {out / 'grades.csv'}, {out / 'grades_wide.csv'}, {out / 'manual.csv'} and "
              f"{len({g.student for g in grades})} feedback page(s) in {out / 'feedback'}")
    if args.merge_manual:
        try:
            grades = merge_manual(out, args.merge_manual)
        except ManualSheetError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        print(f"merged {args.merge_manual} into {out / 'grades.csv'}")
        print(summary(grades))
    return 0
