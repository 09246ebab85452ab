"""course.templating: every HTML page and fragment comes from an autoescaped Jinja2 template.

Two kinds of test:

- a scan of the package's source (``ast``): no module writes ``<!DOCTYPE``
  or ``<html``, and no string constant outside a docstring opens a
  ``<table``, ``<div`` or ``<span`` tag (:data:`ALLOWED` lists the one
  string that only *reads* such a tag). The handouts' sanitiser allow-lists
  (``_TAGS`` for :func:`~course.authoring.handouts.clean_html`) and the
  messages of ``find_external_references`` name tags without opening one
  (``"div"``, ``f"<{tag.name}> element"``), so they need no exception;
- every page and fragment rendered with hostile strings (a ``<script>``
  element, quotes that would close an attribute): they come out escaped,
  no ``<script`` is left, and an attribute holding a quote still parses to
  the original value.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import subprocess
import sys
import tomllib

import pytest
from bs4 import BeautifulSoup

from helpers.paths import ROOT

from course import templating
from course.analysis.article import parse_article

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
#: A value meant to break out of a double-quoted attribute.
BREAKOUT = 'x" onmouseover="alert(2)'

#: Page markup nobody may write in Python, anywhere in a module (comments and docstrings included).
PAGE_MARKUP = re.compile(r"<!DOCTYPE|<html\b", re.I)
#: Tags no string constant (outside a docstring) may open.
BUILT_TAG = re.compile(r"<(table|div|span|ul|ol|li|tr|td|th|figure|mark|section|h[1-6]|p)[\s>]", re.I)
#: (module, function, string): the only constants that may hold such a tag, with why.
ALLOWED = {
    # build_handouts reads each handout's title back out of the page nbconvert rendered (a regex, not markup)
    ("course/authoring/handouts.py", "build_handouts", r'<span class="lesson-title">(.*?)</span>'),
    # ... and its learning goals (the same)
    ("course/authoring/handouts.py", "build_handouts", r'<section class="goals"[^>]*>\s*<h2[^>]*>.*?</h2>(.*?)</section>'),
}


# --------------------------------------------------------------------------- the source scan


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def find_built_html(source: str, module: str) -> list[str]:
    """Every place in one module's source that writes page markup or opens a table/div/span tag in a string."""
    found = [f"{module}: {m.group(0)!r} in the source" for m in PAGE_MARKUP.finditer(source)]
    tree = ast.parse(source)
    docstrings = _docstring_ids(tree)

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if BUILT_TAG.search(node.value) and (module, function, node.value) not in ALLOWED:
                found.append(f"{module}:{node.lineno} in {function or '<module>'}: {node.value[:70]!r}")
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "")
    return found


