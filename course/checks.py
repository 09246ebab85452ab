"""Instant exercise checks: ``check("1.2", answer_1_2)`` in a notebook.

How a check answers
-------------------
1. Unanswered (the stub ``...``): "not answered yet" -- never an exception,
   so a student notebook runs top to bottom.
2. Wrong type: what type is expected (a whole number, a list of strings ...).
3. Wrong value: a *question* that points to where to look. Known common
   mistakes get their own question; the answer itself is never shown.
4. Right: a short success message that teaches one more fact.

The result is a :class:`Feedback`, shown as a coloured box in JupyterLab
(``_repr_html_``) and as one line of plain text elsewhere (``str``).

Where the reference answers live
--------------------------------
Nowhere in plain text in the library. An :class:`Exercise` stores the
SHA-256 *digest* of its normalised reference answer (salted with the
exercise id), and digests of the common wrong answers it has hints for.
``check`` normalises the student's answer the same way and compares
digests. The plain reference answers live only in the instructor notebooks
(inside ``### BEGIN SOLUTION`` markers and hidden tests) and in
``tests/``, which are not shipped to students. A digest stops a student
from reading the answer off the library source; it does not stop a
determined student from trying many answers, which is why grading runs
the hidden tests from the instructor notebook, never ``check`` alone.

Compute a digest for a new exercise with :func:`digest`, or from the shell::

    python -m course.checks 1.2 '["Rome", "Peking"]'   # value as JSON

Exercises are defined per lesson in ``course/exercises/lessonNN.py`` and
found by id; nothing depends on cell order.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

#: Feedback statuses, in the order a check tries them.
STATUSES = ("unanswered", "unknown_exercise", "wrong_type", "wrong", "correct")

# --------------------------------------------------------------------------
# Expected types


@dataclass(frozen=True)
class AnswerType:
    """What shape an answer must have.

    Attributes
    ----------
    name : str
        Short name used in the feedback, e.g. ``"a whole number (int)"``.
    example : str
        An example of the shape that gives nothing away, e.g. ``"7"``.
    accepts : Callable[[Any], bool]
        True when a value has this shape.
    """

    name: str
    example: str
    accepts: Callable[[Any], bool]


def _is_int(v: Any) -> bool:
    import numbers

    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    import numbers

    return isinstance(v, numbers.Real) and not isinstance(v, bool) and math.isfinite(float(v))


def _is_str_list(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v)


def _is_int_list(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and all(_is_int(x) for x in v)


INT = AnswerType("a whole number (int)", "7", _is_int)
NUMBER = AnswerType("a number (int or float)", "12.5", _is_number)
TEXT = AnswerType("a piece of text (str)", '"Amsterdam"', lambda v: isinstance(v, str))
BOOL = AnswerType("True or False (bool)", "True", lambda v: isinstance(v, bool))
TEXT_LIST = AnswerType("a list of strings", '["Den Haag", "Brussel"]', _is_str_list)
INT_LIST = AnswerType("a list of whole numbers", "[2, 5]", _is_int_list)


def describe_type(value: Any) -> str:
    """Name the type of a student's value in plain words.

    Parameters
    ----------
    value : Any
        What the student gave.

    Returns
    -------
    str
        E.g. ``"text (str)"``, ``"a list"``, ``"a DataFrame"``.
    """
    if isinstance(value, bool):
        return "True/False (bool)"
    if _is_int(value):
        return "a whole number (int)"
    if isinstance(value, float):
        return "a decimal number (float)"
    if isinstance(value, str):
        return "text (str)"
    if isinstance(value, (list, tuple)):
        kinds = sorted({describe_type(x).removeprefix("a ").removeprefix("an ") for x in value})
        inner = f" holding {' and '.join(kinds)}" if kinds else " that is empty"
        return f"a {type(value).__name__}{inner}"
    if value is None:
        return "None (did the cell assign the result of print()?)"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------
# Normalisers: a student's answer and the reference are compared after these.


def norm_text(value: str) -> str:
    """Normalise text for comparison.

    Unicode NFC (so a typed ``ï`` equals the article's), case folded,
    white space collapsed, surrounding quotation marks and final
    punctuation removed. Diacritics are kept: "Oekraine" is not "Oekraïne".
    """
    t = unicodedata.normalize("NFC", value).casefold()
    t = " ".join(t.split())
    return t.strip(" \"'“”‘’„«».,;:!?")


_WEEKDAYS_EN_NL = {"monday": "maandag", "tuesday": "dinsdag", "wednesday": "woensdag", "thursday": "donderdag",
                   "friday": "vrijdag", "saturday": "zaterdag", "sunday": "zondag"}


def norm_weekday(value: str) -> str:
    """A day of the week, in Dutch or English, as its Dutch name ("Sunday" -> "zondag")."""
    text = norm_text(value)
    return _WEEKDAYS_EN_NL.get(text, text)


def norm_int(value: Any) -> int:
    """An integer, as an int."""
    return int(value)


def norm_number(decimals: int) -> Callable[[Any], float]:
    """Return a normaliser that rounds a number to ``decimals`` places."""

    def _round(value: Any) -> float:
        return round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0

    _round.__name__ = f"round_{decimals}"
    return _round


def norm_text_list(value: Any) -> list[str]:
    """A list of texts where order matters, each normalised."""
    return [norm_text(x) for x in value]


def norm_text_set(value: Any) -> list[str]:
    """A collection of texts where order does not matter (sorted, duplicates kept once)."""
    return sorted({norm_text(x) for x in value})


def norm_int_set(value: Any) -> list[int]:
    """A collection of whole numbers where order does not matter."""
    return sorted({int(x) for x in value})


def norm_bool(value: Any) -> bool:
    """A boolean."""
    return bool(value)


def digest(exercise_id: str, normalised: Any) -> str:
    """Return the salted SHA-256 digest of a normalised answer.

    Parameters
    ----------
    exercise_id : str
        The exercise id, e.g. ``"1.2"``; it salts the hash, so the same
        value has different digests in different exercises.
    normalised : Any
        The answer *after* the exercise's normaliser (JSON-serialisable).

    Returns
    -------
    str
        64 hexadecimal characters.
    """
    payload = json.dumps(normalised, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{exercise_id}\x00{payload}".encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# Exercises


@dataclass(frozen=True)
class Exercise:
    """One auto-checked exercise.

    Attributes
    ----------
    id : str
        Stable id, ``"<lesson>.<number>"``, e.g. ``"1.2"``.
    title : str
        Short title, as in the exercise heading.
    points : int
        Points in grading.
    answer_type : AnswerType
        Expected shape of the answer.
    normalise : Callable
        Applied to an answer of the right type before comparing.
    answer_digest : str
        :func:`digest` of the normalised reference answer.
    hint : str
        The default question for a wrong answer: where to look, not what.
    success : str
        Shown when right; teaches one more fact.
    wrong : dict
        Digest of a normalised common wrong answer -> its own hint.
    judge : Callable or None
        Optional extra rule ``judge(normalised) -> str | None`` run before the
        digest comparison; returns a hint when the answer breaks a rule that
        can be explained without giving the answer away (e.g. "a list of
        three items"). None when it has nothing to say.
    """

    id: str
    title: str
    points: int
    answer_type: AnswerType
    normalise: Callable[[Any], Any]
    answer_digest: str
    hint: str
    success: str
    wrong: dict[str, str] = field(default_factory=dict)
    judge: Callable[[Any], str | None] | None = None

    @property
    def variable(self) -> str:
        """The name of the answer variable, e.g. ``answer_1_2``."""
        return "answer_" + self.id.replace(".", "_")


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`.

    Attributes
    ----------
    exercise : str
        The exercise id.
    status : str
        One of :data:`STATUSES`.
    message : str
        What the student reads.
    title : str
        The exercise title (empty for an unknown exercise).
    """

    exercise: str
    status: str
    message: str
    title: str = ""

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        label = _LABELS[self.status][0]
        return f"[{label}] Exercise {self.exercise}: {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        label, colour, border, icon = _LABELS[self.status]
        title = f" — {html.escape(self.title)}" if self.title else ""
        return (
            f'<div class="course-feedback course-{self.status}" role="status" '
            f'style="border-left:6px solid {border};background:{colour};color:#1a1a1a;'
            f'padding:0.6em 0.9em;margin:0.3em 0;border-radius:4px;font-family:sans-serif">'
            f"<strong>{icon} Exercise {html.escape(self.exercise)}{title}: {label}</strong><br>"
            f"{html.escape(self.message)}</div>"
        )


# status -> (label, background, border, icon); colours pass WCAG AA with dark text.
_LABELS: dict[str, tuple[str, str, str, str]] = {
    "correct": ("correct", "#e6f4ea", "#1e7b34", "✔"),
    "wrong": ("not yet", "#fdecea", "#b3261e", "✘"),
    "wrong_type": ("not the expected type", "#fff4e5", "#a15c00", "✘"),
    "unanswered": ("not answered yet", "#eef1f5", "#5f6b7a", "…"),
    "unknown_exercise": ("unknown exercise", "#eef1f5", "#5f6b7a", "?"),
}


def list_exercises() -> list[Exercise]:
    """Return every registered exercise, ordered by lesson and number.

    Returns
    -------
    list of Exercise
    """
    from .exercises import load_all

    return sorted(load_all().values(), key=lambda e: tuple(int(x) for x in e.id.split(".")))


def get_exercise(exercise_id: str) -> Exercise | None:
    """Return the exercise with this id, or None."""
    from .exercises import load_all

    return load_all().get(str(exercise_id).strip())


def check(exercise_id: str, answer: Any) -> Feedback:
    """Check an answer and say what to do next. Never raises.

    Parameters
    ----------
    exercise_id : str
        The exercise id from the exercise heading, e.g. ``"1.2"``.
    answer : Any
        The value of the answer variable; ``...`` means not answered yet.

    Returns
    -------
    Feedback
        Shown as a coloured box in JupyterLab, as text elsewhere; true in a
        boolean context only when the answer is right.
    """
    exercise = get_exercise(exercise_id)
    if exercise is None:
        return Feedback(
            str(exercise_id),
            "unknown_exercise",
            f"there is no exercise {exercise_id!r}; is the id the same as in the exercise heading?",
        )
    if answer is Ellipsis:
        return Feedback(
            exercise.id,
            "unanswered",
            f"replace the ... in `{exercise.variable} = ...` with your answer, run that cell, then this one.",
            exercise.title,
        )
    if not exercise.answer_type.accepts(answer):
        return Feedback(
            exercise.id,
            "wrong_type",
            f"expected {exercise.answer_type.name}, such as {exercise.answer_type.example}; "
            f"you gave {describe_type(answer)}.",
            exercise.title,
        )
    try:
        value = exercise.normalise(answer)
        rule = exercise.judge(value) if exercise.judge else None
    except Exception:  # a value of the right type the normaliser cannot read
        return Feedback(
            exercise.id,
            "wrong_type",
            f"expected {exercise.answer_type.name}, such as {exercise.answer_type.example}; "
            "this value could not be read as one.",
            exercise.title,
        )
    if rule:
        return Feedback(exercise.id, "wrong", rule, exercise.title)
    d = digest(exercise.id, value)
    if d == exercise.answer_digest:
        return Feedback(exercise.id, "correct", exercise.success, exercise.title)
    return Feedback(exercise.id, "wrong", exercise.wrong.get(d, exercise.hint), exercise.title)


def assert_answer(exercise_id: str, answer: Any) -> None:
    """Fail with the exercise's hint unless the answer is right (for graded test cells).

    Parameters
    ----------
    exercise_id : str
        The exercise id.
    answer : Any
        The student's answer.

    Raises
    ------
    AssertionError
        With the feedback message when the answer is not right.
    """
    feedback = check(exercise_id, answer)
    if not feedback.correct:
        raise AssertionError(str(feedback))


def _main(argv: list[str]) -> int:
    """``python -m course.checks ID JSON_VALUE``: print the digest of a reference answer."""
    if len(argv) != 2:
        print("usage: python -m course.checks EXERCISE_ID JSON_VALUE", file=sys.stderr)
        return 2
    exercise = get_exercise(argv[0])
    value = json.loads(argv[1])
    normalised = exercise.normalise(value) if exercise else value
    print(digest(argv[0], normalised))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
