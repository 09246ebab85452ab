"""course.lesson.display: the English working translation, aligned paragraph by paragraph."""

from __future__ import annotations

import pytest

from course import ArticleError, load_translation, parse_article, show_side_by_side


def test_translation_lines_up_with_the_seed(seed):
    english = load_translation(seed)
    assert len(english.paragraphs) == len(seed.paragraphs) == 13
    assert english.heading_texts == ["Meeting in Rome", "Non-committal", "The pressure is turned up"]
    assert [h.first_paragraph for h in english.headings] == [h.first_paragraph for h in seed.headings]
    assert english.date == seed.date


@pytest.mark.parametrize(
    "paragraph, dutch, english",
    [
        (2, "“We zullen dat niet toestaan”", "“We will not allow that”"),
        (4, "‘ijzersterke vriendschap’", "‘rock-solid friendship’"),
        (11, "Ryan Hass", "Ryan Hass"),
        (12, "“Dat is kwaadaardig.”", "“That is malicious.”"),
    ],
)
def test_quotes_and_names_sit_in_the_same_paragraph(seed, paragraph, dutch, english):
    translation = load_translation(seed)
    assert dutch in seed.paragraph(paragraph).text
    assert english in translation.paragraph(paragraph).text


def test_misaligned_translation_is_refused(seed, write):
    path = write("date 2022-03\n\nOnly one paragraph.\n", "bad.en.txt")
    with pytest.raises(ArticleError, match=r"bad.en.txt: has 1 paragraphs but the article has 13"):
        load_translation(seed, path)


def test_side_by_side_html_and_text(seed):
    view = show_side_by_side(seed, paragraphs=[2, 3])
    html = view._repr_html_()
    assert html.count("<tr style") == 2
    assert "Ontmoeting in Rome" in html and "Meeting in Rome" in html  # heading row before paragraph 3
    assert "&ldquo;" not in html and "“We zullen dat niet toestaan”" in html  # quotes kept as characters
    assert "<script" not in html and "http" not in html
    text = str(view)
    assert text.startswith("[2] NL: Jake Sullivan")
    with pytest.raises(IndexError):
        show_side_by_side(seed, paragraphs=[14])


def test_side_by_side_escapes_html():
    nl = parse_article("Een <b>vette</b> zin.", "x.txt")
    en = parse_article("A <b>bold</b> sentence.", "x.en.txt")
    assert "<b>" not in show_side_by_side(nl, en)._repr_html_()
