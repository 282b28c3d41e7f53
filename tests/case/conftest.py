"""Fixtures for the case-record tests (incidents, takedowns, journal, timeline)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from locker.vault import Vault
from tests.conftest import open_vault


@pytest.fixture
def vault(new_vault: tuple[Path, str]) -> Iterator[Vault]:
    """The test's new vault, open; locked at the end."""
    with open_vault(new_vault[0]) as v:
        yield v
