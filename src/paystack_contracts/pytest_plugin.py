"""pytest plugin entry point (registered in pyproject under pytest11).

The conformance suite adds its options (--base-url, --secret-key, ...) and fixtures here.
"""

from __future__ import annotations
