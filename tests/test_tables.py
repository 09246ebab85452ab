"""course.tables: every table the library returns has fixed columns and dtypes, also when empty."""

from __future__ import annotations

import pytest

from course import find_quotations, find_rare_words, parse_article
from course.tables import typed_frame

COLUMNS = {"word": "object", "count": "int64", "share": "float64", "named": "bool"}


def test_an_empty_table_has_the_columns_and_dtypes_of_a_full_one():
    empty = typed_frame([], COLUMNS)
    full = typed_frame([{"word": "oorlog", "count": 3, "share": 0.5, "named": False, "extra": 1}], COLUMNS)
    assert list(empty.columns) == list(full.columns) == list(COLUMNS)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert len(empty) == 0 and len(full) == 1


def test_a_row_without_a_column_is_a_bug_not_a_gap():
    with pytest.raises(KeyError):
        typed_frame([{"word": "x"}], COLUMNS)


def test_the_library_tables_keep_their_columns_on_an_article_without_quotations():
    article = parse_article("Een zin zonder citaat.\n\nNog een zin.\n")
    assert len(find_quotations(article)) == 0 and "speaker" in find_quotations(article).columns
    assert list(find_rare_words("").columns) == list(find_rare_words(article.text).columns)
    assert find_rare_words("").dtypes.to_dict() == find_rare_words(article.text).dtypes.to_dict()
