"""Synthetic landing corpora and benchmarks: ``benchmarks.generate``, ``benchmarks.run``, ``benchmarks.extraction``.

Nothing here is imported by the product; it drives the product from outside, the way a user would.
"""
