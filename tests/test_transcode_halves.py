"""A large export in cp932 (or another encoding cut at any line feed) is transcoded in two halves
at once (load/crm/bulk.py `_transcoded`, issue 16): the UTF-8 bytes are those of one pass, the
result and account those of one pass and of the row-by-row engine, and a byte not of the
encoding in either half declines as before."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_exports_engines import PLAN as ENGINES_PLAN
from tests.test_exports_engines import _outcome_with

from funnelplan.load.crm import bulk
from funnelplan.load.crm.readers import open_export


def _transcode(path: Path, encoding: str, folder: Path, shared: bool) -> tuple[str, tuple] | None:
    """The transcoded file's digest and the line count's findings, one pass or two halves."""
    saved = bulk.SHARED_FROM
    bulk.SHARED_FROM = 0 if shared else 1 << 62
    opened = open_export(path, encoding)
    try:
        done = bulk._transcoded(opened, str(folder))
    finally:
        bulk.SHARED_FROM = saved
        opened.close()
    if done is None:
        return None
    utf8, lines = done
    digest = hashlib.sha256(Path(utf8.path).read_bytes()).hexdigest()
    return digest, (lines.count, lines.doubtful, lines.nul)


def test_two_halves_by_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 9 lines of 18 cp932 bytes (`1,2027-04-01,` 13, 日本 4, the line feed): 162 in all, the
    # middle byte 81 inside line 5 (bytes 72..89); the cut is after its line feed, at 90, so
    # the second Python reads lines 6 to 9
    rows = "".join(f"{n},2027-04-0{n},日本\n" for n in range(1, 10))
    path = tmp_path / "e.csv"
    path.write_bytes(rows.encode("cp932"))
    assert len(rows.encode("cp932")) == 9 * 18
    started: list[list[str]] = []
    real_popen = __import__("subprocess").Popen

    def popen(arguments: list[str], **kwargs: object) -> object:
        started.append(arguments)
        return real_popen(arguments, **kwargs)

    monkeypatch.setattr("subprocess.Popen", popen)
    monkeypatch.setattr(bulk, "SHARED_FROM", 0)
    opened = open_export(path, "cp932")
    try:
        done = bulk._transcoded(opened, str(tmp_path))
    finally:
        opened.close()
    assert done is not None
    utf8, lines = done
    assert Path(utf8.path).read_text(encoding="utf-8") == rows
    assert lines.count == 9
    assert len(started) == 1 and started[0][-3] == "90"  # the byte the second half starts at


# the engines' differential plan (tests/test_exports_engines.py), its export in cp932
PLAN = ENGINES_PLAN.replace("timezone: Asia/Tokyo", "timezone: Asia/Tokyo\n  encoding: cp932")
# fields: dates (plain, other forms, odd), ids, and text with what a cut or a count could trip
# on: CRs, quotes, spaces, and cp932's ソ and 表 (bytes 0x83 0x5C, 0x95 0x5C: a trail byte `\`)
fields = st.one_of(
    st.sampled_from(["2027-04-01", "2027-05-31 23:10", "2027/04/05", "soon", "", "1", "22"]),
    st.text(
        alphabet=st.sampled_from([*'a,"\r \t0', "日", "本", "ｱ", "〜", "①", "ソ", "表"]), max_size=8
    ),
)
rows = st.lists(st.lists(fields, min_size=2, max_size=4).map(",".join), min_size=1, max_size=30)


def _actuals(folder: Path, data: bytes, engine: str, shared: bool) -> object:
    """The engines' outcome (tests/test_exports_engines.py), in two halves or one pass."""
    saved = bulk.SHARED_FROM
    bulk.SHARED_FROM = 0 if shared else 1 << 62
    try:
        return _outcome_with(folder, data, engine)
    finally:
        bulk.SHARED_FROM = saved


@settings(max_examples=40, deadline=None)
@given(rows, st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_two_halves_give_the_one_pass_result_and_account(
    lines: list[str], newline: str, ended: bool
) -> None:
    pytest.importorskip("duckdb")
    text = newline.join(["id,created,lead", *lines]) + (newline if ended else "")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
        data = text.encode("cp932")
        shared = _actuals(folder, data, "duckdb", True)
        assert shared == _actuals(folder, data, "duckdb", False)
        assert shared == _actuals(folder, data, "python", False)


@pytest.mark.parametrize("where", ["first", "second"])
def test_a_bad_byte_in_either_half_declines(tmp_path: Path, where: str) -> None:
    # past the first 64 KiB, which opening the export decodes (and would refuse itself)
    def good(count: int) -> bytes:
        return "".join(f"{n},2027-04-01,日本\n" for n in range(count)).encode("cp932")

    bad = b"7,2027-04-01,\x82\xff\n"
    header = "id,created,メモ\n".encode("cp932")
    before, after = (5000, 15000) if where == "first" else (15000, 5000)
    path = tmp_path / "e.csv"
    path.write_bytes(header + good(before) + bad + good(after))
    assert _transcode(path, "cp932", tmp_path, True) is None
    assert _transcode(path, "cp932", tmp_path, False) is None


def test_only_an_encoding_cut_at_any_line_feed_is_shared(tmp_path: Path) -> None:
    # UTF-16's line feed is two bytes, 0x0A 0x00 or 0x00 0x0A: a cut after a 0x0A byte could
    # fall inside a character, so it is transcoded in one pass
    text = "".join(f"{n},2027-04-01,日本\n" for n in range(100))
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode("utf-16"))
    opened = open_export(path, "utf-16")
    saved = bulk.SHARED_FROM
    bulk.SHARED_FROM = 0
    try:
        assert bulk._second_half(opened, str(tmp_path)) == (0, None)
        assert "utf-16" not in bulk._CUT_AT_LF and "cp932" in bulk._CUT_AT_LF
    finally:
        bulk.SHARED_FROM = saved
        opened.close()


def test_a_file_with_no_line_feed_past_its_middle_is_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(("id,created\n" + "1," + "日" * 200).encode("cp932"))
    opened = open_export(path, "cp932")
    saved = bulk.SHARED_FROM
    bulk.SHARED_FROM = 0
    try:
        assert bulk._second_half(opened, str(tmp_path)) == (0, None)
    finally:
        bulk.SHARED_FROM = saved
        opened.close()
