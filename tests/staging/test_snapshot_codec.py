"""The snapshot codec (`sheets_sync.snapshots.encode_frame` / `decode_frame`): a staging frame
comes back with the same columns, dtypes and values, text columns with one string object per
distinct value."""
from __future__ import annotations

import pandas as pd

from sheets_sync.snapshots import decode_frame, encode_frame


def test_text_columns_come_back_equal_with_nulls_and_shared_strings() -> None:
    frame = pd.DataFrame({
        "unit_kerja": pd.Series(["Bidang A", None, "Bidang B", "Bidang A", "Bidang A"],
                                dtype=object),
        "jabatan": pd.Series([None, None, None, None, None], dtype=object),
        "campur": pd.Series([1, 2, 3, 4, 5], dtype=object),  # not text: Arrow infers it
        "nilai": [1.5, float("nan"), 3.0, 4.0, 5.0],
        "baris": pd.array([2, None, 4, 5, 6], dtype="Int64"),
    })
    back = decode_frame(encode_frame(frame))
    pd.testing.assert_frame_equal(back, frame)
    assert list(back["unit_kerja"]) == ["Bidang A", None, "Bidang B", "Bidang A", "Bidang A"]
    assert back["unit_kerja"][0] is back["unit_kerja"][4]
    assert list(back["jabatan"]) == [None] * 5
    assert [type(v) for v in back["campur"]] == [type(v) for v in frame["campur"]]


def test_an_empty_text_column_comes_back_empty() -> None:
    frame = pd.DataFrame({"unit_kerja": pd.Series([], dtype=object)})
    back = decode_frame(encode_frame(frame))
    pd.testing.assert_frame_equal(back, frame)
