"""A real headless Chromium for the page's tests: every host name unresolvable, a fresh
profile, the browser's and the network's logs kept, and screen sizes set exactly."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from petrograd1917.geodata import calendar as cal

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HANG_GUARD = 60  # seconds: waits end on their condition; this only stops a hung browser
AXE = Path(__file__).parent.parent / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

needs_chromium = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
           "chromium-driver)")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def at(text: str, scenario) -> int:
    """Minutes since the scenario's start, as the page counts them."""
    return cal.parse_time(text, scenario.calendar) - scenario.start


class Page:
    """One browser, and what each page load logged."""

    def __init__(self, driver):
        self.driver = driver
        self.url = ""
        self.errors: list[str] = []
        self.requests: list[str] = []

    def open(self, path: Path, fresh: bool = False) -> Page:
        url = path.resolve().as_uri()
        if url == self.url and not fresh:
            self.js("petrograd.pause()")
            return self
        self.driver.get("about:blank")
        self.driver.get_log("performance")  # drop what the browser did before our page
        self.driver.get_log("browser")
        self.driver.get(url)
        self.wait_for("window.petrograd && window.petrograd.ready")
        self.url = url
        self.errors = [e["message"] for e in self.driver.get_log("browser")
                       if e["level"] == "SEVERE"]
        self.requests = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
        return self

    def js(self, script: str, *args):
        return self.driver.execute_script(f"return {script};", *args)

    def wait_for(self, script: str):
        """Wait until ``script`` is true; the limit only guards against a hang."""
        return WebDriverWait(self.driver, HANG_GUARD, poll_frequency=0.05).until(
            lambda _: self.js(script), message=f"timed out waiting for {script}")

    def frames(self, n: int = 3) -> None:
        """Let the page draw ``n`` animation frames (what playing would advance on)."""
        self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1], left = arguments[0];"
            "(function tick() { if (left-- <= 0) done(); else requestAnimationFrame(tick); })();",
            n)

    def popup(self, site_id: str):
        """Open a site's popup and return it once it is laid out."""
        assert self.js("petrograd.openSite(arguments[0])", site_id)
        self.wait_for("document.querySelector('.leaflet-popup .p17-popup') && "
                      "getComputedStyle(document.querySelector('.leaflet-popup')).opacity "
                      "=== '1' && document.querySelector('.p17-popup').offsetHeight > 0")
        return self.driver.find_element(By.CSS_SELECTOR, ".p17-popup")

    def text(self, element_id: str) -> str:
        return self.driver.find_element(By.ID, element_id).text

    def keys(self, *keys: str) -> None:
        ActionChains(self.driver).send_keys(*keys).perform()


    def resize(self, width: int, height: int) -> None:
        """Emulate a screen of ``width`` x ``height`` CSS pixels (a phone below 900 wide)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 900})
        self.url = ""   # the next open() reloads, so the page lays itself out afresh


def open_browser() -> Iterator[Page]:
    """One headless Chromium for a test module (use as the body of a module fixture)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="p17-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1440,960",
                "--lang=en-GB"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_script_timeout(HANG_GUARD)
    driver.set_page_load_timeout(HANG_GUARD)
    try:
        yield Page(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
