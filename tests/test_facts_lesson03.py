"""Facts lesson 03 (framing) states, and the corrections of issue 16 that concern it.

Each test pins one fact: about the article (checked against its text), about
the course data the lesson shows, or about what the lesson says of the
literature. Each fails when the fact, or the lesson's corrected wording of it,
is reverted.
"""

from __future__ import annotations

import re
from pathlib import Path

from course import (find_hedges, find_quotes, find_sourcing_words, list_statements, load_paragraph_coding,
                    load_reference_coding, load_word_choice, score_precision, score_recall, tabulate_frame_markers)
from course.lesson.checks import Case, FunctionExercise, get_exercise

from helpers.paths import ROOT  # noqa: E402
SOURCE = (ROOT / "notebooks" / "src" / "03-framing.py").read_text(encoding="utf-8")


def prose(source: str = SOURCE) -> str:
    """The lesson's markdown, comment marks removed, lines joined."""
    lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in source.splitlines()
             if line.startswith("#")]
    return " ".join(" ".join(lines).split())


def solution_table(exercise: str) -> list[list[str]]:
    """The rows of the markdown table in a prose exercise's model answer."""
    cell = SOURCE.split(f"# %% [markdown] prose {exercise}", 1)[1].split("# %%", 1)[0]
    answer = cell.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
    return [[c.strip() for c in line[2:].strip().strip("|").split("|")]
            for line in answer.splitlines() if line.startswith("# |") and not line.startswith("# |---")]


# ------------------------------------------------------------ Burscher et al. (2014)


def test_burscher_summary_names_four_frames_tfidf_and_task_setup():
    text = prose()
    assert "four generic frames: conflict, economic consequences, human interest and morality (not responsibility)" \
        in text
    assert "TF·IDF" in text and "worked best" in text
    assert "depends on how the task is set up" in text
    assert "plain word counts" not in text  # the old summary's "best from plain word counts"


# ------------------------------------------------------------ 3.7: the newspaper's own voice


def test_paragraphs_4_and_10_have_no_source(seed):
    statements = list_statements(seed)
    assert not [s for s in statements if s.paragraph == 10]
    assert [s.kind for s in statements if s.paragraph == 4] == ["unattributed-partial"]
    assert seed.paragraph(10).text.startswith("De VS volgen met het lekken naar de media en het uiten van "
                                               "dreigementen hetzelfde recept")


def test_entman_model_answer_keeps_the_newspaper_apart():
    header, *rows = solution_table("3.7")
    assert header == ["function", "the US, as reported", "China, as reported", "the newspaper"]
    assert [r[0] for r in rows] == ["problem definition", "causal interpretation", "moral evaluation",
                                    "treatment recommendation"]
    sides = " ".join(r[1] + " " + r[2] for r in rows)
    paper = " ".join(r[3] for r in rows)
    for background in ("¶3", "¶4", "¶5", "¶10"):
        assert background not in sides, f"{background} is the newspaper's voice, not a side's"
        assert background in paper
    assert "the newspaper" in SOURCE.split("# %% [markdown] prose 3.7", 1)[1].split("### BEGIN SOLUTION")[0]


# ------------------------------------------------------------ reference coding: C2 of the opening, E1


def test_the_article_calls_the_report_an_american_accusation(seed):
    hits = [p.index for p in seed.paragraphs if "de Amerikaanse beschuldiging" in p.text]
    assert hits == [10, 12]
    assert "Rusland heeft China gevraagd om militaire steun" in seed.paragraph(1).text


def test_opening_c2_is_coded_yes_and_disputed():
    opening = load_reference_coding("opening").set_index("item")
    assert opening.loc["C2", "answer"] == 1 and opening.loc["C2", "disputed"]
    assert "de Amerikaanse beschuldiging" in opening.loc["C2", "justification"]


def test_disputed_items_are_e1_of_the_article_and_c2_of_the_opening():
    disputed = {(scope, item) for scope in ("article", "opening", "Ontmoeting in Rome", "Op de vlakte",
                                            "De druk wordt opgevoerd")
                for item in load_reference_coding(scope).query("disputed")["item"]}
    assert disputed == {("article", "E1"), ("opening", "C2")}


def test_e1_rests_on_damage_and_financial_ties_but_no_sum_of_money(seed):
    assert "nog veel schadelijker zijn, ook voor de wereldeconomie" in seed.paragraph(8).text
    assert "financiële banden" in seed.paragraph(5).text and "vrijwel zijn doorgesneden" in seed.paragraph(5).text
    body = " ".join(p.text for p in seed.paragraphs)
    assert "euro" not in body.lower() and not re.search(r"\d", body)  # no amount: E1 is disputed
    assert "nog veel schadelijker" in prose()


