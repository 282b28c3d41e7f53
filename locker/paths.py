"""Every place the program reads or writes outside the vault, in one module (platformdirs).

By default the program remembers nothing on the computer: no vault path, no history. Settings
that a user explicitly asks to keep live in ``config_dir()``, created private (0o700).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "evidence-locker"


def assets_dir() -> Path:
    """The assets folder: ``locker/assets`` in an installed wheel, ``assets/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "assets"
    return installed if installed.is_dir() else here.parent / "assets"


def config_dir(create: bool = False) -> Path:
    path = Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    return path
