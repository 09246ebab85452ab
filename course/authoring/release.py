"""Student and teacher editions of the lesson notebooks (``course release``).

From each instructor notebook ``notebooks/NN-name.ipynb``:

*student edition* (``<out>/student/``)
    - answer cells keep their stub line (``answer_1_2 = ...  # your answer
      here``); the ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region is
      removed, in code and in prose (markdown) answer cells;
    - graded test cells keep only a comment saying what they check; the
      ``### BEGIN HIDDEN TESTS`` region is removed (grading always takes the
      tests from the instructor notebook, never from a submission);
    - cells tagged ``teacher`` (rubrics, reference codings) are removed;
    - outputs, execution counts and attachments are cleared;
    - locked cells (checks, tests) get ``metadata.course.checksum``, a
      SHA-256 of their source, so a grader can tell when one was edited;
    - nbgrader metadata is kept.

*student bundle* (also ``<out>/student/``, see :mod:`course.authoring.bundle`)
    Next to the student notebooks, what a student needs to run them outside
    the repository: a wheel of the course library with the article and the
    data inside (no notebooks, tests or answers), ``requirements.txt`` with
    exact pins, ``environment.yml`` (conda, Binder), ``README.md`` and
    ``.gitignore`` (push the folder as a git repository for nbgitpuller).

*teacher edition* (``<out>/teacher/``)
    The instructor notebook as it is: solutions, hidden tests, rubrics and
    outputs.

:func:`find_leaks` then inspects every student notebook, and the release
refuses to build (:class:`ReleaseError`) when one still holds a solution or
hidden-test marker, a line of a solution or hidden test, a teacher cell, an
output, an attachment, or any extra forbidden text given by the caller
(e.g. the reference answers of ``tests/helpers/answers``); :func:`find_bundle_leaks`
does the same for the wheel (no notebook, test or answer file, and none of
that text).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Iterable

from .bundle import BundleSettings, default_settings, read_project, wheel_files, write_bundle
from .transforms import HIDDEN, SOLUTION, TEACHER_TAG, ReleaseError, strip_region, student_notebook

__all__ = ["ReleaseError", "find_bundle_leaks", "find_leaks", "method_lines", "release", "student_notebook"]


def find_leaks(nb: Any, secrets: Iterable[str] = (), name: str = "<notebook>") -> list[str]:
    """List what a student notebook must not contain.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A student notebook.
    secrets : iterable of str
        Text that must not appear anywhere in it (solution lines, reference answers).
    name : str
        Used in the messages.

    Returns
    -------
    list of str
        One line per leak, naming the notebook and the cell; empty when clean.
    """
    leaks = []
    secrets = [s for s in secrets if s]
    for i, cell in enumerate(nb.cells, start=1):
        where = f"{name}, cell {i}"
        text = cell.source
        for marker in (*SOLUTION, *HIDDEN):
            if marker in text:
                leaks.append(f"{where}: still holds '{marker}'")
        if TEACHER_TAG in cell.metadata.get("tags", []):
            leaks.append(f"{where}: a cell tagged '{TEACHER_TAG}' is still there")
        if cell.get("outputs"):
            leaks.append(f"{where}: has outputs")
        if cell.get("attachments"):
            leaks.append(f"{where}: has attachments")
        for secret in secrets:
            if secret in text:
                leaks.append(f"{where}: contains instructor-only text {secret[:60]!r}")
    return leaks


def find_bundle_leaks(files: dict[str, bytes], secrets: Iterable[str] = (), name: str = "<wheel>") -> list[str]:
    """List what the student wheel must not contain.

    Parameters
    ----------
    files : dict
        Archive name -> bytes (:func:`course.authoring.bundle.wheel_files`).
    secrets : iterable of str
        Text no file may contain (solution and hidden-test lines, reference answers).
    name : str
        Used in the messages.

    Returns
    -------
    list of str
        One line per leak; empty when clean.
    """
    leaks = []
    # Only lines with some words in them: a table rule or a lone bracket is no secret.
    secrets = [s for s in set(secrets) if len(re.findall(r"\w", s)) >= 6]
    for arcname, data in sorted(files.items()):
        parts = arcname.split("/")
        if arcname.endswith(".ipynb") or {"notebooks", "tests", "answers"} & set(parts[:-1]):
            leaks.append(f"{name}: holds {arcname}, which is instructor material")
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        for secret in secrets:
            if secret in text:
                leaks.append(f"{name}: {arcname} contains instructor-only text {secret[:60]!r}")
    return leaks


def method_lines(nb: Any) -> set[str]:
    """The lines of the solutions that write a function (``def ...``): the method, not an answer.

    A function exercise's solution re-implements a method the course
    library itself ships (ROUGE, kappa, sentence splitting), so its lines
    may coincide with the library's; the wheel is not searched for them.
    The student notebook still is, and hidden tests are always searched.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An instructor notebook.

    Returns
    -------
    set of str
        Stripped lines of solution regions that define a function.
    """
    found: set[str] = set()
    for cell in nb.cells:
        if cell.metadata.get("course", {}).get("role") != "answer":
            continue
        _, removed = strip_region(cell.source, *SOLUTION)
        if any(line.lstrip().startswith("def ") for line in removed):
            found |= {line.strip() for line in removed}
    return found


def release(
    notebooks: str | Path,
    out: str | Path,
    forbidden: Iterable[str] = (),
    bundle: BundleSettings | None = None,
    with_bundle: bool = True,
) -> list[Path]:
    """Build the student and teacher editions of every lesson notebook.

    Parameters
    ----------
    notebooks : str or Path
        Folder of instructor notebooks (``NN-name.ipynb``).
    out : str or Path
        Output folder; ``student/`` and ``teacher/`` are (re)created in it.
    forbidden : iterable of str
        Extra text no student notebook may contain (e.g. reference answers).
    bundle : course.authoring.bundle.BundleSettings, optional
        What the student bundle is made from (default: this checkout).
    with_bundle : bool
        Write the bundle next to the student notebooks (default ``True``).

    Returns
    -------
    list of Path
        The student notebooks written.

    Raises
    ------
    ReleaseError
        When any student notebook would leak; nothing is left in ``student/``
        then, and the message lists every leak.
    """
    import nbformat

    src = Path(notebooks)
    out = Path(out)
    paths = sorted(src.glob("[0-9][0-9]-*.ipynb"))
    if not paths:
        raise ReleaseError(f"{src}: no lesson notebooks (NN-name.ipynb) found")
    forbidden = [f for f in forbidden if f]
    built: list[tuple[Path, Any]] = []
    leaks: list[str] = []
    all_secrets: list[str] = list(forbidden)
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        student, secrets = student_notebook(nb)
        leaks += find_leaks(student, [*secrets, *forbidden], path.name)
        methods = method_lines(nb)
        all_secrets += [line for line in secrets if line not in methods]
        built.append((path, student))
    wheel: dict[str, bytes] = {}
    if with_bundle:
        settings = bundle or default_settings()
        wheel = wheel_files(settings, read_project(settings))
        leaks += find_bundle_leaks(wheel, all_secrets)
    student_dir, teacher_dir = out / "student", out / "teacher"
    for folder in (student_dir, teacher_dir):
        if folder.exists():
            shutil.rmtree(folder)
    if leaks:
        raise ReleaseError("refusing to release: the student edition would leak\n  " + "\n  ".join(leaks))
    student_dir.mkdir(parents=True)
    teacher_dir.mkdir(parents=True)
    written = []
    for path, student in built:
        nbformat.validate(student)
        target = student_dir / path.name
        target.write_text(nbformat.writes(student) + "\n", encoding="utf-8")
        shutil.copyfile(path, teacher_dir / path.name)
        written.append(target)
    if with_bundle:
        write_bundle(student_dir, settings, wheel)
    return written
