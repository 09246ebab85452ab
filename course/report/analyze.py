"""Run every analysis of the lessons on any article file, as JSON, tables or an HTML report.

Usage::

    course analyze PATH... [--format json|text|html] [--out PATH]

Formats
-------
``json`` (the default)
    One JSON object per article, one object per line (JSON Lines), in the
    order of the paths. The object follows ``course/report/analysis.schema.json``
    (JSON Schema draft 2020-12); see :func:`analyze_article` for the fields.
    Keys come in the order of the schema, Dutch letters are written as they
    are (``ensure_ascii=False``), frame scores are rounded to
    :data:`FRAME_DECIMALS` (3) decimals and readability scores to
    :data:`READABILITY_DECIMALS` (2).
``text``
    Readable tables per article: structure, readability, the two summaries,
    frames, sources and quotations.
``html``
    One self-contained page per article (no scripts, no external links,
    charts embedded as ``data:`` PNG images with alt text): the text with
    frame markers and quotations highlighted, the charts and the tables.

Where the output goes
---------------------
``json`` and ``text`` go to standard output, or to the file ``--out FILE``.
An ``html`` report is written by default to the *current folder*, as
``<stem>.analysis.html`` (``001_fietsenstalling_utrecht.analysis.html``), so
that analysing an article never writes next to the article itself (which may
be in a read-only or shared folder). ``--out FILE`` names the file (one
article only), ``--out DIR`` (an existing folder) puts every report there,
and ``--out -`` writes the page to standard output (one article only).
Each written report is announced on standard output (``wrote PATH``).

Bad input
---------
A file that cannot be read as an article (missing, a folder, empty, binary,
not UTF-8, no body text ...) gives one line on standard error naming the
file and the problem, and the exit code 2; the other files are still
analysed. In ``json`` format the bad file also gets an error object in its
place in the stream: ``{"file": ..., "error": <the problem>, "line": <int
or null>}`` (also described by the schema), so the output keeps one line
per path. Exit codes: 0 all analysed, 2 at least one bad file or a bad
``--out``, 1 an unexpected failure inside the analysis (a bug: please report
it with the article).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ..analysis.text import MIN_RELIABLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..analysis.article import Article

#: The JSON Schema (draft 2020-12) of an analysis object and of an error object.
SCHEMA_PATH = Path(__file__).resolve().parent / "analysis.schema.json"
#: Formats of ``course analyze``.
FORMATS = ("json", "text", "html")
#: Sentences in each summary (LEAD-3 and TextRank-3).
SUMMARY_SENTENCES = 3
#: Decimals of the frame scores in the analysis object.
FRAME_DECIMALS = 3
#: Decimals of the readability scores (as :data:`course.analysis.text.READABILITY_DECIMALS`).
READABILITY_DECIMALS = 2
#: The source types of the schema (as :data:`course.analysis.sources.SOURCE_TYPES`).
SOURCE_TYPES = ("official", "expert", "media", "organisation", "citizen", "document", "unknown")
#: The quotation kinds of the schema (as :data:`course.analysis.quotations.KINDS`, without ``indirect``).
QUOTE_KINDS = ("direct", "partial", "scare", "unattributed", "unattributed-partial")
#: How a speaker was found (as :data:`course.analysis.quotations.RULES`).
QUOTE_RULES = ("named", "anonymous", "role", "pronoun", "organisation", "previous", "continued", "agreeing", "none")
#: The frames of the schema (as :data:`course.analysis.framing.FRAMES`).
FRAMES = ("responsibility", "human_interest", "conflict", "morality", "economic")


# --------------------------------------------------------------------------
# the analysis object


def analyze_article(article_or_path: "Article | str | Path") -> dict[str, Any]:
    """Run every analysis of lessons 01-04 on one article.

    Parameters
    ----------
    article_or_path : Article, str or Path
        A parsed article, or the path of an article file in the plain-text
        format (read with :func:`course.load_article`).

    Returns
    -------
    dict
        The analysis object of ``course/report/analysis.schema.json``, keys in this
        order:

        ``file`` (str)
            The path as given (``article.path``).
        ``date`` (str or None)
            ``YYYY-MM`` from the date line.
        ``headings`` (list of str)
            The subheadings in order.
        ``paragraphs`` (list of dict)
            ``index`` (1-based), ``section`` (the heading above it, None
            before the first heading) and ``text``.
        ``sentences`` (int)
            Number of sentences.
        ``readability`` (dict)
            ``flesch_douma`` and ``brouwer`` of the whole text (2 decimals;
            None for a text without words). Below 100 words (the usual
            minimum sample of the formulas, :data:`course.analysis.text.MIN_RELIABLE_WORDS`)
            a score is an illustration, not a measurement.
        ``summary`` (dict)
            ``lead`` and ``textrank``: the chosen sentences (3 at most), in
            article order.
        ``frames`` (dict)
            ``responsibility``, ``human_interest``, ``conflict``,
            ``morality``, ``economic``: the share of paragraphs with at least
            one marker of the frame lexicon (0..1, 3 decimals).
        ``sources`` (list of dict)
            One per source, in order of first paragraph: ``name``, ``type``
            (official, expert, media, organisation, citizen, document or
            unknown), ``named`` (on the record by name), ``side`` (country or
            affiliation the text gives, or ""), ``direct``, ``partial``,
            ``indirect`` (counts of its statements) and ``paragraphs``.
        ``quotes`` (list of dict)
            One per quotation, in text order: ``text`` (without the marks),
            ``kind`` (direct, partial, scare, unattributed or
            unattributed-partial), ``speaker`` (None when nobody is said to
            speak it), ``rule`` (how the speaker was found, see
            :data:`course.analysis.quotations.RULES`) and ``paragraph``.

    Raises
    ------
    ArticleError
        When a path cannot be read as an article.
    TypeError
        For anything but an Article or a path.
    """
    from ..analysis.article import Article, load_article

    if isinstance(article_or_path, (str, Path)):
        article = load_article(article_or_path)
    elif isinstance(article_or_path, Article):
        article = article_or_path
    else:
        raise TypeError(f"analyze_article needs an Article or a path, not {type(article_or_path).__name__}")
    return _analysis(article)


def _analysis(article: "Article") -> dict[str, Any]:
    return {
        "file": str(article.path),
        "date": article.date,
        "headings": list(article.heading_texts),
        "paragraphs": [{"index": p.index, "section": p.section, "text": p.text} for p in article.paragraphs],
        "sentences": len(article.sentences),
        "readability": _readability(article),
        "summary": _summaries(article),
        "frames": _frames(article),
        "sources": _sources(article),
        "quotes": _quotes(article),
    }


def analyze_file(path: str | Path) -> dict[str, Any]:
    """Analyse one file; a file that cannot be read gives an error object instead of raising.

    Parameters
    ----------
    path : str or Path
        An article file in the plain-text format.

    Returns
    -------
    dict
        The analysis object (see :func:`analyze_article`), or an error
        object ``{"file": str, "error": str, "line": int or None}`` naming
        the problem (missing, empty, binary, not UTF-8, no body text ...).
    """
    from ..analysis.article import ArticleError

    try:
        return analyze_article(Path(path))
    except ArticleError as exc:
        return {"file": str(path), "error": exc.problem, "line": exc.line}


def is_error(result: dict[str, Any]) -> bool:
    """True for an error object of :func:`analyze_file`."""
    return "error" in result


def to_json(result: dict[str, Any]) -> str:
    """One analysis (or error) object as one line of JSON, Dutch letters kept."""
    import json

    return json.dumps(result, ensure_ascii=False, allow_nan=False)


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the analysis and error objects."""
    import json

    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _round(value: Any, decimals: int) -> float | None:
    import math

    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, decimals)


