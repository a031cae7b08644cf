"""Where the sources disagree: the story model says which events' accounts differ, over what
window, and every view says so ("accounts differ: 01:00–03:00") — but never claims a dispute
where the note only says the hour is not recorded."""

from dataclasses import replace

import pytest
from petrograd1917.geodata import disagreements as dis
from petrograd1917.geodata.calendar import parse_time as at
from petrograd1917.geodata.story import Story
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage


def test_a_window_whose_note_gives_two_accounts_is_a_disagreement(mini):
    e2 = mini.events[1]          # window 01:00-03:00, "Hours differ between accounts"
    assert dis.kind_of(e2) == dis.DIFFER
    assert [d.event.id for d in dis.disagreements(mini)] == ["e2"]
    assert dis.label(e2) == "accounts differ: 01:00–03:00"
    assert dis.label(e2, lang="ru") == "источники расходятся: 01:00–03:00"


@pytest.mark.parametrize("note,kind", [
    ("Rabinowitch: about 5.30 a.m.; Soviet accounts: about 6 a.m.", dis.DIFFER),
    ("Eyewitness found it raised about 4 p.m.; others say about 5 p.m.", dis.DIFFER),
    ("Trotsky and Rabinowitch put it in the afternoon; Miéville has it at 8 p.m.", dis.DIFFER),
    ("Commissars reached the units on 21-22 October; hour not recorded.", dis.UNCERTAIN),
    ("No precise hour; evening of the 25th.", dis.UNCERTAIN),
])
def test_only_a_note_recording_more_than_one_account_says_they_differ(mini, note, kind):
    assert dis.kind_of(replace(mini.events[1], note=note)) == kind


def test_an_exact_time_or_a_window_without_note_is_not_questioned(mini):
    assert dis.kind_of(mini.events[0]) is None                      # hour precision
    assert dis.kind_of(replace(mini.events[1], note="")) is None


def test_a_window_across_midnight_names_both_days(mini):
    night = replace(mini.events[1], earliest=at("1917-10-24T20:00"),
                    latest=at("1917-10-25T02:00"))
    assert dis.label(night) == "accounts differ: 24 Oct 20:00 – 25 Oct 02:00"


def test_the_caption_says_the_accounts_differ(mini):
    story = Story(mini)
    assert story.caption(1).dispute == "accounts differ: 01:00–03:00"
    assert story.caption(2).dispute == ""                            # the Aurora's shot


def test_the_default_scenario_lists_its_disputes_in_time_order(petrograd):
    found = dis.disagreements(petrograd)
    assert len(found) >= 10
    times = [d.event.time for d in found]
    assert times == sorted(times)
    assert all(d.event.precision == "window" and d.event.note for d in found)


# -- the desktop ---------------------------------------------------------------------------
@pytest.fixture
def window(open_window, mini):
    w = open_window((1366, 768), mini)
    yield w
    w.presenting.stop()


def test_the_site_panel_and_caption_say_accounts_differ(window, mini):
    window.playback.time = at("1917-10-25T04:00")
    window.select_site(mini.site_index("telegraph"))
    panel = window.site_panel.text.toPlainText()
    assert "accounts differ: 01:00–03:00" in panel                  # beside "Now"
    assert "Accounts differ: 01:00–03:00. Hours differ between accounts" in panel
    window.jump_to_event(1)
    assert window.view.caption.dispute == "accounts differ: 01:00–03:00"


def test_the_view_lists_disagreements_and_goes_to_one(window, qtbot, mini):
    window.playback.time = mini.start
    menu = [a for a in window.menu_actions if a.data() == "Where the sources &disagree…"]
    menu[0].trigger()
    view = window.disagreement_view
    assert view.isVisible() and view.windowTitle() == "Where the sources disagree"
    assert view.tree.topLevelItemCount() == 1
    item = view.tree.topLevelItem(0)
    assert item.text(0) == "25 Oct 01:00–03:00" and item.text(1) == "Central Telegraph"
    assert item.toolTip(0) == "accounts differ: 01:00–03:00"
    assert "Hours differ between accounts" in view.detail.toPlainText()
    view.tree.itemActivated.emit(item, 0)
    assert window.playback.time == mini.events[1].time
    window.set_language("ru")
    assert view.windowTitle() == "Где источники расходятся"
    assert view.tree.topLevelItem(0).text(0) == "25 окт 01:00–03:00"
    assert view.tree.topLevelItem(0).toolTip(0).startswith("источники расходятся")


def test_presentation_keeps_disputes_out_of_the_way_unless_asked(window, qtbot):
    window.jump_to_event(1)
    window.show_disagreements()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.view.show_disputes and not window.disagreement_view.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_D)                       # asked for
    assert window.view.show_disputes
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view.show_disputes                                # as before presenting


def colours_in(image: QImage, x0: int, x1: int, y: int) -> set[str]:
    return {QColor(image.pixel(x, y)).name() for x in range(x0, x1)}


def test_the_time_bar_draws_the_balance_and_the_disputed_window_as_a_span(window, mini):
    ruler = window.timebar.ruler
    image = ruler.grab().toImage()
    track = ruler._track()
    # the bands: the MRC's colour on top of the track, the government's at its bottom
    top = colours_in(image, int(track.left()) + 8, int(track.right()) - 8,
                     int(track.top()) + 3)
    bottom = colours_in(image, int(track.left()) + 8, int(track.right()) - 8,
                        int(track.bottom()) - 3)
    from petrograd1917.viewer.balance_strip import band_colour

    assert band_colour(mini.controls["mrc"].colour).name() in top
    assert band_colour(mini.controls["government"].colour).name() in bottom
    # the disputed window of e2: a span from 01:00 to 03:00, wider than a tick
    (row, d), = ruler.model()[2]
    span = ruler._span_rect(row, d)
    assert span.width() >= ruler.x_of(at("1917-10-25T03:00")) - ruler.x_of(
        at("1917-10-25T01:00")) - 1
    assert "accounts differ: 01:00–03:00" in ruler.tooltip_at(span.center())
    assert "Military Revolutionary Committee" in ruler.tooltip_at(track.center())


def test_snapshots_keep_the_week_at_a_glance(mini, qapp):
    from petrograd1917.viewer.balance_strip import band_colour
    from petrograd1917.viewer.render import map_view, render_image

    image = render_image(map_view(mini, at("1917-10-25T22:00"), (1366, 768)))
    strip = {QColor(image.pixel(x, y)).name() for x in range(30, 1336, 3)
             for y in range(680, 760, 2)}
    for control in ("government", "mrc"):
        assert band_colour(mini.controls[control].colour).name() in strip


def test_the_page_calls_a_window_a_disagreement_only_where_the_model_does(petrograd):
    from petrograd1917.geodata.webmap_panels import disagreement

    for e in petrograd.events:
        assert (disagreement(e, "en", petrograd.calendar) != "") == \
            (dis.kind_of(e) == dis.DIFFER)
        if dis.kind_of(e) == dis.DIFFER:
            assert disagreement(e, "ru", petrograd.calendar) == dis.label(
                e, petrograd.calendar, "ru")
