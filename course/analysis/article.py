"""The article model: read a plain-text Dutch news article into parts.

The plain-text format
---------------------
An article file is UTF-8 text (a byte-order mark is allowed and dropped):

* an optional date line ``date YYYY-MM``; it may stand on its own line or be
  glued to the start of the first paragraph, with or without leading spaces
  (the seed has `` date 2022-03 Rusland heeft …``);
* blocks separated by one or more blank lines; a block is a paragraph, and
  the lines inside one block are joined with a space (hard-wrapped text
  works);
* a *subheading* is a block of one short line (at most
  :data:`MAX_HEADING_WORDS` words and :data:`MAX_HEADING_CHARS` characters)
  that does not end in sentence punctuation (``. ! ? : ; ,`` or ``…``,
  optionally followed by a closing quotation mark). A short line that is
  all one quotation (``‘Geen spijt’``, a quoted intertitle) is a heading
  too. Every paragraph after a heading belongs to that heading's section;
* quotation marks may be “double curly”, ‘single curly’, „low“ or
  "straight"; the text is kept exactly as written.

Numbering
---------
Paragraphs and sentences are numbered from 1, the way a reader counts
("the second paragraph"), in the ``index`` fields and in the table columns.
Headings are not paragraphs. Python list positions stay 0-based:
``article.paragraphs[0].index == 1``; use :meth:`Article.paragraph` to get a
paragraph by its number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ._nlp import is_word, split_sentences, tokenize
from ..paths import seeds_dir

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The article every lesson reads (relative to the project root).
SEED_PATH = seeds_dir() / "000_79c815f5f65dac68.txt"
#: A heading has at most this many words ...
MAX_HEADING_WORDS = 12
#: ... and at most this many characters.
MAX_HEADING_CHARS = 90
#: Files larger than this are refused: no news article is 5 MB of plain text.
MAX_BYTES = 5_000_000

_DATE_RE = re.compile(r"^\s*date[ \t]+(\S+)[ \t]*(?:\n|[ \t]+|$)", re.IGNORECASE)
_VALID_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_FINAL_PUNCT = re.compile(r"[.!?:;,…][”’\"'»)]*$")
#: A line that is all one quotation: ‘…’, “…”, „…”, "…", '…' (a quoted intertitle).
_QUOTED_LINE = re.compile(r"[‘“„\"'«]([^‘’“”„\"'«»]+)[’”“\"'»]")


class ArticleError(ValueError):
    """An article file cannot be read; the message names the file and the problem.

    Attributes
    ----------
    path : str
        The file (or ``"<text>"`` for text given directly).
    problem : str
        What is wrong, in one line.
    line : int or None
        The 1-based line number where the problem is, when there is one.
    """

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}, line {line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Heading:
    """A subheading.

    Attributes
    ----------
    index : int
        1-based number of the heading.
    text : str
        The heading as written.
    first_paragraph : int or None
        Number of the first paragraph under it (None if none follows).
    """

    index: int
    text: str
    first_paragraph: int | None


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body.

    Attributes
    ----------
    index : int
        1-based number of the sentence in the whole article.
    paragraph : int
        Number of the paragraph it belongs to.
    text : str
        The sentence, quotation marks included.
    start, end : int
        Character offsets of the sentence in its paragraph's text.
    """

    index: int
    paragraph: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph (headings and the date line are not paragraphs).

    Attributes
    ----------
    index : int
        1-based number of the paragraph.
    section : str or None
        The heading the paragraph falls under; None before the first heading.
    text : str
        The paragraph text (lines joined, date line removed).
    line : int
        1-based line of the file where the paragraph starts.
    """

    index: int
    section: str | None
    text: str
    line: int


@dataclass(frozen=True)
class Article:
    """A parsed article.

    Attributes
    ----------
    path : str
        Where it was read from (``"<text>"`` if parsed from a string).
    date : str or None
        The ``YYYY-MM`` date from the date line, or None when there is none.
    headings : tuple of Heading
        Subheadings in order.
    paragraphs : tuple of Paragraph
        Body paragraphs in order.
    sentences : tuple of Sentence
        Sentences of all paragraphs in order.
    """

    path: str
    date: str | None
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...] = field(repr=False)

    @property
    def heading_texts(self) -> list[str]:
        """The headings as plain strings, in order."""
        return [h.text for h in self.headings]

    @property
    def text(self) -> str:
        """The body paragraphs joined by blank lines (no date line, no headings)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def paragraph(self, number: int) -> Paragraph:
        """Return the paragraph with this 1-based number.

        Raises
        ------
        IndexError
            When there is no such paragraph.
        """
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(
                f"paragraph {number} does not exist: paragraphs are numbered 1 to {len(self.paragraphs)}"
            )
        return self.paragraphs[number - 1]

    def sentences_in(self, paragraph: int) -> list[Sentence]:
        """Return the sentences of the paragraph with this 1-based number."""
        return [s for s in self.sentences if s.paragraph == paragraph]

    def section_of(self, paragraph: int) -> str | None:
        """Return the heading a paragraph falls under (None before the first)."""
        return self.paragraph(paragraph).section

    @property
    def paragraph_table(self) -> "pd.DataFrame":
        """One row per body paragraph.

        Columns
        -------
        paragraph : int
            1-based paragraph number.
        section : str
            Heading the paragraph falls under; missing (NaN/None) before the first heading.
        text : str
            Paragraph text.
        sentences : int
            Number of sentences.
        words : int
            Number of words (tokens with a letter or digit).
        """
        import pandas as pd

        rows = [
            {
                "paragraph": p.index,
                "section": p.section,
                "text": p.text,
                "sentences": len(self.sentences_in(p.index)),
                "words": sum(is_word(t) for t in tokenize(p.text)),
            }
            for p in self.paragraphs
        ]
        return pd.DataFrame(rows, columns=["paragraph", "section", "text", "sentences", "words"])

    @property
    def sentence_table(self) -> "pd.DataFrame":
        """One row per sentence.

        Columns
        -------
        sentence : int
            1-based sentence number in the article.
        paragraph : int
            Paragraph number the sentence belongs to.
        section : str
            Heading of that paragraph (missing before the first heading).
        text : str
            Sentence text.
        words : int
            Number of words (tokens with a letter or digit).
        """
        import pandas as pd

        sections = {p.index: p.section for p in self.paragraphs}
        rows = [
            {
                "sentence": s.index,
                "paragraph": s.paragraph,
                "section": sections[s.paragraph],
                "text": s.text,
                "words": sum(is_word(t) for t in tokenize(s.text)),
            }
            for s in self.sentences
        ]
        return pd.DataFrame(rows, columns=["sentence", "paragraph", "section", "text", "words"])


