"""Lesson notebooks: up to date with their sources, exercise anatomy, nbgrader metadata.

nbval itself runs every notebook (``make test`` passes ``--nbval``); these
tests check what nbval cannot see.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.paths import ROOT
from course import list_exercises
from course.lesson.checks import FunctionExercise, get_exercise
from course.grading.lessons import function_test
from course.authoring.notebooks import (
    NotebookSourceError,
    build_notebook,
    nbgrader_metadata,
    parse_percent,
    sources_match,
)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SOURCES = sorted((ROOT / "notebooks" / "src").glob("*.py"))


def test_every_source_has_a_notebook_and_back():
    assert [p.stem for p in NOTEBOOKS] == [p.stem for p in SOURCES]
    assert NOTEBOOKS, "no lesson notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_built_from_its_source(path):
    assert sources_match(path) == [], "run `make notebooks` and commit the result"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_anatomy(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for required in ("**Learning goals.**", "**Time:**", "## Key points", "## Discussion"):
        assert required in markdown, required
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.source.startswith("from course import "), "one setup cell: from course import ..."
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert "pip install" not in cell.source and "sys.path" not in cell.source
            assert not any(o.get("output_type") == "error" for o in cell.outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercises_have_answer_check_and_tests(path):
    nb = nbformat.read(path, as_version=4)
    lesson = int(path.name[:2])
    roles: dict[str, list[str]] = {}
    for cell in nb.cells:
        meta = cell.metadata.get("course")
        if meta:
            roles.setdefault(meta["exercise"], []).append(meta["role"])
    defined = {e.id for e in list_exercises() if int(e.id.split(".")[0]) == lesson}
    auto = {k for k, v in roles.items() if "check" in v}
    assert auto == defined, "every defined exercise appears in its notebook, and only those"
    for exercise_id in auto:
        assert roles[exercise_id] == ["answer", "check", "tests"], exercise_id
    headings = re.findall(r"^### Exercise (\d+\.\d+) — .+ \((\d+) points?\)$", "\n".join(
        c.source for c in nb.cells if c.cell_type == "markdown"), re.M)
    points = {e.id: e.points for e in list_exercises()}
    for exercise_id, shown in headings:
        if exercise_id in points:
            assert int(shown) == points[exercise_id], f"heading of {exercise_id} shows other points"
    assert {h for h, _ in headings} >= set(roles)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_cells_follow_the_format(path):
    nb = nbformat.read(path, as_version=4)
    grade_ids = []
    for cell in nb.cells:
        meta = cell.metadata.get("course")
        if not meta:
            assert "nbgrader" not in cell.metadata
            assert "### BEGIN SOLUTION" not in cell.source and "### BEGIN HIDDEN TESTS" not in cell.source
            continue
        exercise = get_exercise(meta["exercise"]) if meta["role"] != "prose" else None
        function = exercise.function if isinstance(exercise, FunctionExercise) else ""
        var = function or "answer_" + meta["exercise"].replace(".", "_")
        nbg = cell.metadata["nbgrader"]
        grade_ids.append(nbg["grade_id"])
        assert nbg["schema_version"] == 3
        assert meta["role"] in cell.metadata["tags"]
        if meta["role"] == "answer" and function:
            # the stub: a def of the function (a scaffold may give part of its body), then the solution
            stub, _, rest = cell.source.partition("### BEGIN SOLUTION")
            assert f"def {function}(" in stub and "..." in stub, "the stub defines the function, with gaps"
            assert rest.rstrip().endswith("### END SOLUTION") and f"def {function}(" in rest
            compile(stub, "<stub>", "exec")
            assert nbg["solution"] and not nbg["grade"] and not nbg["locked"]
        elif meta["role"] == "answer":
            lines = cell.source.splitlines()
            assert lines[0] == f"{var} = ...  # your answer here"
            assert lines[1] == "### BEGIN SOLUTION" and lines[-1] == "### END SOLUTION"
            assert nbg["solution"] and not nbg["grade"] and not nbg["locked"]
        elif meta["role"] == "check":
            assert cell.source.strip() == f'check("{meta["exercise"]}", {var})'
            assert nbg["locked"] and not nbg["grade"] and not nbg["solution"]
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert text.startswith(f"[correct] Exercise {meta['exercise']}"), "instructor answer must pass"
        elif meta["role"] == "tests":
            assert cell.source.startswith('"""'), "a graded test cell opens with a docstring"
            assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source
            assert nbg["grade"] and nbg["locked"] and nbg["points"] >= 1
            if function:
                assert f'grade_function("{meta["exercise"]}", {function},' in cell.source
                assert function_test(cell.source, path.name)[1] == function
    assert len(grade_ids) == len(set(grade_ids))
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))


def test_percent_parser_reports_bad_markers():
    with pytest.raises(NotebookSourceError, match="line 3"):
        parse_percent("# %%\nx = 1\n# %% answr 1.1\n", "x.py")
    with pytest.raises(NotebookSourceError, match="markdown lines must start"):
        parse_percent("# %% [markdown]\nnot a comment\n", "x.py")
    with pytest.raises(NotebookSourceError, match="must be a code cell"):
        parse_percent("# %% [markdown] answer 1.1\n# text\n", "x.py")


def test_tests_cell_needs_a_defined_exercise():
    cells = parse_percent("# %% tests 9.9\nassert True\n", "x.py")
    with pytest.raises(NotebookSourceError, match="exercise 9.9 is not defined"):
        build_notebook(cells, "x.py")


def test_prose_cells_get_manual_grading_metadata():
    cells = parse_percent("# %% [markdown] prose 1.5 points=2 tags=teacher\n# Your answer\n", "x.py")
    nb = build_notebook(cells, "x.py")
    cell = nb.cells[0]
    assert cell.metadata["nbgrader"] == nbgrader_metadata("prose", "1.5", 2)
    assert cell.metadata["nbgrader"]["solution"] and cell.metadata["nbgrader"]["grade"]
    assert cell.metadata["tags"] == ["prose", "teacher"]
