"""Evaluating the tests: trusted, in the grader, on the student's values as plain data.

A worker only reports the *values* of the answer variables at each test
cell. The grader rebuilds them as plain data (:func:`~course.grading.protocol.decode_value`)
and runs the instructor's hidden test on them itself, with the lesson's own
variables from the instructor's run. The feedback message is the one
``check()`` gives in the notebook for the same value (the same normaliser
decides both), or a message of its own when the answer cell raised an error.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .lessons import GradedExercise, Lesson
from .plan import Plan
from .protocol import Missing, clean_text, decode_value, show_value
from .runner import Job


@dataclass
class ExerciseResult:
    """The grade of one exercise of one submission.

    Attributes
    ----------
    id, kind : str
        As in :class:`~course.grading.lessons.GradedExercise`.
    points, max_points : float or None
        ``points`` is None for a prose answer not graded yet.
    passed : bool or None
        None for prose.
    message : str
        What ``check()`` says about the answer (a hint or a success
        message), or why the test could not run. Never the test's source.
    answer : str
        The student's answer: the prose text, or a short rendering of the
        value the test saw.
    title : str
        The exercise's title (what the test checks).
    parts : list of dict
        For partial credit, what each part earned: ``{"label", "passed",
        "points", "max_points"}`` (per kind of held-back case for a function
        exercise; per declared part for a value exercise with ``parts``).
        Empty for an all-or-nothing exercise.
    """

    id: str
    kind: str
    points: float | None
    max_points: float
    passed: bool | None
    message: str
    answer: str = ""
    title: str = ""
    parts: list[dict] = field(default_factory=list)


def _namespace(lesson: Lesson, ex: GradedExercise, values: dict[str, Any]) -> dict[str, Any]:
    import course

    ns: dict[str, Any] = {name: getattr(course, name) for name in ("assert_answer", "check", "grade_answer", "Case")}
    ns.update(lesson.context.get(ex.grade_id, {}))
    for name in ex.student_names:
        ns[name] = decode_value(values.get(name, {"$missing": True}))
    return ns


def _check_message(ex_id: str, answer: Any) -> str:
    """What ``check()`` says in the notebook about ``answer``; for an unanswered stub, words for a page."""
    from ..lesson.checks import feedback_text

    try:
        status, message = feedback_text(ex_id, answer)
    except Exception as exc:  # noqa: BLE001 - a check must never break grading
        return f"the answer could not be checked ({type(exc).__name__})"
    if status == "unanswered":
        return "Not answered: the answer cell still holds the `...` it was handed out with."
    return clean_text(message, 2000)


def _not_run_message(ex_id: str, error: str | None) -> str:
    from ..lesson.checks import not_run_feedback

    return clean_text(not_run_feedback(ex_id, error).message, 2000)


def evaluate(lesson: Lesson, ex: GradedExercise, values: dict[str, Any] | None, why_not: str = "",
             answer_error: list[str] | None = None, calls: list[dict] | None = None) -> ExerciseResult:
    """Run the instructor's test of one exercise on the student's values.

    Parameters
    ----------
    lesson : Lesson
        With its instructor context filled in.
    ex : GradedExercise
        An auto-graded exercise.
    values : dict or None
        The encoded values of the student's answer variables at the test's
        position (already validated); None when the run never got there.
    why_not : str
        Why there are no values (timeout, the process died ...).
    answer_error : [type, message], optional
        The error the student's answer cell raised, if it did.
    calls : list of dict, optional
        For a function exercise: what the student's function returned on
        each held-back input (see :func:`evaluate_function`).
    """
    title = ex.title
    if values is None:
        return ExerciseResult(ex.id, "auto", 0.0, ex.points, False,
                              why_not or "the notebook did not get as far as this test", "", title)
    if ex.function:
        return evaluate_function(ex, values, calls, answer_error)
    ns = _namespace(lesson, ex, values)
    scored: list[tuple[float, list]] = []

    def grade_answer(exercise_id: str, answer: Any) -> float:
        """The test's partial credit, recorded for the grade."""
        from ..lesson.checks import score_answer

        points, parts = score_answer(exercise_id, answer)
        scored.append((points, parts))
        return points

    ns["grade_answer"] = grade_answer
    answer = ns.get(ex.student_names[0]) if ex.student_names else None
    try:
        exec(compile(ex.test_source, f"<test {ex.id}>", "exec"), ns)  # noqa: S102 - the instructor's own test
        passed = True
    except Exception:  # noqa: BLE001 - any failure of the test is a fail
        passed = False
    points = ex.points if passed else 0.0
    parts: list[dict] = []
    if passed and scored:
        points = min(float(ex.points), max(0.0, scored[-1][0]))
        passed = points >= ex.points
        declared = scored[-1][1]
        total = sum(p.weight for p in declared) or 1.0
        if len(declared) > 1:
            parts = [{"label": p.label, "passed": p.passed,
                      "points": round(ex.points * p.weight / total, 2) if p.passed else 0.0,
                      "max_points": round(ex.points * p.weight / total, 2)} for p in declared]
    if isinstance(answer, Missing) or (answer_error and not passed):
        # the same words the notebook's check cell uses for an answer cell that did not run
        message = _not_run_message(ex.id, f"{answer_error[0]}: {answer_error[1]}" if answer_error else None)
    else:
        message = _check_message(ex.id, answer)
    shown = show_value(answer) if ex.student_names else ""
    return ExerciseResult(ex.id, "auto", points, ex.points, passed, message, shown, title, parts)


