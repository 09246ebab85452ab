"""Sharded grading (``python benchmarks/run.py --only shard``; part of ``make bench``).

A class of ``BENCH_SHARD_STUDENTS`` (default 12) synthetic students x 2
lessons (``BENCH_SHARD_LESSONS``, default ``00-start,04-sources``) graded
with the sandbox on, each run as the command a job engine would start:

- 1 shard: one ``course grade -j 2`` (the unsharded run);
- 2 and N (``BENCH_SHARDS``, default 4) shards at the same time on this
  machine, each ``course grade --shard K/N -j 1`` (with N above the number of
  cores they compete, as more shards than nodes would);
- an empty shard (``--shard`` with no student in its share): the fixed cost
  of any shard (start-up, the instructor notebooks run once, writing);
- ``course grade merge`` of the N shards (checked identical to the
  unsharded run), and the rendering a merge does, for 500 students x 6
  notebooks (``BENCH_SHARD_RENDER_STUDENTS``; rows cloned from the measured
  ones, written to disk), scaled to 30,000 rows.

The README's "Grading a large class in shards" turns these into the
arithmetic for 30,000 notebooks on a number of nodes.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ROOT, Result

sys.path.insert(0, str(ROOT / "tests"))

COURSE = str(ROOT / ".venv" / "bin" / "course")
#: Outputs that show run times (which differ between any two runs): left out of the comparison.
TIMED = ("class_report.html", "plots/time.png", "plots/time.svg")
#: Students whose outputs the merge-rendering benchmark writes (x 6 notebooks each).
RENDER_STUDENTS = int(os.environ.get("BENCH_SHARD_RENDER_STUDENTS", "500"))


def _class(dest: Path, n: int, lessons: list[str]) -> None:
    import nbformat

    from helpers.answers import REFERENCE, WRONG
    from helpers.submissions import exercises, fill_answers, student_version

    rng = random.Random(30000)
    base = {lesson: student_version(lesson) for lesson in lessons}
    for i in range(n):
        folder = dest / f"s{i:03d}"
        folder.mkdir(parents=True)
        for lesson in lessons:
            answers = {}
            for ex in exercises(lesson):
                if ex in REFERENCE:
                    wrong = WRONG.get(ex)
                    answers[ex] = rng.choice(wrong)[0] if wrong and rng.random() < 0.4 else REFERENCE[ex]
            nb = fill_answers(copy.deepcopy(base[lesson]), answers)
            (folder / lesson).write_text(nbformat.writes(nb), encoding="utf-8")


def _grade(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([COURSE, "grade", *args, "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _wait(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        _, err = p.communicate()
        if p.returncode:
            raise RuntimeError(f"course grade exited {p.returncode}: {err[-2000:]}")


def _shards(subs: Path, out: Path, n: int) -> float:
    start = time.perf_counter()
    _wait([_grade([str(subs), "--shard", f"{k}/{n}", "--out", str(out / f"shard-{k}"), "-j", "1"])
           for k in range(n)])
    return time.perf_counter() - start


def _differ(full: Path, merged: Path) -> list[str]:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and not p.relative_to(root).parts[0].startswith("shard-")}

    a, b = files(full), files(merged)
    strip = lambda t: re.sub(rb'\n *"(cell_)?seconds": [0-9.e+-]+,', b"", t)  # noqa: E731 - run times differ
    return sorted(set(a) ^ set(b)) + [k for k in sorted(set(a) & set(b)) if k not in TIMED
                                       and (a[k] != b[k] if k != "results.json" else strip(a[k]) != strip(b[k]))]


def _render(rows_from: Path, dest: Path, students: int) -> float:
    """Seconds to write the outputs of ``students`` x 6 notebooks, rows cloned from a measured run."""
    from course.grading.lessons import load_lesson
    from course.grading.report import read_results_full, write_outputs

    grades, notes, settings = read_results_full(rows_from / "results.json")
    proto = [g for g in grades if g.status == "ok"] or grades
    rows = []
    for i in range(students):
        for j in range(6):
            g = proto[(i * 6 + j) % len(proto)]
            rows.append(dataclasses.replace(g, student=f"x{i:04d}", notebook=f"0{j}-{g.notebook[3:]}",
                                            exercises=list(g.exercises)))
    lessons = {n: load_lesson(ROOT / "notebooks" / n) for n in dict.fromkeys(g.notebook for g in grades)}
    start = time.perf_counter()
    write_outputs(dest, rows, notes, lessons, settings)
    return time.perf_counter() - start


def bench_shard() -> list[Result]:
    from course.grading.sandbox import sandbox_problem

    problem = sandbox_problem(ROOT)
    if problem:
        print(f"shard: not measured, the sandbox cannot run here ({problem})", file=sys.stderr)
        return []
    n_students = int(os.environ.get("BENCH_SHARD_STUDENTS", "12"))
    n_shards = int(os.environ.get("BENCH_SHARDS", "4"))
    lessons = [n if n.endswith(".ipynb") else n + ".ipynb"
               for n in os.environ.get("BENCH_SHARD_LESSONS", "00-start,04-sources").split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="bench-shard-"))
    try:
        subs = tmp / "subs"
        _class(subs, n_students, lessons)
        notebooks = n_students * len(lessons)
        start = time.perf_counter()
        _wait([_grade([str(subs), "--out", str(tmp / "one"), "-j", "2"])])
        one = time.perf_counter() - start
        start = time.perf_counter()
        _wait([_grade([str(subs), "--shard", f"{n_students}/{n_students + 1}", "--out", str(tmp / "empty"),
                       "-j", "1"])])
        empty = time.perf_counter() - start
        two = _shards(subs, tmp / "two", 2)
        many = _shards(subs, tmp / "many", n_shards)
        start = time.perf_counter()
        subprocess.run([COURSE, "grade", "merge", *[str(tmp / "many" / f"shard-{k}") for k in range(n_shards)],
                        "--out", str(tmp / "many")], cwd=ROOT, check=True, capture_output=True)
        merge = time.perf_counter() - start
        differ = _differ(tmp / "one", tmp / "many")
        if differ and os.environ.get("BENCH_SHARD_KEEP"):
            print(f"bench_shard: kept {tmp}", file=sys.stderr)
            tmp = Path(tempfile.mkdtemp(prefix="bench-shard-gone-"))
        render = _render(tmp / "one", tmp / "big", RENDER_STUDENTS)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cores = os.cpu_count() or 1
    rate = lambda t: f"{notebooks / t * 60:.0f} notebooks/min"  # noqa: E731
    return [
        Result(f"shards: {notebooks} notebooks ({n_students} students x {len(lessons)} lessons), {cores} cores; "
               f"1 shard (-j 2): {rate(one)}", [one], None),
        Result(f"  2 shards at once (-j 1 each): {rate(two)}", [two], None),
        Result(f"  {n_shards} shards at once (-j 1 each): {rate(many)}", [many], None),
        Result("  one empty shard: the fixed cost of a shard (start-up, lessons, outputs)", [empty], None),
        Result(f"  `course grade merge` of the {n_shards} shards ("
               + ("identical to 1 shard)" if not differ else f"DIFFERENT: {', '.join(differ[:3])})"),
               [merge], None),
        Result(f"  merge rendering for {RENDER_STUDENTS * 6:,} rows ({RENDER_STUDENTS} students x 6 notebooks; "
               f"x{30000 // (RENDER_STUDENTS * 6)} for 30,000 rows: ~{render * 30000 / (RENDER_STUDENTS * 6):.0f} s)",
               [render], None),
    ]


QUICK = {"shard": bench_shard}
