"""course.analysis.quotations: the one quotation engine; one test per attribution pattern of Dutch news."""

from __future__ import annotations

import pytest

from course import load_article
from course.analysis.article import parse_article
from course.analysis.quotations import (KINDS, RULES, SOURCE_TYPES, STATEMENT_COLUMNS, WEAK_RULES, classify_source,
                               find_statements, list_quote_spans, list_statements, load_lexicon)
from course.analysis.sources import find_sources


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    """(kind, speaker, rule) of each quotation of a small article."""
    return [(s.kind, s.speaker, s.rule) for s in list_statements(parse_article("date 2024-01\n\n" + text))
            if s.kind != "indirect"]


def _speakers(text: str) -> list[str | None]:
    return [s.speaker for s in list_statements(parse_article("date 2024-01\n\n" + text))]


def _sources(text: str):
    return find_sources(parse_article("date 2024-01\n\n" + text)).set_index("source")


# --- quotation marks ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, inner", [
    ("“Dit klopt niet”, zei hij.", "Dit klopt niet"),
    ("„Dit klopt niet”, zei hij.", "Dit klopt niet"),
    ("„Dit klopt niet“, zei hij.", "Dit klopt niet"),
    (",,Dit klopt niet”, zei hij.", "Dit klopt niet"),
    (",,Dit klopt niet’’, zei hij.", "Dit klopt niet"),
    ("‘Dit klopt niet’, zei hij.", "Dit klopt niet"),
    ('"Dit klopt niet", zei hij.', "Dit klopt niet"),
    ("'Dit klopt niet', zei hij.", "Dit klopt niet"),
    ("‘Het zijn auto’s van de zaak’, zei hij.", "Het zijn auto’s van de zaak"),
])
def test_every_mark_style(text, inner):
    spans = list_quote_spans(text)
    assert [s[2] for s in spans] == [inner]
    start, end, _, closed = spans[0]
    assert closed and text[start:end].endswith(("”", "“", "’", '"', "'")) and start == 0


def test_apostrophes_are_not_marks():
    assert list_quote_spans("Hij kwam ’s avonds met twee auto's en een foto van 't dorp.") == []
    assert list_quote_spans("Ze zei 's ochtends: 'Kom maar'.") [0][2] == "Kom maar"


def test_a_quotation_open_at_the_end_of_a_paragraph_runs_on():
    text = 'Piet Jansen is boos. "Dit is de derde keer.\n\n"En het wordt steeds erger."'
    assert _quotes(text) == [("direct", "Piet Jansen", "previous"), ("direct", "Piet Jansen", "continued")]


# --- the speaker after the quotation --------------------------------------------------------------


@pytest.mark.parametrize("text, speaker, rule", [
    ('"We weten nog niet wat er precies is gebeurd", aldus een politiewoordvoerder.', "een politiewoordvoerder",
     "anonymous"),
    ('"We gaan door", zegt Karin Smit.', "Karin Smit", "named"),
    ('"We gaan door", zei minister Karin Smit van Financiën dinsdag.', "Karin Smit", "named"),
    ('"We gaan door", stelt de gemeente.', "gemeente", "named"),
    ('"Dit was een laffe daad", zei de officier van justitie.', "de officier van justitie", "anonymous"),
    ('"Dit was een laffe daad" zei de rechter.', "de rechter", "anonymous"),
])
def test_speaker_after_the_quote(text, speaker, rule):
    assert _quotes(text) == [("direct", speaker, rule)]


def test_inverted_zegt_ze_is_a_pronoun_for_the_person_before():
    text = 'Buurvrouw Ans Verbeek woont al veertig jaar in de straat. "Dit is de derde keer", zegt ze.'
    assert _quotes(text) == [("direct", "Ans Verbeek", "pronoun")]
    assert _sources(text).loc["Ans Verbeek", "type"] == "citizen"


# --- the speaker before the quotation ---------------------------------------------------------------


@pytest.mark.parametrize("text, speaker", [
    ('Fractievoorzitter Peter de Groot: "Dit is te duur."', "Peter de Groot"),
    ('Peter de Groot zegt: "Dit is te duur."', "Peter de Groot"),
    ('Een andere bewoner: "Ik wil hier weg."', "een andere bewoner"),
])
def test_speaker_before_the_quote_with_a_colon(text, speaker):
    assert _quotes(text) == [("direct", speaker, "named" if speaker[0].isupper() else "anonymous")]


