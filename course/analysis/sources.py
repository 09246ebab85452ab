"""Sources and quotations: who speaks in a news article, how, and on what basis.

Rule-based finders for Dutch news, written for this course (after the ideas,
not the code, of van Atteveldt et al. 2017). Quotations, attributions and
their speakers come from the one quotation engine, :mod:`course.analysis.quotations`;
this module turns them into the lesson's tables:

- :func:`find_quotations` — every quotation with its kind (direct, partial,
  scare quote), paragraph and speaker;
- :func:`find_attributions` — statements attributed without quotation marks
  (*volgens X*, *X zei*, *zo meldden X*, *aldus X* ...);
- :func:`find_sources` — one row per source: type, named or anonymous, side,
  and counts of direct, partial and indirect statements;
- :func:`find_voices`, :func:`list_silent_actors`, :func:`plot_voices` —
  whose voices are heard, and who is talked about but never speaks;
- :func:`build_source_network`, :func:`plot_source_network` — who reports
  what about whom;
- :func:`load_claims` — the article's main claims with their basis;
- :func:`load_lateral`, :func:`search_lateral` — an offline pack of dated,
  sourced facts from other coverage and official transcripts, for lateral
  reading (``data/lateral/<article stem>/facts.csv``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article
from .quotations import load_lexicon
from ..paths import data_path
from ..tables import typed_frame

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    from matplotlib.figure import Figure

DATA_DIR = data_path("sources")
#: The further example articles in the course format.
ARTICLES_DIR = DATA_DIR.parent / "articles"
#: The lateral-reading packs, one folder per article stem (``<stem>/facts.csv`` and ``<stem>/README.md``).
LATERAL_DIR = DATA_DIR.parent / "lateral"
#: The columns of a lateral-reading pack, in order.
LATERAL_COLUMNS = ("id", "paragraph", "claim", "date", "fact", "outlet", "title", "published", "url", "kind")
#: The kinds of source a pack row may have.
LATERAL_KINDS = ("official transcript", "official statement", "news agency report", "other coverage", "state media",
                 "article")

#: Source types, in the order tables and charts use.
SOURCE_TYPES = ("official", "expert", "media", "organisation", "citizen", "document", "unknown")

#: Finite speech verbs and verb phrases, from ``data/framing/speech_verbs.csv`` (the quotation engine's).
SPEECH_VERBS = load_lexicon().verbs

_SIDE_ADJECTIVES = {
    "amerikaanse": "VS", "chinese": "China", "russische": "Rusland", "oekraïense": "Oekraïne",
    "nederlandse": "Nederland",
}
_ROLE_TYPES = {
    "official": ("woordvoerder", "veiligheidsadviseur", "minister", "wethouder", "president", "ambassadeur",
                 "premier", "ambtenaar", "fractievoorzitter", "burgemeester", "leider", "bestuursvoorzitter",
                 "overheid", "ministerie", "gemeente", "oppositiepartij"),
    "expert": ("kenner", "hoogleraar", "analist", "onderzoeker", "deskundige", "econoom", "denktank"),
    "citizen": ("bewoner", "buurtbewoner", "schipper", "patiënt", "inwoner"),
    "document": ("rapport", "onderzoek", "studie", "enquête", "tweet"),
}
_KIND_TYPES = {"country": "official", "media": "media", "organisation": "organisation", "group": "unknown"}

QUOTATION_COLUMNS = {"paragraph": "int64", "sentence": "int64", "kind": "str", "quote": "str",
                     "speaker": "object", "rule": "str", "start": "int64", "end": "int64"}
ATTRIBUTION_COLUMNS = {"paragraph": "int64", "sentence": "int64", "speaker": "str", "verb": "str",
                       "named": "bool", "text": "str"}
SOURCE_COLUMNS = {"source": "str", "type": "str", "named": "bool", "side": "str", "direct": "int64",
                  "partial": "int64", "indirect": "int64", "statements": "int64", "paragraphs": "object"}


def _check(article: Any) -> Article:
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article (from load_article), got {type(article).__name__}")
    return article


@dataclass
class _Actors:
    alias: dict[str, tuple[str, str, str]]  # lower alias -> (actor, kind, role)
    surname: dict[str, str]  # lower last word -> person actor


def _actors(article: Article) -> _Actors:
    """Aliases and surnames of the article's actors (cached per article; treat as read-only)."""
    return _cached_actors(article)


