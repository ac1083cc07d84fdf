"""Convert IPTC's Media Topic NewsCodes into tagwerk's compact table of Media Topics.

    python scripts/mediatopics_table.py IPTC-MediaTopic-NewsCodes.xlsx
    python scripts/mediatopics_table.py mediatopic.json      # IPTC's SKOS/IKOS JSON export

Reads either of IPTC's two downloads of the vocabulary (the spreadsheet, whose Level1..Level6
columns give each topic's level and, by the rows above it, its broader topic; or the JSON export
with ``broader`` links) and writes ``src/tagwerk/topics/data/mediatopics.tsv``: one line per
topic with its code, level, broader code, German and English label, the Wikidata item IPTC maps
it to and, for a retired topic, the date IPTC retired it (agencies still send retired codes, so
they stay readable; tagwerk never suggests them). IPTC NewsCodes are CC BY 4.0 (see
``LICENSE-IPTC.txt`` beside the table).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

OUT = Path(__file__).resolve().parents[1] / "src" / "tagwerk" / "topics" / "data" / "mediatopics.tsv"
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_URI = re.compile(r"mediatopic/(\d{8})")
_QID = re.compile(r"wikidata\.org/(?:entity|wiki)/(Q\d+)")


def _column(ref: str) -> int:
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):  # type: ignore[union-attr]
        n = n * 26 + ord(ch) - 64
    return n - 1


def _xlsx_rows(path: Path) -> list[list[str]]:
    with zipfile.ZipFile(path) as zf:
        strings = []
        if "xl/sharedStrings.xml" in zf.namelist():
            for si in ET.fromstring(zf.read("xl/sharedStrings.xml")).findall("m:si", _NS):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
        sheet = ET.fromstring(zf.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{_NS['m']}}}row"):
        cells: dict[int, str] = {}
        for c in row.findall("m:c", _NS):
            v = c.find("m:v", _NS)
            if c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{{{_NS['m']}}}t"))
            elif v is None:
                continue
            elif c.get("t") == "s":
                text = strings[int(v.text or 0)]
            else:
                text = v.text or ""
            cells[_column(c.get("r", "A"))] = text.strip()
        if cells:
            rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return rows


def from_xlsx(path: Path) -> list[dict[str, str]]:
    rows = _xlsx_rows(path)
    start = next(i for i, row in enumerate(rows) if "NewsCode-URI" in row)
    head = rows[start]
    col = {name: i for i, name in enumerate(head)}
    levels = [col[f"Level{n}/NewsCode"] for n in range(1, 7) if f"Level{n}/NewsCode" in col]

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i] if i is not None and i < len(row) else ""

    out = []
    stack: list[str] = []  # the last code seen at each level
    for row in rows[start + 1 :]:
        code = next((m.group(1) for m in [_URI.search(cell(row, "NewsCode-URI"))] if m), "")
        level = next((n + 1 for n, i in enumerate(levels) if i < len(row) and row[i]), 0)
        if not code or not level:
            continue
        del stack[level - 1 :]
        broader = stack[-1] if stack else ""
        stack.append(code)
        qid = _QID.search(cell(row, "Wikidata mapping"))
        out.append({
            "code": code, "level": str(level), "broader": broader,
            "de": cell(row, "Name (de)"), "en": cell(row, "Name (en-GB)"), "wikidata": qid.group(1) if qid else "",
            "retired": cell(row, "RetiredDate")[:10],
        })
    return out


def from_json(path: Path) -> list[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    concepts = data.get("conceptSet") or []
    broader: dict[str, str] = {}
    records: dict[str, dict[str, str]] = {}
    for c in concepts:
        m = _URI.search(c.get("uri", "")) or re.search(r"(\d{8})", c.get("qcode", ""))
        if not m:
            continue
        code = m.group(1)
        up = [b for b in c.get("broader") or [] if _URI.search(b) or re.search(r"\d{8}", b)]
        if up:
            broader[code] = re.search(r"(\d{8})", up[0]).group(1)  # type: ignore[union-attr]
        labels = c.get("prefLabel") or {}
        qid = next((q.group(1) for q in (_QID.search(x) for x in c.get("exactMatch") or []) if q), "")
        records[code] = {"code": code, "broader": broader.get(code, ""), "de": labels.get("de", ""),
                         "en": labels.get("en-GB", ""), "wikidata": qid,
                         "retired": str(c.get("retired") or "")[:10]}

    def level(code: str) -> int:
        n, seen = 1, {code}
        while broader.get(code) and broader[code] not in seen:
            code = broader[code]
            seen.add(code)
            n += 1
        return n

    out = []
    for code, rec in records.items():
        rec["level"] = str(level(code))
        out.append(rec)
    return out


def write(records: list[dict[str, str]], out: Path) -> None:
    known = {r["code"] for r in records}
    records = sorted(records, key=lambda r: (int(r["level"]), r["code"]))
    lines = ["# IPTC Media Topic NewsCodes (c) IPTC, CC BY 4.0 - see LICENSE-IPTC.txt. Made by scripts/mediatopics_table.py.",
             "code\tlevel\tbroader\tde\ten\twikidata\tretired"]
    for r in records:
        if r["broader"] and r["broader"] not in known:
            raise SystemExit(f"{r['code']}: broader topic {r['broader']} is not in the table")
        fields = [r["code"], r["level"], r["broader"], r["de"] or r["en"], r["en"], r["wikidata"], r["retired"]]
        lines.append("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path, help="IPTC-MediaTopic-NewsCodes.xlsx or IPTC's mediatopic JSON export")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    records = from_xlsx(args.path) if args.path.suffix.lower() == ".xlsx" else from_json(args.path)
    if not records:
        sys.exit(f"{args.path}: no Media Topics found")
    write(records, args.out)
    levels: dict[str, int] = {}
    for r in records:
        levels[r["level"]] = levels.get(r["level"], 0) + 1
    missing_de = sum(1 for r in records if not r["de"])
    retired = sum(1 for r in records if r["retired"])
    print(f"{len(records)} topics ({retired} retired) ({', '.join(f'level {k}: {v}' for k, v in sorted(levels.items()))}), "
          f"{missing_de} without a German label -> {args.out}")


if __name__ == "__main__":
    main()
