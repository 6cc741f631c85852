"""Sentence spans from the parse, kept in the result so every record can cite its sentence."""

from __future__ import annotations

from newsgraph.pipeline.context import StageContext
from newsgraph.pipeline.doctext import doc_text
from newsgraph.pipeline.registry import stage


@stage("sentences.v1", requires=["spacy.parse"], assigns=["sentences"])
def sentences(ctx: StageContext) -> None:
    """Character spans of the parser's sentences, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    full = doc_text(ctx.doc)
    for sent in ctx.doc.sents:
        first, last = sent.start_char, sent.end_char
        text = full[first:last]  # ``sent.text`` without joining its tokens again
        start = first + (len(text) - len(text.lstrip()))
        end = last - (len(text) - len(text.rstrip()))
        if end > start:
            out.append((start, end))
    ctx.result.sentences = out
