"""Every REST route, its filters and paging, and its errors as JSON."""

from __future__ import annotations

import pytest
from present_world import XSS_ID

from detente.errors import NotFound
from detente.present.api import create_app


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/claims", "/api/dyads/{a}/{b}",
                  "/api/dyads/{a}/{b}/events", "/api/shifts", "/api/stories", "/api/stories/{story_id}",
                  "/api/network", "/api/disputes", "/api/actors", "/api/settings"):
        assert route in paths
    assert "/" not in paths  # dashboard pages stay out of the API schema


def test_articles_paging_and_filters(client):
    page = client.get("/api/articles", params={"limit": 5, "offset": 2}).json()
    assert (page["limit"], page["offset"], len(page["items"])) == (5, 2, 5)
    assert page["total"] == 24
    kestrel = client.get("/api/articles", params={"outlet": "Kestrel Review", "since": "2025-03-01"}).json()
    assert kestrel["total"] > 0 and all(a["outlet"] == "Kestrel Review" for a in kestrel["items"])


def test_article_detail_with_coding(client):
    body = client.get(f"/api/articles/{XSS_ID}").json()
    assert "<script>alert(1)</script>" in body["text"]  # JSON carries the raw text; pages escape it
    assert len(body["events"]) == 1 and body["events"][0]["span_start"] == 28
    copy = client.get("/api/articles/storycopy0000001").json()
    assert copy["coded_from"] == "storykestrel0001" and copy["events"]


def test_events_filters(client):
    body = client.get("/api/events", params={"actor": "IND"}).json()
    assert body["total"] == 1 and body["items"][0]["modality"] == "claimed"
    accuse = client.get("/api/events", params={"source": "USA", "type": "ACCUSE", "limit": 3}).json()
    assert accuse["total"] == 10 and len(accuse["items"]) == 3
    assert client.get("/api/events", params={"quad_class": 2, "until": "2025-03-01"}).json()["total"] == 0


def test_claims_filters(client):
    assert client.get("/api/claims").json()["total"] == 2
    disputed = client.get("/api/claims", params={"disputed": "true"}).json()
    assert [c["id"] for c in disputed["items"]] == ["claim-india"]
    assert client.get("/api/claims", params={"actor": "PAK", "verb": "claim"}).json()["total"] == 1


def test_dyad_series(client):
    body = client.get("/api/dyads/USA/PAK", params={"freq": "month"}).json()
    assert body["events"] == 43 and body["coder"] == "plover.rules.v1"
    assert [p["index"] for p in body["periods"]][:2] == [-1.0, -1.0]
    directed = client.get("/api/dyads/usa/pak", params={"both": "false", "modality": ["asserted", "claimed"]}).json()
    assert 0 < directed["events"] < 43
    events = client.get("/api/dyads/USA/PAK/events", params={"order": "salience", "limit": 2}).json()
    assert len(events["items"]) == 2 and events["items"][0]["evidence"][0]["outlet"]


def test_shifts(client):
    body = client.get("/api/shifts", params={"a": "USA", "b": "PAK"}).json()
    assert [s["direction"] for s in body["shifts"]] == ["warming"]
    assert body["shifts"][0]["start"] == "2025-03-17" and body["shifts"][0]["drivers"]


def test_stories_and_comparison(client):
    body = client.get("/api/stories", params={"a": "USA", "b": "PAK", "min_articles": 2}).json()
    assert body["total"] == 1
    story = body["items"][0]
    assert story["outlets"] == ["Kestrel Review", "Lantern Gazette", "Tidewater Observer"]
    comparison = client.get(f"/api/stories/{story['id']}").json()
    assert comparison["outlets"] == story["outlets"] and comparison["events"] and comparison["tone"]
    assert client.get("/api/stories", params={"limit": 2}).json()["total"] > 2


def test_network_disputes_and_actors(client):
    net = client.get("/api/network", params={"since": "2025-03-01"}).json()
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("USA", "PAK"), ("PAK", "USA")}
    assert client.get("/api/network", params={"level": "code", "focus": ["USABUS"]}).json()["edges"]
    disputes = client.get("/api/disputes", params={"a": "USA", "b": "PAK"}).json()
    assert disputes["total"] == 1 and disputes["items"][0]["disputed"]["id"] == "claim-trump"
    codes = {a["code"] for a in client.get("/api/actors").json()["items"]}
    assert {"USA", "PAK", "USAGOV"} <= codes


@pytest.mark.parametrize("url, params, status", [
    ("/api/articles", {"limit": 0}, 422),
    ("/api/articles", {"limit": 501}, 422),
    ("/api/events", {"offset": -1}, 422),
    ("/api/events", {"since": "yesterday"}, 422),
    ("/api/events", {"quad_class": 7}, 422),
    ("/api/events", {"modality": "rumoured"}, 422),
    ("/api/claims", {"disputed": "perhaps"}, 422),
    ("/api/dyads/USA/PAK", {"freq": "year"}, 422),
    ("/api/shifts", {"a": "USA"}, 422),
    ("/api/shifts", {"a": "USA", "b": "PAK", "alpha": 2}, 422),
    ("/api/network", {"level": "planet"}, 422),
    ("/api/events", {"since": "2025-05-01", "until": "2025-01-01"}, 400),
    ("/api/dyads/USA/P%27%3B", {}, 400),
    ("/api/dyads/USA/FRA", {}, 404),
    ("/api/articles/zzzzzzzz", {}, 404),
    ("/api/articles/week", {}, 400),  # an ambiguous id prefix
    ("/api/stories/nope", {}, 404),
    ("/api/nothing-here", {}, 404),
])
def test_bad_requests_answer_json_errors(client, url, params, status):
    response = client.get(url, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] and "hint" in body


def test_missing_store_raises_not_found(tmp_path):
    with pytest.raises(NotFound):
        create_app(tmp_path / "absent.duckdb")


def test_api_only_app_has_no_dashboard(world_db):
    from fastapi.testclient import TestClient

    with TestClient(create_app(world_db, web=False)) as plain:
        assert plain.get("/").status_code == 404
        assert plain.get("/api/actors").status_code == 200


def test_settings_route_lists_every_setting(client):
    from detente.config import settings_table

    items = client.get("/api/settings").json()["items"]
    assert [i["setting"] for i in items] == [name for name, _, _ in settings_table()]
    assert all(i["help"] for i in items)
