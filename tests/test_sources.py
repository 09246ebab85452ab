"""course.analysis.sources: quotations, attributions, sources, voices, network, claims."""

from __future__ import annotations

import pytest

from course import load_article
from course.analysis.article import parse_article
from course.analysis.sources import (ARTICLES_DIR, ATTRIBUTION_COLUMNS, LATERAL_COLUMNS, QUOTATION_COLUMNS, SOURCE_COLUMNS,
                            SOURCE_TYPES, build_source_network, find_attributions, find_quotations, find_sources,
                            find_voices, format_lateral, lateral_path, list_silent_actors, load_claims, load_lateral,
                            plot_source_network, plot_voices, search_lateral)


@pytest.fixture(scope="module")
def seed():
    return load_article()


def _article(name):
    return load_article(ARTICLES_DIR / name)


# --- the seed facts the lesson relies on -------------------------------------------------------


def test_seed_quotations(seed):
    q = find_quotations(seed)
    rows = list(zip(q["paragraph"], q["kind"], q["speaker"].fillna("-")))
    assert rows == [(2, "direct", "Jake Sullivan"), (2, "partial", "Jake Sullivan"), (4, "unattributed-partial", "-"),
                    (11, "partial", "Ryan Hass"), (12, "direct", "Zhao Lijian"), (12, "direct", "Zhao Lijian")]
    # after "beklonken" (a verb of agreeing): Xi's and Putin's words, or the journalist's distance?
    assert q.loc[q["kind"] == "unattributed-partial", "quote"].tolist() == ["ijzersterke vriendschap"]
    assert q["rule"].tolist() == ["named", "pronoun", "agreeing", "pronoun", "named", "continued"]


def test_seed_attributions(seed):
    a = find_attributions(seed)
    assert set(a.loc[a["paragraph"] == 1, "speaker"]) == {
        "Financial Times", "The Washington Post", "anonieme bronnen binnen de Amerikaanse overheid", "China"}
    russia = a[a["speaker"] == "Rusland"]
    assert russia[["paragraph", "verb"]].values.tolist() == [[13, "volgens"]]
    assert a.loc[a["speaker"] == "Ryan Hass", "verb"].tolist() == ["meent"]
    assert a.loc[a["speaker"] == "Zhao Lijian", "verb"].tolist() == ["bevestigde"]


def test_seed_sources(seed):
    s = find_sources(seed).set_index("source")
    assert list(s.index) == ["Financial Times", "The Washington Post",
                             "anonieme bronnen binnen de Amerikaanse overheid", "China", "Jake Sullivan", "Ryan Hass",
                             "Zhao Lijian", "VS", "Rusland"]
    assert "Sullivan" not in s.index and "Zhao" not in s.index  # aliases merged
    assert (~s["named"]).sum() == 1
    assert s.loc["anonieme bronnen binnen de Amerikaanse overheid", ["type", "side"]].tolist() == ["official", "VS"]
    assert s.loc[["Financial Times", "Jake Sullivan", "Ryan Hass", "Zhao Lijian"], "type"].tolist() == [
        "media", "official", "expert", "official"]
    assert s.loc[["Jake Sullivan", "Zhao Lijian", "Ryan Hass"], "side"].tolist() == ["VS", "China", "Brookings"]
    assert s.loc["Jake Sullivan", ["direct", "partial", "indirect"]].tolist() == [1, 1, 1]
    assert s.loc["Zhao Lijian", ["direct", "partial", "indirect"]].tolist() == [2, 0, 1]
    assert s.loc["Rusland", ["direct", "partial", "indirect"]].tolist() == [0, 0, 1]
    assert set(s["type"]) <= set(SOURCE_TYPES)


def test_seed_voices(seed):
    v = find_voices(seed).set_index("side")["statements"]
    assert v.to_dict() == {"China": 7, "VS": 6, "Brookings": 2, "media": 2, "Rusland": 1}
    assert "Oekraïne" not in v.index


def test_seed_silent_actors(seed):
    silent = list_silent_actors(seed)
    for actor in ("Oekraïne", "Yang Jiechi", "Xi Jinping", "Vladimir Poetin", "Joe Biden"):
        assert actor in silent
    assert "Rusland" not in silent  # paragraph 13: "Volgens Rusland bestaan die plannen"


