"""The tests, a package so that ``tests.doubles`` imports from the project's root (see doubles)."""
