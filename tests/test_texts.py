"""One text table for both views: every interface string has Russian, and the Russian
desktop shows no English of ours; the scenario's own texts are checked by the data test."""

import ast
from dataclasses import replace
from pathlib import Path

from petrograd1917.geodata import texts
from petrograd1917.geodata.model import BASEMAP_LAYERS, SITE_KINDS

VIEWER = Path(__file__).parent.parent / "viewer"


def test_every_interface_string_has_english_and_russian():
    for section, entries in texts.load_texts().items():
        for key, entry in entries.items():
            assert set(entry) == set(texts.LANGUAGES), f"{section}.{key}"
            assert all(v.strip() for v in entry.values()), f"{section}.{key} is empty"


def test_every_kind_and_layer_has_a_name_in_both_languages():
    for kind in SITE_KINDS:
        assert texts.kind_name(kind, "ru") != kind and texts.kind_name(kind, "en") != kind
    for layer in BASEMAP_LAYERS:
        assert texts.layer_name(layer, "ru") != layer


def test_an_english_text_means_one_russian_text():
    russian: dict[str, str] = {}
    for entries in texts.load_texts().values():
        for entry in entries.values():
            assert russian.setdefault(entry["en"], entry["ru"]) == entry["ru"], entry["en"]


# Desktop calls whose string argument (at this position) is shown translated.
TRANSLATED_ARGUMENT = {"tr": 0, "_action": 1, "_dock": 1, "button": 2}


def desktop_literals() -> set[str]:
    """Every string literal the desktop code shows through the text table."""
    found = set()
    for path in VIEWER.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            at = TRANSLATED_ARGUMENT.get(name)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                found.add(node.args[at].value)
    return found


def test_every_string_the_desktop_translates_is_in_the_table():
    literals = desktop_literals()
    assert "&File" in literals and "Search sites…" in literals
    missing = sorted(t for t in literals if texts.translate(t, "ru") == t and t != "English")
    assert not missing, f"no Russian for {missing}"


def test_the_russian_window_shows_no_english_of_ours(open_window):
    window = open_window()
    window.set_language("ru")
    layers = window.layers
    shown = [layers.topLevelItem(i).text(0) for i in range(layers.topLevelItemCount())]
    for i in range(layers.topLevelItemCount()):
        top = layers.topLevelItem(i)
        shown += [top.child(k).text(0) for k in range(top.childCount())]
    english = {entry["en"] for section in texts.load_texts().values()
               for entry in section.values()} | set(BASEMAP_LAYERS) | set(SITE_KINDS)
    assert not [t for t in shown if t in english], shown
    assert "Названия" in shown and "Показать" in shown
    tips = [b.toolTip() for b, _ in window.timebar._tips]
    assert all("событие" in t or "пауза" in t or "В " in t for t in tips), tips


def test_the_site_panel_describes_the_site_in_the_chosen_language(open_window, petrograd):
    sites = [replace(s, description_ru="Резиденция правительства.") if s.id == "winter_palace"
             else s for s in petrograd.sites]
    scenario = replace(petrograd, sites=sites)
    window = open_window(scenario=scenario)
    window.select_site(scenario.site_index("winter_palace"))
    window.set_language("ru")
    assert "Резиденция правительства." in window.site_panel.text.toPlainText()
    window.set_language("en")
    assert scenario.site("winter_palace").description in window.site_panel.text.toPlainText()


def test_every_site_route_event_and_chapter_of_the_story_has_russian(petrograd):
    assert texts.untranslated(petrograd) == []


def test_the_credits_name_the_scenario_s_own_calendar(petrograd):
    julian = texts.credits_line(petrograd)
    assert "Old Style (Julian)" in julian and petrograd.title in julian
    gregorian = texts.credits_line(replace(petrograd, calendar="gregorian"))
    assert "New Style (Gregorian)" in gregorian and "Old Style in brackets" in gregorian
    assert "по старому стилю" in texts.credits_line(petrograd, "ru")


def test_the_keyboard_help_and_the_about_box_are_translated():
    from petrograd1917.viewer.help_menu import SHORTCUTS, SOFTWARE

    for text in [v for _, v in SHORTCUTS] + [SOFTWARE]:
        assert texts.translate(text, "ru") != text, text


def test_what_lacks_russian_is_named(petrograd):
    sites = [replace(s, description_ru="") if s.id == "smolny" else s for s in petrograd.sites]
    routes = [replace(petrograd.routes[0], name_ru="")] + petrograd.routes[1:]
    chapters = [replace(petrograd.chapters[0], narration_ru="")] + petrograd.chapters[1:]
    scenario = replace(petrograd, sites=sites, routes=routes, chapters=chapters)
    assert texts.untranslated(scenario) == [
        "sites: smolny: no description_ru", f"routes: {petrograd.routes[0].id}: no name_ru",
        f"chapters: {petrograd.chapters[0].id}: no narration_ru"]