def test_3_1_accepts_either_code_on_disputed_items_only():
    base = {"C1": (1, "China denies, the US warns"), "C2": (1, "China accuses the US of disinformation"),
            "H4": (0, "nothing private about anyone named"), "M2": (0, "no morality, God or religion"),
            "E1": (1, "sanctions could harm the world economy"), "C2 opening": (1, "later called an accusation")}
    from course import check

    assert check("3.1", base).correct
    assert check("3.1", {**base, "E1": (0, "no loss in money is named")}).correct
    assert check("3.1", {**base, "C2 opening": (0, "news, not yet a reproach")}).correct
    assert not check("3.1", {**base, "C2": (0, "nobody reproaches anybody here")}).correct
    assert not check("3.1", {**base, "C1": (0, "nobody disagrees with anybody")}).correct


def test_the_reference_coding_is_shown_after_exercise_3_1():
    assert SOURCE.index("# %% answer 3.1") < SOURCE.index("reference = load_reference_coding()")
    assert SOURCE.index("reference_profiles()") > SOURCE.index("# %% tests 3.1")


# ------------------------------------------------------------ word_choice.csv: sourcing words


def test_anonieme_and_oncontroleerbare_are_sourcing_not_hedges(seed):
    kinds = load_word_choice().set_index("term")["kind"]
    assert kinds["anonieme"] == kinds["oncontroleerbare"] == kinds["internationaal gerespecteerde"] == "sourcing"
    hedges = set(find_hedges(seed)["text"])
    assert not {"anonieme", "oncontroleerbare"} & hedges
    found = set(zip(find_sourcing_words(seed)["paragraph"], find_sourcing_words(seed)["text"]))
    assert {(1, "anonieme"), (10, "oncontroleerbare"), (1, "internationaal gerespecteerde")} == found


def test_the_paper_vouches_for_its_sources_in_paragraph_1(seed):
    assert "internationaal gerespecteerde media als de Financial Times en The Washington Post" in seed.paragraph(1).text
    assert "oncontroleerbare informatie bekendmaken" in seed.paragraph(10).text


# ------------------------------------------------------------ 'ijzersterke vriendschap': two readings


def test_ijzersterke_vriendschap_has_xi_and_poetin_as_implied_speakers(seed):
    sentence = next(s.text for s in seed.sentences if "ijzersterke vriendschap" in s.text)
    assert sentence == ("De Chinese leider Xi Jinping en de Russische president Vladimir Poetin beklonken daar hun "
                        "‘ijzersterke vriendschap’.")


def test_this_paper_uses_single_marks_for_fragments_and_double_for_sentences(seed):
    quotes = find_quotes(seed)
    for row in quotes.itertuples():
        marked = seed.paragraph(row.paragraph).text[row.start:row.end]
        if row.kind == "direct":
            assert marked[0] == "“", marked
        else:
            assert marked[0] == "‘" and row.words <= 12, marked
    fragments = set(quotes.loc[quotes["kind"] == "partial", "text"])
    assert "direct en achter de schermen" in fragments
    assert any(f.startswith("de verdeling van de wereld") for f in fragments)


def test_lesson_teaches_both_readings():
    text = prose()
    passage = text[text.index("The phrase ‘ijzersterke vriendschap’ in paragraph 4 can be read in two ways"):][:1200]
    assert "a scare quote" in passage and "a partial quote" in passage
    assert "makes Xi and Poetin its implied speakers" in passage
    assert "single marks" in passage
    assert "nobody said" not in text.replace("nobody is said", "")


# ------------------------------------------------------------ presupposition (3.2)


def test_presuppositions_of_the_request_and_the_support(seed):
    assert "Als China inderdaad Rusland blijft steunen" in seed.paragraph(11).text
    assert "zonder het Russische verzoek glashard te ontkennen" in seed.paragraph(12).text
    assert "of er daadwerkelijk door Rusland om militaire steun is verzocht of niet" in seed.paragraph(10).text
    assert "zo meldden" in seed.paragraph(1).text
    assert [p.index for p in seed.paragraphs if "verzoek" in p.text] == [12]
    assert [p.index for p in seed.paragraphs if "blijft steunen" in p.text] == [11]
    from course import check

    assert check("3.2", [11, 12]).correct


# ------------------------------------------------------------ paragraph coding and the lexicon (3.5, 3.6)


