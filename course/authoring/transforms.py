"""The one chain of notebook transforms: instructor notebook -> student edition -> handout.

Three tools turn an instructor notebook into something else, and they must
agree on what is secret:

* ``course release`` writes the student edition (:func:`student_notebook`);
* ``course grade`` compares a submission with that same student edition
  (locked cells, the released stubs) and strips solution regions left in a
  prose answer (:func:`strip_region`, lenient);
* ``course handouts`` renders the student edition with the worked examples'
  outputs put back, or the teacher edition with the model answers shown
  (:func:`handout_chain`).

Each step is a small function ``step(nb, secrets) -> None`` that changes the
notebook copy it is given in place and appends to ``secrets`` the
instructor-only lines it removed. :func:`apply` copies the notebook once and
runs a chain of steps in order; the chains are tuples, so a reader sees the
whole path from instructor to student in one line
(:data:`STUDENT_CHAIN`), and a new tool adds a step instead of a copy.

Markers
-------
``### BEGIN SOLUTION`` / ``### END SOLUTION`` (:data:`SOLUTION`) in answer and
prose cells, ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``
(:data:`HIDDEN`) in graded test cells, and the cell tag ``teacher``
(:data:`TEACHER_TAG`): nbgrader's own conventions, so its tools read our
notebooks.
"""

from __future__ import annotations

import copy
import hashlib
import re
from functools import partial
from typing import Any, Callable, Iterable

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
TEACHER_TAG = "teacher"
#: Roles of the cells a paper handout leaves out: nothing runs a check or a test on paper.
PAPER_LEFT_OUT = ("check", "tests")
#: Output types a handout keeps (widgets, JavaScript and the like cannot print).
HANDOUT_MIMETYPES = ("text/plain", "text/html", "text/markdown", "image/png", "image/jpeg")
#: Lines that say nothing of an answer, so are never searched for as leaks: blank lines, comments,
#: closing brackets, imports, and generic statements (``return result``, ``count += 1``, ``out = []``).
TRIVIAL_LINE = re.compile(r"""^\s*(\#.*|pass|[)\]}]+[,:]?|import\ [\w., ]+|from\ [\w.]+\ import\ [\w., ()*]+
                          |return\ \w+|else:|try:|finally:|continue|break|\w+\ [+-]=\ 1|\w+\ =\ (0|\[\]|\{\}|""|None)
                          |\"\"\"|\'\'\'|)\s*$""", re.X)

#: A step of a chain: changes the notebook in place, appends the instructor-only lines it removed.
Step = Callable[[Any, list], None]


class ReleaseError(RuntimeError):
    """The student edition cannot be made, or would leak something; the message says what."""


# --------------------------------------------------------------------------- text


def strip_region(source: str, begin: str, end: str, strict: bool = True) -> tuple[str, list[str]]:
    """Remove every ``begin`` .. ``end`` region (markers included).

    Parameters
    ----------
    source : str
        A cell's source.
    begin, end : str
        The marker lines (compared after stripping spaces), e.g. :data:`SOLUTION`.
    strict : bool
        Raise :class:`ReleaseError` for a region that is never closed (an
        instructor notebook); with ``False`` the rest of the cell is dropped
        (a student's submission, which may hold anything).

    Returns
    -------
    (source, removed)
        The text without the regions and without trailing blank lines, and
        the removed lines.
    """
    kept: list[str] = []
    removed: list[str] = []
    inside = False
    for line in source.split("\n"):
        marker = line.strip()
        if marker == begin:
            inside = True
            continue
        if marker == end and inside:
            inside = False
            continue
        (removed if inside else kept).append(line)
    if inside and strict:
        raise ReleaseError(f"a '{begin}' region is never closed")
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept), removed


