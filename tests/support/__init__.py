"""Test fixtures shared across packages: hostile documents and hostile HTTP targets (issue 11)."""
