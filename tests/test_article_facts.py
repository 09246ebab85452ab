"""Facts about the seed article that lessons state or rely on.

If seeds/ changes, these fail before a lesson silently says something
untrue. Each fact names the lesson(s) that use it.
"""

from __future__ import annotations

import pytest


def test_date(seed):  # 00, 01 (timeline anchor)
    assert seed.date == "2022-03"


def test_paragraph_and_sentence_counts(seed):  # 00 exercise 0.1 and its success message
    assert len(seed.paragraphs) == 13
    assert len(seed.sentences) == 32
    assert [len(seed.sentences_in(p.index)) for p in seed.paragraphs] == [2, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 4, 3]


def test_headings_and_sections(seed):  # 00 exercise 0.3, 01 structure
    assert seed.heading_texts == ["Ontmoeting in Rome", "Op de vlakte", "De druk wordt opgevoerd"]
    assert [h.first_paragraph for h in seed.headings] == [3, 6, 10]
    assert [p.section for p in seed.paragraphs[:2]] == [None, None]  # the lead has no heading
    sections = [p.section for p in seed.paragraphs]
    assert sections.count("Ontmoeting in Rome") == 3
    assert sections.count("Op de vlakte") == 4
    assert sections.count("De druk wordt opgevoerd") == 4


def test_lead(seed):  # 00 discussion, 01 inverted pyramid, 02 LEAD-n
    first = seed.sentences[0].text
    assert first.startswith("Rusland heeft China gevraagd om militaire steun, zo meldden")
    assert "anonieme bronnen binnen de Amerikaanse overheid" in first
    assert "Financial Times" in first and "The Washington Post" in first and "zondag" in first
    assert seed.sentences[1].text == "China ontkent in algemene en enigszins vage termen."


def test_meeting_in_rome(seed):  # 00 exercise 0.2, 01 timeline
    p3 = seed.paragraph(3)
    assert p3.section == "Ontmoeting in Rome"
    assert p3.text.startswith("Sullivan ontmoet maandag in Rome de Chinese veiligheidsadviseur Yang Jiechi.")


@pytest.mark.parametrize(
    "name, first_paragraph",
    [("Sullivan", 2), ("Yang Jiechi", 3), ("Xi Jinping", 4), ("Poetin", 4), ("Ryan Hass", 11), ("Zhao Lijian", 12)],
)
def test_where_people_are_first_named(seed, name, first_paragraph):  # 01 actors, 04 sources
    assert min(p.index for p in seed.paragraphs if name in p.text) == first_paragraph


@pytest.mark.parametrize(
    "quote, paragraph, said_by",
    [
        ("“We zullen dat niet toestaan”", 2, "zei Sullivan"),
        ("‘direct en achter de schermen’", 2, "volgens hem"),
        ("‘ijzersterke vriendschap’", 4, None),
        ("‘de verdeling van de wereld in twee blokken die tegenover elkaar staan’", 11, "Hij waarschuwt via Twitter"),
        ("“De VS heeft recent desinformatie verspreid over de kwestie Oekraïne, met China als doelwit”", 12,
         "zei woordvoerder Zhao Lijian"),
        ("“Dat is kwaadaardig.”", 12, None),
    ],
)
def test_quotations(seed, quote, paragraph, said_by):  # 03 scare quotes, 04 quotations
    hits = [s for s in seed.sentences if quote in s.text]
    assert len(hits) == 1
    assert hits[0].paragraph == paragraph
    if said_by:
        assert said_by in hits[0].text


def test_diacritics_survive(seed):  # every lesson shows these words
    words = " ".join(p.text for p in seed.paragraphs)
    assert words.count("Oekraïne") == 6 == seed_text().count("Oekraïne")
    assert "financiële" in words and "Oekraïense" in words


def seed_text() -> str:
    from helpers.paths import SEED

    return SEED.read_text(encoding="utf-8")


# ---------------------------------------------------------------- lesson 01


def test_sentences_per_section(seed):  # 01 exercise 1.2 and its success message
    table = seed.sentence_table
    counts = table.groupby("section", dropna=False, sort=False).size().tolist()
    assert counts == [6, 7, 8, 11]  # lead, Ontmoeting in Rome, Op de vlakte, De druk wordt opgevoerd


def test_china_is_the_most_mentioned_actor_everywhere(seed):  # 01 exercise 1.4 and its success message
    from course import find_actors

    first = find_actors(seed).iloc[0]
    assert first.actor == "China" and first.mentions == 22
    assert first.paragraphs == list(range(1, 14))
    assert first.aliases == ["China", "Chinezen", "Peking"]


def test_lead_table_of_lesson_01(seed):  # 01 inverted-pyramid table and timeline prose
    assert "lekken naar de media" in seed.paragraph(10).text
    assert "de Chinese ambassadeur" in seed.paragraph(6).text and "twee weken geleden" in seed.paragraph(6).text
    assert "enkele weken geleden" in seed.paragraph(4).text and "Olympische Winterspelen" in seed.paragraph(4).text
    assert seed.paragraph(2).text.count("Hij ") == 1 and "Hij waarschuwt" in seed.paragraph(11).text
    assert "Sullivan ontmoet maandag" in seed.paragraph(3).text
    assert "zei woordvoerder Zhao Lijian van het ministerie van buitenlandse zaken maandag" in seed.paragraph(12).text
    assert not any("“" in s.text and "Rusland" in s.text.split("“")[0][-30:] for s in seed.sentences)


def test_readability_figures(seed):  # 01 readability section
    from course import find_readability, score_readability

    overall = score_readability(seed.text)
    assert (overall["flesch_douma"], overall["brouwer"]) == (46.8, 34.46)
    assert find_readability(seed)["reliable"].sum() == 0  # no paragraph reaches the 100-word sample


def test_ijzersterke_vriendschap_follows_a_verb_of_agreeing(seed):  # 04 exercise 4.2, its two readings
    from course.analysis.sources import find_quotations

    sentence = next(s for s in seed.sentences if "ijzersterke vriendschap" in s.text)
    assert "beklonken daar hun ‘ijzersterke vriendschap’" in sentence.text and sentence.paragraph == 4
    q = find_quotations(seed).set_index("quote")
    assert q.loc["ijzersterke vriendschap", "kind"] == "unattributed-partial"
    assert q["speaker"].isna().sum() == 1  # the only quotation without a speaker

