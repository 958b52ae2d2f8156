#!/usr/bin/env bash
# The spreadsheet check, with real programs: every CSV and TSV hedgescore
# writes opens in LibreOffice without a single formula, the hostile texts
# in it surviving as text; an .xlsx written by openpyxl goes in; our .xlsx
# comes out and openpyxl and LibreOffice read it back with the right types.
#
#   bash tests/spreadsheet/check.sh BINARY
#
# Needs soffice (LibreOffice) and python3 with openpyxl; tests/spreadsheets.rs
# runs it when they are there. LibreOffice is slow to start, so it is started
# twice in all: once for every CSV and workbook, once for the TSV (which
# needs a filter of its own).
set -euo pipefail
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$work"

python3 "$here/check.py" write

score() { "$bin" score -q "$@"; }
score --format csv --id-column id --level article hostile.csv dated.txt -o article.csv
score --format csv --id-column id --level sentence hostile.csv dated.txt -o sentence.csv
score --format csv --excel --id-column id hostile.csv -o excel.csv
score --format csv --raw-cells --id-column id --level sentence hostile.csv -o raw.csv
score --format xlsx --id-column id --level article hostile.csv dated.txt -o article.xlsx
score --format xlsx --id-column id --level sentence hostile.csv dated.txt -o sentence.xlsx
score --format csv --id-column id --level sentence other-program.xlsx -o from-openpyxl.csv
score --format jsonl --id-column id other-program.xlsx -o from-openpyxl.jsonl
score --format xlsx --id-column id other-program.xlsx -o from-openpyxl.xlsx
"$bin" lexicon stats --no-default-lexicon --lexicon lexicon.tsv gold.tsv > stats.tsv

# A profile of its own: a LibreOffice already running would take the files
# and convert nothing.
office() {
  soffice -env:UserInstallation="file://$work/profile" --headless "$@" >/dev/null 2>&1
}
office --convert-to fods --outdir lo article.csv sentence.csv excel.csv raw.csv \
  from-openpyxl.csv article.xlsx sentence.xlsx
office --infilter="CSV:9,34,76,1" --convert-to fods --outdir lo stats.tsv

python3 "$here/check.py" check
