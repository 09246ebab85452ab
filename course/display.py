"""Show an article in a notebook: Dutch next to English, paragraph by paragraph.

Objects returned here render as HTML in JupyterLab and in HTML handouts
(``_repr_html_``) and as plain text elsewhere (``__str__``). The HTML uses
no scripts and no external resources.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .article import Article, ArticleError, load_article
from .paths import data_path

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
        esc = html.escape
        parts = [
            '<table class="course-side-by-side" style="border-collapse:collapse;width:100%;'
            'table-layout:fixed;font-size:0.95em">',
            "<caption style='text-align:left;font-weight:bold;padding:0.3em 0'>"
            "The article (Dutch) with our English working translation</caption>",
            "<thead><tr><th scope='col' style='width:3em;text-align:right;padding:0.3em'>¶</th>"
            "<th scope='col' lang='nl' style='text-align:left;padding:0.3em'>Nederlands</th>"
            "<th scope='col' style='text-align:left;padding:0.3em'>English</th></tr></thead><tbody>",
        ]
        for n, nl, en, heading in self._rows():
            if heading:
                parts.append(
                    "<tr><td></td>"
                    f"<th scope='rowgroup' lang='nl' style='text-align:left;padding:0.6em 0.3em 0.2em'>{esc(heading[0])}</th>"
                    f"<th scope='rowgroup' style='text-align:left;padding:0.6em 0.3em 0.2em'>{esc(heading[1])}</th></tr>"
                )
            parts.append(
                "<tr style='border-top:1px solid #ccc;vertical-align:top'>"
                f"<td style='text-align:right;padding:0.3em;color:#555'>{n}</td>"
                f"<td lang='nl' style='padding:0.3em 0.6em 0.3em 0.3em;text-align:left'>{esc(nl)}</td>"
                f"<td style='padding:0.3em;text-align:left;color:#333'>{esc(en)}</td></tr>"
            )
        parts.append("</tbody></table>")
        return "".join(parts)


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
    from spacy import displacy

    from .plots import KIND_COLOURS
    from .reading import find_actor_mentions

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
    body = displacy.render(docs, style="ent", manual=True, page=False, jupyter=False, options={"colors": colours})
    legend = " ".join(
        f'<span style="background:{v};padding:0.1em 0.4em;border-radius:0.3em;margin-right:0.3em">{html.escape(k)}</span>'
        for k, v in KIND_COLOURS.items()
        if k not in ("place", "event") or (mentions["kind"] == k).any()
    )
    # displaCy makes each title an <h2>; paragraph labels are not document headings
    body = re.sub(r"<h2[^>]*>(.*?)</h2>", r'<p style="font-weight:bold;margin:0.6em 0 0">\1</p>', body)
    page = f'<div class="course-actors" lang="nl"><p style="font-size:0.9em">Kinds: {legend}</p>{body}</div>'
    return HighlightedText(page, "\n".join(plain))
