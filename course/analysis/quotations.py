"""The quotation engine: quotations, attributions and their speakers, in one place.

Every lesson and ``course analyze`` read quotations and sources through this
module (``sources.find_quotations``, ``framing.find_quotes``,
``summarize.find_quote_speakers`` and the HTML report are views of it).

How it reads a paragraph
------------------------
1. **Quotation marks** (:func:`list_quote_spans`): “double curly”, „low”,
   ,,double comma” (also closed with ’’), ‘single curly’, "straight" and
   'straight single'; apostrophes (*auto's*, *’s avonds*) are not marks. A
   quotation that is still open at the end of a paragraph runs on into the
   next paragraph when that one opens with a mark (the newspaper convention).
2. **Frames**: each quotation is replaced by a placeholder and the
   paragraph is cut into sentences *outside* the quotations, so a quotation
   of several sentences stays one piece.
3. **Attribution patterns**, tried on each frame (column ``pattern``):
   ``after`` (*"…", aldus X*, *"…", zei X*, *"…", zegt ze*, split quotes
   around *zei hij*), ``colon`` (*X: "…"*, *X zegt: "…"*, *Hij vervolgde:*),
   ``inverted`` (*Dat zei X*, *Tegen de NOS zei X*, *…, laat X weten*),
   ``subject`` (*X zei dat*, *X liet in een verklaring weten*, *X noemt het
   "…"*), ``participle`` (*X heeft … opgeroepen*), ``volgens`` (*volgens X*,
   *op basis van X*), ``zo`` (*zo meldden X en Y*), ``source`` (*uit
   onderzoek van X blijkt*, *dat blijkt uit X*, *dat staat in X*).
4. **Speakers** (column ``rule``): ``named`` (a name in the frame),
   ``anonymous`` (a description: *een politiewoordvoerder*, *ingewijden*),
   ``role`` (*de gedeputeerde*: a role word that points back to a named
   person), ``pronoun`` (*hij*, *zij*, *ze*: the first person of the last
   sentence that names one), ``organisation`` (*aldus een woordvoerder* after
   the organisation in the sentence before), ``previous`` (a quotation-only
   sentence after a sentence about its speaker), ``continued`` (a quotation
   that continues the one before, over sentences and paragraphs),
   ``agreeing`` (a fragment after a verb of agreeing whose subjects may or
   may not have said it) and ``none``. ``pronoun``, ``role``,
   ``organisation``, ``previous`` and ``continued`` are the weaker rules
   (:data:`WEAK_RULES`).
5. **Kinds**: ``direct`` (a full sentence said by someone), ``partial`` (an
   attributed fragment), ``scare`` (a fragment nobody is said to speak),
   ``unattributed`` (a full sentence nobody is said to speak),
   ``unattributed-partial`` (a fragment after a verb of agreeing: *beklonken
   hun ‘ijzersterke vriendschap’*, open to two readings) and ``indirect``
   (an attribution without quotation marks).
6. **Source types from the text** (:func:`classify_source`): official,
   expert, media, organisation, citizen, document or unknown, from the role
   words around the speaker (``data/framing/role_words.csv``), the words of
   an organisation's name and, failing those, the kind the actor finder
   gives (country, outlet); ``named`` is false for a description.

The vocabularies live in data files beside the frame lexicon:
``data/framing/speech_verbs.csv`` and ``data/framing/role_words.csv``
(hedges are in ``data/framing/word_choice.csv``). :class:`Lexicon` holds
them; pass your own to any function to try another vocabulary.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article
from ..paths import data_path

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: Where the speech verbs and role words live (beside the frame lexicon).
LEXICON_DIR = data_path("framing")
#: Source types, in the order tables use.
SOURCE_TYPES = ("official", "expert", "media", "organisation", "citizen", "document", "unknown")
#: Quotation kinds (``indirect`` is a statement without quotation marks).
KINDS = ("direct", "partial", "scare", "unattributed", "unattributed-partial", "indirect")
#: How a speaker was found.
RULES = ("named", "anonymous", "role", "pronoun", "organisation", "previous", "continued", "agreeing", "none")
#: Rules that rest on a weaker inference than a speaker named in the sentence.
WEAK_RULES = ("role", "pronoun", "organisation", "previous", "continued")
#: Columns of :func:`find_statements`.
STATEMENT_COLUMNS = {
    "paragraph": "int64", "sentence": "int64", "kind": "str", "quote": "str", "start": "int64", "end": "int64",
    "speaker": "object", "mention": "object", "rule": "str", "pattern": "str", "verb": "str", "named": "bool",
    "type": "str", "text": "str",
}

Q = "\ue000"  # placeholder of a quotation inside a frame
_OPEN_CLOSE = (
    ("“", "”“"), ("„", "”“"), (",,", "”“\"’"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"),
)
_PARTICLES = ("van", "de", "der", "den", "ter", "ten", "te", "el", "al", "von", "du", "da", "di", "le", "la", "'t")
_CONNECTORS = ("voor", "van", "zonder", "de", "het", "der", "en")
_PRONOUNS = ("hij", "zij", "ze", "hem", "haar")
_STOP_CAPS = {
    "Dat", "Die", "Dit", "Deze", "Het", "Een", "Ook", "Maar", "En", "Want", "Als", "Toch", "Zo", "Toen", "Nu",
    "Daar", "Daarom", "Volgens", "Uit", "Tegen", "In", "Op", "Bij", "Voor", "Na", "Met", "Zelf", "Wij", "We", "Ik",
    "Je", "U", "Hij", "Zij", "Ze", "Er", "Wie", "Wat", "Niet", "Dan", "Of", "Om", "Over", "Vooral", "Bovendien",
    "Daarna", "Inmiddels", "Eerder", "Later", "Ongeveer", "Binnen", "Mijn", "Zijn", "Haar", "Hun", "Onze",
    "Daarop", "Daarbij", "Vervolgens", "Intussen", "Wel", "Nog", "Al", "Pas", "Gisteren", "Vandaag", "Morgen",
    "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag", "Vorige", "Volgende",
    "Afgelopen", "Tijdens", "Sinds", "Omdat", "Hoewel", "Zonder", "Door", "Aan", "Naar", "Vanaf", "Tot",
}
_LOWER_STOP = {
    "dat", "die", "dit", "is", "was", "zijn", "heeft", "hebben", "had", "wordt", "werd", "niet", "wel", "ook", "al",
    "nog", "in", "op", "bij", "voor", "na", "met", "tegen", "over", "om", "uit", "aan", "naar", "door", "en", "of",
    "maar", "want", "als", "dan", "zich", "er", "het", "de", "een", "van", "te", "zo", "nu", "toen", "daar", "hier",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "gisteren", "vandaag",
}
_AGREEING = ("beklonken", "beklonk", "beklinken", "bezegelden", "bezegelde", "bezegelen", "bekrachtigden",
             "bekrachtigde", "spraken", "sloten")
_OPENER_RE = re.compile(r",,|[“„‘\"'«]")
_TOKEN = re.compile(r"\ue000|\w+(?:[-’'.]\w+)*|[^\w\s]")


# --------------------------------------------------------------------------
# the lexicon


@dataclass(frozen=True)
class Lexicon:
    """The vocabularies of the engine.

    Attributes
    ----------
    verbs : tuple of str
        Finite speech verbs and verb phrases (*zei*, *laat weten*).
    participles : tuple of str
        Past participles, used after *heeft* / *hebben*.
    roles : dict
        Role word (lower case) -> (source type, entity), entity one of
        ``person``, ``spokesperson``, ``group``, ``institution``, ``document``.
    """

    verbs: tuple[str, ...]
    participles: tuple[str, ...]
    roles: dict[str, tuple[str, str]] = field(hash=False)

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.verbs, self.participles, tuple(sorted(self.roles.items()))))

    @cached_property
    def single_verbs(self) -> frozenset[str]:
        return frozenset(v for v in self.verbs if " " not in v)

    @cached_property
    def phrase_verbs(self) -> dict[str, tuple[str, str]]:
        """First word -> (whole phrase, last word) of two-word verbs (*laat weten*, *wijst erop*)."""
        return {v.split()[0]: (v, v.split()[-1]) for v in self.verbs if " " in v}

    @cached_property
    def multiword_roles(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """First word -> [(words, term)] of the role words of several words (*officier van justitie*)."""
        out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for r in self.roles:
            if " " in r:
                out.setdefault(r.split()[0], []).append((tuple(r.split()), r))
        return out

    @cached_property
    def suffix_roles(self) -> tuple[str, ...]:
        return tuple(sorted((r for r in self.roles if " " not in r and len(r) >= 4), key=len, reverse=True))

    def role(self, word: str) -> tuple[str, str, str] | None:
        """(term, type, entity) of a role word, also at the end of a compound (*politiewoordvoerder*)."""
        return _role(self, word.lower())

    def _find_role(self, low: str) -> tuple[str, str, str] | None:
        if low in self.roles and " " not in low:
            return (low, *self.roles[low])
        last = low.rsplit("-", 1)[-1]
        if last in self.roles:
            type_, entity = self.roles[last]
            prefix = self.roles.get(low.rsplit("-", 1)[0]) if "-" in low else None
            if prefix and prefix[1] == "institution" and prefix[0] != "unknown":
                type_ = prefix[0]  # Kremlin-woordvoerder
            return (last, type_, entity)
        for term in self.suffix_roles:
            if low.endswith(term) and len(low) > len(term) + 2:
                type_, entity = self.roles[term]
                prefix = self.roles.get(low[: -len(term)].rstrip("-"))
                if prefix and prefix[1] == "institution" and prefix[0] != "unknown":
                    type_ = prefix[0]  # politiewoordvoerder, brandweerwoordvoerder
                return (term, type_, entity)
        return None


@lru_cache(maxsize=8192)
def _role(lex: Lexicon, low: str) -> tuple[str, str, str] | None:
    return lex._find_role(low)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle)]


@lru_cache(maxsize=4)
def load_lexicon(folder: str | Path = LEXICON_DIR) -> Lexicon:
    """Read ``speech_verbs.csv`` and ``role_words.csv`` from a folder (the course's own by default).

    Parameters
    ----------
    folder : str or Path
        A folder with the two files.

    Returns
    -------
    Lexicon
    """
    folder = Path(folder)
    verbs = _read(folder / "speech_verbs.csv")
    roles = {row["term"].strip().lower(): (row["type"].strip(), row["entity"].strip())
             for row in _read(folder / "role_words.csv")}
    return Lexicon(
        verbs=tuple(r["term"].strip() for r in verbs if r["kind"] == "verb"),
        participles=tuple(r["term"].strip() for r in verbs if r["kind"] == "participle"),
        roles=roles,
    )


# --------------------------------------------------------------------------
# quotation marks


def _opens_at(text: str, i: int, opener: str) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + len(opener)] if i + len(opener) < len(text) else " "
    if after.isspace():
        return False
    if opener in ("'", "‘"):
        if before.isalnum() or (opener == "'" and re.match(r"'[stn]\b", text[i:i + 3])):
            return False
    if opener == '"' and before.isalnum():
        return False
    if opener == ",,":
        return not before.isalnum()
    return True


def _closes_at(text: str, i: int, closer: str) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace():
        return False
    if closer in ("’", "'"):
        return not after.isalnum()
    return True


def list_quote_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """The outermost quotations of a paragraph, in order.

    Parameters
    ----------
    text : str
        One paragraph (or any short text).

    Returns
    -------
    list of tuple
        ``(start, end, inner, closed)``: character offsets with the marks
        included, the words inside (stripped) and whether a closing mark
        was found (False: the quotation runs to the end of the text).
    """
    spans: list[tuple[int, int, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        m = _OPENER_RE.search(text, i)
        if m is None:
            break
        i = m.start()
        opener = next((o for o, _ in _OPEN_CLOSE if text.startswith(o, i) and _opens_at(text, i, o)), None)
        if opener is None:
            i += 1
            continue
        closers = dict(_OPEN_CLOSE)[opener]
        j = i + len(opener)
        end = -1
        while j < n:
            ch = text[j]
            if opener == ",," and text.startswith("’’", j) or opener == ",," and text.startswith("''", j):
                end = j + 2
                break
            if ch in closers and _closes_at(text, j, ch) and not (opener == "'" and ch == "'" and j + 1 < n
                                                                  and text[j + 1].isalpha()):
                end = j + 1
                break
            j += 1
        if end < 0:  # open to the end: only when it opens a sentence
            before = text[:i].rstrip()
            if not before or before[-1] in ".!?:":
                inner = text[i + len(opener):].strip()
                if inner:
                    spans.append((i, n, inner, False))
                break
            i += len(opener)
            continue
        inner = text[i + len(opener):end - (2 if text[end - 2:end] in ("’’", "''") and opener == ",," else 1)]
        if inner.strip():
            spans.append((i, end, inner.strip(), True))
        i = end
    return spans


# --------------------------------------------------------------------------
# noun phrases: who is speaking


@dataclass
class _NP:
    start: int  # token positions in the frame
    end: int
    text: str = ""
    det: str = ""
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (term, type, entity)
    mods: list[str] = field(default_factory=list)
    name: str = ""
    affiliation: str = ""
    pronoun: str = ""
    coordinated: list[str] = field(default_factory=list)


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper() and tok != Q and (tok[0].isalpha())


def _parse_name(toks: list[str], j: int, official: bool) -> tuple[str, int]:
    """A capitalised name starting at token j: (name, next position)."""
    n = len(toks)
    parts: list[str] = []
    k = j
    while k < n:
        tok = toks[k]
        if _is_cap(tok) and (parts or tok not in _STOP_CAPS or (tok in ("De", "Van", "Den", "El", "Ter", "Te")
                                                                 and k + 1 < n and _is_cap(toks[k + 1]))):
            parts.append(tok)
            k += 1
            continue
        if parts and tok in _PARTICLES and k + 1 < n:
            # a particle joins when a capital follows: Lotte van Dijk, Tijs de Bree, Van der Meer
            m = k
            while m < n and toks[m] in _PARTICLES:
                m += 1
            if m < n and _is_cap(toks[m]) and toks[m] not in _STOP_CAPS:
                joined = toks[k:m]
                nxt_cap = m + 1 < n and _is_cap(toks[m + 1])
                acronym = toks[m].isupper() and len(toks[m]) > 1
                org = toks[m].lower() in _ORG_WORDS or toks[m].lower().endswith(_ORG_SUFFIXES)
                caps = sum(1 for p in parts if p[0].isupper())
                compound = "-" in toks[m] and toks[m].rsplit("-", 1)[1].islower()  # Brandevoort-wijk
                compound = compound or any(ch.isupper() for ch in toks[m][1:])  # GroenLinks, ChristenUnie
                if joined[0] == "van" and caps >= 2 and (official or nxt_cap or acronym or org or compound
                                                          or len(joined) > 1):
                    break  # "Marco Hermans van Helmond": an affiliation, not a name
                if joined == ["van"] and official and len(parts) >= 1 and acronym:
                    break
                parts.extend(joined)
                k = m
                continue
            break
        if parts and tok in _CONNECTORS[:3] and k + 1 < n and (_is_cap(toks[k + 1]) or (
                toks[k + 1] in ("de", "het") and k + 2 < n and _is_cap(toks[k + 2]))) and any(
                p.lower() in _ORG_WORDS or p.lower().endswith(_ORG_SUFFIXES) for p in parts):
            parts.append(tok)  # Centraal Bureau voor de Statistiek, Inspectie van het Onderwijs
            k += 1
            continue
        break
    while parts and parts[-1] in _PARTICLES + _CONNECTORS:
        parts.pop()
        k -= 1
    return " ".join(parts), j + len(parts) if parts else j


#: Institution words that are part of the name they precede (*gemeente Utrecht*, not *Utrecht*).
_NAME_ROLES = ("gemeente", "provincie", "rechtbank", "politie", "brandweer", "universiteit", "ggd")
_ORG_WORDS = {"inspectie", "vereniging", "centraal", "bureau", "orgaan", "ministerie", "autoriteit", "raad",
              "universiteit", "stichting", "artsen", "bank", "nederlandsche", "landelijke", "nederlandse",
              "algemene", "vakbond", "instituut", "dienst", "gerechtshof", "rechtbank"}
_ORG_SUFFIXES = ("bond", "raad", "bank", "dienst", "vereniging", "stichting", "partij", "ministerie", "commissie",
                 "universiteit", "instituut", "fonds", "groep", "organisatie", "bureau", "orgaan", "inspectie")


def _parse_np(toks: list[str], i: int, lex: Lexicon, after_verb: bool = False) -> _NP | None:
    """A speaker phrase starting at token i, or None when there is no head (name, role, pronoun)."""
    n = len(toks)
    if i >= n:
        return None
    np = _NP(i, i)
    j = i
    low = toks[j].lower()
    if low in _PRONOUNS:
        np.pronoun, np.end = low, j + 1
        np.text = toks[j]
        return np
    if low in ("de", "het", "een", "zijn", "haar", "hun") and not (
            toks[j] in ("De", "Den") and j + 1 < n and _is_cap(toks[j + 1]) and toks[j + 1].lower() not in _ORG_WORDS
            and not toks[j + 1].isupper() and not (toks[j + 1].lower().endswith(("se", "sche", "che")) and j + 2 < n
                                                   and toks[j + 2].islower())):
        np.det = low
        j += 1
    official = False
    while j < n and len(np.roles) + len(np.mods) < 5:
        tok = toks[j]
        lowt = tok.lower()
        multi = next((term for key, term in lex.multiword_roles.get(lowt, ())
                      if tuple(t.lower() for t in toks[j:j + len(key)]) == key), None)
        if multi:
            np.roles.append((multi, *lex.roles[multi]))
            j += len(multi.split())
            continue
        if tok == Q or tok in ",.:;()!?" or (lowt in _LOWER_STOP and lowt not in lex.roles):
            break
        if lowt in lex.single_verbs or lowt in lex.phrase_verbs:
            break
        role = lex.role(tok) if (tok.islower() or "-" in tok or not np.roles and not np.mods) else None
        if role and (tok.islower() or "-" in tok or lowt in lex.roles):
            if tok[0].isupper() and "-" not in tok and j + 1 < n and _is_cap(toks[j + 1]) and lowt not in lex.roles:
                break
            np.roles.append(role)
            official = official or role[1] == "official"
            j += 1
            continue
        nxt = toks[j + 1] if j + 1 < n else ""
        nxt_role = bool(nxt) and (nxt.islower() or "-" in nxt) and lex.role(nxt) is not None
        if tok.islower() and lowt not in _LOWER_STOP and (nxt_role or (nxt.islower() and j + 2 < n and
                                                                      lex.role(toks[j + 2]) is not None)):
            np.mods.append(tok)  # technisch directeur, internationaal gerespecteerde media
            j += 1
            continue
        if tok.islower() and np.roles and _is_cap(nxt) and lowt not in _LOWER_STOP:
            np.mods.append(tok)  # wethouder economie Lisa Brouwer
            j += 1
            continue
        if tok.islower() and np.det and not np.mods and not np.roles and lowt.endswith("e") and _is_cap(nxt) \
                and nxt not in _STOP_CAPS and lowt not in _LOWER_STOP:
            np.mods.append(tok)
            j += 1
            continue
        if _is_cap(tok) and tok.lower().endswith(("se", "sche", "che")) and nxt_role:
            np.mods.append(tok)  # De Turkse president, Haagse bronnen
            j += 1
            continue
        break
    if not np.roles and np.det == "een" and j < n and toks[j].islower() and toks[j] not in _LOWER_STOP and \
            toks[j] not in lex.single_verbs and toks[j] not in lex.phrase_verbs and len(toks[j]) > 3:
        np.roles.append((toks[j], "unknown", "person"))  # een <someone> die ...: a description all the same
        j += 1
    name, k = _parse_name(toks, j, official)
    if name:
        np.name = name
        j = k
        # a capitalised role word read as the name: "Burgemeester", "Woordvoerder"
        first = name.split()[0]
        if lex.role(first) and len(name.split()) > 1 and (first.lower() in lex.roles or len(name.split()) > 2):
            np.roles.append(lex.role(first))
            np.name = name.split(" ", 1)[1]
        elif lex.role(first) and len(name.split()) == 1 and first.lower() in lex.roles and not np.roles:
            np.roles.append((first.lower(), *lex.roles[first.lower()]))
            np.name = ""
        # coordination of names: de Financial Times en The Washington Post
        if j + 1 < n and toks[j] == "en" and _is_cap(toks[j + 1]) and toks[j + 1] not in _STOP_CAPS:
            other, k2 = _parse_name(toks, j + 1, official)
            if other:
                np.coordinated.append(other)
                j = k2
    if not (np.name or np.roles):
        return None
    # affiliation: van (de) X, bij de X, binnen de X, in Brussel, uit Tilburg, (X)
    if j + 1 < n and toks[j] in ("van", "bij", "binnen", "uit", "in") and (np.roles or np.name):
        k = j + 1
        words: list[str] = []
        if k < n and toks[k] in ("de", "het", "een"):
            words.append(toks[k])
            k += 1
        group = bool(np.roles) and np.roles[-1][2] in ("group", "spokesperson") and not np.name
        while k < n and len(words) < 6 and toks[k] not in (Q, ",", ".", ":", ";") and (
                _is_cap(toks[k]) or (toks[k].islower() and toks[k] not in _LOWER_STOP and lex.role(toks[k]))
                or (group and toks[k].islower() and toks[k] not in _LOWER_STOP and len(words) < 3
                    and toks[k] not in lex.single_verbs and toks[k] not in lex.phrase_verbs)
                or toks[k] in ("van", "voor") and k + 2 < n and toks[k + 1] in ("de", "het") and _is_cap(toks[k + 2])
                or toks[k] in ("de", "het") and words and words[-1] in ("van", "voor") and k + 1 < n
                and _is_cap(toks[k + 1])
                or toks[k] in ("van", "voor") and k + 1 < n and (_is_cap(toks[k + 1]) or toks[k + 1].islower()
                                                                 and lex.role(toks[k + 1]) is None
                                                                 and toks[k + 1] not in _LOWER_STOP)
                or (words and words[-1] in ("van",) and toks[k].islower() and toks[k] not in _LOWER_STOP)
                or (words and toks[k] == "en" and k + 1 < n and _is_cap(toks[k + 1]) and _is_cap(words[-1]))):
            words.append(toks[k])
            k += 1
        content = [w for w in words if w not in ("de", "het", "een")]
        if content and (toks[j] != "in" or _is_cap(content[0])) and (np.name == "" or toks[j] != "in"):
            np.affiliation = " ".join(words)
            j = k
    if j < n and toks[j] == "(":
        close = next((m for m in range(j, min(n, j + 8)) if toks[m] == ")"), None)
        if close is not None:
            j = close + 1
    # an apposition with a role: Marjan de Groot, moeder van twee pubers / Jake Sullivan, de ... adviseur
    if np.name and j + 1 < n and toks[j] == ",":
        k = j + 1 + (1 if toks[j + 1].lower() in ("de", "het", "een") else 0)
        found = None
        for m in range(k, min(n, k + 3)):
            if toks[m] in (",", ".", Q):
                break
            role = lex.role(toks[m]) if toks[m].islower() or "-" in toks[m] else None
            if role and role[2] in ("person", "spokesperson"):
                found = role
                break
        if found:
            np.roles.append(found)
            m = k
            while m < n and toks[m] not in (",", ".", ":", Q):
                m += 1
            j = m + 1 if m < n and toks[m] == "," else m
    # a relative clause describing an anonymous source: die anoniem wil blijven
    if not np.name and j < n and (toks[j] == "die" or toks[j] == "," and j + 1 < n and toks[j + 1] == "die"):
        k = j + (2 if toks[j] == "," else 1)
        while k < n and toks[k] not in (",", ".", ":", Q):
            k += 1
        j = k + (1 if k < n and toks[k] == "," and not after_verb else 0)
    np.end = j
    np.text = re.sub(r"\s*\([^()]*\)", "", " ".join(toks[i:j]))  # without (OM), (GroenLinks-PvdA)
    np.text = re.sub(r"\s+([,.)])|([(])\s+", r"\1\2", np.text).strip(" ,")
    return np


# --------------------------------------------------------------------------
# frames and attribution patterns


@dataclass
class _Frame:
    paragraph: int
    start: int  # offsets in the paragraph
    end: int
    masked: str
    quotes: list[int]  # indices into the paragraph's quotation list


@dataclass
class _Hit:
    np: _NP | None
    verb: str
    pattern: str
    doc: str = ""  # for source documents: the phrase (onderzoek van X)
    negated: bool = False


def _frames(text: str, spans: list[tuple[int, int, str, bool]], paragraph: int) -> list[_Frame]:
    """Cut a paragraph into sentences outside its quotations."""
    pieces: list[str] = []
    offsets: list[int] = []  # masked position -> paragraph offset
    last = 0
    for start, end, _, _ in spans:
        pieces.append(text[last:start])
        offsets.extend(range(last, start))
        pieces.append(Q)
        offsets.append(start)
        last = end
    pieces.append(text[last:])
    offsets.extend(range(last, len(text)))
    offsets.append(len(text))
    masked = "".join(pieces)
    ends_sentence = [bool(re.search(r"[.!?…]$", inner)) for _, _, inner, _ in spans]
    cuts = [0]
    q_index = 0
    for i, ch in enumerate(masked):
        if ch == Q:
            if ends_sentence[q_index] and re.match(r"\s+[A-ZÀ-Ý\ue000]", masked[i + 1:]):
                cuts.append(i + 1)
            q_index += 1
        elif ch in ".!?" and re.match(r"\s+[A-ZÀ-Ý\ue000]", masked[i + 1:]) and not re.search(
                r"\b(?:dr|mr|prof|ir|drs|ing|o\.a|bijv|St)$", masked[max(0, i - 5):i]):
            cuts.append(i + 1)
    cuts.append(len(masked))
    frames = []
    q_seen = 0
    for a, b in zip(cuts, cuts[1:]):
        piece = masked[a:b]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        count = piece.count(Q)
        frames.append(_Frame(paragraph, offsets[a + lead], offsets[b] if b < len(offsets) else len(text),
                             piece.strip(), list(range(q_seen, q_seen + count))))
        q_seen += count
    return frames


def _verb_at(toks: list[str], k: int, lex: Lexicon) -> tuple[str, int] | None:
    """(verb, tokens used) of a speech verb at token k (*laat ... weten* may hold words between)."""
    if k >= len(toks):
        return None
    low = toks[k].lower()
    if low in lex.phrase_verbs:
        phrase, last = lex.phrase_verbs[low]
        for m in range(k + 1, min(len(toks), k + 8)):
            if toks[m].lower() == last:
                return phrase, 1
            if toks[m] in (Q, ".", ":"):
                break
    if low in lex.single_verbs:
        return low, 1
    return None


def _negated(toks: list[str], k: int) -> bool:
    window = [t.lower() for t in toks[k + 1:k + 4]]
    return "niet" in window[:2] or (toks[k].lower().startswith("wil") and "niet" in window)


def _attributions(frame: _Frame, lex: Lexicon) -> list[_Hit]:
    """Every attribution pattern that fits one frame, most specific first."""
    toks = _TOKEN.findall(frame.masked)
    n = len(toks)
    hits: list[_Hit] = []
    # source documents: uit onderzoek van X blijkt / dat blijkt uit X / dat staat in X
    low = [t.lower() for t in toks]
    for k in range(n - 1):
        if low[k] == "blijkt" and low[k + 1] == "uit" or low[k] == "staat" and low[k + 1] == "in" and k and \
                low[k - 1] in ("dat", "dit"):
            np = _parse_np(toks, k + 2, lex)
            if np:
                hits.append(_Hit(np, low[k] + " " + low[k + 1], "source", doc=_doc_phrase(toks, np)))
        if low[k] == "uit" and (k == 0 or toks[k - 1] in (",", "Ook", "En")):
            np = _parse_np(toks, k + 1, lex)
            if np and np.end < n and low[np.end] in ("blijkt", "bleek"):
                hits.append(_Hit(np, "blijkt uit", "source", doc=_doc_phrase(toks, np)))
    # zo meldden X en Y
    for k in range(n - 1):
        if low[k] == "zo" and (v := _verb_at(toks, k + 1, lex)):
            for m in range(k + 2, min(n, k + 12)):
                np = _parse_np(toks, m, lex, after_verb=True)
                if np and np.name:
                    hits.append(_Hit(np, v[0], "zo"))
                    break
    # after the quotation: "…", zei X / "…", aldus X / "…" zegt ze
    for k in range(n):
        if toks[k] != Q:
            continue
        m = k + 1
        if m < n and toks[m] == ",":
            m += 1
        v = _verb_at(toks, m, lex)
        if v and not v[0].startswith(("laat", "liet", "laten", "lieten")):
            m2 = m + 1
            while m2 < n and toks[m2].lower() in ("ook", "nu", "dan", "toen", "daarop", "tenslotte", "later"):
                m2 += 1
            np = _parse_np(toks, m2, lex, after_verb=True)
            if np:
                hits.append(_Hit(np, v[0], "after"))
    # colon: X: "…" / X zegt: "…" / Hij vervolgde: "…"
    for k in range(1, n - 1):
        if toks[k] == ":" and toks[k + 1] == Q:
            start = 0
            while start < k and toks[start] in ("Ook", "En", "Maar", "Zelf", Q, ","):
                start += 1
            np = _parse_np(toks, start, lex)
            if np:
                rest = [t.lower() for t in toks[np.end:k]]
                verb = next((r for r in rest if r in lex.single_verbs or r in lex.phrase_verbs), "")
                if not rest or verb or len(rest) <= 6 and not any(r in ("is", "was", "zijn") for r in rest):
                    hits.append(_Hit(np, verb or ":", "colon"))
    # inverted: Dat zei X / Tegen de NOS zei X / ..., laat X weten / ..., meent X
    for k in range(n):
        v = _verb_at(toks, k, lex)
        if not v:
            continue
        before = low[k - 1] if k else ""
        opener = k == 0 or before in (",", "dat", "dit") and (k == 1 or toks[k - 2] in (",",) or k == 1) or (
            k >= 2 and low[0] == "dat" and low[1] == "laatste" and k == 2)
        if not opener and 1 <= k <= 6 and _is_cap(toks[0]) and toks[0] not in ("Dat", "Die", "Dit") and \
                all(t != Q and t not in ",:;" and t.lower() not in lex.single_verbs for t in toks[:k]) and \
                not (_is_cap(toks[0]) and toks[0] not in _STOP_CAPS and k == 1):
            # a fronted phrase, then the verb (Dutch verb second): Tegen de NOS zei X, Daarop zei ze, Zelf vindt X
            skip = 1 if toks[0] in ("Ook", "En", "Maar", "Zelfs") else 0
            fronted = _parse_np(toks, skip, lex)
            opener = before not in ("dat", "die", "als", "of", "omdat", "nadat", "toen") and not (
                fronted and fronted.end >= k)  # "De Fraudehelpdesk adviseert": a subject, not a fronted phrase
        if not opener and before == ",":
            opener = True
        if not opener or k == 0 and low[k] not in ("aldus",):
            continue
        m = k + 1
        while m < n and low[m] in ("ook", "nu", "dan", "daarop", "zondag", "maandag", "dinsdag", "woensdag",
                                   "donderdag", "vrijdag", "zaterdag", "gisteren", "vandaag"):
            m += 1
        np = _parse_np(toks, m, lex, after_verb=True)
        if np and (np.name or np.roles or np.pronoun):
            if v[0] == "aldus" or before != "," or k + 1 < n:
                hits.append(_Hit(np, v[0], "inverted", negated=_negated(toks, np.end - 1)))
    # volgens X / op basis van X
    for k in range(n):
        if low[k] == "volgens" or low[k] == "basis" and k and low[k - 1] == "op" and k + 1 < n and low[k + 1] == "van":
            np = _parse_np(toks, k + (2 if low[k] == "basis" else 1), lex)
            if np:
                hits.append(_Hit(np, "volgens", "volgens", doc=_doc_phrase(toks, np)))
    # subject: X zei dat / X liet weten / X noemt het "…" / X heeft ... opgeroepen
    start = 0
    while start < n and toks[start] in ("Ook", "En", "Maar", "Zelf", "Daarna", "Intussen"):
        start += 1
    np = _parse_np(toks, start, lex)
    if np:
        k = np.end
        if k < n and toks[k] == "," and not np.name == "":
            close = next((m for m in range(k + 1, min(n, k + 14)) if toks[m] == ","), None)
            if close is not None:
                k = close + 1  # an apposition: Jake Sullivan, de nationale veiligheidsadviseur ...,
        while k < n and low[k] in ("ook", "al", "nu", "zelf", "daarop", "maandag", "dinsdag", "woensdag",
                                   "donderdag", "vrijdag", "zaterdag", "zondag"):
            k += 1
        v = _verb_at(toks, k, lex)
        if v:
            negated = _negated(toks, k)
            verb = v[0]
            if negated:  # "Hij bevestigde ze niet, maar waarschuwde": the verb that is not denied
                later = next((_verb_at(toks, m, lex) for m in range(k + 2, n)
                              if low[m - 1] in ("maar", ",") and _verb_at(toks, m, lex)), None)
                if later:
                    verb, negated = later[0], False
            hits.append(_Hit(np, verb, "subject", negated=negated))
        elif k < n and low[k] in ("heeft", "hebben", "had", "hadden"):
            for m in range(k + 1, min(n, k + 9)):
                part = next((p for p in lex.participles if " ".join(low[m:m + len(p.split())]) == p), None)
                if part:
                    hits.append(_Hit(np, part, "participle"))
                    break
                if toks[m] in (Q, ",", "."):
                    break
        elif k < n and low[k] in ("wil", "willen") and k + 2 < n and low[k + 1] == "dat" and \
                low[k + 2] not in ("niet", "ook", "wel", "graag"):
            hits.append(_Hit(np, "wil dat", "subject"))
        elif k < n and low[k] in ("wil", "wilde", "willen", "wilden") and "niet" in low[k + 1:k + 3]:
            pass
        elif k + 1 < n and low[k] in ("zegt", "zei") and low[k + 1] == "te":
            hits.append(_Hit(np, low[k], "subject"))
    return [h for h in hits if not h.negated]


def _doc_phrase(toks: list[str], np: _NP) -> str:
    words = [t for t in toks[np.start:np.end] if t not in ("(", ")")]
    text = " ".join(words)
    return re.sub(r"\s+([,.])", r"\1", text)


# --------------------------------------------------------------------------
# the engine


@dataclass(frozen=True)
class Statement:
    """One quotation or attribution.

    Attributes
    ----------
    paragraph, sentence : int
        1-based numbers (the sentence that holds the start of the quotation).
    kind : str
        One of :data:`KINDS`.
    quote : str
        The words inside the marks ("" for an indirect statement).
    start, end : int
        Character offsets in the paragraph: the quotation with its marks, or
        the sentence of an indirect statement.
    speaker : str or None
        Canonical name of the source (a person's full name, an
        organisation, or the description of an anonymous source).
    mention : str or None
        The speaker as the text writes it where it was found ("Sullivan").
    rule : str
        How the speaker was found (:data:`RULES`).
    pattern : str
        The attribution pattern (after, colon, inverted, subject,
        participle, volgens, zo, source), or "".
    verb : str
        The speech verb, *volgens*, *blijkt uit* or ":".
    named : bool
        True for a source on the record by name (a person or an
        organisation), False for a description or a pronoun without
        antecedent.
    type : str
        One of :data:`SOURCE_TYPES`.
    text : str
        The sentence (frame) as written.
    """

    paragraph: int
    sentence: int
    kind: str
    quote: str
    start: int
    end: int
    speaker: str | None
    mention: str | None
    rule: str
    pattern: str
    verb: str
    named: bool
    type: str
    text: str


@dataclass
class _Source:
    key: str
    name: str
    named: bool
    type: str
    person: bool
    roles: set[str]
    surnames: set[str]


class _Sources:
    """The sources met so far in an article: aliases merged, pronouns and role words resolved."""

    def __init__(self, lex: Lexicon, actors: dict[str, tuple[str, str, str]]) -> None:
        self.lex = lex
        self.actors = actors  # lower alias -> (actor, kind, role)
        self.by_key: dict[str, _Source] = {}
        self.people: list[tuple[int, int, str]] = []  # (frame number, position, person) in text order
        self.last_org: tuple[int, _Source] | None = None
        self.last_guess: tuple[int, _Source] | None = None  # a name taken for a person without a role word
        self.last_group: tuple[int, _Source] | None = None  # the last group (bewoners, ingewijden)

    def person_for(self, name: str) -> str | None:
        """The known person a short name (*Van Dijk*, *Sullivan*) refers to."""
        low = name.lower()
        for src in self.by_key.values():
            if src.person and (src.name.lower() == low or src.name.lower().endswith(" " + low)):
                return src.name
        return None

    def resolve(self, np: _NP, frame_no: int, doc: str = "", plural: bool = False) -> tuple[_Source | None, str, str]:
        """(source, mention, rule) of a speaker phrase (``plural``: its verb is plural)."""
        lex = self.lex
        if np.pronoun:
            if plural:  # "Zij vrezen": the group named before, never a single person
                if self.last_group and self.last_group[0] >= frame_no - 2:
                    return self.last_group[1], np.text, "pronoun"
                return None, np.text, "none"
            if np.pronoun in _PRONOUNS:
                earlier = [p for p in self.people if p[0] < frame_no] or [p for p in self.people if p[0] == frame_no]
                if earlier:
                    last_frame = max(p[0] for p in earlier)
                    person = next(p[2] for p in earlier if p[0] == last_frame)
                    src = self.by_key[person.lower()]
                    return src, src.name, "pronoun"
            return None, np.text, "none"
        head = np.roles[-1] if np.roles else None
        if head and head[2] == "statement" and np.affiliation:
            # "in een verklaring van het ministerie": the ministry speaks
            inner = _parse_np(_TOKEN.findall(np.affiliation), 0, lex)
            if inner is not None and (inner.name or inner.roles):
                return self.resolve(inner, frame_no)
        if head and head[2] == "statement":
            return None, np.text, "none"
        if doc and head and head[2] == "document":
            name = re.sub(r"^(?:[Ee]en|[Dd]e|[Hh]et)\s+", "", doc)
            return self.add(name.lower(), name, bool(np.name or np.affiliation and re.search(r"[A-Z]", np.affiliation)),
                            "document", False, np), name, "named"
        if np.name:
            actor = self.actors.get(np.name.lower()) or self.actors.get(re.sub(r"^(?:de|het)\s+", "", np.name.lower()))
            kind = actor[1] if actor else ""
            name = actor[0] if actor else np.name
            person = kind == "person" or (kind == "" and self._looks_like_person(np))
            if person:
                name = self.person_for(name) or name
            head = np.roles[-1] if np.roles else None
            if head and head[0] in _NAME_ROLES and np.start < len(np.text) and not person and \
                    np.text.lower().find(head[0]) < np.text.find(np.name):
                name = f"{head[0]} {np.name}"  # gemeente Utrecht, provincie Overijssel
            if not np.roles and actor and actor[2]:
                role = self.lex.role(actor[2])
                np.roles.append(role) if role else None
            type_ = self.classify(np, kind)
            if type_ == "unknown" and not person and kind != "group":
                type_ = "organisation"
            src = self.add(name.lower(), name, True, type_, person, np)
            if person:
                self.people.append((frame_no, np.start, src.key))
                if not src.roles and kind != "person":
                    self.last_guess = (frame_no, src)
            else:
                self.last_org = (frame_no, src)
            return src, np.name, "named"
        # a description without a name
        if head and head[2] == "spokesperson" and not np.affiliation and np.det == "een":
            guess = self.last_guess if self.last_guess and self.last_guess[0] >= frame_no - 1 else None
            if self.last_org and self.last_org[0] >= frame_no - 1 and not (guess and guess[0] > self.last_org[0]):
                return self.last_org[1], np.text, "organisation"
            if guess:  # "Bite Back vindt ... ", aldus een woordvoerder: Bite Back is an organisation
                src = guess[1]
                src.person = False
                if src.type == "unknown":
                    src.type = "organisation"
                self.people = [p for p in self.people if p[2] != src.key]
                return src, np.text, "organisation"
        if np.det in ("de", "het") and head and not np.affiliation and not np.mods:
            for src in reversed(list(self.by_key.values())):
                if head[0] in src.roles and src.named:
                    return src, np.text, "role"
            if head[2] == "spokesperson":  # "aldus de zegsvrouw" after "een woordvoerster van het OM"
                for src in reversed(list(self.by_key.values())):
                    if any(self.lex.roles.get(r, ("", ""))[1] == "spokesperson" for r in src.roles):
                        return src, np.text, "role"
            if head[2] == "institution" and self.last_org and self.last_org[0] >= frame_no - 1 and \
                    head[0] not in self.last_org[1].key:
                return self.last_org[1], np.text, "role"
        text = np.text
        key = re.sub(r"^(?:een|de|het)\s+", "", text.lower())
        affiliated = self.actors.get(re.sub(r"^(?:de|het)\s+", "", np.affiliation.lower())) if np.affiliation else None
        if head and head[2] in ("spokesperson", "group") and affiliated and affiliated[1] in ("media", "country"):
            # een woordvoerder van de NOS: the type of what they speak for, from the actor finder
            src = self.add(key, text[0].lower() + text[1:], False, "media" if affiliated[1] == "media" else
                           "official", False, np)
            self.people.append((frame_no, np.start, src.key))
            return src, text, "anonymous"
        if head and head[2] == "institution":
            src = self.add(key, re.sub(r"^(?:[Dd]e|[Hh]et)\s+", "", text), True, self.classify(np, ""), False, np)
            self.last_org = (frame_no, src)
            return src, text, "named"
        first = text.split()[0]
        lower = bool(np.det) or lex.role(first) is not None
        src = self.add(key, text[0].lower() + text[1:] if lower else text, False, self.classify(np, ""), False, np)
        if head and head[2] in ("person", "spokesperson"):
            self.people.append((frame_no, np.start, src.key))
        elif head and head[2] == "group":
            self.last_group = (frame_no, src)
        return src, text, "anonymous"

    def _looks_like_person(self, np: _NP) -> bool:
        head = np.roles[-1] if np.roles else None
        if head and head[2] in ("institution", "document", "group"):
            return False
        if head and head[2] in ("person", "spokesperson"):
            return True
        words = np.name.split()
        if words[0] in ("De", "Het", "Den") and len(words) == 2:
            return self.person_for(np.name) is not None
        if any(w.lower() in _ORG_WORDS or w.lower().endswith(_ORG_SUFFIXES) for w in words):
            return False
        if len(words) >= 2 and not any(w.isupper() for w in words):
            return True
        return self.person_for(np.name) is not None

    def classify(self, np: _NP, kind: str) -> str:
        return classify_source(np.roles, np.name, np.affiliation, kind, self.lex)

    def add(self, key: str, name: str, named: bool, type_: str, person: bool, np: _NP) -> _Source:
        src = self.by_key.get(key)
        if src is None:
            src = _Source(key, name, named, type_, person, set(), set())
            self.by_key[key] = src
        elif src.type == "unknown":
            src.type = type_
        src.roles.update(r[0] for r in np.roles)
        return src


def _phrase(np: _NP) -> str:
    parts = [np.det] if np.det else []
    parts += np.mods + [r[0] for r in np.roles]
    if np.affiliation:
        parts += ["van" if not np.affiliation.split()[0][0].isupper() else "", np.affiliation]
    return " ".join(p for p in parts if p)


def classify_source(roles: list[tuple[str, str, str]], name: str, affiliation: str, kind: str,
                    lexicon: Lexicon | None = None) -> str:
    """The type of a source, from the words the text uses for it.

    Parameters
    ----------
    roles : list of (term, type, entity)
        The role words before the name (from the lexicon).
    name : str
        The name ("" for a description).
    affiliation : str
        What follows *van* / *bij* / *binnen* ("het ministerie", "de politie").
    kind : str
        The actor finder's kind (country, media, organisation, person, "").
    lexicon : Lexicon, optional

    Returns
    -------
    str
        One of :data:`SOURCE_TYPES`. A spokesperson takes the type of what
        they speak for; a group (*ingewijden*) takes the type of its
        affiliation; an organisation's name words (*-bond*, *vereniging*,
        *ministerie*) decide when there is no role word; countries are
        official and outlets media.
    """
    lex = lexicon or load_lexicon()

    def of_words(text: str) -> str | None:
        for word in re.findall(r"[\w\-]+", text):
            role = lex.role(word)
            if role and role[2] in ("institution", "group") and role[1] != "unknown":
                return role[1]
        return None

    for term, type_, entity in reversed(roles):
        if entity in ("spokesperson", "group") or type_ == "unknown":
            inner = of_words(affiliation) or of_words(name)
            if inner:
                return inner
            if type_ != "unknown":  # a spokesperson of a company, or from the compound: politiewoordvoerder
                return type_
            continue
        return type_
    if kind == "country":
        return "official"
    if kind == "media":
        return "media"
    inner = of_words(name) or of_words(affiliation)
    if inner:
        return inner
    if kind == "organisation":
        return "organisation"
    if kind == "person":
        return "unknown"
    return "unknown"


def list_actors(article: Article) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The actor finder's actors as plain tuples, once per article (cached).

    Returns
    -------
    tuple of tuple
        ``(actor, kind, role, aliases)`` for every actor of
        :func:`course.analysis.reading.find_actors`, in its order.
    """
    return _cached_actors(article)


