"""Instant exercise checks: ``check("1.2", answer_1_2)`` in a notebook.

How a check answers
-------------------
1. Unanswered (the stub ``...``): "not answered yet" -- never an exception,
   so a student notebook runs top to bottom.
2. Not defined (:data:`NOT_DEFINED`): the answer cell did not run, or it
   stopped with an error before it assigned the variable (see below).
3. Wrong type: what type is expected (a whole number, a list of strings ...)
   and, for a pandas Series or DataFrame, a NumPy array, a dict or a list of
   one value, how to take the value out (``.iloc[0]``, ``.tolist()``, ``[0]``).
4. Wrong value: a *question* that points to where to look. Known common
   mistakes get their own question; the answer itself is never shown.
5. Right: a short success message that teaches one more fact.

The result is a :class:`Feedback`, shown as a coloured box in JupyterLab
(``_repr_html_``) and as one line of plain text elsewhere (``str``).
:func:`feedback_text` gives the same ``(status, message)`` as plain text, for
the grader's feedback page: it works on the decoded plain data the grader
holds (lists, dicts, text, numbers, pandas objects rebuilt from data, and the
grader's stand-ins for values it could not read or that were never defined).

When the answer variable is not defined
---------------------------------------
``check("1.2", answer_1_2)`` evaluates ``answer_1_2`` *before* ``check`` is
called, so an answer cell that never ran, or that raised an error, shows up
as a ``NameError`` in the check cell, and ``check`` itself never runs. The
check cells stay as they are (they are locked and checksummed); instead,
importing this module inside IPython or Jupyter registers a handler for a
``NameError`` of an answer variable (``answer_<lesson>_<number>`` of a known
exercise): the check cell then shows the exercise's "the answer cell did not
run" box instead of a traceback, and the cell still counts as failed. Every
other ``NameError`` shows its usual traceback, and the handler is not
installed when another custom exception handler is already set. The grader,
which has the student's values and not the cell, passes
:data:`NOT_DEFINED` (or its own ``Missing`` stand-in) to :func:`check` and
gets the same message; :func:`not_run_feedback` also names the error when the
grader knows that the answer cell raised one.

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

    python -m course.lesson.checks 1.2 '["Rome", "Peking"]'   # value as JSON

Exercises are defined per lesson in ``course/lesson/exercises/lessonNN.py`` and
found by id; nothing depends on cell order.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

#: Feedback statuses, in the order a check tries them.
STATUSES = ("unanswered", "not_run", "unknown_exercise", "wrong_type", "wrong", "correct")


class _NotDefined:
    """The type of :data:`NOT_DEFINED`."""

    def __repr__(self) -> str:
        return "NOT_DEFINED"


#: Pass this to :func:`check` for an answer variable that is not defined
#: (the answer cell did not run, or it raised an error).
NOT_DEFINED = _NotDefined()

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
    many : bool
        True for a list of values, False for one value.
    """

    name: str
    example: str
    accepts: Callable[[Any], bool]
    many: bool = False


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
TEXT_LIST = AnswerType("a list of strings", '["Den Haag", "Brussel"]', _is_str_list, many=True)
INT_LIST = AnswerType("a list of whole numbers", "[2, 5]", _is_int_list, many=True)
DICT = AnswerType('a dict with text keys', '{"E1": [1, "why"]}',
                  lambda v: isinstance(v, dict) and all(isinstance(k, str) for k in v))


def type_key(value: Any) -> str:
    """The kind of value, by its type's name, for the messages of :func:`check`.

    Works on the real object and on a stand-in that carries the name of the
    student's type in ``type_name`` (the grader's ``Opaque``).

    Parameters
    ----------
    value : Any
        What the student gave.

    Returns
    -------
    str
        ``"series"``, ``"frame"``, ``"index"``, ``"array"`` or ``"dict"``
        when one of these, else ``""``.
    """
    t = type(value)
    module, name = t.__module__ or "", t.__name__
    stand_in = getattr(value, "type_name", None)
    if module.startswith("course.") and isinstance(stand_in, str):
        module, _, name = stand_in.rpartition(".")
    if module.startswith("pandas"):
        return {"Series": "series", "DataFrame": "frame", "Index": "index"}.get(name, "")
    if module.startswith("numpy") and name == "ndarray":
        return "array"
    return "dict" if isinstance(value, dict) or (module == "" and name == "dict") else ""