def test_seed_paragraph_13_attributes_a_claim_to_russia(seed):
    assert seed.paragraph(13).text.split(".")[1].strip().startswith("Volgens Rusland bestaan die plannen")
    assert "ijzersterke vriendschap" in seed.paragraph(4).text and "Xi Jinping" in seed.paragraph(4).text


def test_source_network(seed):
    g = build_source_network(seed)
    assert g.nodes["Oekraïne"]["role"] == "mentioned"
    assert g.has_edge("Zhao Lijian", "VS") and g.edges["Zhao Lijian", "Oekraïne"]["weight"] == 2
    assert all(g.nodes[n]["role"] == "source" for n in find_sources(seed)["source"])


def test_plots_close_and_describe(seed):
    import matplotlib.pyplot as plt

    for fig in (plot_voices(seed), plot_source_network(seed)):
        assert fig.alt_text and not plt.fignum_exists(fig.number)
    assert "China 7" in plot_voices(seed).alt_text


def test_claims_table(seed):
    claims = load_claims(seed)
    assert list(claims.columns) == ["claim", "paragraph", "statement", "made_by", "basis", "check"]
    assert claims.set_index("claim").loc["request", "basis"] == "anonymous sources within the US government"
    assert claims.set_index("claim").loc["bio_plans", ["paragraph", "made_by"]].tolist() == [13, "Rusland"]
    found = find_sources(seed)
    for row in claims.itertuples():  # every claim's maker is a source found in its paragraph
        if row.made_by == "the newspaper":  # the journalist's own voice: no source speaks in that paragraph
            assert all(row.paragraph not in p for p in found["paragraphs"]), row.claim
            continue
        makers = [m.strip() for m in row.made_by.split(",")]
        for maker in makers:
            assert row.paragraph in found.set_index("source").loc[maker, "paragraphs"], row.claim


# --- other articles: the rules are not fitted to the seed ---------------------------------------


def test_straight_quotes_continued_and_partial():
    q = find_quotations(_article("001_fietsenstalling_utrecht.txt"))
    assert list(zip(q["kind"], q["speaker"])) == [
        ("direct", "Lotte van Dijk"), ("direct", "Lotte van Dijk"), ("direct", "Ahmed Benali"),
        ("partial", "Fietsersbond"), ("direct", "Peter de Groot")]
    assert q["rule"].tolist()[:2] == ["named", "continued"]


def test_anonymous_officials_and_insiders():
    s = find_sources(_article("001_fietsenstalling_utrecht.txt")).set_index("source")
    assert set(s.index[~s["named"]]) == {"een ambtenaar die niet met naam genoemd wil worden", "ingewijden",
        "bewoners van de wijk Hoog Catharijne"}  # "Zij vrezen": the residents, not the alderman
    assert s.loc["een ambtenaar die niet met naam genoemd wil worden", "type"] == "official"
    assert s.loc["Lotte van Dijk", "direct"] == 2  # "Van Dijk" merged with "Lotte van Dijk"


def test_single_curly_quotes_and_speaker_in_previous_sentence():
    q = find_quotations(_article("002_droogte_rijn.txt"))
    assert list(zip(q["kind"], q["speaker"].fillna("-"), q["rule"])) == [
        ("direct", "Johan Kramer", "pronoun"), ("direct", "Johan Kramer", "continued"),
        ("scare", "-", "none"), ("direct", "Marieke Jansen", "named")]
    s = find_sources(_article("002_droogte_rijn.txt")).set_index("source")
    assert s.loc["Marieke Jansen", "type"] == "expert" and s.loc["Johan Kramer", "type"] == "citizen"
    assert set(s.index[~s["named"]]) == {"bronnen binnen de sector"}
    # "Een woordvoerder benadrukt ..." after the ministry: the ministry speaks through its spokesperson
    q = find_attributions(_article("002_droogte_rijn.txt"))
    assert q.loc[q["verb"] == "benadrukt", "speaker"].tolist() == ["ministerie van Infrastructuur"]


