"""One run at a time on a state folder: `<state_dir>/.kinerja.lock`, held with `flock` for the
whole run (sync, check, build, serve). A second run waits for it (`lock_wait_seconds`) or ends
with one line (`StateLockedError`, exit 7); it never interleaves its writes with the first.
`check` only reads the store, so two checks may run together (a shared lock). Nothing is ever
written into the lock file: it stays empty (one unchanging file in a state folder kept in git).

The lock is the kernel's: it goes away with the process that held it, however that process
ended, so a run that was killed never leaves the folder locked."""
from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sheets_sync.errors import StateLockedError

LOCK_FILE = ".kinerja.lock"
POLL_SECONDS = 0.2


@contextlib.contextmanager
def state_lock(state_dir: Path, *, wait_seconds: float, shared: bool = False,
               clock: Callable[[], float] = time.monotonic,
               sleep: Callable[[float], None] = time.sleep) -> Iterator[Path]:
    """Hold the state folder's lock (exclusive, or `shared` for readers) for the block."""
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        ends = clock() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if clock() >= ends:
                    holder = _holder(path)
                    raise StateLockedError(
                        f"another kinerja run is using the state folder {state_dir} "
                        f"({holder}); waited {wait_seconds:g} s (lock_wait_seconds). "
                        "Run again when it has finished",
                        pesan=f"proses kinerja lain ({holder}) memakai folder {state_dir}; sudah "
                        f"ditunggu {wait_seconds:g} detik (lock_wait_seconds). Jalankan lagi "
                        "setelah proses itu selesai") from None
                sleep(POLL_SECONDS)
        yield path
    finally:
        os.close(fd)  # releases the lock


def _holder(path: Path) -> str:
    """Who holds the lock, from the kernel's table (`/proc/locks`, Linux); nothing is written
    into the file, so it never changes (the state folder may be a git checkout)."""
    try:
        inode = path.stat().st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return "another process"
    pids = []
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
            pids.append(fields[4])
    return f"pid {', '.join(sorted(set(pids)))}" if pids else "another process"
