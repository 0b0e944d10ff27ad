"""Where the project's files are: specs/, contracts/ and reports/, in a clone or in an installed wheel.

Lookup order for the data directories: an explicit root (`PAYSTACK_CONTRACTS_ROOT` or a `root=` argument), the
current directory when it is a clone (has contracts/), the source checkout this module was imported from
(editable installs), then the copy bundled inside the wheel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from paystack_contracts.documents import resolved

__all__ = ["Project", "current_project", "display_path"]

_ROOT_ENV = "PAYSTACK_CONTRACTS_ROOT"


@dataclass(frozen=True, slots=True)
class Project:
    """The directory that holds specs/ and contracts/."""

    root: Path

    @property
    def specs(self) -> Path:
        return self.root / "specs"

    @property
    def contracts(self) -> Path:
        return self.root / "contracts"

    def contract(self, name: str) -> Path:
        return self.contracts / name

    def spec(self, name: str) -> Path:
        return self.specs / name


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    found = [Path.cwd(), here.parents[1]]  # a clone's cwd; src/paystack_contracts -> repo root
    return [*found, here / "_bundled"]


@cache
def _discover(explicit: str | None) -> Project:
    if explicit:
        return Project(Path(explicit).resolve())
    for candidate in _candidates():
        if (candidate / "contracts" / "paystack-customers.openapi.yaml").is_file():
            return Project(candidate.resolve())
    return Project(Path.cwd().resolve())


def current_project() -> Project:
    """The project in effect for this process (cached per value of PAYSTACK_CONTRACTS_ROOT)."""
    return _discover(os.environ.get(_ROOT_ENV))


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as users should read it in findings: relative to `base` (default: cwd) when inside it."""
    base = resolved(base or Path.cwd())
    try:
        return resolved(path).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
