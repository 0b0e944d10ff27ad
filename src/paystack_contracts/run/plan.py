"""What one run is asked to do (`SuiteOptions`, raw), and what it will do (`RunPlan`, resolved once and frozen).

Raw input -> vetted value -> refusal before anything is sent: `TargetSpec` holds strings from flags or the
environment; `RunPlan.resolve` applies the safety rules (a live key, plain HTTP to a remote host, drift profiles
for a remote target are refused by raising `UnsafeTargetError` / `ConfigError` / `UsageError`) and decides
everything a run needs to know: embedded or HTTP, where GlobalStack lives, the profile, budget, seed, run id and the
Authorization headers. The runner, the phases and the worker processes receive the plan and nothing else; nobody
re-resolves it.
"""

from __future__ import annotations

import enum
import math
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from paystack_contracts.credentials import KEY_PATTERN, Redactor, SecretKey, bearer
from paystack_contracts.errors import ConfigError, UsageError
from paystack_contracts.project import Project, current_project
from paystack_contracts.url_policy import vet_base_url

if TYPE_CHECKING:
    from paystack_contracts.checks._guards import Check

__all__ = [
    "DEFAULT_LIVE_BUDGET",
    "DEFAULT_SEED",
    "IN_PROCESS_ORIGIN",
    "Endpoint",
    "Profile",
    "RunPlan",
    "SuiteOptions",
    "TargetSpec",
    "check_base_url",
    "is_credential_header",
    "is_loopback",
]

DEFAULT_SEED = 20261122
"""Runs are gates: the same code and target give the same verdict twice. Vary `--seed` to explore."""

DEFAULT_LIVE_BUDGET = 100
"""Paystack's test-mode rate limit is 100 requests per 60 s per integration (reference §1, RL)."""

IN_PROCESS_ORIGIN = "http://testserver"
"""The origin cases carry when the embedded mock answers in-process (no socket is opened)."""

EMBEDDED = "in-process mock"
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
"""An HTTP field name (RFC 9110 token)."""
_CREDENTIAL_NAME = re.compile(r"(?i)auth|cookie|token|key|secret|passw|session|signature|credential")
_TOKEN_VALUE = re.compile(r"(?:Bearer\s+|Basic\s+)?[A-Za-z0-9._~+/=-]{20,}")
"""A value that looks like a token: 20 or more characters with no spaces (ordinary header values have some)."""
GENERATED_PHASES = frozenset({"examples", "coverage", "fuzzing"})


