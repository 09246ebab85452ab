"""course.analysis.summarize: summarizers, ROUGE, and the checks ROUGE cannot do.

The seed results pinned here are what notebooks/02-summarizing.ipynb states.
"""

from __future__ import annotations

import matplotlib.figure
import pytest

from helpers.paths import ROOT
from course import load_article, parse_article
from course.analysis.summarize import (DAMPING, METHODS, STOP_WORDS, SUMMARY_COLUMNS, DutchTokenizer, SummaryReport,
                              check_summary, compare_methods, find_quote_speakers, find_rouge,
                              find_swapped_speakers, find_unhedged_claims, find_unsupported_names,
                              find_unsupported_quotes, join_summary, list_hedges, load_references,
                              plot_sentence_scores, score_rouge, score_sentences, summarize_frequency,
                              summarize_lead, summarize_textrank)

ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
BAD = ("Rusland heeft China om militaire steun gevraagd. "
       "“We zullen dat niet toestaan”, zei China over de Amerikaanse beschuldiging. "
       "Sullivan ontmoet maandag in Genève de Chinese veiligheidsadviseur Yang Jiechi.")
SUMMARIZERS = (summarize_lead, summarize_frequency, summarize_textrank)


@pytest.fixture(scope="module")
def article():
    return load_article()


@pytest.fixture(scope="module")
def references(article):
    return load_references(article)


# --------------------------------------------------------------------------
# summarizers


@pytest.mark.parametrize("method", METHODS)
def test_score_sentences_has_one_row_per_sentence(article, method):
    table = score_sentences(article, method, n=3)
    assert list(table.columns) == list(SUMMARY_COLUMNS)
    assert table["sentence"].tolist() == list(range(1, len(article.sentences) + 1))
    assert sorted(table["rank"]) == list(range(1, len(table) + 1))
    assert table["chosen"].sum() == 3
    assert set(table.loc[table["chosen"], "rank"]) == {1, 2, 3}
    assert table["text"].tolist() == [s.text for s in article.sentences]


@pytest.mark.parametrize("summarize", SUMMARIZERS)
def test_summaries_are_in_article_order(article, summarize):
    table = summarize(article, n=4)
    assert len(table) == 4 and list(table.columns) == list(SUMMARY_COLUMNS)
    assert table["sentence"].is_monotonic_increasing
    assert table["chosen"].all()


def test_seed_summaries(article):
    """The sentences notebook 02 shows (exercises 2.1 and 2.2)."""
    assert summarize_lead(article)["sentence"].tolist() == [1, 2, 3]
    assert summarize_frequency(article)["sentence"].tolist() == [5, 14, 31]
    assert summarize_textrank(article)["sentence"].tolist() == [1, 10, 14]
    ranked = score_sentences(article, "textrank")
    assert ranked.loc[ranked["rank"] == 1, "sentence"].item() == 10
    assert ranked.loc[ranked["rank"] == 1, "paragraph"].item() == 4  # background, not the lead


def test_frequency_success_message_facts(article):
    """2.1's feedback: one chosen sentence is in the lead (paragraphs 1-2)."""
    assert (summarize_frequency(article)["paragraph"] <= 2).sum() == 1


def test_lead_scores_fall_with_position(article):
    scores = score_sentences(article, "lead")["score"].tolist()
    assert scores[0] == 1.0 and scores == sorted(scores, reverse=True)


def test_textrank_is_pagerank_with_damping_085(article):
    assert DAMPING == 0.85
    scores = score_sentences(article, "textrank")["score"]
    assert scores.sum() == pytest.approx(1.0)
    assert (scores > 0).all()


def test_stop_words_are_not_content(article):
    from course.analysis.summarize import _content_lemmas

    lemmas = _content_lemmas("Rusland heeft China gevraagd om militaire steun.")
    assert lemmas == ("rusland", "china", "vragen", "militair", "steun")
    assert {"de", "het", "en", "zijn", "hebben"} <= STOP_WORDS