@lru_cache(maxsize=32)
def _cached_actors(article: Article) -> _Actors:
    from .quotations import list_actors

    alias: dict[str, tuple[str, str, str]] = {}
    surname: dict[str, str] = {}
    for actor, kind, role, aliases in list_actors(article):  # the actor finder, shared with the engine
        for name in aliases:
            alias[name.lower()] = (actor, kind, role)
        if kind == "person":
            surname[actor.split()[-1].lower()] = actor
    return _Actors(alias, surname)


def _statements(article: Article, actors: _Actors | None = None) -> list[dict[str, Any]]:
    """Every quotation and attribution from the quotation engine, one dict each (fresh dicts on every call).

    Kinds are the engine's (:data:`course.analysis.quotations.KINDS`); ``type`` is the
    engine's type from the text, or from the actor finder's role word when
    the text around the statement gives none.
    """
    from .quotations import list_statements

    article = _check(article)
    actors = actors or _actors(article)
    rows = []
    for s in list_statements(article):
        row = dict(s.__dict__)
        row["named"] = bool(s.named) if s.speaker is not None else False
        if s.speaker is not None and s.type == "unknown":
            _, kind, role = actors.alias.get(s.speaker.lower(), (s.speaker, "", ""))
            row["type"] = _source_type(s.speaker, s.named, kind, role, s.text)
        rows.append(row)
    return rows


def find_quotations(article: Article) -> "pd.DataFrame":
    """Find every quotation of an article, its kind and its speaker (a view of the quotation engine).

    A quotation in “double curly”, „low”, ,,double comma”, ‘single curly’,
    "straight" or 'straight single' marks is

    - ``direct`` when it is a full sentence said by someone (it opens the
      sentence, follows ``Name:``, or is the whole sentence);
    - ``partial`` when it is a fragment inside a sentence that attributes it
      to someone (*volgens hem ‘...’*, *noemt het plan "..."*);
    - ``scare`` when nobody in the sentence is said to have spoken it;
    - ``unattributed`` when it is a full sentence nobody is said to speak;
    - ``unattributed-partial`` when it is a fragment after a verb of
      agreeing (*beklonken hun ‘ijzersterke vriendschap’*): the subjects may
      have used the words, or the journalist may be keeping a distance.

    See :mod:`course.analysis.quotations` for the attribution patterns and rules.

    Returns
    -------
    pandas.DataFrame
        Columns ``paragraph``, ``sentence`` (1-based), ``kind``, ``quote``
        (without marks), ``speaker`` (canonical name, or None), ``rule``
        (how the speaker was found: :data:`course.analysis.quotations.RULES`), and
        ``start``, ``end`` (offsets of the quotation, marks included, in its
        paragraph).
    """
    rows = [r for r in _statements(article) if r["kind"] != "indirect"]
    return typed_frame(rows, QUOTATION_COLUMNS)


def find_attributions(article: Article) -> "pd.DataFrame":
    """Find statements attributed without quotation marks (indirect speech).

    Returns
    -------
    pandas.DataFrame
        Columns ``paragraph``, ``sentence``, ``speaker`` (canonical name or
        the phrase that describes an anonymous source), ``verb`` (the speech
        verb, or *volgens* / *aldus*), ``named`` and ``text`` (the sentence).
    """
    rows = [r for r in _statements(article) if r["kind"] == "indirect"]
    return typed_frame(rows, ATTRIBUTION_COLUMNS)


def _source_type(name: str, named: bool, kind: str, role: str, context: str) -> str:
    words = f"{role} {name if not named else ''}".lower()
    for kind_name in ("official", "expert", "citizen", "document"):
        if any(w in words for w in _ROLE_TYPES[kind_name]):
            return kind_name
    if kind in _KIND_TYPES:
        return _KIND_TYPES[kind]
    if kind == "person":
        return "unknown"
    if re.search(r"vereniging|bond|partij|bedrijf|organisatie", name, re.IGNORECASE):
        return "organisation"
    return "unknown"


