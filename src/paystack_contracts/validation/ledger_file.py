"""`paystack-contracts validate` for the discrepancy ledger: its loader, its bundled JSON Schema, and semantics.

`validation.contract_files` checks that the ledger loads; this check runs that too, then the shape
(`schemas/discrepancy-ledger.schema.json`: no TODO topics, observe expectations known) and what a schema cannot
say: ids and detector keys are unique, an `observe` block's recorded side is one of its sides or the contract,
and a computed entry's claims name files that exist in the project. It registers after `contract_files` (it
imports it first), so it is the check that runs for `kind: discrepancy-ledger`. Drift policies keep their
loader check; fingerprints and path aliases are checked against their bundled schemas.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from paystack_contracts.findings import Finding
from paystack_contracts.project import Project, current_project
from paystack_contracts.validation.contract_files import check_discrepancy_ledger as check_loads
from paystack_contracts.validation.data_formats import check_data_format
from paystack_contracts.validation.kinds import Document, document_kind

__all__ = ["check_ledger_file"]


@document_kind("discrepancy-ledger")
def check_ledger_file(document: Document) -> Iterator[Finding]:
    refused = list(check_loads(document))
    if refused:  # a ledger the loader refuses is one finding, as for every other contract file
        yield from refused
        return
    yield from check_data_format(document, "discrepancy-ledger")
    entries = document.data.get("entries")
    if not isinstance(entries, list):
        return
    seen: dict[tuple[str, str], str] = {}
    missing: set[str] = set()
    root = _project_root(document)
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        where = f"/entries/{index}"
        detector: dict[str, object] = entry["detector"] if isinstance(entry.get("detector"), dict) else {}
        for label, value in (("id", entry.get("id")), ("detector key", detector.get("key"))):
            if isinstance(value, str) and (label, value) in seen:
                yield _finding(document, where, f"duplicate {label} {value!r} (also at {seen[(label, value)]})")
            elif isinstance(value, str):
                seen[(label, value)] = where
        yield from _observe(document, where, entry.get("observe"))
        if entry.get("computed", True) is not False and root is not None:
            yield from _claimed_files(document, root, where, entry.get("claims"), missing)


def _claimed_files(
    document: Document, root: dict[str, Path], where: str, claims: object, missing: set[str]
) -> Iterator[Finding]:
    """A computed claim's file must exist; each missing file is reported once, at its first claim."""
    for number, claim in enumerate(claims if isinstance(claims, list) else []):
        file = claim.get("file") if isinstance(claim, dict) else None
        if isinstance(file, str) and file not in missing and not _exists(root, file):
            missing.add(file)
            yield _finding(document, f"{where}/claims/{number}/file", f"claims a file that does not exist: {file}")


def _observe(document: Document, where: str, observe: object) -> Iterator[Finding]:
    if not isinstance(observe, dict) or not isinstance(observe.get("sides"), dict):
        return
    recorded = observe.get("recorded")
    if recorded not in observe["sides"] and recorded != "contract":
        message = (
            f"observe.recorded {recorded!r} is neither one of its sides ({', '.join(observe['sides'])}) nor contract"
        )
        yield _finding(document, f"{where}/observe/recorded", message)


def _project_root(document: Document) -> dict[str, Path] | None:
    """The folders the ledger's claims name (`specs/...`, `contracts/...`): those of the current project when this
    is its ledger, else of the project whose contracts/ holds the file (specs falling back to the bundled copy)."""
    project = current_project()
    if document.path.resolve() == project.ledger.resolve():
        return project.source_dirs
    parent = document.path.resolve().parent
    return Project.at(parent.parent).source_dirs if parent.name == "contracts" else None


def _exists(dirs: dict[str, Path], file: str) -> bool:
    label, _, rest = file.partition("/")
    return label in dirs and (dirs[label] / rest).is_file()


def _finding(document: Document, pointer: str, message: str) -> Finding:
    return Finding(rule="ledger-entry", message=message, source="validate", file=document.display, pointer=pointer)
