"""The run finds the same things on every drift profile as it did when the recording was made.

`data/rule-sets.json` was first recorded with the old `suite/` package (commit d9883c5) by
running exactly these options. Re-recorded for issue 10: findings of one cause are now merged (one finding lists
every rule that saw it, in `extra["rules"]`), so each entry is "rule operation" for every rule of every failure;
the eight new drift profiles were added; the status plan's probes are no longer fingerprinted, so
`metadata-null-accepted` lost `response-type-changed PUT /customer/{email_or_code}` (the scenario's
`null_metadata_rejected` still names it). Every other rule of the first recording is still found. A change that
alters what the run finds must say so by re-recording it (and the note of the change says why).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paystack_contracts.mock import DRIFT_PROFILES
from paystack_contracts.run import SuiteOptions, run_suite

BEFORE = json.loads((Path(__file__).parent / "data" / "rule-sets.json").read_text("utf-8"))


def rule_set(drift: str) -> list[str]:
    options = SuiteOptions(seed=7, drift=(drift,) if drift else (), max_examples=3, phases=("examples", "stateful"))
    result = run_suite(options)
    rules = ((dict(f.extra).get("rules", f.rule).split(", "), f.operation or "") for f in result.failures)
    return sorted({f"{rule} {operation}" for names, operation in rules for rule in names})


def test_the_recording_covers_the_clean_mock_and_every_drift_profile() -> None:
    assert set(BEFORE) == {"clean", *DRIFT_PROFILES}


@pytest.mark.parametrize("drift", ["", *DRIFT_PROFILES], ids=["clean", *DRIFT_PROFILES])
def test_the_findings_on_each_profile_are_the_ones_recorded_before(drift: str) -> None:
    assert rule_set(drift) == BEFORE[drift or "clean"]
