"""Compute every discrepancy from the source files under a project root (never from a hand-written list)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from paystack_contracts.discrepancies import fields as _fields  # noqa: F401  (registers the field rules)
from paystack_contracts.discrepancies import openapi as _openapi  # noqa: F401  (registers the OpenAPI adapters)
from paystack_contracts.discrepancies import tables as _tables  # noqa: F401  (registers the table adapters)
from paystack_contracts.discrepancies.aliases import AliasSet, load_aliases
from paystack_contracts.discrepancies.model import Discrepancy, Source
from paystack_contracts.discrepancies.rules import RULES, Family
from paystack_contracts.discrepancies.sources import load_sources

__all__ = ["compute", "families"]


def families(sources: list[Source], aliases: list[AliasSet]) -> list[Family]:
    names = sorted({s.api for s in sources})
    return [Family(name, [s for s in sources if s.api == name], aliases) for name in names]


def compute(root: Path | Mapping[str, Path], *, aliases: list[AliasSet] | None = None) -> list[Discrepancy]:
    """All discrepancies between the sources under `root`/specs and `root`/contracts (or the `{label: dir}`
    mapping of `Project.source_dirs`), sorted by key."""
    aliases = load_aliases() if aliases is None else aliases
    found: dict[str, Discrepancy] = {}
    for family in families(load_sources(root), aliases):
        for rule in RULES.values():
            for discrepancy in rule(family):
                found.setdefault(discrepancy.key, discrepancy)
    return sorted(found.values(), key=lambda d: d.key)
