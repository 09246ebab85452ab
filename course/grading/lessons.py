"""The lessons: instructor notebooks read for grading (trusted, in the grader only).

:func:`load_lesson` lists a lesson's graded exercises and what its student
edition looks like; :func:`prepare` runs the instructor notebook once, in the
grader, to keep the lesson's own variables that its tests use and to prove
that the instructor's own answers pass. Nothing here is ever sent to a
worker: a worker receives only a submission's own cells (see
:mod:`course.grading.plan`).
"""

from __future__ import annotations

import ast
import builtins
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import GradeError
from .protocol import Missing, encode_value


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
    function : str
        For a function exercise (a test ``grade_function(id, fn, cases)``):
        the name of the student's function; '' otherwise.
    cases : tuple of Case
        Its held-back cases, read from the test's source. Only their inputs
        ever reach a worker, when the test runs; the expected values stay
        in the grader.
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
    function: str = ""
    cases: tuple = ()


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
    student_cells : dict
        cell id -> source of every code cell of the student edition: what a
        worker runs when a student deleted a worked example (never the
        instructor's own source, which may hold a solution).
    """

    name: str
    nb: dict
    exercises: list[GradedExercise]
    released: dict[str, str]
    context: dict[str, dict[str, Any]] = field(default_factory=dict)
    accepted: dict[str, set[str]] = field(default_factory=dict)
    student_cells: dict[str, str] = field(default_factory=dict)

    @property
    def max_points(self) -> float:
        return sum(e.points for e in self.exercises)

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".ipynb")


def cell_meta(cell: dict) -> tuple[str | None, dict, dict]:
    """(role, nbgrader metadata, course metadata) of a cell; tolerant of junk."""
    md = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    nbg = md.get("nbgrader") if isinstance(md.get("nbgrader"), dict) else {}
    crs = md.get("course") if isinstance(md.get("course"), dict) else {}
    role = crs.get("role") if isinstance(crs.get("role"), str) else None
    return role, nbg, crs


def cell_source(cell: dict) -> str:
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
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)} | {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def function_test(source: str, where: str = "") -> tuple[str, str, tuple] | None:
    """Read a function exercise's hidden test: ``grade_function("1.7", name, [Case(...), ...])``.

    The cases are evaluated here, in the grader, from the instructor's own
    source (with only ``Case`` in scope): they never reach a worker as code.

    Parameters
    ----------
    source : str
        The test cell's source.
    where : str
        For error messages (the lesson file).

    Returns
    -------
    tuple of (str, str, tuple of Case) or None
        The exercise id, the function's name and the cases; None when the
        test is not a function test.

    Raises
    ------
    GradeError
        When the call is there but its arguments cannot be read.
    """
    from ..lesson.checks import Case

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == "grade_function"]
    if not calls:
        return None
    call = calls[0]
    if len(calls) > 1 or len(call.args) != 3 or not isinstance(call.args[0], ast.Constant) \
            or not isinstance(call.args[1], ast.Name):
        raise GradeError(f"{where}: a function test must be one call grade_function('ID', name, [Case(...), ...])")
    try:
        cases = eval(compile(ast.Expression(call.args[2]), "<cases>", "eval"),  # noqa: S307 - instructor's source
                     {"__builtins__": {}, "Case": Case})
    except Exception as exc:  # noqa: BLE001
        raise GradeError(f"{where}: the cases of {call.args[0].value} cannot be read: {type(exc).__name__}: {exc}") \
            from None
    if not cases or not all(isinstance(c, Case) for c in cases):
        raise GradeError(f"{where}: the cases of {call.args[0].value} must be a non-empty list of Case(...)")
    return str(call.args[0].value), call.args[1].id, tuple(cases)


_HEADING = re.compile(r"^#{2,4}\s*Exercise\s+(\d+\.\d+)\s*[—–:-]+\s*(.+?)\s*(\(\d+(?:\.\d+)?\s*points?\))?\s*$", re.M)


def exercise_titles(nb: Any) -> dict[str, str]:
    """Exercise id -> title, from the lesson's ``### Exercise 1.2 — Title (2 points)`` headings."""
    titles: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for m in _HEADING.finditer(cell.source):
                titles.setdefault(m.group(1), m.group(2).strip())
    return titles


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

    from ..authoring.transforms import student_notebook

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    student, _ = student_notebook(nb)
    student_cells = {c.get("id"): c.source for c in student.cells if c.cell_type == "code" and c.get("id")}
    released = {}
    for cell in student.cells:
        gid = cell_meta(cell)[1].get("grade_id")
        if gid:
            released[gid] = cell.source
    answer_names: set[str] = set()
    for cell in nb.cells:
        role, nbg, _ = cell_meta(cell)
        if role == "answer" and nbg.get("grade_id") in released:
            answer_names |= _assigned_names(released[nbg["grade_id"]])
    exercises: list[GradedExercise] = []
    cells = nb.cells
    headings = exercise_titles(nb)
    for i, cell in enumerate(cells):
        role, nbg, crs = cell_meta(cell)
        if role == "tests":
            names = _free_names(cell.source)
            doc = re.match(r'^\s*"""(.*?)"""', cell.source, re.S)
            title = " ".join(doc.group(1).split()) if doc else ""
            found = function_test(cell.source, path.name)
            function, cases = (found[1], found[2]) if found else ("", ())
            exercises.append(GradedExercise(
                id=str(crs["exercise"]), kind="auto", points=float(nbg.get("points", 0)), grade_id=nbg["grade_id"],
                test_source=cell.source, student_names=tuple(n for n in names if n in answer_names),
                context_names=tuple(n for n in names if n not in answer_names and n != "Case"),
                title=headings.get(str(crs["exercise"]), title), function=function, cases=cases))
        elif role == "prose":
            rubric = ""
            for later in cells[i + 1:]:
                if "teacher" in later.metadata.get("tags", []):
                    rubric = later.source
                    break
                if cell_meta(later)[0] is not None:
                    break
            exercises.append(GradedExercise(id=str(crs["exercise"]), kind="prose", points=float(nbg.get("points", 0)),
                                            grade_id=nbg["grade_id"], rubric=rubric,
                                            title=headings.get(str(crs["exercise"]), "")))
    from ..authoring.transforms import HIDDEN, strip_region

    accepted = {}
    for cell in nb.cells:
        role, nbg, _ = cell_meta(cell)
        if nbg.get("locked") and nbg.get("grade_id"):
            ours = released.get(nbg["grade_id"], cell.source)
            accepted[nbg["grade_id"]] = {ours.strip(), strip_region(cell.source, *HIDDEN, strict=False)[0].strip()}
    return Lesson(name=path.name, nb=nb, exercises=exercises, released=released, accepted=accepted,
                  student_cells=student_cells)



def prepare(lesson: Lesson, course_root: Path, tmp: Path | None = None) -> Lesson:
    """Run the instructor notebook once, in this process, and keep the variables its tests use.

    This runs in the grader, which never runs student code: workers are
    separate processes in their own sandboxes that never see it. Also
    checks that the instructor's own answers pass every test.

    Parameters
    ----------
    lesson : Lesson
    course_root : Path
        The project folder (its ``data/`` and ``seeds/`` are linked next to
        the notebook's folder while it runs).
    tmp : Path, optional
        Where to make the temporary folder (the batch's private one).

    Raises
    ------
    GradeError
        When the instructor notebook fails to run or fails its own tests.
    """
    import copy

    from .evaluate import evaluate
    from .plan import instructor_plan
    from .worker import CappedWriter, make_shell

    shell = make_shell()
    work = Path(tempfile.mkdtemp(prefix="course-lesson-", dir=tmp))
    old_cwd, old_out, old_err = os.getcwd(), sys.stdout, sys.stderr
    sink = CappedWriter(20_000)
    try:
        for part in ("data", "seeds"):
            if (course_root / part).exists():
                (work / part).symlink_to(course_root / part)
        (work / "notebooks").mkdir()
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
            if ex.function:
                _check_own_function(lesson, ex, ns.get(ex.function))
                continue
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


def _check_own_function(lesson: Lesson, ex: GradedExercise, function: Any) -> None:
    """The instructor's own function must pass every held-back case of its exercise (run here, trusted)."""
    from ..lesson.checks import FunctionExercise, get_exercise, run_case

    exercise = get_exercise(ex.id)
    if not isinstance(exercise, FunctionExercise) or exercise.function != ex.function:
        raise GradeError(f"{lesson.name}: exercise {ex.id} has a function test but no function exercise "
                         f"for {ex.function!r} in course/lesson/exercises")
    if not callable(function):
        raise GradeError(f"{lesson.name}: the instructor notebook does not define {ex.function} ({ex.id})")
    for k, case in enumerate(ex.cases, 1):
        result = run_case(exercise, function, case)
        if not result.passed:
            raise GradeError(f"{lesson.name}: the instructor's own {ex.function} fails held-back case {k} of "
                             f"{ex.id} ({case.kind}){': ' + result.error if result.error else ''}")
