"""The desktop map names the central sites of the story at the opening view, as the page does."""

import pytest
from petrograd1917.geodata.placement import may_cover_symbols


@pytest.mark.parametrize("size", [(1358, 736), (1920, 1080)])
def test_central_sites_are_labelled_at_the_opening_view(open_window, qtbot, petrograd, size):
    """At 1366×768 the Winter Palace sits among the General Staff, the district HQ and the
    Admiralty: every spot for its name touches a symbol, yet it must be named."""
    window = open_window(size)
    view = window.view
    view.fit_extent(petrograd.extent)
    qtbot.waitUntil(lambda: bool(view.label_texts()), timeout=60_000)
    central = [s for s in petrograd.sites if may_cover_symbols(s) and not s.off_map]
    assert {s.id for s in central} >= {"winter_palace", "smolny", "aurora",
                                      "peter_paul_fortress"}
    names = set(view.label_texts())
    assert [s.name_en for s in central if s.name_en not in names] == []
