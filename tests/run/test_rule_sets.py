"""The run finds the same things on every drift profile as it did before the run pipeline was restructured.

`data/rule-sets.json` was recorded with the old `suite/` package (commit d9883c5) by running
exactly these options; each entry is "check rule operation" for every failure. A change that alters what the run
finds must say so by re-recording it (and the note of the change says why).
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
    return sorted({f"{f.check_name} {f.rule} {f.operation or ''}" for f in result.failures})


def test_the_recording_covers_the_clean_mock_and_every_drift_profile() -> None:
    assert set(BEFORE) == {"clean", *DRIFT_PROFILES}


@pytest.mark.parametrize("drift", ["", *DRIFT_PROFILES], ids=["clean", *DRIFT_PROFILES])
def test_the_findings_on_each_profile_are_the_ones_recorded_before(drift: str) -> None:
    assert rule_set(drift) == BEFORE[drift or "clean"]
