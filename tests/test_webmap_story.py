"""The page as a student uses it: chapters, every event by key and from the list, search in
both languages, stated times and sources, disagreements, the week at a glance, and links
that restore a moment. Real headless Chromium, every host blocked (see test_webmap_browser)."""

from __future__ import annotations

import pytest
from petrograd1917.geodata import calendar as cal
from petrograd1917.geodata import webmap
from petrograd1917.geodata.disagreements import DIFFER, kind_of
from petrograd1917.geodata.story import Story
from petrograd1917.geodata.webmap_panels import disagreement
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from webmap_page import at, needs_chromium, open_browser

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def page():
    yield from open_browser()


@pytest.fixture(scope="module")
def default_page(petrograd, tmp_path_factory):
    return webmap.export_html(petrograd, tmp_path_factory.mktemp("story") / "petrograd.html")


@pytest.fixture(scope="module")
def russian_page(petrograd, tmp_path_factory):
    return webmap.export_html(petrograd, tmp_path_factory.mktemp("story") / "ru.html", lang="ru")


def test_chapters_go_forward_and_back_to_their_time_and_extent(page, default_page, petrograd):
    page.open(default_page, fresh=True)
    assert page.errors == []
    chapters = petrograd.chapters
    assert len(chapters) >= 2
    assert page.js("petrograd.chapter()") == chapters[0].id
    page.driver.find_element(By.ID, "p17-chapter-next").click()
    second = chapters[1]
    assert page.js("petrograd.chapter()") == second.id
    page.wait_for(f"petrograd.time() === {second.start - petrograd.start}")   # time glides too
    assert page.text("p17-chapter-title") == second.title_en
    assert second.narration.split(".")[0] in page.text("p17-narration")
    x0, y0, x1, y1 = second.extent
    page.wait_for(f"(function (c) {{ return c.lng > {x0} && c.lng < {x1} && c.lat > {y0} && "
                  f"c.lat < {y1}; }})(petrograd.mapCenter())")
    page.driver.find_element(By.ID, "p17-chapter-prev").click()
    assert page.js("petrograd.chapter()") == chapters[0].id
    page.wait_for(f"petrograd.time() === {chapters[0].start - petrograd.start}")
    assert page.driver.find_element(By.ID, "p17-chapter-prev").get_attribute("disabled")


def test_arrow_keys_reach_every_event_even_at_the_same_minute(page, default_page, petrograd):
    page.open(default_page)
    events = petrograd.events
    minutes = [e.time for e in events]
    assert len(minutes) > len(set(minutes))        # the data has events sharing a minute
    page.js("petrograd.select(0)")
    seen = [page.js("petrograd.cursor()")]
    for _ in range(len(events) - 1):
        page.keys(Keys.ARROW_RIGHT)
        k = page.js("petrograd.cursor()")
        assert page.js("petrograd.caption()") == events[k].caption
        assert page.js("petrograd.time()") == events[k].time - petrograd.start
        seen.append(k)
    assert seen == list(range(len(events)))
    page.keys(Keys.ARROW_RIGHT)                     # no event after the last: stays
    assert page.js("petrograd.cursor()") == len(events) - 1
    page.keys(Keys.ARROW_LEFT)
    assert page.js("petrograd.cursor()") == len(events) - 2


