"""The outputs of a batch: CSVs, feedback pages, results.json and the summary.

Every file is written atomically (temp file + rename), can hold any string
(lone surrogates become ``?``), and every CSV cell that a spreadsheet would
read as a formula (``= + - @``, tab, carriage return at its start) gets a
leading ``'``. Feedback pages come from a Jinja2 template with autoescaping
(``templates/feedback.html.j2``); the only markup in a message is inline
code in backticks, which :func:`inline_markup` renders after escaping.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import html
import io
import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .context import NOT_RUN
from .evaluate import ExerciseResult, NotebookGrade
from .lessons import Lesson


def fmt(x: float | None) -> str:
    """Points as written in the outputs: whole numbers without decimals, else two."""
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def atomic_write(path: Path, text: str, mode: int = 0o644) -> None:
    """Write a file whole or not at all (temp file + rename); any string can be written.

    Lone surrogates (from undecodable file names or hostile text) become
    ``?``. The file gets ``mode`` (readable by the teacher's other tools).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run: text starting with ``= + - @``, tab or CR gets a leading ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[list[Any]]) -> str:
    """CSV text of ``rows``, every cell neutralised with :func:`safe_cell`."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[safe_cell(c) for c in row] for row in rows])
    return buf.getvalue()


def exercise_ids(grades: list[NotebookGrade]) -> list[str]:
    """Every exercise id in the grades, in lesson order."""
    seen: dict[str, None] = {}
    for g in grades:
        for e in g.exercises:
            seen.setdefault(e.id, None)
    return sorted(seen, key=lambda s: tuple(int(p) if p.isdigit() else p for p in s.split(".")))


def grades_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades.csv`` (header first)."""
    ids = exercise_ids(grades)
    head = ["student", "notebook", "status", "reason", "points", "max_points", "auto_points", "manual_points",
            "manual_pending", "tampering", "notes", *ids]
    rows = [head]
    for g in grades:
        by_id = {e.id: e for e in g.exercises}
        rows.append([g.student, g.notebook, g.status, g.reason, fmt(g.points), fmt(g.max_points),
                     fmt(g.auto_points), fmt(g.manual_points), str(g.manual_pending), "; ".join(g.tampering),
                     "; ".join(g.notes), *[fmt(by_id[i].points) if i in by_id else "" for i in ids]])
    return rows


def wide_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades_wide.csv``: one per student, for an LMS."""
    notebooks = list(dict.fromkeys(g.notebook for g in grades))
    by_student: dict[str, dict[str, NotebookGrade]] = defaultdict(dict)
    for g in grades:
        by_student[g.student][g.notebook] = g
    rows = [["student", *[n.removesuffix(".ipynb") for n in notebooks], "total", "max_points"]]
    for student, per in by_student.items():
        total = sum(g.points for g in per.values())
        maximum = sum(g.max_points for g in per.values())
        rows.append([student, *[fmt(per[n].points) if n in per else "" for n in notebooks], fmt(total), fmt(maximum)])
    return rows


def manual_table(grades: list[NotebookGrade], lessons: dict[str, Lesson] | None = None) -> list[list[str]]:
    """The rows of ``manual.csv`` (the manual-grading sheet)."""
    rows = [["student", "notebook", "exercise", "max_points", "answer", "rubric", "points", "comment"]]
    for g in grades:
        for e in g.exercises:
            if e.kind != "prose":
                continue
            rubric = ""
            if lessons and g.notebook in lessons:
                rubric = next((x.rubric for x in lessons[g.notebook].exercises if x.id == e.id), "")
            answer = e.answer if g.status not in NOT_RUN else f"({g.status}: {g.reason})"
            rows.append([g.student, g.notebook, e.id, fmt(e.max_points), answer, rubric,
                         fmt(e.points) if e.points is not None else "", ""])
    return rows


def inline_markup(text: str) -> str:
    """Escape ``text`` for HTML, then render `code` in backticks and **bold** (nothing else)."""
    out = html.escape(text)
    out = re.sub(r"`([^`\n]{1,200})`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*\n]{1,200})\*\*", r"<strong>\1</strong>", out)
    return out


def _environment() -> Any:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = lambda s: Markup(inline_markup(str(s)))
    env.filters["points"] = fmt
    return env


def feedback_page(student: str, grades: list[NotebookGrade]) -> str:
    """One student's feedback page: per exercise its title, the answer, check()'s message and the points.

    Rendered from ``templates/feedback.html.j2`` with autoescaping; totals
    per notebook and over all notebooks. Never shows a hidden test.
    """
    total = sum(g.points for g in grades)
    maximum = sum(g.max_points for g in grades)
    pending = sum(g.manual_pending for g in grades)
    return _environment().get_template("feedback.html.j2").render(
        student=student, grades=grades, total=total, maximum=maximum, pending=pending, not_run=NOT_RUN)


def safe_filename(student: str) -> str:
    """A file name for a student's page: ASCII, lower case, with a hash of the id when it had to change.

    Two ids never share a file name, also on file systems that ignore case.
    """
    name = re.sub(r"[^a-z0-9_.-]", "_", student.lower()).strip(".") or "student"
    if name != student:
        name += "-" + hashlib.sha256(student.encode("utf-8", "replace")).hexdigest()[:8]
    return name


def to_json(grades: list[NotebookGrade], batch_notes: list[str]) -> dict:
    """Everything about a batch as plain data (``results.json``)."""
    return {"notes": batch_notes, "grades": [
        {"student": g.student, "notebook": g.notebook, "status": g.status, "reason": g.reason,
         "tampering": g.tampering, "notes": g.notes, "errors": g.errors,
         "exercises": [dataclasses.asdict(e) for e in g.exercises]} for g in grades]}


def from_json(data: dict) -> tuple[list[NotebookGrade], list[str]]:
    """Read back :func:`to_json`."""
    fields = {f.name for f in dataclasses.fields(ExerciseResult)}
    grades = [NotebookGrade(g["student"], g["notebook"], g["status"], g["reason"],
                            [ExerciseResult(**{k: v for k, v in e.items() if k in fields}) for e in g["exercises"]],
                            g["tampering"], g["notes"], g["errors"])
              for g in data["grades"]]
    return grades, data.get("notes", [])


def write_outputs(out: str | Path, grades: list[NotebookGrade], batch_notes: list[str],
                  lessons: dict[str, Lesson] | None = None) -> list[Path]:
    """Write every output file (atomically) and return their paths.

    Manual points already merged (``manual_points.csv`` in ``out``) are applied first.
    """
    out = Path(out)
    from .manual import apply_manual, read_manual_sheet

    ledger = out / "manual_points.csv"
    if ledger.exists():
        apply_manual(grades, read_manual_sheet(ledger, grades))
    written = []
    files = {
        "results.json": json.dumps(to_json(grades, batch_notes), ensure_ascii=False, indent=1) + "\n",
        "grades.csv": to_csv(grades_table(grades)),
        "grades_wide.csv": to_csv(wide_table(grades)),
    }
    if not (out / "manual.csv").exists() or lessons is not None:
        files["manual.csv"] = to_csv(manual_table(grades, lessons))
    for name, text in files.items():
        atomic_write(out / name, text)
        written.append(out / name)
    by_student: dict[str, list[NotebookGrade]] = defaultdict(list)
    for g in grades:
        by_student[g.student].append(g)
    for student, gs in by_student.items():
        path = out / "feedback" / f"{safe_filename(student)}.html"
        atomic_write(path, feedback_page(student, gs))
        written.append(path)
    return written


def summary(grades: list[NotebookGrade], batch_notes: list[str] = ()) -> str:
    """The end-of-batch summary: graded, failed by reason, mean per exercise."""
    statuses = Counter(g.status for g in grades)
    lines = [f"{len(grades)} notebook(s) of {len({g.student for g in grades})} student(s): "
             f"{statuses.get('ok', 0)} graded without problems"]
    for status, n in sorted(statuses.items()):
        if status != "ok":
            lines.append(f"  {status:<20} {n}")
    tampered = sum(1 for g in grades if g.tampering)
    if tampered:
        lines.append(f"  with tampering notes {tampered}")
    lines.append("mean points per exercise (all rows):")
    for ex in exercise_ids(grades):
        pts = [e.points for g in grades for e in g.exercises if e.id == ex and e.points is not None]
        maxp = next(e.max_points for g in grades for e in g.exercises if e.id == ex)
        pending = sum(1 for g in grades for e in g.exercises if e.id == ex and e.points is None)
        mean = f"{sum(pts) / len(pts):.2f}" if pts else "-"
        lines.append(f"  {ex:<6} {mean:>6} / {fmt(maxp)}" + (f"   ({pending} to grade by hand)" if pending else ""))
    for note in batch_notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)
