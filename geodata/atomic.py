"""Atomic file writes: a temporary file in the same folder, renamed over the target.

A reader never sees a half-written file, and an existing file is replaced only by a
complete new one. Temporary files carry the writer's process id, so leftovers of a killed
process are removed by the next write to the same target.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


def _temp_name(target: Path) -> Path:
    # Keep the suffix: writers such as imageio or pyogrio pick the format from it.
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(3)}.tmp"
                            f"{target.suffix}")


def remove_stale_temps(target: Path) -> None:
    """Delete temporary files of ``target`` left by processes that no longer run."""
    for temp in target.parent.glob(f".{target.name}.*.tmp{target.suffix}"):
        pid = temp.name[len(target.name) + 2:].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                temp.unlink()


def _running(pid: int) -> bool:
    # psutil asks without signalling the process (os.kill(pid, 0) would end it on Windows);
    # imported only when there is a leftover to judge.
    import psutil

    return psutil.pid_exists(pid)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    temp = _temp_name(target)
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_text(target: str | Path, text: str) -> None:
    with atomic_path(target) as temp:
        temp.write_text(text, encoding="utf-8")


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as temp:
        temp.write_bytes(data)
