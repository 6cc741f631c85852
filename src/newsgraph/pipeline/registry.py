"""Stage registry: each stage is a plain function over a :class:`StageContext`, registered under a
versioned name with what it requires and what it assigns, so a pipeline is checked when assembled.

A new stage is one module in ``pipeline/stages/`` with one ``@stage(...)`` decorator, and its
name in ``[pipeline].stages`` of the config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.errors import StageConfigError

if TYPE_CHECKING:
    from newsgraph.pipeline.context import StageContext

StageFunc = Callable[["StageContext"], None]

# What every pipeline starts with, before any stage runs.
BASE_PROVIDES = frozenset({"doc.text", "doc.date", "spacy.parse"})


@dataclass(frozen=True)
class StageSpec:
    name: str
    func: StageFunc
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_REGISTRY: dict[str, StageSpec] = {}


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as pipeline stage ``name`` (e.g. ``"times.rules.v1"``)."""

    def register(func: StageFunc) -> StageFunc:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise StageConfigError(f"stage {name!r} is registered twice")
        _REGISTRY[name] = StageSpec(
            name=name,
            func=func,
            requires=tuple(requires),
            assigns=tuple(assigns),
            doc=(func.__doc__ or "").strip().split("\n")[0],
        )
        return func

    return register


def _load_builtin_stages() -> None:
    # Importing the package registers every built-in stage module.
    import newsgraph.pipeline.stages  # noqa: F401


def get_stage(name: str) -> StageSpec:
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise StageConfigError(f"unknown stage {name!r}; registered: {known}") from None


def registered_stages() -> dict[str, StageSpec]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def resolve_stages(names: Iterable[str]) -> list[StageSpec]:
    """Look up stages in order and check each one's requirements are met by earlier ones."""
    provided = set(BASE_PROVIDES)
    specs: list[StageSpec] = []
    for name in names:
        spec = get_stage(name)
        missing = [r for r in spec.requires if r not in provided]
        if missing:
            raise StageConfigError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        provided.update(spec.assigns)
        specs.append(spec)
    return specs
