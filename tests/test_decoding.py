"""course.decoding: the one decoder articles and submitted notebooks share."""

from __future__ import annotations

import pytest

from course import ArticleError, load_article
from course.decoding import DecodeProblem, decode_text
from course.grading.intake import read_submission


@pytest.mark.parametrize("data, kind, line, byte", [
    (b"", "empty", None, None),
    (b"  \n\t", "blank", None, None),
    ("tekst".encode("utf-16"), "utf16", None, None),
    ("{\"cells\": []}".encode("utf-16-le"), "utf16", None, None),
    (b"\x00\x01binary", "binary", 1, None),
    (b"regel een\nregel twee\x00", "binary", 2, None),
    ("één\ncafé".encode("latin-1"), "not_utf8", 1, 0xE9),
    ("ok\nok\ncafé".encode("latin-1"), "not_utf8", 3, 0xE9),
])
def test_each_problem_is_named_with_its_line(data, kind, line, byte):
    with pytest.raises(DecodeProblem) as info:
        decode_text(data)
    assert (info.value.kind, info.value.line, info.value.byte) == (kind, line, byte)


def test_a_byte_order_mark_goes_and_dutch_text_and_line_endings_stay():
    assert decode_text("\ufeff‘ijzersterke’ Ü\r\n".encode("utf-8")) == "‘ijzersterke’ Ü\r\n"


def test_article_and_grader_word_the_same_problem_for_their_reader(tmp_path):
    data = "Rusland vroeg China om hulp, zegt café-eigenaar".encode("latin-1")
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "a.ipynb").write_bytes(data)
    with pytest.raises(ArticleError, match=r"not valid UTF-8 \(byte 0xe9\); save the file as UTF-8"):
        load_article(tmp_path / "a.txt")
    loaded = read_submission(tmp_path / "a.ipynb")
    assert loaded.status == "encoding_error" and "byte 0xe9 on line 1" in loaded.reason
