"""Benchmarks of the engine; run them with ``make bench``."""
