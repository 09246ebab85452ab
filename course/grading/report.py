"""The outputs of a batch: CSVs, feedback pages, results.json, LMS files, the class report and the summary.

Every file is written atomically (temp file + rename), can hold any string
(lone surrogates become ``?``), and every CSV cell that a spreadsheet would
read as a formula (``= + - @``, tab, carriage return at its start) gets a
leading ``'``. Feedback pages come from a Jinja2 template with autoescaping
(``templates/feedback.html.j2``); the only markup in a message is inline
code in backticks, which :func:`inline_markup` renders after escaping.

Decisions
---------
- Files are mode 0640 and folders 0750: the teacher and the teacher's group
  (a co-grader, the course account) can read them; other users on a shared
  machine cannot (grades are personal data).
- :func:`write_outputs` renders *every* output in memory first, from the
  list of :class:`~course.grading.evaluate.NotebookGrade` and the
  :class:`ReportSettings`, and only then replaces the files one by one; a
  failure while rendering changes nothing.
- ``results.json`` is the complete record: every field of every row
  (answers of auto-graded exercises, parts of partial credit, run times,
  the late record), the batch notes and the settings (LMS, roster, late
  policy, rubrics); :func:`read_results` reads it back, and
  ``write_outputs(out, *read_results_full(path)...)`` renders the same files.
- ``points`` in ``grades.csv`` are the points that count (after a late
  penalty); ``original_points`` are the points before it.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import NOT_RUN
from .evaluate import ExerciseResult, NotebookGrade
from .late import LateInfo, LatePolicy, final_points, late_of, set_late
from .lessons import Lesson
from .lms import EXPORTERS, Roster

#: Mode of every output file, and of the folders made for them.
FILE_MODE = 0o640
DIR_MODE = 0o750
#: Version of ``results.json``.
RESULTS_FORMAT = 2


def fmt(x: float | None) -> str:
    """Points as written in the outputs: whole numbers without decimals, else two."""
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def make_dirs(path: Path) -> None:
    """Make ``path`` and its missing parents with :data:`DIR_MODE` (whatever the umask)."""
    missing = []
    p = Path(path)
    while not p.exists():
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(exist_ok=True)
        os.chmod(d, DIR_MODE)


def atomic_write(path: Path, text: str | bytes, mode: int = FILE_MODE) -> None:
    """Write a file whole or not at all (temp file + rename); any string can be written.

    Lone surrogates (from undecodable file names or hostile text) become
    ``?``. The file gets ``mode`` (:data:`FILE_MODE`: readable by the
    teacher's group).
    """
    path = Path(path)
    make_dirs(path.parent)
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="replace")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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



def _late_cells(g: NotebookGrade) -> list[str]:
    info = late_of(g)
    if info is None:
        return ["", "", "", "", ""]
    return ["yes" if info.late else "no", str(info.days_late) if info.late else "", fmt(info.penalty_percent)
            if info.late else "", info.submitted_at, info.deadline]


def grades_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades.csv`` (header first).

    ``points`` are the points that count (late penalty taken off);
    ``original_points`` the points before the penalty.
    """
    ids = exercise_ids(grades)
    head = ["student", "notebook", "status", "reason", "points", "max_points", "auto_points", "manual_points",
            "manual_pending", "tampering", "notes", "original_points", "late", "days_late", "penalty_percent",
            "submitted_at", "deadline", *ids]
    rows = [head]
    for g in grades:
        by_id = {e.id: e for e in g.exercises}
        rows.append([g.student, g.notebook, g.status, g.reason, fmt(final_points(g)), fmt(g.max_points),
                     fmt(g.auto_points), fmt(g.manual_points), str(g.manual_pending), "; ".join(g.tampering),
                     "; ".join(g.notes), fmt(g.points), *_late_cells(g),
                     *[fmt(by_id[i].points) if i in by_id else "" for i in ids]])
    return rows


def wide_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """The rows of ``grades_wide.csv``: one per student; a notebook not handed in is blank, not 0."""
    notebooks = list(dict.fromkeys(g.notebook for g in grades))
    by_student: dict[str, dict[str, NotebookGrade]] = defaultdict(dict)
    for g in grades:
        by_student[g.student][g.notebook] = g
    rows = [["student", *[n.removesuffix(".ipynb") for n in notebooks], "total", "max_points", "missing", "late"]]
    for student, per in by_student.items():
        total = sum(final_points(g) for g in per.values())
        maximum = sum(g.max_points for g in per.values())
        missing = [n.removesuffix(".ipynb") for n, g in per.items() if g.status == "missing"]
        late = [n.removesuffix(".ipynb") for n, g in per.items() if (late_of(g) and late_of(g).late)]
        rows.append([student, *[fmt(final_points(per[n])) if n in per and per[n].status != "missing" else ""
                                for n in notebooks], fmt(total), fmt(maximum), " ".join(missing), " ".join(late)])
    return rows


def _order(ex_id: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in ex_id.split("."))


def manual_table(grades: list[NotebookGrade], lessons: dict[str, Lesson] | None = None,
                 rubrics: dict[str, dict[str, str]] | None = None) -> list[list[str]]:
    """The rows of ``manual.csv`` (the manual-grading sheet).

    Sorted by notebook and exercise, then student, so one rubric is applied
    to every answer in turn; the rubric is written once, on the first row of
    its exercise. A blank answer (or a notebook that did not run) is
    prefilled with 0 points.
    """
    rubrics = rubrics_of(lessons, rubrics)
    rows = [["student", "notebook", "exercise", "max_points", "answer", "rubric", "points", "comment"]]
    items = [(g, e) for g in grades for e in g.exercises if e.kind == "prose"]
    items.sort(key=lambda ge: (ge[0].notebook, _order(ge[1].id), ge[0].student))
    shown: set[tuple[str, str]] = set()
    for g, e in items:
        rubric = ""
        if (g.notebook, e.id) not in shown:
            shown.add((g.notebook, e.id))
            rubric = rubrics.get(g.notebook, {}).get(e.id, "")
        answer = e.answer if g.status not in NOT_RUN else f"({g.status}: {g.reason})"
        rows.append([g.student, g.notebook, e.id, fmt(e.max_points), answer, rubric,
                     fmt(e.points) if e.points is not None else "", ""])
    return rows


def rubrics_of(lessons: dict[str, Lesson] | None, stored: dict[str, dict[str, str]] | None = None
               ) -> dict[str, dict[str, str]]:
    """notebook -> exercise id -> rubric, from the lessons (or as stored in ``results.json``)."""
    out = {nb: dict(v) for nb, v in (stored or {}).items()}
    for name, lesson in (lessons or {}).items():
        out[name] = {x.id: x.rubric for x in lesson.exercises if x.kind == "prose" and x.rubric}
    return out


def inline_markup(text: str) -> str:
    """Escape ``text`` for HTML, then render `code` in backticks and **bold** (nothing else)."""
    out = html.escape(text)
    out = re.sub(r"`([^`\n]{1,200})`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*\n]{1,200})\*\*", r"<strong>\1</strong>", out)
    return out


def markup_filter(text: Any) -> Any:
    """The templates' ``md`` filter: :func:`inline_markup` of ``text``, marked safe (it escaped the text first)."""
    from markupsafe import Markup

    return Markup(inline_markup(str(text)))


def environment() -> Any:
    """The Jinja2 environment of the grading templates (``course/grading/templates/``).

    The shared one of :func:`course.templating.environment` (autoescaping,
    strict undefined, ``trim_blocks``/``lstrip_blocks``), with the filters
    ``md`` (:func:`markup_filter`) and ``points`` (:func:`fmt`).
    """
    from ..templating import environment as shared_environment

    return shared_environment("course.grading", (("md", markup_filter), ("points", fmt)))


def feedback_page(student: str, grades: list[NotebookGrade]) -> str:
    """One student's feedback page: per exercise its title, the answer, check()'s message and the points.

    Rendered from ``templates/feedback.html.j2`` with autoescaping; totals
    per notebook and over all notebooks; for partial credit each part and
    whether it passed; a late notebook's penalty with the points before it.
    Never shows a hidden test.
    """
    total = sum(final_points(g) for g in grades)
    maximum = sum(g.max_points for g in grades)
    pending = sum(g.manual_pending for g in grades)
    rows = [{"g": g, "late": late_of(g), "final": final_points(g),
             "exercises": [(e, getattr(e, "parts", None) or []) for e in g.exercises]} for g in grades]
    return environment().get_template("feedback.html.j2").render(
        student=student, rows=rows, total=total, maximum=maximum, pending=pending, not_run=NOT_RUN)


def safe_filename(student: str) -> str:
    """A file name for a student's page: ASCII, lower case, with a hash of the id when it had to change.

    Two ids never share a file name, also on file systems that ignore case.
    """
    name = re.sub(r"[^a-z0-9_.-]", "_", student.lower()).strip(".") or "student"
    if name != student:
        name += "-" + hashlib.sha256(student.encode("utf-8", "replace")).hexdigest()[:8]
    return name


@dataclass
class ReportSettings:
    """What the outputs depend on besides the grades (kept in ``results.json``).

    Attributes
    ----------
    lms : list of str
        LMS import files to write (:data:`course.grading.lms.LMS_NAMES`).
    roster : Roster or None
    items : dict
        Notebook stem -> gradebook item name (``--lms-item``).
    late : LatePolicy or None
        The late policy the rows were assessed with (for the record and a regrade).
    rubrics : dict
        notebook -> exercise -> rubric (so that ``manual.csv`` can be
        rendered from ``results.json`` alone).
    """

    lms: list[str] = field(default_factory=list)
    roster: Roster | None = None
    items: dict[str, str] = field(default_factory=dict)
    late: LatePolicy | None = None
    rubrics: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"lms": list(self.lms), "roster": self.roster.to_list() if self.roster else None,
                "items": dict(self.items), "late": self.late.to_dict() if self.late else None,
                "rubrics": self.rubrics}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "ReportSettings":
        data = data or {}
        return cls(list(data.get("lms") or []), Roster.from_list(data.get("roster")), dict(data.get("items") or {}),
                   LatePolicy.from_dict(data.get("late")), dict(data.get("rubrics") or {}))


