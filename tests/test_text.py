"""course.analysis.text: tokens, lemmas, frequencies, syllables, readability."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings

import pytest

from course import (
    ReadabilityWarning,
    count_syllables,
    count_words,
    describe_readability,
    find_rare_words,
    find_readability,
    find_word_frequencies,
    lemmatize,
    list_lemmas,
    list_sentences,
    list_tokens,
    list_words,
    score_brouwer,
    score_flesch_douma,
    score_readability,
    score_zipf,
)
from course.analysis.text import BROUWER_BANDS, DOUMA_BANDS, MIN_RELIABLE_WORDS, READABILITY_BANDS, readability_band

SHORT = "De VS vrezen dat."
TEXTS = {"empty": "", "short": SHORT}


def test_tokens_keep_dutch_letters_and_quotes():
    tokens = list_tokens("De oorlog in Oekraïne, ‘ijzersterke vriendschap’ en “financiële” banden.")
    assert "Oekraïne" in tokens and "financiële" in tokens and "ijzersterke" in tokens
    assert "‘" in tokens and "’" in tokens and "“" in tokens
    assert list_words("‘ijzersterke vriendschap’") == ["ijzersterke", "vriendschap"]
    assert count_words("Het is 2022 , en non-interventie telt als één woord.") == 9


def test_decomposed_diaeresis_is_normalised():
    decomposed = "Oekrai\u0308ne"
    assert list_words(decomposed) == ["Oekraïne"]


@pytest.mark.parametrize("word, lemma", [("opgeroepen", "oproepen"), ("financiële", "financieel"),
                                         ("beklonken", "beklinken"), ("Oekraïne", "Oekraïne"), ("2022", "2022")])
def test_lemmas(word, lemma):
    assert lemmatize(word) == lemma


def test_list_lemmas_of_a_sentence():
    assert list_lemmas("Peking heeft opgeroepen tot terughoudendheid.") == [
        "Peking", "hebben", "oproepen", "tot", "terughoudendheid"]


def test_unsupported_language_is_a_clear_error():
    with pytest.raises(ValueError, match="language 'en' is not supported"):
        lemmatize("walked", lang="en")


def test_sentences_split_paragraphs_first(seed):
    assert len(list_sentences(seed.text)) == len(seed.sentences) == 32
    assert list_sentences("Eén zin\n\nTwee zinnen. Ja.") == ["Eén zin", "Twee zinnen.", "Ja."]


@pytest.mark.parametrize("word, n", [("veiligheidsadviseur", 6), ("Oekraïne", 4), ("financiële", 5),
                                     ("non-interventie", 5), ("de", 1), ("2022", 0), ("“", 0)])
def test_syllables(word, n):
    assert count_syllables(word) == n


def test_word_frequencies(seed):
    freq = find_word_frequencies(seed.text)
    assert list(freq.columns) == ["word", "lemma", "count", "zipf"]
    top = freq.set_index("word")
    assert top.loc["china", "count"] == 16  # "China" and "China-kenner" is one token of its own
    assert top.loc["oekraïne", "count"] == 6
    assert top.loc["oekraïne", "zipf"] > 3
    assert freq["count"].is_monotonic_decreasing


def test_rare_words_of_the_seed(seed):
    rare = find_rare_words(seed.text)
    words = rare[~rare["capitalised"]]["word"].tolist()
    assert words[:3] == ["beklemtoonde", "beklonken", "oncontroleerbare"]
    assert {"desinformatie", "nepnieuws", "voorwendsel", "glashard"} <= set(words)
    names = set(rare[rare["capitalised"]]["word"])
    assert {"Jiechi", "Lijian", "Brookings", "Hass"} <= names
    assert (rare["zipf"] < 3).all() and rare["zipf"].is_monotonic_increasing


def test_every_rare_seed_word_has_a_gloss(seed):
    from course import load_glossary

    rare = find_rare_words(seed.text)
    glossed = set(load_glossary(seed)["word"])
    assert set(rare[~rare["capitalised"]]["word"]) <= glossed


@pytest.mark.parametrize("name", TEXTS)
def test_empty_tables_keep_their_columns(name):
    text = TEXTS[name]  # neither text has a rare word; the empty one has no word at all
    assert list(find_word_frequencies("").columns) == ["word", "lemma", "count", "zipf"]
    rare = find_rare_words(text)
    assert rare.empty
    assert list(rare.columns) == ["word", "lemma", "zipf", "count", "first_sentence", "capitalised"]


def test_readability_of_the_seed(seed):
    r = score_readability(seed.text)
    assert (r["words"], r["sentences"], r["syllables"]) == (587, 32, 1090)
    asl, asw = r["words"] / r["sentences"], r["syllables"] / r["words"]
    assert r["flesch_douma"] == pytest.approx(206.84 - 0.93 * asl - 77 * asw, abs=0.01)
    assert r["brouwer"] == pytest.approx(195 - 2 * asl - 66.7 * asw, abs=0.01)
    assert round(r["flesch_douma"], 1) == 46.8 and round(r["brouwer"], 1) == 34.5
    assert r["reliable"]


def test_short_text_warns_and_long_does_not(seed):
    with pytest.warns(ReadabilityWarning, match="samples of at least 100 words"):
        score_flesch_douma(SHORT)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        score_brouwer(seed.text)


def test_empty_text_is_a_clear_error():
    with pytest.raises(ValueError, match="no words"):
        score_readability("“ ” .")


def test_per_paragraph_table(seed):
    table = find_readability(seed)
    assert list(table.columns) == ["paragraph", "section", "words", "sentences", "syllables", "asl", "asw",
                                   "flesch_douma", "brouwer", "reliable"]
    assert len(table) == 13
    assert table["words"].sum() == 587
    assert table["reliable"].tolist().count(True) == 0  # no paragraph is a 100-word sample


@pytest.mark.parametrize("score, words", [(95, "zeer gemakkelijk (very easy)"), (46.8, "tamelijk moeilijk"),
                                          (10, "zeer moeilijk (very difficult)"), (65, "normaal (standard)")])
def test_describe_readability(score, words):
    text = describe_readability(score)
    assert text.startswith(f"{score:.1f}: ") and words in text and text.endswith("on Douma's table")
    with pytest.raises(ValueError):
        describe_readability(50, scale="lix")


# ---------------------------------------------------------------------------
# Shared texts: empty, one short sentence, the seed (parametrised by name).

SEED_WORDS, SEED_SENTENCES, SEED_SYLLABLES = 587, 32, 1090
FREQUENCY_COLUMNS = ["word", "lemma", "count", "zipf"]
RARE_COLUMNS = ["word", "lemma", "zipf", "count", "first_sentence", "capitalised"]
READABILITY_COLUMNS = ["paragraph", "section", "words", "sentences", "syllables", "asl", "asw",
                       "flesch_douma", "brouwer", "reliable"]
SHARED = ["empty", "short", "seed"]


@pytest.fixture(params=SHARED)
def shared(request, seed):
    """(name, text) for each shared text."""
    return request.param, seed.text if request.param == "seed" else TEXTS[request.param]


def test_words_are_the_word_tokens(shared):
    name, text = shared
    tokens, words = list_tokens(text), list_words(text)
    assert words == [t for t in tokens if any(ch.isalnum() for ch in t)]
    assert count_words(text) == len(words) == {"empty": 0, "short": 4, "seed": SEED_WORDS}[name]


def test_sentences_hold_all_the_words(shared):
    name, text = shared
    sentences = list_sentences(text)
    assert len(sentences) == {"empty": 0, "short": 1, "seed": SEED_SENTENCES}[name]
    assert [w for s in sentences for w in list_words(s)] == list_words(text)


def test_one_lemma_per_word(shared):
    _, text = shared
    assert len(list_lemmas(text)) == count_words(text)


def test_frequency_table_counts_every_word_once(shared):
    name, text = shared
    freq = find_word_frequencies(text)
    assert list(freq.columns) == FREQUENCY_COLUMNS
    assert freq["count"].sum() == count_words(text)
    assert freq["word"].is_unique
    assert (freq["word"] == freq["word"].str.lower()).all()
    # sorted by count (highest first), then alphabetically
    keys = list(zip(-freq["count"], freq["word"]))
    assert keys == sorted(keys)
    assert freq.empty == (name == "empty")


def test_readability_table_adds_up_to_the_whole(shared):
    name, text = shared
    table = find_readability(text)
    assert list(table.columns) == READABILITY_COLUMNS
    if name == "empty":
        assert table.empty
        with pytest.raises(ValueError, match="no words"):
            score_readability(text)
        return
    whole = score_readability(text)
    assert table["words"].sum() == whole["words"]
    assert table["sentences"].sum() == whole["sentences"]
    assert table["syllables"].sum() == whole["syllables"]


# ---------------------------------------------------------------------------
# Diacritics and curly quotes survive every step.


def test_diaeresis_survives_every_step(seed):
    assert "Oekraïne" in list_tokens(seed.text) and "financiële" in list_words(seed.text)
    assert "Oekraïne" in list_lemmas(seed.text)
    freq = find_word_frequencies(seed.text).set_index("word")
    assert freq.loc["oekraïne", "lemma"] == "Oekraïne"
    assert freq.loc["financiële", "lemma"] == "financieel"
    rare = find_rare_words(seed.text, threshold=5).set_index("word")  # both are common: raise the bar
    assert rare.loc["Oekraïne", "capitalised"] and rare.loc["Oekraïne", "count"] == 6  # a name keeps its capital
    assert rare.loc["financiële", "zipf"] == pytest.approx(4.84, abs=0.01)
    assert score_zipf("Oekraïne") == score_zipf("oekraïne") > 4


def test_curly_quotes_survive_tokens_and_sentences(seed):
    tokens = list_tokens(seed.text)
    i = tokens.index("ijzersterke")
    assert tokens[i - 1 : i + 3] == ["‘", "ijzersterke", "vriendschap", "’"]
    sentence = list_sentences(seed.text)[10]
    assert sentence.endswith("hun ‘ijzersterke vriendschap’.")
    assert "“We zullen dat niet toestaan”, zei Sullivan over Chinese steun aan Rusland." in list_sentences(seed.text)


# ---------------------------------------------------------------------------
# Lemmas and frequencies.


@pytest.mark.parametrize("word, lemma", [("opgevoerd", "opvoeren"), ("overgebracht", "overbrengen"),
                                         ("Sancties", "sanctie"), ("Jiechi", "Jiechi"), ("gevraagd", "vragen")])
def test_more_lemmas(word, lemma):
    assert "_" not in lemmatize(word)
    assert lemmatize(word) == lemma


def test_frequencies_group_capitals_and_keep_names_in_the_lemma():
    freq = find_word_frequencies("Die kwam. Toen kwam die weer. Rusland ook.").set_index("word")
    assert freq.loc["die", "count"] == 2 and freq.loc["kwam", "lemma"] == "komen"
    assert freq.loc["rusland", "lemma"] == "Rusland"
    assert list(find_word_frequencies("Die kwam. Toen kwam die weer.")["word"][:2]) == ["die", "kwam"]


def test_rare_words_point_to_their_first_sentence(seed):
    sentences = list_sentences(seed.text)
    rare = find_rare_words(seed.text)
    assert list(rare.columns) == RARE_COLUMNS
    row = rare.set_index("word").loc["beklonken"]
    assert (row["lemma"], row["count"], row["first_sentence"]) == ("beklinken", 1, 11)
    for r in rare.itertuples():
        assert r.word.lower() in sentences[r.first_sentence - 1].lower()
    assert rare.set_index("word").loc["veiligheidsadviseur", "count"] == 2
    assert rare.set_index("word").loc["Jiechi", "zipf"] == 0.0


def test_rare_words_leave_out_numbers_and_mark_names():
    rare = find_rare_words("In 1953 sprak Jiechi met Hass. Hass zweeg glashard.", threshold=10).set_index("word")
    assert "1953" not in rare.index
    assert rare.loc["Jiechi", "capitalised"] and rare.loc["Hass", "capitalised"]
    assert not rare.loc["glashard", "capitalised"]
    only_first = find_rare_words("Beklemtoonde hij dat?").set_index("word")
    assert not only_first.loc["beklemtoonde", "capitalised"]  # capital only because it opens the sentence


def test_rare_threshold_is_strict(seed):
    rare = find_rare_words(seed.text)
    assert (rare["zipf"] < 3.0).all()
    assert find_rare_words(seed.text, threshold=0.0).empty  # nothing is rarer than zipf 0
    with pytest.raises(TypeError, match="threshold"):
        find_rare_words(seed.text, threshold="3")


# ---------------------------------------------------------------------------
# Syllables and readability.


@pytest.mark.parametrize("word, n", [("China-kenner", 4), ("ijzersterke", 4), ("Sullivan", 3),
                                     ("OEKRAÏNE", 4), ("terughoudendheid", 5), ("", 0)])
def test_more_syllables(word, n):
    assert count_syllables(word) == n


def test_seed_readability_from_the_counts(seed):
    words = list_words(seed.text)
    syllables = sum(max(1, count_syllables(w)) for w in words)  # the seed has no numbers
    sentences = list_sentences(seed.text)
    assert (len(words), len(sentences), syllables) == (SEED_WORDS, SEED_SENTENCES, SEED_SYLLABLES)
    assert len(words) == seed.paragraph_table["words"].sum()  # same count as the article model
    asl, asw = len(words) / len(sentences), syllables / len(words)
    douma, brouwer = score_flesch_douma(seed.text), score_brouwer(seed.text)
    assert douma == pytest.approx(206.84 - 0.93 * asl - 77 * asw)
    assert brouwer == pytest.approx(195 - 2 * asl - 66.7 * asw)
    assert (round(douma, 1), round(brouwer, 1)) == (46.8, 34.5)
    assert douma != round(douma, 2)  # the score_ functions do not round ...
    whole = score_readability(seed.text)  # ... the dict rounds to 2 decimals
    assert (whole["asl"], whole["asw"], whole["flesch_douma"], whole["brouwer"]) == (18.34, 1.86, 46.8, 34.46)
    assert describe_readability(douma) == "46.8: tamelijk moeilijk (fairly difficult) on Douma's table"
    assert describe_readability(brouwer, scale="brouwer").startswith("34.5: tussen zeer moeilijk en zeer gemakkelijk")


def test_sentences_without_words_are_not_counted():
    text = "Hij zweeg.\n\n—\n\nToen ging hij."
    assert len(list_sentences(text)) == 3  # the dash is a paragraph of its own
    assert score_readability(text)["sentences"] == 2


def test_numbers_count_as_one_syllable():
    r = score_readability("In 2022 viel Rusland aan.")
    assert (r["words"], r["syllables"]) == (5, 1 + 1 + 1 + 2 + 1)


@pytest.mark.parametrize("score", [score_flesch_douma, score_brouwer])
def test_both_scores_warn_on_short_texts_only(score, seed):
    with pytest.warns(ReadabilityWarning, match="samples of at least 100 words; read this score as an illustration"):
        score(SHORT)
    long_one_sentence = " ".join(["Dit is een zin met heel veel woorden"] * 8) + "."
    with pytest.warns(ReadabilityWarning, match="64 words and 1 sentence"):
        score(long_one_sentence)
    hundred_words_one_sentence = " ".join(["Dit is een zin met heel veel woorden"] * 13) + "."
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 104 words: a full sample, however many sentences
        score(hundred_words_one_sentence)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert score(seed.text) > 0
    assert issubclass(ReadabilityWarning, UserWarning)


def test_short_paragraphs_do_not_warn_but_say_so(seed):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = find_readability(seed)
        short = score_readability(SHORT)
    assert not short["reliable"]
    assert MIN_RELIABLE_WORDS == 100
    assert table["reliable"].tolist() == (table["words"] >= MIN_RELIABLE_WORDS).tolist()
    assert table["words"].max() == 59 and not table["reliable"].any()  # ¶12, the longest, is no sample either
    assert score_readability(" ".join(["Een zin van vijf woorden."] * 20))["reliable"]  # exactly 100 words


def test_per_paragraph_rows_match_the_article(seed):
    table = find_readability(seed)
    assert table["paragraph"].tolist() == list(range(1, 14))
    assert table["sentences"].tolist() == [len(seed.sentences_in(p)) for p in range(1, 14)]
    assert table["words"].tolist() == seed.paragraph_table["words"].tolist()
    assert math.isnan(table.loc[0, "section"]) and table.loc[2, "section"] == "Ontmoeting in Rome"
    first = table.iloc[0]  # 38 words, 2 sentences, 79 syllables
    assert (first["words"], first["sentences"], first["syllables"]) == (38, 2, 79)
    assert (first["asl"], first["asw"]) == (19.0, round(79 / 38, 2))
    assert first["flesch_douma"] == round(206.84 - 0.93 * 19 - 77 * 79 / 38, 2) == 29.09
    assert first["brouwer"] == round(195 - 2 * 19 - 66.7 * 79 / 38, 2) == 18.33


def test_readability_of_plain_texts_and_lists():
    from_text = find_readability("Een zin. Nog een.\n\nEn een tweede alinea.")
    from_list = find_readability(["Een zin. Nog een.", "En een tweede alinea."])
    assert from_text["sentences"].tolist() == from_list["sentences"].tolist() == [2, 1]
    assert from_text["section"].isna().all()
    no_words = find_readability(["“ — ”"]).iloc[0]
    assert no_words["words"] == 0 and math.isnan(no_words["flesch_douma"]) and not no_words["reliable"]
    with pytest.raises(TypeError, match="Article, a text, or a list of texts"):
        find_readability(42)


@pytest.mark.parametrize("score, band", [(-12, "zeer moeilijk"), (29.9, "zeer moeilijk"), (30, "moeilijk"),
                                         (44.99, "moeilijk"), (45, "tamelijk moeilijk"), (59.99, "tamelijk moeilijk"),
                                         (60, "normaal"), (75, "tamelijk gemakkelijk"), (85, "gemakkelijk"),
                                         (130, "zeer gemakkelijk")])
def test_douma_bands_are_doumas_own_table(score, band):
    assert readability_band(score)[2] == band
    assert describe_readability(score) == f"{score:.1f}: {band} ({readability_band(score)[3]}) on Douma's table"


@pytest.mark.parametrize("score, band", [(-3, "zeer moeilijk"), (24.9, "zeer moeilijk"), (25, "tussen"),
                                         (79.9, "tussen"), (80, "zeer gemakkelijk"), (120, "zeer gemakkelijk")])
def test_brouwer_is_read_on_brouwers_scale(score, band):
    assert readability_band(score, "brouwer")[2].startswith(band)
    assert describe_readability(score, scale="brouwer").endswith("on Brouwer's scale")


def test_band_tables_cover_0_to_100_and_bad_scores_are_errors():
    assert set(READABILITY_BANDS) == {"flesch_douma", "brouwer"}
    assert READABILITY_BANDS["flesch_douma"] is DOUMA_BANDS and READABILITY_BANDS["brouwer"] is BROUWER_BANDS
    for bands in (DOUMA_BANDS, BROUWER_BANDS):
        assert bands[0][0] == 0 and bands[-1][1] == 100
        assert all(a[1] == b[0] for a, b in zip(bands, bands[1:]))
    assert [b[1] for b in DOUMA_BANDS] == [30, 45, 60, 70, 80, 90, 100]
    with pytest.raises(ValueError, match="NaN"):
        describe_readability(float("nan"))
    with pytest.raises(TypeError):
        describe_readability("46.8")


# ---------------------------------------------------------------------------
# Errors and import cost.


@pytest.mark.parametrize("call", [
    lambda: list_tokens("tekst", lang="en"), lambda: list_sentences("tekst", lang="de"),
    lambda: count_syllables("woord", lang="en"), lambda: find_word_frequencies("tekst", lang="en"),
    lambda: find_rare_words("tekst", lang="fr"), lambda: score_brouwer("tekst", lang="en"),
    lambda: find_readability("tekst", lang="en"), lambda: score_zipf("woord", lang="en"),
])
def test_every_function_refuses_other_languages(call):
    with pytest.raises(ValueError, match="use lang='nl'"):
        call()


def test_an_article_instead_of_text_is_a_clear_error(seed):
    with pytest.raises(TypeError, match=r"pass article\.text"):
        score_flesch_douma(seed)


def test_importing_the_module_loads_no_heavy_library():
    heavy = ("spacy", "pandas", "simplemma", "wordfreq", "pyphen")
    code = f"import sys, course.analysis.text; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_readability_of_an_article_equals_that_of_its_text(seed):
    """An Article's own sentence split gives the same scores as splitting its text again."""
    from course import load_article
    from course.analysis.sources import ARTICLES_DIR

    for article in [seed, *(load_article(p) for p in sorted(ARTICLES_DIR.glob("*.txt")))]:
        assert score_readability(article) == score_readability(article.text)
