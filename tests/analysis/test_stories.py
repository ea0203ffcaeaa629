from __future__ import annotations

import pytest
from analysis_rows import article, claim, day, event

from detente.analysis.clusters import StoryQuery, article_detail, find_stories, get_story, list_articles
from detente.analysis.outlets import ClaimFilter, compare_outlets, disputes, list_claims
from detente.errors import InputError, NotFound

CEASEFIRE_A = ("President Trump brokered a cease-fire between India and Pakistan on Saturday after four days of "
               "missile and drone attacks. Pakistan welcomed the wonderful US role and thanked Trump for peace. "
               "India said the cease-fire was agreed between the two militaries.")
CEASEFIRE_B = ("India and Pakistan agreed to a cease-fire on Saturday after missile and drone attacks, and Trump "
               "claimed credit for brokering it. Pakistan was accused of terrible attacks by India. India rejected "
               "any mediation and said the cease-fire was agreed between the militaries.")
TRADE = ("The United States and Vietnam signed a tariff and trade agreement covering electronics, textiles and "
         "agricultural exports, officials in Hanoi said on Saturday.")


@pytest.fixture
def store(make_store):
    arts = [
        article("k1", "2025-05-10", "Kestrel", CEASEFIRE_A, "Trump brokers India-Pakistan cease-fire"),
        article("q1", "2025-05-11", "Quillmark", CEASEFIRE_B, "India and Pakistan agree to cease-fire"),
        article("s1", "2025-05-11", "Saltmarsh", None, "Syndicated cease-fire", duplicate_of="k1"),
        article("t1", "2025-05-10", "Tidewater", TRADE, "US and Vietnam sign trade deal"),
        article("k2", "2025-06-20", "Kestrel", CEASEFIRE_A, "Cease-fire anniversary rerun"),  # outside the window
    ]
    evs = [
        event("k1", "2025-05-10", "USAGOV", "PAKGOV", "MEDIATE", 1, 5.0, evidence="Trump brokered a cease-fire."),
        event("k1", "2025-05-10", "INDMIL", "PAKMIL", "AGREE", 1, 4.0),
        event("q1", "2025-05-11", "INDMIL", "PAKMIL", "AGREE", 1, 4.0),
        event("q1", "2025-05-11", "USAGOV", "PAKGOV", "MEDIATE", 1, 5.0, modality="claimed"),
        event("q1", "2025-05-11", "INDGOV", "PAKGOV", "ACCUSE", 3, -5.0),
    ]
    cls = [
        claim("q1", "USAGOV", "claim", "Trump brokered the cease-fire", ["INDGOV", "PAKGOV"], cid="c1"),
        claim("q1", "INDGOV", "deny", "no third-party mediation", ["USAGOV", "PAKGOV"], disputes="c1", cid="c2"),
        claim("k1", "PAKGOV", "credit", "Trump brought peace", ["USAGOV"], cid="c3"),
    ]
    return make_store(arts, evs, cls)


def test_stories_group_outlets_within_the_window(store):
    stories = find_stories(store)
    first = stories[0]
    assert sorted(first.article_ids) == ["k1", "q1", "s1"]
    assert first.outlets == ["Kestrel", "Quillmark", "Saltmarsh"]
    assert first.start == day("2025-05-10") and first.end == day("2025-05-11")
    singles = sorted(s.article_ids[0] for s in stories[1:])
    assert singles == ["k2", "t1"]
    assert get_story(store, first.id).id == first.id
    with pytest.raises(NotFound):
        get_story(store, "nope")


def test_stories_filtered_by_period_and_articles(store):
    assert [s.article_ids for s in find_stories(store, StoryQuery(since=day("2025-06-01")))] == [["k2"]]
    assert len(find_stories(store, article_ids={"t1"})) == 1
    with pytest.raises(InputError):
        StoryQuery(threshold=1.5)


def test_outlets_side_by_side(store):
    story = find_stories(store)[0]
    table = compare_outlets(store, story)
    rows = {r["label"]: r["outlets"] for r in table.events}
    mediate = rows["USAGOV → PAKGOV · MEDIATE"]
    assert mediate["Kestrel"][0]["modality"] == "asserted"
    assert mediate["Quillmark"][0]["modality"] == "claimed"
    assert mediate["Saltmarsh"][0]["modality"] == "asserted"  # a syndicated copy reports its original
    assert set(rows["INDGOV → PAKGOV · ACCUSE"]) == {"Quillmark"}  # omitted by Kestrel and Saltmarsh
    claims = {r["label"]: r["outlets"] for r in table.claims}
    assert set(claims["INDGOV deny"]) == {"Quillmark"}
    tone = {r["actor"]: r["outlets"] for r in table.tone}
    assert tone["PAK"]["Kestrel"]["mean"] > tone["PAK"]["Quillmark"]["mean"]
    assert table.to_dict()["outlets"] == ["Kestrel", "Quillmark", "Saltmarsh"]


def test_claims_and_disputes(store):
    assert list_claims(store, ClaimFilter()).total == 3
    assert list_claims(store, ClaimFilter(actor="IND")).total == 2  # speaker of c2, subject of c1
    assert list_claims(store, ClaimFilter(actor="INDGOV", verb="deny")).total == 1
    assert [c["id"] for c in list_claims(store, ClaimFilter(disputed=True)).items] == ["c2"]
    pairs = disputes(store, ("USA", "IND"))
    assert len(pairs) == 1 and pairs[0]["id"] == "c2" and pairs[0]["disputed"]["id"] == "c1"
    assert disputes(store, ("CHN",)) == []


def test_articles_listing_and_detail(store):
    page = list_articles(store, outlet="Kestrel")
    assert page.total == 2 and page.items[0]["id"] == "k1" and "text" not in page.items[0]
    detail = article_detail(store, "s1")
    assert detail["coded_from"] == "k1" and detail["text"] == CEASEFIRE_A and len(detail["events"]) == 2
    with pytest.raises(NotFound):
        article_detail(store, "zzz")
