"""The benchmarks: generate -> measure -> report (see __main__.py and README.md)."""
