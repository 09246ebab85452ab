"""The student bundle, as a student gets it: in a folder outside the repository.

``student_env`` (``tests/conftest.py``, ``tests/helpers/student_env.py``) releases the
course into a temporary folder and installs it there with the bundle
README's own commands, in a bubblewrap sandbox in which the repository is an
empty folder: these tests run the lessons exactly as a student would, and
nothing can quietly come from ``/work/main`` (or wherever the checkout is).
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml

from helpers.paths import ROOT
from course.authoring.bundle import (binder_link, min_python, nbgitpuller_link, pinned_requirements, read_pins,
                           runtime_closure, wheel_name)
from course.authoring.release import find_bundle_leaks
from helpers.student_env import readme_commands

LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
VERSION = re.search(r'^version = "(.+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M).group(1)
WHEEL = wheel_name(VERSION)


def _wheel(env) -> zipfile.ZipFile:
    return zipfile.ZipFile(env.bundle / WHEEL)


# --------------------------------------------------------------------------
# What is in the folder


def test_bundle_holds_the_notebooks_the_wheel_and_the_install_files(student_env):
    names = {p.name for p in student_env.bundle.iterdir()} - {".venv"}
    assert names == {*LESSONS, WHEEL, "requirements.txt", "environment.yml", "README.md", ".gitignore"}
    assert LESSONS == [f"{n:02d}-{s}.ipynb" for n, s in enumerate(
        ["start", "reading", "summarizing", "framing", "sources", "your-article"])]


def test_wheel_holds_the_library_and_its_data_but_no_teacher_material(student_env):
    names = _wheel(student_env).namelist()
    assert "course/__init__.py" in names and "course/paths.py" in names
    assert "course/_data/seeds/000_79c815f5f65dac68.txt" in names
    for path in (ROOT / "data").rglob("*"):  # every data file the lessons read
        if path.is_file():
            assert f"course/_data/data/{path.relative_to(ROOT / 'data').as_posix()}" in names, path
    assert not [n for n in names if n.endswith(".ipynb") or n.startswith(("notebooks/", "tests/"))
                or "/answers/" in n or "__pycache__" in n]
    assert f"dutch_news_course-{VERSION}.data/data/share/jupyter/lab/settings/overrides.json" in names


def test_wheel_record_matches_its_files(student_env):
    import base64
    import hashlib

    wheel = _wheel(student_env)
    record = next(n for n in wheel.namelist() if n.endswith(".dist-info/RECORD"))
    rows = [line.split(",") for line in wheel.read(record).decode().splitlines()]
    assert {r[0] for r in rows} == set(wheel.namelist())
    for name, digest, size in rows:
        if name != record:
            data = wheel.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}" and int(size) == len(data), name


def test_a_wheel_with_answers_or_solution_lines_is_refused():
    files = {"course/__init__.py": b"x = 1\n", "tests/answers/lesson01.py": b"REFERENCE = {}\n",
             "course/notes.py": b"answer_1_2 = len(article.paragraphs)\n"}
    leaks = find_bundle_leaks(files, ["answer_1_2 = len(article.paragraphs)", "|---|---|"])
    assert any("tests/answers/lesson01.py" in leak for leak in leaks)
    assert any("course/notes.py contains instructor-only text" in leak for leak in leaks)
    assert len(leaks) == 2, leaks


def test_requirements_pin_every_package_the_lessons_use_then_the_wheel(student_env):
    lines = [ln for ln in (student_env.bundle / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    assert lines[-1] == f"./{WHEEL}"
    lock = read_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    pins = read_pins("\n".join(lines[:-1]))
    assert len(pins) == len(lines) - 1 and all(lock[name] == version for name, version in pins.items())
    assert {"jupyterlab", "spacy", "pandas", "ipykernel", "nbconvert"} <= set(pins)
    assert not {"playwright", "axe-playwright-python", "nbgrader", "dutch-news-course"} & set(pins)


def test_closure_follows_extras_and_markers_and_refuses_unpinned():
    requires = {"a": ["b>=1", "c; extra == 'x'", "d; python_version < '3'"], "b": [], "c": ["e"], "e": []}.get
    assert runtime_closure(["a"], requires) == {"a", "b"}
    assert runtime_closure(["a[x]"], requires) == {"a", "b", "c", "e"}
    with pytest.raises(ValueError, match="not pinned in requirements.lock.*: b"):
        pinned_requirements(["a"], {"a": "1"}, requires)
    assert min_python([">=3.11", ">=3.8,<4", ""]) == "3.11"


def test_environment_yml_installs_the_same_for_conda_and_binder(student_env):
    env = yaml.safe_load((student_env.bundle / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert pip == ["-r requirements.txt"]
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    readme = (student_env.bundle / "README.md").read_text(encoding="utf-8")
    assert f"with Python {python.split('=')[1]} or newer" in readme
    # repo2docker (Binder) reads environment.yml at the top unless a binder/ folder exists.
    assert not (student_env.bundle / "binder").exists()


# --------------------------------------------------------------------------
# Installed from the bundle, outside the repository


def test_readme_gives_two_commands_that_install_and_start(student_env):
    assert readme_commands(student_env.bundle) == [
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt",
        ".venv/bin/jupyter lab 00-start.ipynb",
    ]


def test_main_readme_gives_students_the_same_two_commands(student_env):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    students = readme.split("## For students", 1)[1].split("\n## ", 1)[0]
    for command in readme_commands(student_env.bundle):
        assert command in students, command


PROBE = """
import json, os, sys
import course, course.paths as paths
from course import SEED_PATH, load_article
from course.lesson.display import TRANSLATIONS_DIR
from course.analysis.framing import FRAMING_DIR
from course.analysis.reading import GAZETTEER_PATH, GLOSSARY_DIR
from course.analysis.sources import DATA_DIR
from course.analysis.summarize import SUMMARIES_DIR
files = [SEED_PATH, TRANSLATIONS_DIR, FRAMING_DIR, GAZETTEER_PATH, GLOSSARY_DIR, DATA_DIR, SUMMARIES_DIR]
print(json.dumps({"course": course.__file__, "data": str(paths.data_root()), "exist": all(p.exists() for p in files),
                  "files": [str(p) for p in files], "paragraphs": len(load_article().paragraphs),
                  "sys_path": sys.path, "modules": [getattr(m, "__file__", None) or "" for m in list(sys.modules.values())],
                  "repo": os.listdir(sys.argv[1])}))
