"""The directed-pair scorer (benchmarks/events_pairs.py) on hand-written tuples."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.events_pairs import (  # noqa: E402
    Pair,
    PredActor,
    PredPair,
    gold_pairs,
    predicted_pairs,
    score_pairs,
)

from newsgraph.model.records import Event, EventArgument, Mention  # noqa: E402

TEXT = "Ostland and Lagonia signed a fisheries accord on Monday."


def test_reciprocal_record_gives_both_directions() -> None:
    pairs = gold_pairs(TEXT, "AGREE", ["Ostland", "Lagonia"], [])
    assert pairs == [
        Pair("AGREE", ((0, 7),), ((12, 19),)),
        Pair("AGREE", ((12, 19),), ((0, 7),)),
    ]


def test_every_source_with_every_target_and_yield_merge() -> None:
    text = "Carpathia returned the island to Ostland and Lagonia."
    pairs = gold_pairs(text, "RETREAT", ["Carpathia"], ["Ostland", "Lagonia"])
    assert [p.type for p in pairs] == ["YIELD", "YIELD"]
    assert [p.target for p in pairs] == [((33, 40),), ((45, 52),)]
    assert gold_pairs(text, "CONCEDE", ["Carpathia"], [])[0] == Pair("YIELD", ((0, 9),), None)


def _actor(start: int, end: int, named: bool = True) -> PredActor:
    return PredActor((start, end), named)


def test_scores_hand_counted() -> None:
    gold = [
        [
            Pair("AGREE", ((0, 7),), ((12, 19),)),
            Pair("AGREE", ((12, 19),), ((0, 7),)),
        ],
        [Pair("ASSAULT", ((0, 6),), ((20, 30),))],
    ]
    pred = [
        [
            PredPair("AGREE", _actor(0, 7), _actor(12, 19)),  # right
            PredPair("AGREE", _actor(0, 7), _actor(12, 19)),  # duplicate: gold used once
        ],
        [
            PredPair("ASSAULT", _actor(0, 6, named=False), _actor(20, 30)),  # unnamed source
            PredPair("COERCE", _actor(0, 6), _actor(20, 30)),  # wrong type
        ],
    ]
    s = score_pairs(gold, pred)
    # 1 of 4 predicted tuples right, 1 of 3 gold tuples found.
    assert (s["pairs_predicted"], s["pairs_gold"]) == (4, 3)
    assert s["pairs_precision"] == 25.0
    assert s["pairs_recall"] == 33.3
    assert s["pairs_f1"] == 28.6
    assert score_pairs(gold, pred, need_name=False)["pairs_precision"] == 50.0


def test_empty_side_matches_only_empty_side() -> None:
    gold = [[Pair("PROTEST", ((0, 7),), None)]]
    assert score_pairs(gold, [[PredPair("PROTEST", _actor(0, 7), None)]])["pairs_f1"] == 100.0
    assert score_pairs(gold, [[PredPair("PROTEST", _actor(0, 7), _actor(9, 12))]])["pairs_f1"] == 0


def test_predicted_pairs_need_a_mention_and_skip_self_pairs() -> None:
    mentions = [
        Mention("m1", 0, 7, "Ostland", "GPE", entity="e1"),
        Mention("m2", 12, 19, "Lagonia", "GPE", entity="e2"),
    ]
    args = [
        EventArgument("source", 0, 7, "Ostland", "e1"),
        EventArgument("source", 12, 19, "Lagonia", "e2"),
        EventArgument("target", 12, 19, "Lagonia", "e2"),
        EventArgument("target", 29, 37, "fisheries", None),
    ]
    ev = Event("ev1", "AGREE", None, None, [], ["e1", "e2"], ["e2"], 20, 26, 0, 56, arguments=args)
    got = predicted_pairs(ev, mentions)
    assert PredPair("AGREE", _actor(0, 7), _actor(12, 19)) in got
    assert all(p.source != p.target for p in got)  # Lagonia -> Lagonia is not a pair
    assert PredPair("AGREE", _actor(0, 7), _actor(29, 37, named=False)) in got
    assert len(got) == 3


def test_a_reciprocal_prediction_is_scored_as_both_directions() -> None:
    mentions = [
        Mention("m1", 0, 7, "Ostland", "GPE", entity="e1"),
        Mention("m2", 12, 19, "Lagonia", "GPE", entity="e2"),
    ]
    args = [
        EventArgument("source", 0, 7, "Ostland", "e1"),
        EventArgument("source", 12, 19, "Lagonia", "e2"),
    ]
    ev = Event("ev1", "AGREE", None, None, [], ["e1", "e2"], [], 20, 26, 0, 56, arguments=args)
    ev.reciprocal = True
    got = predicted_pairs(ev, mentions)
    assert sorted(got, key=repr) == sorted(
        [
            PredPair("AGREE", _actor(0, 7), _actor(12, 19)),
            PredPair("AGREE", _actor(12, 19), _actor(0, 7)),
        ],
        key=repr,
    )
    gold = [gold_pairs(TEXT, "AGREE", ["Ostland", "Lagonia"], [])]
    assert score_pairs(gold, [got])["pairs_f1"] == 100.0
