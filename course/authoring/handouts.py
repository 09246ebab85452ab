"""HTML and PDF handouts of the lessons (``course handouts``).

``course handouts [--edition student|teacher] [--out DIR] [--no-pdf]`` renders
every lesson notebook ``notebooks/NN-name.ipynb`` as one self-contained HTML
file, writes an ``index.html`` that links them, and prints each handout to an
A4 PDF with headless Chromium when Chromium is installed (when it is not, one
line says so and the HTML is still written). :func:`build_handouts` does the
same from Python and returns the written paths.

Editions
--------
*student*
    Made from the instructor notebook by :func:`course.authoring.transforms.student_notebook`
    (solution regions, hidden tests and ``teacher``-tagged cells removed), then
    the outputs of the ordinary (non-exercise) cells are put back from the
    instructor notebook, so worked examples show their tables and charts.
    Images attached to ordinary markdown cells are put back too (the release
    drops attachments). The locked check cells and the comment stubs of the
    graded test cells are left out (:data:`course.authoring.transforms.PAPER_LEFT_OUT`): nothing runs
    them on paper. Answer cells show no output; every answer cell and every
    prose answer gets a ruled box to write in. The build refuses (raises
    :class:`HandoutError`) when the rendered page would still contain a
    solution line, a hidden test line, a marker or a teacher cell.
*teacher*
    The instructor notebook as it is: solutions, hidden tests, rubrics and
    reference codings (cells tagged ``teacher``, labelled "Teacher only").

The page (template ``course/authoring/templates/handout/``)
-------------------------------------------------
The course title, the lesson number and title (from the notebook's H1), a
learning-goals box (the ``**Learning goals.**`` paragraph of the first
markdown cells, found, not hard-coded), a table of contents (every H2, with
the exercises under their section), the cells, and a print stylesheet: A4;
no forced page break before a section (a heading is kept with what follows
it, so a page breaks only where the next block does not fit); no figure,
table row, hint or answer box cut across pages; hints (collapsed
``<details>``) printed open, as a box, while on screen they stay collapsed
until clicked. Actor highlights (:func:`course.show_actors`) are coloured by
kind through :func:`actor_kind_css`, the legend with the same colours and
borders. On a phone the page reflows to the screen width.

Self-contained and safe (decisions)
-----------------------------------
- HTML in markdown cells and in ``text/html`` outputs is sanitised with an
  allow-list (nh3, the binding of the Rust sanitiser ammonia): tables, lists, headings, ``details``, ``mark`` and
  inline styles stay; ``script``, ``style``, ``iframe``, ``object``, forms,
  event handlers and ``javascript:`` URLs go (``script`` and ``style``
  elements with their content). Style attributes with ``url(``, ``@import``,
  ``expression`` or backslash escapes are dropped. Outputs other than text,
  HTML, markdown, PNG and JPEG (JavaScript, widgets, SVG, LaTeX) are dropped.
- Images are embedded as ``data:`` URIs. Output figures come from the
  notebook; markdown images must be cell attachments: a markdown image that
  points at a file or URL is removed, never read (no host file is embedded,
  cf. CVE-2026-39378).
- Links: an in-page link (``#id``) or a relative link to another handout
  stays a link. **A link to the outside is not kept as a link**: its text
  stays and the address follows as plain text in brackets. A handout is read
  offline or on paper, where the address is what a reader needs, and a page
  with no external ``href``/``src`` can be checked mechanically
  (:func:`find_external_references`, run on every page before it is written).
- A Content-Security-Policy meta tag forbids every script and every request
  except ``data:`` images, as a second line of defence.
- Every ``<img>`` has alt text: the ``alt`` that :mod:`course.lesson.plots` stores in
  the output metadata (``fig.alt_text``); for a figure without one, the
  sentence of prose just above its code cell (the lesson anatomy puts one
  there), labelled as such; failing that, the code that made it.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..paths import project_root

ROOT = project_root()
#: Folder holding the ``handout`` nbconvert template (shipped in the package).
TEMPLATES = Path(__file__).resolve().parent / "templates"
EDITIONS = ("student", "teacher")
#: Exercise cell roles left out of the student edition: nothing on paper runs them.
#: Border of each kind of actor in a highlight and in its legend, so the kind does not rest on colour
#: alone (the label of each highlight stays too). Colours come from :data:`course.lesson.plots.KIND_COLOURS`.
KIND_BORDERS = {
    "person": ("2px", "solid"), "country": ("2px", "dashed"), "organisation": ("3px", "double"),
    "media": ("2px", "dotted"), "group": ("0 0 4px", "solid"), "other": ("1px", "solid"),
    "place": ("1px", "dashed"), "event": ("1px", "dotted"),  # not actors: one grey, told apart by the border
}
COURSE_TITLE = "Reading the news: one Dutch article, four skills"
#: Chromium executables looked for, in order (``COURSE_CHROMIUM`` overrides).
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
NO_CHROMIUM = ("course handouts: Chromium is not installed, so no PDF was printed "
               "(install Debian's 'chromium' package, or set COURSE_CHROMIUM); the HTML handouts are written.")

_TAGS = frozenset("""a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption
figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table
tbody td tfoot th thead tr u ul var""".split())
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden"})
_TAG_ATTRS = {
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"}, "ol": {"start"}, "details": {"open"}, "table": {"border"},
    "col": {"span"}, "colgroup": {"span"},
}
_CSS_PROPERTIES = frozenset("""background-color border border-bottom border-collapse border-color border-left
border-radius border-right border-spacing border-style border-top border-width color display font font-family
font-size font-style font-variant font-weight height letter-spacing line-height list-style margin margin-bottom
margin-left margin-right margin-top max-width min-width opacity padding padding-bottom padding-left padding-right
padding-top text-align text-decoration text-indent text-transform vertical-align white-space width
word-break overflow-wrap""".split())
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")
_BAD_STYLE = re.compile(r"url\s*\(|@import|expression|\\|behavior|-moz-binding", re.I)
#: Elements removed with everything inside them.
_DROP_CONTENT_TAGS = frozenset("script style iframe object embed template noscript svg math textarea select title".split())
_GOALS = re.compile(r"^\s*\*\*Learning goals\b", re.I)
_TIME = re.compile(r"^\s*\*\*Time\b", re.I)
_LESSON_PREFIX = re.compile(r"^\s*\d+\s*[·.:\-–—]\s*")
_URL_ATTRS = ("src", "href", "srcset", "action", "formaction", "poster", "data", "background", "cite",
              "longdesc", "xlink:href", "manifest", "ping", "lowsrc", "dynsrc", "codebase", "archive", "icon")


class HandoutError(RuntimeError):
    """A handout cannot be built: it would leak instructor text or load something external."""


# --------------------------------------------------------------------------- sanitising


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _GLOBAL_ATTRS or name.startswith("aria-"):
        if name == "style":
            return not _BAD_STYLE.search(value)
        return True
    if name not in _TAG_ATTRS.get(tag, ()):
        return False
    if tag == "img" and name == "src":
        return bool(_DATA_IMAGE.match(value.strip()))
    if tag == "a" and name == "href":
        value = value.strip()
        return value.startswith("#") or value.lower().startswith(("http://", "https://", "mailto:")) \
            or _is_relative(value)
    return True


def _is_relative(value: str) -> bool:
    """A relative link inside the handout folder (no scheme, no host, no parent folder)."""
    return bool(value) and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:|^//|^/|^\\", value) and ".." not in value


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """nh3's per-attribute hook: keep the value when the allow-list takes it, else drop the attribute."""
    return value if _allowed_attribute(tag, name, value) else None


