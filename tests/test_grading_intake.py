"""course.grading.intake: ids and zips are checked before anything runs (no process is started here)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from course.grading.intake import find_students, id_problem, safe_extract, shown_id


def test_ids_with_controls_or_direction_marks_are_refused():
    assert id_problem("s1234567") is None and id_problem("José") is None
    assert "control" in id_problem("a\x07b")
    assert "direction" in id_problem("abc\u202edef")
    assert "UTF-8" in id_problem("caf\udce9")
    assert id_problem("x" * 129) and id_problem("")
    assert shown_id("abc\u202edef") == "abc\\u202edef"


def test_look_alike_ids_are_both_rejected_and_named(tmp_path):
    for name in ("jos\u00e9", "jose\u0301", "Bram", "bram", "ok"):
        (tmp_path / name).mkdir()
    students, notes = find_students(tmp_path)
    problems = {s.folder.name: s.problem for s in students}
    assert problems["ok"] == ""
    for name in ("jos\u00e9", "jose\u0301", "Bram", "bram"):
        assert "Unicode form or case" in problems[name]
    assert len({s.id for s in students}) == len(students), "ids stay unique in the outputs"


def _zip(path: Path, entries: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return path


def test_every_unsafe_entry_is_refused_and_nothing_escapes(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"s1/a.ipynb": b"{}", "../evil": b"x", "/abs": b"x", "C:/win": b"x",
                                        "s2/f": b"file", "s2/f/g": b"inside", "s3\\x": b"x"}, links=("s4/a.ipynb",))
    dest = tmp_path / "out"
    dest.mkdir()
    refused = safe_extract(archive, dest)
    assert (dest / "s1" / "a.ipynb").read_bytes() == b"{}"
    assert refused["../evil"] == "a path that leaves its folder"
    assert refused["/abs"] == refused["C:/win"] == refused["s3\\x"] == "an absolute path"
    assert "file and a folder" in refused["s2/f"] and refused["s4/a.ipynb"] == "a symbolic link"
    assert (dest / "s4").is_dir() and not (dest / "s4" / "a.ipynb").exists()
    assert not (tmp_path / "evil").exists() and not Path("/abs").exists()
    students, _ = find_students(dest, refused)
    problems = {s.id: s.problem for s in students}
    assert problems["s1"] == "" and "refused" in problems["s2"] and "symbolic link" in problems["s4"]


def test_a_duplicate_and_a_bomb_are_refused(tmp_path):
    archive = tmp_path / "b.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("s1/x.txt", b"one")
        zf.writestr("s1/x.txt", b"two")
        zf.writestr("s2/bomb.txt", b"\0" * (30 * 1024 * 1024))
    dest = tmp_path / "out"
    dest.mkdir()
    refused = safe_extract(archive, dest)
    assert refused["s1/x.txt"] == "a second entry with the same name"
    assert "zip bomb" in refused["s2/bomb.txt"]
