"""The inputs and the checks of check.sh (which see).

  python3 check.py write   writes the inputs into the current folder
  python3 check.py check   checks what hedgescore and LibreOffice made of them
"""

import datetime
import json
import sys
import xml.etree.ElementTree as ET

import openpyxl

HYPERLINK = '=HYPERLINK("http://x","click")'
# (id, text, note, score, published): ids, texts and carried values that a
# spreadsheet would run as formulas, and numbers that must stay numbers.
HOSTILE_ROWS = [
    (HYPERLINK, "\t=1+2 is what it may cost.", "@cmd", "-3", "2024-01-02"),
    ("+cmd", "It rains. -- It may pour.", "-", "+0.5", ""),
    ("=1+1", "=SUM(1,2) may be it.", "-1-1", "1e5", ""),
    ("tab", "It may.\r=2+2 then.", "\t=3+3", "0.25", ""),
]
# Every text above that begins as a formula, as CSV must show it: after an
# apostrophe (the tab before "=1+2" and the carriage return before "=2+2"
# folded away in sentence rows).
GUARDED_TEXTS = ["'" + HYPERLINK, "'@cmd", "'+cmd", "'=1+1", "'=1+2 is what it may cost.",
                 "'-- It may pour.", "'=SUM(1,2) may be it.", "'-1-1", "'\t=3+3"]
