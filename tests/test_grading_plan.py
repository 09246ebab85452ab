"""course.grading.plan and evaluate: a worker gets only the student's material; the page says what check() says."""

from __future__ import annotations

import json

import pytest

from helpers.paths import ROOT
from course.lesson.checks import check
from course.grading.evaluate import evaluate
from course.authoring.transforms import strip_region
from course.grading.lessons import load_lesson, prepare
from course.grading.plan import build_plan, job_steps
from course.grading.protocol import Missing, encode_value
from course.authoring.release import HIDDEN, SOLUTION, student_notebook
from helpers.submissions import answered, student_version

LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _secret_lines(lesson) -> set[str]:
    """Every line of a solution or hidden-test region the student edition does not show (trivial ones aside).

    The one definition of what is secret, :func:`course.authoring.release.student_notebook`'s: the given lines
    of a scaffolded function are in the student edition, so they are not secret.
    """
    return set(student_notebook(lesson.nb)[1])


@pytest.mark.parametrize("name", LESSONS)
def test_a_worker_is_handed_only_the_students_material(name):
    lesson = load_lesson(ROOT / "notebooks" / name)
    plan = build_plan(lesson, student_version(name))
    sent = "\n".join(str(v) for step in job_steps(plan) for v in step.values())
    leaks = [line for line in _secret_lines(lesson) if line in sent]
    assert not leaks, leaks[:3]
    assert "BEGIN SOLUTION" not in sent and "BEGIN HIDDEN" not in sent
    assert all(set(step) <= {"kind", "source", "label", "names", "call"} for step in job_steps(plan))
    functions = [e for e in lesson.exercises if e.function]
    assert sorted(s["call"] for s in job_steps(plan) if "call" in s) == sorted(e.function for e in functions)
    for ex in functions:   # the held-back inputs are not in the job (they are sent at the test)
        assert not [c for c in ex.cases if any(isinstance(a, str) and len(a) > 12 and a in sent for a in c.args)]


def test_a_deleted_worked_example_runs_as_the_student_edition_has_it():
    lesson = load_lesson(ROOT / "notebooks" / "01-reading.ipynb")
    nb = student_version("01-reading.ipynb")
    nb.cells = [c for c in nb.cells if c.metadata.get("course", {}).get("role") or c.cell_type != "code"]
    steps = [s for s in build_plan(lesson, nb).steps if s.origin == "lesson" and s.kind == "code"]
    assert len(steps) >= 5
    assert all(s.source in lesson.student_cells.values() for s in steps)


def test_strip_region_removes_marked_lines():
    text = "a = 1\n### BEGIN SOLUTION\nsecret()\n### END SOLUTION\nb = 2"
    assert strip_region(text, *SOLUTION, strict=False)[0] == "a = 1\nb = 2"


@pytest.fixture(scope="module")
def lesson01():
    return prepare(load_lesson(ROOT / "notebooks" / "01-reading.ipynb"), ROOT)


def test_the_page_says_what_check_says(lesson01):
    import pandas as pd

    ex = next(e for e in lesson01.exercises if e.id == "1.4")
    series = pd.Series(["China"], name="actor")
    result = evaluate(lesson01, ex, {ex.student_names[0]: encode_value(series)})
    assert result.passed is False and result.message == check("1.4", series).message
    assert "iloc" in result.message and result.answer.startswith("a pandas Series")


def test_an_error_in_the_answer_cell_gets_its_own_message(lesson01):
    ex = next(e for e in lesson01.exercises if e.id == "1.2")
    result = evaluate(lesson01, ex, {ex.student_names[0]: {"$missing": True}}, answer_error=["NameError", "name 'x' is not defined"])
    assert "not answered" not in result.message.lower() and "NameError" in result.message
    unanswered = evaluate(lesson01, ex, {ex.student_names[0]: encode_value(...)})
    assert "Not answered" in unanswered.message and "this one" not in unanswered.message
    assert isinstance(Missing(), Missing)


@pytest.mark.parametrize("name", LESSONS)
def test_what_a_zygote_warms_up_on_is_the_student_edition(name):
    """The cells every new worker runs once (course.grading.batch passes them) hold no solution or hidden test."""
    lesson = load_lesson(ROOT / "notebooks" / name)
    warm = "\n".join(lesson.student_cells.values())
    assert not [line for line in _secret_lines(lesson) if line in warm]
    assert "BEGIN SOLUTION" not in warm and "BEGIN HIDDEN" not in warm
