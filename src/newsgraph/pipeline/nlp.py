"""Loading the spaCy model: once per process, by package name, with the configured matrix ops."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from newsgraph.config import limit_blas_threads
from newsgraph.errors import ModelLoadError

__all__ = ["limit_blas_threads", "load_nlp", "set_ops"]


def set_ops(ops: str) -> None:
    """Route thinc's kernels through numpy (``"numpy"``) or keep blis (``"blis"``)."""
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=(ops == "blis")))


@lru_cache(maxsize=4)
def load_nlp(model: str, ops: str = "numpy") -> Any:
    """The spaCy pipeline ``model`` (a package name), loaded once per process and ops setting."""
    import spacy

    set_ops(ops)
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelLoadError(f"cannot load spaCy model {model!r}: {err}") from err
