"""The README's Python example prints the numbers the command line does."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re

from conftest import ROOT


def test_the_readme_example_gives_the_cli_numbers(cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(import hedgescore\n.*?)```", readme, re.S)
    assert found, "no Python example starting 'import hedgescore' in README.md"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(found.group(1), {})
    rows = ast.literal_eval(printed.getvalue())
    text = re.search(r'articles\(\["(.*?)"\]\)', found.group(1)).group(1)
    expected = json.loads(cli("score", "--format", "json", "--quiet", stdin=text).stdout)
    # Standard input is named "-"; a list's first text "0".
    assert [dict(r, article="-") for r in rows] == expected