@pytest.mark.parametrize("summarize", SUMMARIZERS)
def test_empty_and_tiny_articles(summarize):
    one = parse_article("Alleen één zin hier.")
    assert summarize(one, n=3)["sentence"].tolist() == [1]
    stop_only = parse_article("Het is er.\n\nDe en het.")
    table = summarize(stop_only, n=1)
    assert len(table) == 1 and list(table.columns) == list(SUMMARY_COLUMNS)
    assert summarize(one, n=0).empty
    assert list(summarize(one, n=0).columns) == list(SUMMARY_COLUMNS)


def test_bad_arguments(article):
    with pytest.raises(ValueError, match="unknown method"):
        score_sentences(article, "luhn")
    with pytest.raises(ValueError, match="n must be"):
        summarize_lead(article, n=-1)
    with pytest.raises(TypeError, match="Article"):
        summarize_lead(article.text)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_every_function_works_on_other_articles(path):
    other = load_article(path)
    for summarize in SUMMARIZERS:
        table = summarize(other, n=2)
        assert len(table) == 2
    text = join_summary(summarize_lead(other, n=2))
    assert find_unsupported_names(text, other)["in_article"].all()
    assert find_unsupported_quotes(text, other)["verbatim"].all()
    assert not find_swapped_speakers(text, other)["swapped"].any()
    assert len(find_unhedged_claims(text, other)) == 2
    assert len(find_quote_speakers(other)) >= 1
    assert compare_methods(other, {"x": text})["method"].tolist() == list(METHODS)
    assert isinstance(check_summary(text, other), SummaryReport)  # no references: no ROUGE line


def test_plot_sentence_scores(article):
    fig = plot_sentence_scores(article)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert len(fig.axes) == 3
    assert "frequency: sentences 5, 14, 31" in fig.alt_text
    import matplotlib.pyplot as plt

    assert fig.number not in plt.get_fignums()  # closed: shown once in a notebook


# --------------------------------------------------------------------------
# ROUGE


@pytest.mark.parametrize("text, words", [("Oekraïne", ["oekraïne"]), ("financiële", ["financiële"]),
                                         ("De VS, en China!", ["de", "vs", "en", "china"]),
                                         ("Oekrai\u0308ne", ["oekraïne"]), ("", [])])
def test_dutch_tokenizer_keeps_dutch_letters(text, words):
    assert DutchTokenizer().tokenize(text) == words


def test_rouge_sees_dutch_words_whole():
    assert score_rouge("Oekraïne", "Oekraïne") == 1.0
    assert score_rouge("financiële banden", "financiële steun") == pytest.approx(0.5)
    # with the package's default tokenizer "Oekraïne" and "Oekraine" would share "oekra"
    assert score_rouge("Oekraïne", "Oekraine") == 0.0


def test_find_rouge_table(references):
    table = find_rouge("Rusland heeft China om steun gevraagd.", references)
    assert list(table.columns) == ["reference", "metric", "precision", "recall", "f"]
    assert table["reference"].tolist() == ["A"] * 3 + ["B"] * 3 + ["C"] * 3
    assert table[["precision", "recall", "f"]].apply(lambda c: c.between(0, 1)).all().all()
    assert find_rouge("x", ["x"])["f"].tolist() == [1.0, 0.0, 1.0]
    assert find_rouge("x", {}).empty
    with pytest.raises(ValueError, match="unknown metric"):
        score_rouge("a", "a", "rouge3")


def test_references_are_three_sentences_each(article, references):
    from course.analysis.summarize import _sentences_of

    assert references["reference"].tolist() == ["A", "B", "C"]
    assert (references["en"].str.len() > 0).all()
    for text in references["nl"]:
        assert len(_sentences_of(text)) == 3
        report = check_summary(text, article)
        assert report.names == [] and report.quotes == [] and report.swapped == [] and report.unhedged == []


