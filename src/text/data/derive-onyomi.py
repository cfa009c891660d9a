#!/usr/bin/env python3
"""Derive one Sino-Japanese (on) reading per kanji from IPADIC's verbal nouns.

Noun.verbal.csv holds サ変 nouns (研究, 勉強, 安心): almost all are Sino-Japanese compounds read
in on-readings. Each two-kanji entry's reading is split between its kanji in every possible
way; a few rounds of expectation-maximisation find the split that the whole table agrees on,
and each kanji's most likely reading is kept when enough words support it.

usage: derive-onyomi.py <mecab-ipadic-2.7.0-20070801 dir> > onyomi.tsv
(the IPADIC source is inside the lindera-ipadic 0.28 crate, resources/*.tar.gz)
"""
import collections
import sys
from pathlib import Path

SMALL = set("ゃゅょぁぃぅぇぉゎ")


def hira(s):
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def morae(r):
    out = []
    for c in r:
        if c in SMALL and out:
            out[-1] += c
        else:
            out.append(c)
    return out


def main():
    words = []
    for line in open(Path(sys.argv[1]) / "Noun.verbal.csv", encoding="euc-jp", errors="replace"):
        f = line.split(",")
        if len(f) < 12:
            continue
        s, r = f[0], hira(f[11])
        if len(s) == 2 and all("\u4e00" <= c <= "\u9fff" for c in s) and 2 <= len(morae(r)) <= 6:
            m = morae(r)
            words.append((s, [("".join(m[:i]), "".join(m[i:])) for i in range(1, len(m))]))
    weight = collections.defaultdict(collections.Counter)
    for s, splits in words:
        for a, b in splits:
            weight[s[0]][a] += 1 / len(splits)
            weight[s[1]][b] += 1 / len(splits)
    for _ in range(6):
        new = collections.defaultdict(collections.Counter)
        for s, splits in words:
            scores = [weight[s[0]][a] * weight[s[1]][b] for a, b in splits]
            total = sum(scores) or 1
            for (a, b), x in zip(splits, scores):
                new[s[0]][a] += x / total
                new[s[1]][b] += x / total
        weight = new
    print("# One on (Sino-Japanese) reading per kanji, derived from IPADIC's verbal nouns")
    print("# (Noun.verbal.csv) by derive-onyomi.py; see there. kanji<TAB>reading<TAB>support")
    for k in sorted(weight):
        (reading, w), = weight[k].most_common(1)
        # Readings ending in っ are the form before a voiceless consonant (学 がっ); skip them,
        # and keep only readings that at least two words support.
        if w >= 2 and not reading.endswith("っ") and len(morae(reading)) <= 2:
            print(f"{k}\t{reading}\t{w:.0f}")


main()
