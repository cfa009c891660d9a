#!/usr/bin/env python3
"""Draw the office gold sample (offices.tsv) from the WAM NET open data, split by prefecture.

Deterministic: the same CSVs always give the same files. Whole prefectures are held out: in
each region of Japan, a quarter of its prefectures (at least one), chosen by a hash of the
prefecture's name, go to the held-out test side with every office in them; the others are the
development side. A split by operator (the earlier rule) let place names leak between the halves:
an office in 千波町 on one side taught the reader 千波 for an office on the other. By
prefecture, no district of a held-out prefecture is seen while fitting.

Only the held-out side is written to the repository; the development side is what the reader's
rules and data may be checked against (see README.md).

usage: make_office_sample.py <wam-dir> <out.tsv> [<dev-out.tsv>]
"""
import csv
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

FILES = ["a-type.csv", "transition.csv", "retention.csv"]

# The eight regions of Japan (地方区分), as geography textbooks draw them.
REGIONS = {
    "北海道": ["北海道"],
    "東北": ["青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県"],
    "関東": ["茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県"],
    "中部": ["新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県"],
    "近畿": ["三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県"],
    "中国": ["鳥取県", "島根県", "岡山県", "広島県", "山口県"],
    "四国": ["徳島県", "香川県", "愛媛県", "高知県"],
    "九州・沖縄": ["福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"],
}
PREFECTURE = re.compile(r"^(北海道|東京都|京都府|大阪府|.{2,3}?県)")


def h(s: str) -> int:
    return int(hashlib.sha256(s.encode("utf-8")).hexdigest()[:12], 16)


def held_out(present: set) -> dict:
    """Prefecture -> region, for the held-out prefectures among those present in the data."""
    out = {}
    for region, prefs in REGIONS.items():
        prefs = sorted((p for p in prefs if p in present), key=h)
        for p in prefs[: max(1, round(len(prefs) / 4))] if prefs else []:
            out[p] = region
    return out


def main() -> None:
    wam, out = Path(sys.argv[1]), Path(sys.argv[2])
    dev_out = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    rows = []
    for file in FILES:
        with open(wam / file, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                rows.append((file.removesuffix(".csv"), row))
    def prefecture(row):
        m = PREFECTURE.match(unicodedata.normalize("NFKC", row["事業所住所（市区町村）"]).strip())
        return m.group(1) if m else ""
    present = {prefecture(r) for _, r in rows}
    test_prefs = held_out(present)
    region_of = {p: r for r, ps in REGIONS.items() for p in ps}
    seen, test, dev = set(), [], []
    for service, row in rows:
        name, kana = row["事業所の名称"].strip(), row["事業所の名称_かな"].strip()
        city, street = row["事業所住所（市区町村）"].strip(), row["事業所住所（番地以降）"].strip()
        fields = (name, kana, city, street)
        if not name or not city or any("\t" in f or "\n" in f for f in fields):
            continue
        key = unicodedata.normalize("NFKC", "\t".join(fields))
        if key in seen:
            continue
        seen.add(key)
        pref = prefecture(row)
        line = (name, kana, service, region_of.get(pref, ""), city, street)
        (test if pref in test_prefs else dev).append(line)
    key = lambda r: (list(REGIONS).index(r[3]) if r[3] in REGIONS else 99, r[4], r[0], r[1])
    write(out, sorted(test, key=key))
    if dev_out:
        write(dev_out, sorted(dev, key=key))
    print("held out:", ", ".join(f"{p} ({r})" for p, r in sorted(test_prefs.items(), key=lambda x: list(REGIONS).index(x[1]))))
    print(f"held-out side {len(test)} rows; development side {len(dev)}")


def write(path: Path, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("name\tkana\tservice\tregion\tcity\tstreet\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
