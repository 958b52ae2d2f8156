"""Shared fixtures: the command-line binary the rows are compared with,
the repository's fixture article and the BBC articles of ../shared."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

import hedgescore

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "sample-article.txt"
BBC = ROOT.parent / "shared" / "data" / "articles" / "bbc-news"


def _binary() -> pathlib.Path | None:
    given = os.environ.get("HEDGESCORE_BIN")
    if given:
        return pathlib.Path(given)
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "hedgescore"
        if path.exists():
            return path
    return None


@pytest.fixture(scope="session")
def cli():
    """Runs the hedgescore binary; its output as text (exit status kept)."""
    binary = _binary()
    if binary is None or not binary.exists():
        pytest.skip("no hedgescore binary: set HEDGESCORE_BIN or run cargo build --release")

    def run(*args: str, stdin: str | None = None, check: bool = True):
        env = dict(os.environ, NO_COLOR="1")
        done = subprocess.run(
            [str(binary), *args], input=stdin, capture_output=True, text=True, env=env
        )
        if check and done.returncode != 0:
            raise AssertionError(f"hedgescore {' '.join(args)}: {done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    """The JSON rows the binary writes for `args`."""

    def run(*args: str, stdin: str | None = None):
        return json.loads(cli(*args, "--format", "json", "--quiet", stdin=stdin).stdout)

    return run


@pytest.fixture(scope="session")
def bbc_sample():
    """Every 20th BBC article (about 110), as (path, text) pairs."""
    if not BBC.is_dir():
        pytest.skip(f"{BBC} not found (the BBC articles live in ../shared)")
    paths = sorted(BBC.glob("*/*.txt"))[::20]
    return [(p, p.read_bytes().decode("utf-8", "replace")) for p in paths]


@pytest.fixture(scope="session")
def scorer():
    return hedgescore.Scorer()


def write_jsonl(path: pathlib.Path, records: list[dict]) -> pathlib.Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
