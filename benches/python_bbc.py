"""The Python module against the command line and a pure-Python regex
scorer, on the 2,225 BBC articles, side by side in one run.

    python benches/python_bbc.py [--runs 5] [--bin target/release/hedgescore]

- CLI: `hedgescore score --format csv` over the BBC folder (reading the
  files, writing CSV to /dev/null), as a subprocess.
- Python: `scorer.articles_frame(texts)` with the texts already in a pandas
  Series (a DataFrame out); also `scorer.articles(texts)` (dicts) and the
  sentence level, for reference.
- Regex: the cue list of `hedgescore lexicon list` (every hedge and booster
  entry; `*` as a word's end) as one compiled alternation with word
  boundaries, case-insensitive, run over each sentence of a simple
  splitter (`(?<=[.!?])\\s+`), counting hedge and booster matches and
  their weights per sentence and an uncertain sentence as the scorer
  labels one (hedge weight >= 1 and >= booster weight). It does far less
  than hedgescore (no rules, no negation, no abbreviations): a floor.

Each is timed `--runs` times, interleaved, and the medians printed; the
regex, which takes a minute or so, only in the first round.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import statistics
import subprocess
import tempfile
import time

import pandas as pd

import hedgescore

ROOT = pathlib.Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "articles" / "bbc-news"


def regex_scorer(binary: str):
    """A scorer of one compiled alternation over the lexicon's cues."""
    listing = subprocess.run([binary, "lexicon", "list"], capture_output=True, text=True, check=True)
    weights: dict[str, tuple[float, bool]] = {}
    for line in listing.stdout.splitlines()[2:]:
        if line.startswith("#") or "\t" not in line:
            continue
        cue, weight, category = line.split("\t")[:3]
        if category in ("negator", "neutral", ""):
            continue
        weights[cue.lower()] = (float(weight), category == "booster")
    parts = []
    for cue in sorted(weights, key=len, reverse=True):
        pattern = re.escape(cue).replace(r"\ ", r"\s+")
        parts.append(pattern[:-2] + r"\w*" if cue.endswith("*") else pattern)
    cues = re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
    stars = [(c[:-1], w) for c, w in weights.items() if c.endswith("*")]
    splitter = re.compile(r"(?<=[.!?])\s+")

    def weight_of(found: str) -> tuple[float, bool]:
        key = " ".join(found.lower().split())
        if key in weights:
            return weights[key]
        return next(w for stem, w in stars if key.startswith(stem))

    def score(texts: list[str]) -> list[tuple[int, int]]:
        rows = []
        for text in texts:
            sentences = uncertain = 0
            for sentence in splitter.split(text):
                if not sentence.strip():
                    continue
                sentences += 1
                hedge = boost = 0.0
                for found in cues.findall(sentence):
                    weight, booster = weight_of(found)
                    if booster:
                        boost += weight
                    else:
                        hedge += weight
                uncertain += hedge >= 1.0 and hedge >= boost
            rows.append((sentences, uncertain))
        return rows

    return score, len(weights)


def timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bin", default=str(ROOT / "target" / "release" / "hedgescore"))
    args = parser.parse_args()
    paths = sorted(BBC.glob("*/*.txt"))
    texts = pd.Series(
        [p.read_bytes().decode("utf-8", "replace") for p in paths],
        index=[str(p.relative_to(BBC)) for p in paths],
    )
    ids = pd.Series(texts.index, index=texts.index)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    start = time.perf_counter()
    scorer = hedgescore.Scorer()
    build = time.perf_counter() - start
    regex, n_cues = regex_scorer(args.bin)
    as_list = texts.tolist()
    # The CSV goes to a file: the CLI takes a standard output opened read
    # and write on /dev/null (subprocess.DEVNULL) for a closed one.
    out = tempfile.TemporaryFile()
    cli = [args.bin, "score", "--quiet", "--format", "csv", str(BBC)]
    # Exit status 1: one BBC file has a bad byte, repaired and reported.
    runs = {
        "CLI: hedgescore score --format csv (files)": lambda: subprocess.run(
            cli, stdout=out, stderr=subprocess.PIPE
        ),
        "Python: articles_frame(Series)": lambda: scorer.articles_frame(texts, ids=ids),
        "Python: articles(list) -> dicts": lambda: scorer.articles(as_list),
        "Python: sentences_frame(Series)": lambda: scorer.sentences_frame(texts, ids=ids),
        f"regex: one alternation of {n_cues} cues": lambda: regex(as_list),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    regex_name = list(runs)[-1]
    for round in range(args.runs):
        for name, run in runs.items():
            if name != regex_name or round == 0:
                times[name].append(timed(run))
    medians = {name: statistics.median(t) for name, t in times.items()}
    cli_time = medians["CLI: hedgescore score --format csv (files)"]
    frame_time = medians["Python: articles_frame(Series)"]
    print(f"{len(texts)} BBC articles, {megabytes:.1f} MB; {args.runs} runs each, medians;"
          f" scorer built in {build * 1000:.0f} ms")
    for name, median in medians.items():
        print(f"  {name:45} {median:7.3f} s   {median / cli_time:5.2f} x CLI")
    print(f"  Python article frame / CLI: {frame_time / cli_time:.2f}")
    print(f"  regex / Python article frame: {medians[regex_name] / frame_time:.1f}")


if __name__ == "__main__":
    main()
