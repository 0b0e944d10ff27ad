"""Drift: a change that breaks what the contract promises, and the gates that find it.

- `policy`: which change classes fail, warn or are ignored (with reasons and expiry dates);
- `fingerprints`: response shapes per operation and status against a recorded baseline (removed or retyped field);
- `verdicts`: which upstream source the target agreed with, per discrepancy-ledger entry (a changed verdict);
- `gates`: both of the above over the exchanges a run recorded.

A failing conformance check is drift too (reported by the run); a breaking spec change is found by
`paystack_contracts.diff`, which classifies changes with this package's policy. The mock's deliberate deviations
are *drift profiles* (`mock.drift`): what these gates must catch, never part of them.
"""
