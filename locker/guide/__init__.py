"""Walkthrough content and resources loaded from assets/ (no Qt). Coming next."""