def test_vervolgt_after_a_pronoun():
    text = ('Staatssecretaris Maarten van Ooijen zei dat hij zich zorgen maakt. Hij vervolgde: "We moeten '
            'ouders beter uitleggen waarom vaccineren belangrijk is."')
    assert _quotes(text) == [("direct", "Maarten van Ooijen", "pronoun")]


# --- split quotes, quotations over sentences and paragraphs, the speaker before ----------------------


def test_split_quote_around_zei_hij():
    text = 'Kees Vink is boos. "We gaan alles doen", zei hij, "en als het moet, leggen we het werk neer."'
    assert _quotes(text) == [("direct", "Kees Vink", "pronoun"), ("direct", "Kees Vink", "pronoun")]


def test_the_name_in_the_next_sentence_wins_over_a_pronoun():
    text = ('Bestuurder Nadia Bakker is boos. "Dit hoorden we op de radio", zei ze.\n\n'
            '"We leggen het werk neer", zei hij. Dat laatste zei kaderlid Kees Vink van de FNV.')
    assert [s for _, s, _ in _quotes(text)] == ["Nadia Bakker", "Kees Vink"]


def test_quotation_continues_over_sentences_and_paragraphs():
    text = ('"De huidige stalling zit vol", zei wethouder Lotte van Dijk. "Als we niets doen, staan er '
            'weer fietsen op straat."\n\n"En dat wil niemand."')
    assert _quotes(text) == [("direct", "Lotte van Dijk", "named"), ("direct", "Lotte van Dijk", "continued"),
                             ("direct", "Lotte van Dijk", "continued")]


def test_speaker_in_the_previous_sentence():
    text = 'Directeur Sanne Hoekstra herkent het beeld. Ze heeft drie vacatures. ‘Ik sta zelf voor de klas.’'
    assert _quotes(text) == [("direct", "Sanne Hoekstra", "previous")]


def test_no_speaker_anywhere_is_unattributed():
    assert _quotes('Het regent.\n\n"Dat klopt niet."') == [("unattributed", None, "none")]


def test_speaker_two_sentences_back():
    text = ('Het ging om een bewoner, zegt de politiewoordvoerder. In de woning lag geen wapen. '
            ',,Hij zit nog vast en wordt gehoord.”')
    assert _quotes(text) == [("direct", "de politiewoordvoerder", "previous")]


def test_daarop_zei_ze_with_a_colon():
    text = 'Minister Mona Visser kwam later. Daarop zei ze: "Dat is niet wat hier staat."'
    assert _quotes(text) == [("direct", "Mona Visser", "pronoun")]


@pytest.mark.parametrize("text, speaker", [
    ("Zelf vindt minister Mona Visser dat ze niets fout deed.", "Mona Visser"),
    ("Vorige week meldde de politie dat de weg dicht blijft.", "politie"),
])
def test_verb_second_after_a_fronted_phrase(text, speaker):
    assert [s for s in _speakers(text) if s] == [speaker]


def test_fronted_subject_is_not_inverted():
    assert _speakers("De Fraudehelpdesk adviseert kopers om nooit vooruit te betalen.") == ["De Fraudehelpdesk"]


def test_spokesperson_of_an_outlet_is_media():
    text = '"We weten niet wie erachter zit", zegt een woordvoerder van de NOS tegen een andere krant.'
    s = _sources(text)
    assert list(s.index) == ["een woordvoerder van de NOS"] and s.iloc[0]["type"] == "media"


# --- reported speech without quotation marks ---------------------------------------------------------


@pytest.mark.parametrize("text, speaker, verb", [
    ("Volgens burgemeester Jan de Vries is de wijk veilig.", "Jan de Vries", "volgens"),
    ("Het COA laat weten dat de opvang vol is.", "COA", "laat weten"),
    ("De provincie liet in een verklaring weten dat de weg dicht blijft.", "provincie", "liet weten"),
    ("Tegen de NOS zei minister Karin Smit dat ze blijft.", "Karin Smit", "zei"),
    ("Premier Jan de Vries schreef op X dat het kabinet doorgaat.", "Jan de Vries", "schreef"),
    ("Dat zei wethouder Lotte van Dijk dinsdag in de raad.", "Lotte van Dijk", "zei"),
    ("De rechtbank is gesloten, meldt de gemeente Utrecht.", "gemeente Utrecht", "meldt"),
    ("Haagse bronnen zeggen dat het kabinet valt.", "Haagse bronnen", "zeggen"),
    ("Ingewijden bij de bank melden dat er ontslagen vallen.", "ingewijden bij de bank", "melden"),
])
def test_attributions(text, speaker, verb):
    statements = [s for s in list_statements(parse_article("date 2024-01\n\n" + text)) if s.kind == "indirect"]
    assert [(s.speaker, s.verb) for s in statements] == [(speaker, verb)]