def _readability(article: "Article") -> dict[str, float | None]:
    from ..analysis.text import score_readability

    try:
        scores = score_readability(article)  # its sentences are already split
    except ValueError:  # a text without words
        return {"flesch_douma": None, "brouwer": None}
    return {key: _round(scores[key], READABILITY_DECIMALS) for key in ("flesch_douma", "brouwer")}


def _summaries(article: "Article") -> dict[str, list[str]]:
    """LEAD-3 and TextRank-3 (:func:`course.analysis.summarize.summarize_textrank`).

    LEAD-n is by definition the first n sentences, which is what
    :func:`course.analysis.summarize.summarize_lead` returns (a test pins the
    equality); taking them directly skips the table of scores it builds.
    """
    from ..analysis.summarize import summarize_textrank

    return {
        "lead": [s.text for s in article.sentences[:SUMMARY_SENTENCES]],
        "textrank": summarize_textrank(article, n=SUMMARY_SENTENCES)["text"].tolist(),
    }


def _frames(article: "Article") -> dict[str, float]:
    """:func:`course.analysis.framing.lexicon_profile`, computed straight from the markers.

    The same share of paragraphs with at least one marker of each frame
    (a test pins the equality), without the pivot table that
    ``lexicon_profile`` builds for the lesson and that took most of its time.
    """
    from ..analysis.framing import find_frame_markers

    markers = find_frame_markers(article)
    paragraphs = len(article.paragraphs)
    marked: dict[str, set[int]] = {frame: set() for frame in FRAMES}
    for frame, paragraph in zip(markers["frame"].tolist(), markers["paragraph"].tolist()):
        if frame in marked:
            marked[frame].add(paragraph)
    return {frame: round(len(marked[frame]) / paragraphs, FRAME_DECIMALS) if paragraphs else 0.0
            for frame in FRAMES}


