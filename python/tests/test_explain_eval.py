"""explain in a notebook, and evaluate against the CLI's eval."""

from __future__ import annotations

import json

import pytest

import hedgescore

SENTENCE = "It is not certain that the bridge could reopen. Officials said it is open."


def test_explain_repr_is_the_cli_text(scorer, cli):
    for text in (SENTENCE, "date 2020-01-01\n" + SENTENCE):
        assert repr(scorer.explain(text)) == cli("explain", text).stdout


def test_explain_as_data_in_a_notebook(scorer):
    # What a notebook cell does: evaluate, display (repr and HTML), dig in.
    shown = scorer.explain(SENTENCE)
    text, page = repr(shown), shown._repr_html_()
    assert text.startswith("constants: neutral 0.75")
    assert "<mark title='modal 1.5: hedge'>could</mark>" in page
    assert page.count("<h4>sentence") == 2
    first, second = shown.sentences
    assert first["label"] == "uncertain" and second["label"] == "certain"
    assert [c["text"] for c in first["cues"] if c["counted"]] == ["not certain", "could"]
    body = shown.text.encode()
    for cue in first["cues"]:
        assert body[cue["start"] : cue["end"]].decode() == cue["text"]
    assert first["hedge"] == 2.5 and first["certainty"] == pytest.approx(0.1643, abs=1e-4)
    assert "threshold" in first["reason"]
    assert scorer.explain("   ")._repr_html_().count("no sentences") == 1
    dated = scorer.explain("date 2020-01-01\n" + SENTENCE)
    assert dated.sentences[0]["start"] == 16
    assert dated.sentences[0]["cues"][0]["start"] == first["cues"][0]["start"] + 16


def test_evaluate_equals_cli_eval_json(scorer, cli, tmp_path):
    sentences = [
        ("1", "The drug may help some patients."),
        ("0", "The drug helps patients."),
        ("1", "It is possible that the bridge reopens."),
        ("0", "The bridge reopened on Monday."),
        ("1", "Approximately 40 people attended."),
        ("0", "It is clearly wrong."),
        ("1", "Some critics argue it could fail."),
        ("0", "The vote was held in May."),
    ]
    gold = tmp_path / "gold.tsv"
    gold.write_text("".join(f"{label}\t{text}\n" for label, text in sentences), encoding="utf-8")
    expected = json.loads(cli("eval", "--format", "json", str(gold)).stdout)[0]
    del expected["file"]
    texts = [t for _, t in sentences]
    labels = [int(label) for label, _ in sentences]
    assert hedgescore.evaluate(texts, labels, scorer=scorer) == expected
    ratings = hedgescore.evaluate(texts, [1, 5, 2, 6, 2, 6, 1, 5])
    assert ratings["ratings"] is True and ratings["f1_interval"] is None
    assert hedgescore.evaluate(texts, labels, seed=7) != hedgescore.evaluate(texts, labels)