class Profile(enum.StrEnum):
    """`full`: Schemathesis phases + state machine + scenarios (for mocks). `live`: a planned, minimal request set
    that covers every operation x documented status within the test-mode rate limit (for real sandboxes)."""

    FULL = "full"
    LIVE = "live"


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What the user asked for, unvalidated. Values are raw strings from flags or the environment."""

    base_url: str | None = None
    secret_key: str | None = None
    globalstack_base_url: str | None = None
    globalstack_key: str | None = None
    sources: tuple[tuple[str, str], ...] = ()  # field -> where its value came from ("--secret-key", env name)
    environment_keys: tuple[str, ...] = field(default=(), repr=False)  # keys in the environment, even if unused

    def source(self, name: str, default: str) -> str:
        return dict(self.sources).get(name, default)

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None, **given: str | None) -> TargetSpec:
        """Flags win over PAYSTACK_BASE_URL, PAYSTACK_SECRET_KEY, PAYSTACK_GLOBALSTACK_BASE_URL/_KEY."""
        env = os.environ if env is None else env
        names = {
            "base_url": "PAYSTACK_BASE_URL",
            "secret_key": "PAYSTACK_SECRET_KEY",
            "globalstack_base_url": "PAYSTACK_GLOBALSTACK_BASE_URL",
            "globalstack_key": "PAYSTACK_GLOBALSTACK_KEY",
        }
        values = {name: given.get(name) or env.get(variable) or None for name, variable in names.items()}
        sources = tuple(
            (name, f"--{name.replace('_', '-')}" if given.get(name) else variable)
            for name, variable in names.items()
            if values[name]
        )
        in_env = tuple(v for v in (env.get("PAYSTACK_SECRET_KEY"), env.get("PAYSTACK_GLOBALSTACK_KEY")) if v)
        return cls(**values, sources=sources, environment_keys=in_env)


@dataclass(frozen=True, slots=True)
class SuiteOptions:
    """What one run is asked to do. Built by the CLI or the pytest plugin; resolved by `RunPlan.resolve`."""

    target: TargetSpec = field(default_factory=TargetSpec)
    profile: Profile | None = None  # None: full against the embedded mock or a loopback URL, live otherwise
    seed: int | None = None
    max_requests: int | None = None  # None: unlimited in-process, the test-mode limit (100) over the network
    max_examples: int = 25  # fuzzing cases per operation (examples and coverage cases come on top)
    phases: tuple[str, ...] = ("examples", "coverage", "fuzzing", "stateful")
    operations: tuple[str, ...] = ()  # restrict to these operationIds (targeted runs); empty: all
    scenarios: tuple[str, ...] | None = None  # names from `scenarios.SCENARIO_NAMES`; None: all
    mask_pii: bool = False
    drift: tuple[str, ...] = ()  # drift profiles of the embedded mock (refused for any other target)
    request_timeout: float = 10.0
    max_wait: float = 60.0  # longest wait for a rate-limit window before a case becomes inconclusive
    run_id: str | None = None  # stamped into created records; generated when None
    update_baseline: bool = False  # record response fingerprints as the new baseline
    workers: int = 1  # processes for the generated phases (loopback targets without a budget only)
    webhook_port: int | None = None  # listen here for a target's webhooks (the embedded mock: always, any port)
    max_duration: float = 1800.0  # the whole run's deadline in seconds; what is not covered by then is inconclusive
    trust_env: bool = False  # honour HTTP(S)_PROXY and .netrc from the environment (proxies: https or loopback only)
    checks: tuple[str, ...] = ()  # only these checks (names from `checks.selection.CHECKS`); empty: all of them
    exclude_checks: tuple[str, ...] = ()  # ... minus these
    headers: tuple[tuple[str, str], ...] = ()  # extra headers on every request (`-H`); credential-like ones redacted
    ca_bundle: str | None = None  # a CA bundle file that verifies an HTTPS target (requests' `verify=`)
    corpus: bool = True  # replay the generated cases kept from an earlier run with the same inputs (`run.corpus`)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One API the run talks to: where it is and the headers that authenticate every request (built once)."""

    base_url: str
    key: SecretKey

    @property
    def auth(self) -> dict[str, str]:
        return bearer(self.key)


