"""Where the project's files are: the contract, baseline, ledger, policy, specs, reports and caches.

A *project* is resolved once per process (per environment and working directory), each file by this precedence:

1. a command-line flag (the CLI passes it to `Project.with_overrides`);
2. the environment: `PAYSTACK_CONTRACTS_<KEY>` per key (`PAYSTACK_CONTRACTS_BASELINE_DIR=...`), and
   `PAYSTACK_CONTRACTS_ROOT` for the directory the project lives in;
3. a config file, searched upward from the current directory: `paystack-contracts.toml`, or a
   `[tool.paystack-contracts]` table in `pyproject.toml` (paths in it are relative to the file);
4. a clone of this repository in the current directory;
5. the copy bundled inside the installed package (an editable install: its checkout), which is read-only:
   `Project.writable` refuses to write there and says to run `paystack-contracts init`.

Keys (the config file's names; all optional): contracts-dir, baseline-dir, ledger, policy, specs-dir, report-dir,
cache-dir. Upstream evidence (specs/) stays bundled in a user project unless `specs-dir` names a copy.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from paystack_contracts.documents import resolved
from paystack_contracts.errors import ConfigError

__all__ = [
    "CONFIG_FILE",
    "KEYS",
    "Project",
    "bundled_root",
    "current_project",
    "display_path",
    "forget_projects",
    "load_project",
    "pin_project",
    "project_at",
]

CONFIG_FILE = "paystack-contracts.toml"
PYPROJECT_TABLE = "paystack-contracts"
ROOT_ENV = "PAYSTACK_CONTRACTS_ROOT"
CONTRACT_FILE = "paystack-customers.openapi.yaml"

KEYS: dict[str, str] = {
    "contracts-dir": "contracts",
    "baseline-dir": "baseline_dir",
    "ledger": "ledger",
    "policy": "policy",
    "specs-dir": "specs",
    "report-dir": "report_dir",
    "cache-dir": "cache_dir",
}
"""Config-file key -> `Project` field."""


def bundled_root() -> Path:
    """The read-only copy of contracts/ and specs/ inside the installed package (an editable install has none:
    its checkout stands in)."""
    bundled = _package_dir() / "_bundled"
    checkout = _package_dir().parents[1]
    return checkout if not bundled.is_dir() and _is_clone(checkout) else bundled


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Project:
    """The files one run uses. `root` is the user's directory (where the config file is, or a clone)."""

    root: Path
    contracts: Path
    baseline_dir: Path
    ledger: Path
    policy: Path
    specs: Path
    report_dir: Path
    cache_dir: Path
    config_file: Path | None = None
    origin: str = "bundled"  # "config", "clone" or "bundled": how the project was found

    @classmethod
    def at(cls, root: Path, *, origin: str = "clone") -> Project:
        """The conventional layout under `root`: root/contracts (with baseline/, the ledger, the policy) and
        root/specs, falling back to the bundled specs when root has none."""
        root = root.resolve()
        contracts = root / "contracts"
        specs = root / "specs" if (root / "specs").is_dir() else bundled_root() / "specs"
        return cls(
            root=root,
            contracts=contracts,
            baseline_dir=contracts / "baseline",
            ledger=contracts / "discrepancies.yaml",
            policy=contracts / "drift-policy.yaml",
            specs=specs,
            report_dir=root / "reports",
            cache_dir=_default_cache_dir(),
            origin=origin,
        )

    def contract(self, name: str) -> Path:
        return self.contracts / name

    def spec(self, name: str) -> Path:
        return self.specs / name

    @property
    def source_dirs(self) -> dict[str, Path]:
        """The folders discrepancies are computed from, by the label claims carry (`specs/...`, `contracts/...`)."""
        return {"specs": self.specs, "contracts": self.contracts}

    @property
    def own_paths(self) -> list[Path]:
        """What `validate` checks by default: the files of this project that exist under its root (never the
        bundled copy, nor the checkout an editable install stands in for it with)."""
        candidates = (self.specs, self.contracts, self.baseline_dir, self.ledger, self.policy)
        own = [p for p in dict.fromkeys(candidates) if p.exists() and p.is_relative_to(self.root) and not is_bundled(p)]
        return [p for p in own if not any(p != d and p.is_relative_to(d) for d in own)]  # nested ones once

    def with_overrides(self, **paths: Path | None) -> Project:
        """This project with the given fields replaced (command-line flags); None leaves a field as it is."""
        given: dict[str, Any] = {name: Path(value).resolve() for name, value in paths.items() if value is not None}
        unknown = set(given) - set(KEYS.values()) - {"root"}
        if unknown:
            raise TypeError(f"not a project path: {', '.join(sorted(unknown))}")
        return replace(self, **given) if given else self

    def writable(self, path: Path) -> Path:
        """`path`, unless it lies inside the installed package, or this project is the fallback to the bundled
        copy (raises ConfigError saying to run `init`)."""
        fallback = self.origin == "bundled" and Path(path).resolve().is_relative_to(bundled_root())
        if is_bundled(path) or fallback:
            raise ConfigError(
                f"refusing to write {path}: it is inside the installed paystack-contracts package; "
                "run `paystack-contracts init` in your repository to get your own copy of the contract files"
            )
        return path

    def describe(self) -> list[str]:
        """One line per file in use, as users should read it (bundled ones absolute and marked)."""
        source = f"{self.config_file} ({self.origin})" if self.config_file else f"{self.root} ({self.origin})"
        rows = [("project", source)]
        rows += [(key, _shown(getattr(self, name), self.root)) for key, name in KEYS.items()]
        return [f"{key:<14}{value}" for key, value in rows]

    def shown(self, path: Path) -> str:
        """A path for one-line messages: relative to the project root, or absolute with "(bundled)"."""
        return _shown(path, self.root)


