"""Crash safety (issue 12): a run killed at any instant leaves a state the next run repairs, a
worker process does not outlive its parent, and two runs on one state folder never interleave."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from sheets_sync.config import load_config
from sheets_sync.snapshots import SnapshotStore
from sheets_sync.state_lock import state_lock
from sheets_sync.sync import sync
from site_builder import pipeline
from site_builder.cli import main
from site_builder.publish import recover_out_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / "contoh"
    shutil.copytree(EXAMPLE, copy)
    with open(copy / "portal.yml", "a", encoding="utf-8") as fh:
        fh.write("\nstate_dir: state\nlock_wait_seconds: 0.3\n")
    return copy


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state == "Z"  # killed, waiting to be reaped by init


# --- the state folder's lock ----------------------------------------------------------------------

def test_a_second_run_gives_up_with_one_line_while_the_first_holds_the_state(
        example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = example / "portal.yml"
    with state_lock(example / "state", wait_seconds=0):
        assert main(["sync", "--config", str(config)]) == 7
    err = capsys.readouterr().err.strip()
    assert err.startswith("kinerja: folder state sedang dipakai proses lain: proses kinerja lain")
    assert "another kinerja run is using the state folder" in err
    assert f"pid {os.getpid()}" in err and "\n" not in err


def test_a_second_run_waits_for_the_first(example: Path) -> None:
    (example / "portal.yml").write_text((example / "portal.yml").read_text().replace(
        "lock_wait_seconds: 0.3", "lock_wait_seconds: 30"))
    held = threading.Event()

    def first() -> None:
        with state_lock(example / "state", wait_seconds=0):
            held.set()
            time.sleep(0.5)

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    start = time.monotonic()
    assert main(["sync", "--config", str(example / "portal.yml")]) == 0
    assert time.monotonic() - start >= 0.3
    thread.join()


def test_two_checks_may_read_together(example: Path) -> None:
    with state_lock(example / "state", wait_seconds=0, shared=True):
        assert main(["check", "--config", str(example / "portal.yml")]) == 1  # example's errors


# --- program errors -------------------------------------------------------------------------------

def test_a_program_error_in_check_exits_2_never_1(example: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kw: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline, "check", broken)
    assert main(["check", "--config", str(example / "portal.yml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kinerja: kesalahan program: KeyError") and "Traceback" not in err


# --- snapshots ------------------------------------------------------------------------------------

def test_an_interrupted_snapshot_swap_keeps_the_offices_last_good_data(example: Path) -> None:
    """Killed between the two renames of `SnapshotStore.save`: no `snapshots/DLH`, the last good
    data in `snapshots/.DLH.old`, a half-written temporary folder beside it."""
    from datetime import UTC, datetime

    config = load_config(example / "portal.yml")
    now = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
    sync(config, now=now)
    snapshots = example / "state" / "snapshots"
    before = SnapshotStore(example / "state").load("DLH")
    os.replace(snapshots / "DLH", snapshots / ".DLH.old")
    (snapshots / ".DLH.k1ll3d").mkdir()
    ((snapshots / ".DLH.k1ll3d") / "capaian.arrow").write_bytes(b"half")
    (example / "state" / ".manifest.json.x1.tmp").write_text("{")

    report, data = pipeline.check(config, now=now)  # reads, writes nothing: uses .DLH.old
    assert data.status["DLH"].status == "ok" and "DLH" in data.data
    result = sync(config, now=now)  # repairs
    assert result.data.status["DLH"].status == "ok"
    after = SnapshotStore(example / "state").load("DLH")
    assert after is not None and before is not None
    assert after["capaian"].equals(before["capaian"])
    assert sorted(p.name for p in snapshots.iterdir() if p.name.startswith(".")) == []
    assert not list((example / "state").glob(".*.tmp"))


# --- the published site ---------------------------------------------------------------------------

def test_a_missing_site_with_its_old_copy_beside_it_is_restored(tmp_path: Path) -> None:
    """Killed between the two renames of the swap: `site` gone, `.site.old-PID` beside it."""
    dead = _dead_pid()
    (tmp_path / f".site.old-{dead}").mkdir()
    (tmp_path / f".site.old-{dead}" / "index.html").write_text("lama")
    (tmp_path / f".site.new-{dead}-abc").mkdir()
    (tmp_path / f".site.docs-{dead}-def").mkdir()
    alive = tmp_path / f".site.new-{os.getppid()}-xyz"  # a run still going: left alone
    alive.mkdir()
    done = recover_out_dir(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name, "site"]
    assert len(done) == 3


@pytest.mark.slow
def test_a_build_killed_while_publishing_is_repaired_by_the_next(example: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "situs"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen(
        [sys.executable, "-m", "site_builder.cli", "build", "--config",
         str(example / "portal.yml"), "--out", str(out)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".situs.new-*")) and build.poll() is None:
        assert time.monotonic() < deadline, "the build never started publishing"
        time.sleep(0.02)
    children: list[int] = []
    while not children and build.poll() is None:  # until the mkdocs worker is forked
        assert time.monotonic() < deadline, "the build never forked its mkdocs worker"
        children = _children(build.pid)
        time.sleep(0.01)
    assert children, "the build ended before it could be killed while building"
    build.send_signal(signal.SIGKILL)
    build.wait()
    for _ in range(100):  # the forked mkdocs worker ends with its parent
        if all(_gone(pid) for pid in children):
            break
        time.sleep(0.05)
    assert all(_gone(pid) for pid in children), "a worker outlived the killed build"

    assert main(["build", "--config", str(example / "portal.yml"), "--out", str(out)]) == 0
    assert (out / "index.html").is_file()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".situs.")]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_worker_does_not_outlive_its_parent(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from site_builder.engines.workers import worker_pool
        with worker_pool(1) as pool:
            import os
            print(pool.submit(os.getpid).result(), flush=True)
            pool.submit(time.sleep, 60)
            time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    assert not _gone(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(100):
        if _gone(worker):
            break
        time.sleep(0.05)
    assert _gone(worker), "the forked worker outlived its parent"