@lru_cache(maxsize=64)
def _cached_actors(article: Article) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    from .reading import find_actors

    return tuple((row.actor, row.kind, row.role or "", tuple(row.aliases))
                 for row in find_actors(article).itertuples())


def _actor_aliases(article: Article) -> tuple[dict[str, tuple[str, str, str]], list[tuple[int, int, str]]]:
    """Aliases of the actor finder (lower alias -> (actor, kind, role)) and the mentions of people
    as (paragraph, offset, actor), in text order."""
    aliases: dict[str, tuple[str, str, str]] = {}
    people: dict[str, str] = {}
    for actor, kind, role, names in list_actors(article):
        if kind in ("place", "event", "other"):
            continue
        for name in names:
            aliases[name.lower()] = (actor, kind, role)
            if kind == "person":
                people[name] = actor
    mentions: list[tuple[int, int, str]] = []
    if people:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(people, key=len, reverse=True))
                             + r")(?!\w)")
        for para in article.paragraphs:
            mentions.extend((para.index, m.start(), people[m.group(0)]) for m in pattern.finditer(para.text))
    return aliases, mentions


def list_statements(article: Article, lexicon: Lexicon | None = None) -> list[Statement]:
    """Every quotation and attribution of an article, in text order.

    Parameters
    ----------
    article : Article
    lexicon : Lexicon, optional
        The vocabularies (the course's data files by default).

    Returns
    -------
    list of Statement
    """
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article (from load_article), got {type(article).__name__}")
    return list(_cached_statements(article, lexicon or load_lexicon()))


