#!/usr/bin/env python3
"""Derive one Sino-Japanese (on) reading per kanji from IPADIC's verbal nouns.

Noun.verbal.csv holds サ変 nouns (研究, 勉強, 安心): almost all are Sino-Japanese compounds read
in on-readings. Each two-kanji entry's reading is split between its kanji in every possible
way; a few rounds of expectation-maximisation find the split that the whole table agrees on,
and each kanji's most likely reading is kept when enough words support it.

A second pass does the same over all two-kanji common nouns (Noun.csv, Noun.adjv.csv as well):
its readings are written after the first table, for the kanji the verbal nouns leave out, as
a fallback (some are native readings; the reader uses them only for kanji IPADIC cannot read
at all, and for names before a facility suffix).

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


def load(root, files):
    words = []
    for name in files:
        for line in open(Path(root) / name, encoding="euc-jp", errors="replace"):
            f = line.split(",")
            if len(f) < 12:
                continue
            s, r = f[0], hira(f[11])
            if len(s) == 2 and all("\u4e00" <= c <= "\u9fff" for c in s) and 2 <= len(morae(r)) <= 6:
                m = morae(r)
                words.append((s, [("".join(m[:i]), "".join(m[i:])) for i in range(1, len(m))]))
    return words


def em(words):
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
    return weight


def keep(weight):
    out = {}
    for k in sorted(weight):
        # Readings ending in っ are the form before a voiceless consonant (学 がっ): take the
        # most likely full form instead (一 いち); the reader doubles it where it joins.
        # Keep only readings that at least two words support.
        ranked = [(r, w) for r, w in weight[k].most_common() if not r.endswith("っ")]
        if not ranked:
            continue
        reading, w = ranked[0]
        if w >= 2 and len(morae(reading)) <= 2:
            out[k] = (reading, w)
    return out


def main():
    root = sys.argv[1]
    verbal = keep(em(load(root, ["Noun.verbal.csv"])))
    broad = keep(em(load(root, ["Noun.verbal.csv", "Noun.csv", "Noun.adjv.csv"])))
    print("# One on (Sino-Japanese) reading per kanji, derived from IPADIC's verbal nouns")
    print("# (Noun.verbal.csv) by derive-onyomi.py; see there. kanji<TAB>reading<TAB>support")
    for k, (reading, w) in verbal.items():
        print(f"{k}\t{reading}\t{w:.0f}")
    print("# Fallback: kanji the verbal nouns leave out, from all two-kanji common nouns.")
    for k, (reading, w) in broad.items():
        if k not in verbal:
            print(f"{k}\t{reading}\t{w:.0f}")
    print("# By hand: kanji that names use for their sound, which IPADIC has no word for.")
    print("乃\tの\t0")


main()