def load_article(path: str | Path = SEED_PATH) -> Article:
    """Read an article file in the plain-text format.

    Parameters
    ----------
    path : str or Path, optional
        The file; by default the seed article of the course.

    Returns
    -------
    Article
        Date, headings, paragraphs and sentences.

    Raises
    ------
    ArticleError
        When the file is missing, a folder, empty, too large, binary, not
        UTF-8, or has no body text. The message names the file (and the line
        where that helps) and the problem.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ArticleError(name, "file not found")
    if p.is_dir():
        raise ArticleError(name, "is a folder, not an article file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(name, f"file is too large for an article ({size:,} bytes; at most {MAX_BYTES:,})")
        data = p.read_bytes()
    except PermissionError:
        raise ArticleError(name, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise ArticleError(name, f"cannot be read ({exc.strerror or exc})") from None
    return parse_article(decode_article_bytes(data, name), name)


#: What a reader of :class:`ArticleError` is told for each :class:`course.decoding.DecodeProblem` kind.
_ARTICLE_DECODE_MESSAGES = {
    "empty": "file is empty",
    "blank": "file holds only white space",
    "utf16": "text is encoded as UTF-16; save it as UTF-8",
    "binary": "is a binary file, not plain text (it contains NUL bytes)",
    "not_utf8": "bytes are not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
}


def decode_article_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of an article file as UTF-8, with clear errors.

    Parameters
    ----------
    data : bytes
        The file content.
    name : str
        File name used in error messages.

    Returns
    -------
    str
        The text, with a UTF-8 byte-order mark removed and line endings
        normalised to ``\\n``.

    Raises
    ------
    ArticleError
        Empty file, UTF-16/32 text, binary data, or bytes that are not UTF-8.
    """
    from ..decoding import DecodeProblem, decode_text

    try:
        text = decode_text(data)
    except DecodeProblem as problem:
        raise ArticleError(name, _ARTICLE_DECODE_MESSAGES[problem.kind].format(byte=problem.byte),
                           problem.line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = [c for c in text if ord(c) < 32 and c not in "\n\t"]
    if len(control) > max(8, len(text) // 100):
        raise ArticleError(name, "looks like a binary file, not plain text (many control characters)")
    return text


def parse_article(text: str, path: str = "<text>") -> Article:
    """Parse article text in the plain-text format (see the module docstring).

    Parameters
    ----------
    text : str
        The whole file content.
    path : str, optional
        Name used in the returned article and in error messages.

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        For an empty text, an invalid date line, or no body text.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(path, "file is empty")
    date, body, body_line = _split_date(text, path)
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    pending_headings: list[tuple[int, str]] = []
    section: str | None = None
    for line, block in _blocks(body, body_line):
        if _is_heading(block):
            pending_headings.append((len(headings), block))
            headings.append(Heading(len(headings) + 1, block, None))
            section = block
            continue
        number = len(paragraphs) + 1
        for pos, htext in pending_headings:
            headings[pos] = Heading(pos + 1, htext, number)
        pending_headings = []
        paragraphs.append(Paragraph(number, section, block, line))
    if not paragraphs:
        what = "only a date line" if date and not headings else "only headings" if headings else "no text"
        raise ArticleError(path, f"no body text: the file holds {what}, no paragraph")
    sentences: list[Sentence] = []
    for p in paragraphs:
        for start, end in split_sentences(p.text):
            sentences.append(Sentence(len(sentences) + 1, p.index, p.text[start:end], start, end))
    return Article(path, date, tuple(headings), tuple(paragraphs), tuple(sentences))


def _split_date(text: str, path: str) -> tuple[str | None, str, int]:
    """Return (date, rest of text, 1-based line where the rest starts)."""
    m = _DATE_RE.match(text)
    if not m:
        return None, text, 1
    value = m.group(1)
    if not _VALID_DATE.match(value):
        line = text.count("\n", 0, m.start(1)) + 1
        raise ArticleError(path, f"date line has {value!r}; expected 'date YYYY-MM', e.g. 'date 2022-03'", line)
    rest = text[m.end() :]
    return value, rest, text.count("\n", 0, m.end()) + 1


def _blocks(body: str, first_line: int) -> Iterable[tuple[int, str]]:
    """Yield (line number, block text) for each paragraph or heading of ``body``.

    Blocks are separated by blank lines. A block of several lines is usually
    one hard-wrapped paragraph, and its lines are joined with spaces. But when
    every line of it ends a sentence or is a heading followed by a capitalised
    line, the lines are separate paragraphs pasted without blank lines
    between them, and each is yielded on its own.
    """
    lines = body.split("\n")
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(lines + [""], start=first_line):
        line = re.sub(r"[ \t]+", " ", raw.strip())
        if line:
            block.append((number, line))
            continue
        if block:
            if len(block) > 1 and _lines_are_paragraphs([t for _, t in block]):
                yield from block
            else:
                yield block[0][0], " ".join(t for _, t in block)
            block = []


def _lines_are_paragraphs(lines: list[str]) -> bool:
    """True when each line of a block stands alone (ends a sentence or is a heading)."""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if _FINAL_PUNCT.search(line):
            if nxt is not None and not (nxt[0].isupper() or nxt[0] in "“‘„\"'«0123456789"):
                return False
            continue
        if nxt is None or not (_is_heading(line) and line[0].isupper() and nxt[0].isupper()):
            return False
    return True


def _is_heading(block: str) -> bool:
    """A heading is one short line without final sentence punctuation.

    A quoted intertitle (``‘Geen spijt’``, ``"Niet normaal"``: the whole line
    in one pair of quotation marks) is a heading too.
    """
    quoted = _QUOTED_LINE.fullmatch(block)
    if quoted:
        block = quoted.group(1).strip()
        if not block:
            return False
    words = block.split()
    return (
        len(words) <= MAX_HEADING_WORDS
        and len(block) <= MAX_HEADING_CHARS
        and not _FINAL_PUNCT.search(block)
        and block[0].isalnum()
        and any(ch.isalpha() for ch in block)
    )
