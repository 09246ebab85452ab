"""Facts lessons 04 and 05 state, and the lateral-reading pack they rest on (issue 16).

Each test pins one statement of a lesson, a model answer, a README or the
pack, against the article or the library: it fails when the fact is
reverted or the text drifts from what the library computes.
"""

from __future__ import annotations

import re

import pytest

from helpers.answers import REFERENCE
from helpers.paths import ROOT
from course import load_article
from course.lesson.checks import Case
from course.paths import data_path
from course.analysis.quotations import find_statements
from course.analysis.sources import (LATERAL_COLUMNS, LATERAL_KINDS, find_quotations, find_sources, find_voices, load_claims,
                            load_lateral, search_lateral)

PACK_DIR = ROOT / "data" / "lateral" / "000_79c815f5f65dac68"
LESSON_04 = (ROOT / "notebooks" / "src" / "04-sources.py").read_text(encoding="utf-8")
LESSON_05 = (ROOT / "notebooks" / "src" / "05-your-article.py").read_text(encoding="utf-8")
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


@pytest.fixture(scope="module")
def seed():
    return load_article()


@pytest.fixture(scope="module")
def pack():
    return load_lateral()


def _flat(text: str) -> str:
    """Markdown of a notebook source without the comment marks and line breaks."""
    return " ".join(line.lstrip("# ").strip() for line in text.splitlines())


# --- the pack: every row dated and sourced ----------------------------------------------------


def test_every_row_is_dated_and_sourced(pack):
    assert list(pack.columns) == list(LATERAL_COLUMNS)
    assert pack["id"].is_unique and all(re.fullmatch(r"L\d\d", i) for i in pack["id"])
    for row in pack.itertuples():
        assert DATE.match(row.date) and DATE.match(row.published), row.id
        assert row.date[:7] <= row.published[:7] or row.published == row.date[:7], row.id  # a fact before its report
        assert row.outlet.strip() and row.title.strip() and row.fact.strip(), row.id
        assert re.match(r"^https?://\S+$", row.url), row.id
        assert row.kind in LATERAL_KINDS, row.id


def test_rows_point_to_real_paragraphs_and_claims(pack, seed):
    claims = set(load_claims(seed)["claim"])
    for row in pack.itertuples():
        assert 0 <= row.paragraph <= len(seed.paragraphs), row.id
        assert row.claim == "" or row.claim in claims, row.id


def test_facts_are_in_our_words_not_copied(pack):
    """Quoted words inside a fact stay short (a speaker's phrase), never a copied passage."""
    for row in pack.itertuples():
        for quoted in re.findall(r"[“\"‘]([^”\"’]+)[”\"’]", row.fact):
            assert len(quoted.split()) <= 5, (row.id, quoted)
        assert len(row.fact.split()) <= 90, row.id


def test_pack_readme_counts(pack):
    readme = _flat((PACK_DIR / "README.md").read_text(encoding="utf-8"))
    assert f"{len(pack)} facts from {pack['outlet'].nunique()} outlets" in readme
    kinds = pack["kind"].value_counts()
    assert kinds["official transcript"] == 3 and kinds["official statement"] == 1
    assert "8 and 14 March 2022" in readme and "press briefing of 14 March 2022" in readme
    assert set(pack.loc[pack["kind"] == "official transcript", "date"]) == {"2022-03-08", "2022-03-14"}


def test_the_outlet_is_named_and_the_day_is_an_inference(pack, seed):
    row = pack.set_index("id").loc["L21"]
    assert row["kind"] == "article" and row["outlet"] == "Trouw" and row["date"] == "2022-03"
    assert "inference" in row["fact"] and "trouw.nl" in row["url"]
    assert seed.date == "2022-03"
    # the inference: the reports came on Sunday, Zhao spoke on Monday
    assert "zondag" in seed.paragraph(1).text and "maandag" in seed.paragraph(12).text
    readme = _flat((PACK_DIR / "README.md").read_text(encoding="utf-8"))
    assert "**Trouw**" in readme and "our inference" in readme


def test_what_the_pack_could_not_confirm(pack):
    readme = _flat((PACK_DIR / "README.md").read_text(encoding="utf-8"))
    assert "Ryan Hass's tweet" in readme
    assert "split_world" not in set(pack["claim"])  # no row confirms the tweet of paragraph 11
    assert "did not read its passage" in pack.set_index("id").loc["L10", "fact"]


def test_pack_ships_with_the_library():
    assert data_path("lateral", "000_79c815f5f65dac68", "facts.csv").is_file()


# --- 4.11 and section 8: what the pack says ---------------------------------------------------


def test_lateral_answers_are_in_the_pack(pack):
    outlet, country, first = REFERENCE["4.11"]
    assert pack.loc[pack["kind"] == "article", "outlet"].tolist() == [outlet]
    denial = pack.set_index("id").loc["L11"]
    assert country == "Rusland" and "Peskov" in denial["fact"] and denial["date"] == "2022-03-14"
    assert "does not mention this denial" in denial["fact"]
    reports = pack.set_index("id").loc["L01"]
    assert reports["date"] == first and "Financial Times" in reports["fact"] and "Washington Post" in reports["fact"]
    assert search_lateral("Kremlin denied")["id"].iloc[0] == "L11"