def _side(name: str, named: bool, kind: str, article: Article, paragraph: int) -> str:
    """The country or affiliation the text gives for a source, or ""."""
    if kind == "country":
        return name
    phrase = name.lower() if not named else ""
    if named and kind == "person":
        for sentence in article.sentences:
            at = sentence.text.find(name)
            if at >= 0:
                phrase = sentence.text[max(0, at - 40):at + len(name) + 80].lower()
                break
    for adjective, side in _SIDE_ADJECTIVES.items():
        if adjective in phrase:
            return side
    if named and kind == "person":
        m = re.search(r"van\s+(?:de\s+)?(denktank\s+|universiteit\s+)(\w+)", phrase)
        if m:
            return ("" if m.group(1).startswith("denktank") else "Universiteit ") + m.group(2).title()
        # the country that opens the paragraph (``China heeft ... zei woordvoerder Zhao``)
        first = article.paragraph(paragraph).text.split()[0]
        if first in set(_SIDE_ADJECTIVES.values()):
            return first
    return ""


def find_sources(article: Article) -> "pd.DataFrame":
    """One row per source of an article, aliases merged (:func:`list_sources` as a table).

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``type`` (one of :data:`SOURCE_TYPES`),
        ``named``, ``side`` (the country or affiliation the text gives, or
        ""), ``direct``, ``partial``, ``indirect`` (counts of statements;
        scare quotes have no source), ``statements`` (their sum) and
        ``paragraphs`` (sorted list). Sorted by first paragraph.
    """
    return typed_frame(list_sources(article), SOURCE_COLUMNS)


def list_sources(article: Article) -> list[dict[str, Any]]:
    """The rows of :func:`find_sources` as plain dicts (keys :data:`SOURCE_COLUMNS`), without building a table."""
    article = _check(article)
    actors = _actors(article)
    by_source: dict[str, dict[str, Any]] = {}
    for r in _statements(article, actors):
        if r["speaker"] is None:
            continue
        row = by_source.setdefault(r["speaker"], {"named": r["named"], "type": r["type"], "direct": 0, "partial": 0,
                                                  "indirect": 0, "paragraphs": [], "texts": []})
        row[r["kind"] if r["kind"] in ("direct", "partial") else "indirect" if r["kind"] == "indirect" else
            "partial"] += 1
        if r["paragraph"] not in row["paragraphs"]:
            row["paragraphs"].append(r["paragraph"])
        row["texts"].append(r["text"])
    rows = []
    for name, row in by_source.items():
        _, kind, role = actors.alias.get(name.lower(), (name, "", ""))
        rows.append({
            "source": name, "type": row["type"],
            "named": row["named"],
            "side": _side(name, row["named"], kind, article, row["paragraphs"][0]),
            "direct": row["direct"], "partial": row["partial"], "indirect": row["indirect"],
            "statements": row["direct"] + row["partial"] + row["indirect"], "paragraphs": sorted(row["paragraphs"]),
        })
    return rows


def find_voices(article: Article) -> "pd.DataFrame":
    """Statements per side: columns ``side``, ``direct``, ``partial``, ``indirect``, ``statements``.

    Sources without a side are grouped under their type (*media*, *expert* ...).
    """
    sources = find_sources(article)
    columns = {"side": "str", "direct": "int64", "partial": "int64", "indirect": "int64", "statements": "int64"}
    if sources.empty:
        return typed_frame([], columns)
    sources = sources.assign(side=sources["side"].where(sources["side"] != "", sources["type"]))
    table = sources.groupby("side", sort=False)[["direct", "partial", "indirect", "statements"]].sum()
    table = table.reset_index().sort_values(["statements", "side"], ascending=[False, True], ignore_index=True)
    return table.astype(columns)


def list_silent_actors(article: Article) -> list[str]:
    """Actors (people, countries, organisations) the article names who are never a source, in order of mention.

    Sources that are only an affiliation of a speaker (Brookings for Ryan Hass)
    or a channel (Twitter) are also silent: they are named, but do not speak.
    """
    from .reading import find_actors

    actors = find_actors(article)
    speaking = set(find_sources(article)["source"])
    actors = actors[actors["kind"].isin(["person", "country", "organisation", "media", "group"])]
    actors = actors.sort_values("first_paragraph", kind="stable")
    return [a for a in actors["actor"] if a not in speaking]


_OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")


