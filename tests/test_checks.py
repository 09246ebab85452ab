"""course.checks: instant feedback, and every exercise's answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from answers import ALSO_RIGHT, REFERENCE, WRONG, WRONG_TYPE
from course import assert_answer, check, list_exercises
from course.checks import STATUSES, Feedback, describe_type, digest, norm_text

IDS = [e.id for e in list_exercises()]


def test_every_exercise_has_answers():
    assert sorted(IDS) == sorted(REFERENCE), "add the exercise to tests/answers/lessonNN.py"
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
        assert all("?" in h for h in exercise.wrong.values()), exercise.id


def test_unknown_exercise_is_feedback_not_an_exception():
    feedback = check("9.99", 1)
    assert feedback.status == "unknown_exercise"
    assert "9.99" in feedback.message


def test_a_value_that_breaks_the_normaliser_is_a_type_problem():
    class Weird(int):
        def __int__(self):
            raise RuntimeError("boom")

    assert check("0.1", Weird(3)).status in ("wrong", "wrong_type")


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

    import course.exercises as ex

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(ex.__file__).parent.glob("lesson*.py"))
    for exercise_id, ref in REFERENCE.items():
        if isinstance(ref, list):
            assert json.dumps(ref, ensure_ascii=False) not in source
            assert repr(ref) not in source


def test_digest_command_line():
    out = subprocess.run(
        [sys.executable, "-m", "course.checks", "0.1", "13"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == next(e for e in list_exercises() if e.id == "0.1").answer_digest


@pytest.mark.parametrize(
    "value, words",
    [(3, "whole number"), (2.5, "decimal"), ("x", "text"), ([1, "a"], "list holding"), ([], "empty"), (None, "print()")],
)
def test_describe_type(value, words):
    assert words in describe_type(value)
