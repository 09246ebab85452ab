"""``course grade``: the command line of the grading pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .context import GradeContext, GradeError, Limits


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``course grade``."""
    parser.add_argument("submissions", nargs="?", help="folder or .zip with one folder per student")
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


def run(args: argparse.Namespace) -> int:
    """Run ``course grade``; returns the exit code (0 ok, 2 bad input or no sandbox)."""
    from .batch import grade_batch
    from .lessons import load_lesson
    from .manual import ManualSheetError, merge_manual
    from .report import summary, write_outputs

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    out = Path(args.out)
    if not args.submissions and not args.merge_manual:
        print("course grade: give a SUBMISSIONS folder or zip, or --merge-manual SHEET", file=sys.stderr)
        return 2
    if args.submissions:
        limits = Limits(cell_timeout=args.cell_timeout, timeout=args.timeout, memory_mb=args.memory,
                        max_output=args.max_output, max_notebook_mb=args.max_notebook_mb)
        ctx = GradeContext(limits=limits, sandbox=not args.no_sandbox, workers=max(1, args.jobs),
                           progress=not args.quiet)
        try:
            grades, notes = grade_batch(args.submissions, args.notebook, ctx)
        except GradeError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        lessons = {n: load_lesson(ctx.notebooks_dir / n) for n in dict.fromkeys(g.notebook for g in grades)}
        write_outputs(out, grades, notes, lessons)
        print(summary(grades, notes))
        print(f"wrote {out / 'grades.csv'}, {out / 'grades_wide.csv'}, {out / 'manual.csv'} and "
              f"{len({g.student for g in grades})} feedback page(s) in {out / 'feedback'}")
    if args.merge_manual:
        try:
            grades = merge_manual(out, args.merge_manual)
        except ManualSheetError as exc:
            print(f"course grade: {exc}", file=sys.stderr)
            return 2
        print(f"merged {args.merge_manual} into {out / 'grades.csv'}")
        print(summary(grades))
    return 0
