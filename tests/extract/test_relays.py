"""Relayed sources: outlets an article re-reports."""

from __future__ import annotations

import pytest

from detente.extract import Extractor
from detente.extract.relays import find_relays
from detente.records import Article, RawDocument


@pytest.mark.parametrize(
    ("text", "relays"),
    [
        ("The minister left early, according to Reuters.", ("Reuters",)),
        ("According to Dawn, the talks stalled on Friday.", ("Dawn",)),
        ("As reported by The Washington Post, the talks stalled.", ("The Washington Post",)),
        ("The Lakeside Herald newspaper reported that the talks stalled.", ("The Lakeside Herald",)),
        ("He told Al Jazeera the border would stay open.", ("Al Jazeera",)),
        ("In an interview with Xinhua, he said the border would stay open.", ("Xinhua",)),
        ("The figures, according to a report by Ana Koller for Foreign Affairs, are stark.", ("Foreign Affairs",)),
        ("Reuters reported it first, and AFP wrote about it later.", ("Reuters", "AFP")),
        ("According to the ministry, the talks stalled.", ()),
        ("Prime Minister Ilse Marten said the talks stalled.", ()),
    ],
)
def test_find_relays(text, relays):
    assert find_relays(text) == relays


def test_own_outlet_is_not_a_relay():
    assert find_relays("Dawn reported, as Reuters noted, that talks stalled.", own_outlet="Dawn") == ("Reuters",)


def test_relays_are_recorded_on_the_article(settings, stories):
    story = stories["corridor"]
    text = story.text_file().replace("Valdoran officials said", "Valdoran officials told Bloomberg")
    article = Extractor(settings)(RawDocument(uri="a.txt", content=text.encode(), content_type="text"))
    assert isinstance(article, Article) and article.relays == ("Bloomberg",)


def test_dunya_seed_relays_foreign_policy(shared, settings):
    path = shared / "corpus" / "seeds" / "dunya-foreign-policy-report.txt"
    article = Extractor(settings)(RawDocument(uri=str(path), content=path.read_bytes(), content_type="text"))
    assert isinstance(article, Article)
    assert "Foreign Policy" in article.relays
    assert article.outlet not in article.relays
