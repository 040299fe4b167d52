"""Benchmarks. Each one is ``bench/<name>_bench.py`` with a ``main(argv) -> int``;
run one with ``python -m bench <name> [options]`` (or ``./run bench <name>``).
Results and the machine they were measured on go in docs/performance.md."""