def _sources(article: "Article") -> list[dict[str, Any]]:
    """:func:`course.analysis.sources.find_sources`, from its rows (a test pins the equality), without the table."""
    from ..analysis.sources import list_sources

    return [
        {
            "name": str(r["source"]),
            "type": r["type"] if r["type"] in SOURCE_TYPES else "unknown",
            "named": bool(r["named"]),
            "side": str(r["side"] or ""),
            "direct": int(r["direct"]),
            "partial": int(r["partial"]),
            "indirect": int(r["indirect"]),
            "paragraphs": [int(p) for p in r["paragraphs"]],
        }
        for r in list_sources(article)
    ]


def _quotes(article: "Article") -> list[dict[str, Any]]:
    """:func:`course.analysis.sources.find_quotations`, straight from the quotation engine (a test pins the equality)."""
    from ..analysis.quotations import list_statements

    return [
        {"text": s.quote, "kind": s.kind, "speaker": s.speaker, "rule": s.rule, "paragraph": s.paragraph}
        for s in list_statements(article) if s.kind != "indirect"
    ]


# --------------------------------------------------------------------------
# text


def _clip(value: Any, width: int) -> str:
    text = "-" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[Any]], header: list[str], widths: list[int] | None = None) -> list[str]:
    """A plain-text table: numbers right-aligned, long cells clipped."""
    if not rows:
        return ["  (none)"]
    widths = widths or [60] * len(header)
    cells = [[_clip(v, w) for v, w in zip(row, widths)] for row in rows]
    sizes = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    numeric = [all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in rows)
               for i in range(len(header))]

    def line(values: list[str]) -> str:
        return "  " + "  ".join(v.rjust(s) if num else v.ljust(s)
                                for v, s, num in zip(values, sizes, numeric)).rstrip()

    return [line(header), "  " + "  ".join("-" * s for s in sizes), *(line(c) for c in cells)]