def test_every_event_is_in_the_list_and_an_entry_goes_to_its_time_and_site(
        page, default_page, petrograd):
    page.open(default_page)
    page.js("petrograd.openPanel(true)")
    page.driver.find_element(By.ID, "p17-tab-events").click()
    items = page.driver.find_elements(By.CSS_SELECTOR, "#p17-events button.p17-item")
    assert len(items) == len(petrograd.events)
    story = Story(petrograd)
    same_minute = next(k for k in range(1, len(petrograd.events))
                       if petrograd.events[k].time == petrograd.events[k - 1].time)
    for k in sorted({0, same_minute, same_minute - 1, len(items) // 2, len(items) - 1}):
        item = page.driver.find_element(By.CSS_SELECTOR, f'button.p17-item[data-event="{k}"]')
        assert story.when(k) in item.text
        page.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
        item.click()
        assert page.js("petrograd.cursor()") == k
        assert page.js("petrograd.caption()") == petrograd.events[k].caption
        page.wait_for(f"petrograd.openSiteId() === {petrograd.events[k].site!r}")
        assert item.find_element(By.XPATH, "..").get_attribute("aria-current") == "true"


def test_the_lists_are_built_when_asked_for_with_every_caption(page, default_page, petrograd):
    page.open(default_page, fresh=True)
    built = "document.querySelectorAll('#p17-events .p17-item, #p17-places .p17-item').length"
    assert page.js(built) == 0                       # nothing before a student asks
    page.js("petrograd.openPanel(true)")
    page.js("petrograd.showTab('events')")
    texts = page.js("Array.from(document.querySelectorAll('#p17-events button.p17-item'))"
                    ".map(function (b) { return b.textContent; })")
    assert len(texts) == len(petrograd.events)
    assert all(e.caption in t for e, t in zip(petrograd.events, texts, strict=True))
    page.js("petrograd.showTab('places')")
    assert page.js("document.querySelectorAll('#p17-places button.p17-item').length") == \
        len(petrograd.sites)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_day_reads_as_the_calendar_writes_it(page, default_page, russian_page, petrograd,
                                                   lang):
    """The page looks each day's words up in a table geodata wrote (calendar.format_day),
    and the address it writes names the day as calendar.iso does."""
    page.open(default_page if lang == "en" else russian_page)
    names = cal.WEEKDAYS_RU if lang == "ru" else cal.WEEKDAYS_EN
    first, last = petrograd.start // cal.MINUTES_PER_DAY, petrograd.end // cal.MINUTES_PER_DAY
    for day in range(first, last + 1):
        t = min(max(day * cal.MINUTES_PER_DAY + 13 * 60 + 5, petrograd.start), petrograd.end)
        page.js("petrograd.setTime(arguments[0])", t - petrograd.start)
        assert page.text("p17-date") == webmap.date_text(petrograd, t, lang)
        assert page.js("document.getElementById('p17-weekday').textContent") == \
            names[cal.weekday(t)]
        page.wait_for(f"location.hash.indexOf('t={cal.iso(t, petrograd.calendar)}') >= 0")


def test_list_entry_shows_stated_time_sources_and_where_accounts_differ(
        page, default_page, petrograd):
    page.open(default_page)
    page.js("petrograd.openPanel(true)")
    page.js("petrograd.showTab('events')")
    story = Story(petrograd)
    k = next(k for k, e in enumerate(petrograd.events)      # accounts that differ
             if kind_of(e) == DIFFER and ":" in e.sources[0])
    entry = page.driver.find_element(By.CSS_SELECTOR, f'button.p17-item[data-event="{k}"]')
    text = entry.find_element(By.XPATH, "..").text
    event = petrograd.events[k]
    key, _, locator = event.sources[0].partition(":")
    assert story.when(k) in text and event.caption in text and event.note in text
    assert f"{petrograd.sources[key].citation()}, {locator.strip()}" in text
    assert disagreement(event, "en") in text
    assert text.count("accounts differ: ") == 1
    page.js("petrograd.select(arguments[0])", k)
    assert page.js("petrograd.differ()") == disagreement(event, "en")


def test_where_the_sources_disagree_lists_exactly_the_disputed_events(
        page, default_page, petrograd):
    page.open(default_page)
    page.js("petrograd.openPanel(true)")
    page.js("petrograd.showTab('events')")
    disputed = [k for k, e in enumerate(petrograd.events) if kind_of(e) == DIFFER]
    assert disputed
    button = page.driver.find_element(By.ID, "p17-disputes")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    shown = page.js("Array.from(document.querySelectorAll('#p17-events button.p17-item'))"
                    ".map(function (b) { return Number(b.getAttribute('data-event')); })")
    assert shown == disputed
    button.click()
    assert page.js("document.querySelectorAll('#p17-events button.p17-item').length") == \
        len(petrograd.events)


def test_search_finds_events_in_both_languages(page, default_page, petrograd):
    page.open(default_page)
    page.js("petrograd.openPanel(true)")
    page.js("petrograd.showTab('events')")
    box = page.driver.find_element(By.ID, "p17-search")
    event = next(e for e in petrograd.events if "Aurora" in e.caption and e.caption_ru)
    k = petrograd.events.index(event)
    for query in ("aurora", event.caption_ru.split()[0]):
        box.clear()
        box.send_keys(query)
        page.wait_for(f"document.querySelector('button.p17-item[data-event=\"{k}\"]') && "
                      "document.querySelectorAll('#p17-events button.p17-item').length < %d"
                      % len(petrograd.events))
    box.clear()
    box.send_keys("no such thing at all")
    page.wait_for("document.querySelectorAll('#p17-events button.p17-item').length === 0")
    assert "No event matches" in page.text("p17-events")
    assert page.js("document.activeElement.id") == "p17-search"   # typing kept its focus


def test_a_link_restores_a_moment_chapter_view_and_site(page, default_page, petrograd):
    chapter = petrograd.chapters[-1]
    url = (default_page.resolve().as_uri() + f"#t=1917-10-25T21:40&chapter={chapter.id}"
           "&view=59.94,30.314,15.5&site=winter_palace")
    page.driver.get("about:blank")
    page.driver.get(url)
    page.wait_for("window.petrograd && typeof petrograd.chapter === 'function'")
    page.url = ""
    assert page.js("petrograd.time()") == at("1917-10-25T21:40", petrograd)
    assert page.text("p17-date").endswith("21:40")
    assert page.js("petrograd.chapter()") == chapter.id
    assert page.js("petrograd.zoom()") == 15.5
    assert page.js("petrograd.openSiteId()") == "winter_palace"
    # … and the page writes the moment back when it changes
    page.js("petrograd.setTime(arguments[0])", at("1917-10-24T12:00", petrograd))
    page.wait_for("location.hash.indexOf('t=1917-10-24T12:00') >= 0")


def test_week_at_a_glance_is_drawn_behind_the_slider(page, default_page, petrograd):
    page.open(default_page)
    colours = page.js("""(function () {
        var c = document.getElementById('p17-bands'), g = c.getContext('2d');
        var d = g.getImageData(0, 0, c.width, c.height).data, seen = {};
        for (var i = 0; i < d.length; i += 4) if (d[i + 3] > 200)
          seen['#' + [d[i], d[i + 1], d[i + 2]].map(function (v) {
            return (v < 16 ? '0' : '') + v.toString(16); }).join('')] = 1;
        return Object.keys(seen); })()""")
    for control in ("government", "mrc"):
        assert petrograd.controls[control].colour.lower() in colours


def test_russian_page_tells_the_story_in_russian(page, russian_page, petrograd):
    page.open(russian_page, fresh=True)
    assert page.errors == []
    page.js("petrograd.select(0)")
    assert page.js("petrograd.caption()") == petrograd.events[0].caption_ru
    assert page.text("p17-chapter-title") == petrograd.chapters[0].title_ru
    assert petrograd.chapters[0].narration_ru.split(".")[0] in page.text("p17-narration")
    assert page.js("document.documentElement.lang") == "ru"
