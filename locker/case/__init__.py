"""The case domain: evidence items and their import pipeline (no Qt)."""
