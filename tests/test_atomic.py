"""Atomic writes: a complete file or none, and leftovers of dead writers swept away."""

import os
import subprocess
import sys

import pytest
from petrograd1917.geodata import atomic


def leftover(target, pid):
    path = target.with_name(f".{target.name}.{pid}-abc123.tmp{target.suffix}")
    path.write_text("half a file")
    return path


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "out.html"
    atomic.write_text(target, "old")
    atomic.write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.html"
    atomic.write_text(target, "old")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as temp:
        temp.write_text("half")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_leftovers_of_dead_writers_go_and_those_of_running_ones_stay(tmp_path):
    target = tmp_path / "map.gpkg"
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = leftover(target, int(done.stdout))
    running = leftover(target, os.getppid())
    atomic.write_bytes(target, b"data")
    assert not dead.exists()
    assert running.exists()
    assert target.read_bytes() == b"data"
