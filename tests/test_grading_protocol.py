"""course.grading.protocol: the result channel is untrusted input (no process is started here)."""

from __future__ import annotations

import json

import pytest

from course.grading.protocol import (LineReader, ProtocolError, check_encoded, clean_text, decode_value, encode_value,
                                     parse_message, show_value)


def test_lines_are_split_whatever_the_chunks():
    reader = LineReader()
    data = b'{"ev": "done"}\n{"ev": "start", "step": 1}\npartial'
    lines = []
    for i in range(0, len(data), 3):
        lines += reader.feed(data[i:i + 3])
    assert lines == [b'{"ev": "done"}', b'{"ev": "start", "step": 1}']
    assert reader.feed(b" line\n") == [b"partial line"]


def test_a_long_line_and_a_flood_are_refused():
    with pytest.raises(ProtocolError, match="a line of more than"):
        reader = LineReader(max_line=1000)
        for _ in range(20):
            reader.feed(b"x" * 100)
    with pytest.raises(ProtocolError, match="MB on the result channel"):
        reader = LineReader(max_total=10_000)
        reader.feed(b"\n" * 20_000)


def test_splitting_is_linear():
    """Each byte is searched once: twice the newlines cost twice the work (a quadratic parser froze a batch).

    Counted, not timed: the chunks are a ``bytes`` subclass that adds up how
    many bytes each ``find`` call looks at.
    """
    scanned = [0]

    class Counted(bytes):
        def find(self, sub, start=0, *rest):
            found = bytes.find(self, sub, start, *rest)
            scanned[0] += (found if found >= 0 else len(self)) - start + 1
            return found

    def cost(data: bytes, chunk: int) -> int:
        scanned[0] = 0
        reader = LineReader(max_total=10**9)
        lines = sum(len(reader.feed(Counted(data[k:k + chunk]))) for k in range(0, len(data), chunk))
        assert lines == data.count(b"\n")
        return scanned[0]

    for data, chunk in ((b"\n" * 2**16, 4096), ((b"x" * 100 + b"\n") * 2**10, 4096), (b"y" * 50_000 + b"\n", 512)):
        chunks = -(-len(data) // chunk)
        # every byte of every chunk is looked at (the reader searches what it was given) and at most once more
        assert len(data) <= cost(data, chunk) <= len(data) + 2 * chunks, (len(data), chunk, scanned[0])


@pytest.mark.parametrize("line, why", [
    (b"\xff\xfe", "not UTF-8"), (b"garbage", "not JSON"), (b"[1, 2]", "not a JSON object"),
    (b'{"ev": "passed"}', "unknown event"), (b'{"ev": "start", "step": -1}', "small whole number"),
    (b'{"ev": "start", "step": 5}', "plan does not have"), (b'{"ev": "done", "points": 3}', "unknown fields"),
    (b'{"ev": "values", "step": 0, "values": {"answer_0_1": ' + b"9" * 5000 + b"}}", "not JSON"),
    (b'{"ev": "values", "step": 0, "values": {"a": ' + b"[" * 50 + b"]" * 50 + b"}}", "nested too deeply"),
    (b'{"ev": "note", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    (b'{"ev": "values", "step": 0, "values": {"a": {"$evil": 1}}}', "unknown tag"),
    (b'{"ev": "values", "step": 0, "values": {"a": 99999999999999999999}}', "too large"),
    (b'{"ev": "values", "step": 0, "values": {"not a name": 1}}', "variable name"),
    (b'{"ev": "end", "step": 0, "error": [1, 2], "output": ""}', "bad error field"),
])
def test_bad_messages_are_refused_with_a_reason(line, why):
    with pytest.raises(ProtocolError, match=why):
        parse_message(line, n_steps=3)


def test_good_messages_are_kept_and_text_is_cleaned():
    msg = parse_message(b'{"ev": "end", "step": 2, "error": ["NameError", "\\ud800 x"], "output": "ok"}', 3)
    assert msg == {"ev": "end", "step": 2, "error": ["NameError", "? x"], "output": "ok"}
    assert clean_text("\ud800a") == "?a"
    long = clean_text("a" * 500, 100)
    assert long.startswith("a" * 100) and "400 more characters" in long
    json.dumps(msg).encode("utf-8")


def test_values_round_trip_as_plain_data():
    import numpy as np
    import pandas as pd

    for value in [13, 1.5, "één „x”", True, None, ["a", "b"], (1, 2), {"x", "y"}, {"k": [1]}, Ellipsis]:
        data = json.loads(json.dumps(encode_value(value)))
        check_encoded(data)
        assert decode_value(data) == value
    series = decode_value(json.loads(json.dumps(encode_value(pd.Series(["China"])))))
    assert isinstance(series, pd.Series) and series.tolist() == ["China"]
    frame = decode_value(json.loads(json.dumps(encode_value(pd.DataFrame({"actor": ["China"], "n": [3]})))))
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == ["actor", "n"]
    assert show_value(series).startswith("a pandas Series")
    assert decode_value(encode_value(np.int64(7))) == 7
