"""Jinja2 templates: where every HTML page and fragment of the library comes from.

No module builds HTML out of f-strings or concatenation; it computes plain
data (strings, numbers, lists of segments) and a template in its package's
``templates/`` folder writes the tags. Every template is autoescaped, so a
string from an article, a notebook or a submission is escaped by Jinja,
never by hand; the few ``|safe`` values (HTML already sanitised, or made by
displaCy, which escapes the text itself) say why in a comment of their
template. ``tests/test_templating.py`` keeps it so.

Where the templates are
-----------------------
``course/report/templates/``
    ``analysis.html.j2``: the page of ``course analyze --format html``.
``course/authoring/templates/handout/``
    ``lessons.html.j2``: the handouts' ``index.html``. (``index.html.j2``
    next to it is nbconvert's template of each handout page, not rendered
    through this module.)
``course/lesson/templates/``
    Notebook fragments: ``feedback.html.j2`` and ``message.html.j2``
    (:class:`course.lesson.checks.Feedback`), ``side_by_side.html.j2`` and
    ``highlighted.html.j2`` (:mod:`course.lesson.display`). The frame and
    word-choice highlights of :mod:`course.analysis.framing` are the same
    fragment as the actor highlights, so they use the lesson's
    ``highlighted.html.j2`` too (through
    :func:`course.lesson.display.render_highlights`).
``course/grading/templates/``
    The feedback pages and the class report of ``course grade``.

Settings (the same for every package)
-------------------------------------
``autoescape=True`` for every template; ``undefined=StrictUndefined``, so a
misspelt name raises instead of printing nothing; ``trim_blocks`` and
``lstrip_blocks``, so a line holding only a ``{% ... %}`` tag leaves no
blank line; a template's final newline is dropped (Jinja's default).

jinja2 is imported inside the functions: ``import course`` does not load it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

#: Extra filters of an environment: ``(name, function)`` pairs (a tuple, so that it can be a cache key).
Filters = tuple[tuple[str, Callable[..., Any]], ...]


@lru_cache(maxsize=None)
def environment(package: str, filters: Filters = ()) -> "jinja2.Environment":
    """The Jinja2 environment of one package's ``templates/`` folder (made once per package and filters).

    Parameters
    ----------
    package : str
        A package of the course, e.g. ``"course.report"``; its templates are
        read from its ``templates/`` folder (:class:`jinja2.PackageLoader`).
    filters : tuple of (str, callable), optional
        Filters to add, by name. Pass module-level functions (not new lambdas),
        so that every call finds the cached environment.

    Returns
    -------
    jinja2.Environment
        With autoescaping, :class:`jinja2.StrictUndefined`, ``trim_blocks``
        and ``lstrip_blocks``.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(dict(filters))
    return env


def render(package: str, name: str, /, **context: Any) -> str:
    """Render one template of a package.

    Parameters
    ----------
    package : str
        The package whose ``templates/`` folder holds the template (``"course.lesson"``).
    name : str
        The template's path inside that folder (``"feedback.html.j2"``).
    **context
        The template's variables.

    Returns
    -------
    str
        The rendered text, every variable escaped unless the template marks it ``|safe``.

    Raises
    ------
    jinja2.TemplateNotFound
        When the package has no such template.
    jinja2.UndefinedError
        When the template uses a variable that is not in ``context``.
    """
    return environment(package).get_template(name).render(**context)
