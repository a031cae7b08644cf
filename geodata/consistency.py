"""Does the scenario contradict itself? Rules that compare captions, routes, chapters and
descriptions with the events' times and controls.

:func:`check_consistency` answers a :class:`Consistency` of ``errors`` (the rule is certain:
an event window that leaves out its own best estimate) and ``warnings`` (a reader should look:
the words and the data seem to disagree). Each is a :class:`~geodata.problems.Problem`
naming the file and the id of the event, route, chapter or site, so ``validate`` prints them
as ``events.csv:e087: …``. The rules:

- a caption that says its site was taken, occupied, held or surrendered (English or Russian)
  while the event leaves the control as it was; a caption that tells of attackers inside a
  site that is not shown as contested; a caption that says another named site was taken
  before that site's own change of control begins, or posts men (pickets, cordons, guards)
  at a named site the other side holds with no change of hands near that time;
- a route whose start or end time lies far from every event at the sites at its ends;
- a site with no event in the whole span;
- a chapter narration or a site or route description whose stated days and clock times
  match no event, whose weekday is wrong, or that orders things against the events;
- an event window that does not contain its own best estimate (an error).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from . import calendar as cal
from .model import Event, Route, Scenario, Site
from .problems import Problem
from .stated_times import Sentence, proper_names, sentences, weekday_name

EVENTS, SITES, ROUTES, CHAPTERS = "events.csv", "sites.geojson", "routes.geojson", \
    "chapters.toml"
# A route end "is at" a site within this distance; its time may be this far from an event.
ROUTE_END_METRES = 300.0
ROUTE_SLACK_MINUTES = 60
# A caption about another site: that site's change may begin this long after the event.
NAMED_SITE_SLACK_MINUTES = 60
# "soon after X": X's best estimate lies at most this long before the stated time.
SOON_MINUTES = 180

TAKEN = re.compile(
    r"\b(?:take|takes|taken|took|taking|seize|seizes|seized|seizing|occupy|occupies|"
    r"occupied|occupying|capture|captures|captured|has fallen|falls to)\b"
    r"|\b(?:занима\w*|занят\w*|занял\w*|захват\w*|взят\w*|взял\w*|бер[её]т|берут)", re.I)
HELD = re.compile(
    r"\bheld by\b|\bhold(?:s|ing)? (?:the|on to)\b|\bin (?:the )?hands of\b|"
    r"\bin (?:mrc|government|the mrc's|the government's) hands\b|"
    r"\bunder (?:an? )?(?:mrc|government|the mrc's|the government's) (?:control|guard)\b"
    r"|\bв руках\b|\bудержива\w*|\bпод охран\w* ВРК", re.I)
SURRENDERED = re.compile(
    r"\b(?<!to )surrender(?:s|ed|ing)?\b|\blays? down (?:their|its) arms\b"
    r"|\bсда[её]тся\b|\bсдаются\b|\bсдал\w*|\bкапитулир\w*", re.I)
# Men posted at a place: the place should be held by their side, contested, or changing.
PRESENCE = re.compile(
    r"\b(?:pickets?|barricades?|cordons?|sentries|sentry|posted (?:at|on)|posts? (?:at|on)"
    r"|takes? post|guards? (?:at|on)|stands? guard)\b", re.I)
# Set phrases that take or seize something other than a site.
IDIOMS = re.compile(r"\b(?:take|takes|took|taking|taken|seize|seizes|seized|seizing) "
                    r"(?:the floor|power|part|place|office|the chair)\b"
                    r"|\bвзя\w* (?:власть|слово)|\bзахват\w* власт\w*|\bберут власть", re.I)
FIGHTING = re.compile(
    r"\b(?:slip|slips|slipped) into\b|\b(?:pour|pours|poured|burst|bursts|break|breaks) "
    r"into\b|\bstorm(?:s|ed|ing)?\b|\battackers?\b|\bintruders?\b|\bfighting (?:in|at|for)\b"
    r"|\bпроника\w*|\bврыва\w*|\bштурм\w*", re.I)


@dataclass
class Consistency:
    """What :func:`check_consistency` found: certain errors and warnings to look at."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, file: str, where: str, message: str) -> None:
        self.warnings.append(Problem(file, where, message))


def check_consistency(scenario: Scenario) -> Consistency:
    """Every contradiction the rules find in ``scenario`` (see the module docstring)."""
    checker = _Checker(scenario)
    checker.windows()
    checker.captions()
    checker.routes()
    checker.quiet_sites()
    checker.chapters()
    checker.descriptions()
    return checker.found


