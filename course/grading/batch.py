"""Grading a batch: the pipeline in one list.

1. :func:`collect` -- the submissions (a folder, or a zip checked entry by
   entry), student ids checked (:mod:`course.grading.intake`);
2. the lessons read and their instructor notebooks run once, in the grader
   (:mod:`course.grading.lessons`);
3. :func:`plan_jobs` -- each notebook read without trust and merged into its
   lesson's skeleton (:mod:`course.grading.plan`);
4. the jobs run in sandboxed workers (:mod:`course.grading.runner`,
   :mod:`course.grading.sandbox`);
5. the tests evaluated in the grader (:mod:`course.grading.evaluate`);
6. the outputs written by the caller (:mod:`course.grading.report`), manual
   points merged (:mod:`course.grading.manual`).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .context import GradeContext, GradeError
from .evaluate import NotebookGrade, grade_job, not_run
from .intake import Student, find_students, read_submission, safe_extract, submission_root
from .lessons import Lesson, load_lesson, prepare
from .plan import Plan, build_plan, job_steps
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
        About the batch (refused zip entries, stray files ...).
    """

    students: list[Student]
    notes: list[str]


def collect(submissions: Path, tmp: Path) -> Collected:
    """Find the students of a folder or zip (a zip is unpacked into ``tmp``, checked entry by entry)."""
    if not submissions.exists():
        raise GradeError(f"{submissions}: no such folder or zip")
    notes: list[str] = []
    refused: dict[str, str] = {}
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
    else:
        root = submission_root(submissions)
    students, more = find_students(root, refused)
    return Collected(students, notes + more)


def wanted_lessons(collected: Collected, notebooks_dir: Path, names: Iterable[str] | None) -> list[str]:
    """The lesson notebooks to grade: those named, or each one at least one student handed in."""
    available = {p.name for p in Path(notebooks_dir).glob("[0-9][0-9]-*.ipynb")}
    if names:
        wanted = [n if n.endswith(".ipynb") else n + ".ipynb" for n in names]
        unknown = [n for n in wanted if n not in available]
        if unknown:
            raise GradeError(f"no lesson notebook named {', '.join(unknown)} in {notebooks_dir}")
        return wanted
    handed = {f.name for s in collected.students if not s.problem for f in s.folder.iterdir()}
    wanted = sorted(n for n in available if n in handed)
    if not wanted:
        raise GradeError(f"no student folder holds a lesson notebook ({', '.join(sorted(available))}); "
                         "see `course grade --help` for the layout")
    return wanted


def plan_jobs(collected: Collected, lessons: list[Lesson], ctx: GradeContext
              ) -> tuple[list[NotebookGrade], list[tuple[Job, Lesson, Plan]]]:
    """Rows for notebooks that cannot run, and a job for every one that can."""
    grades: list[NotebookGrade] = []
    jobs: list[tuple[Job, Lesson, Plan]] = []
    names = {lesson.name for lesson in lessons}
    for student in collected.students:
        for lesson in lessons:
            if student.problem:
                grades.append(not_run(student.id, lesson, "rejected", student.problem))
                continue
            loaded = read_submission(student.folder / lesson.name, ctx.limits.max_notebook_mb)
            if loaded.status == "missing":
                others = sorted(p.name for p in student.folder.glob("*.ipynb") if p.name not in names)
                if others:
                    loaded.reason += f"; found {', '.join(others)} -- rename it to {lesson.name}?"
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
            jobs.append((Job(student.id, lesson.name, job_steps(plan), files), lesson, plan))
    return grades, jobs


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
                ctx: GradeContext | None = None) -> tuple[list[NotebookGrade], list[str]]:
    """Grade every student's notebooks.

    Parameters
    ----------
    submissions : str or Path
        A folder (or ``.zip``) with one folder per student.
    lessons : iterable of str, optional
        Notebook names to expect of every student; by default each lesson
        notebook that at least one student handed in.
    ctx : GradeContext, optional
        Limits, isolation, workers; the defaults grade in the sandbox.

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
        collected = collect(Path(submissions), tmp)
        batch_notes += collected.notes
        wanted = wanted_lessons(collected, ctx.notebooks_dir, lessons)
        prepared = [prepare(load_lesson(Path(ctx.notebooks_dir) / n), ctx.course_root, tmp) for n in wanted]
        grades, planned = plan_jobs(collected, prepared, ctx)
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
            if not ctx.sandbox:
                grade.notes.append(NO_SANDBOX_NOTE)
            grades.append(grade)
        if not ctx.sandbox:
            for g in grades:
                if NO_SANDBOX_NOTE not in g.notes:
                    g.notes.append(NO_SANDBOX_NOTE)
        order = {n: i for i, n in enumerate(wanted)}
        grades.sort(key=lambda g: (g.student, order[g.notebook]))
        return grades, batch_notes
    finally:
        remove_cgroup_support(cgroups)
        shutil.rmtree(tmp, ignore_errors=True)