def is_bundled(path: Path) -> bool:
    """True for anything inside the installed package (its bundled data included)."""
    return Path(path).resolve().is_relative_to(_package_dir())


def _shown(path: Path, root: Path) -> str:
    if is_bundled(path):
        return f"{path} (bundled)"
    return display_path(path, base=root)


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return (Path(base) / "paystack-contracts").resolve()


def find_config(start: Path) -> Path | None:
    """The nearest paystack-contracts.toml, or pyproject.toml with a [tool.paystack-contracts] table, upward."""
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and PYPROJECT_TABLE in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file ({exc})") from exc


def _config_table(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == CONFIG_FILE:
        return data
    table = data.get("tool", {}).get(PYPROJECT_TABLE, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{PYPROJECT_TABLE}] must be a table")
    return table


def _vetted(table: Mapping[str, Any], path: Path) -> dict[str, str]:
    """Raw config values -> {Project field: relative or absolute path text}; unknown keys and non-strings refused."""
    vetted: dict[str, str] = {}
    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(KEYS)})"
            raise ConfigError(f"{path}: unknown key '{key}'{hint}")
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{path}: '{key}' must be a non-empty path string")
        vetted[KEYS[key]] = value
    return vetted


def _from_config(config_file: Path) -> Project:
    root = config_file.parent.resolve()
    project = replace(Project.at(root, origin="config"), config_file=config_file.resolve())
    values = _vetted(_config_table(config_file), config_file)
    project = project.with_overrides(**{name: root / text for name, text in values.items()})
    if "contracts" in values:  # files that default to living in the contract dir follow it
        moved = {"baseline_dir": "baseline", "ledger": "discrepancies.yaml", "policy": "drift-policy.yaml"}
        project = project.with_overrides(**{n: project.contracts / f for n, f in moved.items() if n not in values})
    return project


def project_at(directory: Path) -> Project:
    """The project whose root is `directory`: from its config file when it has one, else its conventional layout."""
    root = directory.resolve()
    config = find_config(root)
    return _from_config(config) if config is not None and config.parent == root else Project.at(root)


def _from_environment(project: Project, environ: Mapping[str, str]) -> Project:
    given = {name: environ.get(_env_name(key)) for key, name in KEYS.items()}
    return project.with_overrides(**{name: Path(value) for name, value in given.items() if value})


def _env_name(key: str) -> str:
    return "PAYSTACK_CONTRACTS_" + key.upper().replace("-", "_")


def _is_clone(directory: Path) -> bool:
    return (directory / "contracts" / CONTRACT_FILE).is_file()


def _discover(root_env: str | None, cwd: Path) -> Project:
    if root_env:
        return project_at(Path(root_env))
    config = find_config(cwd)
    if config is not None:
        return _from_config(config)
    if _is_clone(cwd):
        return Project.at(cwd)
    bundled = Project.at(bundled_root(), origin="bundled")
    return replace(bundled, root=cwd, report_dir=cwd / "reports")


@cache
def _resolved(environ: tuple[tuple[str, str], ...], cwd: Path) -> Project:
    env = dict(environ)
    return _from_environment(_discover(env.get(ROOT_ENV), cwd), env)


def load_project(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> Project:
    """The project for this environment and directory (flags are applied by the caller, `with_overrides`)."""
    env = os.environ if environ is None else environ
    ours = tuple(sorted((k, v) for k, v in env.items() if k.startswith("PAYSTACK_CONTRACTS_") or k == "XDG_CACHE_HOME"))
    return _resolved(ours, (cwd or Path.cwd()).resolve())


def forget_projects() -> None:
    """Drop the resolved projects (after `init` wrote a config file, the next lookup must see it)."""
    _resolved.cache_clear()


def current_project() -> Project:
    """The project in effect for this process: the pinned one, else the one for its environment and working
    directory (cached per both)."""
    return _PINNED.get("project") or load_project()


_PINNED: dict[str, Project] = {}


def pin_project(project: Project) -> None:
    """Make `project` this process's project, whatever its environment and directory. A run's worker process
    pins its run's: one from a fork server would otherwise resolve the environment and directory the server
    started with (another run's, in a long-lived host such as pytest)."""
    _PINNED["project"] = project


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as users should read it in findings: relative to `base` (default: cwd) when inside it."""
    base = resolved(base or Path.cwd())
    try:
        return resolved(path).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
