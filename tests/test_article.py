"""course.analysis.article: the plain-text format, its variations, and clear errors."""

from __future__ import annotations

import pytest

from course import ArticleError, load_article, parse_article

SHORT = (
    "date 2023-11\n\n"
    "De gemeente Utrecht wil meer fietsenstallingen bouwen. Dat zei wethouder Jan de Vries dinsdag.\n\n"
    "Kritiek\n\n"
    "Bewoners zijn boos. \"Niemand heeft ons iets gevraagd\", zegt een buurtbewoner.\n"
)


def test_date_on_its_own_line():
    a = parse_article(SHORT)
    assert a.date == "2023-11"
    assert [p.text[:10] for p in a.paragraphs] == ["De gemeent", "Bewoners z"]
    assert a.heading_texts == ["Kritiek"]
    assert [p.section for p in a.paragraphs] == [None, "Kritiek"]


@pytest.mark.parametrize("prefix", ["date 2022-03 ", " date 2022-03 ", "  date 2022-03\t", "date 2022-03\n"])
def test_date_glued_to_first_paragraph(prefix):
    a = parse_article(prefix + "Het kabinet valt. Dat meldt de NOS.\n\nTweede alinea hier.")
    assert a.date == "2022-03"
    assert a.paragraphs[0].text == "Het kabinet valt. Dat meldt de NOS."
    assert len(a.paragraphs) == 2


def test_no_date_line_is_allowed():
    a = parse_article("Het kabinet valt. Dat meldt de NOS.")
    assert a.date is None
    assert len(a.sentences) == 2


def test_invalid_date_names_the_line():
    with pytest.raises(ArticleError, match=r"<text>, line 1: date line has '2022-13'"):
        parse_article("date 2022-13\n\nTekst.")


def test_crlf_bom_and_hard_wrapped_lines():
    text = "\ufeffdate 2021-05\r\n\r\nDit is een lange alinea die over\r\ntwee regels is verdeeld.\r\n\r\nNog een alinea.\r\n"
    a = parse_article(text)
    assert [p.text for p in a.paragraphs] == [
        "Dit is een lange alinea die over twee regels is verdeeld.",
        "Nog een alinea.",
    ]


def test_paragraphs_pasted_without_blank_lines():
    text = "Eerste alinea eindigt hier.\nTussenkop\nTweede alinea eindigt ook.\nDerde alinea."
    a = parse_article(text)
    assert [p.text for p in a.paragraphs] == ["Eerste alinea eindigt hier.", "Tweede alinea eindigt ook.", "Derde alinea."]
    assert a.heading_texts == ["Tussenkop"]
    assert a.paragraphs[1].section == "Tussenkop"


def test_heading_rules():
    a = parse_article(
        "Kop zonder punt\n\nEen alinea.\n\nDit is geen kop:\n\nEen zin.\n\n“Een citaat zonder punt”\n\nSlot."
    )
    assert a.heading_texts == ["Kop zonder punt", "“Een citaat zonder punt”"]
    assert a.headings[0].first_paragraph == 1
    # a line ending in a colon is a paragraph; a short quoted line is a quoted intertitle (a heading)
    assert "Dit is geen kop:" in [p.text for p in a.paragraphs]
    assert "“Een citaat zonder punt”" not in [p.text for p in a.paragraphs]


@pytest.mark.parametrize("line", ["‘Geen spijt’", "'Niet normaal'", "“Dreigementen waren serieus”", '"Wij gaan door"'])
def test_quoted_intertitles_are_headings(line):
    a = parse_article(f"Een alinea.\n\n{line}\n\nNog een alinea.")
    assert a.heading_texts == [line] and [p.section for p in a.paragraphs] == [None, line]


@pytest.mark.parametrize("line", ["“Dat klopt niet.”", "‘Ik wil hier weg’, zegt ze.", "‘Geen spijt’ en ‘geen excuses’"])
def test_quoted_sentences_stay_paragraphs(line):
    a = parse_article(f"Een alinea.\n\n{line}\n\nNog een alinea.")
    assert a.heading_texts == []


def test_long_line_without_full_stop_is_a_paragraph():
    line = "Dit is een heel lange regel zonder punt aan het eind die toch echt een alinea is en geen kop"
    a = parse_article(line + "\n\nSlot.")
    assert a.headings == ()
    assert a.paragraphs[0].text == line


@pytest.mark.parametrize(
    "quote",
    ["“We zullen dat niet toestaan”", "‘We zullen dat niet toestaan’", '"We zullen dat niet toestaan"', "„We zullen dat niet toestaan”"],
)
def test_every_quotation_style_survives_and_opens_its_sentence(quote):
    a = parse_article(f"Hij waarschuwde de Chinezen wel. {quote}, zei Sullivan. Daarna ging hij weg.")
    texts = [s.text for s in a.sentences]
    assert texts[0] == "Hij waarschuwde de Chinezen wel."
    assert texts[1] == f"{quote}, zei Sullivan."
    assert texts[2] == "Daarna ging hij weg."


def test_stranded_opening_quote_is_moved_in_the_seed(seed):
    texts = [s.text for s in seed.sentences]
    assert "Hij bevestigde ze niet, maar waarschuwde de Chinezen wel." in texts
    assert any(t.startswith("“We zullen dat niet toestaan”") for t in texts)
    assert "“Dat is kwaadaardig.”" in texts
    assert not any(t.endswith(("“", "‘")) for t in texts)


def test_sentence_offsets_point_into_the_paragraph(seed):
    for s in seed.sentences:
        assert seed.paragraph(s.paragraph).text[s.start : s.end] == s.text


def test_tables_have_documented_columns(seed):
    assert list(seed.paragraph_table.columns) == ["paragraph", "section", "text", "sentences", "words"]
    assert list(seed.sentence_table.columns) == ["sentence", "paragraph", "section", "text", "words"]
    assert seed.paragraph_table["sentences"].sum() == len(seed.sentences)
    assert seed.sentence_table["words"].sum() == seed.paragraph_table["words"].sum()


def test_paragraph_lookup_is_one_based(seed):
    assert seed.paragraph(1) is seed.paragraphs[0]
    with pytest.raises(IndexError, match="numbered 1 to 13"):
        seed.paragraph(0)


# ---------------------------------------------------------------- bad input


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert str(err.value) == f"{path}: file not found"


def test_folder_is_not_an_article(tmp_path):
    with pytest.raises(ArticleError, match="is a folder"):
        load_article(tmp_path)


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "file is empty"),
        (b"  \n\n \t\n", "only white space"),
        (b"date 2022-03\n\nDe premier zei \xe9\xe9n ding.\n", r"line 3: bytes are not valid UTF-8 \(byte 0xe9\)"),
        ("date 2022-03\n\nTekst.".encode("utf-16"), "encoded as UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"date 2022-03\n", "no body text: the file holds only a date line"),
        (b"date 2022-03\n\nKop een\n\nKop twee\n", "no body text: the file holds only headings"),
    ],
)
def test_bad_files_name_file_and_problem(write, content, problem):
    path = write(content)
    with pytest.raises(ArticleError, match=problem) as err:
        load_article(path)
    assert str(err.value).startswith(str(path))


def test_huge_file_is_refused(write):
    path = write(b"a" * 5_000_001)
    with pytest.raises(ArticleError, match="too large"):
        load_article(path)


def test_error_is_a_value_error_with_fields(write):
    path = write(b"")
    with pytest.raises(ValueError) as err:
        load_article(path)
    assert err.value.path == str(path) and err.value.problem == "file is empty" and err.value.line is None
