"""Tests that drive a real browser over the built site (see conftest.py)."""
