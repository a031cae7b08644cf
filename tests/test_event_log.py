"""The event log and the caption: every event, also one of several at a minute, is its own."""

import pytest
from petrograd1917.geodata.calendar import parse_time as at
from PySide6.QtCore import Qt


@pytest.fixture
def window(open_window):
    return open_window((1400, 900))


def test_clicking_an_event_that_shares_its_minute_shows_its_own_caption(window, qtbot,
                                                                        petrograd):
    minute = at("1917-10-24T17:00")
    together = [k for k, e in enumerate(petrograd.events) if e.time == minute]
    assert len(together) >= 3
    window.playback.time = minute
    log = window.event_log
    for k in together:
        row = log.model_.count - 1 - k
        index = log.model_.index(row)
        log.scrollTo(index)
        qtbot.mouseClick(log.viewport(), Qt.MouseButton.LeftButton,
                         pos=log.visualRect(index).center())
        event = petrograd.events[k]
        assert window.playback.event == k and window.playback.time == minute
        assert window.view.caption.text == event.text("en")
        assert petrograd.site(event.site).name_en in window.view.caption.title
        assert window.scene.selected == petrograd.site_index(event.site)
        assert log.model_.data(index, Qt.ItemDataRole.FontRole).bold()


def test_arrow_keys_step_through_each_event_of_one_minute(window, qtbot, petrograd):
    minute = at("1917-10-24T17:00")
    together = [k for k, e in enumerate(petrograd.events) if e.time == minute]
    window.playback.time = minute - 1
    captions = []
    for _ in together:
        qtbot.keyClick(window, Qt.Key.Key_Right)
        captions.append(window.view.caption.text)
    assert captions == [petrograd.events[k].text("en") for k in together]
    assert window.playback.time == minute