def _rows(value: Any) -> int | None:
    """The number of rows of a real DataFrame, or None."""
    try:
        return int(value.shape[0])
    except Exception:  # noqa: BLE001 - a stand-in has no shape
        return None


def _is_not_defined(value: Any) -> bool:
    """True for :data:`NOT_DEFINED` and for the grader's ``Missing`` stand-in."""
    t = type(value)
    return value is NOT_DEFINED or (t.__name__ == "Missing" and (t.__module__ or "").startswith("course."))


def describe_type(value: Any) -> str:
    """Name the type of a student's value in plain words.

    Parameters
    ----------
    value : Any
        What the student gave.

    Returns
    -------
    str
        E.g. ``"text (str)"``, ``"a list holding text (str)"``,
        ``"a pandas Series (a column of values)"``.
    """
    kind = type_key(value)
    if kind == "series":
        return "a pandas Series (a column of values, or one row of a table)"
    if kind == "frame":
        rows = _rows(value)
        size = "" if rows is None else " with one row" if rows == 1 else f" with {rows} rows"
        return f"a pandas DataFrame (a table){size}"
    if kind == "index":
        return "a pandas Index (the labels of a table)"
    if kind == "array":
        return "a NumPy array"
    if kind == "dict":
        return "a dict (keys with values)"
    stand_in = getattr(value, "type_name", None)
    if (type(value).__module__ or "").startswith("course.") and isinstance(stand_in, str):
        name = stand_in.rpartition(".")[2]
        return f"a {name}" if name.isidentifier() else f"a value that could not be read ({name})"
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


def take_out_advice(expected: AnswerType, value: Any) -> str:
    """Say how to turn a value of the wrong type into the expected shape, or ``""``.

    Only the *how* (``.iloc[0]``, ``.tolist()``, ``[0]``), never which value:
    the advice gives nothing of the answer away.

    Parameters
    ----------
    expected : AnswerType
        The exercise's answer type.
    value : Any
        What the student gave (a real object or the grader's plain data).

    Returns
    -------
    str
        A clause that follows "you gave ...", starting with "; " and without
        a full stop, or ``""``.
    """
    kind = type_key(value)
    if kind == "series":
        if expected.many:
            return "; turn it into a list with `.tolist()`"
        return "; take one value out with `.iloc[0]` or turn it into a list with `.tolist()`"
    if kind == "frame":
        if expected.many:
            return '; select one column and turn it into a list, e.g. `table["column"].tolist()`'
        return '; select one column and take one value out, e.g. `table["column"].iloc[0]`'
    if kind in ("index", "array"):
        return "; turn it into a list with `.tolist()`" if expected.many else "; take one value out with `[0]`"
    if kind == "dict":
        if expected.many:
            return "; for a list of its values use `list(d.values())` (from a pandas Series: `.tolist()`)"
        return "; the answer is one value, not keys with values (from a pandas Series: take it out with `.iloc[0]`)"
    if isinstance(value, (list, tuple)) and not expected.many:
        if len(value) == 1:
            return "; take the value out of the list with `[0]` (from a pandas Series: `.iloc[0]`)"
        if value:
            return "; the answer is one value: which one does the exercise ask for?"
    return ""


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
    parts : Callable or None
        Optional split into independently graded parts,
        ``parts(normalised) -> list[Part]``: the grade is the points times
        the weighted share of parts passed (:func:`grade_answer`), and the
        answer is right when every part passes. With ``parts`` the digest
        may be ``""``.
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
    parts: Callable[[Any], list["Part"]] | None = None

    @property
    def variable(self) -> str:
        """The name of the answer variable, e.g. ``answer_1_2``."""
        return "answer_" + self.id.replace(".", "_")


