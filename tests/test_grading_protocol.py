"""course.grading.protocol: the result channel is untrusted input (no process is started here)."""

from __future__ import annotations

import json
import time

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
    """Twice the newlines take about twice the time, not four times (a quadratic parser froze a batch)."""
    def cost(n: int) -> float:
        reader = LineReader(max_total=10**9)
        start = time.perf_counter()
        for _ in range(n // 65536):
            reader.feed(b"\n" * 65536)
        return time.perf_counter() - start

    small, large = min(cost(2**21) for _ in range(3)), min(cost(2**23) for _ in range(3))
    assert large < small * 4 * 2.5, (small, large)


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
