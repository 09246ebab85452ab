"""Batch grading benchmarks (``python benchmarks/run.py --only grade_batch grade_vs_nbgrader``).

grade_batch
    ``BENCH_GRADE_STUDENTS`` (default 200) synthetic students, each handing
    in every lesson notebook with a random mix of right and wrong answers,
    graded by ``course grade -j 2`` with the sandbox on (bubblewrap, a
    cgroup per submission): notebooks per minute, and the per-notebook
    overhead (wall time outside the cells) next to the bare start-up time of
    a Jupyter kernel.
grade_vs_nbgrader
    40 submissions of lesson 01 graded by ``nbgrader autograde`` and by
    ``course grade`` in the same run (both end to end, as commands, the
    sandbox on); the points must be identical. Target: ``course grade`` at
    least 10x nbgrader's throughput.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ROOT, Result

sys.path.insert(0, str(ROOT / "tests"))


def _kernel_startup(n: int = 3) -> list[float]:
    """Seconds to start a bare Python kernel and get its first reply."""
    from jupyter_client.manager import start_new_kernel

    runs = []
    for _ in range(n):
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        runs.append(time.perf_counter() - start)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return runs


def bench_grade_batch() -> list[Result]:
    import nbformat

    from course import grading as G
    from helpers.submissions import mixed

    n_students = int(os.environ.get("BENCH_GRADE_STUDENTS", "200"))
    lessons = [p.name for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))]
    lessons = [n for n in lessons if G.load_lesson(ROOT / "notebooks" / n).exercises]
    rng = random.Random(1)
    tmp = Path(tempfile.mkdtemp(prefix="bench-grade-"))
    try:
        base = {n: None for n in lessons}
        for i in range(n_students):
            folder = tmp / "subs" / f"s{i:04d}"
            folder.mkdir(parents=True)
            for lesson in lessons:
                nb, _ = mixed(lesson, rng, nb=base[lesson])
                if base[lesson] is None:
                    from helpers.submissions import student_version

                    base[lesson] = student_version(lesson)
                (folder / lesson).write_text(nbformat.writes(nb), encoding="utf-8")
        start = time.perf_counter()
        grades, _ = G.grade_batch(tmp / "subs", ctx=G.GradeContext(workers=2))
        total = time.perf_counter() - start
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    n = len(grades)
    bad = sum(1 for g in grades if g.status != "ok")
    overhead = statistics.median(g.seconds - g.cell_seconds for g in grades)
    cells = statistics.median(g.cell_seconds for g in grades)
    kernel = _kernel_startup()
    return [
        Result(f"course grade -j 2: {n} notebooks ({n_students} students x {len(lessons)} lessons), "
               f"{n / total * 60:.0f} notebooks/min, {bad} not ok", [total], None),
        Result("  per notebook: time inside its cells (median)", [cells], None),
        Result("  per notebook: overhead outside the cells (median)", [overhead], None),
        Result("  bare Jupyter kernel start-up, for comparison", kernel, None),
    ]


def bench_grade_vs_nbgrader(n: int = 40, lesson: str = "01-reading.ipynb") -> list[Result]:
    import nbformat

    from helpers import nbgrader_compat as NBG
    from helpers.submissions import mixed

    if not NBG.available():
        print("grade_vs_nbgrader: nbgrader's venv is missing; run `make nbgrader-env`", file=sys.stderr)
        return []
    rng = random.Random(2)
    tmp = Path(tempfile.mkdtemp(prefix="bench-nbgrader-"))
    try:
        root = NBG.make_course(tmp / "course", lesson)
        NBG.nbgrader(root, "generate_assignment", NBG.ASSIGNMENT, "--force")
        base = NBG.released(root, lesson)
        for i in range(n):
            nb, _ = mixed(lesson, rng, nb=base)
            NBG.submit(root, f"s{i:03d}", lesson, nb)
            (tmp / "subs" / f"s{i:03d}").mkdir(parents=True)
            (tmp / "subs" / f"s{i:03d}" / lesson).write_text(nbformat.writes(nb), encoding="utf-8")
        theirs_time = NBG.autograde(root)
        start = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "course"), "grade", str(tmp / "subs"), "--out", str(tmp / "grades"),
                        "-j", "2", "--quiet"], check=True, capture_output=True, cwd=ROOT)
        ours_time = time.perf_counter() - start
        theirs = NBG.scores(root)
        rows = list(csv.DictReader((tmp / "grades" / "grades.csv").open(encoding="utf-8")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    same = all(
        {k.removeprefix("test_").replace("_", "."): v for k, v in theirs[r["student"]].items() if k.startswith("test_")}
        == {k: float(r[k]) for k in r if k[:1].isdigit() and k in
            {g.removeprefix("test_").replace("_", ".") for g in theirs[r["student"]] if g.startswith("test_")}}
        for r in rows)
    ratio = theirs_time / ours_time
    return [
        Result(f"nbgrader autograde: {n} x {lesson} ({n / theirs_time * 60:.0f} notebooks/min)", [theirs_time], None),
        Result(f"course grade -j 2: same {n} ({n / ours_time * 60:.0f} notebooks/min, {ratio:.1f}x nbgrader; "
               f"points {'identical' if same else 'DIFFER'})", [ours_time], theirs_time / 10),
    ]


FULL = {"grade_batch": bench_grade_batch, "grade_vs_nbgrader": bench_grade_vs_nbgrader}
