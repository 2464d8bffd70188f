"""Half of the content model's work on the second core, for the published build.

Reading, judging and rendering every text takes a long time for a large site, while
the build's second core waits for the languages' processes. `split(work, things)`
forks a worker that does `work` for the second half of `things` while this process
does the first half, and hands its results back pickled: the same results, in the
same order, as `work(things)`. A worker that fails, is killed or hands back nothing
readable costs only time: its half is done here. The worker writes nothing but its
results, so Ctrl-C ends it with this process, and nothing is left half-written.

The preview and `mkdocs build --strict` never split: they stay in one process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

Thing = TypeVar("Thing")
Result = TypeVar("Result")

ENOUGH = 100  # pages and news items: fewer are judged sooner than a worker is started


def worth_it(count: int) -> bool:
    """Whether `count` things are enough for a worker, with a core free for it."""
    return count >= ENOUGH and len(os.sched_getaffinity(0)) > 1


def split(work: Callable[[list[Thing]], list[Result]], things: list[Thing]) -> list[Result]:
    """work(things), one result per thing, the second half done by a forked worker."""
    half = len(things) // 2
    mine, theirs = things[:half], things[half:]
    sys.stdout.flush()
    sys.stderr.flush()  # or the worker would write what is waiting a second time
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        _work_and_exit(work, theirs, writing)
    os.close(writing)
    with os.fdopen(reading, "rb") as results:
        try:
            done = work(mine)
            data = results.read()
        except BaseException:  # Ctrl-C, or this half failed: the worker's results are not wanted
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
    handed = _handed_back(data, pid)
    if not isinstance(handed, list) or len(handed) != len(theirs):
        handed = work(theirs)
    return done + handed


def _work_and_exit(work: Callable[[list[Thing]], list[Result]], things: list[Thing], writing: int) -> NoReturn:
    status = 1
    try:
        gc.freeze()  # what was there before the fork: never collected here, never copied for it
        results = work(things)
        with os.fdopen(writing, "wb") as out:
            pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:  # Ctrl-C, or anything: this process says nothing, the other does the half
        pass
    finally:
        os._exit(status)


def _handed_back(data: bytes, pid: int) -> object:
    """The worker's results, or None when it did not end well."""
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # cut short: done again here
        return None
