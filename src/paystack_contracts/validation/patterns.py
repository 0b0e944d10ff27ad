"""`pattern` evaluated with a time bound, so one catastrophic regex cannot hang a validation.

jsonschema evaluates `pattern` with the standard `re`, which cannot be interrupted: `^(a|aa)+$` against forty
`a`s and a `!` backtracks for minutes. The `regex` package (a drop-in superset of `re`) takes a `timeout`, so each
evaluation is bounded by `PATTERN_TIMEOUT`; a pattern that hits it is remembered and not evaluated again, and
after `MAX_SLOW_PATTERNS` of them a document's patterns are no longer evaluated at all. Either way the example
is reported as not checked (`PatternTooSlow`), never as valid.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from jsonschema import validators
from jsonschema.exceptions import ValidationError

__all__ = ["MAX_SLOW_PATTERNS", "PATTERN_TIMEOUT", "BoundedPatterns", "PatternTooSlow"]

PATTERN_TIMEOUT = 0.5
"""Seconds one `pattern` may take on one value. Real patterns on real examples take microseconds."""

MAX_SLOW_PATTERNS = 4
"""Slow patterns after which a document's patterns are skipped: bounds a document's pattern time to ~2 s."""


class PatternTooSlow(Exception):
    """A `pattern` ran past the time bound (or was skipped after earlier ones did)."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


class BoundedPatterns:
    """One document's pattern budget; `validator(cls)` is `cls` with the bounded `pattern` keyword."""

    def __init__(self) -> None:
        self.slow: set[str] = set()
        self._classes: dict[Any, Any] = {}

    def validator(self, validator_cls: Any) -> Any:
        if validator_cls not in self._classes:
            self._classes[validator_cls] = validators.extend(validator_cls, {"pattern": self._pattern})
        return self._classes[validator_cls]

    def _pattern(self, validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "string"):
            return
        if pattern in self.slow or len(self.slow) >= MAX_SLOW_PATTERNS:
            raise PatternTooSlow(pattern)
        try:
            matched = regex.search(pattern, instance, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            self.slow.add(pattern)
            raise PatternTooSlow(pattern) from None
        if not matched:
            yield ValidationError(f"{instance!r} does not match {pattern!r}")
