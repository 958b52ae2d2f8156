"""DataFrames: the CSV's columns and types, the index of the ids kept."""

from __future__ import annotations

import io

import pytest

pd = pytest.importorskip("pandas")
import numpy as np

import hedgescore
from conftest import FIXTURE

TEXTS = [FIXTURE.read_text(encoding="utf-8"), None, "It may rain. It rains.", ""]


def test_article_frame_columns_and_types_are_the_csvs(scorer, cli):
    frame = scorer.articles_frame(TEXTS)
    csv_header = cli("score", "--format", "csv", str(FIXTURE)).stdout.splitlines()[0]
    assert list(frame.columns) == csv_header.split(",")
    assert len(frame) == 4
    for column in ("sentences", "words", "uncertain_sentences", "hedges", "boosters", "modal"):
        assert frame[column].dtype == np.int64, column
    for column in ("uncertain_share", "certainty", "min_certainty", "hedges_per_1000_words"):
        assert frame[column].dtype == np.float64, column
    assert frame["status"].tolist() == ["ok", "missing text", "ok", "empty text"]
    assert np.isnan(frame["certainty"][1])
    assert frame["date"][0] == "2025-03-14" and pd.isna(frame["date"][2])


def test_frame_values_equal_the_cli_csv(scorer, cli):
    for level in ("article", "sentence"):
        csv = cli("score", "--level", level, "--format", "csv", str(FIXTURE)).stdout
        expected = pd.read_csv(io.StringIO(csv), keep_default_na=False)
        method = getattr(scorer, level + "s_frame")
        frame = method([TEXTS[0]], ids=[str(FIXTURE)]).reset_index(drop=True)
        assert list(frame.columns) == list(expected.columns)
        for column in frame.columns:
            got, want = frame[column], expected[column]
            if got.dtype.kind in "if":
                assert np.allclose(got.fillna(-1), pd.to_numeric(want.replace("", -1))), column
            else:
                assert got.fillna("").astype(str).tolist() == want.astype(str).tolist(), column


def test_sentence_frame_types_and_index():
    texts = pd.Series(["It may rain. It rains.", "It could."], index=["a", "b"])
    frame = hedgescore.Scorer().sentences_frame(texts)
    assert frame.index.tolist() == ["a", "a", "b"]
    assert frame["sentence"].dtype == np.int64 and frame["start"].dtype == np.int64
    assert frame["certainty"].dtype == np.float64
    assert frame["cues"].tolist()[0].startswith("may(modal ")
    assert frame["cues"].tolist()[1] == "" or pd.isna(frame["cues"].tolist()[1])
    assert frame["label"].tolist() == ["uncertain", "certain", "uncertain"]


def test_the_index_of_ids_is_kept_and_nan_is_a_missing_text():
    texts = pd.Series(["It may rain.", np.nan, None, "It rains."], index=[10, 11, 12, 13])
    ids = pd.Series(["w", "x", "y", "z"], index=[7, 5, 3, 1])
    frame = hedgescore.Scorer().articles_frame(texts, ids=ids)
    assert frame.index.tolist() == [7, 5, 3, 1]
    assert frame["article"].tolist() == ["w", "x", "y", "z"]
    assert frame["status"].tolist() == ["ok", "missing text", "missing text", "ok"]
    by_texts = hedgescore.Scorer().articles_frame(texts)
    assert by_texts.index.tolist() == [10, 11, 12, 13]
    assert by_texts["article"].tolist() == ["0", "1", "2", "3"]


def test_integer_ids_and_pandas_missing_values():
    texts = pd.Series(["It may rain.", pd.NA, "It rains."], dtype="string")
    frame = hedgescore.Scorer().articles_frame(texts, ids=pd.Series([101, 102, 103]))
    assert frame["article"].tolist() == ["101", "102", "103"]
    assert frame["status"].tolist() == ["ok", "missing text", "ok"]


def test_empty_input_gives_empty_typed_frames():
    frame = hedgescore.Scorer().articles_frame([])
    assert len(frame) == 0 and frame["sentences"].dtype == np.int64
    assert len(hedgescore.Scorer().sentences_frame(pd.Series([], dtype=object))) == 0


def test_spark_schema_names_every_frame_column():
    scorer = hedgescore.Scorer()
    for level in ("article", "sentence"):
        names = [part.split("`")[1] for part in scorer.spark_schema(level).split(", ")]
        frame = getattr(scorer, level + "s_frame")(["It may rain."])
        assert names == list(frame.columns)
    assert "`sentences` long" in scorer.spark_schema("article")
    assert "`certainty` double" in scorer.spark_schema("sentence")
