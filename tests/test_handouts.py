"""course.authoring.handouts: structure, self-containment, no leaks, sanitising, alt text (no browser).

Every lesson notebook ``notebooks/NN-*.ipynb`` is rendered in both editions
once per session (:func:`built`); a new lesson is picked up automatically.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from helpers.answers import ALSO_RIGHT, REFERENCE
from helpers.handouts import NOTEBOOKS, built
from helpers.paths import ROOT
from course.authoring import handouts
from course.authoring.transforms import HIDDEN, PAPER_LEFT_OUT, SOLUTION, student_notebook

EXTERNAL = re.compile(r"""(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:https?:|//|ftp:|file:)""", re.I)


def page(edition: str, notebook: Path) -> str:
    return (built(edition) / f"{notebook.stem}.html").read_text(encoding="utf-8")


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_there_are_lessons():
    assert NOTEBOOKS, "no lesson notebooks found"


@pytest.mark.parametrize("edition", handouts.EDITIONS)
def test_one_page_per_lesson_and_an_index_that_links_them(edition):
    out = built(edition)
    assert sorted(p.name for p in out.glob("[0-9][0-9]-*.html")) == [f"{p.stem}.html" for p in NOTEBOOKS]
    index = soup_of((out / "index.html").read_text(encoding="utf-8"))
    links = {a["href"] for a in index.find_all("a", href=True)}
    assert {f"{p.stem}.html" for p in NOTEBOOKS} <= links
    assert handouts.find_external_references(str(index)) == []


@pytest.mark.parametrize("edition", handouts.EDITIONS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_structure(edition, notebook):
    html = page(edition, notebook)
    soup = soup_of(html)
    assert soup.html["lang"] == "en"
    assert soup.find("meta", attrs={"name": "viewport"}), "readable on a phone"
    header = soup.find("header", class_="handout-header")
    assert handouts.COURSE_TITLE in header.get_text()
    assert f"Lesson {notebook.name[:2]}" in header.get_text()
    title = nbformat.read(notebook, as_version=4).cells[0].source.split("\n")[0]
    assert header.h1.find(class_="lesson-title").get_text() in title
    goals = soup.find("section", class_="goals")
    assert goals is not None and len(goals.find_all("li")) >= 2, "learning goals box with the goals"
    assert "Learning goals" not in soup.find(id="lesson-body").get_text(), "goals are shown once, in the box"
    toc = soup.find("nav", class_="toc")
    targets = [a["href"][1:] for a in toc.find_all("a")]
    h2s = soup.find(id="lesson-body").find_all("h2")
    assert len(targets) >= len(h2s) > 2
    for target in targets:
        assert soup.find(id=target) is not None, f"contents link #{target} goes nowhere"
    css = "\n".join(s.get_text() for s in soup.find_all("style"))
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "break-inside: avoid" in css, "no figure, table row, hint or answer box cut across pages"


def test_sections_are_not_forced_onto_a_new_page():
    """A section breaks the page only where its next block does not fit (issue 14: 21 pages, several blank).

    The page count that follows is measured in test_browser.py.
    """
    css = (handouts.TEMPLATES / "handout" / "handout.css").read_text(encoding="utf-8")
    assert not re.search(r"break-before:\s*(page|always)|page-break-before:\s*always", css)
    assert re.search(r"h2, h3[^{]*{[^}]*break-after:\s*avoid", css), "a heading is kept with what follows it"


@pytest.mark.parametrize("edition", handouts.EDITIONS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_is_self_contained(edition, notebook):
    html = page(edition, notebook)
    assert handouts.find_external_references(html) == []
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "@import" not in html
    assert not re.search(r"<script\b|<link\b|<iframe\b|\bon[a-z]+\s*=\s*[\"']|javascript:", html, re.I)
    soup = soup_of(html)
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp["content"].startswith("default-src 'none'; img-src data:;"), "no script, no request"
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/"), "images are embedded"


@pytest.mark.parametrize("edition", handouts.EDITIONS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_image_has_alt_text(edition, notebook):
    nb = nbformat.read(notebook, as_version=4)
    stored = [o.get("metadata", {}).get("image/png", {}).get("alt") for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if "image/png" in o.get("data", {})]
    images = soup_of(page(edition, notebook)).find_all("img")
    for img in images:
        assert len(img.get("alt", "").strip()) > 15, img.get("alt")
    alts = [img["alt"] for img in images]
    for alt in stored:
        if alt:
            assert alt in alts, "the alt text stored by course.lesson.plots is the <img alt>"


def test_figures_in_the_lessons_carry_alt_text_metadata():
    """course.lesson.plots's formatter reached the stored notebooks (lesson 01 imports course.lesson.plots)."""
    nb = nbformat.read(ROOT / "notebooks" / "01-reading.ipynb", as_version=4)
    alts = [o.metadata["image/png"]["alt"] for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if "image/png" in o.get("data", {})]
    assert alts and all(a.startswith(("Histogram", "Heat map", "Timeline")) for a in alts)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_page_has_no_solutions_hidden_tests_or_teacher_cells(notebook):
    nb = nbformat.read(notebook, as_version=4)
    html = page("student", notebook)
    text = handouts.page_text(html)
    flat = " ".join(text.split())
    for marker in (*SOLUTION, *HIDDEN, "BEGIN SOLUTION", "HIDDEN TESTS"):
        assert marker not in text
    _, secrets = student_notebook(nb)
    if any(SOLUTION[0] in c.source for c in nb.cells if c.cell_type == "code"):
        assert secrets, "the instructor notebook has solutions to hide"
    for secret in secrets:
        assert " ".join(secret.split()) not in flat, f"solution or hidden test line in the page: {secret!r}"
    for cell in nb.cells:
        if "teacher" in cell.metadata.get("tags", []):
            first = next(line for line in cell.source.split("\n") if line.strip())
            assert _plain(first) not in flat, "a teacher cell is in the student page"
    assert "Teacher only" not in text and "Model answer" not in text
    lesson = int(notebook.name[:2])
    for exercise_id, reference in REFERENCE.items():
        if int(exercise_id.split(".")[0]) != lesson:
            continue
        name = f"answer_{exercise_id.replace('.', '_')}"
        for value in [reference, *ALSO_RIGHT.get(exercise_id, [])]:
            assert f"{name} = {value!r}" not in flat, f"reference answer of {exercise_id} in the page"


def _plain(markdown: str) -> str:
    return " ".join(re.sub(r"[*_`#>]+", "", markdown).split())


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_page_keeps_worked_examples_and_leaves_room_to_write(notebook):
    nb = nbformat.read(notebook, as_version=4)
    student, teacher = soup_of(page("student", notebook)), soup_of(page("teacher", notebook))
    assert len(student.find_all("img")) == len(teacher.find_all("img")), "every worked-example figure is shown"
    assert len(student.select(".jp-OutputArea-output")) > 0
    roles = [c.metadata.get("course", {}).get("role") for c in nb.cells]
    assert len(student.select(".write-space")) == roles.count("answer") + roles.count("prose")
    assert not teacher.select(".write-space")
    for cell in nb.cells:
        if cell.metadata.get("course", {}).get("role") == "answer":
            div = student.find(id=f"cell-id={cell.id}")
            assert "jp-mod-noOutputs" in div["class"], "no output of the answer cells for students"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_page_leaves_out_check_cells_and_test_stubs(notebook):
    """Nothing runs on paper: no ``check(...)`` cell, no comment stub of a graded test; the answer box stays."""
    nb = nbformat.read(notebook, as_version=4)
    student, teacher = soup_of(page("student", notebook)), soup_of(page("teacher", notebook))
    code = " ".join(div.get_text(" ") for div in student.select(".jp-CodeCell .jp-InputArea"))
    assert "check(" not in code
    assert not re.search(r"^\s*# Exercise \d+\.\d+:", code, re.M)
    exercises = {c.metadata["course"]["exercise"] for c in nb.cells if c.metadata.get("course", {}).get("role")}
    for cell in nb.cells:
        role = cell.metadata.get("course", {}).get("role")
        if role in PAPER_LEFT_OUT:
            exercise = cell.metadata["course"]["exercise"]
            assert student.find(id=f"cell-id={cell.id}") is None, f"{role} cell of {exercise} in the student page"
            assert teacher.find(id=f"cell-id={cell.id}") is not None, "the teacher edition keeps it"
    boxes = {box["aria-label"].rsplit(" ", 1)[-1] for box in student.select(".write-space")}
    assert boxes == exercises, "every exercise keeps its answer box"


def test_actor_highlights_carry_their_kind():
    """Each highlight and legend entry of show_actors gets the class of its kind, coloured by actor_kind_css."""
    from course.lesson.plots import KIND_COLOURS

    notebook = next(p for p in NOTEBOOKS if p.name.startswith("01-"))
    for edition in handouts.EDITIONS:
        soup = soup_of(page(edition, notebook))
        block = soup.select_one("div.course-actors")
        marks = block.select("mark.entity")
        assert marks
        for mark in marks:
            label = mark.find_all("span", recursive=False)[-1].get_text(strip=True)
            assert f"kind-{label.lower()}" in mark["class"], "the label stays and names the kind"
        legend = {s.get_text(strip=True): s for s in block.select("span.actor-kind")}
        assert {m.find_all("span", recursive=False)[-1].get_text(strip=True).lower() for m in marks} <= set(legend)
        css = "\n".join(s.get_text() for s in soup.find_all("style"))
        for kind in legend:
            rule = re.search(rf"\.course-actors \.kind-{kind} {{([^}}]*)}}", css)
            assert rule and f"background-color: {KIND_COLOURS[kind]}" in rule.group(1), kind
            assert "border-style:" in rule.group(1), "a border besides the colour"
    assert len(set(KIND_COLOURS.values())) >= 3


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_teacher_page_has_solutions_hidden_tests_and_rubrics(notebook):
    nb = nbformat.read(notebook, as_version=4)
    text = handouts.page_text(page("teacher", notebook))
    for marker in (SOLUTION[0], HIDDEN[0]):
        if any(marker in c.source for c in nb.cells if c.cell_type == "code"):
            assert marker in text
    if any("teacher" in c.metadata.get("tags", []) for c in nb.cells):
        assert "Teacher only" in text
    if any(c.metadata.get("course", {}).get("role") == "prose" for c in nb.cells):
        assert "Model answer" in text


# --------------------------------------------------------------------------- synthetic notebooks


def _notebook(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    nb.cells = cells
    return nb


EVIL_MARKDOWN = """# 99 · Evil lesson

Intro.

**Learning goals.** After this you can

1. *resist* scripts;
2. *resist* trackers.

**Time:** 1 minute.

<script>document.title = 'pwned'</script>
<img src="x" onerror="alert(1)">
<img src="https://tracker.example/pixel.png" alt="pixel">
<a href="javascript:alert(1)">click</a>
<iframe src="https://evil.example/"></iframe>
<style>@import url(https://evil.example/x.css); body { background: red }</style>
<div style="background-image: url(https://evil.example/bg.png); color: #333">styled</div>

See [the study](https://doi.org/10.1111/j.1460-2466.2000.tb02843.x) and [section 1](#section-1).
"""


def _evil_notebook():
    code = nbformat.v4.new_code_cell("show()")
    code.outputs = [
        nbformat.v4.new_output("display_data", data={
            "text/html": "<b>bold</b><script>alert('out')</script><table><tr><td onclick='x()'>cell</td></tr></table>",
            "text/plain": "html"}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert('js')", "text/plain": "js"}),
        nbformat.v4.new_output("display_data", data={"image/png": _PNG, "text/plain": "<Figure>"}),
    ]
    return _notebook([
        nbformat.v4.new_markdown_cell(EVIL_MARKDOWN),
        nbformat.v4.new_markdown_cell("## Section 1\n\nA bar chart of how often each side speaks."),
        code,
        nbformat.v4.new_markdown_cell("## Key points\n\n- none"),
    ])


# 1x1 transparent PNG
_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="


@pytest.mark.parametrize("edition", handouts.EDITIONS)
def test_scripts_and_external_content_are_sanitised(tmp_path, edition):
    path = tmp_path / "99-evil.ipynb"
    nbformat.write(_evil_notebook(), path)
    html = handouts.render_handout(path, edition)
    body = html.split("<body", 1)[1]
    assert "<script" not in html.lower() and "alert(" not in body.replace("alert(1)\n", "")
    assert "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<iframe" not in html and "@import" not in html and "evil.example" not in html
    assert "tracker.example" not in html
    assert "pwned" not in html
    soup = soup_of(html)
    assert soup.find("b").get_text() == "bold" and soup.find("td").get_text() == "cell", "safe HTML stays"
    assert handouts.find_external_references(html) == []
    link = soup.find("span", class_="external-link")
    assert link is not None and "the study" in link.get_text() and "https://doi.org/10.1111" in link.get_text()
    assert soup.find("a", href=re.compile(r"^#")), "in-page links stay links"
    goals = soup.find("section", class_="goals")
    assert "resist" in goals.get_text()
    img = soup.find("img")
    assert img["alt"].startswith("Chart described in the text above it: A bar chart"), img["alt"]


def test_external_reference_scan_finds_what_it_should():
    found = handouts.find_external_references(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/r.js">'
        '</script><style>@import url("https://x/y.css");</style></head><body>'
        '<img src="https://x/y.png"><a href="https://example.org">x</a><div style="background:url(http://x)">'
        '<a href="#ok">ok</a><a href="01-reading.html">ok</a><img src="data:image/png;base64,AAAA"></div>'
        "</body></html>")
    assert len(found) == 8, found


def test_a_student_page_that_would_leak_is_refused(tmp_path):
    answer = nbformat.v4.new_code_cell(
        "answer_9_1 = ...  # your answer here\n### BEGIN SOLUTION\nanswer_9_1 = 'the secret answer'\n"
        "### END SOLUTION")
    answer.metadata = {"course": {"exercise": "9.1", "role": "answer"}, "tags": ["answer"],
                       "nbgrader": {"solution": True, "grade": False, "locked": False, "grade_id": "answer_9_1",
                                    "schema_version": 3, "task": False}}
    example = nbformat.v4.new_code_cell("print(solution)")
    example.outputs = [nbformat.v4.new_output("stream", name="stdout", text="answer_9_1 = 'the secret answer'\n")]
    path = tmp_path / "99-leak.ipynb"
    nbformat.write(_notebook([nbformat.v4.new_markdown_cell("# 99 · Leak"), answer, example]), path)
    with pytest.raises(handouts.HandoutError, match="instructor-only"):
        handouts.render_handout(path, "student")
    assert "the secret answer" in handouts.render_handout(path, "teacher")


def test_cli_writes_html_and_says_clearly_when_chromium_is_missing(tmp_path, monkeypatch, capsys):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    nbformat.write(_evil_notebook(), nb_dir / "07-evil.ipynb")
    monkeypatch.setattr(handouts, "find_chromium", lambda: None)
    parser = argparse.ArgumentParser()
    handouts.add_arguments(parser)
    args = parser.parse_args(["--notebooks", str(nb_dir), "--out", str(tmp_path / "out")])
    assert handouts.run(args) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == handouts.NO_CHROMIUM
    assert "wrote 1 student handouts" in captured.out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["07-evil.html", "index.html"]
    assert ".pdf" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    empty = parser.parse_args(["--notebooks", str(tmp_path / "none"), "--out", str(tmp_path / "o2")])
    assert handouts.run(empty) == 2


def test_importing_the_module_is_cheap():
    code = ("import sys, course.authoring.handouts; "
            "print([m for m in ('nbconvert', 'bs4', 'nh3', 'nbformat', 'playwright') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_templates_are_found_in_the_package():
    folder = handouts.TEMPLATES / "handout"
    assert {"conf.json", "index.html.j2", "handout.css"} <= {p.name for p in folder.iterdir()}
    assert folder.is_relative_to(Path(handouts.__file__).parent)


# --------------------------------------------------------------------------- plots: alt text in IPython


def _shell():
    from IPython.core.formatters import DisplayFormatter

    formatter = DisplayFormatter()
    formatter.formatters["image/png"].enabled = True
    return types.SimpleNamespace(display_formatter=formatter)


def test_figures_shown_in_ipython_carry_their_alt_text(seed):
    from functools import partial

    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    from course.lesson.plots import plot_sentence_lengths, register_alt_text_formatter

    shell = _shell()
    assert register_alt_text_formatter(shell) and register_alt_text_formatter(shell)
    # matplotlib-inline registers its printer when the backend loads, after course.lesson.plots is imported
    shell.display_formatter.formatters["image/png"].for_type(Figure, partial(print_figure, fmt="png"))
    fig = plot_sentence_lengths(seed)
    data, metadata = shell.display_formatter.format(fig)
    assert data["image/png"][:4] == b"\x89PNG"
    assert metadata == {"image/png": {"alt": fig.alt_text}}

    untitled = Figure()
    ax = untitled.subplots()
    ax.set_title("Words per paragraph")
    _, metadata = shell.display_formatter.format(untitled)
    assert metadata["image/png"]["alt"] == "Chart titled 'Words per paragraph'; no description was given."


def test_no_formatter_outside_ipython():
    from course.lesson.plots import register_alt_text_formatter

    assert register_alt_text_formatter(types.SimpleNamespace()) is False


def test_images_attached_to_the_lesson_text_are_embedded_and_files_are_never_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG host file")
    cell = nbformat.v4.new_markdown_cell(f"## Picture\n\n![a map of Europe](attachment:map.png)\n\n![host]({secret})")
    cell.attachments = {"map.png": {"image/png": _PNG}}
    path = tmp_path / "98-pictures.ipynb"
    nbformat.write(_notebook([nbformat.v4.new_markdown_cell("# 98 · Pictures"), cell]), path)
    for edition in handouts.EDITIONS:
        soup = soup_of(handouts.render_handout(path, edition))
        images = soup.find_all("img")
        assert [img["alt"] for img in images] == ["a map of Europe"]
        assert images[0]["src"] == f"data:image/png;base64,{_PNG}"
        assert "host file" not in str(soup) and "secret.png" not in str(soup)


def test_the_sanitiser_is_nh3_and_declared():
    """HTML is sanitised by nh3 (maintained; bleach is deprecated upstream), declared in pyproject.toml."""
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.split(">")[0].split("=")[0].strip().lower() == "nh3" for d in deps)
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "course").rglob("*.py"))
    assert "import bleach" not in sources and "from bleach" not in sources
    assert handouts.clean_html('<p onclick="x()" style="color:red">a<script>b</script></p>') == '<p style="color:red">a</p>'
