"""LMS in and out: a roster, the gradebook import files of Canvas, Moodle and Brightspace, and bulk downloads.

The roster
----------
A CSV with one row per student. ``student`` (the id used in every output)
is required; the other columns are optional and used where an LMS needs
them: ``name`` (as the LMS shows it; Canvas: "Last, First"), ``email``,
``lms_id`` (the number the LMS puts in its bulk-download names: the Canvas
user id, the Moodle participant number), ``sis_user_id``, ``sis_login_id``,
``section``, ``username``, ``org_defined_id``, ``idnumber``. With a roster,
the roster is the class: a student on it who handed nothing in gets
``missing`` rows.

Export (``course grade ... --lms canvas|moodle|brightspace --roster R``)
------------------------------------------------------------------------
One gradebook item per notebook, named after the notebook (``01-reading``)
or as ``--lms-item 01-reading="Les 1 (1234)"`` says. Points are the
penalised points of :func:`~course.grading.late.final_points`.

- **Canvas** (``lms_canvas.csv``): ``Student``, ``ID``, ``SIS User ID``,
  ``SIS Login ID``, ``Section``, then one column per item; the second row is
  ``Points Possible`` with each item's maximum. The gradebook CSV has no
  column for comments or statuses, so those go to ``lms_canvas_comments.csv``
  (student, item, comment) for pasting, and the feedback pages. A
  **missing** notebook is left **blank** (Canvas leaves the grade unchanged
  and shows the submission as missing, its own late/missing policy applies),
  never a 0; a notebook that was handed in but could not be graded gets its
  0. Students without ``lms_id``, ``sis_user_id`` and ``sis_login_id`` cannot
  be matched by Canvas and are left out (reported).
- **Moodle** (``lms_moodle.csv``): ``ID number``, ``Email address``,
  ``Full name`` (map ``ID number`` -> idnumber or ``Email address`` -> email
  in the import's "Identify user by" step), then per item ``<item>`` and
  ``Feedback for <item>`` (map it to the item's feedback; Moodle overwrites
  the grade of an item whose feedback is imported, so both always go
  together). A **missing** notebook has a **blank** grade (Moodle skips
  empty cells, so it stays "no grade") and the feedback says "not handed in".
- **Brightspace** (``lms_brightspace.csv``): ``OrgDefinedId``, ``Username``
  (each value with the ``#`` prefix Brightspace itself writes, which keeps
  leading zeros), per item ``<item> Points Grade``, and the ``End-of-Line
  Indicator`` column holding ``#``. Brightspace's grades import takes no
  comments; the status goes into ``<item> Status Text Grade`` (a text item,
  which never counts toward the final grade). A **missing** notebook is
  **blank** (ungraded; the end-of-line indicator makes a blank last cell
  safe).

Intake: bulk downloads (folder or zip)
--------------------------------------
- **Canvas**: flat files ``<name>_<user id>_<submission id>_<original name>``
  (``<name>_late_<user id>_...`` when Canvas marked it late); Canvas adds
  ``-1``, ``-2`` to a re-submitted file's name, which is dropped when the rest
  is a lesson name.
- **Moodle**: folders ``<Full Name>_<participant>_assignsubmission_file_``
  holding the files as handed in (``assignsubmission_onlinetext_`` folders
  hold no notebook and are skipped).

Each file is matched to a roster student by its number (``lms_id``), else by
its name when exactly one roster name matches (letters only, accents and
case ignored); without a roster the LMS's own name and number become the id
(``jansenanna_12345``). Every file that matches no student, or does not
follow the layout, is reported in the batch notes and not graded.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .context import GradeError

#: The LMSes an export can be written for.
LMS_NAMES = ("canvas", "moodle", "brightspace")
#: Roster columns that are read (others are ignored).
ROSTER_FIELDS = ("student", "name", "email", "lms_id", "sis_user_id", "sis_login_id", "section", "username",
                 "org_defined_id", "idnumber")


@dataclass
class RosterEntry:
    """One student of the roster (see the module docstring for the columns)."""

    student: str
    name: str = ""
    email: str = ""
    lms_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    username: str = ""
    org_defined_id: str = ""
    idnumber: str = ""


@dataclass
class Roster:
    """The class list: student id -> :class:`RosterEntry`."""

    entries: dict[str, RosterEntry] = field(default_factory=dict)

    def to_list(self) -> list[dict[str, str]]:
        return [asdict(e) for e in self.entries.values()]

    @classmethod
    def from_list(cls, rows: list[dict[str, str]] | None) -> "Roster | None":
        if rows is None:
            return None
        return cls({r["student"]: RosterEntry(**{k: r.get(k, "") for k in ROSTER_FIELDS}) for r in rows})


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", (text or "").strip())


def read_roster(path: str | Path) -> Roster:
    """Read a roster CSV; every problem (no ``student`` column, a blank or repeated id) named with its row.

    Raises
    ------
    GradeError
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GradeError(f"{path}: cannot read the roster ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "student" not in [f.strip() for f in reader.fieldnames]:
        raise GradeError(f"{path}: the roster needs a 'student' column (and any of {', '.join(ROSTER_FIELDS[1:])})")
    entries: dict[str, RosterEntry] = {}
    problems = []
    for n, row in enumerate(reader, 2):
        row = {(k or "").strip(): _nfc(v) for k, v in row.items() if k}
        sid = row.get("student", "")
        if not sid:
            problems.append(f"row {n}: no student id")
        elif sid in entries:
            problems.append(f"row {n}: student {sid} appears twice")
        else:
            entries[sid] = RosterEntry(**{k: row.get(k, "") for k in ROSTER_FIELDS})
    if problems:
        raise GradeError(f"{path}: " + "; ".join(problems))
    return Roster(entries)


# --------------------------------------------------------------------------
# Export


def item_name(notebook: str, items: dict[str, str] | None = None) -> str:
    """The gradebook item of a notebook: as ``--lms-item`` says, else its name without ``.ipynb``."""
    stem = notebook.removesuffix(".ipynb")
    items = items or {}
    return items.get(stem) or items.get(notebook) or stem


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


@dataclass
class Export:
    """An LMS import file and what it could not include.

    Attributes
    ----------
    files : dict
        File name -> rows (header first).
    left_out : list of str
        Students that the LMS could not match (no identity in the roster, or not on it).
    """

    files: dict[str, list[list[str]]]
    left_out: list[str]


def _by_student(grades: list[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    notebooks = list(dict.fromkeys(g.notebook for g in grades))
    per: dict[str, dict[str, Any]] = {}
    for g in grades:
        per.setdefault(g.student, {})[g.notebook] = g
    return notebooks, per


def _comment(g: Any) -> str:
    from .late import final_points, late_of

    if g.status == "missing":
        return "not handed in"
    parts = [f"{_fmt(final_points(g))} of {_fmt(g.max_points)} points"]
    if g.status != "ok":
        parts.append(f"{g.status.replace('_', ' ')}: {g.reason}")
    info = late_of(g)
    if info and info.late:
        parts.append(info.note + (f" (before the penalty: {_fmt(g.points)})" if info.penalty_percent else ""))
    if g.manual_pending:
        parts.append(f"{g.manual_pending} written answer(s) still to be graded")
    return "; ".join(parts)


def _status_text(g: Any | None) -> str:
    from .late import late_of

    if g is None:
        return ""
    info = late_of(g)
    text = g.status.replace("_", " ")
    if info and info.late:
        text += f", late {info.days_late} day{'s' if info.days_late != 1 else ''}" if info.days_late else ", late"
    return text


def _points(g: Any | None) -> str:
    from .late import final_points

    if g is None or g.status == "missing":
        return ""
    return _fmt(final_points(g))


def _max_points(per: dict[str, dict[str, Any]], notebook: str) -> float:
    return max((p[notebook].max_points for p in per.values() if notebook in p), default=0.0)


def export_canvas(grades: list[Any], roster: Roster, items: dict[str, str] | None = None) -> Export:
    """Canvas's gradebook import CSV (and a comments sheet); see the module docstring."""
    notebooks, per = _by_student(grades)
    head = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *[item_name(n, items) for n in notebooks]]
    rows = [head, ["Points Possible", "", "", "", "", *[_fmt(_max_points(per, n)) for n in notebooks]]]
    comments = [["Student", "ID", "SIS User ID", "item", "comment"]]
    left_out = []
    for student, gs in per.items():
        e = roster.entries.get(student)
        if e is None or not (e.lms_id or e.sis_user_id or e.sis_login_id):
            left_out.append(student)
            continue
        rows.append([e.name or student, e.lms_id, e.sis_user_id, e.sis_login_id, e.section,
                     *[_points(gs.get(n)) for n in notebooks]])
        for n in notebooks:
            if n in gs:
                comments.append([e.name or student, e.lms_id, e.sis_user_id, item_name(n, items), _comment(gs[n])])
    return Export({"lms_canvas.csv": rows, "lms_canvas_comments.csv": comments}, left_out)


def export_moodle(grades: list[Any], roster: Roster, items: dict[str, str] | None = None) -> Export:
    """Moodle's grade import CSV with feedback columns; see the module docstring."""
    notebooks, per = _by_student(grades)
    head = ["ID number", "Email address", "Full name"]
    for n in notebooks:
        head += [item_name(n, items), f"Feedback for {item_name(n, items)}"]
    rows = [head]
    left_out = []
    for student, gs in per.items():
        e = roster.entries.get(student)
        if e is None or not (e.idnumber or e.email):
            left_out.append(student)
            continue
        row = [e.idnumber, e.email, e.name or student]
        for n in notebooks:
            row += [_points(gs.get(n)), _comment(gs[n]) if n in gs else ""]
        rows.append(row)
    return Export({"lms_moodle.csv": rows}, left_out)


def export_brightspace(grades: list[Any], roster: Roster, items: dict[str, str] | None = None) -> Export:
    """Brightspace's grades import CSV; see the module docstring."""
    notebooks, per = _by_student(grades)
    head = ["OrgDefinedId", "Username"]
    for n in notebooks:
        head += [f"{item_name(n, items)} Points Grade", f"{item_name(n, items)} Status Text Grade"]
    rows = [head + ["End-of-Line Indicator"]]
    left_out = []
    for student, gs in per.items():
        e = roster.entries.get(student)
        if e is None or not (e.org_defined_id or e.username):
            left_out.append(student)
            continue
        row = ["#" + e.org_defined_id if e.org_defined_id else "", "#" + e.username if e.username else ""]
        for n in notebooks:
            g = gs.get(n)
            row += [_points(g), _status_text(g)]
        rows.append(row + ["#"])
    return Export({"lms_brightspace.csv": rows}, left_out)


EXPORTERS = {"canvas": export_canvas, "moodle": export_moodle, "brightspace": export_brightspace}


def parse_items(specs: list[str] | None) -> dict[str, str]:
    """``--lms-item NOTEBOOK=NAME`` values -> notebook stem -> gradebook item name."""
    out = {}
    for spec in specs or []:
        name, sep, item = spec.partition("=")
        if not sep or not name.strip() or not item.strip():
            raise GradeError(f"--lms-item {spec!r}: write it as NOTEBOOK=ITEM, e.g. 01-reading=\"Les 1\"")
        out[name.strip().removesuffix(".ipynb")] = item.strip()
    return out


# --------------------------------------------------------------------------
# Intake: bulk-download layouts

_CANVAS = re.compile(r"^(?P<name>[^_/]+?)(?:_(?P<late>late|LATE))?_(?P<uid>\d+)_(?P<sub>\d+)_(?P<orig>.+)$")
_MOODLE = re.compile(r"^(?P<name>.+)_(?P<uid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_$")
_COPY_SUFFIX = re.compile(r"-\d+(?=\.ipynb$)")


def detect_layout(root: Path) -> str:
    """``canvas``, ``moodle`` or ``folders`` (one folder per student id)."""
    entries = [p for p in root.iterdir() if not p.name.startswith(".")]
    if any(p.is_dir() and not p.is_symlink() and _MOODLE.match(p.name) for p in entries):
        return "moodle"
    files = [p for p in entries if p.is_file() and not p.is_symlink()]
    if files and sum(bool(_CANVAS.match(p.name)) for p in files) * 2 >= len(files) \
            and not any(p.is_dir() for p in entries):
        return "canvas"
    return "folders"


def squash(name: str) -> str:
    """A name reduced to lower-case letters without accents (how Canvas writes it in file names)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch)).casefold()


@dataclass
class LmsFile:
    """One file of a bulk download, matched (or not) to a student."""

    path: Path
    student: str | None
    name: str          # the file name to give it in the student's folder
    late: bool = False
    rel: str = ""      # its path relative to the download's root


def _match(roster: Roster | None, uid: str, name: str, fallback: str) -> str | None:
    if roster is None:
        return fallback
    by_id = [s for s, e in roster.entries.items() if e.lms_id and e.lms_id == uid]
    if len(by_id) == 1:
        return by_id[0]
    by_name = [s for s, e in roster.entries.items() if e.name and squash(e.name) == squash(name)]
    if not by_id and len(by_name) == 1:
        return by_name[0]
    return None


def lms_files(root: Path, layout: str, roster: Roster | None, lessons: set[str]) -> tuple[list[LmsFile], list[str]]:
    """Every file of a Canvas or Moodle download with its student; and a note per file that matched none."""
    out: list[LmsFile] = []
    notes: list[str] = []
    if layout == "canvas":
        for p in sorted(root.iterdir(), key=lambda q: q.name):
            if p.name.startswith("."):
                continue
            m = _CANVAS.match(p.name) if p.is_file() and not p.is_symlink() else None
            if not m:
                notes.append(f"{p.name}: not a Canvas submission file name (name_userid_submissionid_file); not graded")
                continue
            orig = m["orig"]
            plain = _COPY_SUFFIX.sub("", orig)
            if orig not in lessons and plain in lessons:
                orig = plain
            student = _match(roster, m["uid"], m["name"], f"{m['name']}_{m['uid']}")
            if student is None:
                notes.append(f"{p.name}: Canvas user {m['uid']} ({m['name']}) is not on the roster; not graded")
                continue
            out.append(LmsFile(p, student, orig, bool(m["late"]), p.name))
    elif layout == "moodle":
        for d in sorted(root.iterdir(), key=lambda q: q.name):
            if d.name.startswith("."):
                continue
            m = _MOODLE.match(d.name) if d.is_dir() and not d.is_symlink() else None
            if not m:
                notes.append(f"{d.name}: not a Moodle submission folder (Full Name_123_assignsubmission_file_); "
                             "not graded")
                continue
            if m["plugin"] != "file":
                continue
            student = _match(roster, m["uid"], m["name"], f"{m['name']}_{m['uid']}")
            files = [p for p in sorted(d.rglob("*")) if p.is_file() or p.is_symlink()]
            if student is None:
                notes += [f"{d.name}/{p.relative_to(d).as_posix()}: Moodle participant {m['uid']} ({m['name']}) "
                          "is not on the roster; not graded" for p in files] or \
                    [f"{d.name}: Moodle participant {m['uid']} is not on the roster"]
                continue
            for p in files:
                out.append(LmsFile(p, student, p.relative_to(d).as_posix(), False, f"{d.name}/{p.relative_to(d).as_posix()}"))
    return out, notes


def build_folders(files: list[LmsFile], dest: Path) -> tuple[dict[str, str], list[str]]:
    """Copy matched files into one folder per student under ``dest`` (never a link: bytes are copied).

    Returns
    -------
    (origin, notes)
        ``"student/name"`` -> the file's path in the download, and notes on
        clashes (two files for one name: both refused, the row says so).
    """
    origin: dict[str, str] = {}
    notes: list[str] = []
    seen: dict[str, LmsFile] = {}
    for f in files:
        key = f"{f.student}/{f.name}"
        if key in seen:
            notes.append(f"{f.rel}: {f.student} handed in two files named {f.name} ({seen[key].rel}); "
                         "the later one in name order is graded")
        seen[key] = f
    for key, f in seen.items():
        if "/" in f.student or f.student in (".", "..") or not f.student:
            notes.append(f"{f.rel}: the roster id {f.student!r} cannot be a folder name; not graded")
            continue
        folder = dest / f.student
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f.name
        if f.path.is_symlink():
            notes.append(f"{f.rel}: a symbolic link; not graded")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.path, target)
        origin[key] = f.rel
    return origin, notes
