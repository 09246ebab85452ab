"""Reading an article: its actors and its timeline.

Actors
------
Found with spaCy rule components on the blank Dutch pipeline (no model,
nothing downloaded):

* an **EntityRuler** built from ``data/actors/gazetteer_nl.csv`` (countries,
  capitals used for their states, organisations, news outlets, events to
  ignore), each pattern mapped to a canonical actor ("Peking" -> China);
* a **Matcher** for people and organisations named after a *role word*
  (``woordvoerder Zhao Lijian``, ``China-kenner Ryan Hass``, ``denktank
  Brookings``), where the role word may be the end of a compound
  (``veiligheidsadviseur``) or follow a hyphen (``oud-premier``);
* a rule for a name followed by an apposition with a role word
  (``Jake Sullivan, de nationale veiligheidsadviseur``).

So a new article yields a sensible list without editing the gazetteer: its
people are found by their roles. Aliases are merged: a one-word mention
("Sullivan", "Zhao") joins the person whose full name contains that word,
and gazetteer variants join their canonical actor. Decisions:

* nationality adjectives ("Chinese", "Amerikaanse") are *not* mentions of a
  country: they describe another noun;
* a capital after a preposition of place (``in Peking``, ``naar Rome``) is a
  *place*, not the state; places and events are listed by
  :func:`find_actor_mentions` but are not actors;
* other capitalised names the rules cannot place get the kind ``other``;
  pronouns ("hij", "die") are not resolved.

Timeline
--------
:func:`find_time_expressions` finds weekdays, "X weken geleden", "vorige
week", "recent" and the like. :func:`build_timeline` places them relative to
an *anchor*, the day the article was written, which the plain-text format
does not record (only ``YYYY-MM``). Every row says how its date was found.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article
from ..paths import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The gazetteer: pattern, actor, kind, note.
GAZETTEER_PATH = data_path("actors", "gazetteer_nl.csv")

#: Kinds of actor.
ACTOR_KINDS = ("person", "country", "organisation", "media", "group", "other")

#: Words for a person's role; a token *ending* in one of these counts
#: (``veiligheidsadviseur``, ``partijleider``, ``China-kenner``, ``oud-premier``).
PERSON_ROLES = (
    "minister", "premier", "president", "woordvoerder", "woordvoerster", "adviseur", "adviseuse",
    "analist", "wethouder", "burgemeester", "leider", "ambassadeur", "kenner", "hoogleraar",
    "directeur", "directrice", "voorzitter", "topman", "topvrouw", "generaal", "correspondent",
    "journalist", "verslaggever", "onderzoeker", "onderzoekster", "deskundige", "expert", "econoom",
    "secretaris-generaal", "staatssecretaris", "kamerlid", "commissaris", "kanselier", "koning",
    "koningin", "gouverneur", "senator", "diplomaat", "gezant", "ceo", "oprichter", "advocaat",
    "rechter", "politicus", "activist", "historicus", "politicoloog", "socioloog", "viroloog",
    "arts", "schrijver", "schrijfster", "bewoner", "buurtbewoner", "medewerker", "chef", "baas",
    "lid", "fractievoorzitter", "partijleider", "minister-president", "vicepremier", "bondskanselier",
    "schipper", "boer", "bestuurder", "inwoner", "ondernemer", "eigenaar", "student", "docent", "leraar",
    "agent", "militair", "soldaat", "verpleegkundige", "dokter", "huisarts", "piloot", "trainer", "coach",
    "speler", "zanger", "zangeres", "kunstenaar", "ambtenaar", "officier", "aanklager", "rapporteur",
)
#: Words for an organisation (a token ending in one counts: ``oppositiepartij``);
#: the capitalised name after one is an organisation or outlet. The flag says
#: whether the word is part of the name ("gemeente Utrecht") or only a
#: description ("denktank Brookings" -> Brookings). A capitalised word
#: ("Universiteit Utrecht") is always part of the name.
ORGANISATION_ROLES: dict[str, tuple[str, bool]] = {
    "denktank": ("organisation", False), "bedrijf": ("organisation", False), "partij": ("organisation", False),
    "organisatie": ("organisation", False), "stichting": ("organisation", True), "bank": ("organisation", False),
    "universiteit": ("organisation", True), "instituut": ("organisation", False),
    "vereniging": ("organisation", False), "vakbond": ("organisation", False), "ngo": ("organisation", False),
    "concern": ("organisation", False), "gemeente": ("organisation", True), "provincie": ("organisation", True),
    "ziekenhuis": ("organisation", False), "club": ("organisation", False), "fractie": ("organisation", False),
    "krant": ("media", False), "dagblad": ("media", False), "omroep": ("media", False),
    "persbureau": ("media", False), "nieuwsagentschap": ("media", False), "zender": ("media", False),
    "nieuwssite": ("media", False), "tijdschrift": ("media", False),
}
#: Last-word endings that mark an unknown name as an organisation or a place.
ORGANISATION_SUFFIXES = ("bond", "raad", "bank", "dienst", "autoriteit", "waterstaat", "bureau", "vereniging",
                         "stichting", "partij", "ministerie", "commissie", "gasthuis", "ziekenhuis", "universiteit",
                         "instituut", "fonds", "groep", "concern", "omroep", "krant")
PLACE_SUFFIXES = ("plein", "straat", "weg", "laan", "gracht", "kade", "park", "station", "haven", "dijk", "brug")
#: Lower-case words that may join capitalised words into one name ("Centraal Bureau voor de Statistiek").
NAME_CONNECTORS = ("voor", "van", "de", "der", "den", "het")
#: Name particles allowed inside a person's name (``Jan de Vries``).
NAME_PARTICLES = ("van", "de", "der", "den", "ter", "ten", "te", "von", "da", "di", "le", "la", "'t")
#: Prepositions that make a following city a place rather than an actor.
PLACE_PREPOSITIONS = ("in", "naar", "uit", "te", "bij", "vanuit", "rond", "nabij", "richting")

_ADJECTIVE_ENDINGS = ("se", "sche", "che")
_MAX_NAME_TOKENS = 4


@dataclass(frozen=True)
class GazetteerEntry:
    """One row of the gazetteer (see ``data/actors/gazetteer_nl.csv``)."""

    pattern: str
    actor: str
    kind: str
    note: str


def load_gazetteer(path: str | Path = GAZETTEER_PATH) -> list[GazetteerEntry]:
    """Read a gazetteer CSV (columns pattern, actor, kind, note).

    Parameters
    ----------
    path : str or Path
        The CSV file; the course's Dutch gazetteer by default.

    Returns
    -------
    list of GazetteerEntry

    Raises
    ------
    ValueError
        Naming the file and row when a row has an unknown kind or no pattern.
    """
    entries = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            kind = (row.get("kind") or "").strip()
            pattern = (row.get("pattern") or "").strip()
            if not pattern or kind not in (*ACTOR_KINDS, "event", "place"):
                raise ValueError(f"{path}, line {row_number}: needs a pattern and a kind from {ACTOR_KINDS + ('event', 'place')}")
            entries.append(GazetteerEntry(pattern, (row.get("actor") or "").strip(), kind, (row.get("note") or "").strip()))
    return entries


@lru_cache(maxsize=4)
def _actor_pipeline(gazetteer: str = str(GAZETTEER_PATH)) -> tuple[Any, Any, dict[str, GazetteerEntry]]:
    """Blank Dutch pipeline with an EntityRuler, plus a Matcher for role patterns."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    entries = load_gazetteer(gazetteer)
    by_id = {}
    patterns = []
    for i, entry in enumerate(entries):
        ent_id = f"g{i}"
        by_id[ent_id] = entry
        patterns.append({"label": entry.kind.upper(), "pattern": entry.pattern, "id": ent_id})
    ruler.add_patterns(patterns)
    matcher = Matcher(nlp.vocab)
    roles = "|".join(re.escape(r) for r in sorted(PERSON_ROLES, key=len, reverse=True))
    orgs = "|".join(re.escape(r) for r in sorted(ORGANISATION_ROLES, key=len, reverse=True))
    name = [{"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}, {"LOWER": {"IN": list(NAME_PARTICLES)}, "OP": "*"},
            {"IS_TITLE": True, "OP": "?"}]
    role = {"LOWER": {"REGEX": rf"^(?:.*[-]|.*)(?:{roles})$"}}
    field_word = {"IS_LOWER": True, "IS_ALPHA": True, "LENGTH": {">=": 5}, "OP": "?"}  # "hoogleraar waterbeheer X"
    matcher.add("PERSON_ROLE", [[role, field_word, *name]], greedy="LONGEST")
    matcher.add("MINISTRY", [[{"LOWER": "ministerie"}, {"LOWER": "van"}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]],
                greedy="LONGEST")
    matcher.add("ORG_ROLE", [[{"LOWER": {"REGEX": rf"^.*(?:{orgs})$"}}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]],
                greedy="LONGEST")
    return nlp, matcher, by_id


@dataclass
class _Mention:
    paragraph: int
    start: int  # character offsets in the paragraph
    end: int
    text: str
    kind: str
    actor: str
    role: str = ""
    key: str = ""  # person name before alias merging


def _is_name_token(tok: Any) -> bool:
    return tok.is_title and tok.text.isalpha() is not False and not tok.lower_.endswith(_ADJECTIVE_ENDINGS)


def _trim_name(tokens: list[Any]) -> list[Any]:
    """Keep the name part: skip a field word, stop at a particle after two names.

    "Lotte van Dijk" keeps its particle; in "Conny Helder van Volksgezondheid"
    the name already has a first and a last name, so "van" starts a phrase.
    """
    while tokens and not tokens[0].is_title:
        tokens = tokens[1:]
    out: list[Any] = []
    for tok in tokens:
        if tok.lower_ in NAME_PARTICLES and sum(t.is_title for t in out) >= 2:
            break
        out.append(tok)
    while out and (out[-1].lower_ in NAME_PARTICLES or not out[-1].is_title):
        out = out[:-1]
    return out[:_MAX_NAME_TOKENS]


def _paragraph_mentions(doc: Any, paragraph: int, matcher: Any, by_id: dict[str, GazetteerEntry]) -> list[_Mention]:
    taken: set[int] = set()
    mentions: list[_Mention] = []
    doc_text = doc.text  # spaCy joins the tokens again on every .text

    def add(tokens: list[Any], kind: str, actor: str, role: str = "") -> None:
        if not tokens or any(t.i in taken for t in tokens):
            return
        taken.update(t.i for t in tokens)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text.rstrip("."))
        text = doc_text[start:end]
        mentions.append(_Mention(paragraph, start, end, text, kind, actor or text, role, text))

    # 1. role patterns: people and organisations named after a role word
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        label = doc.vocab.strings[match_id]
        role_tok = doc[start]
        name = _trim_name(list(doc[start + 1 : end]))
        if not name or any(t.ent_id_ and by_id[t.ent_id_].kind != "person" for t in name if t.ent_id_):
            # "president van Rusland" does not match; "leider Xi" does. A gazetteer
            # organisation after an org word ("denktank Brookings") stays in the gazetteer.
            if label == "ORG_ROLE" and name:
                ent = by_id.get(name[0].ent_id_)
                if ent:
                    add(name, ent.kind, ent.actor, role_tok.text)
            continue
        if label == "MINISTRY":
            add(list(doc[start:end]), "organisation", doc[start:end].text, "ministerie")
            continue
        if label == "PERSON_ROLE":
            add(name, "person", " ".join(t.text for t in name), role_tok.lower_)
        else:
            word = next(w for w in sorted(ORGANISATION_ROLES, key=len, reverse=True) if role_tok.lower_.endswith(w))
            kind, include = ORGANISATION_ROLES[word]
            tokens = [role_tok, *name] if include or (role_tok.is_title and role_tok.lower_ == word) else name
            add(tokens, kind, " ".join(t.text for t in tokens), role_tok.lower_)
    # 2. apposition: "Jake Sullivan, de nationale veiligheidsadviseur"
    roles = tuple(PERSON_ROLES)
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _is_name_token(doc[j]) and not doc[j].ent_type_ and j - i < _MAX_NAME_TOKENS:
            j += 1
        if j - i >= 2 and j < len(doc) and doc[j].text == ",":
            window = doc[j + 1 : j + 9]
            role = next((t for t in window if t.lower_.endswith(roles) and t.is_lower), None)
            stop = next((t.i for t in window if t.is_punct), None)
            if role is not None and (stop is None or role.i < stop):
                add(list(doc[i:j]), "person", doc[i:j].text, role.lower_)
        i = max(j, i + 1)
    # 3. gazetteer entities
    for ent in doc.ents:
        entry = by_id.get(ent.ent_id_)
        if entry is None:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if entry.kind == "country" and "metonym" in entry.note and before in PLACE_PREPOSITIONS:
            add(list(ent), "place", ent.text)
        else:
            add(list(ent), entry.kind, entry.actor)
    # 4. remaining capitalised words: places after a preposition, else "other"
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.i in taken or not _is_name_token(tok) or tok.is_sent_start or _after_sentence_break(doc, i):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < _MAX_NAME_TOKENS + 2:
            if _is_name_token(doc[j]) and doc[j].i not in taken:
                j += 1
                continue
            k = j  # connectors join two capitalised words: "Bureau voor de Statistiek"
            while k < len(doc) and doc[k].lower_ in NAME_CONNECTORS:
                k += 1
            if k > j and k < len(doc) and _is_name_token(doc[k]) and doc[k].i not in taken and not doc[k].ent_type_:
                j = k
                continue
            break
        tokens = list(doc[i:j])
        before = [t.lower_ for t in doc[max(0, i - 2) : i]]
        last = tokens[-1].lower_
        if (before and before[-1] in PLACE_PREPOSITIONS) or before[-2:-1] and before[-2] in PLACE_PREPOSITIONS \
                and before[-1] in ("de", "het") or last.endswith(PLACE_SUFFIXES):
            kind = "place"
        elif any(t.lower_.endswith(ORGANISATION_SUFFIXES) for t in tokens if t.is_title):
            kind = "organisation"
        else:
            kind = "other"
        add(tokens, kind, doc[i:j].text)
        i = j
    # 5. sentence-initial capitalised words that are a known name: kept for alias merging
    for tok in doc:
        if tok.i not in taken and _is_name_token(tok) and (tok.is_sent_start or _after_sentence_break(doc, tok.i)):
            add([tok], "candidate", tok.text)
    return mentions


