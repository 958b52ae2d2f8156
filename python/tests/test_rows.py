"""Rows from Python equal the command line's JSON rows, field for field."""

from __future__ import annotations

import threading
import time

import pytest

import hedgescore
from conftest import FIXTURE, write_jsonl

FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")


def test_fixture_article_rows_equal_the_cli_json(scorer, cli_json):
    expected = cli_json("score", str(FIXTURE))
    assert scorer.articles([FIXTURE_TEXT], ids=[str(FIXTURE)]) == expected


def test_fixture_sentence_rows_equal_the_cli_json(scorer, cli_json):
    expected = cli_json("score", "--level", "sentence", str(FIXTURE))
    rows = scorer.sentences([FIXTURE_TEXT], ids=[str(FIXTURE)])
    assert len(rows) > 5
    assert rows == expected


def test_table_rows_equal_the_cli_json_with_missing_and_empty_texts(scorer, cli_json, tmp_path):
    texts = [FIXTURE_TEXT, None, "   ", "It may rain. It rains.", "date 2021-02-03 It could."]
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(texts)]
    table = write_jsonl(tmp_path / "rows.jsonl", records)
    for level in ("article", "sentence"):
        expected = cli_json("score", "--level", level, "--id-column", "id", str(table))
        got = getattr(scorer, level + "s")(texts, ids=[r["id"] for r in records])
        assert got == expected, level
    statuses = [r["status"] for r in scorer.articles(texts)]
    assert statuses == ["ok", "missing text", "empty text", "ok", "ok"]


def test_bbc_sample_rows_equal_the_cli_json(scorer, cli_json, bbc_sample, tmp_path):
    records = [{"id": p.name, "text": t} for p, t in bbc_sample]
    table = write_jsonl(tmp_path / "bbc.jsonl", records)
    ids = [r["id"] for r in records]
    texts = [t for _, t in bbc_sample]
    for level in ("article", "sentence"):
        expected = cli_json("score", "--level", level, "--id-column", "id", str(table))
        got = getattr(scorer, level + "s")(texts, ids=ids)
        assert len(got) == len(expected) and got == expected, level


def test_packs_lexicons_and_constants_reach_the_rows(cli_json, tmp_path):
    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("cue\tweight\tcategory\nreopen\t2\tverb\n", encoding="utf-8")
    options = ["--pack", "science", "--lexicon", str(lexicon), "--threshold", "2", "--neutral", "0.6"]
    expected = cli_json("score", *options, str(FIXTURE))
    scorer = hedgescore.Scorer(packs=["science"], lexicons=[lexicon], threshold=2, neutral=0.6)
    assert scorer.articles([FIXTURE_TEXT], ids=[str(FIXTURE)]) == expected


def test_given_dates_replace_the_header_and_fill_the_date():
    import datetime

    scorer = hedgescore.Scorer()
    texts = ["date 2020-01-01 It may rain.", "It may rain.", "It may rain.", "It may rain."]
    dates = [None, "2021-05-06", datetime.date(2022, 7, 8), "2023-01-02T10:00:00"]
    got = [r["date"] for r in scorer.articles(texts, dates=dates)]
    assert got == ["2020-01-01", "2021-05-06", "2022-07-08", "2023-01-02"]
    assert scorer.sentences(["It may rain."], dates=["2021-05-06"])[0]["date"] == "2021-05-06"


def test_the_order_is_the_input_order_on_any_number_of_threads():
    texts = [f"Text {i} may {'rain' * (i % 7)}. It is {i}." for i in range(500)]
    one = hedgescore.Scorer(threads=1).sentences(texts)
    two = hedgescore.Scorer(threads=2).sentences(texts)
    assert one == two
    assert [r["article"] for r in hedgescore.Scorer(threads=2).articles(texts)] == [
        str(i) for i in range(500)
    ]


def test_scoring_releases_the_gil():
    """Python code runs in another thread while a long list is scored: the
    longest pause of a loop in this thread is a small part of the scoring
    (holding the GIL, it would be all of it)."""
    scorer = hedgescore.Scorer(threads=1)
    texts = [FIXTURE_TEXT * 50] * 400
    stamps = []
    worker = threading.Thread(target=scorer.articles, args=(texts,))
    started = time.perf_counter()
    worker.start()
    while worker.is_alive():
        stamps.append(time.perf_counter())
    took = time.perf_counter() - started
    longest = max(b - a for a, b in zip(stamps, stamps[1:]))
    assert took > 0.2, f"scoring took only {took:.3f} s: too short to tell"
    assert longest < took / 3, f"a pause of {longest:.3f} s in {took:.3f} s"


def test_a_scorer_pickles_as_its_arguments(tmp_path):
    import pickle

    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("cue\tweight\tcategory\nreopen\t2\tverb\n", encoding="utf-8")
    scorer = hedgescore.Scorer(lexicons=lexicon, packs="science", threshold=2, threads=1)
    copy = pickle.loads(pickle.dumps(scorer))
    assert copy.constants == scorer.constants and repr(copy) == repr(scorer)
    assert copy.articles([FIXTURE_TEXT]) == scorer.articles([FIXTURE_TEXT])
