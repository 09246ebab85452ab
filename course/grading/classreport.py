"""The class report: one self-contained HTML page and plots for slides (``class_report.html``, ``plots/``).

What it shows, and the decisions behind it:

- **status counts** over every row (a table and a bar chart);
- per notebook: how many handed it in, the mean and median of the points
  that count *among those who handed it in* (a missing notebook is left
  out, never counted as 0), late rows, and the grading **time per
  notebook** (median and slowest run, seconds, from ``timings.csv``);
- per exercise the **score distribution** (how many handed-in notebooks got
  each number of points; prose answers not graded yet are left out and
  counted apart), partial-credit parts with how often each passed, and the
  **most common wrong answers** of auto-graded exercises (the answers are
  recorded in ``results.json``; answers of notebooks that did not run are
  left out);
- charts are PNG images embedded in the page (base64, each with alt text
  that states its numbers), also written to ``plots/*.png`` and
  ``plots/*.svg`` for slides. The page loads nothing from anywhere
  (no CDN, no script; a Content-Security-Policy forbids it) and is
  rendered from ``templates/class_report.html.j2`` with autoescaping.
"""

from __future__ import annotations

import base64
import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .context import NOT_RUN, STATUSES
from .late import final_points, late_of

#: Wrong answers listed per exercise.
TOP_WRONG = 5


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


@dataclass
class ExerciseStats:
    """One exercise across the class (handed-in notebooks only)."""

    notebook: str
    id: str
    title: str
    kind: str
    max_points: float
    distribution: list[tuple[float, int]] = field(default_factory=list)
    graded: int = 0
    pending: int = 0
    mean: float | None = None
    full: int = 0
    partial: int = 0
    zero: int = 0
    wrong: list[tuple[str, int]] = field(default_factory=list)
    parts: list[tuple[str, int, int]] = field(default_factory=list)   # label, passed, of


@dataclass
class NotebookStats:
    """One notebook across the class."""

    notebook: str
    rows: int
    handed_in: int
    max_points: float
    mean: float | None
    median: float | None
    late: int
    median_seconds: float | None
    max_seconds: float | None
    exercises: list[ExerciseStats]


def class_stats(grades: list[Any]) -> tuple[list[tuple[str, int]], list[NotebookStats]]:
    """Status counts and per-notebook statistics (missing work left out of every distribution)."""
    statuses = Counter(g.status for g in grades)
    counts = [(s, statuses[s]) for s in STATUSES if statuses.get(s)]
    notebooks = []
    by_nb: dict[str, list[Any]] = defaultdict(list)
    for g in grades:
        by_nb[g.notebook].append(g)
    for nb, rows in by_nb.items():
        handed = [g for g in rows if g.status != "missing"]
        finals = [final_points(g) for g in handed]
        ran = [g.seconds for g in handed if g.status not in NOT_RUN and g.seconds > 0]
        exercises: dict[str, ExerciseStats] = {}
        values: dict[str, list[float]] = defaultdict(list)
        wrong: dict[str, Counter] = defaultdict(Counter)
        parts: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for g in handed:
            for e in g.exercises:
                st = exercises.setdefault(e.id, ExerciseStats(nb, e.id, e.title, e.kind, e.max_points))
                if e.points is None:
                    st.pending += 1
                    continue
                values[e.id].append(e.points)
                if e.kind == "auto" and g.status not in NOT_RUN and not e.passed and (e.answer or "").strip():
                    wrong[e.id][e.answer.strip()[:200]] += 1
                for part in getattr(e, "parts", None) or []:
                    tally = parts[e.id].setdefault(str(part.get("label", "")), [0, 0])
                    tally[0] += bool(part.get("passed"))
                    tally[1] += 1
        for ex_id, st in exercises.items():
            pts = values[ex_id]
            st.graded = len(pts)
            st.distribution = sorted(Counter(pts).items())
            st.mean = sum(pts) / len(pts) if pts else None
            st.full = sum(1 for p in pts if p >= st.max_points)
            st.zero = sum(1 for p in pts if p <= 0)
            st.partial = st.graded - st.full - st.zero
            st.wrong = wrong[ex_id].most_common(TOP_WRONG)
            st.parts = [(label, n, of) for label, (n, of) in parts[ex_id].items()]
        order = sorted(exercises.values(), key=lambda s: tuple(int(p) if p.isdigit() else p for p in s.id.split(".")))
        notebooks.append(NotebookStats(
            nb, len(rows), len(handed), max((g.max_points for g in rows), default=0.0),
            sum(finals) / len(finals) if finals else None, statistics.median(finals) if finals else None,
            sum(1 for g in handed if late_of(g) and late_of(g).late),
            statistics.median(ran) if ran else None, max(ran) if ran else None, order))
    return counts, notebooks