def plot_voices(article: Article) -> "Figure":
    """Stacked horizontal bars: direct, partial and indirect statements per side."""
    import matplotlib.pyplot as plt
    from ..lesson import plots as _plots  # noqa: F401 - registers the alt-text formatter

    voices = find_voices(article).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.5 * max(len(voices), 2) + 1.2))
    left = [0] * len(voices)
    for column, colour in zip(("direct", "partial", "indirect"), (_OKABE_ITO[4], _OKABE_ITO[1], _OKABE_ITO[0])):
        values = voices[column].tolist()
        ax.barh(voices["side"], values, left=left, color=colour, label=column)
        left = [a + b for a, b in zip(left, values)]
    ax.set_xlabel("statements")
    ax.set_title("Whose voices are heard?")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    plt.close(fig)
    summary = ", ".join(f"{r.side} {r.statements}" for r in voices.iloc[::-1].itertuples())
    fig.alt_text = f"Bar chart of statements per side: {summary}."
    return fig


def build_source_network(article: Article) -> "nx.DiGraph":
    """A directed graph: an edge source → actor for each statement of a source in a sentence naming the actor.

    Edge attribute ``weight`` counts the statements; node attribute ``role`` is
    "source" for sources and "mentioned" for actors who only are talked about.
    """
    import networkx as nx

    from .reading import find_actor_mentions

    article = _check(article)
    graph = nx.DiGraph()
    mentions = find_actor_mentions(article)
    mentions = mentions[mentions["kind"].isin(["person", "country", "organisation", "media", "group"])]
    for r in _statements(article):
        if r["speaker"] is None:
            continue
        graph.add_node(r["speaker"], role="source")
        about = mentions.loc[mentions["sentence"] == r["sentence"], "actor"]
        for actor in dict.fromkeys(about):
            if actor == r["speaker"]:
                continue
            if actor not in graph:
                graph.add_node(actor, role="mentioned")
            weight = graph.edges[r["speaker"], actor]["weight"] + 1 if graph.has_edge(r["speaker"], actor) else 1
            graph.add_edge(r["speaker"], actor, weight=weight)
    return graph


def plot_source_network(article: Article) -> "Figure":
    """Draw :func:`build_source_network` with matplotlib: sources blue, the merely mentioned orange."""
    import matplotlib.pyplot as plt
    from ..lesson import plots as _plots  # noqa: F401 - registers the alt-text formatter
    import networkx as nx

    graph = build_source_network(article)
    fig, ax = plt.subplots(figsize=(8, 6))
    pos = nx.circular_layout(sorted(graph.nodes)) if graph else {}
    colours = [_OKABE_ITO[4] if graph.nodes[n]["role"] == "source" else _OKABE_ITO[0] for n in graph]
    labels = {n: n if len(n) <= 20 else n[:18] + "…" for n in graph}
    nx.draw_networkx(graph, pos=pos, ax=ax, labels=labels, node_color=colours, node_size=700, font_size=8,
                     arrowsize=12,
                     width=[graph.edges[e]["weight"] for e in graph.edges], edge_color="#777777")
    ax.margins(0.15)
    ax.set_title("Who speaks about whom (blue: source, orange: only mentioned)")
    ax.axis("off")
    fig.tight_layout()
    plt.close(fig)
    sources = sorted(n for n in graph if graph.nodes[n]["role"] == "source")
    fig.alt_text = f"Network of {graph.number_of_nodes()} actors and {graph.number_of_edges()} links; sources: " \
        + ", ".join(sources) + "."
    return fig


def claims_path(article: Article) -> Path:
    """Where the claims table of an article lives: ``data/sources/<stem>.claims.csv``."""
    return DATA_DIR / f"{Path(article.path).stem}.claims.csv"


def load_claims(article: Article, path: str | Path | None = None) -> "pd.DataFrame":
    """The article's main claims, read from a hand-made CSV.

    Returns
    -------
    pandas.DataFrame
        Columns ``claim`` (short id), ``paragraph``, ``statement`` (in
        English), ``made_by``, ``basis`` (what the claim rests on according
        to the article) and ``check`` (what a reader could check, and how).
    """
    import pandas as pd

    return pd.read_csv(path or claims_path(_check(article)), dtype={"paragraph": "int64"}, keep_default_na=False)


def lateral_path(article: Article | None = None) -> Path:
    """The lateral-reading pack of an article: ``data/lateral/<stem>/facts.csv`` (the seed's when None)."""
    from .article import SEED_PATH

    stem = Path(_check(article).path).stem if article is not None else SEED_PATH.stem
    return LATERAL_DIR / stem / "facts.csv"


