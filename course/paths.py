"""Where the course's folders are: the one module that knows.

Every other module asks this one for a folder instead of building
``Path(__file__).parent.parent / "data"`` itself, so the library finds its
data the same way in both places it runs:

*a checkout of the repository* (``pip install -e .``; ``make lab``, ``make test``)
    ``course/`` sits next to ``data/``, ``seeds/``, ``notebooks/``, ``tests/``
    and ``build/``: the project root is the folder above the package.
*the student bundle* (the wheel ``course release`` puts in ``release/student/``)
    Students never get the repository. The wheel carries the data the lessons
    read *inside the package*, in ``course/_data/data/`` and
    ``course/_data/seeds/`` (see :data:`SHIPPED_DATA`), and no notebooks,
    tests or reference answers.

Decision
--------
Data ships inside the package and is found with :mod:`importlib.resources`,
not next to the notebooks: a notebook then works wherever it is opened (a
JupyterHub home folder filled by nbgitpuller, Binder, a student's laptop, a
papermill run in another folder) as long as the library is installed, and
nothing depends on the kernel's working directory. The repository's own
``data/`` and ``seeds/`` stay where they are (the grader's sandbox binds them
by path).

Order in which the data folder is found (:func:`data_root`):

1. the environment variable ``COURSE_DATA``, a folder holding ``data/`` and
   ``seeds/`` (a teacher's own copy, e.g. on a shared hub volume);
2. the data shipped inside the installed package (``course/_data/``);
3. the checkout: the project root (:func:`project_root`).

The variable is read on every call; the modules that keep a folder as a
constant (``course.analysis.article.SEED_PATH`` ...) read it once, at import.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: Name of the package folder that holds ``data/`` and ``seeds/`` in the student wheel.
SHIPPED_DATA = "_data"
#: Environment variable naming a folder with ``data/`` and ``seeds/`` (wins over both layouts).
DATA_ENV = "COURSE_DATA"


def package_dir() -> Path:
    """The folder of the installed ``course`` package."""
    return Path(str(resources.files("course"))).resolve()


def project_root() -> Path:
    """The folder above the package: the repository root in a checkout.

    Installed from the student bundle this is ``site-packages``, which holds
    no notebooks or tests; use :func:`is_checkout` to tell the two apart.
    """
    return package_dir().parent


def is_checkout() -> bool:
    """Whether the package runs from a checkout of the repository (not from the bundle)."""
    root = project_root()
    return (root / "pyproject.toml").is_file() and (root / "data").is_dir() and (root / "seeds").is_dir()


def data_root(environ: dict[str, str] | None = None) -> Path:
    """The folder holding ``data/`` and ``seeds/``.

    Parameters
    ----------
    environ : dict, optional
        The environment to read ``COURSE_DATA`` from (default: ``os.environ``).

    Returns
    -------
    Path
        ``$COURSE_DATA`` when set, else the data shipped in the package when
        there is any, else the project root.
    """
    env = os.environ if environ is None else environ
    if env.get(DATA_ENV):
        return Path(env[DATA_ENV]).expanduser().resolve()
    shipped = package_dir() / SHIPPED_DATA
    if (shipped / "data").is_dir():
        return shipped
    return project_root()


def data_dir() -> Path:
    """The ``data/`` folder: translations, summaries, framing, glossaries, actors, articles."""
    return data_root() / "data"


def seeds_dir() -> Path:
    """The ``seeds/`` folder: the article every lesson reads."""
    return data_root() / "seeds"


def data_path(*parts: str) -> Path:
    """A file or folder under ``data/``, e.g. ``data_path("articles", "002_droogte_rijn.txt")``.

    Lessons use this instead of a relative path into the repository, so the
    same notebook runs in the checkout and from the student bundle.
    """
    return data_dir().joinpath(*parts)


def notebooks_dir() -> Path:
    """The instructor notebooks, ``notebooks/`` (only in a checkout)."""
    return project_root() / "notebooks"


def build_dir() -> Path:
    """Where generated files go in a checkout (handouts, screenshots): ``build/``."""
    return project_root() / "build"
