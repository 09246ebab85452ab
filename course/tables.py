"""The one way the library builds a DataFrame: fixed columns, fixed dtypes, also when empty.

Every function that returns a table documents its columns; building it with
:func:`typed_frame` makes an empty result (no quotations in an article, no
rare words in a sentence) a table with the same columns and dtypes as a full
one, so a student's ``table["speaker"]`` or ``table.groupby("kind")`` never
fails on an empty article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def typed_frame(rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str]) -> "pd.DataFrame":
    """Build a table with exactly ``columns``, in that order, with their dtypes.

    Parameters
    ----------
    rows : iterable of mapping
        One mapping per row; each must have every column (extra keys are ignored).
    columns : mapping of str to str
        Column name -> pandas dtype (``"int64"``, ``"float64"``, ``"bool"``, ``"object"`` ...).

    Returns
    -------
    pandas.DataFrame
        ``len(rows)`` rows; with no rows, an empty table of the same columns and dtypes.

    Raises
    ------
    KeyError
        When a row lacks a column (a bug in the caller, not in the data).

    Examples
    --------
    >>> typed_frame([], {"word": "object", "count": "int64"}).dtypes.to_dict()
    {'word': dtype('O'), 'count': dtype('int64')}
    """
    import pandas as pd

    rows = list(rows)
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=t) for c, t in columns.items()})
