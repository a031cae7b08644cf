"""The view state: what the user has chosen to see, without a window and mirrored by one."""

import pytest
from petrograd1917.geodata.viewstate import ViewState
from PySide6.QtCore import Qt


def test_view_state_announces_each_change_once_and_only_real_changes():
    state = ViewState(["water", "streets"], ["bridge", "ship"])
    seen = []
    state.language_changed.connect(lambda lang: seen.append(("lang", lang)))
    state.visibility_changed.connect(lambda *change: seen.append(change))
    state.selection_changed.connect(lambda i: seen.append(("selected", i)))
    state.lang = "ru"
    state.lang = "ru"
    state.set_visible("kinds", "ship", False)
    state.set_visible("kinds", "ship", False)
    state.selected = 3
    assert seen == [("lang", "ru"), ("kinds", "ship", False), ("selected", 3)]
    assert state.visible("kinds") == {"bridge"}
    with pytest.raises(ValueError):
        state.lang = "de"
    with pytest.raises(KeyError):
        state.set_visible("kinds", "zeppelin", True)


def test_place_names_come_and_go_with_the_labels():
    state = ViewState(["water", "places"], [])
    assert state.map_layers == {"water", "places"}
    state.set_visible("basemap", "places", False)
    assert state.map_layers == {"water", "places"}    # labels on: names of waters stay
    state.set_visible("show", "labels", False)
    assert state.map_layers == {"water"}


@pytest.fixture
def window(open_window):
    return open_window((1400, 900))


def test_one_language_switch_reaches_every_widget(window):
    window.set_language("ru")
    assert window.view_state.lang == "ru"
    assert window.view.lang == window.scene.lang == window.event_log.model_.lang == "ru"
    assert window.site_panel.lang == window.layers.lang == window.timebar.lang == "ru"
    assert window.search.placeholderText() != "Search sites…"


def test_the_layers_panel_mirrors_the_view_state_and_the_legend_drops_hidden_kinds(window):
    from petrograd1917.viewer.overlays import legend_entries

    item = window.layers.items[("kinds", "ship")]
    item.setCheckState(0, Qt.CheckState.Unchecked)          # the user's click…
    assert not window.view_state.is_visible("kinds", "ship")  # …reaches the state
    assert "ship" not in window.view.visible_kinds
    window.view.viewport().grab()                            # paint: the legend is drawn
    drawn = window.view._panel_cache["legend"][0][-1]        # the kinds it was drawn with
    assert "ship" not in drawn and "bridge" in drawn
    _, rows = legend_entries(window.scenario, "en", drawn)
    assert len(rows) == len(drawn)
    window.view_state.set_visible("kinds", "ship", True)    # the state, from elsewhere…
    assert item.checkState(0) == Qt.CheckState.Checked       # …shows in the panel


def test_selecting_a_site_goes_through_the_view_state(window, petrograd):
    i = petrograd.site_index("smolny")
    window.select_site(i)
    assert window.view_state.selected == i == window.scene.selected
    assert "Smolny" in window.site_panel.text.toPlainText()
    window.view.zoom_by(2.0)
    assert window.view_state.extent == pytest.approx(window.view.extent())
