"""Text repair: what it fixes, what it leaves alone, and that the input can always be rebuilt."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from newsgraph.ingest.repair import TextEditor, original_text, repair_text
from newsgraph.ingest.repair.editor import Edit
from newsgraph.model.records import Document, Repair
from tests.ingest.helpers import docs, read, write


def _check_repairs(text: str, repaired: str, repairs: tuple[Repair, ...] | list[Repair]) -> None:
    for r in repairs:
        assert repaired[r.start : r.end] == r.after
        assert r.before != r.after
    spans = sorted((r.start, r.end) for r in repairs)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start  # never overlapping nor touching: rebuilding is unambiguous
    assert original_text(repaired, repairs) == text


# --- the seed article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    [doc] = docs(read([seed_path]))
    return doc


def test_seed_glued_words_repaired(seed_doc: Document) -> None:
    assert "Genaro Garcia Luna — who is awaiting" in seed_doc.text
    assert "drug trafficking — has launched" in seed_doc.text
    assert [(r.before, r.after, r.kind) for r in seed_doc.repairs] == [
        ("Lunawho", "Luna — who", "glued-words"),
        ("traffickinghas", "trafficking — has", "glued-words"),
    ]
    assert seed_doc.flags == ()
    assert (seed_doc.date, seed_doc.date_precision) == ("2024-09-17", "day")


def test_seed_legit_unicode_untouched(seed_doc: Document) -> None:
    for legit in ("Calderón’s", "Andrés Manuel López Obrador", "“explosive reaction”", "César"):
        assert legit in seed_doc.text


def test_seed_rebuilds_from_repairs(seed_path: Path, seed_doc: Document) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    body = raw[len(" date 2024-09-17 ") :]
    _check_repairs(body, seed_doc.text, seed_doc.repairs)


def test_seed_no_repair_is_identity(seed_path: Path, seed_doc: Document) -> None:
    [doc] = docs(read([seed_path], repair=False))
    raw = seed_path.read_text(encoding="utf-8")
    assert raw.startswith(" date 2024-09-17 ")
    assert doc.text == raw[len(" date 2024-09-17 ") :]
    assert doc.repairs == () and doc.flags == ()
    assert doc.id == seed_doc.id


def test_no_repair_identity_on_messy_input(tmp_path: Path) -> None:
    body = "  CalderÃ³nâ€™s\x07 aide  \r\n\r\n\r\nGarcia Lunawho is here met Luna.\n\n"
    [doc] = docs(read([write(tmp_path / "a.txt", f" date 2024-01-01 {body}")], repair=False))
    assert doc.text == body.lstrip(" ")  # only the separator after the date belongs to the header
    [fixed] = docs(read([write(tmp_path / "a.txt", f" date 2024-01-01 {body}")]))
    assert fixed.text == "Calderón’s aide\n\nGarcia Luna — who is here met Luna."
    _check_repairs(doc.text, fixed.text, fixed.repairs)


# --- character repairs ------------------------------------------------------------------------


def test_mojibake_fixed_and_recorded() -> None:
    text = "Felipe CalderÃ³nâ€™s aide said â€œnoâ€\x9d."
    r = repair_text(text)
    assert r.text == "Felipe Calderón’s aide said “no”."
    assert {x.kind for x in r.repairs} == {"mojibake"}
    _check_repairs(text, r.text, r.repairs)


@pytest.mark.parametrize(
    "text",
    [
        "“El Mayo” Zambada met García’s lawyer at a café in Zürich — reportedly.",
        "Ça va, naïve façade, coöperate, Straße, Ærø, Łódź, São Paulo, İstanbul.",
        "Prices: £5, €7, ¥300; 25°C; “quoted” ‘single’ «guillemets».",
        "東京 and Москва and القاهرة and हिन्दी are legit.",
        "A &amp; B said <b>bold</b> plain ASCII\twith a tab.",
    ],
)
def test_legit_text_untouched(text: str) -> None:
    r = repair_text(text)
    assert r.text == text and r.repairs == () and r.flags == ()


def test_control_characters_removed() -> None:
    text = "The\x00 vote\x1b was held\ufeff today.\x7f Page\x0cnext\x0b."
    r = repair_text(text)
    assert r.text == "The vote was held today. Page\nnext\n."
    _check_repairs(text, r.text, r.repairs)
    assert {x.kind for x in r.repairs} == {"control-chars", "whitespace"}


def test_whitespace_normalised_paragraphs_kept() -> None:
    text = (
        "\n  First paragraph.  \r\nSame paragraph.\r\n\r\n\r\n  \n"
        "Second\tparagraph.\u2028Third.\n\n"
    )
    r = repair_text(text)
    assert r.text == "First paragraph.\nSame paragraph.\n\nSecond\tparagraph.\nThird."
    _check_repairs(text, r.text, r.repairs)
    assert {x.kind for x in r.repairs} == {"whitespace"}


def test_single_paragraph_break_and_inner_spaces_kept() -> None:
    text = "Qtr 1      Qtr 2\n  Sales    10\n\nNext paragraph."
    r = repair_text(text)
    assert r.text == text and r.repairs == ()


# --- glued words ------------------------------------------------------------------------------


def test_relative_after_name_gets_dash_and_closing_verb_too() -> None:
    text = (
        "Officials said Maria Ortegawho leads the port authority, a drug smugglinghas "
        "launched appeals. Ortega denied it."
    )
    r = repair_text(text)
    assert "Maria Ortega — who leads" in r.text
    assert "drug smuggling — has launched" in r.text
    _check_repairs(text, r.text, r.repairs)


def test_verb_without_open_dash_gets_a_space() -> None:
    r = repair_text("The court said the reorganization planhad been affirmed.")
    assert r.text == "The court said the reorganization plan had been affirmed."
    assert [x.kind for x in r.repairs] == ["glued-words"]


def test_relative_after_lowercase_word_gets_a_space() -> None:
    r = repair_text("Trading picks up at the opening, afterwhich volume dwindles.")
    assert "after which volume" in r.text


def test_cash_flow_verb_before_number() -> None:
    r = repair_text("Cash flow from operationswas 6,237,000 dlrs in the quarter.")
    assert "operations was 6,237,000" in r.text


@pytest.mark.parametrize(
    "text",
    [
        "The Lunar module landed and the lunar rover followed.",
        "Ahmedabad is the largest city in Gujarat.",
        "Wholesale prices rose while wholesalers complained.",
        "Whoopi Goldberg hosted the show with Whoopi's friends.",
        "Dennis said the thesis and the analysis were complete.",
        "Peru's currency, the inti, fell to 20 intis per dollar, or 30 intis later.",
        "Travis Kalanick has said Chris Harris was there; Lewis wasn't.",
        "The Whois database and the Ottawas were mentioned by the Pashas.",
        "Dimis Inc said it had talks with Harris Corp.",
        "Ismael “El Mayo” Zambada was arrested in July 2024, officials who spoke said.",
        "Wyeth, whose drugs are sold worldwide, and Genesis, which is private, agreed.",
    ],
)
def test_no_false_repairs_on_ordinary_text(text: str) -> None:
    r = repair_text(text)
    assert r.text == text
    assert r.repairs == () and r.flags == ()


def test_unsure_glued_word_is_flagged_not_changed() -> None:
    text = "The report by Marshwho is an analyst came late."
    r = repair_text(text)
    assert r.text == text and r.repairs == ()
    [flag] = r.flags
    assert flag.kind == "glued-words"
    assert text[flag.start : flag.end] == "Marshwho"
    assert "Marsh" in flag.message


def test_repeated_unknown_token_is_flagged_not_changed() -> None:
    text = "Rivera met Garcia Lunawho is ill; they saw Lunawho is out, said Luna."
    r = repair_text(text)
    assert r.text == text
    assert [text[f.start : f.end] for f in r.flags] == ["Lunawho", "Lunawho"]


def test_flag_offsets_follow_earlier_repairs() -> None:
    text = "They saw Garcia Lunawho is here; later Marshwho is there, said Luna."
    r = repair_text(text)
    assert "Luna — who is here" in r.text
    [flag] = r.flags
    assert r.text[flag.start : flag.end] == "Marshwho"


# --- the editor ---------------------------------------------------------------------------------


def test_editor_merges_overlapping_edits_across_passes() -> None:
    ed = TextEditor("abcdef")
    ed.apply([Edit(1, 3, "XY", "one")])
    assert ed.text == "aXYdef"
    ed.apply([Edit(2, 4, "Q", "two")])
    assert ed.text == "aXQef"
    assert ed.repairs == [Repair(1, 3, "bcd", "XQ", "one+two")]
    assert original_text(ed.text, ed.repairs) == "abcdef"


def test_editor_rejects_overlapping_edits_in_one_pass() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        TextEditor("abcdef").apply([Edit(0, 3, "x", "k"), Edit(2, 4, "y", "k")])


# fmt: off
PIECES = [
    "word", " ", "  ", "\n", "\n\n\n", "\r\n", "\r", "\t", "\x00", "\x1b", "\ufeff", "\u2028",
    "CalderÃ³n", "â€œ", "â€\x9d", "Ã©", "’", "“quoted”", "García", "Luna", "Lunawho", "is",
    "traffickinghas", "planhad", "been", "—", ".", ",", "e\u0301", "ﬁ", "Marshwho", "x" * 3,
]
# fmt: on


def test_rebuild_from_repairs_on_random_messy_texts() -> None:
    rng = random.Random(20240917)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        r = repair_text(text)
        _check_repairs(text, r.text, r.repairs)
        for f in r.flags:
            assert 0 <= f.start < f.end <= len(r.text)


def test_frequent_name_not_written_alone_is_split() -> None:
    r = repair_text("Aides said Obamawas pleased with the vote.")
    assert r.text == "Aides said Obama was pleased with the vote."


def test_frequent_name_before_is_only_flagged() -> None:
    text = "Aides said Obamais pleased with the vote."
    r = repair_text(text)
    assert r.text == text and [f.kind for f in r.flags] == ["glued-words"]
