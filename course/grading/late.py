"""Late work: deadlines, per-student extensions, a declared penalty, and the late flag of each row.

Policy (declared on the command line, kept in ``results.json``)
---------------------------------------------------------------
- A deadline per notebook (``--deadline 01-reading=2026-03-01T23:59``) or
  for all notebooks (``--deadline 2026-03-01T23:59``); per-student
  extensions from a CSV (``--extensions``: columns ``student``, ``notebook``
  (blank: every notebook) and ``deadline``, the new one).
- A submission is late when its time is after its deadline plus
  ``grace_minutes``. ``days_late`` counts started periods of 24 hours after
  the deadline (one minute late is one day).
- The penalty is ``percent_per_day`` × ``days_late`` percent of the points
  the notebook earned, at most ``cap_percent``; the penalised points are
  rounded to two decimals. Points before the penalty are kept next to them
  (``original_points`` in ``grades.csv``; the feedback page shows both).
  The defaults (0 % a day) flag late rows and take nothing off.
- Submission times come, in this order, from the timestamps CSV
  (``--timestamps``: ``student``, ``notebook`` (blank: all), ``submitted_at``),
  the zip entry of the notebook, or nothing. A Canvas file name marked
  ``late`` flags the row even without a time (no penalty can then be
  computed; the row says so). A missing notebook is never late.
- Times are ISO 8601; a time without a UTC offset (also every zip entry
  time, which has none) is read in the grading machine's local time zone.

The late record of a row travels on the :class:`~course.grading.evaluate.NotebookGrade`
as its ``late`` attribute (:func:`set_late` / :func:`late_of`), so that every
output, a regrade and a merge of shards see the same record.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .context import GradeError

#: Statuses that never count as handed in (never late).
NOT_HANDED_IN = ("missing",)


def parse_time(text: str, where: str = "") -> datetime:
    """An ISO 8601 time, made timezone-aware (local time when it has no offset).

    Raises
    ------
    GradeError
        Naming ``where`` when the text is not a time.
    """
    raw = (text or "").strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        raise GradeError(f"{where}: {raw!r} is not a date and time (write it as 2026-03-01T23:59)") from None
    return value.astimezone() if value.tzinfo is None else value


def show_time(value: datetime | None) -> str:
    """A time as written in the outputs (ISO 8601 with its offset, to the second)."""
    return value.isoformat(timespec="seconds") if value else ""


@dataclass
class LatePolicy:
    """Deadlines, extensions and the penalty of a batch.

    Attributes
    ----------
    deadlines : dict
        Notebook name (``01-reading.ipynb``) or ``"*"`` -> ISO time.
    extensions : dict
        ``"student\\tnotebook"`` (notebook ``*`` for all) -> ISO time.
    percent_per_day : float
        Percent of the earned points taken off per started day late.
    cap_percent : float
        Most percent taken off in all.
    grace_minutes : float
        Minutes after the deadline that still count as on time.
    """

    deadlines: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)
    percent_per_day: float = 0.0
    cap_percent: float = 100.0
    grace_minutes: float = 0.0

    def deadline(self, student: str, notebook: str) -> datetime | None:
        """The deadline that holds for this student and notebook (an extension wins)."""
        for key in (f"{student}\t{notebook}", f"{student}\t*"):
            if key in self.extensions:
                return parse_time(self.extensions[key], "extension")
        text = self.deadlines.get(notebook) or self.deadlines.get("*")
        return parse_time(text, "deadline") if text else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "LatePolicy | None":
        return cls(**data) if data else None


@dataclass
class LateInfo:
    """The late record of one row (student × notebook).

    Attributes
    ----------
    submitted_at, deadline : str
        ISO times ('' when unknown / none set).
    source : str
        Where the submission time came from: ``timestamps``, ``zip`` or ''.
    late : bool
    days_late : int
        Started days after the deadline (0 when on time or unknown).
    penalty_percent : float
        Percent of the earned points taken off.
    note : str
        One line for the teacher and the student ('' when on time).
    """

    submitted_at: str = ""
    deadline: str = ""
    source: str = ""
    late: bool = False
    days_late: int = 0
    penalty_percent: float = 0.0
    note: str = ""


def assess(policy: LatePolicy | None, student: str, notebook: str, submitted: datetime | None,
           source: str = "", marked_late: bool = False) -> LateInfo:
    """Whether a submission is late, and its penalty under ``policy``."""
    deadline = policy.deadline(student, notebook) if policy else None
    info = LateInfo(show_time(submitted), show_time(deadline), source if submitted else "")
    if deadline is not None and submitted is not None:
        grace = timedelta(minutes=policy.grace_minutes if policy else 0)
        over = submitted - deadline
        if over > grace:
            days = max(1, math.ceil(over / timedelta(days=1)))
            pct = min(policy.cap_percent, policy.percent_per_day * days) if policy else 0.0
            info.late, info.days_late, info.penalty_percent = True, days, float(pct)
            info.note = f"handed in {days} day{'s' if days != 1 else ''} late"
            if pct:
                info.note += f": {pct:g}% of the points taken off"
        elif marked_late:
            info.note = "marked late by the LMS, but on time for this student's deadline"
    elif marked_late:
        info.late = True
        info.note = ("marked late by the LMS; no submission time or deadline known, so no penalty "
                     "(give --deadline and --timestamps)")
    return info


def late_of(grade: Any) -> LateInfo | None:
    """The late record of a :class:`~course.grading.evaluate.NotebookGrade`, if any."""
    return grade.late


def set_late(grade: Any, info: LateInfo | None) -> None:
    """Attach a late record to a grade row."""
    grade.late = info


def final_points(grade: Any) -> float:
    """The points that count: the row's points with its late penalty taken off."""
    info = late_of(grade)
    points = grade.points
    if info and info.penalty_percent:
        return round(points * (1 - info.penalty_percent / 100), 2)
    return points


