"""A stateful, faithful local Paystack sandbox: the classic Customers API and GlobalStack create.

```python
from paystack_contracts.mock import MockSettings, create_app, serve_in_thread
app = create_app(MockSettings(seed_customers=10))
with serve_in_thread(app) as base_url:   # "http://127.0.0.1:54321"
    ...
```
The evidence behind every behaviour is cited where it is implemented; open questions are `MockSettings` fields.
"""

from __future__ import annotations

from paystack_contracts.mock.app import OPERATIONS, create_app
from paystack_contracts.mock.drift import DRIFT_PROFILES, DriftProfile
from paystack_contracts.mock.server import serve, serve_in_thread
from paystack_contracts.mock.settings import DEFAULT_TEST_KEY, MockSettings

__all__ = [
    "DEFAULT_TEST_KEY",
    "DRIFT_PROFILES",
    "OPERATIONS",
    "DriftProfile",
    "MockSettings",
    "create_app",
    "serve",
    "serve_in_thread",
]
