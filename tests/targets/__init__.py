"""Targets we did not build from our mock: independent look-alikes of the API, written from the evidence."""