def test_seed_rouge_numbers(article, references):
    """Numbers the notebook relies on: exercise 2.3 and the method ranking."""
    lead = join_summary(summarize_lead(article))
    table = find_rouge(lead, references)
    f = table.set_index(["reference", "metric"])["f"]
    assert round(f["A", "rouge1"], 2) == 0.61
    assert round(table.loc[(table.reference == "A") & (table.metric == "rouge1"), "recall"].item(), 2) == 0.59
    compared = compare_methods(article, references).set_index("method")
    for metric in ("rouge1", "rouge2", "rougeL"):
        assert compared.loc["lead", metric] > compared.loc["textrank", metric] > compared.loc["frequency", metric]
    assert compared.loc["lead", "rouge1"] - compared.loc["textrank", "rouge1"] < 0.01  # "comes close"


def test_references_share_the_lead(references):
    """The notebook says every reference repeats the claim, the source and the main actors."""
    for text in references["nl"]:
        for word in ("Rusland", "China", "Financial Times", "militaire steun"):
            assert word in text


def test_bad_summary_scores_like_the_corrected_one(references):
    """What ROUGE misses: fixing two facts hardly changes it, ROUGE-1 even falls."""
    corrected = BAD.replace("zei China", "zei Sullivan").replace("Genève", "Rome")
    bad = find_rouge(BAD, references).groupby("metric")["f"].mean()
    good = find_rouge(corrected, references).groupby("metric")["f"].mean()
    assert bad["rouge1"] > good["rouge1"]
    assert 0 < good["rouge2"] - bad["rouge2"] < 0.01 and 0 < good["rougeL"] - bad["rougeL"] < 0.01
    words = [w for text in references["nl"] for w in DutchTokenizer().tokenize(text)]
    assert words.count("china") > words.count("sullivan")


# --------------------------------------------------------------------------
# what ROUGE cannot see


def test_unsupported_names(article):
    table = find_unsupported_names(BAD, article)
    assert list(table.columns) == ["word", "kind", "in_article"]
    assert table.loc[~table["in_article"], "word"].tolist() == ["Genève"]
    numbers = find_unsupported_names("Het kostte 45 miljoen. Twee weken geleden.", article)
    assert numbers.set_index("word")["in_article"].to_dict() == {"45": False, "miljoen": False, "Twee": True}
    assert find_unsupported_names("", article).empty


def test_sentence_initial_words_are_not_names(article):
    table = find_unsupported_names("Gisteren ging het mis. Sancties helpen niet.", article)
    assert table.empty
    assert find_unsupported_names("Lavrov zei niets.", article)["word"].tolist() == ["Lavrov"]
    assert find_unsupported_names("Toen zei Merkel niets.", article)["word"].tolist() == ["Merkel"]
    # the documented limit: a well-known name first in its sentence looks like an ordinary word
    assert find_unsupported_names("Merkel zei niets.", article).empty


def test_unsupported_quotes(article):
    table = find_unsupported_quotes("Sullivan: “We zullen dat niet toestaan.” En ‘ijzersterke vriendschap’. "
                                    "Zhao: “De VS verspreidt desinformatie.”", article)
    assert table["verbatim"].tolist() == [True, True, False]
    assert find_unsupported_quotes("Geen citaat, wel ’s avonds.", article).empty


def test_quote_speakers_of_the_seed(article):
    table = find_quote_speakers(article)
    assert table[["sentence", "speaker", "rule"]].values.tolist() == [
        [5, "Sullivan", "direct"],
        [6, "Sullivan", "pronoun"],
        [11, None, "none"],
        [25, "Ryan Hass", "pronoun"],
        [27, "Zhao Lijian", "direct"],
        [28, "Zhao Lijian", "continued"],
    ]


def test_speaker_before_the_quote():
    text = "Fractievoorzitter Peter de Groot: “Dit is te duur.”\n\nVolgens Jansen ‘kan het niet’."
    table = find_quote_speakers(text)
    assert table["speaker"].tolist() == ["Peter de Groot", "Jansen"]  # the role word is not part of the name