@dataclass(frozen=True, slots=True)
class RunPlan:
    """A run resolved from its options: vetted, decided, frozen. Picklable (worker processes receive it)."""

    options: SuiteOptions  # what was asked (its target spec is raw; read the endpoints instead)
    embedded: bool  # the embedded mock in-process, or a target over HTTP
    label: str  # the target as reports name it
    paystack: Endpoint
    globalstack: Endpoint | None  # None: GlobalStack is not configured for this target (its operations: not served)
    profile: Profile
    seed: int
    budget: int | None  # request budget; None: unlimited
    run_id: str
    project: Project  # the files of the run, resolved in the run's process (its workers pin it)
    worker: bool = False  # a worker process's share of the generated phases
    corpus_dir: Path | None = None  # where generated cases are kept (`run.corpus`); None: not kept for this run

    @classmethod
    def resolve(cls, options: SuiteOptions) -> RunPlan:
        """Apply the safety rules and decide the run. Raises before anything is sent; never sends anything."""
        _vet(options)
        spec = options.target
        base_url = check_base_url(spec.base_url) if spec.base_url else None
        if options.drift and base_url is not None:
            raise UsageError("--drift switches profiles of the embedded mock; it cannot change a remote target")
        paystack = Endpoint(base_url or IN_PROCESS_ORIGIN, _key(spec, embedded=base_url is None))
        globalstack = _globalstack(spec, base_url, paystack.key)
        loopback = base_url is None or is_loopback(base_url)
        seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
        budget = (
            options.max_requests if options.max_requests is not None else (None if loopback else DEFAULT_LIVE_BUDGET)
        )
        project = current_project()  # decided here, in the run's process: its workers pin it (`pin_project`)
        return cls(
            options=options,
            embedded=base_url is None,
            label=base_url or EMBEDDED,
            paystack=paystack,
            globalstack=globalstack,
            profile=options.profile or (Profile.FULL if loopback else Profile.LIVE),
            seed=seed,
            budget=budget,
            run_id=options.run_id or f"{seed:x}{secrets.token_hex(3)}",
            project=project,
            corpus_dir=_corpus_dir(options, project),
        )

    @property
    def loopback(self) -> bool:
        return self.embedded or is_loopback(self.paystack.base_url)

    @property
    def listens_for_webhooks(self) -> bool:
        """The embedded mock is pointed at our receiver; another target only when told where we listen (a mock
        started with `--webhook-url http://127.0.0.1:PORT/webhook` and `run --webhook-port PORT`)."""
        return not self.worker and (self.embedded or self.options.webhook_port is not None)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret the run knows, for redaction: the keys in use, any key in the environment, and the values of
        credential-like `-H` headers."""
        keys = [self.paystack.key.reveal()] + ([self.globalstack.key.reveal()] if self.globalstack else [])
        extra = [value for name, value in self.options.headers if is_credential_header(name, value)]
        return tuple(dict.fromkeys([*keys, *self.options.target.environment_keys, *extra]))

    @property
    def redactor(self) -> Redactor:
        return Redactor.of(*self.secrets)

    @property
    def checks(self) -> tuple[Check, ...]:
        """The checks that judge every response: `--checks`, minus `--exclude-checks` (default: all of them)."""
        from paystack_contracts.checks.selection import select_checks  # deferred: it imports Schemathesis

        return select_checks(self.options.checks, self.options.exclude_checks)

    def endpoint_for(self, operation_id: str) -> Endpoint:
        """GlobalStack operations go to GlobalStack (with its key); everything else to the classic API."""
        if operation_id.startswith("globalstack_") and self.globalstack is not None:
            return self.globalstack
        return self.paystack

    @property
    def parallel(self) -> bool:
        """Whether the generated phases spread over worker processes: only for an unbudgeted loopback target
        (budgets and rate limits must stay in one process) in the full profile."""
        o = self.options
        wanted = o.workers >= 2 and bool(GENERATED_PHASES & set(o.phases))
        return wanted and self.profile is Profile.FULL and self.loopback and self.budget is None

    def share(self, operations: tuple[str, ...]) -> RunPlan:
        """This plan for one worker: the same run restricted to `operations`, in one process."""
        return replace(self, options=replace(self.options, operations=operations, workers=1), worker=True)

    def reproduce_command(self) -> str:
        """The command line that repeats this run's generation (the key comes from PAYSTACK_SECRET_KEY)."""
        o = self.options
        parts = ["paystack-contracts run", f"--seed {self.seed}", f"--profile {self.profile.value}"]
        if not self.embedded:
            parts.append(f"--base-url {self.paystack.base_url}")
            if self.globalstack is not None:
                parts.append(f"--globalstack-base-url {self.globalstack.base_url}")
        parts += [f"--drift {name}" for name in o.drift]
        parts += [f"--operation {operation}" for operation in o.operations]
        if o.max_examples != SuiteOptions().max_examples:
            parts.append(f"--max-examples {o.max_examples}")
        if o.max_requests is not None:
            parts.append(f"--max-requests {o.max_requests}")
        return " ".join(parts)


