"""Tests of course.analysis.framing: codebook, frame markers, word choice, agreement, plots (lesson 03)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from course import load_article, parse_article
from course.analysis.framing import (ALPHA_RELIABLE, ALPHA_TENTATIVE, FRAMES, WORD_KINDS, compare_profiles, describe_alpha,
                            dominant_frame, find_frame_markers, find_hedges, find_loaded_words, find_metaphors,
                            find_quotes, find_sourcing_words, frame_profile, lexicon_profile, list_text_items,
                            load_class_coding, load_codebook, load_lexicon, load_paragraph_coding,
                            load_reference_coding, load_word_choice, plot_frame_heatmap, plot_frame_profiles,
                            reference_profiles, score_alpha, score_kappa, score_precision, score_recall, show_frames,
                            show_word_choice, tabulate_frame_markers)

from helpers.paths import ROOT  # noqa: E402
ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def seed():
    return load_article()


# --------------------------------------------------------------------------
# codebook


def test_codebook_has_the_semetko_valkenburg_items():
    book = load_codebook()
    assert book.groupby("frame", sort=False)["item"].count().to_dict() == {
        "responsibility": 5, "human_interest": 5, "conflict": 4, "morality": 3, "economic": 3}
    assert tuple(book["frame"].unique()) == FRAMES
    assert book["item"].is_unique
    assert book.loc[~book["text"], "item"].tolist() == ["H5"]
    assert book["question_en"].str.endswith("?").all() and book["question_nl"].str.endswith("?").all()
    assert len(list_text_items()) == 19 and "H5" not in list_text_items()


def test_reference_coding_covers_every_text_item_with_a_reason():
    ref = load_reference_coding()
    assert ref["item"].tolist() == list_text_items()
    assert set(ref["answer"]) <= {0, 1}
    assert ref["disputed"].dtype == bool
    assert ref["justification"].str.len().min() > 20
    with pytest.raises(ValueError, match="scope"):
        load_reference_coding("nowhere")


def test_section_codings_follow_the_seed_sections(seed):
    profiles = reference_profiles()
    sections = ["opening"] + [h.text for h in seed.headings]
    assert list(profiles.index) == ["article"] + sections
    assert {p.section for p in seed.paragraphs} == {None, *sections[1:]}
    article = load_reference_coding("article").set_index("item")["answer"]
    per_section = pd.concat([load_reference_coding(s).set_index("item")["answer"] for s in sections], axis=1)
    assert (per_section.max(axis=1) == article).all(), "yes for the article = yes in some section"
    assert dominant_frame(profiles.loc["De druk wordt opgevoerd"]) == "conflict"
    assert profiles.loc["De druk wordt opgevoerd", "economic"] == 0
    assert profiles.loc["Ontmoeting in Rome", "economic"] == profiles.loc["Op de vlakte", "economic"] > 0.5


def test_frame_profile_is_the_mean_per_frame():
    ref = load_reference_coding()
    profile = frame_profile(ref)
    assert list(profile.index) == list(FRAMES)
    assert profile.round(4).to_dict() == {"responsibility": 0.6, "human_interest": 0.25, "conflict": 0.75,
                                          "morality": 0.0, "economic": 0.6667}
    assert dominant_frame(profile) == "conflict"
    partial = frame_profile({"C1": 1, "C2": 0, "E1": None})
    assert partial["conflict"] == 0.5 and math.isnan(partial["economic"]) and math.isnan(partial["morality"])


def test_frame_profile_refuses_bad_answers():
    with pytest.raises(ValueError, match="unknown codebook item"):
        frame_profile({"X9": 1})
    with pytest.raises(ValueError, match="answer 1"):
        frame_profile({"C1": 2})


# --------------------------------------------------------------------------
# frame markers


def test_lexicon_files_are_well_formed():
    lex = load_lexicon()
    assert set(lex["frame"]) == set(FRAMES)
    assert not lex["term"].duplicated().any()
    words = load_word_choice()
    assert set(words["kind"]) == set(WORD_KINDS) == {"loaded", "metaphor", "hedge", "sourcing"}
    assert not words["term"].duplicated().any()


def test_frame_markers_of_the_seed(seed):
    markers = find_frame_markers(seed)
    assert list(markers.columns) == ["paragraph", "sentence", "start", "end", "text", "term", "frame", "note"]
    for row in markers.itertuples():
        assert seed.paragraph(row.paragraph).text[row.start:row.end] == row.text
        assert any(s.index == row.sentence and s.paragraph == row.paragraph for s in seed.sentences)
    # lemma matching: the entry "sanctie" finds "Sancties" at the start of a sentence
    assert {"sancties", "Sancties"} <= set(markers.loc[markers["term"] == "sanctie", "text"])
    # multi-word term: "van de hand gewezen" in paragraph 12
    assert ((markers["paragraph"] == 12) & (markers["text"] == "van de hand gewezen")).any()
    assert markers.loc[markers["term"] == "kwaadaardig", "frame"].tolist() == ["morality"]


def test_marker_counts_and_profile_of_the_seed(seed):
    counts = tabulate_frame_markers(seed)
    assert list(counts.index) == list(range(1, 14)) and list(counts.columns) == list(FRAMES)
    conflict = counts["conflict"]
    assert conflict.idxmax() == 12 and (conflict == conflict.max()).sum() == 1
    assert counts["economic"].idxmax() == 8
    assert counts.loc[[4, 5, 8], "conflict"].sum() == 0
    profile = lexicon_profile(seed)
    assert dominant_frame(profile) == "conflict"
    assert profile["economic"] < frame_profile(load_reference_coding())["economic"]  # lesson 6 prose
    assert profile["morality"] > 0  # kwaadaardig, counted though it is Zhao's word


def test_compare_profiles(seed):
    table = compare_profiles(seed, student={"C1": 1, "C2": 1})
    assert list(table.columns) == ["reference", "lexicon", "student", "difference"]
    assert table.loc["conflict", "student"] == 1.0
    assert (table["difference"] == table["lexicon"] - table["reference"]).all()


# --------------------------------------------------------------------------
# word choice


def test_loaded_words_and_metaphors_of_the_seed(seed):
    loaded = find_loaded_words(seed)
    assert {"kwaadaardig", "nepnieuws", "desinformatie", "ijzersterke vriendschap"} <= set(loaded["text"])
    assert (loaded["kind"] == "loaded").all()
    metaphors = find_metaphors(seed)
    assert {"achterdeur", "vingers willen branden", "op de vlakte", "twee blokken"} <= set(metaphors["text"])
    assert metaphors.loc[metaphors["text"] == "op de vlakte", "paragraph"].tolist() == [6]


def test_hedges_of_the_seed(seed):
    hedges = find_hedges(seed)
    assert sorted(hedges.loc[hedges["paragraph"] == 8, "text"]) == ["kan", "kunnen", "zou"]
    assert hedges.loc[hedges["paragraph"] == 1, "text"].tolist()[0] == "zo meldden"
    assert {"volgens", "Volgens", "meent"} <= set(hedges["text"])
    # the "zullen" of "We zullen dat niet toestaan" is future, not a hedge
    assert "zullen" not in set(hedges["text"])


def test_sourcing_words_of_the_seed(seed):
    sourcing = find_sourcing_words(seed)
    assert list(zip(sourcing["paragraph"], sourcing["text"])) == [
        (1, "internationaal gerespecteerde"), (1, "anonieme"), (10, "oncontroleerbare")]
    assert (sourcing["kind"] == "sourcing").all()
    assert not set(sourcing["text"]) & set(find_hedges(seed)["text"])
    shown = str(show_word_choice(seed, sourcing, [1]))
    assert "[anonieme|SOURCING]" in shown


def test_quotes_of_the_seed(seed):
    quotes = find_quotes(seed)
    kinds = dict(zip(quotes["text"], quotes["kind"]))
    assert kinds["We zullen dat niet toestaan"] == "direct"
    assert kinds["ijzersterke vriendschap"] == "scare"
    assert kinds["direct en achter de schermen"] == "partial"
    assert kinds["Dat is kwaadaardig."] == "direct"
    assert quotes.loc[quotes["kind"] == "scare", "paragraph"].tolist() == [4]


def test_quotes_with_straight_marks_and_no_speaker():
    art = parse_article('Het plan is "tijdelijk".\n\nDe wethouder is "blij".\n\n"Dat klopt niet."\n')
    quotes = find_quotes(art)
    assert quotes["kind"].tolist() == ["scare", "scare", "unattributed"]


def test_highlighting(seed):
    shown = show_frames(seed, [12])
    assert str(shown).startswith("¶12 ") and "[desinformatie|CONFLICT]" in str(shown)
    assert "<script" not in shown._repr_html_() and "CONFLICT" in shown._repr_html_()
    quotes = show_word_choice(seed, find_quotes(seed), [4])
    assert "[‘ijzersterke vriendschap’|SCARE]" in str(quotes)


# --------------------------------------------------------------------------
# agreement


def test_class_coding_is_six_coders_on_the_text_items():
    coding = load_class_coding()
    assert list(coding.index) == list("ABCDEF") and list(coding.columns) == list_text_items()
    assert set(coding.to_numpy().ravel()) <= {0, 1}


def test_kappa():
    coding = load_class_coding()
    ref = load_reference_coding()
    assert score_kappa(coding.loc["A"], ref) == pytest.approx(1.0)
    assert round(score_kappa(coding.loc["C"], coding.loc["D"]), 3) == 0.257  # lesson 03, after 3.4
    assert round(score_kappa(coding.loc["C"], ref), 2) == 0.58
    assert score_kappa([1, 0, 1, 0], [1, 0, 0, 1]) == pytest.approx(0.0)
    assert math.isnan(score_kappa({"C1": None}, ref))
    with pytest.raises(ValueError):
        score_kappa([1, 0], [1])


def test_alpha_and_its_reading():
    alpha = score_alpha(load_class_coding())
    assert round(alpha, 2) == 0.55 and describe_alpha(alpha).startswith("too low")
    assert describe_alpha(ALPHA_RELIABLE).startswith("reliable")
    assert describe_alpha(ALPHA_TENTATIVE).startswith("tentative")
    perfect = pd.DataFrame([[1, 0, 1, 0], [1, 0, 1, 0]])
    assert score_alpha(perfect) == pytest.approx(1.0)


# --------------------------------------------------------------------------
# paragraph coding, precision and recall


def test_paragraph_coding_covers_every_paragraph_of_four_articles():
    coded = load_paragraph_coding("economic")
    assert list(coded.columns) == ["article", "paragraph", "text", "answer", "disputed", "justification", "lexicon"]
    assert len(coded) == 28 and coded["article"].nunique() == 4
    for name, rows in coded.groupby("article"):
        art = load_article(ROOT / "seeds" / name) if name.startswith("000_") else load_article(
            ROOT / "data" / "articles" / name)
        assert rows["paragraph"].tolist() == [p.index for p in art.paragraphs]
        assert rows["text"].tolist() == [p.text for p in art.paragraphs]
    assert set(coded["answer"]) == {0, 1} and coded["disputed"].dtype == bool
    assert coded["justification"].str.len().min() > 20
    with pytest.raises(ValueError, match="no paragraph coding"):
        load_paragraph_coding("morality")


def test_the_lexicon_column_is_the_marker_table(seed):
    coded = load_paragraph_coding()
    seed_rows = coded[coded["article"] == Path(seed.path).name]
    assert len(seed_rows) == 13
    found = (tabulate_frame_markers(seed)["economic"] > 0).tolist()
    assert seed_rows["lexicon"].tolist() == found


def test_precision_and_recall():
    assert score_precision([1, 1, 0, 0], [1, 0, 1, 0]) == 0.5
    assert score_recall([1, 1, 1, 0], [1, 0, 1, 1]) == pytest.approx(2 / 3)
    # dicts and Series pair by key; a list pairs with them by position
    assert score_precision({1: True, 2: False}, {2: 1, 1: 0}) == 0.0
    assert score_recall(pd.Series([True, False], index=[3, 5]), [1, 1]) == 0.5
    # units left open do not count
    assert score_precision([1, 1, None], [1, 0, 1]) == 0.5
    assert score_recall([..., 1], [1, 1]) == 1.0
    assert math.isnan(score_precision([0, 0], [1, 1])) and math.isnan(score_recall([1, 1], [0, 0]))
    with pytest.raises(ValueError, match="same number"):
        score_precision([1, 0], [1])


# --------------------------------------------------------------------------
# plots and other articles


def test_plots(seed):
    fig = plot_frame_profiles(compare_profiles(seed))
    assert fig.alt_text and len(fig.axes[0].patches) == 10
    heat = plot_frame_heatmap(seed)
    assert "13 paragraphs" in heat.alt_text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_function_works_on_other_articles(path):
    art = load_article(path)
    markers = find_frame_markers(art)
    for row in markers.itertuples():
        assert art.paragraph(row.paragraph).text[row.start:row.end] == row.text
    counts = tabulate_frame_markers(art)
    assert len(counts) == len(art.paragraphs)
    assert lexicon_profile(art).between(0, 1).all()
    for table in (find_loaded_words(art), find_metaphors(art), find_hedges(art), find_quotes(art)):
        assert {"paragraph", "start", "end", "text", "kind"} <= set(table.columns)
        str(show_word_choice(art, table))
    str(show_frames(art))
    plot_frame_heatmap(art)
    plot_frame_profiles(compare_profiles(art, reference={"C1": 1}))


def test_an_article_without_markers_gives_empty_tables_with_the_same_columns():
    art = parse_article("Hallo wereld.\n")
    assert find_frame_markers(art).empty and list(find_frame_markers(art).columns)[-2:] == ["frame", "note"]
    assert find_quotes(art).empty and "kind" in find_quotes(art).columns
    assert tabulate_frame_markers(art).to_numpy().sum() == 0
    assert (lexicon_profile(art) == 0).all()
    assert str(show_frames(art)) == "¶1 Hallo wereld."


def test_only_framing_reads_the_word_choice_list():
    """data/framing/README.md: only course/analysis/framing.py reads word_choice.csv (sourcing words are not hedges)."""
    readers = [p.name for p in (ROOT / "course").rglob("*.py") if '"word_choice.csv"' in p.read_text(encoding="utf-8")]
    assert readers == ["framing.py"]
    readme = (ROOT / "data" / "framing" / "README.md").read_text(encoding="utf-8")
    assert "Only `course/analysis/framing.py` reads this file." in readme
