"""course.report.analyze: the analysis object, its schema, and the `course analyze` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from helpers.paths import ROOT, SEED
from course.report.analyze import (FRAMES, QUOTE_KINDS, SCHEMA_PATH, SOURCE_TYPES, analyze_article, analyze_file,
                            format_text, load_schema, main, render_html, to_json)
from course.analysis.article import ArticleError, load_article, parse_article
from course.analysis.sources import ARTICLES_DIR, find_quotations, find_sources

ARTICLES = sorted(ARTICLES_DIR.glob("*.txt"))
ALL = [SEED, *ARTICLES]


@pytest.fixture
def run(capsys, monkeypatch):
    """Run `course analyze ARGS` in this process (the same add_arguments/run as the command).

    Returns a CompletedProcess-like result with returncode, stdout and stderr.
    """

    def _run(*args: str, cwd=None) -> subprocess.CompletedProcess:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(["course", "analyze", *args], code, captured.out, captured.err)

    return _run


def run_process(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """`python -m course.report.analyze` in a fresh interpreter: real exit code, real streams."""
    return subprocess.run([sys.executable, "-m", "course.report.analyze", *args], capture_output=True, text=True,
                          cwd=cwd)


@pytest.fixture(scope="module")
def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def results():
    return {path: analyze_article(path) for path in ALL}


# --- the schema ----------------------------------------------------------------------------------


def test_schema_is_draft_2020_12_and_lists_the_enums():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    analysis = schema["$defs"]["analysis"]
    assert list(analysis["properties"]) == ["file", "date", "headings", "paragraphs", "sentences", "readability",
                                            "summary", "frames", "sources", "quotes"]
    assert analysis["properties"]["sources"]["items"]["properties"]["type"]["enum"] == list(SOURCE_TYPES)
    assert analysis["properties"]["quotes"]["items"]["properties"]["kind"]["enum"] == list(QUOTE_KINDS)
    assert list(analysis["properties"]["frames"]["properties"]) == list(FRAMES)


def test_enums_match_the_library():
    from course.analysis.framing import FRAMES as LIBRARY_FRAMES
    from course.analysis.sources import SOURCE_TYPES as LIBRARY_TYPES

    assert tuple(SOURCE_TYPES) == tuple(LIBRARY_TYPES)
    assert tuple(FRAMES) == tuple(LIBRARY_FRAMES)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_article_validates(path, results, validator):
    result = results[path]
    assert list(validator.iter_errors(result)) == []
    assert list(result) == list(load_schema()["$defs"]["analysis"]["properties"])  # keys in schema order
    assert validator.is_valid(json.loads(to_json(result)))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_analysis_agrees_with_the_lesson_functions(path, results):
    article = load_article(path)
    result = results[path]
    sources = find_sources(article)
    quotes = find_quotations(article)
    assert [s["name"] for s in result["sources"]] == sources["source"].tolist()
    assert [s["named"] for s in result["sources"]] == sources["named"].tolist()
    assert [[s["direct"], s["partial"], s["indirect"]] for s in result["sources"]] == \
        sources[["direct", "partial", "indirect"]].values.tolist()
    assert [s["paragraphs"] for s in result["sources"]] == [list(p) for p in sources["paragraphs"]]
    assert [(q["text"], q["kind"], q["paragraph"]) for q in result["quotes"]] == \
        list(zip(quotes["quote"], quotes["kind"], quotes["paragraph"]))
    assert [q["speaker"] for q in result["quotes"]] == [None if s != s else s for s in quotes["speaker"]]
    assert len(result["paragraphs"]) == len(article.paragraphs) and result["sentences"] == len(article.sentences)


def _recombined(n: int = 20) -> list:
    """Articles made from the paragraphs of the seed and data/articles, as the benchmark makes them."""
    import random

    pool = [p.text for path in ALL for p in load_article(path).paragraphs]
    rng = random.Random(5)
    return [parse_article("date 2022-03\n\n" + "\n\n".join(rng.sample(pool, k=rng.randint(2, 12))),
                          f"<mix {i}>") for i in range(n)]


def test_shortcuts_give_what_the_lesson_functions_give():
    """LEAD-3, the frame shares and the shared finder steps equal the public functions, on varied articles."""
    from course.analysis.framing import lexicon_profile
    from course.analysis.summarize import summarize_lead, summarize_textrank

    for article in [load_article(p) for p in ALL] + _recombined():
        result = analyze_article(article)
        assert result["summary"]["lead"] == summarize_lead(article, n=3)["text"].tolist()
        assert result["summary"]["textrank"] == summarize_textrank(article, n=3)["text"].tolist()
        profile = lexicon_profile(article)
        assert result["frames"] == {f: round(float(profile[f]), 3) for f in FRAMES}, article.path
        sources = find_sources(article)
        assert [(s["name"], s["type"], s["named"], s["side"]) for s in result["sources"]] == list(
            zip(sources["source"], sources["type"], sources["named"], sources["side"])), article.path
        quotes = find_quotations(article)
        assert [(q["text"], q["kind"]) for q in result["quotes"]] == list(zip(quotes["quote"], quotes["kind"]))


def test_the_finders_share_work_through_caches_that_hand_out_fresh_copies(seed):
    """analyze runs the actor and statement finders once per article; nobody can spoil the cache."""
    import course.analysis.reading
    import course.analysis.sources

    rows = course.analysis.sources._statements(seed)
    rows[0]["speaker"] = "spoiled"
    rows.clear()
    assert course.analysis.sources._statements(seed)[0]["speaker"] != "spoiled"
    mentions = course.analysis.reading._mentions(seed)
    mentions[0].actor = "spoiled"
    assert course.analysis.reading._mentions(seed)[0].actor != "spoiled"
    import course.analysis.quotations

    for cache in (course.analysis.reading._cached_mentions, course.analysis.sources._cached_actors,
                  course.analysis.quotations._cached_statements, course.analysis.quotations._cached_actors):
        cache.cache_clear()
    analyze_article(seed)
    assert course.analysis.reading._cached_mentions.cache_info().misses == 1, "the actor finder ran once"


# --- facts of the seed the lessons already pin -------------------------------------------------


def test_seed_facts(results):
    r = results[SEED]
    assert r["date"] == "2022-03"
    assert r["headings"] == ["Ontmoeting in Rome", "Op de vlakte", "De druk wordt opgevoerd"]
    assert len(r["paragraphs"]) == 13 and r["sentences"] == 32
    assert r["paragraphs"][0]["index"] == 1 and r["paragraphs"][0]["section"] is None
    assert r["paragraphs"][2]["section"] == "Ontmoeting in Rome"
    assert len(r["sources"]) == 9 and sum(not s["named"] for s in r["sources"]) == 1
    anonymous = next(s for s in r["sources"] if not s["named"])
    assert anonymous["name"] == "anonieme bronnen binnen de Amerikaanse overheid"
    assert (anonymous["type"], anonymous["side"]) == ("official", "VS")
    zhao = next(s for s in r["sources"] if s["name"] == "Zhao Lijian")
    assert [zhao["direct"], zhao["partial"], zhao["indirect"]] == [2, 0, 1]
    assert [(q["paragraph"], q["kind"], q["speaker"]) for q in r["quotes"]] == [
        (2, "direct", "Jake Sullivan"), (2, "partial", "Jake Sullivan"), (4, "unattributed-partial", None),
        (11, "partial", "Ryan Hass"), (12, "direct", "Zhao Lijian"), (12, "direct", "Zhao Lijian")]
    assert [q["rule"] for q in r["quotes"]] == ["named", "pronoun", "agreeing", "pronoun", "named", "continued"]
    assert r["readability"] == {"flesch_douma": 46.8, "brouwer": 34.46}
    assert r["summary"]["lead"][0].startswith("Rusland heeft China gevraagd")
    assert len(r["summary"]["lead"]) == len(r["summary"]["textrank"]) == 3


def test_frames_are_rounded_shares(results):
    for r in results.values():
        assert list(r["frames"]) == list(FRAMES)
        for value in r["frames"].values():
            assert 0 <= value <= 1 and round(value, 3) == value
        for value in r["readability"].values():
            assert value is None or round(value, 2) == value
    assert results[SEED]["frames"]["conflict"] == 0.769  # 10 of 13 paragraphs


def test_articles_with_other_conventions(results):
    bikes = results[ARTICLES_DIR / "001_fietsenstalling_utrecht.txt"]
    assert bikes["headings"] == ["Kritiek uit de buurt", "Besluit in december"]
    assert {s["name"] for s in bikes["sources"] if not s["named"]} == {
        "een ambtenaar die niet met naam genoemd wil worden", "ingewijden",
        "bewoners van de wijk Hoog Catharijne"}  # "Zij vrezen": the residents, not the alderman
    rhine = results[ARTICLES_DIR / "002_droogte_rijn.txt"]
    assert rhine["headings"] == [] and all(p["section"] is None for p in rhine["paragraphs"])
    assert rhine["quotes"][0] == {"text": "Zo erg heb ik het nooit gezien", "kind": "direct",
                                  "speaker": "Johan Kramer", "rule": "pronoun", "paragraph": 2}


def test_dutch_letters_and_curly_quotes_survive_in_json(results):
    line = to_json(results[SEED])
    assert "\n" not in line
    assert "Oekraïne" in line and "‘direct en achter de schermen’" in line and "“We zullen" in line
    assert "\\u" not in line
    assert json.loads(line) == results[SEED]
    assert "patiëntenvereniging" in to_json(results[ARTICLES_DIR / "003_ziekenhuis_fusie.txt"])


def test_analyze_takes_an_article_or_a_path(seed):
    text = "date 2021-05\n\nDe minister zegt: “Het is klaar.”\n\nVolgens ingewijden klopt dat niet.\n"
    by_text = analyze_article(parse_article(text, "x.txt"))
    assert by_text["file"] == "x.txt" and by_text["date"] == "2021-05"
    assert analyze_article(str(SEED)) == analyze_article(seed)
    with pytest.raises(TypeError, match="Article or a path"):
        analyze_article(42)
    with pytest.raises(ArticleError):
        analyze_article(ROOT / "no-such-article.txt")


def test_short_odd_articles_still_validate(validator):
    for text in ("Hallo.", "— — —.", "“Ja”, zei hij.", "Kop\n\nEen zin.\n\nNog een kop\n\n‘Nee’, zegt Jan de Vries."):
        result = analyze_article(parse_article(text, "<odd>"))
        assert list(validator.iter_errors(result)) == [], text
    assert analyze_article(parse_article("— — —.", "<odd>"))["readability"] == {"flesch_douma": None,
                                                                               "brouwer": None}


# --- bad input ---------------------------------------------------------------------------------

BAD = {
    "missing": (None, "file not found"),
    "empty": (b"", "file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "latin1": ("Een café in Deventer.\n".encode("latin-1"), "not valid UTF-8"),
    "utf16": ("Een zin.".encode("utf-16"), "UTF-16"),
    "headings only": ("Een kop\n\nNog een kop\n".encode(), "no body text"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_file_exits_2_with_one_line_naming_it(kind, tmp_path, validator, run):
    content, problem = BAD[kind]
    path = tmp_path / f"{kind.replace(' ', '_')}.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"course analyze: {path}") and problem in lines[0]
    assert "Traceback" not in result.stderr
    error = json.loads(result.stdout)
    assert validator.is_valid(error) and error["file"] == str(path) and problem in error["error"]
    for options in (["--format", "text"], ["--format", "html", "--out", str(tmp_path)]):
        other = run(*options, str(path), cwd=tmp_path)
        assert other.returncode == 2 and len(other.stderr.strip().splitlines()) == 1
        assert "Traceback" not in other.stderr and str(path) in other.stderr
        assert other.stdout == "" and not list(tmp_path.glob("*.html"))


def test_error_object_names_the_line(tmp_path, validator):
    path = tmp_path / "latin.txt"
    path.write_bytes("date 2022-03\n\nEen zin.\n\nEen café.\n".encode("latin-1"))
    error = analyze_file(path)
    assert error == {"file": str(path), "error": error["error"], "line": 5}
    assert validator.is_valid(error)
    assert format_text(error) == f"{path}, line 5: {error['error']}"


def test_several_files_give_json_lines_and_a_bad_one_does_not_stop_the_others(tmp_path, validator, run):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    paths = [str(SEED), str(bad), *map(str, ARTICLES)]
    result = run(*paths)
    assert result.returncode == 2
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["file"] for o in objects] == paths
    assert [("error" in o) for o in objects] == [False, True] + [False] * len(ARTICLES)
    assert all(validator.is_valid(o) for o in objects)
    assert objects[1] == {"file": str(bad), "error": "file is empty", "line": None}
    assert result.stderr.strip().splitlines() == [f"course analyze: {bad}: file is empty"]


def test_good_files_exit_0_and_json_goes_to_out(tmp_path, run):
    out = tmp_path / "all.jsonl"
    result = run("--out", str(out), *map(str, ARTICLES))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["file"] for line in lines] == [str(p) for p in ARTICLES]


@pytest.mark.commands
def test_real_process_exit_code_and_streams(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    result = run_process(str(bad), str(ARTICLES[0]))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"course analyze: {bad}, line 1: is a binary file, not plain text (it contains NUL bytes)"]
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["file"] == str(bad)
    assert json.loads(lines[1])["file"] == str(ARTICLES[0]) and "Traceback" not in result.stderr


@pytest.mark.commands
def test_through_the_course_command():
    """`course analyze` is the same command (cli.py loads course.report.analyze as a plug-in)."""
    result = subprocess.run([sys.executable, "-m", "course.cli", "analyze", str(SEED)], capture_output=True,
                            text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["sentences"] == 32


# --- text and html -----------------------------------------------------------------------------


def test_text_format_is_readable_tables(run):
    result = run("--format", "text", str(SEED), str(ARTICLES[1]))
    assert result.returncode == 0
    text = result.stdout
    assert text.count("== ") == 2 and f"== {SEED}" in text
    assert "13 paragraphs · 32 sentences" in text and "Flesch-Douma 46.80   Brouwer 34.46" in text
    assert "Sources (9: 8 named, 1 anonymous)" in text and "Quotations (6)" in text
    assert re.search(r"^  Zhao Lijian +official +yes +China +2 +0 +1 +12$", text, re.M)
    assert re.search(r"^  conflict +0\.769  #+$", text, re.M)
    assert "Summary (LEAD-3)" in text and "Summary (TextRank-3)" in text
    assert all(len(line) <= 200 for line in text.splitlines())
    assert "under 100 words: an illustration" in format_text(analyze_article(parse_article("Een korte tekst.", "<kort>")))


def _outside_links(page: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I) + \
        re.findall(r"url\(\s*['\"]?(?:https?:)?//", page, re.I) + re.findall(r"@import", page)


def test_html_report_is_self_contained_and_escapes_the_text():
    text = ("date 2023-01\n\nDe wethouder zegt: “Dit is <script>alert('x')</script> & meer.”\n\n"
            "Volgens ingewijden is het plan “te duur”. Een <b>vet</b> woord en een café in Oekraïne.\n")
    article = parse_article(text, "<evil>")
    page = render_html(article)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<script" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert "&amp; meer" in page and "café in Oekraïne" in page
    assert _outside_links(page) == []
    assert '<div class="article" lang="nl">' in page


def test_html_report_of_the_seed_has_charts_with_alt_text_and_highlights(tmp_path, run):
    result = run("--format", "html", str(SEED), cwd=tmp_path)
    assert result.returncode == 0
    report = tmp_path / f"{SEED.stem}.analysis.html"
    assert result.stdout.strip() == f"wrote {report}"
    page = report.read_text(encoding="utf-8")
    assert _outside_links(page) == []
    images = re.findall(r"<img ([^>]*)>", page)
    assert len(images) == 3
    for image in images:
        assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]+"', image)
        assert re.search(r'alt="[^"]{10,}"', image)
    assert 'class="quote unattributed-partial"' in page and "ijzersterke vriendschap" in page
    assert page.count("<mark ") > 10
    assert "Jake Sullivan" in page and "Oekraïne" in page
    assert re.search(r"<h3>Ontmoeting in Rome</h3>", page)
    article = load_article(SEED)
    plain = re.sub(r"<[^>]+>", "", page)
    import html as html_module

    for paragraph in article.paragraphs:  # every paragraph's text is in the report, exactly
        assert paragraph.text in html_module.unescape(plain)


def test_html_out_options(tmp_path, run):
    one = tmp_path / "one.html"
    assert run("--format", "html", "--out", str(one), str(ARTICLES[0])).returncode == 0
    assert one.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("--format", "html", "--out", str(folder), *map(str, ARTICLES))
    assert result.returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{p.stem}.analysis.html" for p in ARTICLES)
    stdout = run("--format", "html", "--out", "-", str(ARTICLES[1]))
    assert stdout.returncode == 0 and stdout.stdout.startswith("<!DOCTYPE html>")
    several = run("--format", "html", "--out", str(tmp_path / "x.html"), *map(str, ARTICLES))
    assert several.returncode == 2 and "existing folder" in several.stderr