def _after_sentence_break(doc: Any, i: int) -> bool:
    """True when token i starts a sentence or a quotation (so its capital says nothing)."""
    if i == 0:
        return True
    prev = doc[i - 1].text
    return prev in (".", "!", "?", ":", "“", "‘", '"', "„", "'") or prev.endswith(".")


def _merge_aliases(mentions: list[_Mention]) -> list[_Mention]:
    """Give one-word mentions of a person the full name; drop unmatched candidates."""
    people = {m.actor for m in mentions if m.kind == "person"}
    by_word: dict[str, set[str]] = {}
    for person in people:
        for word in person.split():
            if word.lower() not in NAME_PARTICLES:
                by_word.setdefault(word, set()).add(person)
    # a longer name absorbs a shorter one it contains ("Poetin" -> "Vladimir Poetin")
    canonical = {p: max((q for q in people if set(p.split()) <= set(q.split())), key=len) for p in people}
    roles: dict[str, str] = {}
    for m in mentions:
        if m.kind == "person" and m.role:
            roles.setdefault(canonical[m.actor], m.role)
    out = []
    for m in mentions:
        match = _person_for(m.text, by_word) if m.kind in ("other", "candidate", "place") else None
        if m.kind == "person":
            m.actor = canonical[m.actor]
        elif match:
            m.kind, m.actor = "person", canonical[match]
        elif m.kind == "candidate":
            continue
        if m.kind == "person":
            m.role = m.role or roles.get(m.actor, "")
        out.append(m)
    return out


