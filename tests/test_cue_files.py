"""A lecturer's own cue lists (issue 15): the installed scenario is never written, a
read-only one is copied, Save As, the unsaved-changes question, undo, fields marked where
they are typed, comments kept in chapters.toml, File > Open for folders and GeoPackages and
File > Open recent."""

import shutil

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.loader import default_scenario_path, load_scenario
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from tests.conftest import DATA


@pytest.fixture
def docs(tmp_path, monkeypatch):
    """The user's documents folder, in a temp folder."""
    from petrograd1917.viewer import scenario_files

    folder = tmp_path / "Documents" / "Petrograd 1917"
    monkeypatch.setattr(scenario_files, "own_copies_folder", lambda: folder)
    return folder


@pytest.fixture
def lecture(tmp_path):
    folder = tmp_path / "lecture"
    shutil.copytree(DATA / "mini", folder)
    text = (folder / "chapters.toml").read_text()
    (folder / "chapters.toml").write_text(
        "# My cues for Tuesday's seminar\n\n" + text.replace(
            'seconds = 10\nnarration = "The MRC takes the city."',
            'seconds = 10   # slow: students ask here\nnarration = "The MRC takes the city."'))
    return folder


def editor_for(qtbot, tmp_path, scenario):
    from petrograd1917.viewer.cue_editor import CueEditor
    from petrograd1917.viewer.window import MainWindow

    w = MainWindow(scenario, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    editor = CueEditor(w)   # a child of the window: goes with it, without questions
    return w, editor


def retitle(editor, row: int, title: str) -> None:
    editor.list.setCurrentRow(row)
    editor.title.setText(title)
    editor.apply()


def test_first_edit_of_the_installed_scenario_saves_a_copy_in_documents(
        qtbot, tmp_path, docs, petrograd, monkeypatch):
    installed = default_scenario_path() / "chapters.toml"
    before = installed.read_bytes()
    w, editor = editor_for(qtbot, tmp_path, petrograd)
    asked = []
    monkeypatch.setattr(editor, "ask_copy", lambda reason, folder: asked.append(reason) or True)
    retitle(editor, 0, "My first cue")
    assert asked and "comes with the app" in asked[0]
    copy = docs / "petrograd1917"
    assert w.scenario.path == copy                      # the app now shows the copy
    assert load_scenario(copy).chapters[0].title_en == "My first cue"
    assert installed.read_bytes() == before             # the package is untouched
    retitle(editor, 1, "My second cue")
    assert editor.save()                                 # later saves go to the copy
    assert load_scenario(copy).chapters[1].title_en == "My second cue"
    assert installed.read_bytes() == before


def test_a_read_only_scenario_is_never_written_and_says_so_plainly(
        qtbot, tmp_path, docs, lecture, monkeypatch):
    import os

    from petrograd1917.viewer import scenario_files

    before = (lecture / "chapters.toml").read_bytes()
    for path in [lecture, *lecture.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    if os.geteuid() == 0:   # root writes anywhere: make the check see what a user would
        real = os.access
        monkeypatch.setattr(scenario_files.os, "access", lambda p, mode: real(p, mode) and (
            not str(p).startswith(str(lecture)) or mode != os.W_OK))
    w, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    monkeypatch.setattr(editor, "ask_copy", lambda reason, folder: False)   # not now
    retitle(editor, 0, "Edited")
    assert not editor.save()
    message = editor.message_box.text()
    assert "read-only" in message and "Save As" in message and "Errno" not in message
    assert (lecture / "chapters.toml").read_bytes() == before
    assert editor.save_as(tmp_path / "mine")
    assert load_scenario(tmp_path / "mine").chapters[0].title_en == "Edited"
    assert w.scenario.path == tmp_path / "mine" and not editor.dirty
    for path in [lecture, *lecture.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_failed_write_names_the_folder_without_a_raw_errno(qtbot, tmp_path, lecture,
                                                               monkeypatch):
    from petrograd1917.viewer import cue_editor

    def refuse(folder, *_):
        raise PermissionError(13, "Permission denied", str(folder / ".chapters.toml.tmp"))

    monkeypatch.setattr(cue_editor, "save_chapters", refuse)
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    retitle(editor, 0, "Edited")
    assert not editor.save()
    text = editor.message_box.text()
    assert str(lecture) in text and "Permission denied" in text and "Errno" not in text


@pytest.mark.parametrize("choice", ["cancel", "discard", "save"])
def test_closing_with_unsaved_changes_asks(qtbot, tmp_path, lecture, monkeypatch, choice):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    editor.show()
    before = (lecture / "chapters.toml").read_text()
    asked = []
    monkeypatch.setattr(editor, "ask_unsaved", lambda: asked.append(1) or choice)
    retitle(editor, 0, "Changed")
    editor.reject()
    assert asked
    assert editor.isVisible() == (choice == "cancel")
    saved = load_scenario(lecture).chapters[0].title_en
    assert saved == ("Changed" if choice == "save" else "The night of 24-25 October")
    if choice != "save":
        assert (lecture / "chapters.toml").read_text() == before


def test_closing_without_changes_does_not_ask(qtbot, tmp_path, lecture, monkeypatch):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    editor.show()
    monkeypatch.setattr(editor, "ask_unsaved", lambda: pytest.fail("asked without changes"))
    editor.reject()
    assert not editor.isVisible()


def test_undo_and_redo_step_through_the_changes(qtbot, tmp_path, lecture):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    original = list(editor.cues)
    editor.list.setCurrentRow(1)
    editor.move(-1)
    retitle(editor, 0, "The palace falls")
    editor.narration.moveCursor(QTextCursor.MoveOperation.End)
    for ch in " at last":                       # typing is one step, not one per key
        editor.narration.insertPlainText(ch)
    assert editor.cues[0].narration.endswith("at last")
    editor.undo()
    assert not editor.cues[0].narration.endswith("at last")
    editor.undo()
    editor.undo()
    assert editor.cues == original and not editor.dirty
    editor.redo()
    assert [c.id for c in editor.cues] == ["palace", "night"]


def test_an_invalid_time_is_marked_in_the_editor_and_the_other_edits_still_count(
        qtbot, tmp_path, lecture):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    editor.show()
    editor.list.setCurrentRow(0)
    start = editor.cues[0].start
    editor.start.setText("1917-10-32T25:00")
    editor.title.setText("Night of the insurrection")
    editor.apply()
    assert "border" in editor.start.styleSheet() and editor.start.toolTip()
    assert editor.problem.isVisible() and "Start" in editor.problem.text()
    assert editor.cues[0].title_en == "Night of the insurrection"   # taken all the same
    assert editor.cues[0].start == start                              # kept as it was
    editor.start.setText("1917-10-24T23:00")
    editor.apply()
    assert editor.start.styleSheet() == "" and editor.problem.text() == ""
    assert editor.cues[0].start == at("1917-10-24T23:00")
    editor.end.setText("1917-10-24T20:00")                  # before the start
    editor.apply()
    assert "border" in editor.end.styleSheet() and "before it ends" in editor.problem.text()


def test_saving_keeps_the_comments_and_layout_of_chapters_toml(qtbot, tmp_path, lecture):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    before = (lecture / "chapters.toml").read_text()
    retitle(editor, 1, "The storming")
    assert editor.save()
    after = (lecture / "chapters.toml").read_text()
    assert after.startswith("# My cues for Tuesday's seminar\n\n")
    assert "seconds = 10   # slow: students ask here" in after
    assert after == before.replace('title_en = "The Winter Palace"',
                                   'title_en = "The storming"')
    editor.move(-1)
    assert editor.save()
    moved = (lecture / "chapters.toml").read_text()
    assert "# slow: students ask here" in moved and "\n\n\n" not in moved
    assert [c.id for c in load_scenario(lecture).chapters] == ["palace", "night"]


def test_a_russian_narration_typed_in_the_editor_is_saved(qtbot, tmp_path, lecture):
    _, editor = editor_for(qtbot, tmp_path, load_scenario(lecture))
    editor.list.setCurrentRow(0)
    editor.narration_ru.setPlainText("ВРК берёт город.")
    assert editor.save()
    cue = load_scenario(lecture).chapters[0]
    assert cue.narration_ru == "ВРК берёт город." and cue.narration_in("ru") == cue.narration_ru
    assert load_scenario(lecture).chapters[1].narration_in("ru").startswith("The siege")


def test_open_accepts_folders_and_geopackages_and_remembers_them(qtbot, tmp_path, lecture,
                                                                 mini):
    from petrograd1917.geodata.gpkg import write_gpkg
    from petrograd1917.viewer.scenario_files import recent, scenario_path_of

    gpkg = tmp_path / "mini.gpkg"
    write_gpkg(mini, gpkg)
    w, _ = editor_for(qtbot, tmp_path, load_scenario(lecture))
    assert w.open_scenario(scenario_path_of(lecture / "scenario.toml"))
    assert w.open_scenario(scenario_path_of(gpkg))
    assert w.scenario.path == gpkg
    assert recent(w.settings)[:2] == [gpkg.resolve(), lecture.resolve()]
    w.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in w.recent_menu.actions()]
    assert titles[:2] == [str(gpkg.resolve()), str(lecture.resolve())]
    w.recent_menu.actions()[1].trigger()
    assert w.scenario.path == lecture.resolve()
