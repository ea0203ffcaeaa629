"""Boilerplate clean-up: appeal blocks, line patterns, repeats, run-in teaser tails; seeds and BD corpus."""

from __future__ import annotations

import pytest

from detente.extract import Extractor
from detente.extract.boilerplate import (
    MIN_REPEAT_SENTENCE_WORDS,
    clean_paragraphs,
    drop_repeated_sentences,
    split_run_in_tail,
    unglue,
)
from detente.records import Article, RawDocument

BODY = [
    "The harbour authority said on Thursday that the new container cranes would be running by the end of the "
    "month, two weeks later than planned because of a shortage of spare parts.",
    "Dock workers had asked for the delay so that crane operators could finish their safety training first.",
]


def test_appeal_block_is_removed_whole_with_its_bullets():
    appeal = ["Support our newsroom", "Reporting like this costs money.", "- Reporters in twelve cities",
              "- Reporters in twelve cities", "- No paywall, ever", "Donate today."]
    kept, removed = clean_paragraphs([BODY[0], *appeal, BODY[1]])
    assert kept == BODY
    assert removed == appeal


def test_a_report_about_fundraising_keeps_its_text():
    long = ("The hospital's donation drive raised more than it expected this year: volunteers said on Monday that "
            "residents had given enough to pay for a second ambulance, and the board said it would support the "
            "paramedics' request to station it in the hill villages, where the nearest hospital is an hour away by "
            "road in good weather and much longer in winter when the pass is closed by snow.")
    kept, removed = clean_paragraphs([long, BODY[0]])
    assert kept == [long, BODY[0]] and removed == []


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Share on Facebook, Twitter", "Read more: Cranes arrive at the harbour",
     "Related: Dock strike ends", "Advertisement", "© 2025 Coastline Daily", "All rights reserved.",
     "Photo: harbour authority", "Follow us on Telegram", "Click here to get alerts",
     "Comments are moderated and may take a day to appear."],
)
def test_short_boilerplate_lines_are_removed(line):
    kept, removed = clean_paragraphs([BODY[0], line, BODY[1]])
    assert kept == BODY and removed == [line]


def test_repeated_paragraphs_go_but_short_repeated_lines_stay():
    kept, removed = clean_paragraphs([BODY[0], "Photo", BODY[1], BODY[0], "Photo"])
    assert kept == [BODY[0], "Photo", BODY[1], "Photo"]
    assert removed == [BODY[0]]


def test_repeated_sentences_inside_scraped_paragraphs():
    long = "Officials said the cranes had been ordered from a supplier abroad two years ago."
    short = "He said it twice."
    assert len(long.split()) >= MIN_REPEAT_SENTENCE_WORDS > len(short.split())
    seen: set[str] = set()
    first = drop_repeated_sentences(f"{long} {short}", seen)
    second = drop_repeated_sentences(f"{short} {long} The new ones arrive in May.", seen)
    assert first == f"{long} {short}"
    assert second == f"{short} The new ones arrive in May."


def test_unglue_restores_lost_spaces_only_between_sentences():
    assert unglue("It was late.The talks ended.“We agree,” he said.") == "It was late. The talks ended. “We agree,” he said."
    assert unglue("The rate was 10.5 percent in the U.S. today.") == "The rate was 10.5 percent in the U.S. today."


@pytest.mark.parametrize(
    ("paragraph", "kept", "tail"),
    [
        ("The talks ended. Both sides left. Port strike ends after pay deal Storm closes coastal road Copyright 2025",
         "The talks ended. Both sides left.", "Port strike ends after pay deal Storm closes coastal road Copyright 2025"),
        ("The talks ended. “We will return,” she said. Ferry fares to rise in spring",
         "The talks ended. “We will return,” she said.", "Ferry fares to rise in spring"),
        ("The talks ended. Both sides left.", "The talks ended. Both sides left.", ""),
        ("The talks ended. Both sides left. — AFP", "The talks ended. Both sides left. — AFP", ""),
        # A standfirst of one sentence whose second lacks its full stop is not a teaser strip.
        ("The talks ended. Both sides left the lakeside town without a date",
         "The talks ended. Both sides left the lakeside town without a date", ""),
        ("Customs cleared 10.5 percent more loads in the U.S. and Canada this year",
         "Customs cleared 10.5 percent more loads in the U.S. and Canada this year", ""),
    ],
    ids=["teaser-strip", "after-quote", "clean", "short-credit", "standfirst", "no-sentence"],
)
def test_split_run_in_tail(paragraph, kept, tail):
    assert split_run_in_tail(paragraph) == (kept, tail)


