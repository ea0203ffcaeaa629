from __future__ import annotations

import pytest

from detente.analysis.tone import actor_tone, country_aliases, mention_pattern, sentence_tone, split_sentences


def test_split_sentences_gives_spans_of_the_text():
    text = 'Pakistan welcomed the US role. "We thank him." Sharif said.\nIndia rejected it! Tell us more.'
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["Pakistan welcomed the US role.", '"We thank him."', "Sharif said.", "India rejected it!",
                         "Tell us more."]


def test_tone_follows_the_wording_around_the_actor():
    warm = actor_tone(["Pakistan praised the excellent, friendly talks."], {"Pakistan"})
    cold = actor_tone(["Pakistan condemned the brutal, horrific attack."], {"Pakistan"})
    assert warm.mean > 0.3 and cold.mean < -0.3 and warm.sentences == cold.sentences == 1


def test_only_sentences_naming_the_actor_count_and_case_matters():
    text = "The US praised the wonderful deal. Tell us about the terrible war."
    tone = actor_tone([text], {"US"})
    assert tone.sentences == 1 and tone.mean == pytest.approx(sentence_tone("The US praised the wonderful deal."))
    assert actor_tone([text], {"France"}).mean is None
    assert actor_tone([text], set()).sentences == 0


def test_aliases_come_from_the_actor_dictionary():
    assert "Pakistani" in country_aliases("PAK") or country_aliases("PAK") == ()
    assert "United States" in country_aliases("USA")
    assert mention_pattern(["U.S."]).search("the U.S. said") is not None