def evaluate_function(ex: GradedExercise, values: dict[str, Any], calls: list[dict] | None,
                      answer_error: list[str] | None = None) -> ExerciseResult:
    """Grade a function exercise: compare what the student's function returned with the held-back cases.

    Parameters
    ----------
    ex : GradedExercise
        With its held-back ``cases`` (the expected values are here only).
    values : dict
        The harvest's encoded values (the function itself shows as opaque).
    calls : list of dict or None
        Per case ``{"ok": encoded}`` or ``{"error": text}``, as the worker
        reported them (validated); None when none came.
    answer_error : [type, message], optional
        The error the answer cell raised, if it did.

    Returns
    -------
    ExerciseResult
        Points: the exercise's points times the share of cases passed; one
        part per kind of case. The message names failed kinds and errors,
        never a held-back input or expected value.
    """
    from ..lesson.checks import CaseResult, function_feedback, function_points, get_exercise, outputs_match

    exercise = get_exercise(ex.id)
    function = decode_value(values.get(ex.function, {"$missing": True}))
    if isinstance(function, Missing) or not calls:
        message = _not_run_message(ex.id, f"{answer_error[0]}: {answer_error[1]}" if answer_error else None)
        return ExerciseResult(ex.id, "auto", 0.0, ex.points, False, message, "", ex.title)
    results = []
    for case, call in zip(ex.cases, calls):
        if "error" in call:
            results.append(CaseResult(case.kind, False, None, call["error"]))
            continue
        got = decode_value(call["ok"])
        results.append(CaseResult(case.kind, outputs_match(exercise, got, case.expected), got))
    status, message, parts = function_feedback(ex.id, results)
    points = function_points(exercise, results)
    shown = f"{ex.function}: {sum(r.passed for r in results)} of {len(results)} held-back cases pass"
    return ExerciseResult(ex.id, "auto", points, ex.points, status == "correct", clean_text(message, 2000), shown,
                          ex.title, parts)


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
    late: Any = None            # its :class:`~course.grading.late.LateInfo`, when a deadline or time applies

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


_RESOURCE_ERRORS = ("MemoryError", "ResourceLimit")


def grade_job(lesson: Lesson, plan: Plan, job: Job) -> NotebookGrade:
    """Evaluate the tests of a finished job."""
    harvest = {s.exercise: i for i, s in enumerate(plan.steps) if s.kind == "harvest"}
    results: list[ExerciseResult] = []
    errors = []
    resource_hit = False
    for i, r in sorted(job.results.items()):
        if r.error and (plan.steps[i].origin != "lesson" or r.error[0] in ("CellTimeout", *_RESOURCE_ERRORS)):
            errors.append(f"{plan.steps[i].label}: {r.error[0]}: {r.error[1]}")
        if r.error and (r.error[0] in _RESOURCE_ERRORS or (r.error[0] in ("BlockingIOError", "OSError", "PermissionError")
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
                                          "graded by your teacher" if answer.strip() else "no answer given",
                                          clean_text(answer, 20_000), ex.title))
            continue
        i = harvest[ex.id]
        values = job.values.get(i)
        why = ""
        if values is None:
            why = {"timeout": "the time limit stopped the notebook before this test",
                   "kernel_died": "the notebook's process died before this test",
                   "protocol_error": "the grader stopped reading the notebook before this test",
                   "resource_limit": "a resource limit stopped the notebook before this test"}.get(status, "")
        answer_step = next((k for k, s in enumerate(plan.steps) if s.label == f"answer {ex.id}"), None)
        answer_result = job.results.get(answer_step) if answer_step is not None else None
        answer_error = answer_result.error if answer_result and answer_result.error else None
        result = evaluate(lesson, ex, values, why, answer_error, job.calls.get(i))
        if answer_result and answer_result.timed_out:
            result = dataclasses.replace(result, points=0.0, passed=False,
                                         message="your answer cell ran past its time limit and was stopped")
        results.append(result)
    notes = list(plan.notes) + sorted(set(job.notes)) + job.events
    return NotebookGrade(job.student, lesson.name, status, reason, results, list(plan.tampering), notes, errors,
                         job.wall, job.cell_time)


def not_run(student: str, lesson: Lesson, status: str, reason: str) -> NotebookGrade:
    """The row of a notebook that never ran (missing, unreadable, rejected ...)."""
    exercises = [ExerciseResult(e.id, e.kind, 0.0, e.points, False if e.kind == "auto" else None, reason, "", e.title)
                 for e in lesson.exercises]
    return NotebookGrade(student, lesson.name, status, reason, exercises)