@pytest.mark.parametrize("text, source", [
    ("Uit onderzoek van de Radboud Universiteit blijkt dat tieners slecht slapen.",
     "onderzoek van de Radboud Universiteit"),
    ("Tieners slapen slecht. Dat blijkt uit cijfers van het CBS.", "cijfers van het CBS"),
    ("Dat staat in een rapport van de Inspectie van het Onderwijs.", "rapport van de Inspectie van het Onderwijs"),
])
def test_documents_as_sources(text, source):
    s = _sources(text)
    assert list(s.index) == [source] and s.loc[source, "type"] == "document" and s.loc[source, "named"]


@pytest.mark.parametrize("text, speaker", [
    ("Dat staat in een verklaring van het ministerie van Defensie.", "ministerie van Defensie"),
    ("In een verklaring laat de KNVB weten dat de wedstrijd niet doorgaat.", "KNVB"),
    ("Volgens een persbericht van de gemeente Zwolle gaat de weg dicht.", "gemeente Zwolle"),
])
def test_a_statement_of_an_organisation_is_the_organisation_speaking(text, speaker):
    assert _speakers(text) == [speaker]


def test_negated_and_refused_statements_are_not_statements():
    assert _speakers("ING en Rabobank wilden niet reageren.") == []
    assert _speakers("De politie wil dat niet bevestigen.") == []


# --- anonymous sources, role words, organisations -------------------------------------------------------


@pytest.mark.parametrize("text, source, type_", [
    ('"Het ging mis", aldus een politiewoordvoerder.', "een politiewoordvoerder", "official"),
    ("Ingewijden zeggen dat het plan van tafel is.", "ingewijden", "unknown"),
    ("Haagse bronnen melden dat de minister opstapt.", "Haagse bronnen", "official"),
    ('Een buurtbewoner zegt: "Ik hoorde een knal."', "een buurtbewoner", "citizen"),
    ("Een moeder die anoniem wil blijven, zegt dat ze bang is.", "een moeder die anoniem wil blijven", "citizen"),
    ('"Geen verblijf is groot genoeg", aldus een woordvoerder van de ambassade.',
     "een woordvoerder van de ambassade", "official"),
])
def test_anonymous_sources(text, source, type_):
    s = _sources(text)
    assert list(s.index) == [source]
    assert not s.loc[source, "named"] and s.loc[source, "type"] == type_


@pytest.mark.parametrize("text, source, type_", [
    ('"Ik sliep niet", zegt buurvrouw Ans Verbeek.', "Ans Verbeek", "citizen"),
    ('"We grijpen in", zegt burgemeester Marco Hermans van Helmond.', "Marco Hermans", "official"),
    ('"Dat is onzin", zei woordvoerder Zhao Lijian van het ministerie.', "Zhao Lijian", "official"),
    ('"We betreuren dit", zegt topman Ruben Claassen.', "Ruben Claassen", "organisation"),
    ('"Dit is een vondst", zegt viroloog Marion Koopmans van het Erasmus MC.', "Marion Koopmans", "expert"),
    ('"We sluiten niets uit", zegt politiewoordvoerder Patricia Wessels.', "Patricia Wessels", "official"),
    ('"Het is mooi", zegt kunstcriticus Hans den Hartog Jager.', "Hans den Hartog Jager", "media"),
])
def test_role_word_before_a_name(text, source, type_):
    s = _sources(text)
    assert list(s.index) == [source] and s.loc[source, "named"] and s.loc[source, "type"] == type_


def test_role_word_instead_of_a_name_points_back():
    text = ('Gedeputeerde Tijs de Bree zegt begrip te hebben. "Maar we moeten de natuur herstellen", zei de '
            "gedeputeerde.")
    assert _quotes(text) == [("direct", "Tijs de Bree", "role")]


def test_organisation_speaks_through_its_spokesperson():
    text = 'Bite Back vindt dat olifanten vrij moeten zijn. "Geen verblijf is groot genoeg", aldus een woordvoerder.'
    assert _quotes(text) == [("direct", "Bite Back", "organisation")]
    assert _sources(text).loc["Bite Back", "type"] == "organisation"


