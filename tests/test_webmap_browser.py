"""The exported page in a real headless Chromium with every host name unresolvable.

One browser serves the whole module (the README's screenshots: test_webmap_screens).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from petrograd1917.geodata import webmap
from petrograd1917.geodata.story import Story
from webmap_page import Page, at, needs_chromium, open_browser

pytestmark = needs_chromium

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from test_webmap import HOSTILE, hostile_scenario, synthetic_scenario  # noqa: E402


@pytest.fixture(scope="module")
def page():
    yield from open_browser()


@pytest.fixture(scope="module")
def pages(mini, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    return {"mini": webmap.export_html(mini, folder / "mini.html"),
            "hostile": webmap.export_html(hostile_scenario(mini), folder / "hostile.html"),
            "ru": webmap.export_html(mini, folder / "ru.html", lang="ru")}


def assert_offline_and_clean(page: Page, path: Path) -> None:
    assert page.errors == []
    others = [u for u in page.requests if u != path.resolve().as_uri()
              and not u.startswith("data:")]
    assert others == []
    assert path.resolve().as_uri() in page.requests


# -- the mini scenario ------------------------------------------------------------------------

def test_page_loads_with_no_errors_and_no_request_but_itself(page, pages):
    page.open(pages["mini"], fresh=True)
    assert_offline_and_clean(page, pages["mini"])


def test_winter_palace_turns_from_government_to_mrc(page, pages, mini):
    page.open(pages["mini"])
    colours = {k: c.colour for k, c in mini.controls.items()}
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T20:00", mini))
    assert page.js("petrograd.siteFill('winter_palace')") == colours["government"]
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T22:00", mini))
    assert page.js("petrograd.siteFill('winter_palace')") == colours["contested"]
    page.js("petrograd.setTime(arguments[0])", at("1917-10-26T03:00", mini))
    assert page.js("petrograd.siteFill('winter_palace')") == colours["mrc"]
    assert page.js("petrograd.siteControl('winter_palace')") == "mrc"
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T20:00", mini))  # and back
    assert page.js("petrograd.siteFill('winter_palace')") == colours["government"]
    assert page.js("petrograd.siteHatch('winter_palace')") == "horizontal"


def test_date_label_reads_25_october_old_style(page, pages, mini):
    page.open(pages["mini"])
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T21:40", mini))
    label = page.text("p17-date")
    assert label == "25 October 1917 (7 November N.S.), 21:40"
    assert label.startswith("25 October 1917")
    assert "1970" not in label and "NaN" not in label
    assert page.text("p17-weekday") == "Wednesday"
    assert page.text("p17-caption") == "Siege: the Aurora fires a blank shot"


def test_every_day_is_labelled_in_1917(page, pages, mini):
    page.open(pages["mini"])
    for day in range(21, 27):
        page.js("petrograd.setTime(arguments[0])", at(f"1917-10-{day}T12:00", mini))
        assert page.text("p17-date").startswith(f"{day} October 1917 ("), day


def test_dragging_the_slider_moves_time(page, pages, mini):
    page.open(pages["mini"])
    slider = page.driver.find_element(By.ID, "p17-slider")
    ActionChains(page.driver).click_and_hold(slider).move_by_offset(
        -slider.size["width"] // 2 + 12, 0).release().perform()
    early = page.js("petrograd.time()")
    assert early < 600
    assert page.text("p17-date").startswith("21 October 1917")
    ActionChains(page.driver).move_to_element(slider).click().perform()
    middle = page.js("petrograd.time()")
    span = mini.end - mini.start
    assert abs(middle - span / 2) < span * 0.03
    assert int(slider.get_attribute("value")) == middle


def test_play_advances_time_and_pause_stops_it(page, pages, mini):
    page.open(pages["mini"])
    page.js("petrograd.setTime(0)")
    page.driver.find_element(By.ID, "p17-play").click()
    assert page.js("petrograd.playing()")
    page.wait_for("petrograd.time() >= 10")
    page.driver.find_element(By.ID, "p17-play").click()
    assert not page.js("petrograd.playing()")
    stopped = page.js("petrograd.time()")
    page.frames(10)
    assert page.js("petrograd.time()") == stopped > 0


def test_space_toggles_play(page, pages):
    page.open(pages["mini"])
    page.js("petrograd.setTime(0)")
    page.keys(Keys.SPACE)
    assert page.js("petrograd.playing()")
    page.wait_for("petrograd.time() > 0")
    page.keys(Keys.SPACE)
    assert not page.js("petrograd.playing()")


def test_arrow_keys_step_between_events(page, pages, mini):
    page.open(pages["mini"])
    times = sorted({e.time - mini.start for e in mini.events})
    page.js("petrograd.setTime(0)")
    for expected in times:
        page.keys(Keys.ARROW_RIGHT)
        assert page.js("petrograd.time()") == expected
    page.keys(Keys.ARROW_RIGHT)  # no event after the last: stays
    assert page.js("petrograd.time()") == times[-1]
    page.keys(Keys.ARROW_LEFT)
    assert page.js("petrograd.time()") == times[-2]
    page.js("petrograd.setTime(arguments[0])", times[1] + 5)  # between two events
    page.keys(Keys.ARROW_LEFT)
    assert page.js("petrograd.time()") == times[1]


def test_buttons_step_between_events(page, pages, mini):
    page.open(pages["mini"])
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T20:00", mini))
    page.driver.find_element(By.ID, "p17-next").click()
    assert page.js("petrograd.time()") == at("1917-10-25T21:40", mini)
    page.driver.find_element(By.ID, "p17-prev").click()
    assert page.js("petrograd.time()") == at("1917-10-25T02:00", mini)


def test_route_marker_moves_only_while_the_route_runs(page, pages, mini):
    page.open(pages["mini"])
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T02:00", mini))
    assert page.js("petrograd.routeMarker(0)") is None
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T03:15", mini))
    lat, lon = page.js("petrograd.routeMarker(0)")
    assert 30.27 < lon < 30.286 and 59.93 < lat < 59.9335


def test_popup_shows_names_history_and_source_links(page, pages, mini):
    page.open(pages["mini"])
    page.js("petrograd.setTime(arguments[0])", at("1917-10-26T03:00", mini))
    popup = page.popup("winter_palace")
    text = popup.get_attribute("innerText")
    taken = next(k for k, e in enumerate(mini.events) if e.caption.startswith("The Winter Palace"))
    for expected in ("Winter Palace", "Зимний дворец", "Seat of the Provisional Government",
                     "The Winter Palace is taken", Story(mini).when(taken),
                     "John Reed, Ten Days That Shook the World (1919)"):
        assert expected in text
    links = [a.get_attribute("href") for a in popup.find_elements(By.TAG_NAME, "a")]
    assert links and all(link.startswith("https://") for link in links)


def test_legend_lists_the_controls(page, pages, mini):
    page.open(pages["mini"])
    legend = page.text("p17-legend")
    for control in mini.controls.values():
        assert control.label_en in legend


def test_hostile_site_name_injects_nothing(page, pages):
    page.open(pages["hostile"], fresh=True)
    assert_offline_and_clean(page, pages["hostile"])
    assert page.js("document.querySelectorAll('img, svg[onload], i').length") == 0
    assert page.js("document.title") == "</title><script>alert(5)</script>"
    popup = page.popup("winter_palace")
    assert popup.find_element(By.TAG_NAME, "h2").get_attribute("textContent") == HOSTILE
    assert "<script>alert(2)</script>" in popup.get_attribute("textContent")
    assert popup.find_elements(By.TAG_NAME, "a") == []  # javascript: links are dropped
    assert page.js("document.querySelectorAll('img, svg[onload], i').length") == 0
    page.js("petrograd.setTime(arguments[0])", 7000)
    assert page.text("p17-caption").startswith(HOSTILE)
    assert "<svg onload=alert(3)>" in page.text("p17-legend")
    assert page.js("document.querySelectorAll('b, svg[onload]').length") == 0


def test_russian_page_labels_dates_in_russian(page, pages, mini):
    page.open(pages["ru"], fresh=True)
    assert page.errors == []
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T21:40", mini))
    assert page.text("p17-date") == "25 октября 1917 (7 ноября н. ст.), 21:40"


# -- the default scenario and a big synthetic one ----------------------------------------------

def test_default_scenario_in_the_browser(page, petrograd, tmp_path):
    path = webmap.export_html(petrograd, tmp_path / "petrograd.html")
    page.open(path, fresh=True)
    assert_offline_and_clean(page, path)
    colours = {k: c.colour for k, c in petrograd.controls.items()}
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T20:00", petrograd))
    assert page.js("petrograd.siteFill('winter_palace')") == colours["government"]
    assert page.text("p17-date").startswith("25 October 1917")
    page.js("petrograd.setTime(arguments[0])", at("1917-10-26T03:00", petrograd))
    assert page.js("petrograd.siteFill('winter_palace')") == colours["mrc"]
    page.js("petrograd.setTime(arguments[0])", at("1917-10-25T21:40", petrograd))


def test_ten_thousand_sites_load_and_replay_every_change(page, mini, tmp_path):
    """The synthetic page loads clean and shows the model's state at the end and back at
    the start. (How fast: ``chromium_synthetic`` in bench/run.py.)"""
    from petrograd1917.geodata.timeline import Timeline

    scenario = synthetic_scenario(mini)
    page.open(webmap.export_html(scenario, tmp_path / "synthetic.html"), fresh=True)
    assert page.errors == []
    tl = Timeline(scenario)
    sample = range(0, len(scenario.sites), 997)
    for t in (tl.end, tl.start):
        page.js("petrograd.setTime(arguments[0])", t - scenario.start)
        shown = page.js("arguments[0].map(function (i) {"
                        " return petrograd.siteControl('s' + i); })", list(sample))
        state = tl.state_at(t)
        assert shown == [tl.control_ids[state.control[i]] for i in sample]
    # The page builds no element per site or event before it is asked for …
    assert page.js("document.getElementsByTagName('*').length") < 2000
    # … and the event list stays usable: a page of entries at a time, more on request, search.
    page.js("petrograd.openPanel(true)")
    page.js("petrograd.showTab('events')")
    count = "document.querySelectorAll('#p17-events button.p17-item').length"
    shown = page.js(count)
    assert 0 < shown < len(scenario.events)
    page.driver.find_element(By.CSS_SELECTOR, "#p17-events > button.p17-act").click()
    page.wait_for(f"{count} === {2 * shown}")
    page.driver.find_element(By.ID, "p17-search").send_keys("Event 19999")
    page.wait_for(f"{count} === 1")
