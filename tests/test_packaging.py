"""A non-editable install (a wheel) carries the assets and the spec, and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from locker.report.fonts import FONT_FILES
from tests.conftest import ROOT


def test_wheel_installs_with_assets(tmp_path: Path) -> None:
    out = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = out.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "locker/assets/icons/evidence-locker.svg" in names
    # The walkthrough and its help lines: an advocate edits them in the installed folder.
    assert {"locker/assets/guide/resources.toml", "locker/assets/guide/guide.en.toml"} <= names
    assert "locker/vault/FORMAT.md" in names
    # The report's fonts and their licences: a report never looks for a font on the computer.
    fonts = {f"locker/assets/fonts/{name}" for name in FONT_FILES.values()}
    licences = {f"locker/assets/fonts/{n}" for n in ("OFL-1.1.txt", "Apache-2.0.txt", "README.md")}
    assert fonts | licences <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "locker = locker.cli:main" in text
    assert "evidence-locker = locker.gui.app:main" in text

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from locker.paths import assets_dir; print(assets_dir());"
            "print((assets_dir() / 'icons' / 'evidence-locker.svg').is_file());"
            "from locker.guide.load import GUIDE_DIR, load_guide; g = load_guide();"
            "print(GUIDE_DIR, len(g.steps), len(g.resources), not g.problems);"
            "from locker.report.fonts import font_path, register_fonts;"
            "print(font_path(register_fonts().body))",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    where, found, guide_dir, steps, resources, clean, body_font = probe.stdout.split()
    assert Path(where).is_relative_to(target)
    assert found == "True"
    # The installed guide is read from the installed folder, whole.
    assert Path(guide_dir).is_relative_to(target)
    assert int(steps) >= 7 and int(resources) >= 10 and clean == "True"
    # The installed program registers its fonts from the installed folder.
    assert Path(body_font).is_relative_to(target) and Path(body_font).is_file()
