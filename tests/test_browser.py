"""The handouts in a real browser: Debian's Chromium driven by Playwright.

No browser is ever downloaded: Playwright is pointed at the system
``chromium`` (``.ci/run`` installs Debian's package when it is missing). The
tests skip, saying why, only when no Chromium is installed.

Each handout (both editions, every lesson, and the index) must open with no
console error, show every figure (natural size > 0), contain no solution
text in the student edition, leave a screenshot in ``build/screenshots/``,
and have no serious or critical axe-core violation.
"""

from __future__ import annotations

import os
import re
import shutil

import nbformat
import pytest

from conftest import ROOT
from course import handouts
from course.release import HIDDEN, SOLUTION, student_notebook
from test_handouts import NOTEBOOKS, built

CHROMIUM = handouts.find_chromium()
SCREENSHOTS = ROOT / "build" / "screenshots"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does this)")

PAGES = [(edition, nb.stem) for edition in handouts.EDITIONS for nb in NOTEBOOKS] + \
        [(edition, "index") for edition in handouts.EDITIONS]


def launch_args() -> list[str]:
    return ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=launch_args())
        yield chromium
        chromium.close()


def open_page(browser, url: str, viewport: dict | None = None):
    page = browser.new_page(viewport=viewport or {"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    page.goto(url, wait_until="load")
    return page, errors


@pytest.mark.parametrize(("edition", "stem"), PAGES, ids=lambda v: v)
def test_handout_in_the_browser(browser, edition, stem):
    path = built(edition) / f"{stem}.html"
    page, errors = open_page(browser, path.resolve().as_uri())
    try:
        page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        images = page.evaluate(
            "Array.from(document.images).map(i => ({w: i.naturalWidth, h: i.naturalHeight, alt: i.alt,"
            " box: i.getBoundingClientRect().width * i.getBoundingClientRect().height}))")
        for image in images:
            assert image["w"] > 0 and image["h"] > 0, f"figure not decoded: {image['alt']}"
            assert image["box"] > 0, f"figure not visible: {image['alt']}"
            assert image["alt"].strip(), "figure without alt text"
        if stem != "index":
            nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
            n_figures = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                            for o in c.outputs)
            assert len(images) == n_figures, "every figure of the lesson is in the handout"
            text = " ".join(page.inner_text("body").split())
            if edition == "student":
                _, secrets = student_notebook(nb)
                for marker in (*SOLUTION, *HIDDEN, "Teacher only"):
                    assert marker not in text
                for secret in secrets:
                    assert " ".join(secret.split()) not in text, f"solution text visible: {secret!r}"
            elif any(SOLUTION[0] in c.source for c in nb.cells if c.cell_type == "code"):
                assert SOLUTION[0] in text
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"handout-{edition}-{stem}.png"))
        assert errors == [], errors
    finally:
        page.close()


@pytest.mark.parametrize(("edition", "stem"), PAGES, ids=lambda v: v)
def test_handout_has_no_serious_accessibility_violation(browser, edition, stem):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed")
    page, _ = open_page(browser, (built(edition) / f"{stem}.html").resolve().as_uri())
    try:
        result = axe_module.Axe().run(page)
        bad = [f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'][:120]}"
               for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], "\n".join(bad)
    finally:
        page.close()


def test_handout_reflows_on_a_phone(browser):
    path = built("student") / f"{NOTEBOOKS[min(1, len(NOTEBOOKS) - 1)].stem}.html"
    page, errors = open_page(browser, path.resolve().as_uri(), viewport={"width": 375, "height": 740})
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px on a phone"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "handout-student-phone.png"))
        assert errors == []
    finally:
        page.close()


def test_handouts_print_to_a4_pdf(tmp_path):
    """build_handouts prints every handout with headless Chromium (A4 pages)."""
    written = handouts.build_handouts(ROOT / "notebooks", tmp_path, "student", pdf=True)
    pdfs = [p for p in written if p.suffix == ".pdf"]
    assert [p.stem for p in pdfs] == [p.stem for p in NOTEBOOKS]
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-")
        boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
        assert boxes, "no page found"
        assert all(abs(float(w) - 595.9) < 2 and abs(float(h) - 842.9) < 2 for w, h in boxes), "A4 pages"
        assert len(boxes) >= 2
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.name}"' in index for p in pdfs), "the index links the PDFs"


def test_a_missing_chromium_is_said_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CHROMIUM", "/no/such/chromium")
    messages: list[str] = []
    written = handouts.build_handouts(ROOT / "notebooks", tmp_path, "teacher", pdf=True, report=messages.append)
    assert messages == [handouts.NO_CHROMIUM]
    assert not [p for p in written if p.suffix == ".pdf"]
    assert (tmp_path / "index.html").exists()
    assert shutil.which("chromium") or CHROMIUM  # the real one is still found without the override
