"""Debian's Chromium driven by Playwright, for the tests that open pages in a real browser."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"     # never a downloaded browser
BROWSER_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update"]


@pytest.fixture(scope="module")
def browser():
    """A launched Chromium for the module's tests; skipped with the reason where it cannot run."""
    if not Path(CHROMIUM).is_file():
        pytest.skip("Chromium is not installed (CI installs Debian's chromium)")
    sync = pytest.importorskip("playwright.sync_api", reason="the test extra's playwright is "
                               "not installed (pip install -e '.[test]')")
    with sync.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()