def clean_html(fragment: Any) -> str:
    """Sanitise an HTML fragment with the handout allow-list.

    The sanitiser is nh3 (the Python binding of the Rust crate ammonia, an
    html5ever-based allow-list sanitiser); bleach, used before, is
    deprecated upstream.

    Parameters
    ----------
    fragment : str or bytes
        HTML from a markdown cell, a ``text/html`` output or highlighted code.

    Returns
    -------
    str
        The fragment without scripts, styles, frames, forms, event handlers,
        ``javascript:`` URLs or images that are not embedded ``data:`` images.
    """
    import nh3

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return nh3.clean(
        text,
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_CONTENT_TAGS),
        attributes={"*": set(_GLOBAL_ATTRS), **{tag: set(names) for tag, names in _TAG_ATTRS.items()}},
        generic_attribute_prefixes={"aria-"},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes={"http", "https", "mailto", "data"},
        filter_style_properties=set(_CSS_PROPERTIES),
    )


def find_external_references(page: str) -> list[str]:
    """List everything in a page that would load or link outside it.

    Parameters
    ----------
    page : str
        A complete HTML page.

    Returns
    -------
    list of str
        One line per reference: a URL attribute (``src``, ``href``, ...)
        that is not an in-page anchor, a relative link or a ``data:`` image;
        a ``url(...)`` or ``@import`` in CSS that is not a ``data:`` URI; a
        ``<script>``, ``<link>``, ``<iframe>``, ``<object>``, ``<embed>`` or
        ``<base>`` element; a meta refresh. Empty for a self-contained page.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name in ("script", "link", "iframe", "object", "embed", "base", "frame", "applet", "audio", "video"):
            found.append(f"<{tag.name}> element")
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append("meta refresh")
        for attr in _URL_ATTRS:
            value = tag.get(attr)
            if value is None:
                continue
            value = " ".join(value) if isinstance(value, list) else str(value).strip()
            if value.startswith("#") or (attr == "src" and _DATA_IMAGE.match(value)):
                continue
            if attr == "href" and tag.name == "a" and _is_relative(value):
                continue
            found.append(f"<{tag.name} {attr}={value[:80]!r}>")
        style = tag.get("style")
        if style and re.search(r"url\s*\((?!\s*['\"]?data:)|@import", str(style), re.I):
            found.append(f"<{tag.name} style={str(style)[:80]!r}>")
        if tag.name == "style" and re.search(r"url\s*\((?!\s*['\"]?data:)|@import", tag.get_text(), re.I):
            found.append("url() or @import in a <style> element")
    return found


# --------------------------------------------------------------------------- notebooks


@dataclass
class FrontMatter:
    """What the page header shows, taken from the first markdown cells.

    Attributes
    ----------
    title : str
        The H1 without its lesson-number prefix (``"Reading the article"``).
    goals : str
        The learning-goals paragraph and list, as markdown (empty when none).
    """

    title: str
    goals: str


def lesson_notebooks(folder: str | Path = ROOT / "notebooks") -> list[Path]:
    """The lesson notebooks of a folder, ``NN-name.ipynb``, in order."""
    return sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))


def take_front_matter(nb: Any, fallback_title: str = "") -> FrontMatter:
    """Take the title and learning goals out of a notebook's opening cells.

    The H1 line and the ``**Learning goals.**`` block (up to the ``**Time:**``
    line, the next heading or the end of the cell) are removed from the cell,
    since the page header shows them; the rest of the cell stays. Only the
    markdown cells before the first H2 are searched.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Modified in place.
    fallback_title : str
        Used when there is no H1.

    Returns
    -------
    FrontMatter
    """
    title, goals = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        if re.search(r"^##\s", cell.source, re.M) and not re.search(r"^#\s", cell.source, re.M):
            break
        lines = cell.source.split("\n")
        kept: list[str] = []
        in_goals = False
        for line in lines:
            if not title and re.match(r"^#\s+\S", line):
                title = _LESSON_PREFIX.sub("", line[1:].strip())
                continue
            if not goals and not in_goals and _GOALS.match(line):
                in_goals = True
            elif in_goals and (_TIME.match(line) or line.startswith("#")):
                in_goals = False
            if in_goals:
                goals += line + "\n"
            else:
                kept.append(line)
        cell.source = "\n".join(kept).strip("\n")
        if title and goals:
            break
    nb.cells = [c for c in nb.cells if c.cell_type != "markdown" or c.source.strip()]
    goals = re.sub(r"^\s*\*\*Learning goals\.?\*\*\.?\s*", "", goals.strip(), flags=re.I)
    return FrontMatter(title or fallback_title, goals.strip())


def handout_notebook(nb: Any, edition: str = "student") -> tuple[Any, list[str]]:
    """The notebook a handout is rendered from.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An instructor notebook (not modified).
    edition : {"student", "teacher"}

    Returns
    -------
    (notebook, secrets)
        The notebook to render, and (student edition) the instructor-only
        lines that must not appear in the page.

    Raises
    ------
    HandoutError
        When the student notebook still holds a marker, a solution or hidden
        test line, or a teacher cell.
    """
    from .release import find_leaks
    from .transforms import ReleaseError, apply, handout_chain, student_notebook

    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    if edition == "teacher":
        return apply(nb, handout_chain(nb, edition))
    try:
        student, secrets = student_notebook(nb)
    except ReleaseError as exc:
        raise HandoutError(str(exc)) from exc
    leaks = find_leaks(student, secrets)
    if leaks:
        raise HandoutError("the student handout would leak:\n  " + "\n  ".join(leaks))
    out, _ = apply(student, handout_chain(nb, edition))
    return out, secrets


# --------------------------------------------------------------------------- rendering


@lru_cache(maxsize=1)
def _exporter() -> Any:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="handout",
        extra_template_basedirs=[str(TEMPLATES)],
        sanitize_html=True,
        embed_images=False,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    exporter.register_filter("clean_html", clean_html)
    return exporter


def actor_kind_css() -> str:
    """The stylesheet that colours actor highlights and their legend by kind.

    :func:`course.show_actors` writes each kind's colour as an inline
    ``background``, which the sanitiser drops (a ``background`` may hold a
    ``url()``); :func:`_finish` gives each highlight and legend entry a class
    ``kind-<kind>`` instead, and these rules colour it.

    Returns
    -------
    str
        One rule per kind of :data:`course.lesson.plots.KIND_COLOURS`: that colour
        as background, black text, and the border of :data:`KIND_BORDERS`
        (a second cue besides colour; the label stays as a third).
    """
    from ..lesson.plots import KIND_COLOURS

    rules = []
    for kind, colour in KIND_COLOURS.items():
        width, style = KIND_BORDERS.get(kind, ("1px", "solid"))
        rules.append(f".course-actors .kind-{kind} {{ background-color: {colour}; color: #000000; "
                     f"border-color: #1a1a1a; border-style: {style}; border-width: {width}; }}")
    return "\n".join(rules)


def _mark_actor_kinds(soup: Any) -> None:
    """Give each actor highlight and legend entry of a ``course-actors`` block its ``kind-<kind>`` class."""
    for block in soup.select("div.course-actors"):
        legend = block.find("p")
        if legend is not None and legend.get_text().strip().startswith("Kinds:"):
            for span in legend.find_all("span", recursive=False):
                kind = span.get_text(strip=True).lower()
                if re.fullmatch(r"[a-z]+", kind):
                    span["class"] = [*span.get("class", []), "actor-kind", f"kind-{kind}"]
        for mark in block.select("mark.entity"):
            labels = mark.find_all("span", recursive=False)
            kind = labels[-1].get_text(strip=True).lower() if labels else ""
            if re.fullmatch(r"[a-z]+", kind):
                mark["class"] = [*mark.get("class", []), f"kind-{kind}"]


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "section"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def _finish(page: str) -> str:
    """Table of contents, heading ids, external links as text, alt and focus fixes."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    body = soup.find(id="lesson-body")
    used = {t["id"] for t in soup.find_all(id=True) if not (body and t.find_parent(id="lesson-body"))}
    toc: list[tuple[Any, list[Any]]] = []
    if body is not None:
        for heading in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            heading["id"] = _slug(heading.get_text(" ", strip=True), used)
            if heading.name == "h2":
                toc.append((heading, []))
            elif heading.name == "h3" and toc and heading.get_text().strip().lower().startswith("exercise"):
                toc[-1][1].append(heading)
        for tag in body.find_all(id=True):
            if tag.name not in ("h1", "h2", "h3", "h4", "h5", "h6") and tag["id"] in used:
                del tag["id"]
    nav = soup.find("nav", class_="toc")
    if nav is not None:
        if toc:
            ol = soup.new_tag("ul")
            for heading, subs in toc:
                li = soup.new_tag("li")
                a = soup.new_tag("a", href=f"#{heading['id']}")
                a.string = heading.get_text(" ", strip=True)
                li.append(a)
                if subs:
                    sub_ol = soup.new_tag("ul")
                    for sub in subs:
                        sub_li = soup.new_tag("li")
                        sub_a = soup.new_tag("a", href=f"#{sub['id']}")
                        sub_a.string = sub.get_text(" ", strip=True)
                        sub_li.append(sub_a)
                        sub_ol.append(sub_li)
                    li.append(sub_ol)
                ol.append(li)
            nav.append(ol)
        else:
            nav.decompose()
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if href.startswith("#") or _is_relative(href):
            continue
        span = soup.new_tag("span", attrs={"class": "external-link"})
        span.extend(list(a.contents))
        text = a.get_text(" ", strip=True)
        target = href[len("mailto:"):] if href.lower().startswith("mailto:") else href
        if target and target != text:
            url = soup.new_tag("span", attrs={"class": "external-url"})
            url.string = f" ({target})"
            span.append(url)
        a.replace_with(span)
    _mark_actor_kinds(soup)
    for img in soup.find_all("img"):
        if not img.get("src"):  # its source was not an embedded image: nothing to show
            img.decompose()
            continue
        if not str(img.get("alt", "")).strip():
            img["alt"] = "Image without a description in the lesson notebook."
    for output in soup.select(".jp-OutputArea-output"):
        # Only tables may scroll sideways; a scrolling region must be reachable by keyboard.
        if output.find("table") is not None:
            output["tabindex"] = "0"
            output["class"] = [*output.get("class", []), "scroll-x"]
        elif output.get("tabindex"):
            del output["tabindex"]
    for tag in soup.select(".jp-Cell-inputWrapper[tabindex]"):
        del tag["tabindex"]
    return str(soup)


