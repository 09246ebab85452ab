"""``course grade``: the command line of the grading pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from .context import GradeContext, GradeError, Limits

if TYPE_CHECKING:  # pragma: no cover
    from .report import ReportSettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``course grade``."""
    parser.add_argument("submissions", nargs="?",
                        help="folder or .zip with one folder per student, or a Canvas or Moodle bulk download (with --roster); or `merge` (then SHARD folders and --out)")
    parser.add_argument("shards", nargs="*", metavar="SHARD",
                        help="`course grade merge OUT/shard-* --out OUT`: merge the shards into one run's outputs")
    parser.add_argument("--shard", metavar="K/N",
                        help="grade only share K of N (0-based) of the students, e.g. --shard 0/4 --out OUT/shard-0")
    parser.add_argument("--out", default="grades", help="output folder (default: grades/)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="submissions at a time")
    parser.add_argument("--notebook", action="append", help="expect this notebook of every student (repeatable)")
    parser.add_argument("--merge-manual", metavar="SHEET", help="fold a filled-in manual.csv into the grades")
    d = Limits()
    parser.add_argument("--cell-timeout", type=float, default=d.cell_timeout, help="seconds per cell")
    parser.add_argument("--timeout", type=float, default=d.timeout, help="seconds per submission")
    parser.add_argument("--memory", type=int, default=d.memory_mb, help="MB of memory per submission (all its processes)")
    parser.add_argument("--max-output", type=int, default=d.max_output, help="characters of output kept per cell")
    parser.add_argument("--max-notebook-mb", type=float, default=d.max_notebook_mb, help="largest notebook read")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run submissions without bubblewrap: ONLY for code you trust (said in every row)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    t = parser.add_argument_group("teacher's workflow (LMS, late work, one student)")
    t.add_argument("--roster", metavar="CSV", help="class list: student, name, email, lms_id, sis_user_id, "
                   "sis_login_id, section, username, org_defined_id, idnumber (see course.grading.lms)")
    t.add_argument("--lms", action="append", choices=("canvas", "moodle", "brightspace"),
                   help="also write that LMS's gradebook import file (needs --roster; repeatable); without "
                        "SUBMISSIONS: write it from the grades already in --out")
    t.add_argument("--lms-item", action="append", metavar="NOTEBOOK=ITEM",
                   help="the gradebook item of a notebook, e.g. 01-reading=\"Les 1 (4321)\" (default: 01-reading)")
    t.add_argument("--deadline", action="append", metavar="[NOTEBOOK=]TIME",
                   help="deadline, ISO 8601 (2026-03-01T23:59, local time unless an offset is given); repeatable")
    t.add_argument("--extensions", metavar="CSV", help="per-student deadlines: student, notebook (blank: all), deadline")
    t.add_argument("--timestamps", metavar="CSV", help="submission times: student, notebook (blank: all), submitted_at "
                   "(otherwise the zip entries' times)")
    t.add_argument("--late-penalty", type=float, default=0.0, metavar="PCT",
                   help="percent of the earned points taken off per started day late (default 0: flag only)")
    t.add_argument("--late-cap", type=float, default=100.0, metavar="PCT", help="most percent taken off (default 100)")
    t.add_argument("--grace-minutes", type=float, default=0.0, help="minutes after a deadline that are still on time")
    t.add_argument("--student", metavar="ID",
                   help="regrade only this student into the existing outputs in --out (manual points kept)")


def teacher_settings(args: argparse.Namespace, stored: "ReportSettings | None" = None
                     ) -> tuple["ReportSettings", dict | None]:
    """The roster, LMS files and late policy the command line asks for (or, for a regrade, as stored).

    Returns
    -------
    (settings, timestamps)

    Raises
    ------
    GradeError
        A roster, extensions or timestamps file that cannot be read, a bad
        deadline, ``--lms`` without a roster.
    """
    from .late import LatePolicy, parse_deadlines, read_extensions, read_timestamps
    from .lms import parse_items, read_roster
    from .report import ReportSettings

    settings = stored or ReportSettings()
    roster = read_roster(args.roster) if args.roster else settings.roster
    lms = list(dict.fromkeys(args.lms or settings.lms))
    if lms and roster is None:
        raise GradeError(f"--lms {' '.join(lms)} needs --roster CSV (the LMS identities of the students)")
    items = parse_items(args.lms_item) or settings.items
    late = settings.late
    if args.deadline or args.extensions or args.late_penalty:
        if args.late_penalty < 0 or not 0 <= args.late_cap <= 100:
            raise GradeError("--late-penalty must be 0 or more and --late-cap between 0 and 100")
        late = LatePolicy(parse_deadlines(args.deadline), read_extensions(args.extensions) if args.extensions else {},
                          args.late_penalty, args.late_cap, args.grace_minutes)
    stamps = read_timestamps(args.timestamps) if args.timestamps else None
    return ReportSettings(lms, roster, items, late, settings.rubrics), stamps


def run(args: argparse.Namespace) -> int:
    """Run ``course grade``; returns the exit code (0 ok, 2 bad input or no sandbox)."""
    from .batch import grade_batch
    from .lessons import load_lesson
    from .manual import ManualSheetError, merge_manual
    from .report import summary, write_outputs

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out = Path(args.out)
    if args.submissions == "merge":  # a folder named merge: write ./merge
        from .shard import run_merge

        return run_merge(args.shards, args.out, GradeContext())
    if args.shards:
        print("course grade: one SUBMISSIONS folder or zip at a time (to merge shards: course grade merge SHARD...)",
              file=sys.stderr)
        return 2
    if not args.submissions and not args.merge_manual and not args.lms:
        print("course grade: give a SUBMISSIONS folder or zip, or --merge-manual SHEET", file=sys.stderr)
        return 2
    if not args.submissions and args.lms:
        return export_only(args, out)
    if args.submissions:
        limits = Limits(cell_timeout=args.cell_timeout, timeout=args.timeout, memory_mb=args.memory,
                        max_output=args.max_output, max_notebook_mb=args.max_notebook_mb)
        shard = None
        if args.shard:
            from .shard import Shard, begin_shard, parse_shard

            try:
                shard = Shard(parse_shard(args.shard))
            except GradeError as exc:
                print(f"course grade: {exc}", file=sys.stderr)
                return 2
            if args.student:
                print("course grade: --shard grades a share of the whole class; --student regrades one student "
                      "(in the merged outputs); give one of them", file=sys.stderr)
                return 2
            begin_shard(out)
        try:
            previous = _previous(out) if args.student else None
            settings, stamps = teacher_settings(args, previous[2] if previous else None)
            ctx = GradeContext(limits=limits, sandbox=not args.no_sandbox, workers=max(1, args.jobs),
                               progress=not args.quiet, shard=shard, roster=settings.roster, late=settings.late,
                               timestamps=stamps)
            if previous:
                grades, notes = regrade_student(args.submissions, args.student, previous, ctx)
            else:
                grades, notes = grade_batch(args.submissions, args.notebook, ctx)
        except GradeError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        lessons = {n: load_lesson(ctx.notebooks_dir / n) for n in dict.fromkeys(g.notebook for g in grades)}
        write_outputs(out, grades, notes, lessons, settings)
        if shard is not None:
            from .shard import write_manifest

            write_manifest(out, shard, len(grades))  # last: marks the shard finished
        print(summary(grades, notes))
        print(f"wrote {out / 'grades.csv'}, {out / 'grades_wide.csv'}, {out / 'manual.csv'}, "
              f"{out / 'class_report.html'}" + "".join(f", {out / f'lms_{x}.csv'}" for x in settings.lms)
              + f" and {len({g.student for g in grades})} feedback page(s) in {out / 'feedback'}")
    if args.merge_manual:
        try:
            grades = merge_manual(out, args.merge_manual)
        except ManualSheetError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        print(f"merged {args.merge_manual} into {out / 'grades.csv'}")
        print(summary(grades))
    return 0


def _previous(out: Path) -> tuple[list, list[str], "ReportSettings"]:
    from .report import read_results_full

    path = out / "results.json"
    if not path.exists():
        raise GradeError(f"{path}: no grades to regrade into; grade the whole class first")
    try:
        return read_results_full(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GradeError(f"{path}: unreadable ({exc})") from exc


def regrade_student(submissions: str, student: str, previous: tuple, ctx: GradeContext) -> tuple[list, list[str]]:
    """Grade one student again and put their rows in place of the old ones (``--student``).

    The notebooks are those of the earlier run; a notebook is expected of
    this student when every student had a row for it then. Manual points
    come back from ``manual_points.csv`` when the outputs are written.
    """
    from .batch import grade_batch

    grades, notes, _ = previous
    notebooks = list(dict.fromkeys(g.notebook for g in grades))
    students = {g.student for g in grades}
    rows = {(g.student, g.notebook) for g in grades}
    expected = [n for n in notebooks if all((s, n) in rows for s in students)]
    mine, _notes = grade_batch(submissions, notebooks, ctx, student=student, expected=expected)
    sid = mine[0].student if mine else student
    order = {n: i for i, n in enumerate(notebooks)}
    merged = [g for g in grades if g.student != sid] + mine
    merged.sort(key=lambda g: (g.student, order.get(g.notebook, len(order))))
    return merged, notes


def export_only(args: argparse.Namespace, out: Path) -> int:
    """``course grade --lms X --roster R --out OUT`` without submissions: the LMS files from the grades in OUT."""
    from .report import summary, write_outputs

    try:
        grades, notes, stored = _previous(out)
        settings, _ = teacher_settings(args, stored)
    except GradeError as exc:
        print(f"course grade: {exc}", file=sys.stderr)
        return 2
    write_outputs(out, grades, notes, None, settings)
    print(summary(grades, notes))
    print("wrote " + ", ".join(str(out / f"lms_{x}.csv") for x in settings.lms))
    return 0
