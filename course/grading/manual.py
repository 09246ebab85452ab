"""Manual grading: the sheet teachers fill in, checked before anything is written."""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from pathlib import Path

from .evaluate import NotebookGrade
from .report import atomic_write, fmt, read_results_full, to_csv, write_outputs


def unneutralise(cell: str | None) -> str:
    """Undo :func:`~course.grading.report.safe_cell` on a cell read back from one of our CSVs."""
    text = cell or ""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


class ManualSheetError(ValueError):
    """The manual-grading sheet has a problem (the message names the row)."""


def read_manual_sheet(path: str | Path, grades: list[NotebookGrade]) -> dict[tuple[str, str, str], tuple[float, str]]:
    """Read filled-in points from a manual-grading sheet.

    Returns
    -------
    dict
        (student, notebook, exercise) -> (points, comment), for rows with points.

    Raises
    ------
    ManualSheetError
        Naming the file and *every* bad row (one per line): unknown student
        or exercise, points that are not a number or out of range.
    """
    path = Path(path)
    known = {(g.student, g.notebook, e.id): e.max_points for g in grades for e in g.exercises if e.kind == "prose"}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManualSheetError(f"{path}: cannot read the sheet ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    need = {"student", "notebook", "exercise", "points"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise ManualSheetError(f"{path}: the header must have the columns {', '.join(sorted(need))}")
    out = {}
    problems = []
    for n, row in enumerate(reader, 2):
        points = (row.get("points") or "").strip().replace(",", ".")
        if not points:
            continue
        key = (unneutralise(row["student"]), unneutralise(row["notebook"]), unneutralise(row["exercise"]))
        if key not in known:
            problems.append(f"row {n}: no prose exercise {row['exercise']} of {row['student']} in {row['notebook']}")
            continue
        try:
            value = float(points)
        except ValueError:
            problems.append(f"row {n}: points {points!r} is not a number")
            continue
        if math.isnan(value) or not 0 <= value <= known[key]:
            problems.append(f"row {n}: {value:g} points is outside 0..{known[key]:g}")
            continue
        out[key] = (value, (row.get("comment") or "").strip())
    if problems:
        raise ManualSheetError(f"{path}: {len(problems)} bad row{'s' if len(problems) != 1 else ''}, nothing merged:\n"
                               + "\n".join(f"  {p}" for p in problems))
    return out


def apply_manual(grades: list[NotebookGrade], manual: dict[tuple[str, str, str], tuple[float, str]]) -> None:
    """Put manual points into the grades (in place)."""
    for g in grades:
        for i, e in enumerate(g.exercises):
            key = (g.student, g.notebook, e.id)
            if e.kind == "prose" and key in manual:
                points, comment = manual[key]
                g.exercises[i] = dataclasses.replace(e, points=points, message=comment or "graded by your teacher")


def merge_manual(out: str | Path, sheet: str | Path) -> list[NotebookGrade]:
    """Fold a filled-in manual-grading sheet into the grades in ``out``.

    The points are validated first (nothing is written when a row is wrong),
    kept in ``out/manual_points.csv`` (so a re-grade keeps them) and applied to
    ``grades.csv``, ``grades_wide.csv``, ``results.json`` and the feedback pages.
    """
    out = Path(out)
    try:
        grades, notes, settings = read_results_full(out / "results.json")
    except FileNotFoundError:
        raise ManualSheetError(f"{out / 'results.json'}: no grades to merge into; run `course grade` first") from None
    new = read_manual_sheet(sheet, grades)
    ledger_path = out / "manual_points.csv"
    old = read_manual_sheet(ledger_path, grades) if ledger_path.exists() else {}
    old.update(new)
    rows = [["student", "notebook", "exercise", "points", "comment"]]
    rows += [[s, n, e, fmt(p), c] for (s, n, e), (p, c) in sorted(old.items())]
    atomic_write(ledger_path, to_csv(rows))
    apply_manual(grades, old)
    write_outputs(out, grades, notes, None, settings)
    return grades
