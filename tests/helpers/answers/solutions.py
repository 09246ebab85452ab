"""The instructor's answer cells, read from the instructor notebooks: the one copy of each reference function.

A function exercise's reference answer is the instructor notebook's answer
cell with its solution markers taken out (the given part of a scaffold, then
the solution), exactly what an honest student's cell looks like once
filled in. ``tests/helpers/answers/lessonNN.py`` derive their wrong functions from
it (``instructor_answer("1.5").replace(...)``), so no reference is written
twice.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..paths import ROOT

NOTEBOOKS = ROOT / "notebooks"
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


@lru_cache(maxsize=None)
def _answer_cells() -> dict[str, str]:
    cells = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("course", {})
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if meta.get("role") == "answer" and MARKERS[0] in source:
                cells[meta["exercise"]] = source
    return cells


def instructor_answer(exercise: str) -> str:
    """The instructor's answer cell of ``exercise`` without its solution markers.

    The stub's own ``def`` (the handed-out version) is dropped: the solution
    redefines the function, so only the given lines before it are kept.

    Raises
    ------
    KeyError
        When no instructor notebook has an answer cell with a solution for it.
    """
    source = _answer_cells()[exercise]
    given, _, rest = source.partition(MARKERS[0] + "\n")
    solution = rest.split(MARKERS[1], 1)[0]
    name = solution.split("def ", 1)[1].split("(", 1)[0] if "def " in solution else None
    if name and f"def {name}(" in given:
        given = given.split(f"def {name}(", 1)[0]   # the constants and imports the scaffold gives
    return given + solution
