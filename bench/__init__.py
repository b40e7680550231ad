"""Benchmarks for aiplus; each module runs on its own and prints its figures (see README.md here)."""
