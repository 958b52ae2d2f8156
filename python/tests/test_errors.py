"""Bad input and bad lexicons: Python exceptions with the CLI's messages."""

from __future__ import annotations

import math

import pytest

import hedgescore
from conftest import FIXTURE

CLI_PREFIX = "hedgescore: error: "


def cli_error(cli, *args: str) -> str:
    done = cli(*args, check=False)
    assert done.returncode == 2, done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith(CLI_PREFIX), line
    return line[len(CLI_PREFIX) :]


def test_an_unknown_pack_has_the_cli_message(cli):
    expected = cli_error(cli, "score", "--pack", "poetry", str(FIXTURE))
    with pytest.raises(ValueError) as raised:
        hedgescore.Scorer(packs=["poetry"])
    assert str(raised.value) == expected
    assert "science" in expected


def test_a_malformed_lexicon_has_the_cli_message_with_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("cue\tweight\tcategory\nmaybe\tlots\tmodal\n", encoding="utf-8")
    expected = cli_error(cli, "score", "--lexicon", str(bad), str(FIXTURE))
    with pytest.raises(hedgescore.LexiconError) as raised:
        hedgescore.Scorer(lexicons=[bad])
    assert str(raised.value) == expected
    assert f"{bad}:2:" in expected
    assert isinstance(raised.value, ValueError)


def test_a_missing_lexicon_file_is_file_not_found_with_the_cli_message(cli, tmp_path):
    gone = tmp_path / "gone.tsv"
    expected = cli_error(cli, "score", "--lexicon", str(gone), str(FIXTURE))
    with pytest.raises(FileNotFoundError) as raised:
        hedgescore.Scorer(lexicons=gone)
    assert str(raised.value) == expected


def test_an_empty_lexicon_has_the_cli_message(cli):
    expected = cli_error(cli, "score", "--no-default-lexicon", str(FIXTURE))
    with pytest.raises(ValueError) as raised:
        hedgescore.Scorer(no_default_lexicon=True)
    assert str(raised.value) == expected


@pytest.mark.parametrize(
    "options, message",
    [
        ({"neutral": 1.5}, "neutral must be a number from 0 to 1, not 1.5"),
        ({"alpha": 0}, "alpha must be a finite number greater than 0, not 0"),
        ({"threshold": math.inf}, "threshold must be a finite number greater than 0, not inf"),
        ({"neutral": math.nan}, "neutral must be a number from 0 to 1, not NaN"),
    ],
)
def test_constants_out_of_range(options, message):
    with pytest.raises(ValueError) as raised:
        hedgescore.Scorer(**options)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "texts, message",
    [
        (["ok", 3], "texts[1] is an int, not a string"),
        (["ok", "ok", b"bytes"], "texts[2] is a bytes, not a string"),
        ([["nested"]], "texts[0] is a list, not a string"),
        ("one text", "texts is one string; give a list"),
    ],
)
def test_a_non_string_is_a_type_error_naming_its_position(scorer, texts, message):
    for method in (scorer.articles, scorer.sentences):
        with pytest.raises(TypeError) as raised:
            method(texts)
        assert str(raised.value).startswith(message), str(raised.value)


def test_none_and_nan_give_rows_with_a_status(scorer):
    rows = scorer.articles([None, float("nan"), "It may rain."])
    assert [r["status"] for r in rows] == ["missing text", "missing text", "ok"]
    assert rows[0]["sentences"] == 0 and rows[0]["certainty"] is None
    assert scorer.sentences([None, float("nan")]) == []


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"ids": ["a"]}, ValueError, "ids has 1 items and the texts 2"),
        ({"ids": ["a", 2.5]}, TypeError, "ids[1] is a float, not a string or an integer"),
        ({"dates": ["2020-01-01", "01/02/2020"]}, ValueError, 'dates[1] is "01/02/2020", not a date'),
        ({"dates": [None, 20200101]}, TypeError, "dates[1] is an int, not a date"),
    ],
)
def test_bad_ids_and_dates(scorer, kwargs, error, message):
    with pytest.raises(error) as raised:
        scorer.articles(["It may rain.", "It rains."], **kwargs)
    assert str(raised.value).startswith(message), str(raised.value)


def test_a_dataframe_is_refused_with_a_hint(scorer):
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="give one of its columns"):
        scorer.articles(pd.DataFrame({"text": ["It may rain."]}))


@pytest.mark.parametrize("where", ["caller", "worker"])
def test_a_panic_becomes_an_internal_error(where):
    with pytest.raises(hedgescore.InternalError) as raised:
        hedgescore._hedgescore._panic_for_tests(where)
    assert isinstance(raised.value, Exception)
    assert "internal error (a bug, please report it): a test panic" in str(raised.value)
    # The module still works after a panic.
    assert hedgescore.Scorer().articles(["It may rain."])[0]["status"] == "ok"


def test_evaluate_checks_its_labels():
    with pytest.raises(TypeError, match=r"gold_labels\[1\] is a str, not a number"):
        hedgescore.evaluate(["a.", "b."], [1, "yes"])
    with pytest.raises(ValueError, match="gold_labels has 1 items"):
        hedgescore.evaluate(["a.", "b."], [1])
    with pytest.raises(TypeError, match=r"gold_texts\[0\] is missing"):
        hedgescore.evaluate([None], [1])
