"""Quality of the quotation engine on 27 articles we wrote, against hand-made gold files.

The articles and their gold files are in ``benchmarks/quotations/articles/``; see
``benchmarks/quotations/README.md`` for how they were made, the scoring and the split
(test: file numbers divisible by 3, held out from tuning). Run on its own::

    python benchmarks/bench_quotations.py            # both splits, one table
    python benchmarks/bench_quotations.py --split tune --details   # what went wrong, per article
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "quotations" / "articles"
SPLITS = ("tune", "test")
#: Targets on unseen articles (the test split).
TARGETS = {"source_precision": 0.85, "source_recall": 0.85, "type_accuracy": 0.75, "named_accuracy": 0.9,
           "quote_recall": 0.9, "speaker_accuracy": 0.85}


def split_of(path: Path) -> str:
    """``test`` for files whose number is divisible by 3, else ``tune``."""
    return "test" if int(path.name[:2]) % 3 == 0 else "tune"


def articles(split: str) -> list[Path]:
    """The article files of a split, in name order."""
    return [p for p in sorted(ARTICLES.glob("[0-9][0-9]_*.txt")) if split_of(p) == split]


def _norm(name: str) -> str:
    name = re.sub(r"[^\w\s\-]", " ", name.lower())
    name = re.sub(r"^(?:de|het|een)\s+", "", " ".join(name.split()))
    return name


def _same(found: str, aliases: list[str], exact: bool = False) -> bool:
    a = _norm(found)
    for alias in aliases:
        b = _norm(alias)
        if not a or not b:
            continue
        if a == b:
            return True
        if exact:
            continue
        if re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a) or re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b):
            return True
    return False


@dataclass
class Counts:
    found: int = 0
    gold: int = 0
    matched: int = 0
    type_ok: int = 0
    named_ok: int = 0
    quotes: int = 0
    quotes_found: int = 0
    speaker_ok: int = 0

    def add(self, other: "Counts") -> None:
        for key in self.__dict__:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def scores(self) -> dict[str, float]:
        div = lambda a, b: a / b if b else 0.0  # noqa: E731
        return {"source_precision": div(self.matched, self.found), "source_recall": div(self.matched, self.gold),
                "type_accuracy": div(self.type_ok, self.matched), "named_accuracy": div(self.named_ok, self.matched),
                "quote_recall": div(self.quotes_found, self.quotes),
                "speaker_accuracy": div(self.speaker_ok, self.quotes_found)}


def score_article(path: Path, details: list[str] | None = None) -> Counts:
    """Compare the engine's sources and quotations of one article with its gold file."""
    from course import load_article
    from course.analysis.sources import find_sources
    from course.analysis.quotations import list_statements

    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    article = load_article(path)
    sources = find_sources(article)
    c = Counts(found=len(sources), gold=len(gold["sources"]))
    used: set[int] = set()
    rows = list(sources.itertuples())
    exact = {}  # an exact alias match first, then containment
    for r_i, row in enumerate(rows):
        match = next((i for i, g in enumerate(gold["sources"]) if i not in used and _same(row.source, g["aliases"],
                                                                                           exact=True)), None)
        if match is not None:
            exact[r_i] = match
            used.add(match)
    for r_i, row in enumerate(rows):
        match = exact.get(r_i)
        if match is None:
            match = next((i for i, g in enumerate(gold["sources"]) if i not in used and _same(row.source,
                                                                                              g["aliases"])), None)
        if match is None:
            if details is not None:
                details.append(f"  extra source: {row.source!r} ({row.type})")
            continue
        used.add(match)
        g = gold["sources"][match]
        c.matched += 1
        c.type_ok += row.type == g["type"]
        c.named_ok += bool(row.named) == g["named"]
        if details is not None and (row.type != g["type"] or bool(row.named) != g["named"]):
            details.append(f"  {row.source!r}: type {row.type} (gold {g['type']}), named {row.named} "
                           f"(gold {g['named']})")
    if details is not None:
        for i, g in enumerate(gold["sources"]):
            if i not in used:
                details.append(f"  missed source: {g['aliases'][0]!r}")
    quotes = [s for s in list_statements(article) if s.kind != "indirect"]
    aliases = {g["aliases"][0]: g["aliases"] for g in gold["sources"]}
    for q in gold["quotes"]:
        c.quotes += 1
        key = _norm(q["start"])
        hit = next((s for s in quotes if _norm(s.quote).startswith(key)), None)
        if hit is None or hit.kind not in ("direct", "unattributed"):
            if details is not None:
                details.append(f"  missed quote: {q['start']!r}" + (f" (found as {hit.kind})" if hit else ""))
            continue
        c.quotes_found += 1
        ok = hit.speaker is not None and _same(hit.speaker, aliases.get(q["speaker"], [q["speaker"]]))
        c.speaker_ok += ok
        if details is not None and not ok:
            details.append(f"  speaker of {q['start']!r}: {hit.speaker!r} (gold {q['speaker']!r}, rule {hit.rule})")
    return c


def score_split(split: str, details: bool = False) -> tuple[dict[str, float], list[str]]:
    """Scores of one split, and (with ``details``) what went wrong, article by article."""
    total = Counts()
    notes: list[str] = []
    for path in articles(split):
        lines: list[str] = []
        total.add(score_article(path, lines if details else None))
        if lines:
            notes += [path.name, *lines]
    return total.scores(), notes


def table() -> str:
    """One line per measure: tuning split, test split, target."""
    scored = {split: score_split(split)[0] for split in SPLITS}
    lines = [f"{'quotation engine (27 articles we wrote)':<28}  {'tune (18)':>9}  {'test (9)':>9}  {'target':>7}"]
    for key, target in TARGETS.items():
        ok = "ok" if scored["test"][key] >= target else "MISSED"
        lines.append(f"  {key:<26}  {scored['tune'][key]:>9.3f}  {scored['test'][key]:>9.3f}  {target:>7.2f}  {ok}")
    return "\n".join(lines)


def bench_quotation_quality() -> "object":
    """Print the quality table of both splits; time one pass over the 27 articles."""
    from run import Result

    start = time.perf_counter()
    text = table()
    elapsed = time.perf_counter() - start
    print(text, flush=True)
    return Result("quotation engine: 27 gold articles, both splits scored (table above)", [elapsed], None)


QUICK = {"quotation_quality": bench_quotation_quality}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, help="only this split, with --details")
    parser.add_argument("--details", action="store_true", help="list the misses of each article")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.split:
        scores, notes = score_split(args.split, args.details)
        for key, value in scores.items():
            print(f"{key:<26} {value:.3f}")
        print("\n".join(notes))
    else:
        print(table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