def render_handout(path: str | Path, edition: str = "student", course_title: str = COURSE_TITLE) -> str:
    """Render one lesson notebook as a self-contained HTML page.

    Parameters
    ----------
    path : str or Path
        An instructor notebook ``NN-name.ipynb``.
    edition : {"student", "teacher"}
    course_title : str
        Shown above the lesson title.

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    HandoutError
        When the student page would contain instructor-only text, or the page
        would reference anything outside itself.
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    handout, secrets = handout_notebook(nb, edition)
    number = int(path.name[:2]) if path.name[:2].isdigit() else 0
    front = take_front_matter(handout, fallback_title=path.stem)
    goals_html = ""
    if front.goals:
        from nbconvert.filters.markdown_mistune import markdown2html_mistune

        goals_html = clean_html(markdown2html_mistune(front.goals))
    label = "Student edition" if edition == "student" else "Teacher edition: solutions, hidden tests and rubrics"
    resources = {
        "metadata": {"name": path.stem, "path": ""},
        "handout": {
            "course_title": course_title,
            "number": f"{number:02d}",
            "title": front.title,
            "page_title": f"Lesson {number:02d} · {front.title} · {course_title}",
            "edition": edition,
            "edition_label": label,
            "goals_html": goals_html,
            "kind_css": actor_kind_css(),
            "source": path.name,
        },
    }
    page, _ = _exporter().from_notebook_node(handout, resources=resources)
    page = _finish(page)
    problems = [f"{path.name}: {ref}" for ref in find_external_references(page)]
    if edition == "student":
        problems += [f"{path.name}: {leak}" for leak in find_text_leaks(page, secrets)]
    if problems:
        raise HandoutError("refusing to write the handout:\n  " + "\n  ".join(problems))
    return page


def page_text(page: str) -> str:
    """The visible text of a page (what a reader, or a search, sees)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(["style", "script", "head"]):
        tag.decompose()
    return soup.get_text("\n")


