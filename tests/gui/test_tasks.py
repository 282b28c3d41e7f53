"""The thread helper: work off the UI thread, outcome on the UI thread, wait before teardown."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from locker.gui.tasks import SyncTaskRunner, TaskRunner
from locker.vault import VaultError, WrongKey


def test_result_is_delivered_on_the_ui_thread(qtbot, runner: TaskRunner) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(
            work,
            lambda value: (results.append(value), seen.update(cb=threading.get_ident())),
            pytest.fail,
        )
    assert results == [42]
    assert seen["work"] != ui_thread
    assert seen["cb"] == ui_thread
    assert not runner.busy


def test_vault_error_reaches_the_error_callback(qtbot, runner: TaskRunner) -> None:
    errors: list[VaultError] = []

    def work() -> None:
        raise WrongKey("That passphrase does not open this vault.")

    runner.run(work, pytest.fail, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], WrongKey)
    assert errors[0].message == "That passphrase does not open this vault."


def test_unexpected_error_becomes_a_kind_message_without_details(
    qtbot, runner: TaskRunner, capsys: pytest.CaptureFixture[str]
) -> None:
    errors: list[VaultError] = []

    def work() -> None:
        raise KeyError("/home/someone/secret-name.png")

    runner.run(work, pytest.fail, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert "unexpected" in errors[0].message
    assert "Traceback" not in errors[0].message
    assert "secret-name" not in errors[0].message
    # The log says where it broke, but never the exception's text (it may hold a file name).
    assert "secret-name" not in capsys.readouterr().err


def test_ui_stays_responsive_and_wait_delivers_pending_work(qtbot, runner: TaskRunner) -> None:
    gate = threading.Event()
    results: list[str] = []
    runner.run(lambda: (gate.wait(30), "done")[1], results.append, pytest.fail)
    assert runner.busy
    # While the worker is blocked, the UI thread's event loop still runs.
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        timer.start(0)
    assert results == []
    gate.set()
    runner.wait()  # blocks until finished, then delivers without needing the event loop
    assert results == ["done"]
    assert not runner.busy


def test_sync_runner_runs_at_once(qtbot) -> None:
    runner = SyncTaskRunner()
    ui_thread = threading.get_ident()
    threads: list[int] = []
    errors: list[VaultError] = []
    runner.run(lambda: threads.append(threading.get_ident()), lambda _r: None, errors.append)
    runner.run(lambda: 1 / 0, pytest.fail, errors.append)
    assert threads == [ui_thread]
    assert len(errors) == 1
    assert not runner.busy


def test_an_error_keeps_no_frames_and_the_task_drops_its_work(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A traceback would keep every frame's locals (a typed passphrase) alive, and through
    the task's own frame it forms a cycle that only the cyclic GC frees."""
    runner = SyncTaskRunner()
    secret = "typed-secret-words"
    errors: list[VaultError] = []
    calls: list[str] = []

    def unlock(passphrase: str) -> None:
        calls.append(passphrase)
        try:
            raise ValueError("a low-level failure")
        except ValueError as low:
            raise WrongKey("That passphrase does not open this vault.") from low

    def work() -> None:
        unlock(secret)

    runner.run(work, pytest.fail, errors.append)
    err = errors[0]
    assert err.__traceback__ is None
    assert err.__cause__ is not None and err.__cause__.__traceback__ is None
    assert err.__context__ is not None and err.__context__.__traceback__ is None

    seen: list[object] = []
    real_start = SyncTaskRunner._start

    def spy(self, task_id, task):  # type: ignore[no-untyped-def]
        seen.append(task)
        real_start(self, task_id, task)

    monkeypatch.setattr(SyncTaskRunner, "_start", spy)
    runner.run(lambda: 1, lambda _r: None, pytest.fail)
    assert seen[0].func is None  # type: ignore[attr-defined]
    assert calls == [secret]


# --- jobs: progress and cooperative cancel ------------------------------------------------


def test_job_progress_arrives_on_the_ui_thread_and_never_after_the_result(
    qtbot, runner: TaskRunner
) -> None:
    ui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []
    results: list[str] = []

    def work(control) -> str:  # type: ignore[no-untyped-def]
        for i in range(1, 201):
            control.report(i)
        return "done"

    def on_progress(value: int) -> None:
        seen.append((value, threading.get_ident()))
        assert not results, "progress came after the outcome"

    runner.start_job(work, results.append, pytest.fail, on_progress)
    qtbot.waitUntil(lambda: results == ["done"])
    # Coalesced: the UI never falls behind a backlog, and values only go forward.
    values = [v for v, _t in seen]
    assert values == sorted(values)
    assert len(values) <= 200
    assert all(t == ui_thread for _v, t in seen)


def test_a_cancelled_job_stops_at_its_next_check(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    checks: list[int] = []
    results: list[str] = []

    def work(control) -> str:  # type: ignore[no-untyped-def]
        started.set()
        while not control.cancelled():
            checks.append(1)
            control._cancel.wait(0.01)
        return "stopped"

    job = runner.start_job(work, results.append, pytest.fail)
    assert started.wait(10)
    job.cancel()
    qtbot.waitUntil(lambda: results == ["stopped"])
    assert job.cancel_requested


def test_cancel_all_then_wait_finishes_every_job_before_returning(qtbot) -> None:
    runner = TaskRunner()
    started = threading.Barrier(3)
    outcomes: list[str] = []

    def work(control) -> str:  # type: ignore[no-untyped-def]
        started.wait(10)
        while not control.cancelled():
            control._cancel.wait(0.01)
        return "cancelled"

    runner.start_job(work, outcomes.append, pytest.fail)
    runner.start_job(work, outcomes.append, pytest.fail)
    started.wait(10)
    runner.cancel_all()
    runner.wait()
    assert outcomes == ["cancelled", "cancelled"]
    assert not runner.busy


def test_sync_runner_delivers_job_progress_and_result_in_order(qtbot) -> None:
    runner = SyncTaskRunner()
    events: list[object] = []

    def work(control) -> int:  # type: ignore[no-untyped-def]
        control.report("half")
        control.report("all")
        return 7

    job = runner.start_job(work, events.append, pytest.fail, events.append)
    assert events == ["half", "all", 7]
    assert not job.cancel_requested
