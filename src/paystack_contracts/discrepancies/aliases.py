"""Known path aliases, kept as data in `aliases.yaml` next to this module (or a file given explicitly)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from paystack_contracts.diff.operations import path_shape
from paystack_contracts.documents import load_document, parse_document
from paystack_contracts.errors import DocumentError

__all__ = ["AliasSet", "load_aliases"]


@dataclass(frozen=True, slots=True)
class AliasSet:
    """Operation keys ("POST /customer/{}/x") that name one operation; the first is the canonical one."""

    keys: tuple[str, ...]
    evidence: str

    @property
    def canonical(self) -> str:
        return self.keys[0]


def operation_key(method: str, path: str) -> str:
    return f"{method.upper()} {path_shape(path)}"


def load_aliases(path: Path | None = None) -> list[AliasSet]:
    if path is None:
        raw = resources.files("paystack_contracts.discrepancies").joinpath("aliases.yaml").read_bytes()
        data = parse_document(raw, display="paystack_contracts/discrepancies/aliases.yaml")
    else:
        data = load_document(path)
    if data.get("kind") != "path-aliases":
        raise DocumentError(str(path), "expected `kind: path-aliases`")
    return [
        AliasSet(
            tuple(operation_key(str(a.get("method", "")), str(p)) for p in a.get("paths", [])),
            str(a.get("evidence", "")),
        )
        for a in data.get("aliases") or []
        if isinstance(a, dict)
    ]