def checksum(source: str) -> str:
    """SHA-256 of a cell's source, with line endings and trailing space normalised."""
    text = "\n".join(line.rstrip() for line in source.replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_of(line: str) -> str:
    """A line without its indentation and trailing comment (``x = 0  # start`` -> ``x = 0``)."""
    return re.sub(r"\s+#[^\"']*$", "", line.strip())


def role_of(cell: Any) -> str | None:
    """The cell's course role (``answer``, ``prose``, ``tests``, ``check``), or None for an ordinary cell."""
    return cell.metadata.get("course", {}).get("role")


# --------------------------------------------------------------------------- the student edition


def drop_teacher_cells(nb: Any, secrets: list[str]) -> None:
    """Remove the cells tagged ``teacher`` (rubrics, reference codings); their lines are secret."""
    kept = []
    for cell in nb.cells:
        if TEACHER_TAG in cell.metadata.get("tags", []):
            secrets.extend(line for line in cell.source.split("\n") if not TRIVIAL_LINE.match(line))
        else:
            kept.append(cell)
    nb.cells = kept


def strip_solutions(nb: Any, secrets: list[str]) -> None:
    """Remove the solution region of every answer and prose cell (the stub line stays)."""
    for cell in nb.cells:
        if role_of(cell) in ("answer", "prose"):
            cell.source, removed = strip_region(cell.source, *SOLUTION)
            secrets.extend(removed)


def stub_tests(nb: Any, secrets: list[str]) -> None:
    """Replace each graded test cell by a comment saying what it checks; its hidden lines are secret."""
    for cell in nb.cells:
        if role_of(cell) != "tests":
            continue
        body, removed = strip_region(cell.source, *HIDDEN)
        secrets.extend(removed)
        doc = re.match(r'^\s*"""(.*?)"""', body, re.S)
        what = " ".join(doc.group(1).split()) if doc else f"exercise {cell.metadata['course']['exercise']}"
        cell.source = f"# {what}\n# (Your teacher's tests run here when your notebook is graded.)"


def clear_outputs(nb: Any, secrets: list[str]) -> None:
    """Clear outputs, execution counts, attachments and execution timings."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.pop("attachments", None)
        cell.metadata.pop("execution", None)


def stamp_locked(nb: Any, secrets: list[str]) -> None:
    """Give each locked cell ``metadata.course.checksum``, so a grader can tell when one was edited."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("locked"):
            cell.metadata.setdefault("course", {})["checksum"] = checksum(cell.source)


#: Instructor notebook -> student edition, in this order.
STUDENT_CHAIN: tuple[Step, ...] = (drop_teacher_cells, strip_solutions, stub_tests, clear_outputs, stamp_locked)


def apply(nb: Any, chain: Iterable[Step]) -> tuple[Any, list[str]]:
    """Run a chain of steps on a copy of ``nb``.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Not modified.
    chain : iterable of Step
        E.g. :data:`STUDENT_CHAIN` or :func:`handout_chain`.

    Returns
    -------
    (notebook, secrets)
        The transformed copy and the instructor-only lines the steps removed.
    """
    out = copy.deepcopy(nb)
    secrets: list[str] = []
    for step in chain:
        step(out, secrets)
    return out, secrets


def public_lines(nb: Any) -> set[str]:
    """The code of every line a notebook shows (see :func:`code_of`)."""
    return {code_of(line) for cell in nb.cells for line in cell.source.split("\n")}


def searchable_secrets(secrets: Iterable[str], shown: set[str]) -> list[str]:
    """The secrets worth searching for: not trivial, at least 8 characters, not a line the edition itself shows."""
    return [s.strip() for s in secrets if not TRIVIAL_LINE.match(s) and len(s.strip()) >= 8 and code_of(s) not in shown]


def student_notebook(nb: Any) -> tuple[Any, list[str]]:
    """Make the student edition of one instructor notebook (:data:`STUDENT_CHAIN`).

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The instructor notebook (not modified).

    Returns
    -------
    (notebook, secrets)
        The student notebook, and the non-trivial lines removed from it
        (solutions, hidden tests, teacher cells) that the student edition
        does not show anyway (a scaffold's given lines are public), which
        :func:`course.authoring.release.find_leaks` searches for.
    """
    out, secrets = apply(nb, STUDENT_CHAIN)
    return out, searchable_secrets(secrets, public_lines(out))


# --------------------------------------------------------------------------- handout steps


def _plain(markdown: str) -> str:
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    return " ".join(text.split())


def restore_worked_examples(original: Any, nb: Any, secrets: list[str]) -> None:
    """Put back the outputs of ordinary code cells and the images of ordinary markdown cells.

    Worked examples show their tables and charts on paper; an exercise cell
    (one with a course role) stays empty, and a cell whose source changed
    gets nothing.
    """
    originals = {cell.get("id"): cell for cell in original.cells if cell.get("id")}
    for cell in nb.cells:
        source = originals.get(cell.get("id"))
        if source is None or role_of(cell) or source.source != cell.source:
            continue
        if cell.cell_type == "code" and source.cell_type == "code":
            cell.outputs = copy.deepcopy(source.outputs)
            cell.execution_count = source.execution_count
        elif cell.cell_type == "markdown" and source.get("attachments"):
            cell.attachments = copy.deepcopy(source.attachments)


def drop_paper_cells(nb: Any, secrets: list[str]) -> None:
    """Leave out the locked check cells and the stubs of the test cells (:data:`PAPER_LEFT_OUT`)."""
    nb.cells = [cell for cell in nb.cells if role_of(cell) not in PAPER_LEFT_OUT]


def show_model_answers(nb: Any, secrets: list[str]) -> None:
    """Teacher edition: a prose answer shows its model answer, without the markers (they would render as headings)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or role_of(cell) != "prose":
            continue
        lines = cell.source.split("\n")
        if any(line.strip() == SOLUTION[0] for line in lines):
            start = next(i for i, line in enumerate(lines) if line.strip() == SOLUTION[0])
            lines = [ln for ln in lines[start:] if ln.strip() not in SOLUTION]
        cell.source = "\n".join(lines).strip("\n")


def keep_printable_outputs(edition: str, nb: Any, secrets: list[str]) -> None:
    """Keep only :data:`HANDOUT_MIMETYPES`; the student edition also drops stderr (warnings)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr" and edition == "student":
                continue
            if "data" in output:
                for mime in list(output["data"]):
                    if mime not in HANDOUT_MIMETYPES:
                        del output["data"][mime]
                if not output["data"]:
                    continue
            kept.append(output)
        cell.outputs = kept


def ensure_alt_text(nb: Any, secrets: list[str]) -> None:
    """Give every image output an ``alt`` in its metadata: the paragraph above it, else the code that made it."""
    prose = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p for p in cell.source.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
            prose = _plain(paragraphs[-1]) if paragraphs else prose
            continue
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            for mime in ("image/png", "image/jpeg"):
                if mime not in output.get("data", {}):
                    continue
                meta = output.setdefault("metadata", {}).setdefault(mime, {})
                if not str(meta.get("alt", "")).strip():
                    code = [ln for ln in cell.source.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
                    if prose:
                        meta["alt"] = f"Chart described in the text above it: {prose[:300]}"
                    else:
                        meta["alt"] = f"Chart made by the code {(code[-1].strip() if code else 'above')!r}."
        prose = ""


def handout_chain(original: Any, edition: str) -> tuple[Step, ...]:
    """The steps that make the notebook a handout is rendered from.

    Parameters
    ----------
    original : nbformat.NotebookNode
        The instructor notebook (the student edition takes the worked
        examples' outputs back from it).
    edition : {"student", "teacher"}

    Returns
    -------
    tuple of Step
        Student: run on the student edition (:func:`student_notebook`, whose
        leak check comes first): the worked examples restored and the
        paper-only cuts. Teacher: run on the instructor notebook: the model
        answers shown. Both end with the printable outputs and alt text.
    """
    finish = (partial(keep_printable_outputs, edition), ensure_alt_text)
    if edition == "teacher":
        return (show_model_answers, *finish)
    return (partial(restore_worked_examples, original), drop_paper_cells, *finish)
