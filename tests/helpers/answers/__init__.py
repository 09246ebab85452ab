"""Reference answers and common wrong answers of every auto-checked exercise.

Teacher material: never part of a student release. One module per lesson,
``lessonNN.py``, each defining four dicts keyed by exercise id:

``REFERENCE``
    The reference answer.
``ALSO_RIGHT``
    Other spellings of the right answer that must pass.
``WRONG``
    A list of ``(wrong answer, phrase its hint must contain)``.
``WRONG_TYPE``
    Values of the wrong type, which must get a "expected ..." message.
``FUNCTIONS``
    For a function exercise: ``{"reference": instructor_answer(id), "wrong": [(source,
    phrase), ...]}``; the reference gets full points, each wrong source
    fails a visible case with ``phrase`` in check()'s message.

``tests/test_checks.py`` merges them and fails when a defined exercise has
no entry here.
"""

from __future__ import annotations

import importlib
import pkgutil

REFERENCE: dict = {}
ALSO_RIGHT: dict = {}
WRONG: dict = {}
WRONG_TYPE: dict = {}
FUNCTIONS: dict = {}

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name, _merged in (("REFERENCE", REFERENCE), ("ALSO_RIGHT", ALSO_RIGHT), ("WRONG", WRONG), ("WRONG_TYPE", WRONG_TYPE),
                          ("FUNCTIONS", FUNCTIONS)):
        _part = getattr(_module, _name, {})
        assert not set(_part) & set(_merged), f"{_info.name}: exercise ids defined twice"
        _merged.update(_part)
