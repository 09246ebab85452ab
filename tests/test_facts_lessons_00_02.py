"""Facts lessons 00-02 state after issue #16's corrections, pinned against the article and the sources.

Each test pins one corrected fact twice where it can: in the article (or the
library) the statement rests on, and in the lesson text that states it, so a
test fails both when ``seeds/`` changes and when a lesson reverts to the old,
wrong wording.
"""

from __future__ import annotations

import re

import pytest

from helpers.paths import ROOT

LESSON_00 = (ROOT / "notebooks" / "src" / "00-start.py").read_text(encoding="utf-8")
LESSON_01 = (ROOT / "notebooks" / "src" / "01-reading.py").read_text(encoding="utf-8")
LESSON_02 = (ROOT / "notebooks" / "src" / "02-summarizing.py").read_text(encoding="utf-8")


def _prose(source: str) -> str:
    """The markdown of a lesson source as one line of text (comment marks and line breaks removed)."""
    lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in source.splitlines()]
    return " ".join(" ".join(lines).split())


def _success(exercise_id: str) -> str:
    from course.lesson.checks import get_exercise

    return get_exercise(exercise_id).success


# --------------------------------------------------------------- presupposition (02, 1.1)


def test_the_article_reports_the_request_then_presupposes_it(seed):
    first = seed.sentences[0].text
    assert first.startswith("Rusland heeft China gevraagd om militaire steun, zo meldden")  # a report ...
    assert "op basis van anonieme bronnen" in first
    assert "of er daadwerkelijk door Rusland om militaire steun is verzocht of niet" in seed.paragraph(10).text
    assert "Als China inderdaad Rusland blijft steunen" in seed.paragraph(11).text  # ... then a given
    p12 = seed.sentences_in(12)[0].text
    assert "het Russische verzoek" in p12 and "de Amerikaanse beschuldiging" in p12


def test_lessons_no_longer_say_the_article_never_says_it():
    assert "never says that Russia asked" not in LESSON_02
    assert "does not say this happened" not in _success("1.1")
    assert "paragraph 10 leaves open" in _success("1.1")
    prose = _prose(LESSON_02)
    assert "Exercise 2.6 — What the article takes for granted" in prose and "presupposition" in prose
    assert "blijft steunen" in _success("2.6") and "Paragraph 11" in _success("2.6")


def test_exercise_2_6_accepts_the_phrase_of_paragraph_12(seed):
    from course import check

    phrase = re.search(r"het \w+ verzoek", seed.sentences_in(12)[0].text).group(0)
    assert check("2.6", phrase).correct
    assert not check("2.6", "de Amerikaanse beschuldiging").correct


def test_reference_c_copies_the_presupposition(seed):
    from course import load_references

    c = load_references(seed).set_index("reference").loc["C", "nl"]
    assert "zonder het verzoek glashard te ontkennen" in c
    assert "zonder het verzoek glashard te ontkennen" in LESSON_02


# --------------------------------------------------------------- ijzersterke vriendschap (02, library)


def test_this_paper_puts_partial_quotes_in_single_marks(seed):
    single = re.findall(r"‘([^’]*)’", seed.text)
    double = re.findall(r"“([^”]*)”", seed.text)
    assert single == ["direct en achter de schermen", "ijzersterke vriendschap",
                      "de verdeling van de wereld in twee blokken die tegenover elkaar staan"]
    assert double[0] == "We zullen dat niet toestaan" and double[-1] == "Dat is kwaadaardig."
    assert "beklonken daar hun ‘ijzersterke vriendschap’" in seed.paragraph(4).text
    assert "Xi Jinping" in seed.paragraph(4).text and "Poetin" in seed.paragraph(4).text


def test_ijzersterke_vriendschap_is_taught_with_both_readings():
    from course.analysis import summarize

    prose = _prose(LESSON_02)
    assert "partial quote" in prose and "scare quote" in prose and "implied speakers" in prose
    assert "A phrase nobody is said to speak" not in prose
    doc = " ".join(summarize.find_quote_speakers.__doc__.split())
    assert "implied speakers" in doc and "nobody is said to say" not in doc


# --------------------------------------------------------------- readability (01, course/analysis/text.py)


def test_douma_bands_are_doumas_own_table():
    from course.analysis.text import DOUMA_BANDS

    assert [(lo, hi, nl) for lo, hi, nl, _ in DOUMA_BANDS] == [
        (0, 30, "zeer moeilijk"), (30, 45, "moeilijk"), (45, 60, "tamelijk moeilijk"), (60, 70, "normaal"),
        (70, 80, "tamelijk gemakkelijk"), (80, 90, "gemakkelijk"), (90, 100, "zeer gemakkelijk")]
    assert "30–45 *moeilijk*, 45–60 *tamelijk moeilijk*" in _prose(LESSON_01)


