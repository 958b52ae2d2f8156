#!/usr/bin/env bash
# The Spark examples of docs/PYTHON.md, run as they stand there (each is
# the code block after a "<!-- tested by tests/spark.sh: NAME -->" line),
# in local-mode PySpark on the BBC articles as JSON lines:
#   pipe         RDD.pipe through the binary;
#   mapInPandas  the Python module in each task.
# Each checks that every input row comes back once, with the scores the
# command line gives the same rows.
# PYTHON names the Python with pyspark (default python3). Skips (exit 0,
# with a message) without Java, pyspark or the articles in ../shared; the
# mapInPandas check also without the hedgescore module, pandas or pyarrow.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
python=${PYTHON:-python3}
articles=../shared/data/articles/bbc-news
skip() { echo "spark.sh: skipping: $*"; exit 0; }
command -v java >/dev/null || skip "no Java runtime"
"$python" -c "import pyspark" 2>/dev/null || skip "the pyspark package is not installed (pip install pyspark)"
[ -d "$articles" ] || skip "$articles not found"

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" - "$articles" "$work/articles.jsonl" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        f.write(json.dumps({"id": f"{path.parent.name}/{path.name}",
                            "category": path.parent.name, "text": text}) + "\n")
PY
# What the command line gives the same rows, read whole from a file.
target/release/hedgescore score --quiet --format jsonl "$work/articles.jsonl" > "$work/cli.jsonl"

# The snippets find the binary on the PATH, as a user's would; Spark's
# Python workers are this Python.
export PATH="$root/target/release:$PATH" PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python"
run_snippet() {  # Spark's log goes to a file, shown if the snippet fails
  (cd "$work" && timeout 900 "$python" - "$root/docs/PYTHON.md" "$1" 2>"$work/$1.log" <<'PY'
import json, pathlib, re, sys
doc, name = sys.argv[1], sys.argv[2]
marker = f"<!-- tested by tests/spark.sh: {name} -->"
text = pathlib.Path(doc).read_text(encoding="utf-8")
found = re.search(re.escape(marker) + r"\s*```python\n(.*?)```", text, re.S)
assert found, f"no snippet after {marker!r} in {doc}"
from pyspark.sql import SparkSession
# The snippet's getOrCreate() takes this session: local, two cores, quiet.
spark = (SparkSession.builder.master("local[2]").appName(f"hedgescore-{name}")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
exec(compile(found.group(1), f"{doc}: {name}", "exec"), {"__name__": "snippet"})
spark.stop()
PY
  ) || { cat "$work/$1.log"; echo "spark.sh: the $1 snippet of docs/PYTHON.md failed"; exit 1; }
}

echo "spark.sh: pipe (RDD.pipe through the binary)"
run_snippet pipe
"$python" - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
def by_id(lines):
    rows = [json.loads(l) for l in lines if l.strip()]
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids), "a row came back twice"
    # `article` names the line in what each partition's process read.
    return {r["id"]: {k: v for k, v in r.items() if k != "article"} for r in rows}
cli = by_id((work / "cli.jsonl").read_text(encoding="utf-8").splitlines())
parts = sorted((work / "scored").glob("part-*"))
piped = by_id(l for p in parts for l in p.read_text(encoding="utf-8").splitlines())
assert len(piped) == len(cli) == 2225, f"{len(cli)} rows in, {len(piped)} out"
assert piped == cli, "a piped row differs from the command line's"
print(f"spark.sh: pipe: {len(piped)} rows back once each, equal to the command line's")
PY

if ! "$python" -c "import hedgescore, pandas, pyarrow" 2>/dev/null; then
  echo "spark.sh: skipping mapInPandas: this Python lacks the hedgescore module, pandas or pyarrow (pip install ./python pandas pyarrow)"
  exit 0
fi
echo "spark.sh: mapInPandas (the Python module in each task)"
run_snippet mapInPandas
"$python" - "$work" <<'PY'
import json, math, pathlib, sys
import pandas as pd
work = pathlib.Path(sys.argv[1])
cli = [json.loads(l) for l in (work / "cli.jsonl").read_text(encoding="utf-8").splitlines()]
cli = {r["id"]: r for r in cli}
frame = pd.read_parquet(work / "scored.parquet")
ids = frame["article"].tolist()
assert len(ids) == len(set(ids)) == len(cli) == 2225, f"{len(cli)} rows in, {len(ids)} out"
assert set(ids) == set(cli), "some rows were lost"
for row in frame.to_dict("records"):
    want = cli[row["article"]]
    for key, value in want.items():
        if key in ("article", "id", "category", "text"):
            continue
        if key == "by_category":
            assert all(row[c] == n for c, n in value.items()), (row["article"], key)
        elif key == "top_cues":
            assert row[key] == "; ".join(f"{c['cue']}:{c['count']}" for c in value), row["article"]
        elif value is None:
            assert row[key] is None or (isinstance(row[key], float) and math.isnan(row[key])), key
        else:
            assert row[key] == value, (row["article"], key, row[key], value)
print(f"spark.sh: mapInPandas: {len(ids)} rows back once each, with the command line's scores")
PY