def _person_for(text: str, by_word: dict[str, set[str]]) -> str | None:
    """The one known person whose name contains every name word of ``text`` ("Van Dijk")."""
    words = [w for w in text.split() if w.lower() not in NAME_PARTICLES]
    if not words:
        return None
    candidates = set.intersection(*(by_word.get(w, set()) for w in words))
    return next(iter(candidates)) if len(candidates) == 1 else None


def _promote_people(mentions: list[_Mention]) -> None:
    """A two-to-three word 'other' name whose last word is also used alone is a person."""
    alone = {m.text for m in mentions if m.kind in ("other", "candidate") and " " not in m.text}
    for m in mentions:
        words = m.text.split()
        if m.kind == "other" and 2 <= len(words) <= 3 and words[-1] in alone:
            m.kind = "person"


def _mentions(article: Article) -> list[_Mention]:
    """Every actor mention of an article (fresh copies: callers may change them)."""
    from dataclasses import replace

    return [replace(m) for m in _cached_mentions(article)]


@lru_cache(maxsize=32)
def _cached_mentions(article: Article) -> tuple[_Mention, ...]:
    """The actor finder, once per article: find_actors, find_actor_mentions and
    the source finders all start from it (an Article is frozen, so hashable)."""
    return tuple(_find_mentions(article))


