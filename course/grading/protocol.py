"""The result channel between a sandboxed worker and the grader: untrusted input.

A worker runs student code, so anything it writes on the channel may have been
written by the student. The grader therefore treats every byte as hostile:

- lines are split in linear time, at most :data:`MAX_LINE` bytes each and
  :data:`MAX_TOTAL` bytes per submission (:class:`LineReader`);
- each line must be a JSON object of one of a few known shapes
  (:func:`parse_message`), with bounded text, bounded numbers and values
  nested at most :data:`MAX_DEPTH` deep with at most :data:`MAX_NODES` parts;
- any violation raises :class:`ProtocolError` with a one-line reason; the
  runner then stops that submission alone (status ``protocol_error``).

Values of answer variables travel as plain JSON with type tags
(:func:`encode_value` in the worker, :func:`decode_value` in the grader): the
grader only ever rebuilds plain data (numbers, text, lists, tuples, sets,
dicts), never an object of the student's choosing.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: Longest line the grader reads (bytes).
MAX_LINE = 4 * 1024 * 1024
#: Most bytes one submission may send in all.
MAX_TOTAL = 32 * 1024 * 1024
#: Most messages one submission may send.
MAX_MESSAGES = 20_000
#: Deepest nesting of an encoded value.
MAX_DEPTH = 24
#: Most parts (items, keys, values) of one encoded value.
MAX_NODES = 50_000
#: Longest text field kept (characters).
MAX_TEXT = 100_000
#: Largest whole number accepted.
MAX_INT = 2**63

#: Events a worker (the student's run) may send.
CHILD_EVENTS = ("start", "end", "values", "need", "note", "done", "setup_failed")
#: Events only the zygote sends (they carry the grader's nonces).
ZYGOTE_EVENTS = ("ready", "forked", "exited", "reaped")


class ProtocolError(ValueError):
    """A message on the result channel is not one the grader accepts."""


# --------------------------------------------------------------------------
# Framing


class LineReader:
    """Split a byte stream into lines in linear time, with caps.

    Parameters
    ----------
    max_line : int
        Longest line accepted (without its newline).
    max_total : int
        Most bytes accepted in all.

    Notes
    -----
    Only new bytes are searched for a newline, and a partial line is kept as
    a list of chunks, so a megabyte of newlines or a long line costs time in
    proportion to its length.
    """

    def __init__(self, max_line: int = MAX_LINE, max_total: int = MAX_TOTAL) -> None:
        self.max_line = max_line
        self.max_total = max_total
        self.total = 0
        self._parts: list[bytes] = []
        self._partial = 0

    def reset(self) -> None:
        """Forget everything (a new submission on the same channel)."""
        self.total = 0
        self._parts = []
        self._partial = 0

    def feed(self, chunk: bytes) -> list[bytes]:
        """Add bytes; return the complete lines they finish.

        Raises
        ------
        ProtocolError
            When a line is too long or the stream too large.
        """
        self.total += len(chunk)
        if self.total > self.max_total:
            raise ProtocolError(f"more than {self.max_total // (1024 * 1024)} MB on the result channel")
        lines: list[bytes] = []
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                rest = chunk[start:]
                self._partial += len(rest)
                if self._partial > self.max_line:
                    raise ProtocolError(f"a line of more than {self.max_line // 1024} kB on the result channel")
                if rest:
                    self._parts.append(rest)
                return lines
            piece = chunk[start:nl]
            if self._partial + len(piece) > self.max_line:
                raise ProtocolError(f"a line of more than {self.max_line // 1024} kB on the result channel")
            if self._parts:
                self._parts.append(piece)
                piece = b"".join(self._parts)
                self._parts = []
            self._partial = 0
            lines.append(piece)
            start = nl + 1


# --------------------------------------------------------------------------
# Text that can always be written


def clean_text(value: Any, limit: int = MAX_TEXT) -> str:
    """Text that any output can hold: lone surrogates replaced, length capped.

    Parameters
    ----------
    value : Any
        Usually a str; anything else is turned into one.
    limit : int
        Characters kept (a marker says how many were dropped).
    """
    text = value if isinstance(value, str) else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8")
    if len(text) > limit:
        text = text[:limit] + f" [… {len(text) - limit:,} more characters]"
    return text


# --------------------------------------------------------------------------
# Messages


def _need(cond: bool, why: str) -> None:
    if not cond:
        raise ProtocolError(why)


def _small_int(value: Any, name: str) -> int:
    _need(type(value) is int and 0 <= value < 1_000_000, f"'{name}' is not a small whole number")
    return value


def parse_message(line: bytes, n_steps: int | None = None) -> dict[str, Any]:
    """Parse and validate one line of the result channel.

    Parameters
    ----------
    line : bytes
        One line, without its newline.
    n_steps : int, optional
        Steps in the current plan; step numbers must be below it.

    Returns
    -------
    dict
        A message with known keys only: ``ev`` and, by event, ``step``,
        ``error`` ([type, text] or None), ``output``, ``values`` (name ->
        encoded value, checked by :func:`check_encoded`), ``text``,
        ``nonce``, ``pid``, ``status``.

    Raises
    ------
    ProtocolError
        For anything else: not UTF-8, not JSON, too deep, an unknown event
        or key, a field of the wrong type.
    """
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("bytes that are not UTF-8 on the result channel") from None
    try:
        msg = json.loads(text)
    except RecursionError:
        raise ProtocolError("a message nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, and ints beyond Python's digit limit
        raise ProtocolError(f"a message that is not JSON ({clean_text(exc, 80)})") from None
    _need(isinstance(msg, dict), "a message that is not a JSON object")
    ev = msg.get("ev")
    _need(isinstance(ev, str) and ev in CHILD_EVENTS + ZYGOTE_EVENTS, "a message with an unknown event")
    allowed = {"ev"}
    out: dict[str, Any] = {"ev": ev}
    if ev in ("start", "end", "values", "need"):
        allowed.add("step")
        out["step"] = _small_int(msg.get("step"), "step")
        if n_steps is not None:
            _need(out["step"] < n_steps, "a message about a step the plan does not have")
    if ev == "end":
        allowed |= {"error", "output"}
        error = msg.get("error")
        _need(error is None or (isinstance(error, list) and len(error) == 2
                                and all(isinstance(e, str) for e in error)), "an 'end' message with a bad error field")
        out["error"] = None if error is None else [clean_text(error[0], 80), clean_text(error[1], 300)]
        output = msg.get("output", "")
        _need(isinstance(output, str), "an 'end' message whose output is not text")
        out["output"] = clean_text(output, MAX_TEXT)
    elif ev == "values":
        allowed |= {"values", "calls"}
        values = msg.get("values")
        _need(isinstance(values, dict) and len(values) <= 64, "a 'values' message without a table of values")
        budget = [MAX_NODES]
        for name, value in values.items():
            _need(name.isidentifier() and len(name) <= 100, "a value with a name that is not a variable name")
            check_encoded(value, 0, budget)
        out["values"] = values
        if "calls" in msg:
            out["calls"] = _calls(msg["calls"], budget)
    elif ev in ("note", "setup_failed"):
        key = "text" if ev == "note" else "error"
        allowed.add(key)
        _need(isinstance(msg.get(key), str), f"a '{ev}' message without text")
        out[key] = clean_text(msg[key], 300)
    elif ev in ZYGOTE_EVENTS:
        allowed |= {"nonce", "pid", "status", "stray"}
        _need(isinstance(msg.get("nonce", ""), str) and len(msg.get("nonce", "")) <= 64, "a bad nonce")
        out["nonce"] = msg.get("nonce", "")
        for key in ("pid", "status", "stray"):
            if key in msg:
                _need(type(msg[key]) is int and -(2**31) <= msg[key] < 2**31, f"a bad '{key}'")
                out[key] = msg[key]
    _need(set(msg) <= allowed, "a message with unknown fields")
    return out


MAX_CALLS = 500


def _calls(calls: Any, budget: list[int]) -> list[dict[str, Any]]:
    """Validate what a student's function returned on each held-back input.

    Each item is ``{"ok": <encoded value>}`` or ``{"error": "Type: text"}``.
    """
    _need(isinstance(calls, list) and len(calls) <= MAX_CALLS, "a 'values' message with a bad list of calls")
    out = []
    for item in calls:
        _need(isinstance(item, dict) and len(item) == 1 and set(item) <= {"ok", "error"}, "a call result of bad shape")
        if "ok" in item:
            check_encoded(item["ok"], 0, budget)
            out.append({"ok": item["ok"]})
        else:
            _need(isinstance(item["error"], str), "a call error that is not text")
            out.append({"error": clean_text(item["error"], 200)})
    return out


# --------------------------------------------------------------------------
# Values


_TAGS = {"$ellipsis", "$missing", "$float", "$tuple", "$set", "$frozenset", "$dict", "$numpy", "$opaque", "$series",
         "$frame"}


def check_encoded(data: Any, depth: int = 0, budget: list[int] | None = None) -> None:
    """Check that ``data`` is a value :func:`encode_value` could have made.

    Raises
    ------
    ProtocolError
        Too deep, too many parts, an unknown tag, a number out of range.
    """
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    _need(budget[0] >= 0, "a value with too many parts")
    _need(depth <= MAX_DEPTH, "a value nested too deeply")
    if data is None or isinstance(data, (bool, str)):
        return
    if type(data) is int:
        _need(abs(data) < MAX_INT, "a number too large to be an answer")
        return
    if type(data) is float:
        _need(math.isfinite(data), "a number that is not finite")
        return
    if isinstance(data, list):
        _need(len(data) <= MAX_NODES, "a list too long")
        for item in data:
            check_encoded(item, depth + 1, budget)
        return
    _need(isinstance(data, dict) and len(data) in (1, 2), "a value of an unknown shape")
    tag = next(iter(data))
    _need(tag in _TAGS, "a value with an unknown tag")
    if tag == "$opaque":
        _need(set(data) <= {"$opaque", "repr"} and isinstance(data["$opaque"], str)
              and isinstance(data.get("repr", ""), str), "a bad opaque value")
    elif tag == "$float":
        _need(len(data) == 1 and data["$float"] in ("nan", "inf", "-inf"), "a bad special number")
    elif tag in ("$ellipsis", "$missing"):
        _need(len(data) == 1 and data[tag] is True, "a bad marker value")
    elif tag == "$dict":
        _need(len(data) == 1 and isinstance(data["$dict"], list), "a bad table value")
        for pair in data["$dict"]:
            _need(isinstance(pair, list) and len(pair) == 2, "a bad table entry")
            check_encoded(pair[0], depth + 1, budget)
            check_encoded(pair[1], depth + 1, budget)
    elif tag in ("$tuple", "$set", "$frozenset", "$series", "$frame"):
        _need(len(data) == 1 and isinstance(data[tag], list), "a bad collection value")
        check_encoded(data[tag], depth + 1, budget)
    elif tag == "$numpy":
        _need(len(data) == 1, "a bad number value")
        check_encoded(data["$numpy"], depth + 1, budget)


class Opaque:
    """A student value that is not plain data; it compares equal to nothing.

    Attributes
    ----------
    type_name : str
        The type of the student's value.
    text : str
        Its (shortened) repr.
    """

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


class Missing:
    """An answer variable the student never defined."""

    def __repr__(self) -> str:
        return "<not defined>"


def encode_value(value: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """Turn an answer into plain JSON data with type tags (runs in the worker).

    Numbers, text, booleans, None, ``...``, lists, tuples, sets, dicts, NumPy
    scalars and arrays become data; a pandas Series becomes
    ``{"$series": [...]}`` and a DataFrame ``{"$frame": [rows]}`` (so the
    grader can say how to take a value out); anything else becomes
    ``{"$opaque": type, "repr": ...}``.
    """
    budget = budget if budget is not None else [10_000]
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        return {"$opaque": "too large", "repr": "..."}
    t = type(value)
    if value is None or t is bool:
        return value
    if t is str:
        return clean_text(value)
    if t is int:
        return value if abs(value) < MAX_INT else {"$opaque": "int", "repr": "a very large number"}
    if t is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if value is Ellipsis:
        return {"$ellipsis": True}
    if t in (list, tuple, set, frozenset):
        items = list(value)[:10_000]
        if t in (set, frozenset):
            try:
                items = sorted(items)
            except TypeError:
                items = sorted(items, key=repr)
        data = [encode_value(v, depth + 1, budget) for v in items]
        return data if t is list else {"$" + t.__name__: data}
    if t is dict:
        return {"$dict": [[encode_value(k, depth + 1, budget), encode_value(v, depth + 1, budget)]
                          for k, v in list(value.items())[:10_000]]}
    module = t.__module__ or ""
    if module.startswith("numpy"):
        if hasattr(value, "tolist") and getattr(value, "ndim", 1) >= 1:
            return encode_value(list(value.tolist()), depth + 1, budget)
        if hasattr(value, "item"):
            return {"$numpy": encode_value(value.item(), depth + 1, budget)}
    if module.startswith("pandas") and t.__name__ == "Index":
        return encode_value(list(value.tolist()), depth + 1, budget)
    if module.startswith("pandas") and t.__name__ == "Series":
        return {"$series": encode_value(list(value.tolist()), depth + 1, budget)}
    if module.startswith("pandas") and t.__name__ == "DataFrame":
        head = value.head(50)
        return {"$frame": encode_value([[str(c) for c in head.columns], [list(r) for r in head.itertuples(index=False)]],
                                       depth + 1, budget)}
    try:
        text = object.__repr__(value)
    except Exception:  # noqa: BLE001 - nothing from the student is trusted
        text = "?"
    return {"$opaque": f"{module}.{t.__name__}".strip("."), "repr": text[:200]}


def decode_value(data: Any) -> Any:
    """Rebuild a value sent by :func:`encode_value` (runs in the grader).

    ``data`` must have passed :func:`check_encoded` (as every value in a
    message from :func:`parse_message` has).
    """
    if isinstance(data, list):
        return [decode_value(v) for v in data]
    if isinstance(data, str):
        return clean_text(data)
    if not isinstance(data, dict):
        return data
    if "$ellipsis" in data:
        return Ellipsis
    if "$missing" in data:
        return Missing()
    if "$float" in data:
        return float(data["$float"])
    if "$tuple" in data:
        return tuple(decode_value(v) for v in data["$tuple"])
    if "$series" in data or "$frame" in data:
        import pandas as pd  # rebuilt by the grader from plain data, so that check() says what the notebook said

        if "$series" in data:
            return pd.Series(decode_value(data["$series"]))
        frame = decode_value(data["$frame"])
        if len(frame) == 2 and isinstance(frame[0], list) and isinstance(frame[1], list):
            try:
                return pd.DataFrame(frame[1], columns=frame[0] if frame[1] else None)
            except (ValueError, TypeError):
                pass
        return Opaque("pandas.DataFrame", "?")
    if "$set" in data or "$frozenset" in data:
        items = [decode_value(v) for v in data.get("$set", data.get("$frozenset", []))]
        try:
            return set(items)
        except TypeError:
            return Opaque("set", clean_text(repr(items), 200))
    if "$dict" in data:
        try:
            return {decode_value(k): decode_value(v) for k, v in data["$dict"]}
        except (TypeError, ValueError):
            return Opaque("dict", "?")
    if "$numpy" in data:
        import numpy as np

        inner = decode_value(data["$numpy"])
        return np.asarray(inner)[()] if isinstance(inner, (int, float, bool)) else inner
    if "$opaque" in data:
        return Opaque(clean_text(data["$opaque"], 100), clean_text(data.get("repr", ""), 200))
    return Opaque("dict", "?")


def show_value(value: Any, limit: int = 300) -> str:
    """A short, readable rendering of a decoded answer for the feedback page."""
    if isinstance(value, Missing):
        return "(not defined)"
    if value is Ellipsis:
        return "... (not answered yet)"
    kind = type(value).__name__
    if kind in ("Series", "DataFrame") and type(value).__module__.startswith("pandas"):
        rows = value.tolist() if kind == "Series" else value.values.tolist()
        return f"a pandas {kind}: {clean_text(repr(rows), limit)}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = "?"
    return clean_text(text, limit)
