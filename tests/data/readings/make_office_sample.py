#!/usr/bin/env python3
"""Draw the office-name gold sample (offices.tsv) from the WAM NET open data.

Deterministic: the same CSVs always give the same file. Offices are grouped by their
operator (法人番号, or the operator's name when the number is missing or malformed) and a
group goes wholly to the held-out test side or wholly to the development side, so that
branches of one operator ("…ワークス渋谷", "…ワークス新宿") cannot leak name parts from
development into the test. Only the test side is written here; the development side is
what the module's name-part data may be checked against (see README.md).

usage: make_office_sample.py <wam-dir> <out.tsv> [<dev-out.tsv>]
"""
import csv
import hashlib
import sys
import unicodedata
from pathlib import Path

FILES = ["a-type.csv", "transition.csv", "retention.csv"]
TEST_BUCKETS = 8  # of 100: about 700 distinct names land on the test side
SAMPLE = 600


def h(s: str) -> int:
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest()[:12], 16)


def group_key(row: dict) -> str:
    number = "".join(row["法人番号"].split())
    if len(number) == 13 and number.isdigit():
        return "n:" + number
    name = unicodedata.normalize("NFKC", row["法人の名称"])
    return "s:" + "".join(name.split())


def main() -> None:
    wam, out = Path(sys.argv[1]), Path(sys.argv[2])
    dev_out = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    seen, test, dev = set(), [], []
    for file in FILES:
        with open(wam / file, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                name, kana = row["事業所の名称"].strip(), row["事業所の名称_かな"].strip()
                if not name or not kana or "\t" in name + kana:
                    continue
                key = unicodedata.normalize("NFKC", name + "\t" + kana)
                if key in seen:
                    continue
                seen.add(key)
                side = test if h(group_key(row)) % 100 < TEST_BUCKETS else dev
                side.append((name, kana, file.removesuffix(".csv")))
    test.sort(key=lambda r: h(r[0] + "\t" + r[1]))
    write(out, sorted(test[:SAMPLE], key=lambda r: r[0]))
    if dev_out:
        write(dev_out, sorted(dev, key=lambda r: r[0]))
    print(f"test side {len(test)} rows, wrote {min(len(test), SAMPLE)}; development side {len(dev)}")


def write(path: Path, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("name\tkana\tservice\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