@dataclass(frozen=True)
class Part:
    """One independently graded part of an answer (see ``Exercise.parts``).

    Attributes
    ----------
    label : str
        What the part is, in the student's words: ``"item E1"``.
    passed : bool
    weight : float
        Its share of the points, relative to the other parts.
    why : str
        For a part that failed: a question that points to where to look.
    """

    label: str
    passed: bool
    weight: float = 1.0
    why: str = ""


@dataclass(frozen=True)
class Case:
    """One test case of a function exercise: the arguments and what the function must return.

    Attributes
    ----------
    kind : str
        The kind of input in words a student understands ("a quote that
        opens the sentence"). Feedback on held-back cases names only this.
    args : tuple
        Positional arguments, plain data only (text, numbers, booleans,
        None, lists, tuples, dicts with text keys).
    expected : Any
        The value the function must return (plain data), compared after the
        exercise's ``normalise``.
    """

    kind: str
    args: tuple
    expected: Any


@dataclass(frozen=True)
class CaseResult:
    """What a student's function did on one :class:`Case`.

    Attributes
    ----------
    kind : str
        The case's kind.
    passed : bool
    got : Any
        The value returned (None after an error).
    error : str
        ``"TypeError: ..."`` when the call raised, ``""`` otherwise.
    """

    kind: str
    passed: bool
    got: Any = None
    error: str = ""


@dataclass(frozen=True)
class FunctionExercise:
    """An exercise whose answer is a function the student writes.

    ``check()`` calls it on the ``visible`` cases (shown to the student, with
    their expected values); the grade calls it on held-back cases that live
    only in the instructor notebook's hidden test
    (``grade_function(id, fn, cases)``) and awards the share of cases passed.

    Attributes
    ----------
    id, title, points, hint, success
        As in :class:`Exercise`.
    function : str
        The name the student's ``def`` must have.
    signature : str
        E.g. ``"split_sentences(text: str) -> list[str]"``.
    visible : tuple of Case
        The cases ``check()`` runs.
    normalise : Callable
        Applied to the returned and the expected value before comparing.
    kind_hints : dict
        Case kind -> a question for when a case of that kind fails.
    """

    id: str
    title: str
    points: int
    function: str
    signature: str
    visible: tuple[Case, ...]
    normalise: Callable[[Any], Any]
    hint: str
    success: str
    kind_hints: dict[str, str] = field(default_factory=dict)

    @property
    def variable(self) -> str:
        """The name the answer is read from: the function's name."""
        return self.function


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
        """The coloured box, from ``course/lesson/templates/feedback.html.j2`` (autoescaped)."""
        from ..templating import render

        label, colour, border, icon = _LABELS[self.status]
        return render("course.lesson", "feedback.html.j2", status=self.status, exercise=self.exercise,
                      title=self.title, label=label, colour=colour, border=border, icon=icon,
                      parts=_message_parts(self.message))


def _message_parts(message: str) -> list[tuple[str, bool]]:
    """A message cut into ``(text, is_code)`` pieces: each `code span` between backticks is one piece."""
    pieces = re.split(r"`([^`]+)`", message)
    return [(text, i % 2 == 1) for i, text in enumerate(pieces) if text]


def message_html(message: str) -> str:
    """A feedback message as safe HTML: escaped, with each `code span` in ``<code>``.

    Rendered from ``course/lesson/templates/message.html.j2`` (autoescaped).

    Parameters
    ----------
    message : str
        Plain text that may hold code between backticks.

    Returns
    -------
    str
        HTML with no markup of the message's own.
    """
    from ..templating import render

    return render("course.lesson", "message.html.j2", parts=_message_parts(message))


