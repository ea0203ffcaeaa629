"""The extract stage: HTML, text and JSONL records to ``Article``; bad input to ``Rejected``."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.extract import Extractor
from detente.extract.decode import decode
from detente.extract.fields import canonical_url, parse_authors, parse_date
from detente.extract.text import parse_text_file, split_paragraphs
from detente.records import Article, RawDocument, Rejected


@pytest.fixture
def extract(settings):
    return Extractor(settings)


def html_doc(page: str | bytes, uri: str = "page.html", **meta) -> RawDocument:
    content = page.encode("utf-8") if isinstance(page, str) else page
    return RawDocument(uri=uri, content=content, content_type="html", meta=meta)


def test_html_page_to_article(extract, stories):
    story = stories["corridor"]
    article = extract(html_doc(story.html()))
    assert isinstance(article, Article)
    assert article.title == story.title
    assert article.paragraphs == story.paragraphs  # headline not repeated, nav and footer gone
    assert article.text == story.text
    assert (article.outlet, article.published, article.authors) == (story.outlet, dt.date(2025, 3, 4), ("Ana Koller",))
    assert (article.url, article.language, article.source_uri) == (story.url, "en", "page.html")
    assert "Terms of use" not in article.text and "Home" not in article.text


def test_text_file_with_headers(extract, stories):
    story = stories["rail"]
    article = extract(RawDocument(uri="a.txt", content=story.text_file().encode(), content_type="text"))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published, article.url) == (
        story.title, story.outlet, dt.date(2025, 5, 21), story.url)
    assert article.paragraphs == story.paragraphs


def test_text_file_without_blank_lines_splits_on_lines():
    fields = parse_text_file("A title\nFirst line of the body.\nSecond line of the body.\n")
    assert fields == {"title": "A title", "paragraphs": ["First line of the body.", "Second line of the body."]}


def test_blank_line_paragraphs_join_wrapped_lines():
    assert split_paragraphs("one\ntwo\r\n\r\nthree\n\n\n") == ["one two", "three"]


def test_jsonl_record_metadata_wins_over_extraction(extract, stories):
    story = stories["meteor"]
    record = story.record(outlet="Evening Star", published="13 August 2025", authors="Mira Ost and Leo Brandt",
                          url="https://EVENING.example/meteor/?utm_source=feed#top")
    article = extract(RawDocument(uri="f.jsonl#L1", content=record["text"], content_type="record",
                                  source_kind="jsonl", meta=record))
    assert isinstance(article, Article)
    assert article.outlet == "Evening Star" and article.published == dt.date(2025, 8, 13)
    assert article.authors == ("Mira Ost", "Leo Brandt")
    assert article.url == "https://evening.example/meteor"


def test_html_in_a_record_is_extracted(extract, stories):
    story = stories["barrier"]
    article = extract(RawDocument(uri="f.jsonl#L2", content=story.html(), content_type="html", source_kind="jsonl",
                                  meta={"html": story.html(), "outlet": "Override Weekly"}))
    assert isinstance(article, Article)
    assert article.paragraphs == story.paragraphs and article.outlet == "Override Weekly"


def test_ids_are_stable_and_follow_the_canonical_url(extract, stories):
    story = stories["corridor"]
    first = extract(html_doc(story.html(), uri="a.html"))
    again = extract(html_doc(story.html(), uri="elsewhere/b.html"))
    tracked = extract(html_doc(story.html(), uri="c.html", url=story.url + "?utm_campaign=x&fbclid=1"))
    assert first.id == again.id == tracked.id and len(first.id) == 16


def test_without_url_the_id_follows_the_text(extract, stories):
    story = stories["meteor"]  # no URL
    a = extract(RawDocument(uri="a.txt", content=story.text_file().encode(), content_type="text"))
    b = extract(RawDocument(uri="b.txt", content=story.text_file().replace("Sunday", "Monday").encode(),
                            content_type="text"))
    assert a.url is None and a.id != b.id


def test_dateline_names_the_outlet_when_nothing_else_does(extract):
    text = ("Talks end\n\nBRENN (Lakeside Radio) – Negotiators from both countries left the lakeside town on "
            "Friday without a date for the next round of talks on the grain corridor.")
    article = extract(RawDocument(uri="a.txt", content=text.encode(), content_type="text"))
    assert isinstance(article, Article) and article.outlet == "Lakeside Radio"


# -- bad input -----------------------------------------------------------------------------------
JUNK = bytes(range(256)) * 64


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        (JUNK, "html", "binary content, not text or HTML"),
        (b"\x89PNG\r\n\x1a\n" + JUNK, "html", "binary content"),
        (b"caf\xe9 " * 40, "text", "not valid UTF-8 (byte 0xe9 at offset 3)"),
        (b"<html><body><p>" + b"caf\xe9 " * 40 + b"</p></body></html>", "html", "no usable declared charset"),
        (b"Just a plain sentence with no markup at all, saved with the wrong name.", "html", "no HTML markup"),
        (b"<html><head><title>Only a title</title></head><body><script>var a = 1;</script></body></html>", "html",
         "no main text found in the HTML page"),
        ("Short title\n\nOnly a few words here.".encode(), "text", "main text has 5 words, fewer than ingest.min_words=15"),
    ],
    ids=["binary", "png-named-html", "latin1-text", "latin1-html-undeclared", "no-markup", "no-main-text", "too-short"],
)
def test_bad_input_is_rejected_with_a_reason(extract, content, content_type, reason):
    result = extract(RawDocument(uri="bad.file", content=content, content_type=content_type))
    assert isinstance(result, Rejected) and result.uri == "bad.file"
    assert reason in result.reason


def test_declared_charset_rescues_legacy_html(extract, stories):
    story = stories["barrier"]
    page = story.html().replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Harwick", "Härwick")
    article = extract(html_doc(page.encode("latin-1")))
    assert isinstance(article, Article) and "Härwick" in article.text


def test_utf8_bom_is_dropped():
    assert decode("\ufeffHello".encode("utf-8"), html=False) == ("Hello", "")


def test_boilerplate_only_article_is_rejected_and_says_so(extract):
    text = "Title\n\nShare this article\n\nAdvertisement\n\nFollow us on Facebook"
    result = extract(RawDocument(uri="a.txt", content=text.encode(), content_type="text"))
    assert isinstance(result, Rejected) and "after removing 3 boilerplate paragraphs" in result.reason


def test_pipe_passes_rejections_through_and_keeps_order(extract, stories):
    stream = [Rejected("x.pdf", "unsupported file type '.pdf'"),
              RawDocument(uri="a.html", content=stories["rail"].html().encode(), content_type="html"),
              RawDocument(uri="b.html", content=JUNK, content_type="html")]
    out = list(extract.pipe(stream, batch_size=2))
    assert [type(o).__name__ for o in out] == ["Rejected", "Article", "Rejected"]
    assert out[0] is stream[0]


# -- fields --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-05-10T08:30:00+05:00", dt.date(2025, 5, 10)), ("10 May 2025", dt.date(2025, 5, 10)),
     (dt.datetime(2025, 5, 10, 9), dt.date(2025, 5, 10)), ("Unknown", None), ("", None), (None, None),
     ("yesterday", None)],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("A. Writer", ("A. Writer",)), ("Ana Koller; Piet Horvan", ("Ana Koller", "Piet Horvan")),
     (["Ana Koller", "None"], ("Ana Koller",)), (None, ()), ("unknown", ())],
)
def test_parse_authors(value, expected):
    assert parse_authors(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("HTTPS://WWW.Example.COM/a/b/?utm_source=x&id=3#frag", "https://example.com/a/b?id=3"),
     ("https://example.com/", "https://example.com/"), ("not a url", None), ("", None), (None, None)],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_language_fast_path_and_fallback():
    from detente.extract.language import detect_language

    english = ("The minister said on Tuesday that the talks with the delegation from the neighbouring country "
               "would continue next week, and that both sides had agreed to meet again in the capital.")
    french = ("Le ministre a déclaré mardi que les négociations avec la délégation du pays voisin reprendraient "
              "la semaine prochaine, et que les deux parties étaient convenues de se retrouver dans la capitale.")
    assert detect_language(english) == "en" and detect_language(french) == "fr"