def find_text_leaks(page: str, secrets: Iterable[str]) -> list[str]:
    """Instructor-only text found in a page: markers and the given secret lines.

    Parameters
    ----------
    page : str
        HTML page.
    secrets : iterable of str
        Lines that must not appear (solution and hidden-test lines, reference answers).

    Returns
    -------
    list of str
        One line per leak; empty when clean.
    """
    from .transforms import HIDDEN, SOLUTION

    text = page_text(page)
    flat = " ".join(text.split())
    leaks = [f"contains '{m}'" for m in (*SOLUTION, *HIDDEN) if m in text]
    for secret in secrets:
        secret = " ".join(str(secret).split())
        if secret and secret in flat:
            leaks.append(f"contains instructor-only text {secret[:60]!r}")
    if re.search(r"\bTeacher only\b", text):
        leaks.append("contains a cell labelled 'Teacher only'")
    return leaks


def _index_page(entries: list[dict[str, Any]], edition: str, course_title: str) -> str:
    """The ``index.html`` of an edition, from ``templates/handout/lessons.html.j2`` (autoescaped).

    Each entry's ``goals_html`` (the learning goals cut from its handout) is
    cleaned again with :func:`clean_html` here, so that the template may mark
    it ``|safe`` whoever made the entry.
    """
    from ..templating import render

    lessons = [{**e, "goals_html": clean_html(e["goals_html"]) if e.get("goals_html") else "",
                "pdf": e.get("pdf")} for e in entries]
    return render("course.authoring", "handout/lessons.html.j2",
                  course_title=course_title, edition=edition,
                  label="Student edition" if edition == "student" else "Teacher edition",
                  css=(TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8"), lessons=lessons)


# --------------------------------------------------------------------------- PDF


def find_chromium() -> str | None:
    """The Chromium executable to print with, or None when none is installed.

    ``COURSE_CHROMIUM`` (a path or a name on ``PATH``) wins over the usual
    names (:data:`CHROMIUM_NAMES`). Nothing is ever downloaded.
    """
    wanted = os.environ.get("COURSE_CHROMIUM")
    for name in ([wanted] if wanted else CHROMIUM_NAMES):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


def print_pdf(html_path: str | Path, pdf_path: str | Path, chromium: str | None = None, timeout: int = 120) -> Path:
    """Print one HTML page to an A4 PDF with headless Chromium.

    Parameters
    ----------
    html_path, pdf_path : str or Path
    chromium : str, optional
        The executable; by default :func:`find_chromium`.
    timeout : int
        Seconds before giving up.

    Returns
    -------
    Path
        The PDF.

    Raises
    ------
    HandoutError
        When Chromium is missing or fails.
    """
    chromium = chromium or find_chromium()
    if not chromium:
        raise HandoutError(NO_CHROMIUM)
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="course-chromium-") as profile:
        cmd = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
               "--disable-extensions", "--disable-background-networking", "--disable-sync",
               "--disable-component-update", "--no-pdf-header-footer", f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf_path}", html_path.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.insert(1, "--no-sandbox")
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise HandoutError(f"Chromium took more than {timeout} s to print {html_path.name}") from exc
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise HandoutError(f"Chromium could not print {html_path.name} (exit {done.returncode}): " + " / ".join(tail))
    return pdf_path