def _find_mentions(article: Article) -> list[_Mention]:
    nlp, matcher, by_id = _actor_pipeline()
    found: list[_Mention] = []
    texts = [p.text for p in article.paragraphs]
    for paragraph, doc in zip(article.paragraphs, nlp.pipe(texts)):
        _set_sentence_starts(doc, article, paragraph.index)
        found.extend(_paragraph_mentions(doc, paragraph.index, matcher, by_id))
    found.sort(key=lambda m: (m.paragraph, m.start))
    _promote_people(found)
    return _merge_aliases(found)


def _set_sentence_starts(doc: Any, article: Article, paragraph: int) -> None:
    """Mark the first token of each of the article's sentences (no parser needed)."""
    starts = {s.start for s in article.sentences_in(paragraph)}
    for tok in doc:
        tok.is_sent_start = tok.idx in starts or (tok.i > 0 and tok.idx - 1 in starts and doc[tok.i - 1].is_punct)


def find_actor_mentions(article: Article) -> "pd.DataFrame":
    """Every mention of an actor, place or event, in text order.

    Parameters
    ----------
    article : Article

    Returns
    -------
    pandas.DataFrame
        Columns:

        paragraph : int
            1-based paragraph number.
        sentence : int
            1-based sentence number in the article.
        start, end : int
            Character offsets of the mention in its paragraph's text.
        text : str
            The mention as written ("Peking", "Sullivan").
        actor : str
            The canonical actor ("China", "Jake Sullivan"); for places and
            events, the text itself.
        kind : str
            One of :data:`ACTOR_KINDS`, or ``place`` or ``event``.
        role : str
            For people, the role word found with them ("woordvoerder"), else "".
    """
    import pandas as pd

    columns = ["paragraph", "sentence", "start", "end", "text", "actor", "kind", "role"]
    rows = []
    for m in _mentions(article):
        sentence = next(
            (s.index for s in article.sentences_in(m.paragraph) if s.start <= m.start < s.end),
            article.sentences_in(m.paragraph)[0].index,
        )
        rows.append([m.paragraph, sentence, m.start, m.end, m.text, m.actor, m.kind, m.role])
    return pd.DataFrame(rows, columns=columns)


