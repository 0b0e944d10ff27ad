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
    - KeyRejectedError           the target answered the first authenticated probe with 401: nothing more is sent
  + DocumentError                a spec/contract/ledger file that cannot be read or parsed at all
  + TargetUnavailableError       the target cannot be reached (`webhook send`: exit 3)
    - TargetNeverReachedError    a suite run got not one conclusive answer from its target (exit 2)
  + WorkerError                  a worker process of the run failed or died before handing back its share
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ContractsError",
    "DocumentError",
    "KeyRejectedError",
    "TargetNeverReachedError",
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


class KeyRejectedError(ConfigError):
    """The target refused the run's key on the first authenticated request: a configuration error, not drift
    (a revoked or mistyped key would otherwise fail every operation with "HTTP 401, expected 200")."""


class DocumentError(ContractsError):
    """A document cannot be read or parsed. `path` names it; the message says why in one line."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


class TargetUnavailableError(ContractsError):
    """The target did not answer: connection refused, DNS failure, timeout before any response."""


class TargetNeverReachedError(TargetUnavailableError):
    """A suite run got not one conclusive answer (refused connections, timeouts, only edge pages): a target that
    is never reached is a configuration problem, not an inconclusive pass. A run where something was checked and
    something was not stays inconclusive (exit 3)."""


class WorkerError(ContractsError):
    """A worker process of the run raised, or ended (killed, crashed) before returning what it recorded."""
