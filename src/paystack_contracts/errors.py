"""Tool errors: things that stop us from checking at all. They are never findings.

A *finding* (see `findings.py`) says the API, a spec or the docs disagree with the contract; it is data and a
run that produces findings exits 1. An *error* says the tool could not do its job: a missing file, a usage
mistake, a refused key. Errors are raised by library code and turned into one clear line and exit code 2 at
the CLI edge. Nothing below ever carries a secret key in its message.

The tree:

* ContractsError                 root of everything this package raises on purpose
  + UsageError                   bad command-line arguments or option combinations (exit 2)
  + ConfigError                  bad settings: unknown drift profile, bad base URL, bad policy or config file,
                                 a write into the installed package (exit 2)
    - UnsafeTargetError          refused before sending anything: a live key, plain HTTP to a remote host
  + DocumentError                a spec/contract/ledger file that cannot be read or parsed at all
  + TargetUnavailableError       the target cannot be reached (a run that only hit this is inconclusive, exit 3)
  + WorkerError                  a worker process of the run failed or died before handing back its share
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ContractsError",
    "DocumentError",
    "TargetUnavailableError",
    "UnsafeTargetError",
    "UsageError",
    "WorkerError",
]


class ContractsError(Exception):
    """Root of the errors this package raises on purpose."""


class UsageError(ContractsError):
    """The command line asks for something that cannot be done as written."""


class ConfigError(ContractsError):
    """A setting is wrong: a key, a URL, a policy, a profile name."""


class UnsafeTargetError(ConfigError):
    """Refused before any request is sent: a live key, or plain HTTP to a non-loopback host."""


class DocumentError(ContractsError):
    """A document cannot be read or parsed. `path` names it; the message says why in one line."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class TargetUnavailableError(ContractsError):
    """The target did not answer: connection refused, DNS failure, timeout before any response."""


class WorkerError(ContractsError):
    """A worker process of the run raised, or ended (killed, crashed) before returning what it recorded."""