def load_lateral(article: Article | None = None, path: str | Path | None = None) -> "pd.DataFrame":
    """The lateral-reading pack: facts from other coverage and official transcripts, each dated and sourced.

    The pack is written by the course authors, in their own words, with the
    source of every fact named (outlet, title, date, address); see the
    ``README.md`` beside it for how it was made and what it could not confirm.

    Parameters
    ----------
    article : Article, optional
        Whose pack to read; the seed article's by default.
    path : str or Path, optional
        Another pack file with the same columns (:data:`LATERAL_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LATERAL_COLUMNS`; ``paragraph`` is an int (0: the
        article as a whole), the other columns are text ("" when empty).
    """
    import pandas as pd

    return pd.read_csv(path or lateral_path(article), dtype=str, keep_default_na=False).astype(
        {"paragraph": "int64"})[list(LATERAL_COLUMNS)]


def _fold(text: str) -> str:
    """Lower case without diacritics: "Oekraïne" -> "oekraine"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: Words a lateral search ignores (English and Dutch function words).
_SEARCH_STOP = frozenset("""a an and are as at be by de did die een en for from had has het in is it of on or that the
to van voor was were what who with no not without""".split())


def _stems(query: str) -> list[str]:
    """The search words of a query: folded, stop words dropped, long words cut to a stem (*denied* -> *deni*)."""
    words = [w for w in re.findall(r"\w+", _fold(query)) if w not in _SEARCH_STOP and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(w[: max(4, len(w) - 2)] if len(w) > 5 else w for w in words))


def search_lateral(query: str, article: Article | None = None, path: str | Path | None = None) -> "pd.DataFrame":
    """Search the lateral-reading pack, offline: the rows that match most words of the query first.

    A row matches a query word when one of the words of its fact, outlet,
    title, claim or kind starts with it (case and diacritics ignored; words
    longer than five letters are cut to a stem, so *denied* also finds
    *denial*). Rows are sorted by the number of query words they match, then
    by date.

    Parameters
    ----------
    query : str
        A few words, as you would type them into a search box: ``"Kremlin denied"``.
    article, path
        Which pack to search (see :func:`load_lateral`); the seed article's by default.

    Returns
    -------
    pandas.DataFrame
        The matching rows of the pack (columns :data:`LATERAL_COLUMNS`) and
        ``matches``, the number of query words each row matched; empty (with
        the columns) when nothing matches.
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}")
    pack = load_lateral(article, path)
    stems = _stems(query)
    texts = (pack["fact"] + " " + pack["outlet"] + " " + pack["title"] + " " + pack["claim"] + " " + pack["kind"])
    words = [set(re.findall(r"\w+", _fold(t))) for t in texts]
    matches = [sum(any(w.startswith(s) for w in ws) for s in stems) for ws in words]
    found = pack.assign(matches=matches)
    found = found[found["matches"] > 0].sort_values(["matches", "date", "id"], ascending=[False, True, True],
                                                    kind="stable")
    return found.reset_index(drop=True).astype({"matches": "int64"})


def format_lateral(rows: "pd.DataFrame", limit: int | None = 8) -> str:
    """The rows of a pack (from :func:`search_lateral` or :func:`load_lateral`) as text to read, sources included.

    Parameters
    ----------
    rows : pandas.DataFrame
        Rows with the columns :data:`LATERAL_COLUMNS`.
    limit : int or None
        At most this many rows (the first ones); None for all.

    Returns
    -------
    str
        One block per row: id, date and paragraph, the fact, then its source
        (outlet, title, published, address and kind); "No facts found." for
        no rows.
    """
    if rows.empty:
        return "No facts found."
    shown = rows if limit is None else rows.head(limit)
    blocks = []
    for r in shown.itertuples():
        where = f"¶{r.paragraph}" if r.paragraph else "the whole article"
        claim = f", claim {r.claim}" if r.claim else ""
        blocks.append(f"{r.id} ({r.date}; {where}{claim})\n  {r.fact}\n  Source: {r.outlet}, \"{r.title}\", "
                      f"{r.published}, {r.url} [{r.kind}]")
    more = len(rows) - len(shown)
    return "\n\n".join(blocks) + (f"\n\n... and {more} more rows." if more > 0 else "")
