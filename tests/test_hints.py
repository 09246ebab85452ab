"""Hints point to where to look or which idea to use; no hint contains the code of its solution.

A hint is every text a student can open or get before solving an
exercise: the ``<details><summary>Hint</summary>`` block of the exercise in
the notebook, and the exercise's hint, wrong-answer hints and kind hints in
``course/lesson/exercises``. The solution is the code between ``### BEGIN
SOLUTION`` and ``### END SOLUTION`` of the exercise's answer cell in the
instructor notebook.

A hint gives code away when it holds a whole line of the solution, or a
code span (between backticks) that is a piece of the solution with an
operator, a call or an index in it (``len(table[...])``, ``.iloc[0]``).
Plain names (``article.sentence_table``, ``section``) say where to look and
are allowed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course import list_exercises
from course.lesson.checks import FunctionExercise

from helpers.paths import ROOT  # noqa: E402
SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
_HINT = re.compile(r"<details>\s*<summary>\s*Hint[^<]*</summary>(.*?)</details>", re.S | re.I)
_EXERCISE = re.compile(r"#{2,4}\s*Exercise\s+(\d+\.\d+)")
_CODE_SPAN = re.compile(r"`([^`]+)`")
_CODE_SIGNS = re.compile(r"[()\[\]=]")


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def solutions_and_hints() -> dict[str, tuple[str, list[str]]]:
    """Exercise id -> (its solution code, the hints a student can read), from the instructor notebooks."""
    found: dict[str, tuple[str, list[str]]] = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        current = None
        for cell in cells:
            text = _source(cell)
            meta = cell.get("metadata", {}).get("course", {})
            if cell["cell_type"] == "markdown":
                heading = _EXERCISE.search(text)
                if heading:
                    current = heading.group(1)
                if current:
                    found.setdefault(current, ("", []))[1].extend(h.strip() for h in _HINT.findall(text))
            elif meta.get("role") == "answer" and SOLUTION[0] in text:
                code = text.split(SOLUTION[0], 1)[1].split(SOLUTION[1], 1)[0]
                hints = found.get(meta["exercise"], ("", []))[1]
                found[meta["exercise"]] = (code, hints)
    for exercise in list_exercises():
        code, hints = found.setdefault(exercise.id, ("", []))
        hints.append(exercise.hint)
        hints.extend(exercise.kind_hints.values() if isinstance(exercise, FunctionExercise)
                     else exercise.wrong.values())
    return {k: v for k, v in found.items() if v[0].strip()}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def code_given_away(code: str, hint: str) -> list[str]:
    """The pieces of ``code`` that ``hint`` spells out (empty when it gives no code away).

    Parameters
    ----------
    code : str
        The solution.
    hint : str
        One hint.

    Returns
    -------
    list of str
        Whole solution lines (15 characters or more) found in the hint, and
        code spans of the hint with an operator, call or index that are a
        piece of the solution.
    """
    squashed = _squash(code)
    given = [line.strip() for line in code.splitlines()
             if len(line.strip()) >= 15 and not line.strip().startswith("#") and _squash(line) in _squash(hint)]
    for span in _CODE_SPAN.findall(hint):
        piece = _squash(span)
        if len(piece) >= 6 and _CODE_SIGNS.search(piece) and piece in squashed:
            given.append(span)
    return given


def test_the_rule_catches_a_hint_that_gives_the_code():
    code = 'table = article.sentence_table\nanswer_1_2 = len(table[table["section"] == "Op de vlakte"])\n'
    assert code_given_away(code, 'Count the rows with `len(table[table["section"] == "Op de vlakte"])`.')
    assert code_given_away(code, "Use `table[\"section\"] == \"Op de vlakte\"`, then count?")
    assert not code_given_away(code, "Which rows of `article.sentence_table` belong to the section? How many?")
    assert not code_given_away(code, "Which function counts the rows of a table, such as `len(...)`?")


PAIRS = solutions_and_hints()


def test_every_exercise_with_a_solution_is_looked_at():
    assert len(PAIRS) >= 20


@pytest.mark.parametrize("exercise_id", sorted(PAIRS, key=lambda k: tuple(map(int, k.split(".")))))
def test_no_hint_holds_the_code_of_its_solution(exercise_id):
    code, hints = PAIRS[exercise_id]
    leaks = {hint[:80]: code_given_away(code, hint) for hint in hints}
    assert not {h: g for h, g in leaks.items() if g}, f"exercise {exercise_id}: hints give code away"
