"""Child processes of the bench: every measurement runs in a fresh process of the same
Python (``bench/run.py --worker KIND ...``) on Qt's offscreen platform, with a throw-away
settings folder, so runs share no caches, imports or Qt state."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUN = HERE / "run.py"


def child_env(config: Path) -> dict[str, str]:
    """Environment of every child: offscreen Qt, a throw-away settings folder."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")   # as viewer/cli.py sets it
    env.pop("PETROGRAD1917_EXIT_AFTER_PAINT", None)
    return env


def worker(kind: str, args: list[str], env: dict[str, str], timeout: float = 600) -> dict:
    """Run ``run.py --worker kind args`` and return the JSON it prints last."""
    cmd = [sys.executable, str(RUN), "--worker", kind, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"worker {kind} failed ({proc.returncode}): " + " | ".join(tail))
    return json.loads(lines[-1])


def first_paint_ms(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from process start to the child's ``first-paint`` stamp, and the CPU
    time (user + system) the child used in all: on a busy machine the wall time swings with
    other work, the CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    match = re.search(r"first-paint ([0-9.]+)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"no first paint from {cmd[-1][:40]!r}…: "
                           f"{proc.stderr.strip()[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (float(match.group(1)) - t0) * 1000, cpu * 1000
