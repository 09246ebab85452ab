"""Show an article in a notebook: Dutch next to English, paragraph by paragraph.

Objects returned here render as HTML in JupyterLab and in HTML handouts
(``_repr_html_``) and as plain text elsewhere (``__str__``). The HTML uses
no scripts and no external resources; it comes from the autoescaped
templates in ``course/lesson/templates/`` (see :mod:`course.templating`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..analysis.article import Article, ArticleError, load_article
from ..paths import data_path

#: Folder of the English working translations (``<article stem>.en.txt``).
TRANSLATIONS_DIR = data_path("translations")


def translation_path(article: Article) -> Path:
    """Where the English translation of an article is expected.

    Parameters
    ----------
    article : Article

    Returns
    -------
    Path
        ``data/translations/<article file stem>.en.txt``.
    """
    return TRANSLATIONS_DIR / f"{Path(article.path).stem}.en.txt"


def load_translation(article: Article, path: str | Path | None = None) -> Article:
    """Read the English working translation of an article, aligned by paragraph.

    Parameters
    ----------
    article : Article
        The Dutch article.
    path : str or Path, optional
        The translation file; by default :func:`translation_path`.

    Returns
    -------
    Article
        The translation, parsed like an article: paragraph *n* translates
        paragraph *n* of ``article``.

    Raises
    ------
    ArticleError
        When the file cannot be read, or its paragraphs or headings do not
        line up with the article's (the message gives both counts).
    """
    path = Path(path) if path is not None else translation_path(article)
    english = load_article(path)
    if len(english.paragraphs) != len(article.paragraphs):
        raise ArticleError(
            str(path),
            f"has {len(english.paragraphs)} paragraphs but the article has {len(article.paragraphs)}; "
            "a translation needs one paragraph per paragraph",
        )
    if len(english.headings) != len(article.headings) or any(
        h.first_paragraph != g.first_paragraph for h, g in zip(english.headings, article.headings)
    ):
        raise ArticleError(str(path), "its headings do not stand before the same paragraphs as the article's")
    return english


@dataclass(frozen=True)
class SideBySide:
    """Dutch and English paragraphs in two columns (see :func:`show_side_by_side`).

    Attributes
    ----------
    dutch, english : Article
        The article and its aligned translation.
    paragraphs : tuple of int
        Paragraph numbers shown.
    """

    dutch: Article
    english: Article
    paragraphs: tuple[int, ...]

    def _rows(self) -> list[tuple[str, str, str | None, str | None]]:
        """(number, dutch, english, heading pair or None) per shown paragraph."""
        rows = []
        for n in self.paragraphs:
            nl, en = self.dutch.paragraph(n), self.english.paragraph(n)
            heading = next((h for h in self.dutch.headings if h.first_paragraph == n), None)
            en_heading = next((h for h in self.english.headings if h.first_paragraph == n), None)
            rows.append((str(n), nl.text, en.text, (heading.text, en_heading.text) if heading and en_heading else None))
        return rows

    def __str__(self) -> str:
        out = []
        for n, nl, en, heading in self._rows():
            if heading:
                out.append(f"## {heading[0]}  /  {heading[1]}")
            out.append(f"[{n}] NL: {nl}\n    EN: {en}")
        return "\n".join(out)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        """The two-column table, from ``course/lesson/templates/side_by_side.html.j2`` (autoescaped)."""
        from ..templating import render

        return render("course.lesson", "side_by_side.html.j2", rows=self._rows())


def show_side_by_side(
    article: Article,
    english: Article | None = None,
    paragraphs: list[int] | range | None = None,
) -> SideBySide:
    """Show the Dutch article and its English translation side by side.

    Parameters
    ----------
    article : Article
        The Dutch article.
    english : Article, optional
        Its translation; by default read with :func:`load_translation`.
    paragraphs : list of int or range, optional
        1-based paragraph numbers to show; all by default.

    Returns
    -------
    SideBySide
        Displays as a two-column table in a notebook, as text elsewhere.
    """
    english = english if english is not None else load_translation(article)
    numbers = tuple(paragraphs) if paragraphs is not None else tuple(p.index for p in article.paragraphs)
    for n in numbers:
        article.paragraph(n)  # raises a clear IndexError for a wrong number
    return SideBySide(article, english, numbers)


@dataclass(frozen=True)
class HighlightedText:
    """Article text with spans highlighted (see :func:`show_actors`).

    Attributes
    ----------
    html : str
        Self-contained HTML (inline styles, no scripts, no external links).
    text : str
        Plain-text version: each span as ``[text|LABEL]``.
    """

    html: str
    text: str

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self.html


def render_highlights(
    docs: Sequence[Mapping[str, Any]],
    colours: Mapping[str, str],
    legend: Mapping[str, str],
    label: str,
    css_class: str,
) -> str:
    """The HTML of paragraphs with highlighted spans under a legend (displaCy's entity style).

    The fragment of :func:`show_actors` and of the frame and word-choice
    highlights of :mod:`course.analysis.framing`, rendered from
    ``course/lesson/templates/highlighted.html.j2`` (autoescaped). displaCy
    marks up each paragraph (it escapes the text); the template writes the
    legend, each paragraph's label and the frame around them.

    Parameters
    ----------
    docs : sequence of dict
        One per paragraph, in displaCy's manual format: ``text``, ``ents``
        (dicts of ``start``, ``end``, ``label``) and ``title``, the
        paragraph's label (``"¶3"``).
    colours : mapping
        Span label (as in ``ents``) -> CSS colour of its highlight.
    legend : mapping
        Name -> CSS colour, listed in this order after ``label``.
    label : str
        What the legend lists (``"Kinds"``, ``"Frames"``).
    css_class : str
        The class of the fragment's ``<div>`` (``"course-actors"``, ``"course-framing"``).

    Returns
    -------
    str
        One ``<div lang="nl">``: no scripts, no external links.
    """
    from spacy import displacy

    from ..templating import render

    options = {"colors": dict(colours)}
    paragraphs = [(doc.get("title") or "",
                   displacy.render([{"text": doc["text"], "ents": list(doc["ents"])}], style="ent", manual=True,
                                   page=False, jupyter=False, options=options))
                  for doc in docs]
    return render("course.lesson", "highlighted.html.j2", css_class=css_class, label=label,
                  legend=list(legend.items()), paragraphs=paragraphs)


def show_actors(article: Article, paragraphs: list[int] | range | None = None) -> HighlightedText:
    """Highlight the actors in the text, coloured by kind (displaCy).

    Parameters
    ----------
    article : Article
    paragraphs : list of int or range, optional
        1-based paragraph numbers; all by default.

    Returns
    -------
    HighlightedText
        Displays as highlighted HTML in a notebook, as marked-up text elsewhere.
    """
    from .plots import KIND_COLOURS
    from ..analysis.reading import find_actor_mentions

    mentions = find_actor_mentions(article)
    numbers = list(paragraphs) if paragraphs is not None else [p.index for p in article.paragraphs]
    docs, plain = [], []
    for n in numbers:
        para = article.paragraph(n)
        rows = mentions[mentions["paragraph"] == n]
        ents = [{"start": int(r.start), "end": int(r.end), "label": r.kind.upper()} for r in rows.itertuples()]
        docs.append({"text": para.text, "ents": ents, "title": f"¶{n}"})
        marked, last = [], 0
        for r in rows.itertuples():
            marked.append(para.text[last : r.start] + f"[{para.text[r.start:r.end]}|{r.kind.upper()}]")
            last = r.end
        plain.append(f"¶{n} " + "".join(marked) + para.text[last:])
    colours = {k.upper(): v for k, v in KIND_COLOURS.items()}
    legend = {k: v for k, v in KIND_COLOURS.items() if k not in ("place", "event") or (mentions["kind"] == k).any()}
    page = render_highlights(docs, colours, legend, "Kinds", "course-actors")
    return HighlightedText(page, "\n".join(plain))
