"""main(): application identity, icon, and the window it shows (in a subprocess, so the
test session keeps its single QApplication)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, locker_env

PROBE = """
import sys
from PySide6.QtWidgets import QApplication
import locker.gui.app as app_module

def fake_exec(self=None):
    app = QApplication.instance()
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    print("name=" + app.applicationName())
    print("desktop=" + app.desktopFileName())
    print("icon_null=" + str(app.windowIcon().pixmap(64, 64).isNull()))
    print("windows=" + ",".join(w.windowTitle() for w in windows))
    for w in windows:
        w.close()
    return 0

QApplication.exec = fake_exec
sys.exit(app_module.main([]))
"""


def test_main_names_the_app_and_shows_the_window() -> None:
    proc = run_probe(PROBE)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = dict(line.split("=", 1) for line in proc.stdout.splitlines())
    assert lines["name"] == "Evidence Locker"
    assert lines["desktop"] == "evidence-locker"
    assert lines["icon_null"] == "False"
    assert lines["windows"] == "Evidence Locker"


QUICK_EXIT_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import locker.gui.app as app_module

real_show = app_module.MainWindow.show

def show(self):
    real_show(self)
    QTimer.singleShot(0, self.quick_exit)
    # Should the quit not come, end anyway with a code the test recognises.
    QTimer.singleShot(20_000, lambda: QApplication.instance().exit(3))

app_module.MainWindow.show = show
code = app_module.main([])
print("exit=" + str(code))
sys.exit(code)
"""


def run_probe(source: str) -> subprocess.CompletedProcess[str]:
    env = locker_env()
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-c", source],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_quick_exit_quits_the_application() -> None:
    proc = run_probe(QUICK_EXIT_PROBE)
    assert proc.returncode == 0, proc.stderr
    assert "exit=0" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_python_m_locker_runs_the_gui_main() -> None:
    source = (ROOT / "locker" / "__main__.py").read_text()
    assert "from locker.gui.app import main" in source
