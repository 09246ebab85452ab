"""Grading a batch: the pipeline in one list.

1. :func:`collect` -- the submissions (a folder, or a zip checked entry by
   entry; one folder per student, or a Canvas or Moodle bulk download
   matched to the roster, :mod:`course.grading.lms`), student ids checked
   (:mod:`course.grading.intake`);
2. the lessons read and their instructor notebooks run once, in the grader
   (:mod:`course.grading.lessons`);
3. :func:`plan_jobs` -- each notebook read without trust and merged into its
   lesson's skeleton (:mod:`course.grading.plan`);
4. the jobs run in sandboxed workers (:mod:`course.grading.runner`,
   :mod:`course.grading.sandbox`);
5. the tests evaluated in the grader (:mod:`course.grading.evaluate`);
   blank prose answers set to 0, late rows marked (:mod:`course.grading.late`);
6. the outputs written by the caller (:mod:`course.grading.report`), manual
   points merged (:mod:`course.grading.manual`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

from .context import GradeContext, GradeError
from .evaluate import NotebookGrade, grade_job, not_run
from .intake import Student, find_students, read_submission, safe_extract, submission_root
from .late import NOT_HANDED_IN, assess, set_late
from .lessons import Lesson, load_lesson, prepare
from .lms import Roster, build_folders, detect_layout, lms_files
from .plan import Plan, build_plan, job_inputs, job_steps
from .runner import Job, Runner, encode_files
from .sandbox import cgroup_support, remove_cgroup_support, sandbox_problem

#: The note every row gets when no sandbox was used.
NO_SANDBOX_NOTE = "graded WITHOUT a sandbox (--no-sandbox): only for trusted code"


@dataclass
class Collected:
    """The submissions of a batch as found on disk.

    Attributes
    ----------
    students : list of Student
    notes : list of str
        About the batch (refused zip entries, stray files, files of an LMS
        download that matched no student ...).
    times : dict
        ``"student/notebook"`` -> when it was handed in, from its zip entry.
    late_marks : set of str
        ``"student/notebook"`` the LMS marked late (Canvas file names).
    layout : str
        ``folders``, ``canvas`` or ``moodle`` (:func:`~course.grading.lms.detect_layout`).
    """

    students: list[Student]
    notes: list[str]
    times: dict[str, datetime] = field(default_factory=dict)
    late_marks: set[str] = field(default_factory=set)
    layout: str = "folders"


def _zip_times(submissions: Path) -> dict[str, datetime]:
    """Each zip entry's time (NFC name -> local time; zips store no time zone)."""
    with zipfile.ZipFile(submissions) as zf:
        out = {}
        for info in zf.infolist():
            try:
                out[unicodedata.normalize("NFC", info.filename).rstrip("/")] = datetime(*info.date_time).astimezone()
            except ValueError:
                continue
        return out


