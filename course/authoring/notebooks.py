"""Build lesson notebooks from their text sources, with exercise metadata.

Course authors write each lesson as a plain-text *percent* file in
``notebooks/src/NN-name.py`` (readable diffs, easy review) and run
``course build`` (or ``make notebooks``) to turn it into
``notebooks/NN-name.ipynb``, executed, with outputs stored for nbval.
A test fails when an ``.ipynb`` is out of date with its source.

Cell markers (one per line, starting a new cell)
------------------------------------------------
``# %% [markdown]``
    A markdown cell; each following line starts with ``# `` (or is ``#``).
``# %%``
    An ordinary code cell.
``# %% answer 1.2``
    The answer cell of exercise 1.2: a stub line, then the solution between
    ``### BEGIN SOLUTION`` and ``### END SOLUTION``::

        answer_1_2 = ...  # your answer here
        ### BEGIN SOLUTION
        answer_1_2 = len(article.paragraphs)
        ### END SOLUTION

    The student release drops the solution region and keeps the stub, so a
    student notebook runs top to bottom.
``# %% check 1.2``
    The instant check cell (locked): ``check("1.2", answer_1_2)``.
``# %% tests 1.2``
    The graded test cell (locked, points taken from the exercise
    definition in ``course/lesson/exercises/``): a docstring saying what it checks,
    then ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``.
``# %% [markdown] prose 1.5 points=2``
    A prose answer graded by hand (nbgrader "manually graded answer").
``tags=a,b``
    May follow any marker to add cell tags (e.g. ``tags=teacher``).

nbgrader metadata written (schema 3, as nbgrader 0.9 reads it)
---------------------------------------------------------------
=========  =========================================================================
answer     ``solution: true, grade: false, locked: false, grade_id: answer_1_2``
check      ``solution: false, grade: false, locked: true, grade_id: check_1_2``
tests      ``solution: false, grade: true, locked: true, grade_id: test_1_2, points``
prose      ``solution: true, grade: true, locked: false, grade_id: prose_1_5, points``
=========  =========================================================================

Every such cell also carries ``metadata.course = {"exercise": id, "role": kind}``
and the tag of its role, which the release and the grader read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Roles of exercise cells.
ROLES = ("answer", "check", "tests", "prose")

_MARKER = re.compile(
    r"^# %%(?:\s+\[(?P<type>markdown)\])?(?:\s+(?P<role>answer|check|tests|prose)\s+(?P<ex>\d+\.\d+))?"
    r"(?P<opts>(?:\s+\w+=\S+)*)\s*$"
)


class NotebookSourceError(ValueError):
    """A notebook source file is malformed; the message names file and line."""


@dataclass
class CellSource:
    """One cell parsed from a percent source.

    Attributes
    ----------
    cell_type : str
        ``"code"`` or ``"markdown"``.
    source : str
        Cell text.
    role : str or None
        Exercise role (see :data:`ROLES`) or None.
    exercise : str or None
        Exercise id for exercise cells.
    options : dict
        ``key=value`` options from the marker (``points``, ``tags``).
    line : int
        Line of the marker in the source file.
    """

    cell_type: str
    source: str
    role: str | None = None
    exercise: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    line: int = 1


def parse_percent(text: str, name: str = "<source>") -> list[CellSource]:
    """Parse a percent-format lesson source into cells.

    Parameters
    ----------
    text : str
        The source file's text.
    name : str
        File name for error messages.

    Returns
    -------
    list of CellSource

    Raises
    ------
    NotebookSourceError
        For a malformed marker, a markdown line without ``#``, or an
        exercise cell whose kind and cell type do not fit.
    """
    cells: list[CellSource] = []
    current: CellSource | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is None:
            return
        if current.cell_type == "markdown":
            body = []
            for offset, ln in enumerate(lines, start=current.line + 1):
                if ln.strip() == "":
                    body.append("")
                elif ln == "#" or ln.startswith("# "):
                    body.append(ln[2:])
                else:
                    raise NotebookSourceError(f"{name}, line {offset}: markdown lines must start with '# '")
            current.source = "\n".join(body).strip("\n")
        else:
            current.source = "\n".join(lines).strip("\n")
        cells.append(current)

    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("# %%"):
            m = _MARKER.match(line)
            if not m:
                raise NotebookSourceError(f"{name}, line {number}: cannot read cell marker {line!r}")
            flush()
            opts = dict(o.split("=", 1) for o in m.group("opts").split())
            cell_type = "markdown" if m.group("type") else "code"
            role = m.group("role")
            if role == "prose" and cell_type != "markdown":
                raise NotebookSourceError(f"{name}, line {number}: a prose answer must be a markdown cell")
            if role in ("answer", "check", "tests") and cell_type != "code":
                raise NotebookSourceError(f"{name}, line {number}: an {role} cell must be a code cell")
            current = CellSource(cell_type, "", role, m.group("ex"), opts, number)
            lines = []
        elif current is None:
            if line.strip():
                raise NotebookSourceError(f"{name}, line {number}: text before the first '# %%' marker")
        else:
            lines.append(line)
    flush()
    return cells


def _cell_id(cell: CellSource, used: set[str]) -> str:
    """A stable id: the exercise role and id, or a hash of the source."""
    if cell.role:
        base = f"{cell.role}-{cell.exercise.replace('.', '-')}"
    else:
        base = hashlib.sha1(cell.source.encode("utf-8")).hexdigest()[:10]
    cid, n = base, 1
    while cid in used:
        n += 1
        cid = f"{base}-{n}"
    used.add(cid)
    return cid


def nbgrader_metadata(role: str, exercise: str, points: int | None) -> dict[str, Any]:
    """Return nbgrader (schema 3) cell metadata for an exercise cell.

    Parameters
    ----------
    role : str
        One of :data:`ROLES`.
    exercise : str
        Exercise id, e.g. ``"1.2"``.
    points : int or None
        Points for ``tests`` and ``prose`` cells.

    Returns
    -------
    dict
    """
    grade_id = f"{'test' if role == 'tests' else role}_{exercise.replace('.', '_')}"
    meta: dict[str, Any] = {
        "grade": role in ("tests", "prose"),
        "grade_id": grade_id,
        "locked": role in ("check", "tests"),
        "schema_version": 3,
        "solution": role in ("answer", "prose"),
        "task": False,
    }
    if role in ("tests", "prose"):
        meta["points"] = points
    return meta


def build_notebook(cells: list[CellSource], name: str = "<source>") -> Any:
    """Turn parsed cells into an nbformat 4.5 notebook (not executed).

    Parameters
    ----------
    cells : list of CellSource
    name : str
        File name for error messages.

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    NotebookSourceError
        When a ``tests`` cell names an exercise that is not defined in
        ``course/lesson/exercises/``, or a prose cell has no ``points=``.
    """
    import nbformat

    from ..lesson.checks import get_exercise

    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    used: set[str] = set()
    for cell in cells:
        if cell.cell_type == "markdown":
            nbcell = nbformat.v4.new_markdown_cell(cell.source)
        else:
            nbcell = nbformat.v4.new_code_cell(cell.source)
        nbcell.id = _cell_id(cell, used)
        tags = [t for t in cell.options.get("tags", "").split(",") if t]
        if cell.role:
            points = None
            if cell.role == "tests":
                exercise = get_exercise(cell.exercise)
                if exercise is None:
                    raise NotebookSourceError(
                        f"{name}, line {cell.line}: exercise {cell.exercise} is not defined in course/lesson/exercises/"
                    )
                points = exercise.points
            elif cell.role == "prose":
                if "points" not in cell.options:
                    raise NotebookSourceError(f"{name}, line {cell.line}: a prose cell needs points=N")
                points = int(cell.options["points"])
            nbcell.metadata["nbgrader"] = nbgrader_metadata(cell.role, cell.exercise, points)
            nbcell.metadata["course"] = {"exercise": cell.exercise, "role": cell.role}
            if cell.role in ("check", "tests"):
                nbcell.metadata["editable"] = False
                nbcell.metadata["deletable"] = False
            tags = [cell.role, *tags]
        if tags:
            nbcell.metadata["tags"] = tags
        nb.cells.append(nbcell)
    return nb


def execute_notebook(nb: Any, cwd: str | Path, timeout: int = 300) -> Any:
    """Run a notebook top to bottom in a fresh kernel of this Python.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook (modified in place).
    cwd : str or Path
        Working folder of the kernel (the ``notebooks/`` folder).
    timeout : int
        Seconds per cell.

    Returns
    -------
    nbformat.NotebookNode
        The notebook with outputs; timing metadata is not recorded, so the
        stored file only changes when an output does.
    """
    from nbclient import NotebookClient

    km = current_env_kernel_manager()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        km=km,
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    try:
        client.execute()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    return nb


def current_env_kernel_manager() -> Any:
    """A kernel manager whose ``python3`` kernel is always this Python.

    A ``python3`` kernelspec in the user's Jupyter folder would otherwise win
    over the project's virtual environment, and notebooks would run in
    another Python with other packages (nbval's ``--nbval-current-env`` does
    the same for the tests).

    Returns
    -------
    jupyter_client.KernelManager
    """
    import ipykernel.kernelspec
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class _CurrentEnv(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> Any:
            if kernel_name == "python3":
                return self.kernel_spec_class(
                    resource_dir=ipykernel.kernelspec.RESOURCES, **ipykernel.kernelspec.get_kernel_dict()
                )
            return super().get_kernel_spec(kernel_name)

    return KernelManager(kernel_name="python3", kernel_spec_manager=_CurrentEnv())


def source_for(ipynb: Path) -> Path:
    """The percent source of a lesson notebook (``notebooks/src/<stem>.py``)."""
    return ipynb.parent / "src" / f"{ipynb.stem}.py"


def build_file(src: Path, out: Path | None = None, execute: bool = True) -> Path:
    """Build (and by default execute) one lesson notebook from its source.

    Parameters
    ----------
    src : Path
        ``notebooks/src/NN-name.py``.
    out : Path, optional
        Where to write; by default ``notebooks/NN-name.ipynb``.
    execute : bool
        Run it and store outputs (needed for nbval).

    Returns
    -------
    Path
        The written notebook.
    """
    import nbformat

    out = out or src.parent.parent / f"{src.stem}.ipynb"
    nb = build_notebook(parse_percent(src.read_text(encoding="utf-8"), str(src)), str(src))
    if execute:
        execute_notebook(nb, out.parent)
    nbformat.validate(nb)
    tmp = out.with_suffix(".ipynb.tmp")
    tmp.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


def sources_match(ipynb: Path) -> list[str]:
    """Compare a stored notebook with its percent source.

    Returns
    -------
    list of str
        One line per difference (empty when the notebook is up to date).
    """
    import nbformat

    src = source_for(ipynb)
    if not src.exists():
        return [f"{ipynb.name}: no source {src}"]
    built = build_notebook(parse_percent(src.read_text(encoding="utf-8"), str(src)), str(src))
    stored = nbformat.read(ipynb, as_version=4)
    problems = []
    if len(built.cells) != len(stored.cells):
        problems.append(f"{ipynb.name}: {len(stored.cells)} cells stored, {len(built.cells)} in the source")
    for i, (a, b) in enumerate(zip(built.cells, stored.cells), start=1):
        if a.source != b.source or a.cell_type != b.cell_type:
            problems.append(f"{ipynb.name}: cell {i} differs from the source")
        elif a.metadata != b.metadata:
            problems.append(f"{ipynb.name}: cell {i} metadata differs from the source")
    return problems
