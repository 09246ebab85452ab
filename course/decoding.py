"""The one decoder of text files: bytes -> str, or a precise reason why not.

Articles (``load_article``, ``course analyze``) and submitted notebooks
(``course grade``) are both files a person made with some editor; both must
be UTF-8, and both fail in the same ways: an empty file, UTF-16 from a
Windows editor, a binary file renamed, Latin-1 bytes. :func:`decode_text`
finds which, and the line, and each caller words the message for its reader
(a student saving an article, a student handing in a notebook).

Decision: a UTF-8 byte-order mark is removed, never an error (Notepad writes
one); line endings are left to the caller (JSON does not care, an article
normalises them).
"""

from __future__ import annotations

from dataclasses import dataclass

#: How many leading bytes are searched for a NUL (a binary file); a text file has none at all.
BINARY_PROBE = 65536


@dataclass(frozen=True)
class DecodeProblem(ValueError):
    """Why bytes are not readable UTF-8 text.

    Attributes
    ----------
    kind : str
        ``"empty"`` (no bytes), ``"blank"`` (only white space), ``"utf16"``
        (a UTF-16 byte-order mark, or a NUL in the first two bytes),
        ``"binary"`` (a NUL byte further on), ``"not_utf8"`` (an invalid
        UTF-8 sequence).
    line : int or None
        1-based line of the first bad byte, when there is one.
    byte : int or None
        The first bad byte (``not_utf8``).
    """

    kind: str
    line: int | None = None
    byte: int | None = None

    def __str__(self) -> str:
        where = f" on line {self.line}" if self.line else ""
        what = f" (byte 0x{self.byte:02x})" if self.byte is not None else ""
        return f"{self.kind}{what}{where}"


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    head = data[:64]
    return len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2]))


def decode_text(data: bytes) -> str:
    """Decode a text file's bytes as UTF-8.

    Parameters
    ----------
    data : bytes
        The file content.

    Returns
    -------
    str
        The text, without a UTF-8 byte-order mark; line endings unchanged.

    Raises
    ------
    DecodeProblem
        With the kind of problem and, where it applies, the line and byte.

    Examples
    --------
    >>> decode_text("\\ufeffDe Telegraaf".encode("utf-8"))
    'De Telegraaf'
    >>> decode_text("café".encode("latin-1"))
    Traceback (most recent call last):
    ...
    course.decoding.DecodeProblem: not_utf8 (byte 0xe9) on line 1
    """
    if not data.strip():
        raise DecodeProblem("empty" if not data else "blank")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        raise DecodeProblem("utf16")
    nul = data.find(b"\x00", 0, BINARY_PROBE)
    if nul >= 0:
        raise DecodeProblem("binary", data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeProblem("not_utf8", data.count(b"\n", 0, exc.start) + 1, data[exc.start]) from None
    return text.removeprefix("\ufeff")