def _read_csv(path: Path, need: set[str], what: str) -> list[tuple[int, dict[str, str]]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GradeError(f"{path}: cannot read the {what} ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not need <= {f.strip() for f in reader.fieldnames}:
        raise GradeError(f"{path}: the {what} needs the columns {', '.join(sorted(need))}")
    return [(n, {k.strip(): (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, 2)]


def _notebook(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    return "*" if not name or name == "*" else (name if name.endswith(".ipynb") else name + ".ipynb")


def read_extensions(path: str | Path) -> dict[str, str]:
    """Per-student deadlines from a CSV (``student``, ``notebook``, ``deadline``); every time checked."""
    out: dict[str, str] = {}
    problems = []
    for n, row in _read_csv(Path(path), {"student", "deadline"}, "extensions file"):
        try:
            parse_time(row["deadline"], f"{path}, row {n}")
        except GradeError as exc:
            problems.append(str(exc))
            continue
        out[f"{unicodedata.normalize('NFC', row['student'])}\t{_notebook(row.get('notebook', ''))}"] = row["deadline"]
    if problems:
        raise GradeError("; ".join(problems))
    return out


def read_timestamps(path: str | Path) -> dict[tuple[str, str], datetime]:
    """Submission times from a CSV (``student``, ``notebook`` (blank: all), ``submitted_at``)."""
    out: dict[tuple[str, str], datetime] = {}
    problems = []
    for n, row in _read_csv(Path(path), {"student", "submitted_at"}, "timestamps file"):
        try:
            when = parse_time(row["submitted_at"], f"{path}, row {n}")
        except GradeError as exc:
            problems.append(str(exc))
            continue
        out[(unicodedata.normalize("NFC", row["student"]), _notebook(row.get("notebook", "")))] = when
    if problems:
        raise GradeError("; ".join(problems))
    return out


def parse_deadlines(specs: list[str] | None) -> dict[str, str]:
    """``--deadline`` values (``NOTEBOOK=TIME`` or ``TIME``) -> :attr:`LatePolicy.deadlines`, checked."""
    out: dict[str, str] = {}
    for spec in specs or []:
        name, sep, when = spec.rpartition("=")
        if not sep:
            name, when = "*", spec
        parse_time(when, f"--deadline {spec}")
        out[_notebook(name)] = when.strip()
    return out
