"""A small hand-made world for the API, dashboard, brief and CLI tests.

Twenty weeks of US–Pakistan relations: ten weeks of accusations, then ten of agreements (a planted
warming from 2025-03-17), a minerals-deal story told by two outlets, a syndicated copy, a disputed
mediation claim, and one article whose text tries to inject HTML.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from detente.store import Store

CODER = "plover.rules.v1"
START = dt.date(2025, 1, 6)  # a Monday
OUTLETS = ("Kestrel Review", "Lantern Gazette", "Tidewater Observer")
XSS_ID = "xss0000000000001"
XSS_TEXT = ("Officials met in Islamabad. Protesters wrote <script>alert(1)</script> on a banner "
            "and <img src=x onerror=alert(1)> on a wall. The talks went on.")
CONFLICT = [("Washington accused Islamabad of sheltering militants near the border.", "USAGOV", "PAKGOV", "ACCUSE", 3),
            ("Pakistan rejected the accusation and summoned the American envoy.", "PAKGOV", "USAGOV", "REJECT", 3)]
COOPERATION = [("The United States and Pakistan signed a minerals agreement in Islamabad.", "USAGOV", "PAKGOV",
                "AGREE", 2),
               ("Pakistan thanked Washington for its help with the flood relief.", "PAKGOV", "USAGOV", "PRAISE", 1)]
NAMES = {"USA": "Washington", "PAK": "Pakistan", "IND": "India"}
NOISE = [0.0, 1.5, -1.0, 0.5, -0.5, 1.0, -1.5, 0.0, 0.5, -0.5]


def actor(code: str, role: str, text: str) -> dict[str, Any]:
    return {f"{role}_code": code, f"{role}_country": code[:3], f"{role}_sector": code[3:] or None, f"{role}_text": text}


def article(aid: str, day: dt.date, outlet: str, sentences: list[str], title: str, **extra: Any) -> dict[str, Any]:
    return {"id": aid, "source_uri": f"file:///{aid}.txt", "url": f"https://example.org/{aid}", "outlet": outlet,
            "title": title, "published": day, "language": "en", "text": " ".join(sentences), "authors": ["A. Writer"],
            **extra}


def event(art: dict[str, Any], sentence: str, source: str, target: str, type_: str, quad: int,
          intensity: float, modality: str = "asserted") -> dict[str, Any]:
    start = art["text"].index(sentence)
    row = {"id": f"e-{art['id']}-{start}", "article_id": art["id"], "sentence": 0, "span_start": start,
           "span_end": start + len(sentence), "evidence": sentence, "date": art["published"], "type": type_,
           "mode": None, "quad_class": quad, "intensity": intensity, "modality": modality, "attributed_to": None,
           "coder": CODER, "confidence": 0.9, "trigger": ""}
    row.update(actor(source, "source", NAMES[source[:3]]))
    row.update(actor(target, "target", NAMES[target[:3]]))
    return row


def _weeks() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    arts, evs = [], []
    for week in range(20):
        day = START + dt.timedelta(weeks=week, days=week % 3)
        kind = CONFLICT if week < 10 else COOPERATION
        sign = -1 if week < 10 else 1
        art = article(f"week{week:02d}aaaaaaaaa"[:16], day, OUTLETS[week % 3], [s for s, *_ in kind] + [
            f"Week {week} brought more meetings on trade, water and security."], f"Week {week}: US and Pakistan")
        arts.append(art)
        for (sentence, src, tgt, type_, quad), base in zip(kind, (5.0, 4.0)):
            evs.append(event(art, sentence, src, tgt, type_, quad, sign * base + NOISE[week % 10]))
    return arts, evs


def _story() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    day = START + dt.timedelta(weeks=12)
    deal = "A US company signed a 500 million dollar minerals deal with Pakistan's Frontier Works Organisation."
    k = article("storykestrel0001", day, "Kestrel Review",
                [deal, "Pakistan welcomed the wonderful partnership and praised American investors.",
                 "Trump claimed he had personally brokered the minerals deal."], "US firm signs Pakistan minerals deal")
    t = article("storytidewater01", day + dt.timedelta(days=1), "Tidewater Observer",
                [deal, "Critics warned Pakistan faces a terrible debt burden from the minerals deal.",
                 "India denied that Trump mediated anything between India and Pakistan."],
                "Minerals deal with Pakistan draws criticism")
    copy = article("storycopy0000001", day + dt.timedelta(days=1), "Lantern Gazette", [], "Syndicated: minerals deal",
                   duplicate_of=k["id"], text=None)
    evs = [event(k, deal, "USABUS", "PAKMIL", "COOPERATE", 2, 6.0), event(t, deal, "USABUS", "PAKMIL", "COOPERATE", 2, 6.0),
           event(t, t["text"].split(". ")[1] + ".", "IND", "PAK", "ACCUSE", 3, -3.0, modality="claimed")]
    subjects = lambda *codes: json.dumps([{"code": c, "country": c[:3], "sector": c[3:] or None, "text": c} for c in codes])
    claims = [
        {"id": "claim-trump", "article_id": k["id"], "sentence": 2, "evidence": k["text"].split(". ")[-1],
         "verb": "claim", "content": "he had personally brokered the minerals deal", "modality": "asserted",
         "subjects": subjects("INDGOV", "PAKGOV"), "disputes": None, "coder": CODER, **actor("USAGOV", "speaker", "Trump")},
        {"id": "claim-india", "article_id": t["id"], "sentence": 2, "evidence": t["text"].split(". ")[-1],
         "verb": "deny", "content": "Trump mediated anything between India and Pakistan", "modality": "asserted",
         "subjects": subjects("USAGOV", "PAKGOV"), "disputes": "claim-trump", "coder": CODER,
         **actor("INDGOV", "speaker", "India")},
    ]
    return [k, t, copy], evs, claims


def _xss() -> tuple[dict[str, Any], dict[str, Any]]:
    art = article(XSS_ID, START + dt.timedelta(weeks=15, days=2), "Lantern Gazette",
                  [XSS_TEXT], "Talks <b>continue</b> <script>alert(2)</script>", url="javascript:alert(3)")
    sentence = "Protesters wrote <script>alert(1)</script> on a banner and <img src=x onerror=alert(1)> on a wall."
    return art, event(art, sentence, "USAGOV", "PAKGOV", "CONSULT", 1, 1.0)


def build_world(path: Path) -> Path:
    arts, evs = _weeks()
    story_arts, story_evs, claims = _story()
    xss_art, xss_ev = _xss()
    store = Store(path)
    with store.transaction():
        store._insert("articles", arts + story_arts + [xss_art])
        store._insert("events", evs + story_evs + [xss_ev])
        store._insert("claims", claims)
    store.close()
    return path
