#!/usr/bin/env bash
# hedgescore as the mapper of a Spark job: a local-mode PySpark job pipes a
# few thousand BBC articles (JSON lines) through
#   hedgescore score --input-format jsonl --format jsonl
# and checks that every input row comes back scored, once, with its fields.
# Skips (exit 0, with a message) when Java, the pyspark package or the
# articles in ../shared are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=../shared/data/articles/bbc-news
skip() { echo "spark.sh: skipping: $*"; exit 0; }
command -v java >/dev/null || skip "no Java runtime"
python3 -c "import pyspark" 2>/dev/null || skip "the pyspark package is not installed (pip install pyspark)"
[ -d "$articles" ] || skip "$articles not found"

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$articles" "$work/articles.jsonl" <<'PY'
import json, pathlib, sys
root, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for path in sorted(root.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        f.write(json.dumps({"id": f"{path.parent.name}/{path.name}",
                            "category": path.parent.name, "text": text}) + "\n")
PY
binary=$(pwd)/target/release/hedgescore
timeout 600 python3 - "$work/articles.jsonl" "$binary" <<'PY'
import json, sys
from pyspark.sql import SparkSession
path, binary = sys.argv[1], sys.argv[2]
spark = (SparkSession.builder.master("local[2]").appName("hedgescore-pipe")
         .config("spark.ui.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
lines = spark.sparkContext.textFile(path, minPartitions=4)
scored = lines.pipe(f"{binary} score --input-format jsonl --format jsonl --threads 1 --quiet")
inputs = [json.loads(l)["id"] for l in lines.collect()]
rows = [json.loads(l) for l in scored.collect()]
spark.stop()
ids = [r["id"] for r in rows]
assert len(rows) == len(inputs), f"{len(inputs)} rows in, {len(rows)} out"
assert sorted(ids) == sorted(inputs), "some input rows were lost or duplicated"
assert all(r["status"] == "ok" and r["sentences"] > 0 for r in rows), "a row was not scored"
assert all(r["category"] == r["id"].split("/")[0] for r in rows), "carried fields lost"
uncertain = sum(r["uncertain_sentences"] for r in rows) / sum(r["sentences"] for r in rows)
print(f"spark.sh: {len(rows)} articles piped through hedgescore by Spark, all scored; "
      f"{uncertain:.1%} of sentences uncertain")
PY
