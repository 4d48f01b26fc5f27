"""Where reports are built: in this process, a pool of local processes (--jobs), or a Dask cluster (--scheduler).

A report's build is a pure function of its inputs (etl/report.py), so how the builds are mapped
changes the time taken, never the result: results come back in the order of the inputs, and the
store written is the same byte for byte whichever way. A pool is started only when two reports or
more need building (an unchanged folder costs no worker), and stopped when they are built. The
function mapped must catch its own errors and return them (one line per report); a worker that
dies (killed, out of memory) fails its report alone, through `lost`.
"""

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when the one that started it ends
CONNECT_TIMEOUT = 10  # seconds to reach a Dask scheduler before saying it cannot be reached


class PoolError(Exception):
    """The scheduler cannot be reached, or the pool cannot be started; one line saying what to do."""


class _Futures(Protocol):
    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Mapper:
    """`map(fn, items, lost)`: [fn(item) …] in the order of the items, computed here, in a pool, or on a cluster."""

    def __init__(self, jobs: int = 1, scheduler: str | None = None):
        self.jobs, self.scheduler = max(1, jobs), scheduler
        self._stack = ExitStack()
        self._client: _Futures | None = None

    def map(self, fn: Callable[[T], R], items: Sequence[T], lost: Callable[[T, BaseException], R]) -> list[R]:
        if self.scheduler is not None:
            client = self._connected(self.scheduler)
            futures = [client.submit(fn, item) for item in items]
            return [_answer(_outcome(future), item, lost) for future, item in zip(futures, items, strict=True)]
        if self.jobs == 1 or len(items) < 2:
            return [fn(item) for item in items]
        with _processes(min(self.jobs, len(items))) as pool:
            outcomes = [_outcome(future) for future in [pool.submit(fn, item) for item in items]]
        return [_answer(_alone(fn, item, outcome), item, lost) for item, outcome in zip(items, outcomes, strict=True)]

    def _connected(self, scheduler: str) -> _Futures:
        if self._client is None:
            self._client = self._stack.enter_context(_client(scheduler))
        return self._client

    def close(self) -> None:
        self._stack.close()


_Outcome = tuple[bool, Any]  # (True, the result) or (False, the exception)


def _outcome(future: Any) -> _Outcome:
    try:
        return True, future.result()
    except Exception as error:  # noqa: BLE001 the worker died or the cluster lost it: said per item by `lost`
        return False, error


def _alone(fn: Callable[[T], R], item: T, outcome: _Outcome) -> _Outcome:
    """A worker that dies takes the whole pool down with it: each item lost that way is tried again in a pool of its
    own, so that only the report that kills its worker fails."""
    if outcome[0] or not isinstance(outcome[1], BrokenProcessPool):
        return outcome
    with _processes(1) as pool:
        return _outcome(pool.submit(fn, item))


def _answer(outcome: _Outcome, item: T, lost: Callable[[T, BaseException], R]) -> R:
    done, value = outcome
    return value if done else lost(item, value)


@contextmanager
def _processes(workers: int) -> Iterator[_Futures]:
    """Workers started fresh ("spawn": not a fork of a process holding Arrow's threads), children of this one."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_end_with, initargs=(os.getpid(),)
    ) as executor:
        yield executor


def _end_with(parent: int) -> None:
    """A worker ends when the build that started it does, even killed (SIGKILL, the kernel out of memory): it holds
    its own task queue's pipe open, so it would otherwise wait for work forever."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build ended before the line above
        os._exit(1)


@contextmanager
def _client(address: str) -> Iterator[_Futures]:
    """A dask.distributed client of the scheduler at `address` (imported here: only a cluster build needs it)."""
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise PoolError(
            f"{address}: cannot reach the Dask scheduler ({type(error).__name__}: {str(error)[:200]}); "
            "start one (`dask scheduler`) or leave out --scheduler"
        ) from None
    with client:
        yield _DaskFutures(client)


class _DaskFutures:
    """Dask's client as an executor: each report a task that is not cached by its arguments (pure=False)."""

    def __init__(self, client: Any):
        self.client = client

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)


@contextmanager
def mapper(jobs: int = 1, scheduler: str | None = None) -> Iterator[Mapper]:
    """A Mapper whose pool or client is closed at the end."""
    pool = Mapper(jobs, scheduler)
    try:
        yield pool
    finally:
        pool.close()
