"""Benchmarks with targets: ``make bench`` prints a table.

Usage::

    python benchmarks/run.py            # the quick ones (seconds each; sharded grading about a minute)
    python benchmarks/run.py --full     # also the slow ones (fresh-clone set-up, grading; minutes)
    python benchmarks/run.py --only load_article

Each benchmark reports the median (and the slowest) of several runs, its
target, and whether the median meets it. Tests never assert on time; this
table is where speed is checked. Exit code is 0 even when a target is
missed (the table says so): timing on a shared machine is evidence, not a
gate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Result:
    name: str
    runs: list[float]
    target: float | None
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def _fmt(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Run ``fn`` ``warmup`` times untimed, then ``repeat`` times timed."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def bench_cold_import() -> Result:
    """`import course` in a fresh interpreter (minus the interpreter's own start-up)."""
    code = "import time; t=time.perf_counter(); import course; print(time.perf_counter()-t)"
    runs = []
    for _ in range(7):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(float(out.stdout))
    return Result("cold `import course`", runs, 0.3)


def bench_cold_first_article() -> Result:
    """First `load_article()` in a fresh interpreter: imports spaCy and builds the pipeline."""
    code = ("import time; t=time.perf_counter(); from course import load_article; load_article(); "
            "print(time.perf_counter()-t)")
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(float(out.stdout))
    return Result("first load_article (cold, incl. spaCy import)", runs, None)


def bench_load_article() -> Result:
    from course import load_article

    return Result("load_article(seed), warm", timed(load_article, 30), 0.050)


def bench_tables() -> Result:
    from course import load_article

    article = load_article()
    return Result("paragraph_table + sentence_table, warm",
                  timed(lambda: (article.paragraph_table, article.sentence_table), 30), None)


def bench_check() -> Result:
    from course import check

    return Result("check() of one answer, warm", timed(lambda: check("0.3", ["a", "b", "c"]), 200), None)


def bench_text() -> Result:
    from course import load_article
    from course.analysis import text

    article = load_article()

    def run() -> None:
        text.find_readability(article)
        text.find_rare_words(article.text)

    return Result("find_readability + find_rare_words(seed), warm", timed(run, 20), 0.100)


def bench_fresh_setup() -> list[Result]:
    """Clone the repo and time `make setup`, then `make test` after set-up.

    A failing step does not stop the table: its row says FAILED and the
    output is kept in ``.bench/``.
    """
    tmp = Path(tempfile.mkdtemp(prefix="course-bench-"))
    logs = ROOT / ".bench"
    logs.mkdir(exist_ok=True)
    results = []
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp / "repo")], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
        for target, label, goal in (("setup", "`make setup` on a fresh clone", None),
                                    ("test", "`make test` after set-up", 300.0)):
            start = time.perf_counter()
            proc = subprocess.run(["make", target], cwd=tmp / "repo", env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if proc.returncode:
                log = logs / f"fresh-make-{target}.log"
                log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
                label += f" FAILED (exit {proc.returncode}; see {log.relative_to(ROOT)})"
            results.append(Result(label, [elapsed], goal))
            if proc.returncode:
                break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def bench_actors_timeline() -> Result:
    from course import build_timeline, find_actors, load_article

    article = load_article()

    def run() -> None:
        find_actors(article)
        build_timeline(article, "2022-03-14")

    return Result("find_actors + build_timeline(seed), warm", timed(run, 20), 0.050)


def bench_summarize() -> Result:
    from course import (find_rouge, join_summary, load_article, load_references, summarize_frequency,
                        summarize_lead, summarize_textrank)

    article = load_article()
    refs = load_references(article)

    def run() -> None:
        for summarize in (summarize_lead, summarize_frequency, summarize_textrank):
            find_rouge(join_summary(summarize(article)), refs)

    return Result("3 summarizers + ROUGE vs 3 references (seed), warm", timed(run, 20), 0.100)


def bench_sources() -> Result:
    from course import find_sources, load_article

    article = load_article()
    return Result("find_sources(seed), warm", timed(lambda: find_sources(article), 20), 0.050)


def bench_framing() -> Result:
    from course import find_frame_markers, load_article

    article = load_article()
    return Result("find_frame_markers(seed), warm", timed(lambda: find_frame_markers(article), 20), 0.050)


def bench_framing_throughput(n_articles: int = 1000) -> Result:
    """find_frame_markers over articles made by recombining the paragraphs we ship."""
    import random

    from course import find_frame_markers, load_article, parse_article

    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "articles").glob("*.txt"))
    pool = [p.text for f in files for p in load_article(f).paragraphs]
    rng = random.Random(0)
    texts = ["date 2022-03\n\n" + "\n\n".join(rng.sample(pool, k=rng.randint(5, 15))) + "\n" for _ in range(n_articles)]
    start = time.perf_counter()
    for i, text in enumerate(texts):
        find_frame_markers(parse_article(text, f"<bench {i}>"))
    elapsed = time.perf_counter() - start
    return Result(f"parse + find_frame_markers, {n_articles} articles ({n_articles / elapsed:.0f} articles/s)",
                  [elapsed], None)


QUICK = {
    "cold_import": bench_cold_import,
    "first_article": bench_cold_first_article,
    "load_article": bench_load_article,
    "tables": bench_tables,
    "check": bench_check,
    "text": bench_text,
    "actors_timeline": bench_actors_timeline,
    "summarize": bench_summarize,
    "sources": bench_sources,
    "framing": bench_framing,
    "framing_throughput": bench_framing_throughput,
}


FULL: dict[str, Callable[[], "Result | list[Result]"]] = {"fresh_setup": bench_fresh_setup}


def _discover() -> None:
    """Add the benchmarks of every ``benchmarks/bench_*.py``.

    Each such module may define ``QUICK`` and ``FULL`` dicts (name -> function
    returning a :class:`Result` or a list of them); it imports ``Result`` and
    ``timed`` from this module (``from run import Result, timed``).
    """
    import importlib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.modules.setdefault("run", sys.modules[__name__])
    for path in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        QUICK.update(getattr(module, "QUICK", {}))
        FULL.update(getattr(module, "FULL", {}))


def main(argv: list[str] | None = None) -> int:
    _discover()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="also the slow ones: fresh-clone set-up, batch grading, handouts (minutes)")
    parser.add_argument("--only", nargs="*", choices=sorted(QUICK) + sorted(FULL), help="run only these benchmarks")
    args = parser.parse_args(argv)
    results: list[Result] = []
    chosen = [(n, f) for n, f in QUICK.items()]
    if args.full or args.only:
        chosen += [(n, f) for n, f in FULL.items()]
    for name, fn in chosen:
        if args.only and name not in args.only:
            continue
        if not args.only and not args.full and name in FULL:
            continue
        out = fn()
        results.extend(out if isinstance(out, list) else [out])
    width = max(len(r.name) for r in results)
    print(f"{'benchmark':<{width}}  {'median':>10}  {'slowest':>10}  {'runs':>4}  {'target':>9}  ok")
    print("-" * (width + 46))
    for r in results:
        target = f"≤ {_fmt(r.target)}" if r.target else "-"
        ok = "-" if r.target is None else ("yes" if r.median <= r.target else "NO")
        print(f"{r.name:<{width}}  {_fmt(r.median):>10}  {_fmt(max(r.runs)):>10}  {len(r.runs):>4}  {target:>9}  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
