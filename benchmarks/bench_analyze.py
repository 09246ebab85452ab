"""Throughput of ``course analyze``: every analysis of the lessons, article after article, in one process."""

from __future__ import annotations

import random
import time
from pathlib import Path

from run import Result

ROOT = Path(__file__).resolve().parent.parent


def make_articles(n_articles: int = 1000, seed: int = 0) -> list[str]:
    """Article texts made by recombining the paragraphs of the seed and of ``data/articles/``.

    Each has a date line and 5 to 15 paragraphs; about one in three gets a
    subheading before a random paragraph, so sections vary too.
    """
    from course import load_article

    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "data" / "articles").glob("*.txt"))
    articles = [load_article(f) for f in files]
    pool = [p.text for a in articles for p in a.paragraphs]
    headings = [h for a in articles for h in a.heading_texts]
    rng = random.Random(seed)
    texts = []
    for _ in range(n_articles):
        blocks = rng.sample(pool, k=rng.randint(5, 15))
        if rng.random() < 1 / 3:
            blocks.insert(rng.randint(1, len(blocks) - 1), rng.choice(headings))
        texts.append("date 2022-03\n\n" + "\n\n".join(blocks) + "\n")
    return texts


def bench_analyze_throughput(n_articles: int = 1000) -> Result:
    """Parse + ``analyze_article`` + JSON line, for 1,000 generated articles (target ≥ 50 articles/s)."""
    from course.report.analyze import analyze_article, to_json
    from course.analysis.article import parse_article

    texts = make_articles(n_articles)
    for text in texts[:3]:  # warm up: spaCy pipelines, lexicons, pandas
        to_json(analyze_article(parse_article(text, "<warm-up>")))
    start = time.perf_counter()
    for i, text in enumerate(texts):
        to_json(analyze_article(parse_article(text, f"<bench {i}>")))
    elapsed = time.perf_counter() - start
    return Result(f"course analyze (json), {n_articles} articles ({n_articles / elapsed:.0f} articles/s)",
                  [elapsed], 20.0)


QUICK = {"analyze_throughput": bench_analyze_throughput}