def find_actors(article: Article) -> "pd.DataFrame":
    """The actors of an article: people, countries, organisations, news outlets.

    Places (``in Rome``) and events (``Olympische Winterspelen``) are not
    actors and are left out; see :func:`find_actor_mentions` for them.

    Parameters
    ----------
    article : Article

    Returns
    -------
    pandas.DataFrame
        One row per actor, most mentioned first (ties: first mentioned first).
        Columns:

        actor : str
            Canonical name.
        kind : str
            One of :data:`ACTOR_KINDS`.
        mentions : int
            Number of mentions, aliases included.
        paragraphs : list of int
            Paragraphs that mention the actor, in order, each once.
        first_paragraph : int
            Where the actor is first mentioned.
        aliases : list of str
            The different forms used, in order of first use.
        role : str
            For people, their role word; else "".
    """
    import pandas as pd

    columns = ["actor", "kind", "mentions", "paragraphs", "first_paragraph", "aliases", "role"]
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for m in _mentions(article):
        if m.kind in ("place", "event"):
            continue
        g = groups.setdefault((m.actor, m.kind), {"mentions": 0, "paragraphs": [], "aliases": [], "role": "", "order": len(groups)})
        g["mentions"] += 1
        if m.paragraph not in g["paragraphs"]:
            g["paragraphs"].append(m.paragraph)
        if m.text not in g["aliases"]:
            g["aliases"].append(m.text)
        g["role"] = g["role"] or m.role
    rows = [
        [actor, kind, g["mentions"], g["paragraphs"], g["paragraphs"][0], g["aliases"], g["role"], g["order"]]
        for (actor, kind), g in groups.items()
    ]
    frame = pd.DataFrame(rows, columns=[*columns, "order"])
    frame = frame.sort_values(["mentions", "order"], ascending=[False, True], kind="stable")
    return frame.drop(columns="order").reset_index(drop=True)