def to_json(grades: list[NotebookGrade], batch_notes: list[str], settings: ReportSettings | None = None) -> dict:
    """Everything about a batch as plain data (``results.json``): every field of every row."""
    out = []
    for g in grades:
        info = late_of(g)
        out.append({"student": g.student, "notebook": g.notebook, "status": g.status, "reason": g.reason,
                    "tampering": g.tampering, "notes": g.notes, "errors": g.errors,
                    "points": g.points, "final_points": final_points(g),
                    "late": dataclasses.asdict(info) if info else None,
                    "exercises": [dataclasses.asdict(e) for e in g.exercises]})
    return {"format": RESULTS_FORMAT, "notes": batch_notes, "settings": (settings or ReportSettings()).to_dict(),
            "grades": out}


#: The columns of ``timings.csv``: how long each notebook took to grade (the one output, with the
#: class report's time chart, that differs between two runs of the same class).
TIMING_COLUMNS = ("student", "notebook", "seconds", "cell_seconds")


def timings_table(grades: list[NotebookGrade]) -> list[list[str]]:
    """``timings.csv``: per notebook, the wall time of its run and the time inside cells (seconds)."""
    return [list(TIMING_COLUMNS)] + [[g.student, g.notebook, f"{g.seconds:.3f}", f"{g.cell_seconds:.3f}"]
                                     for g in grades]