def _distance_to_window(t: int, e: Event) -> int:
    return 0 if e.earliest <= t <= e.latest else min(abs(t - e.earliest), abs(t - e.latest))


class _Checker:
    def __init__(self, scenario: Scenario):
        self.s = scenario
        self.found = Consistency()
        self.cal = scenario.calendar
        self.year = cal.from_day_number(scenario.start // cal.MINUTES_PER_DAY, self.cal).year
        self.by_site: dict[str, list[Event]] = {site.id: [] for site in scenario.sites}
        self.event_index: dict[str, list[int]] = {site.id: [] for site in scenario.sites}
        for k, e in enumerate(scenario.events):
            self.by_site.setdefault(e.site, []).append(e)
            self.event_index.setdefault(e.site, []).append(k)
        on_map = [s for s in scenario.sites if not s.off_map]
        self.on_map = on_map
        self.lonlat = np.array([(s.lon, s.lat) for s in on_map], dtype=float).reshape(-1, 2)
        # Control-setting events of each site in the state rule's order (window start, file).
        self.changes = {sid: sorted((e for e in evs if e.control), key=lambda e: e.earliest)
                        for sid, evs in self.by_site.items()}
        names = self._site_names()
        self.name_site = dict(names)
        self.name_re = re.compile("|".join(re.escape(n) for n, _ in names), re.I) \
            if names else None
        self.starts = {sid: [e.earliest for e in evs] for sid, evs in self.changes.items()}

    # -- helpers ---------------------------------------------------------------------------
    def _site_names(self) -> list[tuple[str, str]]:
        """(lower-case name, site id) pairs: full names, names without their parenthesis and
        the parenthesis itself ("Pochtamt"), longest first."""
        pairs = []
        for site in self.s.sites:
            name = site.name_en
            pairs.append((name.lower(), site.id))
            bare = re.sub(r"\s*\(.*?\)", "", name).strip()
            if bare and bare != name:
                pairs.append((bare.lower(), site.id))
            for inner in re.findall(r"\((.*?)\)", name):
                if len(inner) >= 5:
                    pairs.append((inner.lower(), site.id))
        return sorted(pairs, key=lambda p: -len(p[0]))

    def named_sites(self, text: str) -> list[str]:
        """Ids of sites whose name appears in ``text`` (English), in order of first mention."""
        if self.name_re is None:
            return []
        found = (self.name_site[m.group(0).lower()] for m in self.name_re.finditer(text))
        return list(dict.fromkeys(found))

    def control_before(self, e: Event) -> str:
        """The site's control just before ``e``'s window opens (by the state rule)."""
        site = self.s.site(e.site)
        before = site.initial_control or self.s.default_control
        for other in self.changes[e.site]:
            if other is e:
                break
            before = other.control or before
        return before

    def control_at(self, site_id: str, t: int) -> str:
        site = self.s.site(site_id)
        control = site.initial_control or self.s.default_control
        k = bisect.bisect_right(self.starts[site_id], t) - 1
        if k >= 0:
            e = self.changes[site_id][k]
            control = (e.during or self.s.transition_control) if t < e.latest else e.control
        return control

    def when(self, t: int) -> str:
        return f"{cal.format_day(t, self.cal, short=True)} {cal.clock(t)}"

    # -- rules -----------------------------------------------------------------------------
    def windows(self) -> None:
        for e in self.s.events:
            if not e.earliest <= e.time <= e.latest:
                self.found.errors.append(Problem(
                    EVENTS, e.id, f"the window {self.when(e.earliest)}–{self.when(e.latest)} "
                    f"does not contain the best estimate {self.when(e.time)}"))

    def captions(self) -> None:
        for e in self.s.events:
            text = IDIOMS.sub(" ", f"{e.caption} {e.caption_ru}")
            others = [sid for sid in self.named_sites(e.caption) if sid != e.site]
            taken, held = TAKEN.search(text), HELD.search(text)
            surrendered = SURRENDERED.search(text)
            said = taken or held or surrendered
            if others:
                self.presence_at_others(e, others)
            if said and others and not self.named_sites(e.caption).count(e.site):
                self.caption_about_others(e, others, said.group(0))
                continue
            here = self.control_at(e.site, e.time)
            contested = here == self.s.transition_control
            fight = FIGHTING.search(text)
            if e.control is None and not contested and fight:
                self.found.warn(EVENTS, e.id, f"the caption tells of fighting inside the site "
                                f"({fight.group(0)!r}) but {e.site} is {here!r}, not "
                                f"{self.s.transition_control!r}, at {self.when(e.time)}")
            elif said and e.control is None and not contested:
                self.found.warn(EVENTS, e.id, f"the caption says the site was taken, held or "
                                f"surrendered ({said.group(0)!r}) but the event sets no "
                                f"control; {e.site} stays {here!r}")
            elif (taken or surrendered) and e.control and not e.during and \
                    e.control == self.control_before(e):
                self.found.warn(EVENTS, e.id, f"the caption says the site was taken or "
                                f"surrendered ({(taken or surrendered).group(0)!r}) but its "
                                f"control stays {e.control!r}")

    def caption_about_others(self, e: Event, others: list[str], verb: str) -> None:
        if not TAKEN.search(e.caption) and not SURRENDERED.search(e.caption):
            return
        for sid in others:
            starts = [c.earliest for c in self.changes[sid]
                      if c.control != self.control_before(c) or c.during]
            begun = [t for t in starts if t <= e.latest + NAMED_SITE_SLACK_MINUTES]
            if not begun:
                later = f"only from {self.when(min(starts))}" if starts else "never"
                self.found.warn(EVENTS, e.id, f"the caption says {sid} was taken ({verb!r}) "
                                f"at {self.when(e.time)}, but its control changes {later}")

    def presence_at_others(self, e: Event, others: list[str]) -> None:
        """Men of the event's site's side posted at another named site that the other side
        holds then, with no change of control there near that time."""
        posted = PRESENCE.search(e.caption)
        neutral = (self.s.transition_control, self.s.default_control)
        side = self.control_at(e.site, e.time)
        if not posted or side in neutral:
            return
        slack = NAMED_SITE_SLACK_MINUTES
        for sid in others:
            there = self.control_at(sid, e.time)
            if there in (side, *neutral) or any(
                    e.earliest - slack <= c.earliest <= e.latest + slack
                    for c in self.changes[sid]):
                continue
            self.found.warn(EVENTS, e.id, f"the caption posts men of {side!r} at {sid} "
                            f"({posted.group(0)!r}) at {self.when(e.time)}, but {sid} is "
                            f"{there!r} then and does not change hands near that time")

    def routes(self) -> None:
        for route in self.s.routes:
            for end, t, point in (("starts", route.start, route.coords[0]),
                                  ("ends", route.end, route.coords[-1])):
                self.route_end(route, end, t, point)

    def route_end(self, route: Route, end: str, t: int, point: tuple[float, float]) -> None:
        lat = math.radians(point[1])
        dx = (self.lonlat[:, 0] - point[0]) * 111_320 * math.cos(lat)
        dy = (self.lonlat[:, 1] - point[1]) * 110_540
        near = [self.on_map[k] for k in np.flatnonzero(np.hypot(dx, dy) <= ROUTE_END_METRES)]
        events = [e for s in near for e in self.by_site[s.id]]
        if not events:
            return
        nearest = min(events, key=lambda e: _distance_to_window(t, e))
        gap = _distance_to_window(t, nearest)
        if gap > ROUTE_SLACK_MINUTES:
            names = ", ".join(s.id for s in near)
            self.found.warn(ROUTES, route.id, f"the route {end} at {names} at "
                            f"{self.when(t)}, {gap} minutes from the nearest event there "
                            f"({nearest.id} at {self.when(nearest.time)})")

    def quiet_sites(self) -> None:
        for site in self.s.sites:
            if not self.by_site[site.id]:
                self.found.warn(SITES, site.id, "no event in the whole span: the site sits "
                                "still all week")

    def chapters(self) -> None:
        for chapter in self.s.chapters:
            days = range(chapter.start - chapter.start % cal.MINUTES_PER_DAY, chapter.end,
                         cal.MINUTES_PER_DAY)
            for sentence in sentences(chapter.narration, self.year):
                self.sentence(CHAPTERS, chapter.id, sentence, list(days), None)

    def descriptions(self) -> None:
        for site in self.s.sites:
            for text in (site.description, site.description_ru):
                for sentence in sentences(text, self.year):
                    if sentence.days:
                        self.sentence(SITES, site.id, sentence, [], site)
        for route in self.s.routes:
            day = route.start - route.start % cal.MINUTES_PER_DAY
            for sentence in sentences(route.description, self.year):
                for stated in sentence.times:
                    lo, hi = stated.span(day)
                    if hi < route.start - ROUTE_SLACK_MINUTES or \
                            lo > route.end + ROUTE_SLACK_MINUTES:
                        self.found.warn(ROUTES, route.id, f"the description says "
                                        f"{stated.text!r} but the route runs "
                                        f"{cal.clock(route.start)}–{cal.clock(route.end)}")

    # -- a sentence against the events -----------------------------------------------------
    def day_minutes(self, day: int) -> int | None:
        try:
            t = cal.parse_time(f"{self.year}-10-{day:02d}T00:00", self.cal)
        except ValueError:
            return None
        return t if self.s.start - cal.MINUTES_PER_DAY < t < self.s.end else None

    @cached_property
    def by_word(self) -> dict[str, list[int]]:
        """Indices of the events whose caption has each word (built once, on demand)."""
        index: dict[str, list[int]] = {}
        for k, e in enumerate(self.s.events):
            for word in set(re.findall(r"[\w-]+", e.caption)):
                index.setdefault(word, []).append(k)
        return index

    def named(self, names: set[str]) -> list[int]:
        """Indices of the events whose caption has one of ``names`` (possessives too)."""
        words = {re.split(r"['’]", n)[0] for n in names}
        return sorted({k for w in words for k in self.by_word.get(w, ())})

    def candidates(self, text: str, site: Site | None) -> list[Event]:
        """Events the words may speak of: at the named sites, or sharing a name with them."""
        sites = set(self.named_sites(text)) | ({site.id} if site else set())
        chosen = set(self.named(proper_names(text)))
        events = self.s.events
        chosen.update(k for sid in sites for k in self.event_index[sid])
        return [events[k] for k in sorted(chosen)]

    def sentence(self, file: str, where: str, sentence: Sentence, days: list[int],
                 site: Site | None) -> None:
        for weekday, day in sentence.weekdays:
            t = self.day_minutes(day)
            if t is not None and weekday_name(t) != weekday:
                self.found.warn(file, where, f"{weekday} {day} October: that day was a "
                                f"{weekday_name(t)}")
        stated_days = [t for d in sentence.days if (t := self.day_minutes(d)) is not None]
        if sentence.days and not stated_days:
            return                              # a date outside the span: context only
        days = stated_days or days
        candidates = self.candidates(sentence.main, site) or list(self.s.events)
        if site is not None and not sentence.times:
            self.stated_days(file, where, sentence, site)
            return
        for stated in sentence.times:
            spans = [stated.span(d) for d in days]
            if not any(e.earliest <= hi and e.latest >= lo
                       for e in candidates for lo, hi in spans):
                mid = (spans[0][0] + spans[0][1]) // 2
                near = min(candidates, key=lambda e: _distance_to_window(mid, e))
                self.found.warn(file, where, f"says {stated.text!r} ({sentence.main[:60]!r}…)"
                                f" but no matching event falls then (nearest: {near.id} at "
                                f"{self.when(near.time)})")
        if sentence.times:
            self.orders(file, where, sentence, days)

    def stated_days(self, file: str, where: str, sentence: Sentence, site: Site) -> None:
        """Each date of a description ("24 October", "the night of 24-25 October") must
        meet an event of the site, of a site the sentence names, or naming the site."""
        related = self.candidates(sentence.text, site)
        key = site.name_en.split()[0]
        if len(key) >= 5:
            related += [self.s.events[k] for k in self.by_word.get(key, ())]
        for first, last in sentence.spans:
            a, b = self.day_minutes(first), self.day_minutes(last)
            if a is None or b is None:
                continue                        # outside the span: context only
            if not any(e.earliest < b + cal.MINUTES_PER_DAY and e.latest >= a for e in related):
                said = self.day(a) if a == b else f"{first}–{last} October"
                self.found.warn(file, where, f"the description says {said} but no event of "
                                f"{site.id} (or of a site it names) falls then")

    def day(self, t: int) -> str:
        return cal.format_day(t, self.cal)

    def orders(self, file: str, where: str, sentence: Sentence, days: list[int]) -> None:
        stated = sentence.times[0]
        for order in sentence.orders:
            names = proper_names(order.clause, first=True)
            related = [e for e in (self.s.events[k] for k in self.named(names))
                       if any(d <= e.time < d + cal.MINUTES_PER_DAY for d in days)]
            if not related:
                continue
            for d in days[:1]:
                t = d + stated.first
                reach = SOON_MINUTES if order.connective != "after" else 10**6
                if order.after:
                    ok = [e for e in related if t - reach <= e.time <= t]
                else:
                    ok = [e for e in related if t <= e.time <= t + reach]
                if not ok:
                    self.found.warn(file, where, f"puts {order.clause!r} {order.connective} "
                                    f"{stated.text!r}, but the events put it at "
                                    + ", ".join(f"{e.id} {self.when(e.time)}"
                                                for e in related[:3]))
