"""Tests' helper: this process's local time zone set for a while (TZ and time.tzset)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def local_time_zone(name: str) -> Iterator[None]:
    """Inside the block the computer's local zone is ``name``; the old one comes back after.
    Skips the test where the zone cannot be changed (no ``time.tzset``, as on Windows)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone cannot be changed here (no time.tzset)")
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
