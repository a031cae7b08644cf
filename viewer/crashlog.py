"""Unexpected errors go to a log file in the user's data folder, not to the screen."""

from __future__ import annotations

import datetime
import traceback
from pathlib import Path


def log_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("petrograd1917", appauthor=False)) / "errors.log"


def log_exception(error: BaseException) -> Path:
    """Append the traceback of ``error`` to the log; return the log's path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        pass
    return path


def one_line(error: BaseException) -> str:
    return (f"Unexpected error ({type(error).__name__}: {str(error)[:200]}). "
            f"Details were written to {log_path()}")
