"""Sentence spans from the parse, kept in the result so every record can cite its sentence."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.registry import stage


@stage("sentences.v1", requires=["spacy.parse"], assigns=["sentences"])
def sentences(ctx: StageContext) -> None:
    """Character spans of the parser's sentences, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    for sent in ctx.doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            out.append((start, end))
    ctx.result.sentences = out