def collect(submissions: Path, tmp: Path, roster: Roster | None = None,
            lesson_names: Iterable[str] = ()) -> Collected:
    """Find the students of a folder or zip (a zip is unpacked into ``tmp``, checked entry by entry).

    A Canvas or Moodle bulk download (:mod:`course.grading.lms`) is matched to
    the roster and copied into one folder per student under ``tmp``; with a
    roster, every roster student without a folder is added (their notebooks
    are then ``missing``).
    """
    if not submissions.exists():
        raise GradeError(f"{submissions}: no such folder or zip")
    notes: list[str] = []
    refused: dict[str, str] = {}
    entry_times: dict[str, datetime] = {}
    if submissions.is_file():
        if not zipfile.is_zipfile(submissions):
            raise GradeError(f"{submissions}: a file that is not a zip; give a folder or a .zip")
        unpacked = tmp / "unpacked"
        unpacked.mkdir(mode=0o700)
        refused = safe_extract(submissions, unpacked)
        root = submission_root(unpacked)
        prefix = root.relative_to(unpacked).as_posix()
        rel: dict[str, str] = {}
        for name, why in refused.items():
            if prefix != "." and name.startswith(prefix + "/"):
                rel[name[len(prefix) + 1:]] = why
            else:
                rel[name] = why
            notes.append(f"{name}: {why} in the zip; not extracted")
        refused = rel
        entry_times = {(n[len(prefix) + 1:] if prefix != "." and n.startswith(prefix + "/") else n): t
                       for n, t in _zip_times(submissions).items()}
    else:
        root = submission_root(submissions)
    layout = detect_layout(root)
    times: dict[str, datetime] = {}
    marks: set[str] = set()
    if layout == "folders":
        students, more = find_students(root, refused)
        for s in students:
            for name, when in entry_times.items():
                head, _, tail = name.partition("/")
                if head == s.folder.name and tail and "/" not in tail:
                    times[f"{s.id}/{tail}"] = when
    else:
        files, more = lms_files(root, layout, roster, set(lesson_names))
        dest = tmp / "lms"
        dest.mkdir(mode=0o700)
        origin, clashes = build_folders(files, dest)
        more += clashes
        marks = {f"{f.student}/{f.name}" for f in files if f.late}
        times = {key: entry_times[rel] for key, rel in origin.items() if rel in entry_times}
        students, found = find_students(dest)
        more += found
    notes += more
    if roster is not None:
        known = {s.id for s in students}
        absent = tmp / "absent"
        absent.mkdir(mode=0o700, exist_ok=True)
        strangers = sorted(known - set(roster.entries))
        if strangers and layout == "folders":
            notes.append(f"not on the roster (graded, but left out of an LMS file): {', '.join(strangers)}")
        for sid in roster.entries:
            if sid not in known:
                students.append(Student(sid, absent))
        students.sort(key=lambda s: s.id)
    return Collected(students, notes, times, marks, layout)


def copy_of(name: str, lessons: Iterable[str]) -> str | None:
    """The lesson a misnamed notebook is a copy of (``01-reading-Copy1.ipynb`` -> ``01-reading.ipynb``), or None.

    A name holding a lesson's name wins; otherwise one starting with a
    lesson's number (``01 reading.ipynb``, ``01_lezen.ipynb``).
    """
    stem = unicodedata.normalize("NFC", name).removesuffix(".ipynb").casefold()
    lessons = sorted(lessons)
    for lesson in lessons:
        if lesson.removesuffix(".ipynb").casefold() in stem:
            return lesson
    number = re.match(r"(\d\d)(?:[-_ .]|$)", stem)
    if number:
        same = [lesson for lesson in lessons if lesson.startswith(number[1] + "-")]
        if len(same) == 1:
            return same[0]
    return None


def wanted_lessons(collected: Collected, notebooks_dir: Path, names: Iterable[str] | None) -> list[str]:
    """The lesson notebooks to grade: those named, or each one at least one student handed in."""
    return lessons_to_grade(collected, notebooks_dir, names)[0]


