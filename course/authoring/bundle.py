"""The student bundle: what a teacher hands out (written by ``course release``).

``course release`` writes the student notebooks to ``<out>/student/`` and
then, with :func:`write_bundle`, everything else a student needs to run them
on their own machine, outside the repository::

    <out>/student/
        00-start.ipynb ... 05-your-article.ipynb   the student notebooks
        dutch_news_course-<version>-py3-none-any.whl
                                the course library, with the article and the
                                data the lessons read inside the package
                                (``course/_data/``, see :mod:`course.paths`);
                                no notebooks, tests or reference answers
        requirements.txt        exact pins of every package the lessons use,
                                then the wheel (``pip install -r``)
        environment.yml         the same for conda and Binder (repo2docker)
        README.md               the two commands that start it; JupyterHub
                                (nbgitpuller) and Binder links
        .gitignore              so the folder can be pushed as a git repository

The wheel also installs two JupyterLab settings files into the environment
(``share/jupyter/lab/settings/overrides.json`` and
``etc/jupyter/jupyter_lab_config.json``, from
``course/lab/``): no "Jupyter news" pop-up, no update check, no extension
manager, so JupyterLab opens offline without asking to fetch anything.

The wheel is written here with :mod:`zipfile` (PEP 427), not by a build
backend: nothing is downloaded, and the same input gives the same bytes
(fixed timestamps, sorted entries), so a bundle kept in git only changes when
the course does.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import quote

#: Name of the distribution (as in pyproject.toml).
DIST_NAME = "dutch-news-course"
#: Files of the package never put in the wheel.
_SKIP = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints)(/|$)|\.py[co]$|(^|/)\.")
#: Lab settings shipped in ``course/lab/`` -> where they go under the environment's prefix.
LAB_SETTINGS = {
    "overrides.json": "share/jupyter/lab/settings/overrides.json",
    "jupyter_lab_config.json": "etc/jupyter/jupyter_lab_config.json",
}
#: Installer tools ``pip freeze`` leaves out of the lock: pip installs them when a package asks.
_UNPINNED = frozenset({"pip", "setuptools", "wheel", "distribute"})
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_NOTEBOOK = "00-start.ipynb"


@dataclass(frozen=True)
class BundleSettings:
    """What a bundle is made from.

    Attributes
    ----------
    package : Path
        The ``course`` package folder.
    data_root : Path
        Folder holding ``data/`` and ``seeds/`` (shipped inside the wheel).
    pyproject : Path
        ``pyproject.toml`` (name, version, dependencies, requires-python).
    lock : Path
        ``requirements.lock`` (the exact pins).
    """

    package: Path
    data_root: Path
    pyproject: Path
    lock: Path


def default_settings() -> BundleSettings:
    """The settings of this checkout (see :mod:`course.paths`)."""
    from .. import paths

    root = paths.project_root()
    return BundleSettings(paths.package_dir(), paths.data_root(), root / "pyproject.toml", root / "requirements.lock")


# ---------------------------------------------------------------------------
# Pins


def read_pins(text: str) -> dict[str, str]:
    """Exact pins of a requirements/lock file: canonical name -> version."""
    from packaging.utils import canonicalize_name

    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonicalize_name(name.split("[")[0])] = version.split(";")[0].strip()
    return pins


def runtime_closure(dependencies: Iterable[str], requires: Callable[[str], list[str] | None]) -> set[str]:
    """Every distribution the given requirements need on this platform, recursively.

    Parameters
    ----------
    dependencies : iterable of str
        Requirement strings (``pyproject.toml``'s ``dependencies``).
    requires : callable
        Name -> the ``Requires-Dist`` strings of that installed distribution
        (``importlib.metadata.requires``).

    Returns
    -------
    set of str
        Canonical names; markers are evaluated for this interpreter, extras
        followed only where a requirement asks for them.
    """
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [Requirement(r) for r in dependencies]
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        key = name + "[" + ",".join(sorted(req.extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        for dep in requires(name) or []:
            sub = Requirement(dep)
            if sub.marker is not None and any(sub.marker.evaluate({"extra": e}) for e in req.extras):
                sub.marker = None
            todo.append(sub)
    return {k.split("[")[0] for k in seen}


def installed_requires(name: str) -> list[str] | None:
    """``Requires-Dist`` of an installed distribution (None when it is not installed)."""
    import importlib.metadata as md

    try:
        return md.requires(name) or []
    except md.PackageNotFoundError:
        return None


def pinned_requirements(dependencies: Iterable[str], pins: Mapping[str, str],
                        requires: Callable[[str], list[str] | None] = installed_requires) -> list[str]:
    """``name==version`` for every distribution the lessons need, sorted.

    Raises
    ------
    ValueError
        When one of them is not pinned in the lock.
    """
    names = runtime_closure(dependencies, requires) - _UNPINNED
    missing = sorted(names - set(pins))
    if missing:
        raise ValueError(f"not pinned in requirements.lock (run `make lock`): {', '.join(missing)}")
    return [f"{name}=={pins[name]}" for name in sorted(names)]


def min_python(specifiers: Iterable[str], candidates: Iterable[str] = ("3.10", "3.11", "3.12", "3.13", "3.14")) -> str:
    """The oldest Python ``3.x`` that every ``Requires-Python`` specifier allows."""
    from packaging.specifiers import SpecifierSet

    sets = [SpecifierSet(s) for s in specifiers if s]
    for version in candidates:
        if all(s.contains(version + ".0") or s.contains(version + ".99") for s in sets):
            return version
    raise ValueError("no Python 3 version satisfies every pinned package")


def installed_requires_python(names: Iterable[str]) -> list[str]:
    """``Requires-Python`` of each installed distribution (empty when it has none)."""
    import importlib.metadata as md

    return [md.metadata(n).get("Requires-Python") or "" for n in names]


# ---------------------------------------------------------------------------
# The wheel


def wheel_name(version: str) -> str:
    """File name of the course wheel: ``dutch_news_course-<version>-py3-none-any.whl``."""
    return f"{DIST_NAME.replace('-', '_')}-{version}-py3-none-any.whl"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def _tree(folder: Path, prefix: str) -> dict[str, bytes]:
    files = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not path.is_symlink() and not _SKIP.search(rel):
            files[f"{prefix}/{rel}"] = path.read_bytes()
    return files


def wheel_files(settings: BundleSettings, project: Mapping) -> dict[str, bytes]:
    """Every file of the course wheel but ``RECORD``: archive name -> bytes.

    Parameters
    ----------
    settings : BundleSettings
    project : mapping
        The ``[project]`` table of ``pyproject.toml``.
    """
    from .. import paths

    name, version = project["name"], project["version"]
    stem = f"{name.replace('-', '_')}-{version}"
    files = {k: v for k, v in _tree(settings.package, "course").items()
             if not k.startswith(f"course/{paths.SHIPPED_DATA}/")}
    for folder in ("data", "seeds"):
        files.update(_tree(settings.data_root / folder, f"course/{paths.SHIPPED_DATA}/{folder}"))
    for source, target in LAB_SETTINGS.items():
        files[f"{stem}.data/data/{target}"] = (settings.package / "lab" / source).read_bytes()
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
            f"Summary: {project.get('description', '')}", f"Requires-Python: {project.get('requires-python', '')}"]
    meta += [f"Requires-Dist: {dep}" for dep in project.get("dependencies", [])]
    files[f"{stem}.dist-info/METADATA"] = ("\n".join(meta) + "\n").encode()
    files[f"{stem}.dist-info/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: course.authoring.bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n").encode()
    scripts = project.get("scripts", {})
    files[f"{stem}.dist-info/entry_points.txt"] = (
        "[console_scripts]\n" + "".join(f"{k} = {v}\n" for k, v in scripts.items())).encode()
    files[f"{stem}.dist-info/top_level.txt"] = b"course\n"
    return files


def write_wheel(files: Mapping[str, bytes], target: Path) -> Path:
    """Write a wheel (zip with a ``RECORD``) holding ``files``; same input, same bytes."""
    record_name = next(k for k in files if k.endswith(".dist-info/METADATA")).replace("METADATA", "RECORD")
    record = "".join(f"{k},{_record_hash(v)},{len(v)}\n" for k, v in sorted(files.items()))
    record += f"{record_name},,\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for arcname, data in [*sorted(files.items()), (record_name, record.encode())]:
            info = zipfile.ZipInfo(arcname, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


# ---------------------------------------------------------------------------
# The text files of the bundle


def requirements_text(pins: Iterable[str], wheel: str) -> str:
    """``requirements.txt``: the exact pins, then the course wheel (a path relative to the bundle)."""
    return ("# Exact versions of every package the lessons use, then the course library.\n"
            "# In this folder: python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
            + "".join(f"{p}\n" for p in pins) + f"./{wheel}\n")


def environment_text(python: str) -> str:
    """``environment.yml`` for conda and Binder: Python, pip, then ``requirements.txt``."""
    return ("# conda and Binder (repo2docker): the same packages as requirements.txt.\n"
            "#   conda env create -f environment.yml && conda activate dutch-news-course\n"
            "name: dutch-news-course\nchannels:\n  - conda-forge\ndependencies:\n"
            f"  - python={python}\n  - pip\n  - pip:\n      - -r requirements.txt\n")


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", notebook: str = _NOTEBOOK) -> str:
    """The link that opens a lesson of the bundle's git repository on a JupyterHub.

    nbgitpuller clones (later: merges) ``repo`` into the student's home
    folder, in a folder named after the repository, then opens ``notebook``
    there in JupyterLab.

    Examples
    --------
    >>> nbgitpuller_link("https://hub.example.edu", "https://git.example.edu/course/news-student")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgit.example.edu%2Fcourse%2Fnews-student&branch=main&urlpath=lab%2Ftree%2Fnews-student%2F00-start.ipynb'
    """
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}"
            f"&branch={quote(branch, safe='')}&urlpath={quote(f'lab/tree/{folder}/{notebook}', safe='')}")


def binder_link(repo: str, branch: str = "main", notebook: str = _NOTEBOOK) -> str:
    """The mybinder.org link of a bundle pushed to GitHub (``https://github.com/OWNER/NAME``).

    Examples
    --------
    >>> binder_link("https://github.com/teacher/news-student")
    'https://mybinder.org/v2/gh/teacher/news-student/main?urlpath=lab%2Ftree%2F00-start.ipynb'
    """
    owner_name = repo.rstrip("/").removesuffix(".git").split("github.com/", 1)[1]
    return f"https://mybinder.org/v2/gh/{owner_name}/{branch}?urlpath={quote(f'lab/tree/{notebook}', safe='')}"


def readme_text(wheel: str, python: str, notebooks: Iterable[str]) -> str:
    """The bundle's ``README.md``: the two commands, what is in the folder, hub and Binder."""
    rows = "".join(f"| `{n}` | lesson {n[:2]} |\n" for n in notebooks)
    return f"""# Reading the news: one Dutch article, four skills (student edition)

## Start: two commands

In this folder, with Python {python} or newer (`python3 --version`):

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/jupyter lab 00-start.ipynb
```

The first command installs, once, the pinned packages from the package index
and the course library from the wheel in this folder; the second opens
JupyterLab on the first lesson (run it whenever you work on the course).
Nothing is downloaded after the install: the article and all the data the
lessons read come with the library. On Windows the two commands are
`py -m venv .venv && .venv\\Scripts\\pip install -r requirements.txt` and
`.venv\\Scripts\\jupyter lab 00-start.ipynb`; with conda,
`conda env create -f environment.yml && conda activate dutch-news-course`,
then `jupyter lab 00-start.ipynb`.

## What is in this folder

| file | what |
|---|---|
{rows}| `{wheel}` | the course library (`import course`), with the article and its data |
| `requirements.txt` | exact versions of every package, then the course library |
| `environment.yml` | the same for conda and Binder |

Work through the notebooks in order, running cells top to bottom. Each
exercise has an answer cell (`answer_1_2 = ...`) and a check cell that tells
you at once whether you are right, without giving the answer away. Where an
exercise asks you to write a function, its check runs it on a few example
cases and shows what a failed one should return; the grade runs it on other
cases of the same kinds and gives you the share it gets right.

## On a JupyterHub or Binder

Your teacher may instead give you a link that opens this folder on a
JupyterHub (nbgitpuller) or on Binder; then there is nothing to install.
"""


def read_project(settings: BundleSettings) -> dict:
    """The ``[project]`` table of ``pyproject.toml``."""
    import tomllib

    return tomllib.loads(settings.pyproject.read_text(encoding="utf-8"))["project"]


def write_bundle(student_dir: Path, settings: BundleSettings | None = None,
                 files: Mapping[str, bytes] | None = None) -> list[Path]:
    """Write the wheel, ``requirements.txt``, ``environment.yml``, ``README.md`` and ``.gitignore``.

    Parameters
    ----------
    student_dir : Path
        The folder holding the student notebooks (``<out>/student``).
    settings : BundleSettings, optional
        Default: this checkout (:func:`default_settings`).
    files : mapping, optional
        The wheel's files when already made (:func:`wheel_files`).

    Returns
    -------
    list of Path
        The files written.
    """
    settings = settings or default_settings()
    project = read_project(settings)
    pins = pinned_requirements(project["dependencies"], read_pins(settings.lock.read_text(encoding="utf-8")))
    python = min_python([project.get("requires-python", ""),
                         *installed_requires_python(p.split("==")[0] for p in pins)])
    wheel = write_wheel(files or wheel_files(settings, project), student_dir / wheel_name(project["version"]))
    notebooks = sorted(p.name for p in student_dir.glob("[0-9][0-9]-*.ipynb"))
    texts = {
        "requirements.txt": requirements_text(pins, wheel.name),
        "environment.yml": environment_text(python),
        "README.md": readme_text(wheel.name, python, notebooks),
        ".gitignore": ".venv/\n.ipynb_checkpoints/\n__pycache__/\n",
    }
    written = [wheel]
    for name, text in texts.items():
        (student_dir / name).write_text(text, encoding="utf-8")
        written.append(student_dir / name)
    return written