# --------------------------------------------------------------------------- build


def build_handouts(
    notebooks: str | Path = ROOT / "notebooks",
    out: str | Path | None = None,
    edition: str = "student",
    pdf: bool = True,
    course_title: str = COURSE_TITLE,
    report: Any = None,
) -> list[Path]:
    """Render every lesson notebook as an HTML handout, an index page, and PDFs.

    Parameters
    ----------
    notebooks : str or Path
        Folder of instructor notebooks (every ``NN-name.ipynb`` is taken).
    out : str or Path, optional
        Output folder (created); by default ``build/handouts/<edition>``.
    edition : {"student", "teacher"}
    pdf : bool
        Also print each handout to PDF when Chromium is installed; when it
        is not, :data:`NO_CHROMIUM` is printed to stderr (or passed to
        ``report``) and only the HTML is written.
    course_title : str
    report : callable, optional
        Called with each message (default: print to stderr).

    Returns
    -------
    list of Path
        Written files: the HTML handouts, ``index.html``, then the PDFs.

    Raises
    ------
    HandoutError
        When there are no lesson notebooks, a student handout would leak, a
        page would reference anything outside itself, or printing fails.
        Nothing of that edition's HTML is written when a page is refused.
    """
    say = report or (lambda msg: print(msg, file=sys.stderr))
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    paths = lesson_notebooks(notebooks)
    if not paths:
        raise HandoutError(f"{notebooks}: no lesson notebooks (NN-name.ipynb) found")
    out = Path(out) if out is not None else ROOT / "build" / "handouts" / edition
    pages = [(path, render_handout(path, edition, course_title)) for path in paths]
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entries = []
    for path, page in pages:
        target = out / f"{path.stem}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
    for path, page in pages:
        nb_title = re.search(r'<span class="lesson-title">(.*?)</span>', page)
        goals = re.search(r'<section class="goals"[^>]*>\s*<h2[^>]*>.*?</h2>(.*?)</section>', page, re.S)
        entries.append({"number": path.name[:2], "title": html.unescape(nb_title.group(1)) if nb_title else path.stem,
                        "html": f"{path.stem}.html", "pdf": f"{path.stem}.pdf" if pdf else None,
                        "goals_html": goals.group(1).strip() if goals else ""})
    chromium = find_chromium() if pdf else None
    if pdf and not chromium:
        say(NO_CHROMIUM)
        for e in entries:
            e["pdf"] = None
    index = out / "index.html"
    index.write_text(_index_page(entries, edition, course_title), encoding="utf-8")
    written.append(index)
    if chromium:
        htmls = written[: len(pages)]
        with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
            written += list(pool.map(lambda p: print_pdf(p, p.with_suffix(".pdf"), chromium), htmls))
    return written


