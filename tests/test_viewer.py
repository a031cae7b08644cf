"""The desktop viewer, driven as a user would (pytest-qt, offscreen)."""

import numpy as np
import pytest
from petrograd1917.geodata.calendar import parse_time as at
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage

from tests.conftest import DATA


@pytest.fixture
def window(open_window):
    return open_window((1400, 900))


def fill_of(window, site_id):
    return window.scene.sites[window.scenario.site_index(site_id)].fill.name()


def test_winter_palace_changes_colour_and_panels_follow(window, petrograd):
    gov, mrc = petrograd.controls["government"].colour, petrograd.controls["mrc"].colour
    window.select_site(petrograd.site_index("winter_palace"))
    window.playback.time = at("1917-10-25T20:00")
    assert fill_of(window, "winter_palace") == gov
    assert "Provisional Government" in window.site_panel.text.toPlainText()
    log_before = window.event_log.model_.rowCount()
    window.playback.time = at("1917-10-26T03:00")
    assert fill_of(window, "winter_palace") == mrc
    assert "Military Revolutionary Committee" in window.site_panel.text.toPlainText()
    assert window.event_log.model_.rowCount() > log_before
    newest = window.event_log.model_.event_at(0)
    assert newest.time <= at("1917-10-26T03:00")


def test_space_plays_and_arrows_step_between_events(window, qtbot, petrograd):
    window.playback.time = at("1917-10-25T12:00")
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.playback.time == window.timeline.next_event_time(at("1917-10-25T12:00"))
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.playback.time <= at("1917-10-25T12:00")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.playback.playing
    start = window.playback.time
    qtbot.waitUntil(lambda: window.playback.time > start, timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.playback.playing


def test_clicking_a_site_selects_it(window, qtbot, petrograd):
    i = petrograd.site_index("smolny")
    view = window.view
    view.centre_on_site(i, min_zoom=0.5)
    pos = view.mapFromScene(view.map.sites[i].pos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.scene.selected == i
    assert "Smolny" in window.site_panel.text.toPlainText()


@pytest.mark.parametrize("text", ["Зимний", "Winter", "winter pal"])
def test_search_finds_sites_in_both_languages(window, petrograd, text):
    assert window.search.find(text) == petrograd.site_index("winter_palace")


def test_search_enter_selects_and_centres(window, qtbot, petrograd):
    window.search.setText("Смольный")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.scene.selected == petrograd.site_index("smolny")


def test_a_bad_scenario_shows_its_problems_and_keeps_the_current_one(window, petrograd):
    assert not window.open_scenario(DATA / "bad" / "events_unknown_site")
    assert window.scenario is petrograd
    assert "unknown site 'winter_palase'" in window.problems_box.text()


def test_another_scenario_loads(window):
    assert window.open_scenario(DATA / "mini")
    assert len(window.scenario.sites) == 3
    assert window.search.find("Telegraph") == 2
    assert window.search.find("Aurora") == -1                   # names of the old one are gone
    assert window.search.completer_.model().rowCount() == 6    # 3 sites × 2 languages
    assert window.findChildren(type(window.search)) == [window.search]


def test_layout_is_remembered(qtbot, petrograd, tmp_path):
    from petrograd1917.viewer.window import MainWindow

    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    w = MainWindow(petrograd, settings)
    qtbot.addWidget(w)
    w.show()
    w.layers_dock.hide()
    w.close()
    again = MainWindow(petrograd, QSettings(str(tmp_path / "layout.ini"),
                                            QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    assert not again.layers_dock.isVisible()
    assert again.events_dock.isVisible()


def test_russian_interface_and_labels(window, petrograd):
    window.set_language("ru")
    assert window.file_menu.title() == "&Файл"
    window.view.centre_on_site(petrograd.site_index("winter_palace"), min_zoom=0.6)
    assert "Зимний дворец" in window.view.label_texts()
    assert "октября" in window.timebar.date.text()


def test_tooltips_escape_scenario_text(window, petrograd):
    tip = window.scene.tooltip(petrograd.site_index("winter_palace"))
    assert "<b>Winter Palace</b>" in tip
    from petrograd1917.viewer.panels import sources_html

    hostile = sources_html(petrograd, ("reed1919",))
    assert "<script" not in hostile


def test_labels_do_not_collide(window):
    labels = window.view._layout_labels()
    rects = [label.rect for label in labels]
    assert len(labels) > 20
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)


def count_basemap_paints(view) -> list[int]:
    calls = [0]
    paint = view.map.basemap.paint

    def counting(*args, **kwargs):
        calls[0] += 1
        return paint(*args, **kwargs)

    view.map.basemap.paint = counting
    return calls


def test_moving_camera_stretches_the_last_drawing_then_redraws(window, qtbot):
    view = window.view
    qtbot.waitUntil(lambda: not view._moving, timeout=60_000)
    view.viewport().grab()
    calls = count_basemap_paints(view)
    labels_before = view._label_pixmap
    for _ in range(5):              # a wheel burst: the last drawing, stretched
        view.zoom_by(1.05)
        view.viewport().grab()
    assert calls[0] == 0 and view._label_pixmap is labels_before
    view.zoom_by(3.0)               # stretched too far: drawn afresh at once
    view.viewport().grab()
    assert calls[0] == 1
    view.zoom_by(1.05)
    view.viewport().grab()
    assert calls[0] == 1
    qtbot.waitUntil(lambda: not view._moving, timeout=60_000)   # still: full quality
    view.viewport().grab()
    assert calls[0] == 2 and view._label_rect == view.visible_rect()
    assert view.label_texts() == [label.text for label in view._labels]


def test_exports_draw_every_camera_move_at_full_quality(petrograd, qapp):
    """Video frames move the camera without an event loop: no stretched previews."""
    from petrograd1917.viewer.render import map_view, render_image

    t = at("1917-10-25T21:40")
    x0, y0, x1, y1 = petrograd.extent
    dx, dy = (x1 - x0) * 0.15, (y1 - y0) * 0.15
    small = (x0 + dx, y0 + dy, x1 - dx, y1 - dy)   # within what a preview would stretch
    moved = map_view(petrograd, t, (640, 400))
    moved.fit_extent(small)
    render_image(moved)   # the first paint of a view places its panels, as in map_view
    direct = map_view(petrograd, t, (640, 400), small)
    assert render_image(moved) == render_image(direct)


def test_snapshot_shows_control_colours_at_site_positions(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.render import map_view, save_snapshot

    out = tmp_path / "snap.png"
    t = at("1917-10-26T03:00")
    save_snapshot(petrograd, out, t, (1920, 1080))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    view = map_view(petrograd, t, (1920, 1080))
    for site_id in ("winter_palace", "smolny"):
        i = petrograd.site_index(site_id)
        p = view.mapFromScene(view.map.sites[i].pos())
        expected = QColor(petrograd.controls["mrc"].colour)
        pixels = [QColor(image.pixel(QPoint(p.x() + dx, p.y() + dy)))
                  for dx in (-2, 0, 2) for dy in (-2, 0, 2)]
        close = [c for c in pixels if max(abs(c.red() - expected.red()),
                                          abs(c.green() - expected.green()),
                                          abs(c.blue() - expected.blue())) < 40]
        assert len(close) >= 5, site_id


def test_snapshot_svg_and_pdf(tmp_path, petrograd, qapp):
    from petrograd1917.viewer.render import save_snapshot

    for name in ("map.svg", "map.pdf"):
        save_snapshot(petrograd, tmp_path / name, at("1917-10-25T21:40"), (800, 600))
        assert (tmp_path / name).stat().st_size > 1000
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()[:2000]


def test_many_path_elements_do_not_crash_pyside(qapp):
    """PySide6 6.12.0 on Python < 3.12 aborts after ~10⁵ void calls (see docs)."""
    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    for i in range(100_000):
        path.lineTo(float(i), float(i % 7))
    assert path.elementCount() >= 100_000
    from petrograd1917.viewer.paths import pack_path

    packed = pack_path(np.random.rand(50_000, 2), [0, 25_000])
    assert packed.elementCount() == 50_000


def test_export_html_from_the_app_uses_its_time_and_language(window, tmp_path, petrograd):
    window.playback.time = at("1917-10-25T21:40")
    window.set_language("ru")
    out = tmp_path / "from-app.html"
    window.export_html(out)
    page = out.read_text("utf-8")
    assert '"25 октября 1917 (7 ноября н. ст.)"' in page   # the page labels days in Russian
    assert f'"at":{at("1917-10-25T21:40") - petrograd.start},' in page
    assert "Зимний дворец" in page


def test_hostile_text_shows_as_text_in_qt(qtbot, tmp_path):
    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.window import MainWindow

    hostile = load_scenario(DATA / "hostile")
    w = MainWindow(hostile, QSettings(str(tmp_path / "h.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w.playback.time = at("1917-10-26T03:00")
    w.select_site(0)
    shown = w.site_panel.text.toPlainText()
    assert "<img src=x onerror=alert(1)> <b>Palace</b>" in shown
    assert "<script>alert(\"ru\")</script>" in shown
    assert "<b>John</b> Reed" in shown
    assert 'href="javascript' not in w.site_panel.text.toHtml()
    tip = w.scene.tooltip(0)
    assert "&lt;img" in tip and "<img" not in tip
    log = w.event_log.model_
    texts = [log.data(log.index(r)) for r in range(log.rowCount())]
    assert any("<b>taken</b> <script>x()</script>" in t for t in texts)
    assert "<img src=x onerror=alert(1)> <b>Palace</b>" in w.view.label_texts()


def test_cue_editor_reorders_and_saves(qtbot, tmp_path):
    import shutil

    from petrograd1917.geodata.loader import load_scenario
    from petrograd1917.viewer.cue_editor import CueEditor
    from petrograd1917.viewer.window import MainWindow

    folder = tmp_path / "lecture"
    shutil.copytree(DATA / "mini", folder)
    w = MainWindow(load_scenario(folder), QSettings(str(tmp_path / "c.ini"),
                                                    QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    editor = CueEditor(w)
    editor.list.setCurrentRow(1)
    editor.move(-1)
    editor.title.setText("The palace falls")
    editor.apply()
    w.playback.time = at("1917-10-25T12:00")
    editor.add()
    editor.save()
    saved = load_scenario(folder).chapters
    assert [c.title_en for c in saved] == ["The palace falls", "New cue",
                                           "The night of 24-25 October"]
    assert saved[1].start == at("1917-10-25T12:00")
    assert (folder / "chapters.toml.bak").exists()