def test_run_in_tail_is_cut_from_the_last_paragraph_only():
    teasers = "Harbour cranes delayed again Ferry fares to rise in spring Copyright 2025 Coastline Daily"
    middle = f"{BODY[0]} Work stopped twice. {teasers}"
    kept, removed = clean_paragraphs([middle, f"{BODY[1]} Training ends in May. {teasers}"])
    assert kept == [middle, f"{BODY[1]} Training ends in May."]
    assert removed == [teasers]


# -- the seed articles -------------------------------------------------------------------------
@pytest.fixture
def seeds(shared, settings):
    folder = shared / "corpus" / "seeds"
    extractor = Extractor(settings)
    out = {}
    for path in sorted(folder.glob("*.txt")):
        article = extractor(RawDocument(uri=str(path), content=path.read_bytes(), content_type="text"))
        assert isinstance(article, Article), article
        out[path.stem] = (path.read_text(encoding="utf-8").splitlines(), article)
    return out


def test_seed_appeal_block_is_gone_and_its_bullets_not_doubled(seeds):
    lines, article = seeds["medialine-warm-ties"]
    body = [line.strip() for line in lines[1:] if line.strip()]
    bullets = [line for line in body if line.startswith("- ")]
    assert bullets and len(bullets) > len(set(bullets))  # the scraped page doubles its bullet list
    for bullet in set(bullets):
        assert article.text.count(bullet[2:]) == 0
    # The appeal lines are the short ones; every long line is the article and stays, once.
    short = [line for line in body if len(line.split()) < 15]
    long = [line for line in body if len(line.split()) >= 15]
    assert short and long
    for line in short:
        assert line not in article.text
    assert list(article.paragraphs) == long
    assert len(article.paragraphs) == len(set(article.paragraphs))


def test_seed_without_boilerplate_loses_nothing(seeds):
    lines, article = seeds["dunya-foreign-policy-report"]
    assert article.removed == ()
    assert list(article.paragraphs) == [line.strip() for line in lines[1:] if line.strip()]
    assert article.outlet == "Dunya News"  # from the dateline


# -- the Bangladeshi corpus (dirty scrapes) ------------------------------------------------------
def test_bd_corpus_repeats_and_teaser_tails_are_gone(shared, settings, bench_module):
    bench = bench_module("boilerplate")
    figures = bench.corpus_figures(shared / "corpus" / "bd-news-2025" / "articles.jsonl", settings)
    assert figures.articles == 453
    assert figures.before["repeated sentences"] > 20 and figures.before["texts ending in a run-in tail"] > 10
    assert figures.after["repeated sentences"] == 0
    assert figures.after["repeated paragraphs"] == 0
    assert figures.after["texts ending in a run-in tail"] == 0
    assert figures.after["other articles' headlines in text"] < figures.before["other articles' headlines in text"]
    # Rejections are comment-policy stubs and near-empty teasers, not articles.
    assert figures.stored >= 440
    assert all("fewer than ingest.min_words" in reason for reason in figures.rejected)


@pytest.fixture
def bench(bench_module):
    return bench_module("boilerplate")


def test_count_repeats(bench):
    sentence = "Officials said the cranes had been ordered from a supplier abroad two years ago."
    paragraphs = [f"{sentence} It rained.", BODY[0], f"Later.{sentence} It rained.", BODY[0]]
    assert bench.count_repeats(paragraphs) == (2, 1)  # the glued copy counts; "It rained." is too short
    assert bench.count_repeats(paragraphs, min_words=2) == (3, 1)
