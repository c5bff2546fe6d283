"""Benchmarks for ecograph: `python -m bench.run [--quick] [--only NAME]` writes BENCHMARKS.md."""