def format_text(result: dict[str, Any]) -> str:
    """Readable tables of one analysis object (or the message of an error object).

    Parameters
    ----------
    result : dict
        From :func:`analyze_article` or :func:`analyze_file`.

    Returns
    -------
    str
        Several lines, ending without a newline.
    """
    import textwrap

    if is_error(result):
        where = f", line {result['line']}" if result.get("line") else ""
        return f"{result['file']}{where}: {result['error']}"
    r = result
    words = sum(len(p["text"].split()) for p in r["paragraphs"])
    out = [f"== {r['file']}",
           f"date {r['date'] or '-'} · {len(r['paragraphs'])} paragraphs · {r['sentences']} sentences · "
           f"about {words} words",
           f"headings: {'; '.join(r['headings']) or '(none)'}", ""]
    read = r["readability"]
    note = "" if words >= MIN_RELIABLE_WORDS else f"  (under {MIN_RELIABLE_WORDS} words: an illustration, not a measurement)"
    out += ["Readability (whole text; higher is easier)",
            f"  Flesch-Douma {_fmt(read['flesch_douma'])}   Brouwer {_fmt(read['brouwer'])}{note}", ""]
    for key, title in (("lead", "LEAD-3"), ("textrank", "TextRank-3")):
        out.append(f"Summary ({title})")
        out += [textwrap.fill(s, width=100, initial_indent=f"  {i}. ", subsequent_indent="     ")
                for i, s in enumerate(r["summary"][key], start=1)] or ["  (none)"]
        out.append("")
    out.append("Frames (share of paragraphs with a lexicon marker of the frame, 0..1)")
    out += [f"  {frame.replace('_', ' '):<15} {score:5.3f}  {'#' * round(score * 20)}".rstrip()
            for frame, score in r["frames"].items()]
    out.append("")
    named = sum(s["named"] for s in r["sources"])
    out.append(f"Sources ({len(r['sources'])}: {named} named, {len(r['sources']) - named} anonymous)")
    out += _table([[s["name"], s["type"], "yes" if s["named"] else "no", s["side"] or "-", s["direct"],
                    s["partial"], s["indirect"], ", ".join(map(str, s["paragraphs"]))] for s in r["sources"]],
                  ["source", "type", "named", "side", "direct", "partial", "indirect", "paragraphs"],
                  [40, 12, 5, 20, 6, 7, 8, 20])
    out.append("")
    out.append(f"Quotations ({len(r['quotes'])})")
    out += _table([[q["paragraph"], q["kind"], q["speaker"] or "-", q["rule"], q["text"]] for q in r["quotes"]],
                  ["¶", "kind", "speaker", "rule", "quotation"], [4, 20, 30, 12, 70])
    return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


# --------------------------------------------------------------------------
# html


class Chart(NamedTuple):
    """A chart of the report: the PNG, base64-encoded, its alt text and its caption."""

    data: str
    alt: str
    caption: str


class Table(NamedTuple):
    """A table of the report: column names and rows of cells ``(text, numeric, dutch)``."""

    header: list[str]
    rows: list[list[tuple[str, bool, bool]]]


#: A piece of paragraph text: ``(text, frame or None, colour of the frame's mark or None)``.
Segment = tuple[str, str | None, str | None]
#: A stretch of paragraph text: ``(quotation kind or None, segments)``; with a kind, one quotation.
Run = tuple[str | None, list[Segment]]


def _chart(fig: "Figure", caption: str) -> Chart:
    import base64
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return Chart(data, getattr(fig, "alt_text", "") or caption, caption)


def _frames_figure(frames: dict[str, float]) -> "Figure":
    import matplotlib.pyplot as plt

    from ..analysis.framing import FRAME_COLOURS

    fig, ax = plt.subplots(figsize=(7, 2.8), layout="constrained")
    plt.close(fig)
    names = list(frames)[::-1]
    ax.barh([n.replace("_", " ") for n in names], [frames[n] for n in names],
            color=[FRAME_COLOURS.get(n, "#777777") for n in names])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of paragraphs with a marker")
    ax.set_title("Frames (lexicon)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.alt_text = "Bar chart of the five frame scores (0 to 1): " + ", ".join(
        f"{n.replace('_', ' ')} {v:.2f}" for n, v in frames.items()) + "."
    return fig


