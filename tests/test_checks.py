"""course.lesson.checks: instant feedback, and every exercise's answers."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from helpers.answers import ALSO_RIGHT, FUNCTIONS, REFERENCE, WRONG, WRONG_TYPE
from course import Case, Part, assert_answer, check, grade_answer, grade_function, list_exercises
from course.lesson.checks import FunctionExercise
from course.lesson.checks import (
    NOT_DEFINED,
    STATUSES,
    Feedback,
    describe_type,
    digest,
    feedback_text,
    message_html,
    norm_text,
    not_run_feedback,
)

IDS = [e.id for e in list_exercises() if not isinstance(e, FunctionExercise)]
FUNCTION_IDS = [e.id for e in list_exercises() if isinstance(e, FunctionExercise)]


def define(source: str, name: str):
    """The function a source defines (a student's answer cell)."""
    ns: dict = {}
    exec(compile(source, "<answer>", "exec"), ns)  # noqa: S102 - our own test answers
    return ns[name]


def test_every_exercise_has_answers():
    assert sorted(IDS) == sorted(REFERENCE), "add the exercise to tests/helpers/answers/lessonNN.py"
    assert sorted(FUNCTION_IDS) == sorted(FUNCTIONS), "add the function exercise to FUNCTIONS in tests/helpers/answers"
    assert set(WRONG) <= set(REFERENCE) and set(WRONG_TYPE) <= set(REFERENCE)


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_answer_passes(exercise_id):
    feedback = check(exercise_id, REFERENCE[exercise_id])
    assert feedback.status == "correct", feedback.message
    assert feedback and feedback.correct
    assert_answer(exercise_id, REFERENCE[exercise_id])


@pytest.mark.parametrize("exercise_id, answer", [(k, v) for k, vs in ALSO_RIGHT.items() for v in vs])
def test_other_spellings_of_the_answer_pass(exercise_id, answer):
    assert check(exercise_id, answer).correct


@pytest.mark.parametrize("exercise_id, answer, phrase", [(k, a, p) for k, ws in WRONG.items() for a, p in ws])
def test_common_wrong_answers_get_their_hint(exercise_id, answer, phrase):
    feedback = check(exercise_id, answer)
    assert feedback.status == "wrong"
    assert phrase.lower() in feedback.message.lower()
    with pytest.raises(AssertionError, match="not yet"):
        assert_answer(exercise_id, answer)


@pytest.mark.parametrize("exercise_id, answer", [(k, a) for k, ws in WRONG_TYPE.items() for a in ws])
def test_wrong_type_says_what_is_expected(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert feedback.status == "wrong_type"
    assert feedback.message.startswith("expected ")
    assert "you gave" in feedback.message or "could not be read" in feedback.message


@pytest.mark.parametrize("exercise_id", IDS)
def test_unanswered_is_not_an_error(exercise_id):
    feedback = check(exercise_id, ...)
    assert feedback.status == "unanswered"
    assert "not answered yet" in str(feedback)
    assert not feedback


@pytest.mark.parametrize("exercise_id", IDS)
def test_feedback_never_contains_the_answer(exercise_id):
    """No message of an exercise spells out its reference answer."""
    ref = REFERENCE[exercise_id]
    pieces = [ref] if not isinstance(ref, list) else ref
    messages = [check(exercise_id, a).message for a, _ in WRONG.get(exercise_id, [])]
    messages += [check(exercise_id, a).message for a in WRONG_TYPE.get(exercise_id, [])]
    messages += [check(exercise_id, ...).message, next(e for e in list_exercises() if e.id == exercise_id).hint]
    for message in messages:
        for piece in pieces:
            if isinstance(piece, int):
                assert str(piece) not in message.split()
            elif exercise_id != "0.2":  # 0.2's hints may name the heading that contains the city
                assert norm_text(str(piece)) not in norm_text(message)


def test_hints_are_questions():
    for exercise in list_exercises():
        assert exercise.hint.rstrip().endswith("?"), exercise.id
        others = exercise.kind_hints.values() if isinstance(exercise, FunctionExercise) else exercise.wrong.values()
        assert all("?" in h for h in others), exercise.id


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_reference_function_passes_its_visible_cases(exercise_id):
    ex = next(e for e in list_exercises() if e.id == exercise_id)
    function = define(FUNCTIONS[exercise_id]["reference"], ex.function)
    feedback = check(exercise_id, function)
    assert feedback.status == "correct", feedback.message
    assert grade_function(exercise_id, function, list(ex.visible)) == ex.points
    assert 2 <= len(ex.visible) <= 6


@pytest.mark.parametrize("exercise_id, source, phrase",
                         [(k, src, p) for k, v in FUNCTIONS.items() for src, p in v.get("wrong", [])])
def test_wrong_functions_fail_a_visible_case_and_say_which_kind(exercise_id, source, phrase):
    ex = next(e for e in list_exercises() if e.id == exercise_id)
    function = define(source, ex.function)
    feedback = check(exercise_id, function)
    assert feedback.status == "wrong", feedback.message
    assert phrase.lower() in feedback.message.lower()
    assert grade_function(exercise_id, function, list(ex.visible)) < ex.points


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_a_function_stub_is_unanswered_and_a_value_is_the_wrong_type(exercise_id):
    ex = next(e for e in list_exercises() if e.id == exercise_id)
    assert check(exercise_id, ...).status == "unanswered"
    stub = define(f"def {ex.function}(*args):\n    return ...\n", ex.function)
    assert check(exercise_id, stub).status == "unanswered"
    assert check(exercise_id, 3).status == "wrong_type"
    assert grade_function(exercise_id, stub, list(ex.visible)) == 0.0


def test_function_feedback_shows_visible_cases_and_partial_credit_is_the_share_passed():
    from course.lesson.exercises import make_function_exercise

    ex = make_function_exercise("9.8", "Words", 4, "words", "words(text)",
                                [Case("one space", ("a b",), ["a", "b"]), Case("two spaces", ("a  b",), ["a", "b"])],
                                hint="Which method splits on white space?", success="Right.",
                                kind_hints={"two spaces": "What does split(' ') make of two spaces?"})
    from course.lesson.exercises import load_all

    load_all()["9.8"] = ex
    try:
        feedback = check("9.8", lambda t: t.split(" "))
        assert feedback.status == "wrong"
        assert "1 of 2 example cases pass" in feedback.message and "two spaces" in feedback.message
        assert "['a', '', 'b']" in feedback.message and "What does split(' ')" in feedback.message
        assert check("9.8", lambda t: 1 / 0).message.count("ZeroDivisionError") == 2
        cases = [Case("one space", ("c d",), ["c", "d"])] * 3 + [Case("two spaces", ("c  d",), ["c", "d"])]
        assert grade_function("9.8", lambda t: t.split(" "), cases) == 3.0
        assert grade_function("9.8", str.split, cases) == 4.0
        assert grade_function("9.8", "not a function", cases) == 0.0
    finally:
        load_all().pop("9.8")


def test_parts_give_partial_credit_and_name_what_failed():
    from course.lesson.checks import DICT
    from course.lesson.exercises import load_all, make_exercise

    def parts(value):
        return [Part(f"item {k}", v == "ok", 2.0 if k == "B" else 1.0, f"look at {k} again?") for k, v in
                sorted(value.items())]

    ex = make_exercise("9.9", "Coding", 4, DICT, dict, "", hint="Which items?", success="Right.", parts=parts)
    load_all()["9.9"] = ex
    try:
        assert check("9.9", {"A": "ok", "B": "ok", "C": "ok"}).correct
        feedback = check("9.9", {"A": "ok", "B": "no", "C": "ok"})
        assert feedback.status == "wrong" and "2 of 3 parts" in feedback.message and "look at B" in feedback.message
        assert grade_answer("9.9", {"A": "ok", "B": "no", "C": "ok"}) == 2.0
        assert grade_answer("9.9", {"A": "ok", "B": "ok", "C": "no"}) == 3.0
        assert grade_answer("9.9", ...) == 0.0 and grade_answer("9.9", [1]) == 0.0
        with pytest.raises(ValueError, match="digest"):
            make_exercise("9.7", "x", 1, DICT, dict, "", hint="?", success="")
    finally:
        load_all().pop("9.9")


def test_grade_answer_without_parts_is_all_or_nothing():
    assert grade_answer("0.1", REFERENCE["0.1"]) == next(e for e in list_exercises() if e.id == "0.1").points
    assert grade_answer("0.1", -1) == 0.0


def test_unknown_exercise_is_feedback_not_an_exception():
    feedback = check("9.99", 1)
    assert feedback.status == "unknown_exercise"
    assert "9.99" in feedback.message


def test_a_value_that_breaks_the_normaliser_is_a_type_problem():
    class Weird(int):
        def __int__(self):
            raise RuntimeError("boom")

    feedback = check("0.1", Weird(3))
    assert feedback.status == "wrong_type" and "could not be read" in feedback.message


def test_html_and_text_rendering():
    feedback = check("0.1", 16)
    html = feedback._repr_html_()
    assert 'class="course-feedback course-wrong"' in html and 'role="status"' in html
    assert "<script" not in html
    assert str(feedback).startswith("[not yet] Exercise 0.1: ")
    evil = Feedback("1.1", "wrong", "<script>alert(1)</script>", "<b>")
    assert "<script>" not in evil._repr_html_()
    assert set(STATUSES) >= {"correct", "wrong", "wrong_type", "unanswered", "unknown_exercise"}


def test_digest_is_salted_by_exercise():
    assert digest("0.1", 13) != digest("0.9", 13)
    assert len(digest("0.1", 13)) == 64


def test_no_reference_answer_in_plain_text_in_the_library():
    """The exercise modules hold digests, not the answers."""
    from pathlib import Path

    import course.lesson.exercises as ex

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(ex.__file__).parent.glob("lesson*.py"))
    for exercise_id, ref in REFERENCE.items():
        if isinstance(ref, list):
            assert json.dumps(ref, ensure_ascii=False) not in source
            assert repr(ref) not in source


@pytest.mark.commands
def test_digest_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "course.lesson.checks", "0.1", "13"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == next(e for e in list_exercises() if e.id == "0.1").answer_digest


@pytest.mark.parametrize(
    "value, words",
    [(3, "whole number"), (2.5, "decimal"), ("x", "text"), ([1, "a"], "list holding"), ([], "empty"), (None, "print()")],
)
def test_describe_type(value, words):
    assert words in describe_type(value)


# --------------------------------------------------------------------------
# check() and assert_answer agree; type messages; an answer that is not defined

DECLARED = ([(k, v, True) for k, v in REFERENCE.items()]
            + [(k, v, True) for k, vs in ALSO_RIGHT.items() for v in vs]
            + [(k, v, False) for k, ws in WRONG.items() for v, _ in ws])


def _asserts(exercise_id, answer) -> bool:
    try:
        assert_answer(exercise_id, answer)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("exercise_id, answer, right", DECLARED)
def test_check_and_assert_answer_agree_on_every_declared_answer(exercise_id, answer, right):
    """What the notebook's check calls correct is what a hidden test (``assert_answer``) passes."""
    assert check(exercise_id, answer).correct is right
    assert _asserts(exercise_id, answer) is right
    assert feedback_text(exercise_id, answer) == (check(exercise_id, answer).status, check(exercise_id, answer).message)


def _frame():
    import pandas as pd

    return pd.DataFrame({"actor": ["China", "Rusland"], "mentions": [40, 20]})


@pytest.mark.parametrize(
    "exercise_id, make, words",
    [
        ("1.4", lambda: _frame().iloc[0], ["pandas Series", "`.iloc[0]`", "`.tolist()`"]),
        ("1.4", lambda: _frame()["actor"], ["pandas Series", "`.iloc[0]`"]),
        ("1.3", lambda: _frame()[_frame()["actor"] == "China"], ["DataFrame", "one row", '["column"].iloc[0]']),
        ("2.1", lambda: _frame()["mentions"], ["pandas Series", "`.tolist()`"]),
        ("2.1", lambda: _frame(), ["DataFrame", "2 rows", '["column"].tolist()']),
        ("2.1", lambda: __import__("numpy").array([5, 14, 31]), ["NumPy array", "`.tolist()`"]),
        ("1.4", lambda: ["China"], ["list", "`[0]`", "`.iloc[0]`"]),      # a Series that arrived as plain data
        ("1.4", lambda: {"actor": "China"}, ["dict", "`.iloc[0]`"]),
        ("2.1", lambda: {0: 5, 1: 14, 2: 31}, ["dict", "`.tolist()`"]),
        ("1.4", lambda: ["China", "Rusland"], ["list", "which one"]),
    ],
)
def test_type_messages_say_how_to_take_the_value_out(exercise_id, make, words):
    feedback = check(exercise_id, make())
    assert feedback.status == "wrong_type"
    assert feedback.message.startswith("expected ")
    for word in words:
        assert word in feedback.message
    assert not feedback.message.endswith("?.")


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_series_of_the_right_answer_is_a_type_problem_that_does_not_show_it(exercise_id):
    import pandas as pd

    ref = REFERENCE[exercise_id]
    for value in (pd.Series(ref if isinstance(ref, list) else [ref]), pd.DataFrame({"x": ref if isinstance(ref, list) else [ref]})):
        feedback = check(exercise_id, value)
        assert feedback.status == "wrong_type" and not _asserts(exercise_id, value)
        given = feedback.message.split("you gave", 1)[1]  # what comes before is the type's fixed example
        for piece in ref if isinstance(ref, list) else [ref]:
            if isinstance(piece, str):
                assert norm_text(piece) not in norm_text(given)
            else:
                assert str(piece) not in re.findall(r"\d+(?:\.\d+)?", given.replace("[0]", ""))


def test_a_grader_stand_in_is_described_by_its_type_name():
    class Opaque:  # like the grader's stand-in for a value it could not send
        __module__ = "course.grading.protocol"

        def __init__(self, type_name):
            self.type_name = type_name

    assert "DataFrame" in check("1.4", Opaque("pandas.DataFrame")).message
    assert "`.iloc[0]`" in check("1.4", Opaque("pandas.core.series.Series")).message
    assert "a Foo" in check("1.4", Opaque("mod.Foo")).message


def test_an_answer_that_is_not_defined_says_the_cell_did_not_run():
    class Missing:  # like the grader's stand-in for a variable that was never defined
        __module__ = "course.grading.protocol"

    for value in (NOT_DEFINED, Missing()):
        feedback = check("1.2", value)
        assert feedback.status == "not_run" and not feedback
        assert "answer_1_2" in feedback.message and "did not run" in feedback.message
        assert "not answered yet" not in str(feedback)
    named = not_run_feedback("1.2", "KeyError: 'sectie'")
    assert "KeyError: 'sectie'" in named.message and named.status == "not_run"
    assert not_run_feedback("9.99").status == "unknown_exercise"
    with pytest.raises(AssertionError, match="did not run"):
        assert_answer("1.2", NOT_DEFINED)


@pytest.mark.commands
def test_in_ipython_a_missing_answer_variable_shows_its_feedback():
    """``check("1.2", answer_1_2)`` with no ``answer_1_2``: the box, not a traceback; other NameErrors unchanged."""
    script = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "shell.run_cell('from course import check')\n"
        "r = shell.run_cell('check(\"1.2\", answer_1_2)')\n"
        "print('FAILED', type(r.error_in_exec).__name__)\n"
        "r = shell.run_cell('tabel')\n"
        "print('FAILED', type(r.error_in_exec).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    first, second = out.split("FAILED NameError", 1)
    assert "[the answer cell did not run] Exercise 1.2: `answer_1_2` is not defined" in first
    assert "Traceback" not in first
    assert "name 'tabel' is not defined" in second and "did not run" not in second


def test_messages_render_code_spans_safely():
    assert message_html("use `.iloc[0]` <b>") == "use <code>.iloc[0]</code> &lt;b&gt;"
    assert "<code>answer_1_2</code>" in check("1.2", NOT_DEFINED)._repr_html_()


def test_the_name_error_handler_never_replaces_another(monkeypatch):
    import types

    from course.lesson import checks

    class Shell:
        def __init__(self, current):
            self.custom_exceptions = current
            self.calls = []

        def set_custom_exc(self, exc_tuple, handler):
            self.calls.append(exc_tuple)
            self.custom_exceptions = exc_tuple

    mine, theirs = Shell(()), Shell((ValueError,))
    for shell, installed in ((mine, True), (mine, True), (theirs, False)):
        monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda s=shell: s))
        assert checks._install_name_error_handler() is installed
    assert mine.calls == [(NameError,)] and theirs.calls == []
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: None))
    assert checks._install_name_error_handler() is False
