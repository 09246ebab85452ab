"""course.analysis.reading: actors and timeline, on the seed and on articles we wrote."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from helpers.paths import ROOT
from course import load_article, parse_article
from course.analysis.reading import (
    ACTOR_KINDS,
    build_timeline,
    find_actor_mentions,
    find_actors,
    find_time_expressions,
    load_gazetteer,
)

ARTICLES = ROOT / "data" / "articles"


def actors(article) -> dict[str, tuple[str, int]]:
    table = find_actors(article)
    return {r.actor: (r.kind, r.mentions) for r in table.itertuples()}


def test_seed_actors_merge_aliases(seed):
    found = actors(seed)
    assert found["Jake Sullivan"] == ("person", 3)
    assert found["Zhao Lijian"] == ("person", 2)
    assert found["Vladimir Poetin"][0] == "person"
    assert found["Financial Times"] == ("media", 1)
    assert found["The Washington Post"] == ("media", 1)
    assert found["Brookings"] == ("organisation", 1)
    assert "Sullivan" not in found and "Zhao" not in found and "Peking" not in found
    table = find_actors(seed).set_index("actor")
    assert table.loc["China", "aliases"] == ["China", "Chinezen", "Peking"]
    assert table.loc["Ryan Hass", "role"] == "china-kenner"


def test_places_and_events_are_not_actors(seed):
    mentions = find_actor_mentions(seed)
    places = mentions[mentions["kind"] == "place"]
    assert list(places["text"]) == ["Rome", "Peking", "Rome"]  # "in Rome", "in Peking"
    assert "Rome" not in set(find_actors(seed)["actor"])
    assert (mentions["kind"] == "event").sum() == 1


def test_adjectives_are_not_mentions(seed):
    mentions = find_actor_mentions(seed)
    assert not mentions["text"].str.contains("Chinese|Russische|Amerikaanse").any()


def test_mention_offsets_point_into_the_text(seed):
    for row in find_actor_mentions(seed).itertuples():
        assert seed.paragraph(row.paragraph).text[row.start : row.end] == row.text
        assert seed.sentences[row.sentence - 1].paragraph == row.paragraph


def test_table_columns_and_order(seed):
    table = find_actors(seed)
    assert list(table.columns) == ["actor", "kind", "mentions", "paragraphs", "first_paragraph", "aliases", "role"]
    assert table["mentions"].is_monotonic_decreasing
    assert set(table["kind"]) <= set(ACTOR_KINDS)
    for row in table.itertuples():
        assert row.paragraphs == sorted(set(row.paragraphs)) and row.first_paragraph == row.paragraphs[0]


@pytest.mark.parametrize(
    "name, person, role",
    [
        ("001_fietsenstalling_utrecht.txt", "Lotte van Dijk", "wethouder"),
        ("001_fietsenstalling_utrecht.txt", "Peter de Groot", "fractievoorzitter"),
        ("002_droogte_rijn.txt", "Marieke Jansen", "hoogleraar"),
        ("002_droogte_rijn.txt", "Johan Kramer", "schipper"),
        ("003_ziekenhuis_fusie.txt", "Els de Boer", "bestuursvoorzitter"),
        ("003_ziekenhuis_fusie.txt", "Conny Helder", "minister"),
    ],
)
def test_new_articles_find_people_by_their_role(name, person, role):
    table = find_actors(load_article(ARTICLES / name)).set_index("actor")
    assert table.loc[person, "kind"] == "person"
    assert table.loc[person, "role"] == role


def test_new_article_aliases_with_capital_particles():
    table = find_actors(load_article(ARTICLES / "001_fietsenstalling_utrecht.txt")).set_index("actor")
    assert table.loc["Lotte van Dijk", "aliases"] == ["Lotte van Dijk", "Van Dijk"]
    assert table.loc["Stadsbelang Utrecht", "kind"] == "organisation"
    assert table.loc["Fietsersbond", "kind"] == "organisation"


def test_organisations_by_role_word_and_suffix():
    table = find_actors(load_article(ARTICLES / "002_droogte_rijn.txt")).set_index("actor")
    for org in ("Rijkswaterstaat", "Universiteit Utrecht", "ministerie van Infrastructuur",
                "Centraal Bureau voor de Statistiek"):
        assert table.loc[org, "kind"] == "organisation", org


def test_empty_tables_keep_their_columns():
    article = parse_article("dit is een zin zonder namen.")
    assert find_actors(article).empty
    assert list(find_actors(article).columns)[:3] == ["actor", "kind", "mentions"]
    assert list(find_actor_mentions(article).columns)[:4] == ["paragraph", "sentence", "start", "end"]
    assert find_time_expressions(article).empty


def test_gazetteer_rows_are_valid(tmp_path):
    entries = load_gazetteer()
    assert len(entries) > 50
    bad = tmp_path / "g.csv"
    bad.write_text("pattern,actor,kind,note\nFoo,Foo,planet,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"g.csv, line 2"):
        load_gazetteer(bad)


# ------------------------------------------------------------------ timeline


def test_time_expressions_of_the_seed(seed):
    found = find_time_expressions(seed)
    assert list(found["expression"]) == [
        "zondag", "zondag", "maandag", "al eerder", "enkele weken geleden", "tot nu toe",
        "twee weken geleden", "recent", "maandag",
    ]
    two = found[found["expression"] == "twee weken geleden"].iloc[0]
    assert (two.min_days, two.max_days) == (-14, -14)
    few = found[found["expression"] == "enkele weken geleden"].iloc[0]
    assert (few.min_days, few.max_days) == (-28, -14)


def test_timeline_with_anchor(seed):
    timeline = build_timeline(seed, "2022-03-14")
    by = {(r.paragraph, r.expression): r for r in timeline.itertuples()}
    assert by[(1, "zondag")].date == pd.Timestamp("2022-03-13")
    assert by[(3, "maandag")].date == pd.Timestamp("2022-03-14")
    assert by[(6, "twee weken geleden")].date == pd.Timestamp("2022-02-28")
    assert by[(4, "enkele weken geleden")].earliest == pd.Timestamp("2022-02-14")
    assert all("inferred" in h for h in timeline["how"] if "open-ended" not in h)


def test_timeline_without_anchor_keeps_offsets_only(seed):
    timeline = build_timeline(seed)
    assert timeline["date"].isna().all()
    assert "no anchor" in timeline["how"].iloc[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dat gebeurde gisteren.", (-1, -1)),
        ("Drie dagen geleden viel het besluit.", (-3, -3)),
        ("Vorige week kwam de raad bijeen.", (-13, -7)),
        ("Het rapport verschijnt volgende maand.", (28, 60)),
        ("Dat was 5 jaar geleden.", (-1825, -1825)),
    ],
)
def test_relative_expressions(text, expected):
    row = find_time_expressions(parse_article(text)).iloc[0]
    assert (row.min_days, row.max_days) == expected


def test_weekday_resolves_backwards_from_anchor():
    article = parse_article("De minister sprak dinsdagavond in Den Haag.")
    row = build_timeline(article, date(2023, 11, 16)).iloc[0]  # a Thursday
    assert row.expression == "dinsdagavond" and row.date == pd.Timestamp("2023-11-14")


def test_bad_anchor_is_a_clear_error(seed):
    with pytest.raises(ValueError, match="anchor '14 maart' is not a date"):
        build_timeline(seed, "14 maart")