@lru_cache(maxsize=64)
def _cached_statements(article: Article, lex: Lexicon) -> tuple[Statement, ...]:
    return tuple(_statements(article, lex))


def _sentence_of(article: Article, paragraph: int, offset: int) -> int:
    sentences = article.sentences_in(paragraph)
    for s in sentences:
        if s.start <= offset < s.end:
            return s.index
    before = [s for s in sentences if s.start <= offset]
    return (before[-1] if before else sentences[0]).index


def _statements(article: Article, lex: Lexicon) -> list[Statement]:
    aliases, person_mentions = _actor_aliases(article)
    sources = _Sources(lex, aliases)
    out: list[Statement] = []
    frame_no = 0
    last_quoted: tuple[_Source, str] | None = None  # speaker of the last quotation
    open_quote = False  # the last paragraph ended inside a quotation
    last_para_quoted = False  # the last paragraph ended with a quotation of a known speaker
    prev_start = 0  # where the statements of the frame before begin
    for para in article.paragraphs:
        text = para.text
        spans = list_quote_spans(text)
        frames = _frames(text, spans, para.index)
        # (source, mention, had a quotation with a speaker) of the earlier frames of this paragraph
        previous: list[tuple[_Source | None, str, bool]] = []
        for f_i, frame in enumerate(frames):
            frame_no += 1
            toks = _TOKEN.findall(frame.masked)
            hits = _attributions(frame, lex)
            first_out = len(out)
            speakers: list[tuple[_Source | None, str, str, _Hit]] = []
            for hit in hits:
                names = [hit.np] if hit.np else []
                if hit.np and hit.np.coordinated:
                    for other in hit.np.coordinated:
                        names.append(_NP(hit.np.start, hit.np.end, name=other))
                for np in names:
                    plural = bool(np.pronoun in ("zij", "ze") and hit.verb.split()[0].endswith("en")
                                  and hit.verb not in ("aldus",))
                    src, mention, rule = sources.resolve(np, frame_no, hit.doc if hit.pattern in ("source", "volgens")
                                                         else "", plural)
                    if src is not None:
                        speakers.append((src, mention, rule, hit))
            # a subject without a speech verb still tells who the next quotation may be about
            subject = _parse_np(toks, 1 if toks and toks[0] in ("Ook", "En", "Maar", "Zelf") else 0, lex)
            subject_src = None
            if subject and not speakers and (subject.name or subject.pronoun or subject.roles and
                                             subject.roles[-1][2] in ("person", "spokesperson", "group")):
                if subject.pronoun or subject.name and sources._looks_like_person(subject) or subject.roles:
                    s, m, r = sources.resolve(subject, frame_no)
                    if s is not None and (s.person or not s.named):
                        subject_src = (s, m)
            only_quotes = bool(frame.quotes) and not re.sub(rf"[\s{Q}.,;:!?]|\b(?:Maar|En|Want|Of)\b", "",
                                                           frame.masked)
            seen: set[str] = set()
            for src, mention, rule, hit in speakers:
                if frame.quotes and hit.pattern in ("after", "colon", "subject", "inverted", "volgens"):
                    continue
                if src.key in seen:
                    continue
                seen.add(src.key)
                out.append(Statement(para.index, _sentence_of(article, para.index, frame.start), "indirect", "",
                                     frame.start, frame.end, src.name, mention, rule, hit.pattern, hit.verb,
                                     src.named, src.type, text[frame.start:frame.end]))
            quote_speakers = [s for s in speakers if s[3].pattern in ("after", "colon", "subject", "inverted",
                                                                      "volgens")]
            quote_speakers.sort(key=lambda s: ("after", "colon", "inverted", "subject", "volgens").index(s[3].pattern))
            for q_i in frame.quotes:
                start, end, inner, closed = spans[q_i]
                who: tuple[_Source, str] | None = None
                rule, pattern, verb = "none", "", ""
                if quote_speakers:
                    src, mention, rule, hit = quote_speakers[0]
                    who, pattern, verb = (src, mention), hit.pattern, hit.verb
                elif only_quotes and f_i == 0 and open_quote and last_quoted:
                    who, rule = last_quoted, "continued"
                elif only_quotes and f_i > 0 and previous and previous[-1][2] and last_quoted:
                    who, rule = last_quoted, "continued"
                elif only_quotes and any(p[0] is not None for p in previous[-2:]):
                    # the speaker in one of the two sentences before: "..., zegt de woordvoerder. In zijn
                    # woning werd niets gevonden. ,,Hij zit nog vast.”"
                    near = next(p for p in reversed(previous[-2:]) if p[0] is not None)
                    who, rule = (near[0], near[1]), "previous"
                elif only_quotes and f_i == 0 and last_quoted and last_para_quoted:
                    who, rule = last_quoted, "continued"
                first = frame.quotes[0] == q_i
                lead = frame.masked[:frame.masked.index(Q)].rstrip() if first else ""
                full = (inner[:1].isupper() or inner[:1].isdigit()) and (
                    first and (not lead or lead.endswith(":") or re.fullmatch(r"(?:Maar|En|Want)\s*:?", lead))
                    or only_quotes)
                after_split = not first and quote_speakers and quote_speakers[0][3].pattern == "after"
                agreeing = any(t.lower() in _AGREEING for t in toks)
                if who is not None:
                    kind = "direct" if full or after_split and inner[:1].islower() else "partial"
                elif full:
                    kind = "unattributed"
                elif agreeing:
                    kind, rule = "unattributed-partial", "agreeing"
                else:
                    kind = "scare"
                src = who[0] if who else None
                out.append(Statement(para.index, _sentence_of(article, para.index, start), kind, inner, start, end,
                                     src.name if src else None, who[1] if who else None, rule, pattern, verb,
                                     bool(src.named) if src else False, src.type if src else "unknown",
                                     text[frame.start:frame.end]))
                if kind in ("direct", "partial", "unattributed"):
                    last_quoted = who
            # "…", zei hij. Dat laatste zei kaderlid Kees Vink: the name comes in the next sentence
            later = next((sp for sp in speakers if sp[3].pattern == "inverted" and sp[2] == "named"), None)
            if later and not frame.quotes and toks and toks[0] in ("Dat", "Dit"):
                for i in range(prev_start, first_out):
                    st = out[i]
                    if st.kind != "indirect" and st.rule == "pronoun" and st.paragraph == para.index:
                        out[i] = replace(st, speaker=later[0].name, mention=later[1], rule="named",
                                         named=later[0].named, type=later[0].type)
                        last_quoted = (later[0], later[1])
            prev_start = first_out
            for p_no, offset, actor in person_mentions:
                if p_no == para.index and frame.start <= offset < frame.end and not any(
                        p[0] == frame_no for p in sources.people):
                    _, _, role = aliases.get(actor.lower(), (actor, "person", ""))
                    found = sources.lex.role(role) if role else None
                    known = sources.add(actor.lower(), actor, True, found[1] if found else "unknown", True,
                                        _NP(0, 0, roles=[found] if found else []))
                    known.person = True
                    sources.people.append((frame_no, offset, known.key))
            had_quote_speaker = bool(frame.quotes) and bool(quote_speakers or (out and out[-1].speaker))
            if speakers:
                previous.append((speakers[0][0], speakers[0][1], had_quote_speaker))
            elif subject_src:
                previous.append((subject_src[0], subject_src[1], had_quote_speaker))
            else:
                previous.append((None, "", had_quote_speaker))
        last_para_quoted = bool(frames) and bool(frames[-1].quotes) and frames[-1].masked.rstrip(" .").endswith(Q) \
            and bool(out) and out[-1].kind in ("direct", "unattributed") or bool(frames) and bool(
                frames[-1].quotes) and bool(out) and out[-1].kind == "direct" and out[-1].pattern == ""
        open_quote = bool(spans) and not spans[-1][3]
        if not spans:
            last_quoted = None if not any(s.paragraph == para.index for s in out) else last_quoted
    # what the whole article says about a source (its type, named) holds for all its statements
    final = {src.name: src for src in sources.by_key.values()}
    return [replace(s, type=final[s.speaker].type, named=final[s.speaker].named) if s.speaker in final else s
            for s in out]


def find_statements(article: Article, lexicon: Lexicon | None = None) -> "pd.DataFrame":
    """Every quotation and attribution of an article as a table.

    Parameters
    ----------
    article : Article
    lexicon : Lexicon, optional

    Returns
    -------
    pandas.DataFrame
        One row per statement, in text order; columns ``paragraph``,
        ``sentence``, ``kind`` (:data:`KINDS`), ``quote``, ``start``, ``end``
        (offsets in the paragraph), ``speaker``, ``mention``, ``rule``
        (:data:`RULES`), ``pattern``, ``verb``, ``named``, ``type``
        (:data:`SOURCE_TYPES`) and ``text`` (the sentence). Empty input
        gives an empty table with these columns.
    """
    from ..tables import typed_frame

    return typed_frame((s.__dict__ for s in list_statements(article, lexicon)), STATEMENT_COLUMNS)
