"""The claims component on sentences written for these tests, and claims scoring as the guidelines define it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.coding import Coding, get_coder
from detente.coding.evaluate import score_claims
from detente.config import Settings
from detente.present.cli import app
from detente.records import Article

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SILVER = SHARED / "train" / "claims-silver-test.jsonl"


@pytest.fixture(scope="module")
def stage() -> Coding:
    settings = Settings()
    return Coding(settings, get_coder(settings, "rules"))


def claims_of(stage: Coding, text: str) -> list[tuple[str | None, str, str, bool]]:
    _, claims = stage.code_articles([Article(id="a", source_uri="a", text=text)])
    return [(c.speaker.country, c.verb, c.modality, c.disputes is not None) for c in claims]


@pytest.mark.parametrize("text, expected", [
    # the clause a verb of saying interrupts is its content
    ("The border will stay open, the Pakistani foreign minister said on Monday.", [("PAK", "say", "asserted", False)]),
    # a participle's speaker is its clause's subject
    ("India recalled its envoy from Dhaka, saying the protests had put its staff at risk.",
     [("IND", "say", "asserted", False)]),
    # a denial of a named claim makes that claim its owner's, and disputes it
    ("Bangladesh rejected India's claims about the treatment of minorities.",
     [("IND", "claim", "asserted", False), ("BGD", "reject", "denied", True)]),
    ("Nepal warned that the floods would reach the plains within days.", [("NPL", "warn", "asserted", False)]),
    # a coordinated verb of saying shares its clause's subject
    ("The Indian foreign ministry called for calm and said the talks would go ahead.",
     [("IND", "say", "asserted", False)]),
    # contesting an election denies nothing; contesting a claim does
    ("The BNP leader contested the election from a Dhaka constituency in 2008.", []),
    ("Pakistan contested India's claims about the strike.", [("IND", "claim", "asserted", False),
                                                              ("PAK", "contest", "denied", True)]),
    # "he" is the article's last speaker
    ("India's foreign ministry spokesman Randhir Jaiswal said the talks in Dhaka were useful. "
     "He said Bangladesh had been told of the decision.", [("IND", "say", "asserted", False)] * 2),
    # dismissing a person from a post is no denial; dismissing an allegation is
    ("The Russian president dismissed the governor from her post.", []),
    # a quotation after the verb is its content
    ('The Pakistani army chief told reporters: "We will defend every inch of the border."',
     [("PAK", "tell", "asserted", False)]),
])
def test_claims_of_a_sentence(stage: Coding, text: str, expected: list) -> None:
    assert claims_of(stage, text) == expected


def test_scoring_matches_speaker_country_and_stance() -> None:
    gold = [{"speaker": {"country": "PAK"}, "stance": "ASSERT", "verb": "credit", "disputes": None},
            {"speaker": {"country": "IND"}, "stance": "DENY", "verb": "deny", "disputes": 0}]
    found = [{"id": "c1", "speaker": {"country": "PAK"}, "verb": "credit", "modality": "asserted", "disputes": None},
             {"id": "c2", "speaker": {"country": "IND"}, "verb": "deny", "modality": "denied", "disputes": "c1"},
             {"id": "c3", "speaker": {"country": "USA"}, "verb": "say", "modality": "asserted", "disputes": None}]
    s = score_claims([(gold, found)])
    assert (s.matched, s.predicted, s.gold) == (2, 3, 2) and s.recall == 1.0 and s.precision == pytest.approx(2 / 3)
    assert s.stance_accuracy == 1.0 and (s.disputes_found, s.gold_disputes) == (1, 1)
    wrong_side = [dict(found[0]), {**found[1], "disputes": None}]
    assert score_claims([(gold, wrong_side)]).disputes_found == 0


def test_cli_scores_claims(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "s1", "text": "Bangladesh rejected India's claims about the treatment of "
                                "minorities.", "claims": [
        {"speaker": {"country": "IND"}, "stance": "ASSERT", "verb": "claim", "disputes": None},
        {"speaker": {"country": "BGD"}, "stance": "DENY", "verb": "reject", "disputes": 0}]}) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["eval", "--claims", str(gold), "--json", "--coder", "rules"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["f1"] == 1.0 and data["disputes_found"] == 1


# With the learned coder, its country head places speakers the resolver and the article do not.
CLAIM_GATES = [("rules", 0.65, 0.84), ("learned", 0.70, 0.79)]


@pytest.mark.skipif(not SILVER.exists(), reason="shared/train not present")
@pytest.mark.parametrize("coder, f1, precision", CLAIM_GATES, ids=[g[0] for g in CLAIM_GATES])
def test_claims_meet_their_floor_on_the_silver_test(coder: str, f1: float, precision: float) -> None:
    from detente.coding.jsonl import evaluate_claims_file

    scores = evaluate_claims_file(Settings(), SILVER, coder=coder)
    assert scores.f1 >= f1 and scores.precision >= precision, scores.to_dict()
