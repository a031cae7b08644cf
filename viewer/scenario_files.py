"""Where scenarios live: the lecturer's own copies, which folders may be written, and the
File > Open recent list.

Edits never go into the installed package: the built-in scenario, or any read-only one, is
copied to the user's documents (``platformdirs``) before the first save.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

RECENT_KEY = "recent_scenarios"
RECENT_MAX = 8


def own_copies_folder() -> Path:
    """Documents/Petrograd 1917: where copies of scenarios are saved."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Petrograd 1917"


def is_installed(path: Path) -> bool:
    """Whether ``path`` lies inside the installed package (overwritten by an upgrade)."""
    from ..geodata.loader import default_scenario_path

    package = default_scenario_path().parent.parent.resolve()
    return Path(path).resolve().is_relative_to(package)


def why_not_editable(path: Path) -> str | None:
    """Why cues cannot be saved into ``path`` (None when they can), in a user's words."""
    path = Path(path)
    if not path.is_dir():
        return (f"{path.name} is a GeoPackage; cues are saved into a scenario folder. "
                "Save a copy as a folder to edit them.")
    if is_installed(path):
        return ("This is the scenario that comes with the app: changes to it would be lost "
                "at the next update.")
    target = path / "chapters.toml"
    if not os.access(path, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"The folder {path} is read-only."
    return None


def free_folder(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name 2``, ``name 3``… when it is taken."""
    candidate, n = parent / name, 1
    while candidate.exists():
        n += 1
        candidate = parent / f"{name} {n}"
    return candidate


def copy_scenario(scenario, dest: Path) -> Path:
    """Copy ``scenario`` (a folder, or a GeoPackage written out as a folder) to ``dest``,
    which must not exist or be an empty folder. The copy's files are writable."""
    from ..geodata.writer import write_scenario

    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty; choose a new folder")
    src = Path(scenario.path)
    if src.is_dir():
        shutil.copytree(src, dest, dirs_exist_ok=True, copy_function=shutil.copyfile,
                        ignore=shutil.ignore_patterns(".*", "*.bak", "__pycache__"))
        for folder, dirs, _files in os.walk(dest):   # a read-only source stays read-only:
            os.chmod(folder, 0o755)                   # the copy must not
            for d in dirs:
                os.chmod(Path(folder) / d, 0o755)
    else:
        write_scenario(scenario, dest)
    return dest


def scenario_path_of(chosen: str | Path) -> Path:
    """The scenario behind a file chosen in File > Open: its folder for scenario.toml."""
    chosen = Path(chosen)
    return chosen.parent if chosen.name == "scenario.toml" else chosen


def recent(settings) -> list[Path]:
    """Scenarios opened lately, newest first, those that still exist."""
    value = settings.value(RECENT_KEY, [])
    items = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in items if p and Path(p).exists()]


def remember(settings, path: str | Path) -> None:
    path = str(Path(path).resolve())
    items = [str(p) for p in recent(settings) if str(p) != path]
    settings.setValue(RECENT_KEY, [path, *items][:RECENT_MAX])


def fill_recent_menu(menu, window) -> None:
    """Rebuild File > Open recent from the settings (called as the menu opens)."""
    menu.clear()
    items = recent(window.settings)
    for path in items:
        action = menu.addAction(str(path))
        action.triggered.connect(lambda _=False, p=path: window.open_scenario(p))
    if not items:
        menu.addAction("(none yet)").setEnabled(False)
