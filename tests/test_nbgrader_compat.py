"""nbgrader works on our notebooks, and grades the same submissions as `course grade` does.

nbgrader runs from its own venv (``make nbgrader-env``, which ``make test``
builds); these tests skip, saying so, only when that venv is missing (a
bare ``pytest`` outside ``make``).
"""

from __future__ import annotations

import random

import pytest

from helpers import nbgrader_compat as NBG
from course import grading as G
from helpers.submissions import fill_answers, mixed

pytestmark = pytest.mark.skipif(not NBG.available(), reason="nbgrader's venv is missing: run `make nbgrader-env`")

LESSON = "00-start.ipynb"


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory):
    root = NBG.make_course(tmp_path_factory.mktemp("nbgrader"), LESSON)
    NBG.nbgrader(root, "generate_assignment", NBG.ASSIGNMENT, "--force")
    return root


def test_generate_assignment_strips_solutions_and_hidden_tests(course_dir):
    nb = NBG.released(course_dir, LESSON)
    text = "\n".join(c.source for c in nb.cells)
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text
    assert "assert_answer(\"0." not in text
    stubs = [c.source for c in nb.cells if c.metadata.get("course", {}).get("role") == "answer"]
    assert stubs and all(s.startswith("answer_0_") and "= ..." in s for s in stubs), "the stub keeps it runnable"
    assert all(c.metadata["nbgrader"].get("checksum") for c in nb.cells if c.metadata.get("nbgrader", {}).get("locked"))


def test_autograde_and_course_grade_give_the_same_points(course_dir, tmp_path):
    rng = random.Random(7)
    base = NBG.released(course_dir, LESSON)
    expected = {}
    subs = tmp_path / "subs"
    for i in range(6):
        student = f"s{i}"
        if i == 0:
            nb, right = fill_answers(base.copy(), {}), set()     # unanswered
        else:
            nb, right = mixed(LESSON, rng, nb=base)
        expected[student] = right
        NBG.submit(course_dir, student, LESSON, nb)
        (subs / student).mkdir(parents=True)
        (subs / student / LESSON).write_text(NBG.nbformat.writes(nb), encoding="utf-8")
    NBG.autograde(course_dir)
    theirs = NBG.scores(course_dir)
    grades, _ = G.grade_batch(subs, ctx=G.GradeContext(workers=2, limits=G.Limits(cell_timeout=60, timeout=300)))
    ours = {g.student: g for g in grades}
    assert set(theirs) == set(ours) == set(expected)
    for student, by_cell in theirs.items():
        g = ours[student]
        assert g.status == "ok" and g.tampering == [], (g.tampering, g.notes)
        auto = {e.id: e.points for e in g.exercises if e.kind == "auto"}
        nbgrader_auto = {gid.removeprefix("test_").replace("_", "."): s for gid, s in by_cell.items()
                         if gid.startswith("test_")}
        assert auto == nbgrader_auto, student
        assert {ex for ex, pts in auto.items() if pts} == expected[student]


def test_a_function_exercise_gets_the_same_partial_credit_from_nbgrader(tmp_path):
    """nbgrader takes the number a test cell outputs as partial credit: grade_function's points, same as ours."""
    from helpers.answers import FUNCTIONS

    from course.lesson.checks import FunctionExercise, list_exercises

    lesson = "01-reading.ipynb"
    ex = next(e for e in list_exercises() if isinstance(e, FunctionExercise) and e.id.startswith("1."))
    root = NBG.make_course(tmp_path / "nbgrader", lesson)
    NBG.nbgrader(root, "generate_assignment", NBG.ASSIGNMENT, "--force")
    base = NBG.released(root, lesson)
    subs = tmp_path / "subs"
    sources = {"ref": FUNCTIONS[ex.id]["reference"], "part": FUNCTIONS[ex.id]["wrong"][0][0]}
    for student, source in sources.items():
        nb = fill_answers(base.copy(), {}, code={ex.id: source})
        NBG.submit(root, student, lesson, nb)
        (subs / student).mkdir(parents=True)
        (subs / student / lesson).write_text(NBG.nbformat.writes(nb), encoding="utf-8")
    NBG.autograde(root)
    theirs = {s: by_cell[f"test_{ex.id.replace('.', '_')}"] for s, by_cell in NBG.scores(root).items()}
    grades, _ = G.grade_batch(subs, ctx=G.GradeContext(workers=2, limits=G.Limits(cell_timeout=60, timeout=300)))
    ours = {g.student: next(e.points for e in g.exercises if e.id == ex.id) for g in grades}
    assert ours == theirs
    assert ours["ref"] == ex.points and 0 < ours["part"] < ex.points   # a share, not all or nothing