def test_the_friendship_of_paragraph_4_in_the_pack(pack, seed):
    rows = pack.set_index("id")
    assert rows.loc["L16", "date"] == "2022-02-04" and "no limits" in rows.loc["L16", "fact"]
    assert "‘Grenzeloze vriendschap’" in rows.loc["L17", "fact"]
    assert set(search_lateral("friendship limits")["id"][:2]) == {"L16", "L17"}
    assert "Olympische Winterspelen in Peking" in seed.paragraph(4).text


def test_un_vote_two_weeks_before(pack, seed):
    row = pack.set_index("id").loc["L18"]
    assert row["date"] == "2022-03-02" and "141" in row["fact"] and "China abstained" in row["fact"]
    assert "twee weken geleden" in seed.paragraph(6).text and "onthield" in seed.paragraph(6).text


# --- Part B: the claims table has the newspaper's analysis ------------------------------------


def test_claims_table_has_the_analysis_of_paragraph_10(seed):
    claims = load_claims(seed).set_index("claim")
    row = claims.loc["us_strategy"]
    assert row["paragraph"] == 10 and row["made_by"] == "the newspaper" and row["basis"].startswith("none stated")
    assert "lekken naar de media" in seed.paragraph(10).text and "oncontroleerbare informatie" in seed.paragraph(10).text
    assert all(10 not in p for p in find_sources(seed)["paragraphs"])  # no source speaks in paragraph 10


# --- A.6: the journalist's own voice -----------------------------------------------------------


@pytest.mark.parametrize("paragraph, phrase", [
    (1, "Rusland heeft China gevraagd om militaire steun, zo meldden internationaal gerespecteerde media"),
    (10, "of er daadwerkelijk door Rusland om militaire steun is verzocht of niet"),
    (11, "Als China inderdaad Rusland blijft steunen"),
    (12, "zonder het Russische verzoek glashard te ontkennen"),
    (2, "Hij bevestigde ze niet, maar waarschuwde de Chinezen wel."),
    (12, "China heeft de Amerikaanse beschuldiging direct van de hand gewezen"),
    (3, "Voor de VS is het belangrijk dat de Russische achterdeur naar China gesloten blijft"),
    (10, "De VS volgen met het lekken naar de media"),
    (11, "dan kan dit vergaande gevolgen hebben"),
    (13, "Volgens Rusland bestaan die plannen"),
])
def test_the_phrases_of_4_9_and_4_10_are_in_the_article(seed, paragraph, phrase):
    assert phrase in seed.paragraph(paragraph).text
    assert phrase.split(",")[0].split(" … ")[0][:40] in _flat(LESSON_04)


def test_4_10_sources_and_newspaper_as_the_tool_sees_them(seed):
    statements = find_statements(seed)
    speakers = {p: set(statements.loc[statements["paragraph"] == p, "speaker"].dropna()) for p in (2, 3, 10, 11, 13)}
    assert "Jake Sullivan" in speakers[2] and "Ryan Hass" in speakers[11] and "Rusland" in speakers[13]
    assert speakers[3] == set() and speakers[10] == set()  # the newspaper's analysis: no speaker
    assert REFERENCE["4.10"] == ["newspaper", "source", "newspaper", "newspaper", "source", "source"]
    assert REFERENCE["4.9"] == [3, 4]


# --- Part B: 'ijzersterke vriendschap', both readings ----------------------------------------


def test_this_paper_uses_single_quotes_for_partial_quotes(seed):
    q = find_quotations(seed)
    for row in q[q["kind"] == "partial"].itertuples():
        assert seed.paragraph(row.paragraph).text[row.start] == "‘", row.quote
    four = q[q["paragraph"] == 4].iloc[0]
    assert four["kind"] == "unattributed-partial" and four["rule"] == "agreeing"
    assert "beklonken daar hun ‘ijzersterke vriendschap’" in seed.paragraph(4).text


def test_lesson_04_teaches_both_readings():
    text = _flat(LESSON_04)
    assert "**A partial quote.**" in text and "**A scare quote.**" in text and "implied speakers" in text
    assert "nobody in the article is said to have spoken" not in text
    from course.lesson.exercises import load_all

    success = load_all()["4.2"].success
    assert "implied speakers" in success and "scare quote" in success and "Nobody in the article" not in success


# --- 4.3 and 4.4: the tool's count, and a defensible hand count --------------------------------


def test_4_3_the_tool_counts_one_unnamed_source_and_de_vs_speaks_in_13(seed):
    sources = find_sources(seed).set_index("source")
    assert int((~sources["named"]).sum()) == REFERENCE["4.3"] == 1
    assert bool(sources.loc["VS", "named"]) and sources.loc["VS", "paragraphs"] == [13]
    assert sources.loc["VS", "indirect"] == 2
    assert "the tool marks as not named" in _flat(LESSON_04)