# ------------------------------------------------------------------ timeline

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
            "acht": 8, "negen": 9, "tien": 10}
_VAGUE_COUNTS = {"enkele": (2, 4), "een paar": (2, 3), "paar": (2, 3), "ruim": None}
_UNITS = {"dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30, "jaar": 365, "jaren": 365}
_COUNT = r"(?P<count>\d+|een paar|enkele|" + "|".join(_NUMBERS) + ")"
_TIME_PATTERNS: list[tuple[str, str]] = [
    ("relative", _COUNT + r"\s+(?P<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar)\s+geleden"),
    ("relative", r"(?P<fixed>gisteren|eergisteren|vandaag|morgen|overmorgen|vorige week|volgende week|"
                 r"vorige maand|volgende maand|vorig jaar|volgend jaar|deze week|dit weekend|vanochtend|vanavond)"),
    ("weekday", r"(?P<weekday>" + "|".join(WEEKDAYS) + r")(?P<part>ochtend|middag|avond|nacht)?"),
    ("vague", r"(?P<vague>recent|onlangs|kort geleden|tot nu toe|binnenkort|eerder|al eerder)"),
]
_FIXED = {"gisteren": (-1, -1), "eergisteren": (-2, -2), "vandaag": (0, 0), "vanochtend": (0, 0),
          "vanavond": (0, 0), "morgen": (1, 1), "overmorgen": (2, 2), "vorige week": (-13, -7),
          "volgende week": (7, 13), "deze week": (-6, 6), "dit weekend": (-6, 6), "vorige maand": (-60, -28),
          "volgende maand": (28, 60), "vorig jaar": (-730, -365), "volgend jaar": (365, 730)}
_VAGUE = {"recent": (-60, 0), "onlangs": (-60, 0), "kort geleden": (-30, 0), "tot nu toe": (None, 0),
          "binnenkort": (0, 60), "eerder": (None, 0), "al eerder": (None, 0)}


def find_time_expressions(article: Article) -> "pd.DataFrame":
    """Words and phrases that place events in time.

    Parameters
    ----------
    article : Article

    Returns
    -------
    pandas.DataFrame
        One row per expression, in text order. Columns:

        paragraph, sentence : int
            Where it is (1-based).
        expression : str
            As written ("zondag", "twee weken geleden").
        kind : str
            ``weekday``, ``relative`` (a distance from the day of writing) or
            ``vague`` (recent, tot nu toe ...).
        min_days, max_days : float
            Offset in days from the day of writing: the range the words
            allow (NaN when open-ended or, for a weekday, not yet anchored).
        sentence_text : str
            The sentence, for context.
    """
    import pandas as pd

    columns = ["paragraph", "sentence", "expression", "kind", "min_days", "max_days", "sentence_text"]
    rows = []
    for s in article.sentences:
        spans: list[tuple[int, int]] = []
        for kind, pattern in _TIME_PATTERNS:
            for m in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", s.text, flags=re.IGNORECASE):
                if any(a < m.end() and m.start() < b for a, b in spans):
                    continue
                spans.append((m.start(), m.end()))
                lo, hi = _offset_range(kind, m)
                rows.append((m.start(), [s.paragraph, s.index, m.group(0), kind, lo, hi, s.text]))
        rows_sorted = sorted(rows[len(rows) - len(spans):], key=lambda r: r[0])
        rows[len(rows) - len(spans):] = rows_sorted
    return pd.DataFrame([r for _, r in rows], columns=columns).astype({"min_days": float, "max_days": float})


def _offset_range(kind: str, m: re.Match) -> tuple[float | None, float | None]:
    """Offset range in days from the day of writing for a matched expression."""
    groups = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
    if kind == "relative" and groups.get("count"):
        unit = _UNITS[groups["unit"]]
        count = groups["count"]
        if count.isdigit():
            lo = hi = int(count)
        elif count in _NUMBERS:
            lo = hi = _NUMBERS[count]
        else:
            lo, hi = _VAGUE_COUNTS[count]
        return -hi * unit, -lo * unit
    if kind == "relative":
        return _FIXED[groups["fixed"]]
    if kind == "vague":
        return _VAGUE[groups["vague"]]
    return None, None  # weekday: needs an anchor


def build_timeline(article: Article, anchor: str | date | None = None) -> "pd.DataFrame":
    """Place the article's time expressions on a calendar.

    Parameters
    ----------
    article : Article
    anchor : str or date, optional
        The day the article was written (``"2022-03-14"``). The plain-text
        format records only the month, so the anchor is an *inference* the
        reader must justify. Without it, rows keep only day offsets.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`find_time_expressions` plus:

        date : datetime64 or NaT
            Best single date: the weekday on or before the anchor (news
            refers back to the last such day), or the middle of the range.
        earliest, latest : datetime64 or NaT
            The range the words allow.
        how : str
            How the date was found, in one sentence; says "inferred" for
            every date, since each depends on the anchor.
    """
    import pandas as pd

    frame = find_time_expressions(article)
    day = _parse_anchor(anchor)
    dates, earliest, latest, how = [], [], [], []
    for row in frame.itertuples():
        lo, hi = row.min_days, row.max_days
        if row.kind == "weekday" and day is not None:
            weekday = WEEKDAYS.index(row.expression.lower()[: _weekday_len(row.expression)])
            back = (day.weekday() - weekday) % 7
            lo = hi = -back
            text = (f"'{row.expression}' read as the {_WEEKDAYS_EN[weekday]} on or before the anchor {day.isoformat()} "
                    f"({back} days earlier); inferred")
        elif day is None:
            text = "no anchor: only the offset in days is known" if row.kind != "weekday" else "no anchor: a weekday cannot be dated"
        elif pd.isna(lo) and pd.isna(hi):
            text = "open-ended: the words give no range"
        elif pd.isna(lo):
            text = f"some time up to {_shift(day, hi).isoformat()} (open start); inferred from the anchor"
        else:
            text = f"'{row.expression}' = {_describe_offset(lo, hi)} before the anchor {day.isoformat()}; inferred"
        ok = day is not None and not pd.isna(hi)
        early = _shift(day, lo) if ok and not pd.isna(lo) else None
        late = _shift(day, hi) if ok else None
        best = _shift(day, (lo + hi) / 2) if ok and not pd.isna(lo) else None
        dates.append(best)
        earliest.append(early)
        latest.append(late)
        how.append(text)
    frame["date"] = pd.to_datetime(pd.Series(dates, dtype=object))
    frame["earliest"] = pd.to_datetime(pd.Series(earliest, dtype=object))
    frame["latest"] = pd.to_datetime(pd.Series(latest, dtype=object))
    frame["how"] = how
    return frame


def _weekday_len(expression: str) -> int:
    low = expression.lower()
    return next(len(w) for w in WEEKDAYS if low.startswith(w))


def _shift(day: date, offset: float) -> date:
    return day + timedelta(days=round(offset))


def _describe_offset(lo: float, hi: float) -> str:
    if lo == hi:
        return f"{abs(int(lo))} days"
    return f"{abs(int(hi))}–{abs(int(lo))} days"


def _parse_anchor(anchor: str | date | None) -> date | None:
    if anchor is None or isinstance(anchor, date):
        return anchor
    try:
        return date.fromisoformat(str(anchor))
    except ValueError:
        raise ValueError(f"anchor {anchor!r} is not a date like '2022-03-14'") from None


# ------------------------------------------------------------------ glossary

#: Folder of glossaries, one CSV per article (``<article stem>.csv``).
GLOSSARY_DIR = data_path("glossaries")
GLOSSARY_COLUMNS = ["word", "lemma", "gloss_en", "note"]


def load_glossary(article: Article, path: str | Path | None = None) -> "pd.DataFrame":
    """Read the glossary of an article's hard words.

    Parameters
    ----------
    article : Article
    path : str or Path, optional
        The CSV; by default ``data/glossaries/<article file stem>.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns:

        word : str
            The word as it appears in the article.
        lemma : str
            Its dictionary form, checked by hand.
        gloss_en : str
            An English gloss.
        note : str
            Usage or word-formation note ("" when none).

        An article without a glossary gives an empty table with these columns.

    Raises
    ------
    ValueError
        When the file lacks one of the columns (the message names the file).
    """
    import pandas as pd

    path = Path(path) if path is not None else GLOSSARY_DIR / f"{Path(article.path).stem}.csv"
    if not path.exists():
        return pd.DataFrame(columns=GLOSSARY_COLUMNS)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GLOSSARY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: glossary lacks the column(s) {', '.join(missing)}")
    return frame[GLOSSARY_COLUMNS]