def read_timings(path: Path, grades: list[NotebookGrade]) -> None:
    """Put the run times of ``timings.csv`` (if it is there) back on the rows, in place."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        times = {(r["student"], r["notebook"]): r for r in csv.DictReader(f)}
    for g in grades:
        row = times.get((g.student, g.notebook))
        if row:
            g.seconds, g.cell_seconds = float(row["seconds"] or 0), float(row["cell_seconds"] or 0)


def from_json(data: dict) -> tuple[list[NotebookGrade], list[str]]:
    """Read back :func:`to_json`: the rows (with their late records) and the batch notes."""
    fields = {f.name for f in dataclasses.fields(ExerciseResult)}
    grades = []
    for g in data["grades"]:
        row = NotebookGrade(g["student"], g["notebook"], g["status"], g["reason"],
                            [ExerciseResult(**{k: v for k, v in e.items() if k in fields}) for e in g["exercises"]],
                            g["tampering"], g["notes"], g["errors"], float(g.get("seconds") or 0.0),
                            float(g.get("cell_seconds") or 0.0))
        if g.get("late"):
            set_late(row, LateInfo(**g["late"]))
        grades.append(row)
    return grades, data.get("notes", [])


def read_results_full(path: str | Path) -> tuple[list[NotebookGrade], list[str], ReportSettings]:
    """Read ``results.json``: rows, batch notes and settings (everything :func:`write_outputs` needs).

    The run times come from ``timings.csv`` beside it, when it is there.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    grades, notes = from_json(data)
    read_timings(Path(path).parent / "timings.csv", grades)
    return grades, notes, ReportSettings.from_dict(data.get("settings"))


def read_results(path: str | Path) -> list[NotebookGrade]:
    """Read the rows of a ``results.json`` back as :class:`NotebookGrade` (round-trips :func:`to_json`)."""
    return read_results_full(path)[0]


