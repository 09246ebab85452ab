"""Charts for the lessons (matplotlib).

Every function returns a :class:`matplotlib.figure.Figure` that is already
closed in pyplot, so a notebook shows it exactly once (as the cell's
result) and a script can save it with ``fig.savefig(...)``. Each figure
carries a one-sentence description in ``fig.alt_text`` for handouts.
Colours are from the colour-blind-safe Okabe–Ito palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.article import Article

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

#: Okabe–Ito colours, safe for colour-blind readers.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
#: Colour per actor kind, shared by charts and highlighted text.
KIND_COLOURS = {
    "person": "#E69F00",
    "country": "#56B4E9",
    "organisation": "#009E73",
    "media": "#CC79A7",
    "group": "#F0E442",
    "other": "#BBBBBB",
    "place": "#DDDDDD",
    "event": "#DDDDDD",
}


def _figure(width: float, height: float) -> tuple["Figure", object]:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    plt.close(fig)
    return fig, ax


def plot_sentence_lengths(article: Article) -> "Figure":
    """Histogram of sentence lengths in words, with the mean marked.

    Parameters
    ----------
    article : Article

    Returns
    -------
    matplotlib.figure.Figure
    """
    lengths = article.sentence_table["words"].tolist()
    fig, ax = _figure(7, 3.2)
    if lengths:
        bins = range(0, max(lengths) + 6, 5)
        ax.hist(lengths, bins=bins, color=PALETTE[0], edgecolor="white")
        mean = sum(lengths) / len(lengths)
        ax.axvline(mean, color=PALETTE[3], linestyle="--", linewidth=1.5)
        ax.annotate(f"mean {mean:.1f} words", (mean, ax.get_ylim()[1] * 0.92), xytext=(4, 0),
                    textcoords="offset points", color=PALETTE[3],
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
    ax.set_xlabel("words per sentence")
    ax.set_ylabel("number of sentences")
    ax.set_title(f"Sentence lengths ({len(lengths)} sentences)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.alt_text = (f"Histogram of the lengths of the article's {len(lengths)} sentences, from "
                    f"{min(lengths, default=0)} to {max(lengths, default=0)} words.")
    return fig


def plot_actor_heatmap(mentions: "pd.DataFrame", n_paragraphs: int, top: int = 10) -> "Figure":
    """Mentions per paragraph of the most-mentioned actors, as a heat map.

    Parameters
    ----------
    mentions : pandas.DataFrame
        From :func:`course.find_actor_mentions`.
    n_paragraphs : int
        Number of paragraphs of the article (columns of the map).
    top : int
        How many actors to show, most mentioned first.

    Returns
    -------
    matplotlib.figure.Figure
    """
    actors = mentions[~mentions["kind"].isin(["place", "event"])]
    order = actors.groupby("actor", sort=False).size().sort_values(ascending=False, kind="stable").index[:top]
    table = (actors[actors["actor"].isin(order)].groupby(["actor", "paragraph"]).size().unstack(fill_value=0)
             .reindex(index=order, columns=range(1, n_paragraphs + 1), fill_value=0))
    fig, ax = _figure(8, 0.45 * max(len(order), 2) + 1.2)
    image = ax.imshow(table.values, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(n_paragraphs), [str(p) for p in table.columns])
    ax.set_yticks(range(len(order)), list(order))
    ax.set_xlabel("paragraph")
    ax.set_title("Who is mentioned where")
    peak = table.values.max() if table.size else 0
    for (row, col), value in __import__("numpy").ndenumerate(table.values):
        if value:
            ax.text(col, row, str(value), ha="center", va="center", fontsize=8,
                    color="white" if value > peak / 2 else "black")
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(image, ax=ax, label="mentions", shrink=0.8, ticks=MaxNLocator(integer=True))
    fig.alt_text = (f"Heat map of mentions per paragraph for the {len(order)} most-mentioned actors; "
                    f"{order[0] if len(order) else 'no actor'} is mentioned most.")
    return fig


def plot_timeline(timeline: "pd.DataFrame") -> "Figure":
    """The dated time expressions on a calendar, ranges as bars.

    Parameters
    ----------
    timeline : pandas.DataFrame
        From :func:`course.build_timeline` with an anchor.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.dates as mdates
    import pandas as pd

    rows = timeline.dropna(subset=["latest"]).reset_index(drop=True)
    fig, ax = _figure(8, 0.42 * max(len(rows), 2) + 1.2)
    for i, row in rows.iterrows():
        label = f"¶{row['paragraph']} {row['expression']}"
        if pd.notna(row["earliest"]) and row["earliest"] != row["latest"]:
            ax.plot([row["earliest"], row["latest"]], [i, i], color=PALETTE[5], linewidth=6, solid_capstyle="butt")
        if pd.notna(row["date"]):
            ax.plot(row["date"], i, "o", color=PALETTE[0])
        else:
            ax.annotate("", xy=(row["latest"], i), xytext=(-30, 0), textcoords="offset points",
                        arrowprops={"arrowstyle": "->", "color": PALETTE[5]})
        ax.annotate(label, (row["latest"], i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks([])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.set_title("Timeline (dates inferred from the anchor)")
    ax.spines[["top", "right", "left"]].set_visible(False)
    if len(rows):
        ax.set_xlim(rows["earliest"].min() - pd.Timedelta(days=3) if rows["earliest"].notna().any() else None,
                    rows["latest"].max() + pd.Timedelta(days=12))
    fig.alt_text = f"Timeline of {len(rows)} time expressions of the article, placed relative to the anchor date."
    return fig


def figure_alt_text(fig: "Figure") -> str | None:
    """The description of a figure for screen readers and handouts.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    str or None
        ``fig.alt_text`` when a course plot function set it; otherwise an
        honest fallback naming the chart's titles (``"Chart titled ...; no
        description was given."``); None for a figure without any title.
    """
    alt = getattr(fig, "alt_text", None)
    if isinstance(alt, str) and alt.strip():
        return alt.strip()
    titles = [t for t in ([fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) else [])
              + [ax.get_title() for ax in fig.axes] if t]
    if titles:
        return "Chart titled " + "; ".join(f"'{t}'" for t in titles) + "; no description was given."
    return None


def _alt_png_formatter_class() -> type:
    """A PNG formatter that adds ``{"alt": ...}`` to the output metadata of a figure.

    It wraps whatever printer is registered for figures (matplotlib-inline
    registers its own when the backend loads, possibly after this module is
    imported), so the PNG itself is exactly what JupyterLab would show anyway.
    """
    from IPython.core.formatters import PNGFormatter

    class AltTextPNGFormatter(PNGFormatter):
        def __call__(self, obj):  # noqa: D102 - IPython formatter protocol
            data = super().__call__(obj)
            if data is None or not hasattr(obj, "savefig") or not hasattr(obj, "axes"):
                return data
            alt = figure_alt_text(obj)
            if not alt:
                return data
            if isinstance(data, tuple) and len(data) == 2:
                data, metadata = data
                return data, {**(metadata or {}), "alt": alt}
            return data, {"alt": alt}

    return AltTextPNGFormatter


def register_alt_text_formatter(shell: object | None = None) -> bool:
    """Make figures shown in IPython carry their alt text in the output metadata.

    A figure's PNG output then looks like ``{"data": {"image/png": ...},
    "metadata": {"image/png": {"alt": "Histogram of ..."}}}`` in the saved
    notebook, and ``course handouts`` uses it as the ``<img alt>``. Called on
    import of this module when running inside IPython; harmless to call twice.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        By default the running shell.

    Returns
    -------
    bool
        True when the formatter is (now) installed, False outside IPython.
    """
    import sys

    if shell is None:
        if "IPython" not in sys.modules:
            return False
        from IPython import get_ipython

        shell = get_ipython()
    formatter = getattr(getattr(shell, "display_formatter", None), "formatters", {}).get("image/png")
    if formatter is None:
        return False
    if getattr(formatter, "_course_alt_text", False):
        return True
    cls = _alt_png_formatter_class()
    new = cls(parent=formatter.parent)
    new.enabled = formatter.enabled
    new.type_printers = formatter.type_printers
    new.deferred_printers = formatter.deferred_printers
    new.singleton_printers = formatter.singleton_printers
    new._course_alt_text = True
    shell.display_formatter.formatters["image/png"] = new
    return True


register_alt_text_formatter()
