"""Function exercises in the grader: held-back cases, partial credit, and what reaches a worker.

A small lesson (``09-fn``) with one function exercise is built in a
temporary folder; its exercise is registered in this process only (the
grader's side), so no lesson of the course is needed. Honest, partly right,
broken and hostile submissions are graded together, in the sandbox.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
import pytest

import course.grading as G
from course.lesson.checks import Case, function_feedback, get_exercise, norm_text_list, run_case
from course.lesson.exercises import load_all, make_function_exercise
from course.grading.batch import grade_batch
from course.grading.lessons import function_test, load_lesson
from course.grading.plan import build_plan, job_inputs, job_steps
from course.grading.sandbox import bwrap_path
from course.authoring.notebooks import build_notebook, parse_percent
from course.authoring.release import student_notebook

SOURCE = '''# %% [markdown]
# # 09 · A lesson with one function exercise

# %%
from course import Case, check, grade_function

# %% [markdown]
# ### Exercise 9.1 — Split words (3 points)

# %% answer 9.1
def split_words(text):
    return ...  # your code here
### BEGIN SOLUTION
def split_words(text):
    return text.split()
### END SOLUTION

# %% check 9.1
check("9.1", split_words)

# %% tests 9.1
"""Exercise 9.1: split_words on held-back texts."""
### BEGIN HIDDEN TESTS
grade_function("9.1", split_words, [
    Case("one space", ("heldback-input-alpha beta",), ["heldback-input-alpha", "beta"]),
    Case("many spaces", ("c   d",), ["c", "d"]),
    Case("many spaces", ("e  f g",), ["e", "f", "g"]),
    Case("one space", ("x y z",), ["x", "y", "z"]),
])
### END HIDDEN TESTS
'''



@pytest.fixture(scope="module")
def exercise():
    ex = make_function_exercise("9.1", "Split words", 3, "split_words", "split_words(text: str) -> list[str]",
                                [Case("one space", ("a b",), ["a", "b"]), Case("many spaces", ("a  b",), ["a", "b"])],
                                hint="Which str method splits on any run of white space?", success="Right.",
                                normalise=norm_text_list)
    registry = load_all()
    registry["9.1"] = ex
    yield ex
    registry.pop("9.1", None)


@pytest.fixture(scope="module")
def lesson_dir(tmp_path_factory, exercise):
    folder = tmp_path_factory.mktemp("fn-lesson")
    nb = build_notebook(parse_percent(SOURCE, "09-fn"), "09-fn")
    nbformat.write(nb, folder / "09-fn.ipynb")
    return folder


def _submission(lesson_dir: Path, body: str) -> dict:
    student, _ = student_notebook(nbformat.read(lesson_dir / "09-fn.ipynb", as_version=4))
    nb = copy.deepcopy(student)
    for cell in nb.cells:
        if cell.metadata.get("course", {}).get("role") == "answer":
            cell.source = body
    return nb


def test_the_cases_are_read_in_the_grader_from_the_hidden_test(lesson_dir):
    lesson = load_lesson(lesson_dir / "09-fn.ipynb")
    (ex,) = lesson.exercises
    assert ex.function == "split_words" and ex.student_names == ("split_words",)
    assert [c.kind for c in ex.cases] == ["one space", "many spaces", "many spaces", "one space"]
    assert ex.cases[2].expected == ["e", "f", "g"]


def test_a_malformed_function_test_is_an_error_naming_the_lesson():
    with pytest.raises(G.GradeError, match="x.ipynb.*cannot be read"):
        function_test('grade_function("9.1", f, [Case("k", (open("/etc/passwd"),), 1)])', "x.ipynb")
    with pytest.raises(G.GradeError, match="one call"):
        function_test('grade_function("9.1", f)', "x.ipynb")
    assert function_test("assert_answer('1.1', answer_1_1)") is None


def test_a_worker_gets_no_held_back_input_in_its_job_and_never_an_expected_value(lesson_dir):
    lesson = load_lesson(lesson_dir / "09-fn.ipynb")
    plan = build_plan(lesson, _submission(lesson_dir, "def split_words(text):\n    return text.split()\n"))
    job = json.dumps(job_steps(plan), ensure_ascii=False)
    assert "heldback-input-alpha" not in job
    assert '"call": "split_words"' in job
    inputs = json.dumps(job_inputs(plan), ensure_ascii=False)
    assert "heldback-input-alpha" in inputs           # sent at the test, on request
    for case in load_lesson(lesson_dir / "09-fn.ipynb").exercises[0].cases:   # no expected list goes out
        assert json.dumps(case.expected, ensure_ascii=False) not in inputs + job


def test_feedback_names_kinds_never_a_held_back_input_or_expected_value(exercise):
    held = [Case("one space", ("secret-in put",), ["secret-in", "put"]), Case("many spaces", ("p   q",), ["p", "q"])]
    results = [run_case(exercise, lambda t: t.split(" "), c) for c in held]
    status, message, parts = function_feedback("9.1", results)
    assert status == "wrong" and "1 of 2 held-back cases pass" in message and "many spaces" in message
    assert "secret" not in message and "'p'" not in message
    assert [p["passed"] for p in parts] == [True, False] and sum(p["points"] for p in parts) == 1.5


@pytest.mark.skipif(bwrap_path() is None, reason="bubblewrap (bwrap) is not installed: the sandbox cannot run")
def test_partial_credit_in_the_sandbox_with_hostile_classmates(lesson_dir, tmp_path):
    subs = tmp_path / "subs"
    bodies = {
        "alice": "def split_words(text):\n    return text.split()\n",                        # honest, right
        "bob": "def split_words(text):\n    return text.split(' ')\n",                     # one kind wrong
        "carol": "def split_words(text):\n    return ...  # your code here\n",              # the stub
        "dave": "def split_words(text):\n    raise ValueError('no')\n",                    # raises
        # forges requests for every step's inputs from its answer cell
        "eve": ("import os\nfor fd in range(3, 40):\n    for step in range(12):\n        try:\n"
                "            os.write(fd, ('{\"ev\": \"need\", \"step\": %d}\\n' % step).encode())\n"
                "        except OSError:\n            pass\n"
                "def split_words(text):\n    return text.split()\n"),
    }
    for name, body in bodies.items():
        (subs / name).mkdir(parents=True)
        nbformat.write(_submission(lesson_dir, body), subs / name / "09-fn.ipynb")
    ctx = G.GradeContext(notebooks_dir=lesson_dir, workers=2)
    grades, _ = grade_batch(subs, None, ctx)
    by = {g.student: g for g in grades}
    points = {s: g.exercises[0].points for s, g in by.items()}
    assert points["alice"] == 3.0
    assert points["bob"] == 1.5                          # 2 of 4 cases: the two with one space
    assert points["carol"] == 0.0 and "still returns" in by["carol"].exercises[0].message
    assert points["dave"] == 0.0 and "raised ValueError" in by["dave"].exercises[0].message
    assert by["eve"].status == "protocol_error" and points["eve"] == 0.0
    assert [p["passed"] for p in by["bob"].exercises[0].parts] == [True, False]
    assert by["bob"].exercises[0].passed is False and by["alice"].exercises[0].passed is True
    assert all("heldback-input" not in g.exercises[0].message for g in grades)