@dataclass
class Chart:
    """A chart: file stem, title, alt text, PNG bytes and SVG text."""

    name: str
    title: str
    alt: str
    png: bytes
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _render(fig: Any) -> tuple[bytes, str]:
    import matplotlib

    png, svg = io.BytesIO(), io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "course-grade", "svg.fonttype": "none"}):
        fig.savefig(png, format="png", dpi=110, metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return png.getvalue(), svg.getvalue()


def _integer_ticks(ax: Any) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _figure(height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, height), layout="constrained")
    return fig, fig.add_subplot()


def status_chart(counts: list[tuple[str, int]]) -> Chart:
    """A bar per status."""
    fig, ax = _figure(max(1.8, 0.45 * len(counts) + 0.8))
    labels = [s.replace("_", " ") for s, _ in counts][::-1]
    values = [n for _, n in counts][::-1]
    ax.barh(labels, values, color=["#2a7a3b" if s == "ok" else "#b5542c" for s, _ in counts][::-1])
    for i, v in enumerate(values):
        ax.text(v, i, f" {v}", va="center")
    ax.set_xlabel("notebooks")
    ax.set_title("Status of every notebook")
    _integer_ticks(ax)
    ax.spines[["top", "right"]].set_visible(False)
    alt = "Bar chart of notebook statuses: " + "; ".join(f"{s.replace('_', ' ')} {n}" for s, n in counts) + "."
    return Chart("statuses", "Status of every notebook", alt, *_render(fig))


def exercise_chart(nb: NotebookStats) -> Chart:
    """Per exercise of a notebook: the share of handed-in notebooks with full, part or no points."""
    ex = [e for e in nb.exercises if e.graded]
    fig, ax = _figure(max(2.2, 0.42 * len(ex) + 1.4))
    labels = [e.id for e in ex][::-1]
    full = [e.full for e in ex][::-1]
    part = [e.partial for e in ex][::-1]
    zero = [e.zero for e in ex][::-1]
    ax.barh(labels, full, color="#2a7a3b", label="full points")
    ax.barh(labels, part, left=full, color="#e0a526", label="part of the points")
    ax.barh(labels, zero, left=[a + b for a, b in zip(full, part)], color="#b5542c", label="no points")
    ax.set_xlabel(f"notebooks handed in ({nb.handed_in}; missing ones left out)")
    ax.set_title(f"{nb.notebook}: points per exercise")
    fig.legend(loc="outside lower center", ncols=3, fontsize="small", frameon=False)
    _integer_ticks(ax)
    ax.spines[["top", "right"]].set_visible(False)
    alt = (f"Stacked bar chart for {nb.notebook}, one bar per exercise, of the {nb.handed_in} notebooks handed in: "
           + "; ".join(f"exercise {e.id}: {e.full} full, {e.partial} part, {e.zero} no points" for e in ex) + ".")
    return Chart(f"{nb.notebook.removesuffix('.ipynb')}-exercises", f"{nb.notebook}: points per exercise", alt,
                 *_render(fig))


def time_chart(notebooks: list[NotebookStats]) -> Chart:
    """Median and slowest grading run per notebook."""
    nbs = [n for n in notebooks if n.median_seconds is not None]
    fig, ax = _figure(max(2.2, 0.55 * len(nbs) + 1.4))
    labels = [n.notebook.removesuffix(".ipynb") for n in nbs][::-1]
    ax.barh(labels, [n.max_seconds for n in nbs][::-1], color="#c9d3e6", label="slowest")
    ax.barh(labels, [n.median_seconds for n in nbs][::-1], color="#3b5b92", label="median")
    ax.set_xlabel("seconds per notebook (grading run)")
    ax.set_title("Time per notebook")
    fig.legend(loc="outside lower center", ncols=2, fontsize="small", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    alt = "Bar chart of grading time per notebook: " + "; ".join(
        f"{n.notebook}: median {n.median_seconds:.1f} s, slowest {n.max_seconds:.1f} s" for n in nbs) + "."
    return Chart("time", "Time per notebook", alt, *_render(fig))


def class_report(grades: list[Any], notes: list[str]) -> dict[str, str | bytes]:
    """``class_report.html`` and ``plots/*.png``/``*.svg``: relative path -> content."""
    from .report import environment

    counts, notebooks = class_stats(grades)
    if not grades:
        return {}
    charts = {"statuses": status_chart(counts)}
    for nb in notebooks:
        if any(e.graded for e in nb.exercises):
            charts[nb.notebook] = exercise_chart(nb)
    if any(n.median_seconds is not None for n in notebooks):
        charts["time"] = time_chart(notebooks)
    page = environment().get_template("class_report.html.j2").render(
        counts=counts, notebooks=notebooks, charts=charts, notes=notes, fmt=_fmt,
        students=len({g.student for g in grades}), rows=len(grades))
    files: dict[str, str | bytes] = {"class_report.html": page}
    for chart in charts.values():
        files[f"plots/{chart.name}.png"] = chart.png
        files[f"plots/{chart.name}.svg"] = chart.svg
    return files
