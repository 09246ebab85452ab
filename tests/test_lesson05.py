"""Lesson 05 (your own article) runs top to bottom on every article we ship.

The notebook's ``parameters`` cell names the article; like papermill, the
test keeps that cell and inserts an ``injected-parameters`` cell after it
that names another article, then executes the notebook in ``notebooks/``.
"""

from __future__ import annotations

import os

import nbformat
import pytest

from helpers.paths import ROOT
from course.authoring.notebooks import execute_notebook
from course.paths import data_path

NOTEBOOK = ROOT / "notebooks" / "05-your-article.ipynb"
ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))


def _parameters_index(nb) -> int:
    found = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(found) == 1, "exactly one cell tagged 'parameters'"
    return found[0]


def with_parameters(nb, **parameters):
    """The notebook with an injected-parameters cell after the parameters cell (papermill style)."""
    source = "# Parameters\n" + "".join(f"{name} = {value!r}\n" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source.rstrip("\n"))
    cell.metadata["tags"] = ["injected-parameters"]
    cell.id = "injected-parameters"
    nb.cells.insert(_parameters_index(nb) + 1, cell)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return nb


def test_articles_to_run_on():
    assert len(ARTICLES) >= 3, "lesson 05 needs at least three articles in data/articles/"


def test_parameters_cell_names_a_shipped_article():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = nb.cells[_parameters_index(nb)]
    namespace: dict = {"data_path": data_path}  # imported by the setup cell
    exec(cell.source, namespace)  # noqa: S102 - our own notebook
    assert "data_path(" in cell.source and ".." not in cell.source, "found through the library, never ../data"
    path = (ROOT / "notebooks" / namespace["article_path"]).resolve()
    assert path.parent == (ROOT / "data" / "articles").resolve() and path.exists()
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert first_code < _parameters_index(nb), "the setup cell comes first, then the parameters"


def test_no_code_cell_depends_on_the_default_article():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    index = _parameters_index(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and i != index:
            assert "data/articles" not in cell.source and ".txt" not in cell.source, cell.source
            assert "load_article()" not in cell.source, "the seed is not this lesson's article"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_notebook_runs_on_every_article(article):
    nb = with_parameters(nbformat.read(NOTEBOOK, as_version=4),
                         article_path=os.path.relpath(article, ROOT / "notebooks"))
    execute_notebook(nb, ROOT / "notebooks", timeout=120)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == [], [f"{o.ename}: {o.evalue}" for o in errors]
    text = "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    assert article.name in text, "the notebook shows which article it analysed"
    for other in ARTICLES:
        if other != article:
            assert other.name not in text, f"output about {other.name} in the run on {article.name}"
    assert "Sources (" in text and "Quotations (" in text and "Readability" in text
