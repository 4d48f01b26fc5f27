"""Run `python -m etl` builds and kill them at chosen points; used by tests/test_etl_kill.py.

`python tests/etl_killer.py PLAN.json` imports the ETL once, then forks one child per trial, so a
trial costs a build, not an interpreter. PLAN: {"argv": [...], "trials": [{"out": ..., "kill_at": k}
| {"out": ..., "kill_after": seconds} | {"out": ...}], "result": path}. A child killed "at" k
SIGKILLs itself just before its k-th call (1-based) to one of the file-system calls below, the
ones a commit is made of: writes end with fsync, and renames, links and removals switch versions.
The result file gets, per trial, the exit status and the calls the child made.
"""

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas  # noqa: F401  (imported before the fork, so a trial does not pay for it)
import pyarrow.parquet  # noqa: F401

from etl.cli import main

WATCHED = ("fsync", "mkdir", "rename", "replace", "symlink", "link", "unlink", "rmdir")


def watch(kill_at: int | None, log: list[str]) -> None:
    """Count the watched calls of this process; SIGKILL it just before call number `kill_at`."""
    for name in WATCHED:
        original = getattr(os, name)

        def watched(*args, _name=name, _original=original, **kwargs):
            log.append(_name)
            if kill_at is not None and len(log) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return _original(*args, **kwargs)

        setattr(os, name, watched)


def child(argv: list[str], out: str, kill_at: int | None, log_path: str) -> None:
    """One build in a forked child; it writes the calls it made, then leaves without cleaning up."""
    log: list[str] = []
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    watch(kill_at, log)
    status = main([*argv, "--out", out])
    with open(log_path, "w") as file:
        json.dump(log, file)
    os._exit(status)


def trial(argv: list[str], spec: dict, log_path: str) -> dict:
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            child(argv, spec["out"], spec.get("kill_at"), log_path)
        finally:
            os._exit(99)
    if "kill_after" in spec:
        time.sleep(spec["kill_after"])
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    calls = json.loads(Path(log_path).read_text()) if os.path.exists(log_path) else None
    if os.path.exists(log_path):
        os.unlink(log_path)
    return {"status": os.waitstatus_to_exitcode(status), "calls": calls, "seconds": time.perf_counter() - started}


def run(plan: dict) -> list[dict]:
    log_path = plan["result"] + ".calls"
    return [trial(plan["argv"], spec, log_path) for spec in plan["trials"]]


if __name__ == "__main__":
    # pyarrow starts jemalloc's background thread on import; jemalloc and Arrow's thread pools have
    # fork handlers, and no Python thread runs here, so forking is safe.
    assert threading.active_count() == 1
    plan = json.loads(Path(sys.argv[1]).read_text())
    Path(plan["result"]).write_text(json.dumps(run(plan)))