def lms_files(grades: list[NotebookGrade], settings: ReportSettings) -> tuple[dict[str, str], list[str]]:
    """The LMS import files the settings ask for (name -> CSV text), and notes on who was left out."""
    files: dict[str, str] = {}
    notes = []
    if not settings.lms:
        return files, notes
    roster = settings.roster or Roster()
    for lms in settings.lms:
        export = EXPORTERS[lms](grades, roster, settings.items)
        for name, rows in export.files.items():
            files[name] = to_csv(rows)
        if export.left_out:
            notes.append(f"{lms}: left out of the import file (no {lms} identity in the roster): "
                         f"{', '.join(export.left_out)}")
    return files, notes


def render_outputs(out: Path, grades: list[NotebookGrade], batch_notes: list[str],
                   lessons: dict[str, Lesson] | None = None, settings: ReportSettings | None = None
                   ) -> dict[str, str | bytes]:
    """Every output file, rendered in memory: relative path -> content."""
    from .classreport import class_report

    settings = settings or ReportSettings()
    settings = dataclasses.replace(settings, rubrics=rubrics_of(lessons, settings.rubrics))
    lms, lms_notes = lms_files(grades, settings)
    notes = list(batch_notes)
    files: dict[str, str | bytes] = {
        "results.json": json.dumps(to_json(grades, notes, settings), ensure_ascii=False, indent=1) + "\n",
        "grades.csv": to_csv(grades_table(grades)),
        "grades_wide.csv": to_csv(wide_table(grades)),
        "timings.csv": to_csv(timings_table(grades)),
        **lms,
    }
    if not (out / "manual.csv").exists() or lessons is not None:
        files["manual.csv"] = to_csv(manual_table(grades, None, settings.rubrics))
    by_student: dict[str, list[NotebookGrade]] = defaultdict(list)
    for g in grades:
        by_student[g.student].append(g)
    for student, gs in by_student.items():
        files[f"feedback/{safe_filename(student)}.html"] = feedback_page(student, gs)
    files.update(class_report(grades, notes + lms_notes))
    return files


def write_outputs(out: str | Path, grades: list[NotebookGrade], batch_notes: list[str],
                  lessons: dict[str, Lesson] | None = None, settings: ReportSettings | None = None) -> list[Path]:
    """Render every output from ``grades`` (and ``settings``), then write each file atomically.

    Manual points already merged (``manual_points.csv`` in ``out``) are
    applied first. Nothing is written when rendering fails.

    Returns
    -------
    list of Path
        Every file written.
    """
    out = Path(out)
    from .manual import apply_manual, read_manual_sheet

    ledger = out / "manual_points.csv"
    if ledger.exists():
        apply_manual(grades, read_manual_sheet(ledger, grades))
    files = render_outputs(out, grades, batch_notes, lessons, settings)
    make_dirs(out)
    written = []
    for name, content in files.items():
        atomic_write(out / name, content)
        written.append(out / name)
    return written


def summary(grades: list[NotebookGrade], batch_notes: list[str] = ()) -> str:
    """The end-of-batch summary: graded, failed by reason, late rows, mean per exercise (missing work left out)."""
    statuses = Counter(g.status for g in grades)
    lines = [f"{len(grades)} notebook(s) of {len({g.student for g in grades})} student(s): "
             f"{statuses.get('ok', 0)} graded without problems"]
    for status, n in sorted(statuses.items()):
        if status != "ok":
            lines.append(f"  {status:<20} {n}")
    tampered = sum(1 for g in grades if g.tampering)
    if tampered:
        lines.append(f"  with tampering notes {tampered}")
    late = sum(1 for g in grades if late_of(g) and late_of(g).late)
    if late:
        lines.append(f"  late                 {late}")
    lines.append("mean points per exercise (notebooks not handed in left out):")
    handed = [g for g in grades if g.status != "missing"]
    for ex in exercise_ids(grades):
        pts = [e.points for g in handed for e in g.exercises if e.id == ex and e.points is not None]
        maxp = next(e.max_points for g in grades for e in g.exercises if e.id == ex)
        pending = sum(1 for g in handed for e in g.exercises if e.id == ex and e.points is None)
        mean = f"{sum(pts) / len(pts):.2f}" if pts else "-"
        lines.append(f"  {ex:<6} {mean:>6} / {fmt(maxp)}" + (f"   ({pending} to grade by hand)" if pending else ""))
    for note in batch_notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)
