"""Forked build processes that never outlive the publish that started them (issue 12: a kill at
any instant leaves nothing running): both engines start their per-language builds through
these."""
from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when the parent process ends, however it ends (Linux
    `prctl(PR_SET_PDEATHSIG, SIGKILL)`), so no build goes on after its publish was killed."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends when the pool's pipe closes
        pass
    if os.getppid() != parent:  # the parent was gone before prctl took effect
        os._exit(1)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Forked worker processes that do not outlive this one."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent, initargs=(os.getpid(),))