def test_brouwer_is_read_on_brouwers_scale_only_as_far_as_the_source_goes():
    from course.analysis.text import BROUWER_BANDS

    assert (BROUWER_BANDS[0][:3], BROUWER_BANDS[-1][:3]) == ((0, 25, "zeer moeilijk"), (80, 100, "zeer gemakkelijk"))
    assert len(BROUWER_BANDS) == 3  # the four middle groups' bounds are not in our source: not invented


def test_the_article_scores_are_shown_with_their_labels(seed):
    from course import describe_readability, score_readability

    overall = score_readability(seed.text)
    assert describe_readability(overall["flesch_douma"]) == "46.8: tamelijk moeilijk (fairly difficult) on Douma's table"
    assert describe_readability(overall["brouwer"], scale="brouwer").startswith("34.5: tussen zeer moeilijk")
    assert 'describe_readability(overall["brouwer"], scale="brouwer")' in LESSON_01


def test_100_word_samples_not_50(seed):
    from course import find_readability
    from course.analysis.text import MIN_RELIABLE_WORDS

    assert MIN_RELIABLE_WORDS == 100
    table = find_readability(seed)
    assert table["words"].max() == 59 and not table["reliable"].any()
    prose = _prose(LESSON_01)
    assert "samples of at least 100 words" in prose and "the longest has 59 words" in prose
    assert "about 50 words" not in prose and "50 words" not in prose


# --------------------------------------------------------------- ROUGE-L (02, course/analysis/summarize.py)


def test_rouge_l_is_the_longest_common_subsequence():
    from course import find_rouge
    from course.analysis import summarize

    scores = find_rouge("China wijst de beschuldiging direct af", "China wijst de Amerikaanse beschuldiging af")
    rouge_l = scores.set_index("metric").loc["rougeL"]
    assert rouge_l["precision"] == pytest.approx(5 / 6)  # gaps allowed: not the 3-word run "china wijst de"
    prose = _prose(LESSON_02)
    assert "longest common subsequence" in prose and "longest run of words" not in prose
    assert "longest common subsequence" in summarize.__doc__


# --------------------------------------------------------------- 5W1H and the lead (00, 01)


def test_the_reasons_are_in_paragraphs_3_and_5(seed):
    assert "om de harde economische boycot van westerse landen effectief te laten zijn" in seed.paragraph(3).text
    assert seed.paragraph(5).text.startswith("Voor Rusland is het van groot belang dat de banden met China goed blijven")
    assert "lekken naar de media" in seed.paragraph(10).text
    why = next(line for line in LESSON_01.splitlines() if line.startswith("# | why? |"))
    assert "(3)" in why and "(5)" in why and "analysis" in why
    assert "| why? | not in the lead | the US strategy of leaking (10) |" not in LESSON_01
    assert "the *why* comes last" not in LESSON_01


def test_one_definition_of_the_lead(seed):
    assert [h.first_paragraph for h in seed.headings][0] == 3  # paragraphs 1-2 come before the first heading
    assert "the lead answers (paragraphs 1–2)" in LESSON_01 and "the lead answers (paragraph 1)" not in LESSON_01
    assert "here paragraphs 1 and 2" in _prose(LESSON_01)
    assert "those two paragraphs are the article's *lead*" in _prose(LESSON_00)
    assert "paragraphs 1 and 2, before the first heading, are the lead" in _success("0.3")


# --------------------------------------------------------------- 1.2 and 1.6 (01)


def test_paragraph_12_holds_the_newest_news(seed):
    assert "zei woordvoerder Zhao Lijian van het ministerie van buitenlandse zaken maandag" in seed.paragraph(12).text
    assert seed.paragraph(12).section == "De druk wordt opgevoerd"
    assert "ends on analysis, not on news" not in _success("1.2")
    assert "newest news" in _success("1.2") and "paragraph 12" in _success("1.2")


def test_paragraph_3_has_two_sentences_on_the_meeting(seed):
    first, second = (s.text for s in seed.sentences_in(3)[:2])
    assert first.startswith("Sullivan ontmoet maandag in Rome de Chinese veiligheidsadviseur Yang Jiechi.")
    assert second.startswith("Die gesprekken waren al eerder gepland")
    assert "two sentences on the meeting" in _prose(LESSON_01)
    assert "one sentence on the meeting" not in _prose(LESSON_01)


# --------------------------------------------------------------- simplemma (01)


