"""The designed half of a run: scenarios a consumer relies on across calls, in ONE table, in the order they run.

- customer lifecycle: create -> fetch by code, by email and by id -> update -> fetch shows the update -> list
  contains it (also with a date filter; a one-item page is judged by the pagination check) -> risk action deny
  -> fetch shows deny -> identification 202;
- direct debit: create -> initialize direct debit -> mandate authorizations list it -> activation charge;
- authorization lifecycle: initialize -> verify -> deactivate -> verify shows inactive -> deactivate again 404,
  on the current and on the legacy path;
- GlobalStack idempotency: same Idempotency-Key + same body replays; same key + another body is 409;
- identification webhooks: a success and a failed outcome event for the customers identified (`webhook_events`),
  when the run listens for webhooks;
- negative contract: no auth, bad key, invalid input, unknown resources, wrong methods (`negative`);
- page walks: offset pages disjoint and complete, cursor walks that end (`walks`, after the generated phases);
- status plan: after everything else, one designed request per documented status still unseen (`status_plan`).

Scenarios run before the generated phases (their responses are the ones fingerprinted, so they must not see the
random records generated cases create); the status plan runs after them, and only in whole runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from paystack_contracts.run.scenarios import negative, status_plan, walks, webhook_events, workflows
from paystack_contracts.run.scenarios.steps import Scenario, ScenarioStopped, Steps, operations_by_id

__all__ = [
    "NEGATIVE",
    "PAGE_WALKS",
    "SCENARIOS",
    "SCENARIO_NAMES",
    "STATUS_PLAN",
    "Designed",
    "ScenarioStopped",
    "Steps",
    "operations_by_id",
]

NEGATIVE = "negative contract"
STATUS_PLAN = "status plan"
PAGE_WALKS = "page walks"


@dataclass(frozen=True, slots=True)
class Designed:
    name: str
    run: Scenario
    last: bool = False  # after the generated phases, in whole runs only (not selectable by name)


SCENARIOS: tuple[Designed, ...] = (
    Designed("customer lifecycle", workflows.customer_lifecycle),
    Designed("direct debit", workflows.direct_debit),
    Designed("authorization lifecycle", workflows.authorization_lifecycle),
    Designed("globalstack idempotency", workflows.globalstack_idempotency),
    Designed("identification webhooks", webhook_events.identification_webhooks),
    Designed(NEGATIVE, negative.negative_contract),
    Designed(PAGE_WALKS, walks.page_walks, last=True),
    Designed(STATUS_PLAN, status_plan.status_plan, last=True),
)
SCENARIO_NAMES = tuple(s.name for s in SCENARIOS if not s.last)
"""The scenarios a run (or `--scenario`, or a pytest test) can select by name."""
