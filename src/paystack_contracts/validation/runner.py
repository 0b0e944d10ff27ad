"""Validating files and directories: load each document, classify it, run the check registered for its kind.

Nothing here raises for bad input: an unreadable file is an `unreadable` finding, an unknown kind is skipped,
and a check that fails unexpectedly becomes a `validator-failed` finding naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from paystack_contracts.documents import iter_document_paths, load_document, resolved
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding
from paystack_contracts.project import current_project, display_path
from paystack_contracts.validation._text import one_line
from paystack_contracts.validation.data_formats import check_data_format
from paystack_contracts.validation.kinds import Document, classify, registered_kinds

__all__ = ["DocumentResult", "check_document", "check_paths", "default_paths", "validate_document", "validate_paths"]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One file's outcome. `kind` is None when the file could not be read or no check knows its kind."""

    file: str
    kind: str | None
    findings: tuple[Finding, ...]

    @property
    def checked(self) -> bool:
        return self.kind is not None


def default_paths() -> list[Path]:
    """specs/ and contracts/ of the current project (those that exist)."""
    project = current_project()
    return [p for p in (project.specs, project.contracts) if p.exists()]


def check_document(path: Path, *, root: Path | None = None) -> DocumentResult:
    display = display_path(path, base=root or current_project().root)
    try:
        data = load_document(path, display=display)
    except DocumentError as exc:
        return DocumentResult(display, None, (Finding(rule="unreadable", file=display, message=exc.reason),))
    document = Document(path, display, data)
    kind = classify(document)
    if kind is None:
        return DocumentResult(display, None, ())
    return DocumentResult(display, kind, tuple(_run_check(document, kind)))


def _run_check(document: Document, kind: str) -> Iterator[Finding]:
    registered = registered_kinds().get(kind)
    try:
        if registered is not None:
            yield from registered.check(document)
        else:
            yield from check_data_format(document, kind)
    except Exception as exc:  # a check's own bug must not become a traceback; it is reported with the file
        yield Finding(
            rule="validator-failed",
            file=document.display,
            pointer="",
            message=f"the {kind} check stopped: {type(exc).__name__}: {one_line(str(exc), 160)}",
        )


def iter_target_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly (whatever their suffix), and YAML/JSON files under directories, each once."""
    seen: set[Path] = set()
    for path in paths:
        files = iter_document_paths(path) if path.is_dir() else iter([path])
        for file in files:
            key = resolved(file)
            if key not in seen:
                seen.add(key)
                yield file


def check_paths(paths: Iterable[Path] | None = None, *, root: Path | None = None) -> list[DocumentResult]:
    targets = default_paths() if paths is None else list(paths)
    results = [check_document(file, root=root) for file in iter_target_files(targets)]
    return results + [_empty_directory(p, root) for p in targets if p.is_dir() and not any(iter_document_paths(p))]


def _empty_directory(path: Path, root: Path | None) -> DocumentResult:
    """A directory named to be checked that holds nothing to check: a finding, so the gate cannot pass empty."""
    display = display_path(path, base=root or current_project().root)
    message = "is a directory with no YAML or JSON documents: nothing was checked"
    return DocumentResult(display, None, (Finding(rule="unreadable", file=display, message=message),))


def validate_document(path: Path) -> list[Finding]:
    """All findings for one file (library entry point for the suite and reports)."""
    return list(check_document(Path(path)).findings)


def validate_paths(paths: Iterable[Path] | None = None) -> list[Finding]:
    """All findings for files and directories (default: specs/ and contracts/ of the current project)."""
    return [f for result in check_paths(paths) for f in result.findings]