def _spans(article: "Article", paragraph: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each quotation in a paragraph, marks included, in order (the engine's offsets)."""
    from ..analysis.quotations import list_statements

    return [(s.start, s.end, s.kind) for s in list_statements(article)
            if s.paragraph == paragraph and s.kind != "indirect"]


def _runs(text: str, markers: list[tuple[int, int, str]], quotes: list[tuple[int, int, str]]) -> list[Run]:
    """A paragraph cut into quotations and the text between them, each cut into frame markers and plain text.

    Parameters
    ----------
    text : str
        The paragraph.
    markers : list of (start, end, frame)
        Frame markers, sorted; a marker that overlaps the one before it or
        crosses a quotation's edge is not marked.
    quotes : list of (start, end, kind)
        Quotations, in order.

    Returns
    -------
    list of Run
        ``(kind, segments)``: ``kind`` is the quotation's kind, or None for
        the text between quotations; each segment is ``(text, frame, colour)``,
        with ``frame`` and ``colour`` None for text outside a marker. Empty
        pieces are left out; the texts of all segments, in order, are ``text``.
    """
    from ..analysis.framing import FRAME_COLOURS

    def segments(lo: int, hi: int) -> list[Segment]:
        parts: list[Segment] = []
        last = lo
        for start, end, frame in markers:
            if start < last or start < lo or end > hi:
                continue
            parts.append((text[last:start], None, None))
            parts.append((text[start:end], frame, FRAME_COLOURS.get(frame, "#DDDDDD")))
            last = end
        parts.append((text[last:hi], None, None))
        return [p for p in parts if p[0]]

    runs: list[Run] = []
    last = 0
    for start, end, kind in quotes:
        runs.append((None, segments(last, start)))
        runs.append((kind, segments(start, end)))
        last = end
    runs.append((None, segments(last, len(text))))
    return [run for run in runs if run[0] is not None or run[1]]


def _cells(header: list[str], rows: list[list[Any]], dutch_columns: tuple[int, ...] = ()) -> Table:
    """Cells as text (``-`` for None), numbers flagged (right-aligned), Dutch columns flagged (``lang="nl"``)."""
    return Table(header, [[("-" if v is None else str(v), isinstance(v, (int, float)) and not isinstance(v, bool),
                            i in dutch_columns) for i, v in enumerate(row)] for row in rows])


def render_html(article_or_path: "Article | str | Path", result: dict[str, Any] | None = None) -> str:
    """A one-page, self-contained HTML report of one article.

    The text with frame markers highlighted and quotations underlined, the
    charts (frames, voices, sentence lengths) as embedded PNG images with
    alt text, and the tables of the analysis. The page comes from the
    template ``course/report/templates/analysis.html.j2`` (autoescaped, see
    :mod:`course.templating`): all article text is escaped by Jinja; the
    article's text carries ``lang="nl"``; the page has no scripts and no
    external links.

    Parameters
    ----------
    article_or_path : Article, str or Path
        The article, or the path of an article file.
    result : dict, optional
        Its analysis object, when already computed.

    Returns
    -------
    str
        The whole page.
    """
    from ..analysis.article import Article, load_article
    from ..analysis.framing import FRAME_COLOURS, find_frame_markers
    from ..analysis.sources import plot_voices
    from ..lesson.plots import plot_sentence_lengths
    from ..templating import render

    article = article_or_path if isinstance(article_or_path, Article) else load_article(article_or_path)
    r = result or analyze_article(article)
    markers = find_frame_markers(article)
    by_paragraph: dict[int, list[tuple[int, int, str]]] = {}
    for m in markers.itertuples(index=False):
        by_paragraph.setdefault(int(m.paragraph), []).append((int(m.start), int(m.end), str(m.frame)))

    paragraphs = []
    seen_section: str | None = None
    for p in article.paragraphs:
        new_section = p.section is not None and p.section != seen_section
        if new_section:
            seen_section = p.section
        paragraphs.append({"index": p.index, "section": p.section if new_section else None,
                           "runs": _runs(p.text, sorted(by_paragraph.get(p.index, [])), _spans(article, p.index))})
    read = r["readability"]
    words = sum(len(p.text.split()) for p in article.paragraphs)
    return render(
        "course.report", "analysis.html.j2",
        name=Path(str(r["file"])).name,
        file=str(r["file"]),
        date=r["date"] or "-",
        n_paragraphs=len(r["paragraphs"]),
        n_sentences=r["sentences"],
        headings="; ".join(r["headings"]) or "(none)",
        flesch_douma=_fmt(read["flesch_douma"]),
        brouwer=_fmt(read["brouwer"]),
        few_words=MIN_RELIABLE_WORDS if words < MIN_RELIABLE_WORDS else None,
        legend=[(f.replace("_", " "), c) for f, c in FRAME_COLOURS.items() if f in FRAMES],
        paragraphs=paragraphs,
        summaries=[(title, r["summary"][key]) for key, title in (("lead", "LEAD-3"), ("textrank", "TextRank-3"))],
        frames=_cells(["frame", "score (0..1)"], [[f.replace("_", " "), v] for f, v in r["frames"].items()]),
        sources=_cells(["source", "type", "named", "side", "direct", "partial", "indirect", "paragraphs"],
                       [[s["name"], s["type"], "yes" if s["named"] else "no", s["side"] or "-", s["direct"],
                         s["partial"], s["indirect"], ", ".join(map(str, s["paragraphs"]))] for s in r["sources"]],
                       (0, 3)),
        quotes=_cells(["¶", "kind", "speaker", "rule", "quotation"],
                      [[q["paragraph"], q["kind"], q["speaker"], q["rule"], q["text"]] for q in r["quotes"]], (2, 4)),
        figures=[
            _chart(_frames_figure(r["frames"]), "Frames: share of paragraphs with a marker of each frame."),
            _chart(plot_voices(article), "Whose voices are heard: statements per side."),
            _chart(plot_sentence_lengths(article), "Sentence lengths in words."),
        ],
    )


# --------------------------------------------------------------------------
# command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``course analyze`` to its subparser."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files in the plain-text format")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json (JSON Lines, the default), text (tables) or html (a report per article)")
    parser.add_argument("--out", metavar="PATH",
                        help="json/text: a file instead of standard output; html: a file (one article), an "
                             "existing folder, or '-' for standard output (default: ./<stem>.analysis.html)")


def _html_targets(paths: list[str], out: str | None) -> list[Path | None] | str:
    """Where each html report goes (None: standard output), or an error message."""
    if out == "-":
        return [None] if len(paths) == 1 else "--out - writes one report to standard output: give one article"
    if out is not None and not Path(out).is_dir():
        return [Path(out)] if len(paths) == 1 else f"--out {out}: with several articles, give an existing folder"
    folder = Path(out) if out is not None else Path.cwd()
    targets, used = [], set()
    for path in paths:
        stem, n = Path(path).stem or "article", 1
        name = f"{stem}.analysis.html"
        while name in used:
            n += 1
            name = f"{stem}-{n}.analysis.html"
        used.add(name)
        targets.append(folder / name)
    return targets


def run(args: argparse.Namespace) -> int:
    """Run ``course analyze``; returns the exit code (0, 2 for bad input, 1 for a failure)."""
    paths = [str(p) for p in args.paths]
    fmt = getattr(args, "format", "json") or "json"
    out = getattr(args, "out", None)
    targets: list[Path | None] | str = []
    if fmt == "html":
        targets = _html_targets(paths, out)
        if isinstance(targets, str):
            print(f"course analyze: {targets}", file=sys.stderr)
            return 2
    stream: TextIO = sys.stdout
    handle = None
    if fmt != "html" and out not in (None, "-"):
        try:
            handle = stream = open(out, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            print(f"course analyze: --out {out}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            return 2
    status = 0
    try:
        for i, path in enumerate(paths):
            try:
                result = analyze_file(path)
            except Exception as exc:  # a bug in a finder: say so in one line, go on with the others
                print(f"course analyze: {path}: analysis failed ({type(exc).__name__}: {exc}); "
                      "please report this with the article", file=sys.stderr)
                status = status or 1
                continue
            if is_error(result):
                print(f"course analyze: {format_text(result)}", file=sys.stderr)
                status = 2
                if fmt == "json":
                    print(to_json(result), file=stream)
                continue
            if fmt == "json":
                print(to_json(result), file=stream)
            elif fmt == "text":
                if i:
                    print(file=stream)
                print(format_text(result), file=stream)
            else:
                page = render_html(path, result)
                target = targets[i]
                if target is None:
                    sys.stdout.write(page)
                    continue
                try:
                    target.write_text(page, encoding="utf-8")
                except OSError as exc:
                    print(f"course analyze: {target}: cannot write the report ({exc.strerror or exc})",
                          file=sys.stderr)
                    status = 2
                    continue
                print(f"wrote {target}")
    except BrokenPipeError:  # `course analyze ... | head`: the reader has gone; stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        if handle is not None:
            handle.close()
    return status


def main(argv: list[str] | None = None) -> int:
    """``python -m course.report.analyze PATH...``: the same as ``course analyze PATH...``."""
    parser = argparse.ArgumentParser(prog="course analyze", description=(__doc__ or "").split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