# Plain numbers are written as they are: -3 is a number in any spreadsheet;
# whether "+0.5" and "1e5" are depends on its import settings ("detect
# special numbers"), but they must never get the guard's apostrophe.
NUMBERS_KEPT = [-3]
NUMBERS_UNGUARDED = ["'-3", "'+0.5", "'1e5", "'-"]

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def write():
    import csv
    with open("hostile.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        out.writerow(["id", "text", "note", "score", "published"])
        out.writerows(HOSTILE_ROWS)
    with open("dated.txt", "w") as f:
        f.write("date 2024-03-05\nIt may rain in March.\n")
    with open("lexicon.tsv", "w") as f:
        f.write("cue\tweight\tcategory\n=maybe\t0.5\tmodal\n-ish\t1\tapproximator\n@perhaps\t1\tadverb\n")
    with open("gold.tsv", "w") as f:
        f.write("1\tIt is =maybe so.\n0\tIt is so.\n1\t@perhaps it is.\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Articles"
    sheet.append(["id", "text", "year", "published", "checked"])
    sheet.append(["a1", "The bridge could reopen in May.", 2019, datetime.date(2024, 1, 2), True])
    sheet.append(["a2", "", 2020.5, datetime.datetime(2024, 1, 2, 10, 30), False])
    sheet.append(["a3", "It rains.", None, None, None])
    # openpyxl writes a text that begins with "=" as a formula unless told.
    sheet["B3"].value = HYPERLINK
    sheet["B3"].data_type = "s"
    book.save("other-program.xlsx")


def paragraph_text(element):
    """The text of a paragraph, with its tabs and runs of spaces."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
        else:
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def cells_of(fods):
    """The cells of a flat OpenDocument file: (value type, formula, text, value)."""
    rows = []
    for row in ET.parse(fods).getroot().iter(f"{{{TABLE}}}table-row"):
        cells = []
        for cell in row.findall(f"{{{TABLE}}}table-cell"):
            text = "\n".join(paragraph_text(p) for p in cell.findall(f"{{{TEXT}}}p"))
            value = cell.get(f"{{{OFFICE}}}value") or cell.get(f"{{{OFFICE}}}date-value")
            repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
            entry = (cell.get(f"{{{OFFICE}}}value-type"), cell.get(f"{{{TABLE}}}formula"), text, value)
            cells.extend([entry] * min(repeat, 64))
        rows.append(cells)
    return rows


# LibreOffice keeps a boolean ("true" in CSV) as the formula TRUE().
BOOLEANS = {"of:=TRUE()", "of:=FALSE()"}


def no_formulas(name):
    formulas = [c for row in cells_of(f"lo/{name}.fods") for c in row if c[1] and c[1] not in BOOLEANS]
    assert not formulas, f"{name}: LibreOffice made formulas: {formulas}"


def texts(name):
    return {c[2] for row in cells_of(f"lo/{name}.fods") for c in row if c[0] == "string"}


def numbers(name):
    return {float(c[3]) for row in cells_of(f"lo/{name}.fods") for c in row if c[0] == "float"}


def check_csv():
    for name in ["article", "sentence", "excel", "from-openpyxl", "stats"]:
        no_formulas(name)
    # The control: without the guard, LibreOffice does run them.
    raw = [c for row in cells_of("lo/raw.fods") for c in row if c[1] and c[1] not in BOOLEANS]
    assert raw, "raw.csv: no formula at all, so LibreOffice evaluates none and the check proves nothing"
    shown = texts("sentence") | texts("article") | texts("excel")
    missing = [t for t in GUARDED_TEXTS if t not in shown]
    assert not missing, f"texts lost or changed: {missing}"
    kept = numbers("sentence")
    assert all(n in kept for n in NUMBERS_KEPT), f"numbers not kept as numbers: {NUMBERS_KEPT} in {sorted(kept)}"
    guarded = [t for t in NUMBERS_UNGUARDED if t in shown]
    assert not guarded, f"numbers guarded as if formulas: {guarded}"
    assert "'=maybe" in texts("stats"), texts("stats")
    print(f"CSV/TSV: no formula in {5} files; {len(raw)} in the unguarded control; hostile texts kept")


def check_xlsx_openpyxl(name, level):
    book = openpyxl.load_workbook(f"{name}.xlsx")
    sheet = book.worksheets[0]
    assert sheet.title == level + "s", sheet.title
    assert sheet.freeze_panes == "A2", sheet.freeze_panes
    header = [c.value for c in sheet[1]]
    assert all(isinstance(h, str) for h in header), header
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    assert all(6 <= w <= 62 for w in widths), widths
    column = {name: i for i, name in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", f"{name}: formula in {cell.coordinate}: {cell.value}"
    by_id = {row[column["article"]].value: row for row in rows}
    first = by_id[HYPERLINK]
    assert first[column["certainty"]].data_type == "n"
    assert first[column["certainty"]].number_format == "0.0000"
    assert first[column["note"]].value == "@cmd"
    assert first[column["score"]].value == -3
    assert first[column["published"]].is_date, first[column["published"]].value
    dated = [r for r in rows if r[column["date"]].value is not None]
    assert dated and dated[0][column["date"]].is_date
    assert dated[0][column["date"]].value.date() == datetime.date(2024, 3, 5)
    count = "sentences" if level == "article" else "sentence"
    assert all(isinstance(r[column[count]].value, int) for r in rows)
    return len(rows)


def check_xlsx_libreoffice(name):
    no_formulas(name)
    rows = cells_of(f"lo/{name}.fods")
    header = [c[2] for c in rows[0]]
    column = {n: i for i, n in enumerate(header) if n}
    body = [r for r in rows[1:] if any(c[0] for c in r)]
    types = {n: {r[i][0] for r in body if i < len(r) and r[i][0]} for n, i in column.items()}
    assert types["article"] == {"string"}, types["article"]
    assert types["certainty"] == {"float"}, types["certainty"]
    assert types["date"] == {"date"}, types["date"]
    assert types["published"] == {"date"}, types["published"]
    assert HYPERLINK in {r[column["article"]][2] for r in body}


def check_openpyxl_input():
    rows = [json.loads(line) for line in open("from-openpyxl.jsonl")]
    assert [r["article"] for r in rows] == ["a1", "a2", "a3"], rows
    assert rows[0]["year"] == 2019 and rows[0]["published"] == "2024-01-02" and rows[0]["checked"] is True
    assert rows[0]["uncertain_sentences"] == 1
    assert rows[1]["least_certain"] == HYPERLINK
    assert rows[1]["published"] == "2024-01-02T10:30:00"
    assert rows[2]["status"] == "ok"
    assert "'" + HYPERLINK in texts("from-openpyxl")
    book = openpyxl.load_workbook("from-openpyxl.xlsx")
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert HYPERLINK in values
    print("openpyxl's .xlsx: read, scored, and written back as CSV and .xlsx")


def check():
    check_csv()
    check_openpyxl_input()
    for level in ["article", "sentence"]:
        n = check_xlsx_openpyxl(level, level)
        check_xlsx_libreoffice(level)
        print(f"{level}.xlsx: {n} rows; openpyxl and LibreOffice read numbers, dates and text, no formula")


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]]()
