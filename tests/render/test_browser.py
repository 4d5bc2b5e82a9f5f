"""The index and audit pages, opened in a real headless Chromium: every local link resolves."""
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from factsheet.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                "(CI installs Debian's chromium; apt-get install chromium)")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])
        if tag == "script":
            self.scripts += 1


def rendered_dom(page: Path, profile: Path) -> str:
    """The DOM as Chromium built it from the file, after parsing and layout."""
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "templates", root / "templates")
    assert main(["build", str(root / "specs" / "raqqa-2017.yaml"), "--out", str(root / "output")]) == 0
    return root / "output"


@pytest.mark.parametrize("page", ["index.html", "raqqa-2017.sources.html"])
def test_links_in_the_page_resolve_to_files_that_exist(built, page, tmp_path):
    dom = rendered_dom(built / page, tmp_path / "profile")
    links = _Links()
    links.feed(dom)
    local = [h for h in links.hrefs if urlparse(h).scheme in ("", "file") and not h.startswith("#")]
    assert local, f"no local links in {page}"
    for href in local:
        target = (built / unquote(urlparse(href).path)).resolve()
        assert target.is_file(), f"{page} links to {href}, which does not exist"
    assert links.scripts == 0   # self-contained and inert: no scripts at all


def test_index_links_every_output_of_the_sheet(built, tmp_path):
    dom = rendered_dom(built / "index.html", tmp_path / "profile")
    for name in ("raqqa-2017.pdf", "raqqa-2017.docx", "raqqa-2017.sources.html"):
        assert f'href="{name}"' in dom
    assert "Raqqa: civilians trapped as the battle for the city begins" in dom