def _vet(options: SuiteOptions) -> None:
    """Refuse numbers and names a run cannot work with, each in one line that says what is valid."""
    if options.max_examples < 1:
        raise UsageError(f"--max-examples must be at least 1 (got {options.max_examples})")
    if options.workers < 1:
        raise UsageError(f"--workers must be at least 1 (got {options.workers})")
    if options.max_requests is not None and options.max_requests < 1:
        raise UsageError(f"--max-requests must be at least 1 (got {options.max_requests})")
    if not (math.isfinite(options.request_timeout) and options.request_timeout > 0):
        raise UsageError(f"--request-timeout must be a positive number of seconds (got {options.request_timeout:g})")
    if not (math.isfinite(options.max_duration) and options.max_duration > 0):
        raise UsageError(f"--max-duration must be a positive number of seconds (got {options.max_duration:g})")
    if options.webhook_port is not None and not 1 <= options.webhook_port <= 65535:
        raise UsageError(f"--webhook-port must be a port number from 1 to 65535 (got {options.webhook_port})")
    for name, value in options.headers:
        _vet_header(name, value)
    if options.ca_bundle is not None and not Path(options.ca_bundle).is_file():
        raise UsageError(f"--ca-bundle {options.ca_bundle}: no such file (a PEM file of CA certificates)")
    if options.checks or options.exclude_checks:
        from paystack_contracts.checks.selection import select_checks

        select_checks(options.checks, options.exclude_checks)  # raises UsageError naming the valid checks


def _vet_header(name: str, value: str) -> None:
    if not _HEADER_NAME.fullmatch(name):
        raise UsageError(f"-H {name!r}: not a header name (letters, digits and !#$%&'*+-.^_`|~)")
    if any(c in value for c in "\r\n\0"):
        raise UsageError(f"-H {name}: the value may not contain line breaks")
    if name.lower() == "authorization":
        raise UsageError("-H Authorization: the run authenticates with --secret-key (or PAYSTACK_SECRET_KEY)")


def is_credential_header(name: str, value: str) -> bool:
    """Whether a `-H` header carries a credential, by its name (`Cookie`, `X-Auth-Token`, `X-Api-Key`, ...) or its
    value (a key shape or a long token): its value is then redacted from every output like a key."""
    return bool(_CREDENTIAL_NAME.search(name) or KEY_PATTERN.search(value) or _TOKEN_VALUE.fullmatch(value.strip()))


def _key(spec: TargetSpec, *, embedded: bool) -> SecretKey:
    if spec.secret_key:
        return SecretKey.parse(spec.secret_key, source=spec.source("secret_key", "the secret key"))
    if not embedded:
        raise ConfigError("a base URL needs a test secret key: pass --secret-key or set PAYSTACK_SECRET_KEY")
    from paystack_contracts.mock.settings import DEFAULT_TEST_KEY  # the embedded target's key; never a user's

    return SecretKey.parse(DEFAULT_TEST_KEY)


def _globalstack(spec: TargetSpec, base_url: str | None, key: SecretKey) -> Endpoint | None:
    """Where GlobalStack lives: the embedded mock serves it at /v1; any other target only where it is configured.

    Chosen over probing `<base>/v1/customers`: a probe spends a request of a 100-request budget, and a 404 from it
    cannot tell "this target has no GlobalStack" (the classic API and look-alikes of it) from "GlobalStack broke".
    A loopback `paystack-contracts mock` serves it at `<mock>/v1`: pass `--globalstack-base-url <mock>/v1`.
    Without one, GlobalStack's operations are reported as not served by this target, never failed."""
    gs_key = key
    if spec.globalstack_key:
        gs_key = SecretKey.parse(spec.globalstack_key, source=spec.source("globalstack_key", "the GlobalStack key"))
    if spec.globalstack_base_url and base_url is not None:
        return Endpoint(check_base_url(spec.globalstack_base_url), gs_key)
    return Endpoint(f"{IN_PROCESS_ORIGIN}/v1", gs_key) if base_url is None else None


def check_base_url(url: str) -> str:
    """A usable base URL without a trailing slash (`url_policy.vet_base_url`: plain HTTP only to loopback hosts,
    nothing a sender could read two ways: backslashes, userinfo, control characters, odd numeric hosts)."""
    return vet_base_url(url).url


def is_loopback(url: str) -> bool:
    """Whether a URL's origin points at this machine (never true for an origin the policy refuses)."""
    try:
        parts = urlsplit(url)
        return vet_base_url(f"{parts.scheme}://{parts.netloc}").loopback
    except (ConfigError, ValueError):
        return False


def _corpus_dir(options: SuiteOptions, project: Project) -> Path | None:
    if not options.corpus or options.seed is None or options.headers:
        return None
    return project.cache_dir / "corpus"
