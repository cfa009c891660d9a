#!/usr/bin/env python3
"""Regenerates tests/search/fixture-docs.json: the SearchDocs the query-set test indexes.

It snapshots the example region (content/entries/*.md, site.yaml) through the same mapping the
integrator uses from the typed entry to `search::SearchDoc`, and appends the hand-written
tests/search/extra-docs.json (names with half-width katakana, full-width Latin, 障がい, ヶ, 〜, and
a near-duplicate name). The snapshot is committed so the query set does not move when an example
entry is edited; rerun this after deliberate content changes, then rebuild the fixture index
(INSTA_UPDATE=always cargo test --test search fixture) and review the query-set diff.

    python3 tests/search/make_fixture_docs.py    # needs PyYAML; run in the repository root
"""

import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent

SERVICE_LABELS = {
    "transition": "就労移行支援",
    "a-type": "就労継続支援A型",
    "b-type": "就労継続支援B型",
    "retention": "就労定着支援",
    "selection": "就労選択支援",
    "nakapotsu": "障害者就業・生活支援センター",
    "municipal": "障害者就労支援センター",
    "hellowork": "ハローワーク",
    "vocational-center": "地域障害者職業センター",
    "training-school": "障害者職業能力開発校",
    "consultation": "相談支援事業所",
    "developmental": "発達障害者支援センター",
    "youth-support": "地域若者サポートステーション",
    "other": "その他の相談先",
    "self-advocacy": "当事者会",
    "family": "家族会",
    "peer-support": "ピアサポート",
    "volunteer": "ボランティア",
    "day-place": "居場所",
    "special-subsidiary": "特例子会社",
    "general": "一般企業",
    "public": "官公庁",
}

RUBY = re.compile(r"\{([^|}]+)\|[^}]+\}|｜([^《]+)《[^》]+》")


def plain(text):
    """Markdown and ruby notation to plain text, roughly as the integrator strips it."""
    text = RUBY.sub(lambda m: m.group(1) or m.group(2), text or "")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    return re.sub(r"[*_`>]", "", text).strip()


def yen(n):
    return f"{n:,}"


def glossary_readings(texts, glossary):
    """The readings of the glossary's terms the texts use (a term or one of its aliases), in
    glossary order, each once: as the integrator's `glossary_readings` (src/index.rs)."""
    readings = []
    for term in glossary:
        names = [term["term"], *(term.get("aliases") or [])]
        kana = (term.get("kana") or "").strip()
        if kana and kana not in readings and any(n and n in t for n in names for t in texts):
            readings.append(kana)
    return readings


def entry_doc(path, areas, glossary):
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    e = yaml.safe_load(front)
    ident = e.get("id") or path.stem
    kind = e["kind"]
    services = e.get("services") or []
    if kind == "office":
        service_ids = [s["type"] for s in services]
    else:
        service_ids = [x for x in [e.get("center_type"), e.get("community_type"), e.get("employment")] if x]
    area = areas[e["area"]]
    work = [w for s in services for w in s.get("work") or []]
    work += e.get("jobs") or []
    work += e.get("offers") or []
    wages = [(s["type"], s["wage"]) for s in services if s.get("wage")]
    transport = (e.get("transport") or {}).get("available")
    lunch = (e.get("lunch") or {}).get("available")
    saturday = bool((e.get("hours") or {}).get("saturday"))
    facts = []
    for kind_of, wage in wages:
        word = "賃金" if kind_of == "a-type" else "工賃"
        facts.append(f"{word} 月{yen(wage['monthly_average'])}円（{wage['fiscal_year']}年度）")
    if transport:
        facts.append("送迎あり")
    if lunch:
        cost = (e.get("lunch") or {}).get("cost_yen")
        facts.append(f"昼食あり（{cost}円）" if cost else "昼食あり")
    if saturday:
        facts.append("土曜も開いています")
    operator = e.get("operator") or {}
    readings = [e.get("kana") or plain(e["name"]), operator.get("kana"), area["kana"]]
    return {
        "id": ident,
        "url": f"entries/{ident}/",
        "kind": kind,
        "name": plain(e["name"]),
        "reading": " ".join(r for r in readings if r),
        "services": service_ids,
        "service_labels": [SERVICE_LABELS.get(s, s) for s in service_ids],
        "area": e["area"],
        "area_name": area["name"],
        "work": [plain(w) for w in work],
        "summary": plain(e.get("summary") or ""),
        "body": plain(body),
        "glossary_readings": glossary_readings([body, e.get("summary") or "", e.get("easy") or "", *work], glossary),
        "accepts": e.get("accepts") or [],
        "transport": transport,
        "lunch": lunch,
        "saturday": saturday,
        "wage": max((w["monthly_average"] for _, w in wages), default=None),
        "key_facts": facts,
    }


def main():
    site = yaml.safe_load((ROOT / "site.yaml").read_text(encoding="utf-8"))
    areas = {a["id"]: a for a in site["areas"]}
    glossary = yaml.safe_load((ROOT / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    docs = [entry_doc(p, areas, glossary) for p in sorted((ROOT / "content" / "entries").glob("*.md"))]
    docs += json.loads((HERE / "extra-docs.json").read_text(encoding="utf-8"))
    out = HERE / "fixture-docs.json"
    out.write_text(json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents → {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