def test_no_module_builds_html_in_python():
    found = []
    for path in sorted((ROOT / "course").rglob("*.py")):
        found += find_built_html(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert found == [], "build HTML in a template (course.templating), not in Python:\n" + "\n".join(found)


def test_the_scan_finds_html_built_in_python():
    """The scan is not blind: f-strings, concatenation, page markup in comments, the exception elsewhere."""
    module = "course/authoring/handouts.py"
    snippets = {
        "def f(x):\n    return f'<div class=\"a\">{x}</div>'\n": 1,
        "def f(x):\n    return '<TABLE>' + x\n": 1,
        "X = ['<span style=\"a\">']\n": 1,
        "# writes <!DOCTYPE html> somewhere\n": 1,
        "def f():\n    '''Return <html>.'''\n": 1,
        "def f():\n    '''A <div> in a docstring only describes.'''\n": 0,
        "_TAGS = frozenset('a div span table'.split())\n": 0,
        "def f(tag):\n    return f'<{tag}> element'\n": 0,
        "def build_handouts(page):\n    return re.search(r'<span class=\"lesson-title\">(.*?)</span>', page)\n": 0,
        "def other(page):\n    return re.search(r'<span class=\"lesson-title\">(.*?)</span>', page)\n": 1,
    }
    for source, expected in snippets.items():
        assert len(find_built_html(source, module)) == expected, source


def test_jinja2_is_imported_only_when_a_template_is_rendered():
    code = ("import sys, course, course.templating, course.lesson.checks; "
            "print('jinja2' in sys.modules, 'markupsafe' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


def test_the_environment_escapes_and_is_strict():
    import jinja2

    env = templating.environment("course.lesson")
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    assert env is templating.environment("course.lesson"), "one environment per package, cached"
    with pytest.raises(jinja2.UndefinedError):
        templating.render("course.lesson", "message.html.j2")  # `parts` missing


def test_every_template_folder_is_package_data():
    """A template missing from the wheel would break the student's notebooks, not the tests in this checkout."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["course"]
    package = ROOT / "course"
    templates = [p for p in package.rglob("*") if p.is_file() and "templates" in p.relative_to(package).parts
                 and "__pycache__" not in p.parts]
    assert any(p.parent.name == "templates" for p in templates)
    missing = [str(p.relative_to(package)) for p in templates
               if not any(fnmatch.fnmatch(p.relative_to(package).as_posix(), pat) for pat in patterns)]
    assert missing == []


def test_jinja2_is_a_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"jinja2\s*>=", d, re.I) for d in project["dependencies"])
    assert re.search(r"^Jinja2==", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.M | re.I)


# --------------------------------------------------------------------------- hostile input


def _assert_safe(page: str) -> None:
    assert "<script" not in page.lower()
    assert 'onmouseover="' not in page


@pytest.fixture(scope="module")
def hostile():
    """An article whose heading, quotation and body hold a script element and quotes."""
    return parse_article(
        "date 2023-01\n\n"
        f"De minister zegt: “Dit is een crisis en de schuld van {SCRIPT} de regering.”\n\n"
        f'Kop {SCRIPT} "x"\n\n'
        f"Het conflict kost veel geld, zegt de burgemeester. Een café in Oekraïne & {BREAKOUT}.\n",
        'evil "<b>".txt')  # a path: no "/" of a closing tag


def test_the_analysis_report_escapes_the_article(hostile, monkeypatch):
    import matplotlib.pyplot as plt

    from course.lesson import plots
    from course.report.analyze import render_html

    def hostile_plot(article):
        fig, _ = plt.subplots()
        plt.close(fig)
        fig.alt_text = f"Lengths {SCRIPT} {BREAKOUT}"
        return fig

    monkeypatch.setattr(plots, "plot_sentence_lengths", hostile_plot)
    page = render_html(hostile)
    _assert_safe(page)
    assert f"<h3>Kop {ESCAPED} &#34;x&#34;</h3>" in page, "the heading, escaped"
    assert "<title>Analysis of evil &#34;&lt;b&gt;&#34;.txt</title>" in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all("img")[-1]["alt"] == f"Lengths {SCRIPT} {BREAKOUT}", "alt is one attribute, intact"
    quote = soup.find("span", class_="quote")
    assert quote is not None and SCRIPT in quote.get_text() and quote.find("mark") is not None
    article = soup.find("div", class_="article")
    for paragraph in hostile.paragraphs:  # the marks and quotation spans change nothing of the text
        assert article.find("p", id=f"p{paragraph.index}").get_text() == f"¶{paragraph.index}{paragraph.text}"


def test_the_handouts_index_escapes_titles_and_cleans_goals():
    from course.authoring import handouts

    entries = [{"number": "01", "title": f'Lezen {SCRIPT} "x"', "html": 'a".html', "pdf": None,
                "goals_html": f'<p>Goals <img src="x" onerror="alert(3)">{SCRIPT}<em>ok</em></p>'},
               {"number": "02", "title": "Twee", "html": "02.html", "pdf": f"{BREAKOUT}.pdf", "goals_html": ""}]
    page = handouts._index_page(entries, "student", f"Course {SCRIPT}")
    _assert_safe(page)
    assert "onerror" not in page and "<em>ok</em>" in page, "goals: sanitised HTML, kept as HTML"
    assert f"<title>Course {ESCAPED} · handouts · Student edition</title>" in page
    assert f"Lezen {ESCAPED} &#34;x&#34;</h2>" in page
    soup = BeautifulSoup(page, "html.parser")
    assert [a["href"] for a in soup.find_all("a")] == ['a".html', "02.html", f"{BREAKOUT}.pdf"]
    assert handouts.find_external_references(page) == []
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].startswith(
        "default-src 'none'")


def test_the_feedback_box_escapes_title_and_message():
    from course.lesson.checks import Feedback, message_html

    box = Feedback(f'1.2"{SCRIPT}', "wrong", f"Look at `{SCRIPT}` and {BREAKOUT}", f"Title {SCRIPT}")._repr_html_()
    _assert_safe(box)
    assert f"Exercise 1.2&#34;{ESCAPED} — Title {ESCAPED}: not yet</strong>" in box
    assert f"<code>{ESCAPED}</code> and x&#34; onmouseover=&#34;alert(2)</div>" in box
    assert message_html(f"`a` {SCRIPT} `b`") == f"<code>a</code> {ESCAPED} <code>b</code>"


def test_the_side_by_side_table_escapes_both_languages(hostile):
    from course.lesson.display import show_side_by_side

    table = show_side_by_side(hostile, hostile)._repr_html_()
    _assert_safe(table)
    assert table.count(f"Kop {ESCAPED} &#34;x&#34;</th>") == 2
    rows = BeautifulSoup(table, "html.parser").find_all("tr", style=True)
    assert [r.find_all("td")[1].get_text() for r in rows] == [p.text for p in hostile.paragraphs]


def test_the_highlight_fragment_escapes_labels_legend_and_text():
    from course.lesson.display import render_highlights

    docs = [{"text": f"Tekst {SCRIPT} hier", "ents": [{"start": 0, "end": 5, "label": "PERSON"}],
             "title": f"¶1 {SCRIPT}"}]
    fragment = render_highlights(docs, {"PERSON": "#ffcc00"}, {f"kind {SCRIPT}": BREAKOUT}, f"Kinds {SCRIPT}",
                                 "course-actors")
    _assert_safe(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    legend = soup.find("p")
    assert legend.get_text().startswith(f"Kinds {SCRIPT}: kind {SCRIPT}")
    assert legend.find("span")["style"].startswith(f"background:{BREAKOUT};"), "the colour stays in its attribute"
    assert soup.find_all("p")[1].get_text() == f"¶1 {SCRIPT}"
    assert soup.find("mark") is not None and f"{SCRIPT} hier" in soup.get_text()


def test_actors_and_frames_escape_the_article(hostile):
    from course.analysis.framing import show_frames
    from course.lesson.display import show_actors

    for shown in (show_actors(hostile), show_frames(hostile)):
        _assert_safe(shown.html)
        assert ESCAPED in shown.html
        assert shown.html.count("<mark") >= 1


def test_grading_pages_escape_the_submission():
    from course.grading.classreport import class_report
    from course.grading.evaluate import ExerciseResult, NotebookGrade
    from course.grading.report import feedback_page

    grade = NotebookGrade(f"s{SCRIPT}", f'01-x"{SCRIPT}.ipynb', "ok", "", [
        ExerciseResult("1.1", "auto", 1.0, 1.0, True, f"Right `{SCRIPT}`", BREAKOUT, f"Title {SCRIPT}"),
        ExerciseResult("1.2", "auto", 0.0, 2.0, False, "No", SCRIPT, "Two"),
    ])
    page = feedback_page(f"s{SCRIPT}", [grade])
    _assert_safe(page)
    assert f"Exercise 1.1 — Title {ESCAPED}</h3>" in page and f"<code>{ESCAPED}</code>" in page
    report = class_report([grade], [f"note {SCRIPT}"])["class_report.html"]
    _assert_safe(report)
    assert ESCAPED in report
    for img in BeautifulSoup(report, "html.parser").find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")


def test_the_seed_report_still_renders(seed):
    """The real article through the real template: tables, marks, quotations and charts are all there."""
    from course.report.analyze import render_html

    page = render_html(seed)
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("table")) == 3 and len(soup.find_all("figure")) == 3
    assert soup.find("td", class_="n") is not None and soup.find("td", attrs={"lang": "nl"}) is not None
    assert page.endswith("</html>\n") and page.count("<mark ") > 10


def test_the_summary_report_escapes_the_summary():
    from course import check_summary

    page = check_summary(f"De minister {SCRIPT} zegt {BREAKOUT}.")._repr_html_()
    _assert_safe(page)
    items = BeautifulSoup(page, "html.parser").find_all("li")
    assert items and all("<" not in li.decode_contents().replace("&lt;", "") for li in items)