def test_low_quotes_and_laat_weten():
    art = _article("003_ziekenhuis_fusie.txt")
    q = find_quotations(art)
    assert list(zip(q["kind"], q["speaker"])) == [("direct", "Els de Boer"), ("direct", "Els de Boer"),
                                                  ("partial", "Conny Helder")]
    a = find_attributions(art)
    assert "een verpleegkundige die anoniem wil blijven" in set(a.loc[~a["named"], "speaker"])


@pytest.mark.parametrize("text, kind, speaker", [
    ("date 2024-01\n\nDe minister zei het. “Dit klopt niet”, zei Piet Jansen.\n", "direct", "Piet Jansen"),
    ("date 2024-01\n\nHet bestuur noemt het plan ‘onhaalbaar’.\n", "partial", "bestuur"),
    ("date 2024-01\n\nZe vierden hun ‘gouden huwelijk’ in Gouda.\n", "scare", None),
])
def test_quote_kinds_on_small_texts(text, kind, speaker):
    q = find_quotations(parse_article(text))
    assert q["kind"].tolist() == [kind]
    assert (q["speaker"].iloc[0] if speaker else q["speaker"].isna().iloc[0]) == (speaker or True)


def test_empty_tables_keep_their_columns():
    art = parse_article("date 2024-01\n\nHet regent in Utrecht.\n")
    assert list(find_quotations(art).columns) == list(QUOTATION_COLUMNS) and find_quotations(art).empty
    assert list(find_attributions(art).columns) == list(ATTRIBUTION_COLUMNS)
    assert list(find_sources(art).columns) == list(SOURCE_COLUMNS) and find_sources(art).empty
    assert find_voices(art).empty
    assert build_source_network(art).number_of_nodes() == 0


def test_not_an_article():
    with pytest.raises(TypeError):
        find_quotations("Hij zei: “Ja.”")


def test_negated_verb_is_skipped(seed):
    a = find_attributions(seed)
    assert a.loc[a["speaker"] == "Jake Sullivan", "verb"].tolist() == ["waarschuwde"]  # "bevestigde ze niet, maar"


def test_paragraph_10_is_about_leaking(seed):
    assert "lekken naar de media" in seed.paragraph(10).text  # discussion question 2 of lesson 04


# --- the lateral-reading pack --------------------------------------------------------------


def test_lateral_pack_loads_with_its_columns(seed):
    pack = load_lateral(seed)
    assert tuple(pack.columns) == LATERAL_COLUMNS and len(pack) >= 15
    assert pack["paragraph"].dtype == "int64"
    assert lateral_path() == lateral_path(seed) and lateral_path().parent.name == "000_79c815f5f65dac68"


def test_search_finds_by_stem_and_ignores_case_and_diacritics():
    assert search_lateral("PESKOV")["id"].tolist() == ["L11"]
    denied = search_lateral("Kremlin denied")
    assert denied["id"].iloc[0] == "L11" and denied["matches"].iloc[0] == 2
    assert "L11" in set(search_lateral("denial")["id"])
    assert search_lateral("xyzzy").empty and list(search_lateral("xyzzy").columns) == [*LATERAL_COLUMNS, "matches"]
    assert list(search_lateral("Zhao")["matches"]) == sorted(search_lateral("Zhao")["matches"], reverse=True)


def test_search_on_an_other_pack(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text(",".join(LATERAL_COLUMNS) + "\nX1,2,,2024-01-05,De wethouder van Utrecht zei ja.,Krant,Titel,"
                    "2024-01-05,https://example.org,other coverage\n", encoding="utf-8")
    assert search_lateral("Utrécht", path=path)["id"].tolist() == ["X1"]
    with pytest.raises(TypeError):
        search_lateral(["Utrecht"], path=path)


def test_format_lateral_names_the_source():
    text = format_lateral(search_lateral("Peskov"))
    assert text.startswith("L11 (2022-03-14; ¶13)") and "Free Press Journal" in text and "https://" in text
    assert format_lateral(search_lateral("xyzzy")) == "No facts found."
    assert "more rows" in format_lateral(load_lateral(), limit=2)
