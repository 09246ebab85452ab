"""Exercise definitions, one module per lesson (``lesson00.py``, ``lesson01.py`` ...).

Each module defines ``EXERCISES``: a list of :class:`course.lesson.checks.Exercise`,
usually built with :func:`make_exercise`. Reference answers appear here only
as digests (see :mod:`course.lesson.checks`); common *wrong* answers are written in
plain text, since showing a wrong answer gives nothing away.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..checks import AnswerType, Case, Exercise, FunctionExercise, Part, digest


def make_exercise(
    id: str,
    title: str,
    points: int,
    answer_type: AnswerType,
    normalise: Callable[[Any], Any],
    answer_digest: str,
    hint: str,
    success: str,
    wrong: Iterable[tuple[Any, str]] = (),
    judge: Callable[[Any], str | None] | None = None,
    parts: Callable[[Any], list[Part]] | None = None,
) -> Exercise:
    """Build an :class:`Exercise`, digesting the plain common wrong answers.

    Parameters
    ----------
    wrong : iterable of (value, hint)
        Common wrong answers as the student would type them, each with the
        question it should get.

    Other parameters are the fields of :class:`course.lesson.checks.Exercise`.
    """
    wrong_digests = {digest(id, normalise(value)): text for value, text in wrong}
    if answer_digest and answer_digest in wrong_digests:
        raise ValueError(f"exercise {id}: a 'wrong' answer normalises to the reference answer")
    if not answer_digest and parts is None:
        raise ValueError(f"exercise {id}: without parts, an exercise needs the digest of its answer")
    return Exercise(id, title, points, answer_type, normalise, answer_digest, hint, success, wrong_digests, judge,
                    parts)


def _identity(value: Any) -> Any:
    return value


def _plain(value: Any, where: str) -> None:
    """Raise unless ``value`` is plain data (what crosses the grader's channel)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _plain(item, where)
        return
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        for item in value.values():
            _plain(item, where)
        return
    raise ValueError(f"{where}: {type(value).__name__} is not plain data (text, numbers, lists, dicts)")


def make_function_exercise(
    id: str,
    title: str,
    points: int,
    function: str,
    signature: str,
    visible: Iterable[Case],
    hint: str,
    success: str,
    normalise: Callable[[Any], Any] = _identity,
    kind_hints: dict[str, str] | None = None,
) -> FunctionExercise:
    """Build a :class:`~course.lesson.checks.FunctionExercise`: the student writes ``function``.

    Parameters
    ----------
    visible : iterable of Case
        The cases ``check()`` runs and shows (two to four); the held-back
        cases live only in the instructor notebook's hidden test.
    normalise : Callable, optional
        Applied to the returned and the expected value before comparing
        (default: compare as they are).
    kind_hints : dict, optional
        Case kind -> the question to ask when a case of that kind fails.

    Other parameters are the fields of :class:`~course.lesson.checks.FunctionExercise`.

    Raises
    ------
    ValueError
        For a function name that is not an identifier, no visible case, or
        a case that is not plain data.
    """
    cases = tuple(visible)
    if not function.isidentifier():
        raise ValueError(f"exercise {id}: {function!r} is not a function name")
    if not cases:
        raise ValueError(f"exercise {id}: a function exercise needs at least one visible case")
    for k, case in enumerate(cases):
        _plain(list(case.args), f"exercise {id}, visible case {k + 1}")
        _plain(case.expected, f"exercise {id}, visible case {k + 1}")
    return FunctionExercise(id, title, points, function, signature, cases, normalise, hint, success,
                            dict(kind_hints or {}))


@lru_cache(maxsize=1)
def load_all() -> dict[str, Exercise | FunctionExercise]:
    """Import every lesson module and return its exercises by id.

    Raises
    ------
    ValueError
        When two exercises share an id.
    """
    found: dict[str, Exercise | FunctionExercise] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for exercise in getattr(module, "EXERCISES", []):
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id} is defined twice ({info.name})")
            found[exercise.id] = exercise
    return found