def test_seed_economic_paragraphs_and_their_words(seed):
    coded = load_paragraph_coding("economic")
    ours = coded[coded["article"] == Path(seed.path).name]
    assert ours.loc[ours["answer"] == 1, "paragraph"].tolist() == [3, 5, 8]
    assert ours.loc[ours["disputed"], "paragraph"].tolist() == [11]
    assert "harde economische boycot" in seed.paragraph(3).text
    assert "aanvoer van technologie en dagelijkse goederen" in seed.paragraph(5).text
    assert "economische tegenwind" in seed.paragraph(8).text
    assert "vergaande gevolgen" in seed.paragraph(11).text and "econom" not in seed.paragraph(11).text


def test_lexicon_precision_and_recall_the_lesson_describes(seed):
    coded = load_paragraph_coding("economic")
    ours = coded[coded["article"] == Path(seed.path).name].set_index("paragraph")["answer"]
    found = tabulate_frame_markers(seed)["economic"] > 0
    assert score_precision(found, ours) == 1.0 and score_recall(found, ours) == 1.0  # "finds exactly"
    assert score_precision(coded["lexicon"], coded["answer"]) == 1.0  # "precise"
    assert score_recall(coded["lexicon"], coded["answer"]) == 0.625  # "but misses paragraphs"
    missed = coded[(coded["answer"] == 1) & ~coded["lexicon"]]
    assert any("dat de stad niet kan betalen" in t for t in missed["text"])
    assert "een ‘prestigeproject’ dat de stad niet kan betalen" in prose()
    assert len(coded) == 28 and "one variable over 28 units" in prose()


def test_hidden_cases_of_3_6_come_from_texts_students_do_not_have():
    """The held-back paragraphs are from benchmarks/, which the student edition does not ship."""
    hidden = SOURCE.split("# %% tests 3.6", 1)[1].split("### END HIDDEN TESTS", 1)[0]
    texts = re.findall(r"Case\('[^']+', \('((?:[^'\\]|\\.)*)',\), (?:True|False)\)", hidden)
    assert len(texts) >= 5
    shipped = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*") if p.is_file()
                       and p.suffix in (".txt", ".csv"))
    shipped += (ROOT / "seeds" / "000_79c815f5f65dac68.txt").read_text(encoding="utf-8")
    benchmarks = " ".join(p.read_text(encoding="utf-8")
                          for p in (ROOT / "benchmarks" / "quotations" / "articles").glob("*.txt"))
    for text in texts:
        assert text[:60] not in shipped and text[:60] in benchmarks


# ------------------------------------------------------------ exercises: methods, fading scaffolds, hints


def test_lesson_03_has_two_function_exercises_with_fading_scaffolds():
    kappa, lexicon = get_exercise("3.4"), get_exercise("3.6")
    assert isinstance(kappa, FunctionExercise) and kappa.function == "cohen_kappa"
    assert isinstance(lexicon, FunctionExercise) and lexicon.function == "economic_paragraph"
    stub = lambda ex: SOURCE.split(f"# %% answer {ex}", 1)[1].split("### BEGIN SOLUTION", 1)[0]  # noqa: E731
    assert stub("3.4").count("...  # your code here") == 2 and "return (observed - expected)" in stub("3.4")
    assert stub("3.6").count("\n    ") == 2  # the docstring and `return ...`: nothing else given
    assert all(isinstance(c, Case) for c in kappa.visible + lexicon.visible)


def hint_blocks() -> list[str]:
    return re.findall(r"<details><summary>Hint</summary>(.*?)</details>", SOURCE, re.S)


def test_no_hint_of_lesson_03_contains_code():
    from course.lesson.checks import list_exercises

    hints = [" ".join(h.replace("#", " ").split()) for h in hint_blocks()]
    for exercise in list_exercises():
        if exercise.id.startswith("3."):
            hints.append(exercise.hint)
            hints += list(getattr(exercise, "wrong", {}).values()) + list(getattr(exercise, "kind_hints", {}).values())
    assert len(hints) > 10
    for hint in hints:
        assert "`" not in hint, hint
        assert not re.search(r"\w\(|\.\w+\(|\[\s*[\"']|\.loc|\.iloc|idxmax|==", hint), hint


def test_the_worked_conflict_rule_finds_paragraph_11_by_a_warning(seed):
    cell = SOURCE.split("def conflict_paragraph(paragraph):", 1)[1].split("# %%", 1)[0]
    namespace: dict = {}
    exec("def conflict_paragraph(paragraph):" + cell.split("\n\n\n")[0], namespace)  # noqa: S102 - the lesson's code
    found = [p.index for p in seed.paragraphs if namespace["conflict_paragraph"](p.text)]
    assert found == [1, 2, 10, 11, 12, 13]
    assert "Hij waarschuwt via Twitter" in seed.paragraph(11).text
    assert "The rule finds ¶11 because Hass *waarschuwt*" in SOURCE