def test_4_4_the_tool_counts_six_and_a_hand_count_of_5_to_7(seed):
    voices = find_voices(seed).set_index("side")["statements"]
    assert voices["VS"] == REFERENCE["4.4"] == 6
    assert find_sources(seed).set_index("source").loc["Jake Sullivan", "partial"] == 1  # 6 - 1 = 5
    assert "Amerikaanse beschuldiging" in seed.paragraph(12).text  # 6 + 1 = 7
    text = _flat(LESSON_04)
    assert "5 to 7 American statements" in text and "the tool's count" in text


# --- 4.7 and 4.8: held-back sentences come from other texts -----------------------------------


def _hidden_cases(exercise_id: str) -> list[Case]:
    start = LESSON_04.index(f'grade_function("{exercise_id}"')
    end = LESSON_04.index("### END HIDDEN TESTS", start)
    call = LESSON_04[start:end].strip()
    return eval(call.split(", ", 2)[2].rsplit(")", 1)[0], {"Case": Case})  # noqa: S307 - our own notebook


@pytest.mark.parametrize("exercise_id", ["4.7", "4.8"])
def test_hidden_sentences_are_not_from_the_seed(seed, exercise_id):
    cases = _hidden_cases(exercise_id)
    assert len(cases) >= 5
    from course.lesson.exercises import load_all

    exercise = load_all()[exercise_id]
    assert {c.kind for c in exercise.visible} <= {c.kind for c in cases}, "every visible kind is held back too"
    assert not {c.args for c in cases} & {c.args for c in exercise.visible}
    others = "\n".join(p.read_text(encoding="utf-8") for folder in ("benchmarks/quotations/articles", "data/articles")
                       for p in sorted((ROOT / folder).glob("*.txt")))
    for case in cases:
        assert case.args[0] not in seed.text, case.args[0]
    # most come word for word from the course's other articles; the rest we wrote (the comma inside the marks)
    from_others = [c for c in cases if c.args[0] in others]
    assert len(from_others) >= 3 * len(cases) // 4, [c.args[0] for c in cases if c not in from_others]


# --- 05: count by stance, not by type -----------------------------------------------------------

_STANCE = {
    "Lotte van Dijk": "for", "Fietsersbond": "for", "Karin Smit": "for",
    "bewoners van de wijk Hoog Catharijne": "against", "Ahmed Benali": "against",
    "Stadsbelang Utrecht": "against", "Peter de Groot": "against",
    "een ambtenaar die niet met naam genoemd wil worden": "cost", "ingewijden": "cost",
}


def test_05_model_answer_counts_by_stance():
    article = load_article(data_path("articles", "001_fietsenstalling_utrecht.txt"))
    sources = find_sources(article).set_index("source")
    assert set(sources.index) == set(_STANCE)
    by_stance = sources.groupby(sources.index.map(_STANCE))["statements"].sum().to_dict()
    assert by_stance == {"for": 5, "against": 4, "cost": 2}
    assert sources.loc["Lotte van Dijk", "statements"] == 3
    # the type 'official' holds both sides: the alderman and the opposition that attacks her
    officials = sources[sources["type"] == "official"]
    assert {_STANCE[s] for s in officials.index} == {"for", "against", "cost"}
    assert find_voices(article).set_index("side").loc["official", "statements"] == 6
    assert sources["statements"].sum() == 11
    text = _flat(LESSON_05)
    assert "5 statements support the plan" in text and "4 oppose it" in text and "2 doubt its cost" in text
    assert "*official 6 of 11*" in text and "6 to 2" not in text and "7 to 1" not in text


def test_05_readability_caveat_has_no_unsourced_threshold():
    text = _flat(LESSON_05)
    assert "about 100 words or more" in text and "~50 words" not in text


def test_the_sift_model_answer_cites_rows_that_say_so(pack):
    rows = pack.set_index("id")
    assert "State of the Union" in rows.loc["L06", "fact"] and "any country" in rows.loc["L06", "fact"]
    assert "will not allow that" in rows.loc["L07", "fact"] and "evade the sanctions" in rows.loc["L07", "fact"]
    assert "not in a position to confirm" in rows.loc["L12", "fact"] and rows.loc["L12", "date"] == "2022-03-14"
    assert {"L06", "L07"} <= set(search_lateral("Sullivan CNN")["id"])
    assert search_lateral("Psaki briefing")["id"].iloc[0] == "L12"
    assert "zei Sullivan over Chinese steun aan Rusland" in load_article().paragraph(2).text
    model = _flat(LESSON_04)
    assert 'search_lateral("Sullivan CNN")' in model and "(L06)" in model and "(L12)" in model


def test_readme_rows_on_lesson_04_and_the_pack(pack):
    import course

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `04-sources.ipynb` |"))
    assert "`search_lateral`" in row and "search_lateral" in course.__all__
    assert "`volgens X`" in row and {"4.7", "4.8"} <= {e.id for e in course.list_exercises()}
    data = next(line for line in readme.splitlines() if line.startswith("| `data/` |"))
    assert "the seed's names its outlet, Trouw" in data
    assert pack.loc[pack["kind"] == "article", "outlet"].tolist() == ["Trouw"]
