"""Benchmarks of ``course handouts`` (slow: in ``run.py --full``).

All HTML handouts (student and teacher edition, every lesson; each edition
built in a fresh interpreter, timed from before ``import course.authoring.handouts``,
so nbconvert's import counts) have a target of 15 s; printing the PDFs with
headless Chromium is reported without a target.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from run import ROOT, Result


def _handouts_in_process(out: Path, edition: str, pdf: bool) -> float:
    code = ("import sys, time; t = time.perf_counter(); from course.authoring.handouts import build_handouts; "
            f"build_handouts(out=sys.argv[1], edition={edition!r}, pdf={pdf!r}); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def bench_handouts(repeat: int = 3) -> list[Result]:
    from course.authoring.handouts import find_chromium, lesson_notebooks

    n = len(lesson_notebooks())
    html_runs = []
    with tempfile.TemporaryDirectory(prefix="course-bench-handouts-") as tmp:
        out = Path(tmp)
        for _ in range(repeat):
            html_runs.append(sum(_handouts_in_process(out / edition, edition, False) for edition in ("student", "teacher")))
        results = [Result(f"HTML handouts, {n} lessons x 2 editions (fresh interpreter)", html_runs, 15.0)]
        if find_chromium():
            pdf_runs = []
            for _ in range(max(1, repeat - 1)):
                with_pdf = sum(_handouts_in_process(out / edition, edition, True) for edition in ("student", "teacher"))
                pdf_runs.append(max(0.0, with_pdf - min(html_runs)))
            results.append(Result(f"PDF printing, {2 * n} handouts (headless Chromium)", pdf_runs, None))
        else:
            print("bench_handouts: Chromium is not installed; PDF printing not timed", file=sys.stderr)
    return results


FULL = {"handouts": bench_handouts}
