"""A user project's files, as `paystack-contracts init [DIR]` writes them.

The config file, a copy of the bundled contract (the OpenAPI contracts, the Customer schema, the drift policy and
the discrepancy ledger), an empty baseline directory and a CI workflow that installs the tool from the package
index. `plan` lists what would be written; `write` refuses to replace an existing file unless told to.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from paystack_contracts import __version__
from paystack_contracts.errors import UsageError
from paystack_contracts.project import CONFIG_FILE, bundled_root, forget_projects

__all__ = ["CONTRACT_FILES", "PlannedFile", "plan", "requirement", "write"]

CONTRACT_FILES = (
    "paystack-customers.openapi.yaml",
    "paystack-customer.schema.json",
    "globalstack-customers.openapi.yaml",
    "drift-policy.yaml",
    "discrepancies.yaml",
)
WORKFLOW = Path(".github/workflows/contract-drift.yml")

CONFIG_TEXT = """\
# paystack-contracts: where this repository keeps the files the tool reads and writes.
# Paths are relative to this file. Command-line flags and PAYSTACK_CONTRACTS_<KEY> environment variables
# (PAYSTACK_CONTRACTS_BASELINE_DIR, ...) override them. Written by `paystack-contracts init`.
contracts-dir = "contracts"                # the contract, the Customer schema, the policy and the ledger
baseline-dir = "contracts/baseline"        # response fingerprints, written by `run --update-baseline`
ledger = "contracts/discrepancies.yaml"    # `discrepancies --check` compares it with the upstream sources
policy = "contracts/drift-policy.yaml"     # which changes fail, warn or are ignored
report-dir = "reports"                     # where `run` writes its reports
# specs-dir = "specs"                      # default: the upstream evidence bundled with the installed tool
# cache-dir = ".cache/paystack-contracts"  # default: ~/.cache/paystack-contracts (Hypothesis' files, the corpus)
"""

BASELINE_README = """\
# contracts/baseline/: response fingerprints

Empty until the first `paystack-contracts run --update-baseline`, which records the shape of every response the
run saw (one JSON file per operation and status code). Later runs compare against these files: a removed field or a
changed type fails the run, a new field warns. Commit the files and review their diffs like code.
"""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file `init` writes: where (relative to the target directory) and what."""

    path: Path
    content: bytes


def requirement(version: str = __version__) -> str:
    """The pinned range a user project installs: the same minor series for 0.x, the same major from 1.0."""
    major, minor = (int(part) for part in version.split(".")[:2])
    upper = f"{major}.{minor + 1}" if major == 0 else f"{major + 1}"
    return f"paystack-contracts>={major}.{minor},<{upper}"


def plan() -> list[PlannedFile]:
    contracts = bundled_root() / "contracts"
    files = [PlannedFile(Path(CONFIG_FILE), CONFIG_TEXT.encode())]
    files += [PlannedFile(Path("contracts") / name, (contracts / name).read_bytes()) for name in CONTRACT_FILES]
    files.append(PlannedFile(Path("contracts/baseline/README.md"), BASELINE_README.encode()))
    template = resources.files("paystack_contracts.templates").joinpath("contract-drift.yml").read_text("utf-8")
    files.append(PlannedFile(WORKFLOW, template.replace("@REQUIREMENT@", requirement()).encode()))
    return files


def write(directory: Path, files: list[PlannedFile], *, force: bool = False) -> list[Path]:
    """Write `files` under `directory`; with an existing one and no `force`, write nothing and raise UsageError."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: not a directory")
    existing = [f.path.as_posix() for f in files if (directory / f.path).exists()]
    if existing and not force:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise UsageError(f"{directory / existing[0]} exists{more}; pass --force to overwrite")
    written = []
    for planned in files:
        target = directory / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(planned.content)
        written.append(target)
    forget_projects()
    return written