def lessons_to_grade(collected: Collected, notebooks_dir: Path, names: Iterable[str] | None
                     ) -> tuple[list[str], set[str]]:
    """The notebooks to grade and those expected of every student.

    Named notebooks (``--notebook``) are graded and expected of everyone.
    Otherwise each lesson notebook someone handed in is graded, and expected
    of everyone only when more than half of the class (the students not
    rejected; a misnamed copy counts as handed in) handed it in; a student who did not hand in a notebook that is
    not expected gets no row for it (unless a misnamed copy of it is there).
    """
    available = {p.name for p in Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb")}
    if names:
        wanted = [n if n.endswith(".ipynb") else n + ".ipynb" for n in names]
        unknown = [n for n in wanted if n not in available]
        if unknown:
            raise GradeError(f"no lesson notebook named {', '.join(unknown)} in {notebooks_dir}")
        return wanted, set(wanted)
    usable = [s for s in collected.students if not s.problem]
    counts = {n: 0 for n in available}
    for s in usable:
        handed = {f.name if f.name in counts else copy_of(f.name, available)
                  for f in s.folder.iterdir() if f.suffix == ".ipynb"}
        for name in handed & set(counts):
            counts[name] += 1
    exact = {f.name for s in usable for f in s.folder.iterdir()}
    wanted = sorted(n for n, c in counts.items() if c and n in exact)
    if not wanted:
        raise GradeError(f"no student folder holds a lesson notebook ({', '.join(sorted(available))}); "
                         "see `course grade --help` for the layout")
    return wanted, {n for n in wanted if counts[n] * 2 > len(usable)}


def plan_jobs(collected: Collected, lessons: list[Lesson], ctx: GradeContext, expected: set[str] | None = None,
              available: Iterable[str] = ()) -> tuple[list[NotebookGrade], list[tuple[Job, Lesson, Plan]]]:
    """Rows for notebooks that cannot run, and a job for every one that can.

    ``expected`` (default: every lesson) are the notebooks a student without
    them gets a ``missing`` row for. A misnamed copy of a lesson gets one
    suggestion, on that lesson's row; other stray notebooks one batch note.
    """
    grades: list[NotebookGrade] = []
    jobs: list[tuple[Job, Lesson, Plan]] = []
    names = {lesson.name for lesson in lessons}
    expected = names if expected is None else expected
    everything = set(available) | names
    for student in collected.students:
        copies: dict[str, list[str]] = {}
        if not student.problem:
            for p in sorted(student.folder.glob("*.ipynb")):
                if p.name not in everything:
                    of = copy_of(p.name, everything)
                    if of in names:
                        copies.setdefault(of, []).append(p.name)
                    elif of is None:
                        collected.notes.append(f"{student.id}: {p.name} is not a lesson notebook; not graded")
        for lesson in lessons:
            if student.problem:
                grades.append(not_run(student.id, lesson, "rejected", student.problem))
                continue
            loaded = read_submission(student.folder / lesson.name, ctx.limits.max_notebook_mb)
            if loaded.status == "missing":
                if lesson.name not in expected and lesson.name not in copies:
                    continue
                found = copies.get(lesson.name)
                if found:
                    which = found[0] if len(found) == 1 else "the one to grade"
                    loaded.reason += (f"; found {', '.join(found)}: rename {which} to {lesson.name} "
                                      "and grade again")
            if loaded.nb is None:
                grades.append(not_run(student.id, lesson, loaded.status, loaded.reason))
                continue
            try:
                plan = build_plan(lesson, loaded.nb)
            except Exception as exc:  # noqa: BLE001 - a malformed notebook must not stop the batch
                grades.append(not_run(student.id, lesson, "schema_error", f"cannot read the cells: {str(exc)[:200]}"))
                continue
            files, notes = encode_files(student.folder, lesson.name, ctx.limits.max_files_mb)
            plan.notes.extend(notes)
            jobs.append((Job(student.id, lesson.name, job_steps(plan), files, inputs=job_inputs(plan)), lesson, plan))
    return grades, jobs


def zero_blank_prose(grade: NotebookGrade) -> None:
    """A prose answer left blank scores 0 (not "to be graded"); the teacher can still change it."""
    for i, e in enumerate(grade.exercises):
        if e.kind == "prose" and e.points is None and not (e.answer or "").strip():
            grade.exercises[i] = dataclasses.replace(e, points=0.0, message="no answer given")


def mark_late(grades: list[NotebookGrade], collected: Collected, ctx: GradeContext) -> None:
    """Attach each handed-in row's late record (:mod:`course.grading.late`)."""
    stamps = ctx.timestamps or {}
    for g in grades:
        if g.status in NOT_HANDED_IN:
            continue
        key = f"{g.student}/{g.notebook}"
        when = stamps.get((g.student, g.notebook)) or stamps.get((g.student, "*"))
        source = "timestamps" if when else ""
        if when is None and key in collected.times:
            when, source = collected.times[key], "zip"
        marked = key in collected.late_marks
        if ctx.late is not None or when is not None or marked:
            set_late(g, assess(ctx.late, g.student, g.notebook, when, source, marked))


class _Progress:
    """A one-line progress bar on stderr (a line per 10% when stderr is not a terminal)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.n, self.enabled = total, 0, enabled and total > 0
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.last_decile = -1

    def step(self, label: str) -> None:
        self.n += 1
        if not self.enabled:
            return
        frac = self.n / self.total
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.n * (self.total - self.n)
        line = f"grading [{'#' * int(frac * 30):<30}] {self.n}/{self.total}  {elapsed:.0f} s, ~{eta:.0f} s left"
        if self.tty:
            print(f"\r{line}  {label[:30]:<30}", end="", file=sys.stderr, flush=True)
        elif int(frac * 10) > self.last_decile:
            self.last_decile = int(frac * 10)
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.tty:
            print(file=sys.stderr)


def grade_batch(submissions: str | Path, lessons: Iterable[str] | None = None,
                ctx: GradeContext | None = None, student: str | None = None,
                expected: Iterable[str] | None = None) -> tuple[list[NotebookGrade], list[str]]:
    """Grade every student's notebooks.

    Parameters
    ----------
    submissions : str or Path
        A folder (or ``.zip``) with one folder per student.
    lessons : iterable of str, optional
        Notebook names to grade (and to expect of every student, unless
        ``expected`` says otherwise); by default each lesson notebook someone
        handed in, expected when most of the class did (:func:`lessons_to_grade`).
    ctx : GradeContext, optional
        Limits, isolation, workers, roster, late policy; the defaults grade
        in the sandbox.
    student : str, optional
        Grade only this student (``--student``; the id as in the outputs).
    expected : iterable of str, optional
        With ``lessons``: the notebooks a student gets a ``missing`` row for.

    Returns
    -------
    (grades, batch_notes)
        One :class:`NotebookGrade` per student x notebook, sorted by student
        and notebook, and notes about the batch.

    Raises
    ------
    GradeError
        When the submissions or a lesson cannot be read at all, or the
        sandbox cannot run (the message says why in one line).
    """
    ctx = ctx or GradeContext()
    if ctx.sandbox:
        problem = sandbox_problem(ctx.course_root)
        if problem:
            raise GradeError(f"the sandbox cannot run: {problem}. Grading untrusted notebooks needs it; "
                             "pass --no-sandbox only for code you trust")
    tmp = Path(tempfile.mkdtemp(prefix="course-grade-"))
    os.chmod(tmp, 0o700)
    ctx.tmp = tmp
    cgroups = cgroup_support(ctx.batch_id) if ctx.cgroups else None
    batch_notes: list[str] = []
    try:
        available = [p.name for p in Path(ctx.notebooks_dir).glob("[0-9][0-9]-*.ipynb")]
        collected = collect(Path(submissions), tmp, ctx.roster, available)
        wanted, must = lessons_to_grade(collected, ctx.notebooks_dir, lessons)
        if lessons and expected is not None:
            must = {n if n.endswith(".ipynb") else n + ".ipynb" for n in expected}
        if student is not None:
            sid = unicodedata.normalize("NFC", student)
            chosen = [s for s in collected.students if s.id == sid]
            if not chosen:
                raise GradeError(f"no student {student!r} in {submissions}")
            collected = dataclasses.replace(collected, students=chosen)
        if ctx.shard is not None:  # only now: what depends on the whole class is decided above
            collected = ctx.shard.select(collected, wanted, ctx)
        prepared = [prepare(load_lesson(Path(ctx.notebooks_dir) / n), ctx.course_root, tmp) for n in wanted]
        grades, planned = plan_jobs(collected, prepared, ctx, must, available)
        batch_notes += collected.notes
        if not ctx.sandbox:
            batch_notes.append(NO_SANDBOX_NOTE)
        elif cgroups is None:
            batch_notes.append("limits per submission: no cgroups could be made here, so each process has its own "
                               "limits and the grader adds up the submission's memory and processes")
        bar = _Progress(len(planned), enabled=ctx.progress)
        log_dir = tmp / "logs"
        log_dir.mkdir(mode=0o700)
        warm = [list(lesson.student_cells.values()) for lesson in prepared]
        Runner(ctx, cgroups, log_dir, warm).run([j for j, _, _ in planned],
                                          progress=lambda job: bar.step(f"{job.student}/{job.notebook}"))
        bar.close()
        for job, lesson, plan in planned:
            grade = grade_job(lesson, plan, job)
            zero_blank_prose(grade)
            if not ctx.sandbox:
                grade.notes.append(NO_SANDBOX_NOTE)
            grades.append(grade)
        if not ctx.sandbox:
            for g in grades:
                if NO_SANDBOX_NOTE not in g.notes:
                    g.notes.append(NO_SANDBOX_NOTE)
        mark_late(grades, collected, ctx)
        order = {n: i for i, n in enumerate(wanted)}
        grades.sort(key=lambda g: (g.student, order[g.notebook]))
        return grades, batch_notes
    finally:
        remove_cgroup_support(cgroups)
        shutil.rmtree(tmp, ignore_errors=True)