def test_simplemma_is_right_on_onthield_and_wrong_on_vergaande():
    from course import lemmatize

    assert lemmatize("onthield") == "onthouden"
    assert lemmatize("vergaande") != "vergaand"
    prose = _prose(LESSON_01)
    assert "simplemma's *onthouden* is right" in prose and "*vergaand*" in prose


# --------------------------------------------------------------- translation and glossary


@pytest.mark.parametrize("paragraph, now, before", [
    (2, "responded immediately to the reports", "responded directly"),
    (3, "are now completely dominated by the Russian invasion", "entirely in the light of"),
    (7, "the invasion of Ukraine, a country with which it also has good relations", ", with which it also"),
    (8, "would be very unwelcome to China", "come at a bad time"),
])
def test_translation_corrections(seed, paragraph, now, before):
    from course import load_translation

    text = load_translation(seed).paragraph(paragraph).text
    assert now in text and before not in text


def test_the_dutch_behind_the_translation_corrections(seed):
    assert "ging zondag direct in op de berichten" in seed.paragraph(2).text
    assert "staan nu helemaal in het licht van de Russische inval" in seed.paragraph(3).text
    assert "de inval in Oekraïne, waarmee het ook goede betrekkingen heeft" in seed.paragraph(7).text
    assert "zou China slecht uitkomen" in seed.paragraph(8).text


def test_oorlogvoering_comes_from_oorlog_voeren(seed):
    from course import load_glossary

    note = load_glossary(seed).set_index("word").loc["oorlogvoering", "note"]
    assert "oorlog voeren" in note and "lining" in note and "(conduct)" not in note
    assert "oorlogvoering" in seed.paragraph(13).text


# --------------------------------------------------------------- numbers the new exercises state


def test_textrank_and_lead_facts_of_lesson_02(seed):
    from course import score_sentences, summarize_lead

    top = score_sentences(seed, "textrank").set_index("rank").loc[1]
    assert int(top["sentence"]) == 10 and int(top["paragraph"]) == 4
    assert "TextRank ranks sentence 10 first, a background sentence from paragraph 4" in _prose(LESSON_02)
    assert summarize_lead(seed, n=3)["paragraph"].tolist() == [1, 1, 2]
    assert "both sentences of paragraph 1 and the first of paragraph 2" in _success("2.2")


def test_spacy_strands_the_opening_quote_of_paragraph_2(seed):
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    sentences = [s.text for s in nlp(seed.paragraph(2).text).sents]
    assert "Hij bevestigde ze niet, maar waarschuwde de Chinezen wel. “" in sentences
    assert "spaCy's sentencizer does exactly that" in _success("1.5")
    assert [s.text for s in seed.sentences_in(2)][2].startswith("“We zullen")  # the library moves it back


def test_reason_markers_point_to_paragraphs_3_9_and_10(seed):
    from helpers.answers import FUNCTIONS

    ns: dict = {}
    exec(FUNCTIONS["1.7"]["reference"], ns)  # noqa: S102 - our own reference answer
    found = {s.paragraph for s in seed.sentences if ns["find_reason_words"](s.text)}
    assert found == {3, 9, 10}
    assert "aangeboden om te bemiddelen" in seed.paragraph(9).text
    assert "paragraphs 3, 9 and 10" in _success("1.7") and "The rule points to paragraphs 3, 9 and 10" in LESSON_01


# --------------------------------------------------------------- README rows of lessons 01 and 02


def test_readme_rows_of_lessons_01_and_02_say_what_the_lessons_do():
    from course import list_exercises

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row01 = next(line for line in readme.splitlines() if line.startswith("| `01-reading.ipynb` |"))
    row02 = next(line for line in readme.splitlines() if line.startswith("| `02-summarizing.ipynb` |"))
    functions = {e.id: getattr(e, "function", None) for e in list_exercises()}
    assert "sentence splitter" in row01 and functions["1.5"] == "split_sentences"
    assert "*why?* finder rule" in row01 and functions["1.7"] == "find_reason_words"
    assert "own authors' scales" in row01 and "Douma's table" in __import__("course").describe_readability(50.0)
    assert "(¶1–2)" in row01 and "here paragraphs 1 and 2" in _prose(LESSON_01)
    assert "students write LEAD-n and ROUGE-1" in row02
    assert functions["2.2"] == "lead_n" and functions["2.3"] == "rouge_1"
    assert "check theirs against `rouge-score`" in row02 and "Your ROUGE-1 against rouge-score" in LESSON_02
    assert "ROUGE-L as longest common subsequence" in row02 and "presuppositions" in row02