def test_swapped_speakers(article):
    table = find_swapped_speakers(BAD, article)
    assert table[["article_speaker", "summary_speaker", "swapped"]].values.tolist() == [["Sullivan", "China", True]]
    same = find_swapped_speakers("“We zullen dat niet toestaan”, zei Jake Sullivan.", article)
    assert same["swapped"].tolist() == [False]
    unnamed = find_swapped_speakers("Het antwoord: ‘We zullen dat niet toestaan’.", article)
    assert unnamed["swapped"].tolist() == [False]


def test_hedges():
    assert list_hedges("Rusland zou steun hebben gevraagd, zo meldden media.") == ["zo meldden", "zou"]
    assert list_hedges("Rusland heeft China om militaire steun gevraagd.") == []


def test_unhedged_claims(article):
    table = find_unhedged_claims(BAD, article)
    assert table["unhedged"].tolist() == [True, False, False]
    assert table["article_sentence"].tolist()[0] == 1
    hedged = find_unhedged_claims("Volgens media heeft Rusland China om militaire steun gevraagd.", article)
    assert hedged["unhedged"].tolist() == [False]
    assert find_unhedged_claims("", article).empty


def test_check_summary_reports_but_never_judges(article):
    report = check_summary(BAD, article)
    assert (report.sentences, report.words) == (3, 28)
    assert report.names == ["Genève"]
    assert report.swapped == ["We zullen dat niet toestaan"]
    assert report.unhedged == [1]
    text = str(report)
    assert "ROUGE F1" in text and "do not judge" in text
    assert "<script" not in check_summary("<script>x</script>", article)._repr_html_()
    empty = check_summary("", article)
    assert empty.sentences == 0 and empty.rouge.empty


def test_pagerank_is_networkx_pagerank():
    """Our dense power iteration gives networkx's ranks (weighted, with isolated nodes)."""
    import random

    import networkx as nx
    import numpy as np

    from course.analysis.summarize import DAMPING, pagerank

    rng = random.Random(3)
    for n in (2, 5, 17, 40):
        weights = np.zeros((n, n))
        for i in range(n):
            for j in range(i + 1, n):
                if rng.random() < 0.3:
                    weights[i, j] = weights[j, i] = rng.random()
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        graph.add_weighted_edges_from((i, j, weights[i, j]) for i in range(n) for j in range(i + 1, n) if weights[i, j])
        theirs = nx.pagerank(graph, alpha=DAMPING, weight="weight", tol=1e-10, max_iter=1000)
        assert np.allclose(pagerank(weights), [theirs[i] for i in range(n)], atol=1e-12)


def test_rouge1_is_clipped_word_overlap_and_rouge_l_allows_gaps(seed):
    """What lesson 02 teaches about the metrics find_rouge reports (exercises 2.3 and 2.4)."""
    from collections import Counter

    from course.analysis.summarize import find_rouge, join_summary, load_references, summarize_lead

    scores = find_rouge("china china china zwijgt", "china zwijgt").set_index("metric")
    assert (scores.loc["rouge1", "precision"], scores.loc["rouge1", "recall"]) == (0.5, 1.0)  # china shared once
    gaps = find_rouge("China wijst de beschuldiging direct af", "China wijst de Amerikaanse beschuldiging af")
    assert gaps.set_index("metric").loc["rougeL", "recall"] == pytest.approx(5 / 6)  # a subsequence, not a run
    lead = join_summary(summarize_lead(seed, n=3))
    reference = load_references(seed).set_index("reference").loc["A", "nl"]
    words, ref_words = DutchTokenizer().tokenize(lead), DutchTokenizer().tokenize(reference)
    overlap = sum((Counter(words) & Counter(ref_words)).values())
    p, r = overlap / len(words), overlap / len(ref_words)
    row = find_rouge(lead, {"A": reference}).set_index("metric").loc["rouge1"]
    assert row["f"] == pytest.approx(2 * p * r / (p + r)) and round(row["f"], 2) == 0.61