# status -> (label, background, border, icon); colours pass WCAG AA with dark text.
_LABELS: dict[str, tuple[str, str, str, str]] = {
    "correct": ("correct", "#e6f4ea", "#1e7b34", "✔"),
    "wrong": ("not yet", "#fdecea", "#b3261e", "✘"),
    "wrong_type": ("not the expected type", "#fff4e5", "#a15c00", "✘"),
    "unanswered": ("not answered yet", "#eef1f5", "#5f6b7a", "…"),
    "not_run": ("the answer cell did not run", "#fff4e5", "#a15c00", "!"),
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
    if isinstance(exercise, FunctionExercise):
        return check_function(exercise, answer)
    if answer is Ellipsis:
        return Feedback(
            exercise.id,
            "unanswered",
            f"replace the ... in `{exercise.variable} = ...` with your answer, run that cell, then this one.",
            exercise.title,
        )
    if _is_not_defined(answer):
        return not_run_feedback(exercise.id)
    if not exercise.answer_type.accepts(answer):
        return Feedback(
            exercise.id,
            "wrong_type",
            _end(f"expected {exercise.answer_type.name}, such as {exercise.answer_type.example}; "
                 f"you gave {describe_type(answer)}{take_out_advice(exercise.answer_type, answer)}"),
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
    if exercise.parts is not None:
        return _parts_feedback(exercise, _safe_parts(exercise, value))
    d = digest(exercise.id, value)
    if d == exercise.answer_digest:
        return Feedback(exercise.id, "correct", exercise.success, exercise.title)
    return Feedback(exercise.id, "wrong", exercise.wrong.get(d, exercise.hint), exercise.title)


def _safe_parts(exercise: Exercise, value: Any) -> list[Part]:
    """The parts of a normalised answer; one failed part when the split itself fails."""
    try:
        parts = list(exercise.parts(value)) if exercise.parts else []
    except Exception:  # noqa: BLE001 - a value the split cannot read
        return [Part("the answer", False, 1.0, exercise.hint)]
    return parts or [Part("the answer", False, 1.0, exercise.hint)]


def _parts_feedback(exercise: Exercise, parts: list[Part]) -> Feedback:
    """Correct when every part passes; else which parts did not, each with its question."""
    failed = [p for p in parts if not p.passed]
    if not failed:
        return Feedback(exercise.id, "correct", exercise.success, exercise.title)
    shown = "; ".join(f"{p.label}: {p.why or exercise.hint}" for p in failed[:4])
    more = f" (and {len(failed) - 4} more)" if len(failed) > 4 else ""
    ok = len(parts) - len(failed)
    return Feedback(exercise.id, "wrong", f"{ok} of {len(parts)} parts are right. Not yet: {shown}{more}",
                    exercise.title)


def share_points(points: float, weights_passed: float, weights_total: float) -> float:
    """Points for a share of an exercise, rounded to two decimals (what a grade shows).

    Parameters
    ----------
    points : float
        The exercise's points.
    weights_passed, weights_total : float
        The summed weight of what passed and of everything.
    """
    if weights_total <= 0:
        return 0.0
    return round(points * weights_passed / weights_total, 2) + 0.0


def score_answer(exercise_id: str, answer: Any) -> tuple[float, list[Part]]:
    """The points an answer to a value exercise earns, and its parts.

    Without ``parts`` the exercise is all or nothing: its points when
    :func:`check` says correct, else 0 (one part, "the answer").

    Returns
    -------
    tuple of (float, list of Part)
    """
    exercise = get_exercise(exercise_id)
    if exercise is None or isinstance(exercise, FunctionExercise):
        raise ValueError(f"{exercise_id!r} is not a value exercise")
    feedback = check(exercise_id, answer)
    if exercise.parts is None or feedback.status in ("unanswered", "not_run", "wrong_type"):
        return (float(exercise.points) if feedback.correct else 0.0), [Part("the answer", feedback.correct)]
    try:
        value = exercise.normalise(answer)
    except Exception:  # noqa: BLE001
        return 0.0, [Part("the answer", False)]
    parts = _safe_parts(exercise, value)
    total = sum(p.weight for p in parts)
    return share_points(exercise.points, sum(p.weight for p in parts if p.passed), total), parts


def grade_answer(exercise_id: str, answer: Any) -> float:
    """The points an answer earns (a hidden test's last expression: nbgrader takes it as partial credit).

    Parameters
    ----------
    exercise_id : str
    answer : Any

    Returns
    -------
    float
        Between 0 and the exercise's points.
    """
    return score_answer(exercise_id, answer)[0]


# --------------------------------------------------------------------------
# Function exercises


def _short(value: Any, limit: int = 160) -> str:
    """A short repr for feedback."""
    import reprlib

    r = reprlib.Repr()
    r.maxstring, r.maxother, r.maxlist, r.maxtuple, r.maxdict = limit, limit, 8, 8, 6
    text = r.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def outputs_match(exercise: FunctionExercise, got: Any, expected: Any) -> bool:
    """True when a returned value equals the expected one after the exercise's normaliser."""
    if got is Ellipsis:
        return False
    try:
        return bool(exercise.normalise(got) == exercise.normalise(expected))
    except Exception:  # noqa: BLE001 - a value the normaliser cannot read is not a match
        return False


def run_case(exercise: FunctionExercise, function: Callable[..., Any], case: Case) -> CaseResult:
    """Call ``function`` on a copy of one case's arguments and compare what it returns.

    Parameters
    ----------
    exercise : FunctionExercise
    function : Callable
        The student's function.
    case : Case

    Returns
    -------
    CaseResult
    """
    import copy

    try:
        got = function(*copy.deepcopy(tuple(case.args)))
    except Exception as exc:  # noqa: BLE001 - the student's error is feedback, not a crash
        return CaseResult(case.kind, False, None, f"{type(exc).__name__}: {exc}"[:200])
    return CaseResult(case.kind, outputs_match(exercise, got, case.expected), got)


def _still_a_stub(results: list[CaseResult]) -> bool:
    return any(r.got is Ellipsis or "ellipsis" in r.error.lower() for r in results)


def check_function(exercise: FunctionExercise, function: Any) -> Feedback:
    """Check a function answer on the exercise's visible cases. Never raises.

    Parameters
    ----------
    exercise : FunctionExercise
    function : Any
        The student's function (``...``, :data:`NOT_DEFINED` or anything
        else is answered as for a value exercise).

    Returns
    -------
    Feedback
        On a failed case: its kind, the call, the expected value and what
        the function returned (these cases are visible to the student).
    """
    name = exercise.function
    if function is Ellipsis:
        return Feedback(exercise.id, "unanswered", f"write the function `{exercise.signature}` in the answer "
                        "cell, run that cell, then this one.", exercise.title)
    if _is_not_defined(function):
        return not_run_feedback(exercise.id)
    if not callable(function):
        return Feedback(exercise.id, "wrong_type", f"expected a function: define it with `def {name}(...):`; "
                        f"you gave {describe_type(function)}.", exercise.title)
    results = [run_case(exercise, function, case) for case in exercise.visible]
    if _still_a_stub(results):
        return Feedback(exercise.id, "unanswered", f"`{name}` still returns (or uses) the `...` it was handed out "
                        "with: replace each `...` with your code, run that cell, then this one.", exercise.title)
    n_ok = sum(r.passed for r in results)
    if n_ok == len(results):
        return Feedback(exercise.id, "correct", f"{exercise.success} (All {len(results)} example cases pass; the "
                        "grade also runs held-back cases of the same kinds.)", exercise.title)
    lines = []
    for case, r in zip(exercise.visible, results):
        if r.passed:
            continue
        call = f"{name}({', '.join(_short(a, 80) for a in case.args)})"
        did = f"raised {r.error}" if r.error else f"returned {_short(r.got)}"
        question = exercise.kind_hints.get(case.kind, exercise.hint)
        lines.append(f"{case.kind}: `{call}` should return {_short(case.expected)} but {did}. {question}")
    return Feedback(exercise.id, "wrong", f"{n_ok} of {len(results)} example cases pass. " + " ".join(lines[:2]),
                    exercise.title)


def function_points(exercise: FunctionExercise, results: list[CaseResult]) -> float:
    """Points for the held-back cases passed: the exercise's points times the share passed."""
    return share_points(exercise.points, sum(r.passed for r in results), len(results))


def function_feedback(exercise_id: str, results: list[CaseResult]) -> tuple[str, str, list[dict]]:
    """What a grade says about a function on held-back cases (for the grader's feedback page).

    Names the kinds of case that failed and the errors raised, never a
    held-back input or its expected value.

    Parameters
    ----------
    exercise_id : str
    results : list of CaseResult
        One per held-back case, in order.

    Returns
    -------
    tuple of (str, str, list of dict)
        The status (``"correct"`` when every case passed, else ``"wrong"``),
        the message, and one part per kind of case:
        ``{"label", "passed", "points", "max_points"}``.
    """
    exercise = get_exercise(exercise_id)
    if not isinstance(exercise, FunctionExercise):
        raise ValueError(f"{exercise_id!r} is not a function exercise")
    total = len(results)
    kinds: dict[str, list[CaseResult]] = {}
    for r in results:
        kinds.setdefault(r.kind, []).append(r)
    parts = []
    for kind, rs in kinds.items():
        ok = sum(r.passed for r in rs)
        parts.append({"label": f"{kind} ({ok} of {len(rs)} cases)", "passed": ok == len(rs),
                      "points": share_points(exercise.points, ok, total),
                      "max_points": share_points(exercise.points, len(rs), total)})
    n_ok = sum(r.passed for r in results)
    if total and n_ok == total:
        return "correct", f"All {total} held-back cases pass. {exercise.success}", parts
    if _still_a_stub(results):
        return "unanswered", f"`{exercise.function}` still returns (or uses) the `...` it was handed out with.", parts
    failed = []
    for kind, rs in kinds.items():
        bad = [r for r in rs if not r.passed]
        if not bad:
            continue
        errors = sorted({r.error.split(":")[0] for r in bad if r.error})
        raised = f" (raised {', '.join(errors)})" if errors else ""
        failed.append(f"{kind}: {len(rs) - len(bad)} of {len(rs)} pass{raised}. "
                      f"{exercise.kind_hints.get(kind, exercise.hint)}")
    return "wrong", f"{n_ok} of {total} held-back cases pass. " + " ".join(failed[:4]), parts


def grade_function(exercise_id: str, function: Any, cases: list[Case]) -> float:
    """Call a student's function on held-back cases; return the points earned.

    This is the hidden test of a function exercise, as the cell's last
    expression (nbgrader takes the number as partial credit). The grader of
    :mod:`course.grading` reads the cases from the test's source and never
    runs this in the student's process.

    Parameters
    ----------
    exercise_id : str
    function : Callable
        The student's function.
    cases : list of Case

    Returns
    -------
    float
        The exercise's points times the share of cases passed.
    """
    exercise = get_exercise(exercise_id)
    if not isinstance(exercise, FunctionExercise):
        raise ValueError(f"{exercise_id!r} is not a function exercise")
    if not callable(function):
        return 0.0
    return function_points(exercise, [run_case(exercise, function, c) for c in cases])


def _end(sentence: str) -> str:
    """End a sentence with a full stop unless it ends with a question mark."""
    return sentence if sentence.endswith("?") else sentence + "."


def not_run_feedback(exercise_id: str, error: str | None = None) -> Feedback:
    """The feedback for an answer variable that is not defined.

    Parameters
    ----------
    exercise_id : str
        The exercise id.
    error : str, optional
        The error the answer cell stopped with, e.g.
        ``"KeyError: 'sectie'"``, when it is known (the grader knows it).

    Returns
    -------
    Feedback
        Status ``"not_run"``; the message says the answer cell did not run or
        raised an error, never "not answered yet".
    """
    exercise = get_exercise(exercise_id)
    if exercise is None:
        return check(exercise_id, None)
    what = f"it stopped with an error ({error})" if error else "it stopped with an error"
    return Feedback(
        exercise.id,
        "not_run",
        f"`{exercise.variable}` is not defined: its answer cell did not run, or {what} before it "
        "assigned the answer. Run the answer cell, fix the error it shows, then run the check.",
        exercise.title,
    )


def feedback_text(exercise_id: str, answer: Any) -> tuple[str, str]:
    """The status and message :func:`check` gives, as plain text (for the grader's feedback page).

    Parameters
    ----------
    exercise_id : str
        The exercise id.
    answer : Any
        The student's value as the grader decoded it: plain data (list,
        tuple, dict, str, numbers, ``...``), pandas objects rebuilt from data,
        :data:`NOT_DEFINED` or the grader's ``Missing`` for a variable that
        was never defined, or its ``Opaque`` stand-in (with ``type_name``)
        for a value it could not read.

    Returns
    -------
    tuple of (str, str)
        One of :data:`STATUSES`, and the message the notebook's check cell
        shows for the same value. It never shows the expected answer.
    """
    feedback = check(exercise_id, answer)
    return feedback.status, feedback.message


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


_ANSWER_NAME = re.compile(r"answer_(\d+)_(\d+)")


def _missing_answer(error: BaseException) -> str | None:
    """The exercise id when ``error`` is a NameError of a known exercise's answer variable."""
    name = getattr(error, "name", None) or ""
    match = _ANSWER_NAME.fullmatch(name)
    if not isinstance(error, NameError):
        return None
    if match is None:
        from .exercises import load_all

        return next((e.id for e in load_all().values() if isinstance(e, FunctionExercise) and e.function == name),
                    None)
    exercise_id = f"{int(match[1])}.{int(match[2])}"
    return exercise_id if get_exercise(exercise_id) is not None else None


def _on_name_error(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> None:
    """IPython handler: a missing answer variable shows its feedback box; any other NameError its traceback."""
    exercise_id = _missing_answer(value)
    if exercise_id is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=True)
        return None
    from IPython.display import display

    display(not_run_feedback(exercise_id))
    shell._showtraceback(etype, value, [f"NameError: name {getattr(value, 'name', '')!r} is not defined"])
    return None


def _install_name_error_handler() -> bool:
    """In IPython or Jupyter, route a NameError of an answer variable to :func:`not_run_feedback`.

    Returns
    -------
    bool
        True when the handler is (now) installed; False outside IPython, or
        when another custom exception handler is already set.
    """
    shell = sys.modules.get("IPython")
    shell = getattr(shell, "get_ipython", lambda: None)() if shell else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    current = getattr(shell, "custom_exceptions", ())
    if current == (NameError,) and getattr(shell, "_course_name_error", False):
        return True
    if current:
        return False
    shell.set_custom_exc((NameError,), _on_name_error)
    shell._course_name_error = True
    return True


_install_name_error_handler()


def _main(argv: list[str]) -> int:
    """``python -m course.lesson.checks ID JSON_VALUE``: print the digest of a reference answer."""
    if len(argv) != 2:
        print("usage: python -m course.lesson.checks EXERCISE_ID JSON_VALUE", file=sys.stderr)
        return 2
    exercise = get_exercise(argv[0])
    value = json.loads(argv[1])
    normalised = exercise.normalise(value) if exercise else value
    print(digest(argv[0], normalised))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