"""


def test_library_and_data_come_from_the_bundle_only(student_env):
    done = student_env.run([".venv/bin/python", "-c", PROBE, str(ROOT)])
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    site = student_env.venv / "lib"
    assert Path(probe["course"]).is_relative_to(site), "the course is the wheel installed into the bundle's venv"
    assert Path(probe["data"]) == Path(probe["course"]).parent / "_data"
    assert probe["exist"] and probe["paragraphs"] == 13
    assert all(Path(f).is_relative_to(Path(probe["data"])) for f in probe["files"])
    assert probe["repo"] == [], "the repository is an empty folder in the sandbox"
    reach = [p for p in probe["sys_path"] + probe["modules"] if p.startswith(str(ROOT))]
    assert reach == []


def test_course_command_works_from_the_bundle(student_env):
    seed = '"$(.venv/bin/python -c "from course import SEED_PATH; print(SEED_PATH)")"'
    done = student_env.run(["sh", "-c", f".venv/bin/course article {seed}"])
    assert done.returncode == 0 and "13 paragraphs" in done.stdout, done.stderr


def test_lesson_00_names_only_files_the_student_has(student_env):
    nb = nbformat.read(student_env.bundle / "00-start.ipynb", as_version=4)
    where = next(c.source for c in nb.cells if c.source.startswith("## Where things are"))
    named = re.findall(r"`([\w.-]+\.(?:ipynb|md|txt))`", where)
    assert named == ["00-start.ipynb", "05-your-article.ipynb", "README.md", "requirements.txt"]
    assert all((student_env.bundle / name).is_file() for name in named)
    text = "\n".join(c.source for c in nb.cells)
    assert "seeds/" not in text and "data/" not in text and "notebooks/" not in text


@pytest.fixture(scope="module")
def executed(student_env):
    """Every student notebook of the bundle, run top to bottom there (no network), as nbconvert stores it."""
    out = student_env.tmp / "executed"
    done = student_env.run(["sh", "-c", f".venv/bin/jupyter nbconvert --to notebook --execute --allow-errors "
                            f"--ExecutePreprocessor.timeout=600 --output-dir {out} 0*.ipynb"], timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(out.glob("*.ipynb"))}


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_runs_top_to_bottom_from_the_bundle(executed, lesson):
    nb = executed[lesson]
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    assert errors == []
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not [s for s in stderr if "Traceback" in s or "Error" in s], stderr
    text = json.dumps([o for o in outputs])
    assert str(ROOT) not in text, "an output names a path in the repository"
    checks = [c for c in nb.cells if c.metadata.get("course", {}).get("role") == "check"]
    assert all("not answered yet" in c.outputs[0]["data"]["text/plain"] for c in checks)


# --------------------------------------------------------------------------
# How a class receives it: JupyterHub (nbgitpuller) and Binder


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


def test_bundle_is_a_git_repository_nbgitpuller_can_pull(student_env, tmp_path):
    repo = tmp_path / "news-student"
    subprocess.run(["cp", "-r", str(student_env.bundle), str(repo)], check=True)
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", ".", cwd=repo)
    _git("commit", "-q", "-m", "student bundle", cwd=repo)
    tracked = set(_git("ls-files", cwd=repo).split())
    assert tracked == {p.name for p in student_env.bundle.iterdir()} - {".venv"}
    assert _git("status", "--porcelain", cwd=repo) == "", "a student's .venv is ignored"
    # The link: nbgitpuller clones the repository into a folder named after it, then opens urlpath.
    link = nbgitpuller_link("https://hub.example.edu", f"file://{repo}")
    query = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == "/hub/user-redirect/git-pull" and query["repo"] == [f"file://{repo}"]
    assert query["branch"] == ["main"]
    home = tmp_path / "home"
    home.mkdir()
    folder, notebook = query["urlpath"][0].removeprefix("lab/tree/").split("/")
    _git("clone", "-q", "--branch", query["branch"][0], query["repo"][0], folder, cwd=home)
    assert (home / folder / notebook).is_file() and notebook == "00-start.ipynb"


def test_binder_link_opens_the_first_lesson():
    assert binder_link("https://github.com/teacher/news-student") == (
        "https://mybinder.org/v2/gh/teacher/news-student/main?urlpath=lab%2Ftree%2F00-start.ipynb")


def test_bundle_readme_also_gives_the_windows_and_conda_commands(student_env):
    readme = (student_env.bundle / "README.md").read_text(encoding="utf-8")
    assert "py -m venv .venv && .venv\\Scripts\\pip install -r requirements.txt" in readme
    assert "`.venv\\Scripts\\jupyter lab 00-start.ipynb`" in readme
    assert "conda env create -f environment.yml && conda activate dutch-news-course" in readme
    env = yaml.safe_load((student_env.bundle / "environment.yml").read_text(encoding="utf-8"))
    assert env["name"] == "dutch-news-course"


def test_readme_documents_the_links_as_the_code_makes_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{WHEEL}`" in readme
    assert nbgitpuller_link("https://HUB", "https://github.com/OWNER/news-student") in readme
    assert binder_link("https://github.com/OWNER/news-student") in readme


FUNCTION_PROBE = """
import json
from course import check
from course.lesson.checks import FunctionExercise, list_exercises
ex = next(e for e in list_exercises() if isinstance(e, FunctionExercise) and e.id == "1.5")
stub = check("1.5", lambda text: ...)
naive = check("1.5", lambda text: [s.strip() + "." for s in text.split(".") if s.strip()])
print(json.dumps({"stub": stub.status, "naive": naive.status, "message": naive.message,
                  "function": ex.function, "visible": len(ex.visible)}))
"""


def test_a_function_check_in_the_bundle_shows_the_failed_example_case(student_env):
    """What the bundle's README says of function exercises, run in the bundle outside the repository."""
    readme = (student_env.bundle / "README.md").read_text(encoding="utf-8")
    assert "runs it on a few example cases and shows what a failed one should return" in " ".join(readme.split())
    done = student_env.run([".venv/bin/python", "-c", FUNCTION_PROBE])
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["function"] == "split_sentences" and probe["stub"] == "unanswered" and probe["naive"] == "wrong"
    assert "example cases pass" in probe["message"] and "should return" in probe["message"]
    assert "but returned" in probe["message"]