# --------------------------------------------------------------------------- CLI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``course handouts``."""
    parser.add_argument("--edition", choices=EDITIONS, default="student",
                        help="student (no solutions, hidden tests or teacher cells; room to write) or teacher "
                             "(everything); default: student")
    parser.add_argument("--out", default=None,
                        help="output folder (default: build/handouts/<edition>/)")
    parser.add_argument("--notebooks", default=str(ROOT / "notebooks"),
                        help="folder of the lesson notebooks (default: notebooks/)")
    parser.add_argument("--no-pdf", action="store_true", help="write HTML only, do not print PDFs")


def run(args: argparse.Namespace) -> int:
    """Run ``course handouts``; returns the exit code (0 written, 1 refused, 2 bad input)."""
    start = time.perf_counter()
    out = Path(args.out) if args.out else ROOT / "build" / "handouts" / args.edition
    try:
        written = build_handouts(args.notebooks, out, args.edition, pdf=not args.no_pdf)
    except HandoutError as exc:
        print(f"course handouts: {exc}", file=sys.stderr)
        return 2 if "no lesson notebooks" in str(exc) else 1
    n_html = sum(1 for p in written if p.suffix == ".html" and p.name != "index.html")
    n_pdf = sum(1 for p in written if p.suffix == ".pdf")
    print(f"wrote {n_html} {args.edition} handouts (HTML) + index.html"
          f"{f' and {n_pdf} PDFs' if n_pdf else ''} to {out} in {time.perf_counter() - start:.1f} s")
    return 0