def test_definite_spokesperson_points_back_to_the_spokesperson_before():
    text = ("De aanklager trok zich terug, zei een woordvoerster van het Openbaar Ministerie (OM) maandag. "
            "Het was geen besluit van het OM, aldus de zegsvrouw.")
    s = _sources(text)
    assert list(s.index) == ["een woordvoerster van het Openbaar Ministerie"]
    assert s.iloc[0]["indirect"] == 2 and s.iloc[0]["type"] == "official" and not s.iloc[0]["named"]


def test_party_after_a_full_name_is_an_affiliation():
    text = "Nel Dol van GroenLinks meende dat de inbreng van bewoners “volkomen wordt genegeerd”."
    assert _quotes(text) == [("partial", "Nel Dol", "named")]


def test_aliases_merge_surname_and_full_name():
    text = '"We bouwen", zei wethouder Lotte van Dijk.\n\n"Echt waar", zei Van Dijk.'
    s = _sources(text)
    assert list(s.index) == ["Lotte van Dijk"] and s.loc["Lotte van Dijk", "direct"] == 2


def test_pronoun_resolves_to_the_nearest_named_person():
    text = ("Jake Sullivan, de adviseur van president Joe Biden, reageerde zondag. Hij waarschuwde China. "
            '"We staan dat niet toe", zei hij.')
    assert _quotes(text) == [("direct", "Jake Sullivan", "pronoun")]


# --- kinds ------------------------------------------------------------------------------------------


def test_partial_scare_and_agreeing():
    assert _quotes("Het bestuur noemt het plan ‘onhaalbaar’.") == [("partial", "bestuur", "named")]
    assert _quotes("Ze vierden hun ‘gouden huwelijk’ in Gouda.") == [("scare", None, "none")]
    assert _quotes("Xi Jinping en Vladimir Poetin beklonken hun ‘ijzersterke vriendschap’.") == [
        ("unattributed-partial", None, "agreeing")]


def test_seed_engine_rows(seed):
    table = find_statements(seed)
    quotes = table[table["kind"] != "indirect"]
    assert quotes["kind"].tolist() == ["direct", "partial", "unattributed-partial", "partial", "direct", "direct"]
    assert quotes["rule"].tolist() == ["named", "pronoun", "agreeing", "pronoun", "named", "continued"]
    assert quotes["pattern"].tolist()[:2] == ["after", "volgens"]
    p2 = seed.paragraph(2).text
    first = quotes.iloc[0]
    assert p2[first["start"]:first["end"]] == "“We zullen dat niet toestaan”"


# --- types from the text ------------------------------------------------------------------------------


def test_classify_source_from_words():
    lex = load_lexicon()
    assert classify_source([lex.role("woordvoerder")], "", "de politie", "", lex) == "official"
    assert classify_source([lex.role("woordvoerder")], "", "Woonbron", "", lex) == "organisation"
    assert classify_source([], "Fietsersbond", "", "", lex) == "organisation"
    assert classify_source([], "China", "", "country", lex) == "official"
    assert classify_source([lex.role("onderzoek")], "", "het RIVM", "", lex) == "document"
    assert classify_source([lex.role("ingewijden")], "", "de Amerikaanse overheid", "", lex) == "official"


def test_vocabularies_live_in_data_files():
    lex = load_lexicon()
    assert "aldus" in lex.verbs and "laat weten" in lex.verbs and "van de hand gewezen" in lex.participles
    assert lex.roles["burgemeester"] == ("official", "person")
    assert lex.role("politiewoordvoerder")[1] == "official" and lex.role("CBS-econoom")[1] == "expert"


# --- shape -------------------------------------------------------------------------------------------


def test_empty_input_gives_empty_table_with_columns():
    table = find_statements(parse_article("date 2024-01\n\nHet regent in Utrecht.\n"))
    assert table.empty and list(table.columns) == list(STATEMENT_COLUMNS)


def test_vocabularies_of_the_table(seed):
    table = find_statements(seed)
    assert set(table["kind"]) <= set(KINDS) and set(table["rule"]) <= set(RULES)
    assert set(table["type"]) <= set(SOURCE_TYPES) and set(WEAK_RULES) < set(RULES)


def test_not_an_article():
    with pytest.raises(TypeError):
        list_statements("Hij zei: “Ja.”")


@pytest.fixture(scope="module")
def seed():
    return load_article()
