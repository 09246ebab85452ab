"""Exercise definitions, one module per lesson (``lesson00.py``, ``lesson01.py`` ...).

Each module defines ``EXERCISES``: a list of :class:`course.checks.Exercise`,
usually built with :func:`make_exercise`. Reference answers appear here only
as digests (see :mod:`course.checks`); common *wrong* answers are written in
plain text, since showing a wrong answer gives nothing away.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Any, Callable, Iterable

from ..checks import AnswerType, Exercise, digest


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
) -> Exercise:
    """Build an :class:`Exercise`, digesting the plain common wrong answers.

    Parameters
    ----------
    wrong : iterable of (value, hint)
        Common wrong answers as the student would type them, each with the
        question it should get.

    Other parameters are the fields of :class:`course.checks.Exercise`.
    """
    wrong_digests = {digest(id, normalise(value)): text for value, text in wrong}
    if answer_digest in wrong_digests:
        raise ValueError(f"exercise {id}: a 'wrong' answer normalises to the reference answer")
    return Exercise(id, title, points, answer_type, normalise, answer_digest, hint, success, wrong_digests, judge)


@lru_cache(maxsize=1)
def load_all() -> dict[str, Exercise]:
    """Import every lesson module and return its exercises by id.

    Raises
    ------
    ValueError
        When two exercises share an id.
    """
    found: dict[str, Exercise] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("lesson"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for exercise in getattr(module, "EXERCISES", []):
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id} is defined twice ({info.name})")
            found[exercise.id] = exercise
    return found
