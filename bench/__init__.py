"""Benchmarks of Conference Companion, each a ratio against a floor measured in the same run.

Run them with `python -m bench [--quick] [--only NAME]` (or `scripts/dev bench`); the table goes to
bench/results/latest.md and latest.json.
"""
