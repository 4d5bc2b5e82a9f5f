"""The published site in Debian's headless Chromium (driven by Playwright): no console errors,
no axe-core violations, and an index that sorts and filters with its script and lists every
sheet without it."""
import shutil
from pathlib import Path

import pytest

from factsheet.cli import main

from headless import browser  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parent.parent.parent
PAGES = ["index.html", "sheets/raqqa-2017.page.html", "sheets/raqqa-2017.sources.html",
         "sheets/raqqa-2017.html", "sheets/chad-adre-2023.page.html",
         # the example's translations (specs/raqqa-2017.fr.yaml, .ar.yaml): pages, sheets, audit
         "sheets/raqqa-2017.ar.page.html", "sheets/raqqa-2017.ar.html",
         "sheets/raqqa-2017.ar.sources.html", "sheets/raqqa-2017.fr.page.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "templates", root / "templates")
    assert main(["publish", str(root / "specs"), "--site", str(root / "site")]) == 0
    return root / "site"




def open_page(browser, path: Path, **context):
    """The page, loaded, and the console errors (and uncaught exceptions) it gave."""
    page = browser.new_context(**context).new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


@pytest.mark.parametrize("name", PAGES)
def test_the_page_opens_without_console_errors(site, browser, name):
    # tall enough that every (lazily loaded) thumbnail is in view
    page, errors = open_page(browser, site / name, viewport={"width": 1200, "height": 3000})
    if name == "index.html":
        page.wait_for_function("[...document.images].every(i => i.complete)")
    assert errors == []          # also: no image or script refused by the page's policy
    if name == "index.html":
        sizes = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth)")
        assert sizes == [180] * 5, "every thumbnail loads"
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(site, browser, name):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="the test extra's axe-playwright-python is not installed")
    page, _ = open_page(browser, site / name)
    results = axe.Axe().run(page)
    page.close()
    assert results.violations_count == 0, results.generate_report()


def shown_titles(page) -> list:
    return page.evaluate("[...document.querySelectorAll('#sheets tbody tr')]"
                         ".filter(r => !r.hidden).map(r => r.querySelector('strong').textContent)")


def test_the_index_filters_and_sorts_in_the_browser(site, browser):
    page, errors = open_page(browser, site / "index.html")
    assert page.is_visible("#filters")
    assert len(shown_titles(page)) == 5
    page.select_option("select[name=location]", "Raqqa, Syria")
    assert shown_titles(page) == ["Raqqa: civilians trapped as the battle for the city begins"]
    assert page.text_content("#count") == "1 of 5 sheets shown"
    page.select_option("select[name=location]", "")
    page.fill("input[name=from]", "2019-06-01")      # figures as of this day or later
    assert sorted(shown_titles(page)) == ["Chad: Sudanese refugees overwhelm the border town of Adré",
                                          "North-east Syria: displacement and evacuations from Ras al-Ain"]
    page.fill("input[name=from]", "")
    page.fill("input[name=text]", "hol")
    assert shown_titles(page) == ["Al Hol camp: mass displacement from Hajin"]
    page.fill("input[name=text]", "")
    page.click("th[data-key=asof] button")
    assert page.get_attribute("th[data-key=asof]", "aria-sort") == "ascending"
    as_of = page.evaluate("[...document.querySelectorAll('#sheets tbody tr')].map(r => r.dataset.asof)")
    assert as_of == sorted(as_of) and len(as_of) == 5
    page.click("th[data-key=asof] button")
    assert page.get_attribute("th[data-key=asof]", "aria-sort") == "descending"
    assert errors == []
    page.close()


def test_without_javascript_the_index_is_a_plain_table_of_every_sheet(site, browser):
    page, _ = open_page(browser, site / "index.html", java_script_enabled=False)
    assert not page.is_visible("#filters")
    assert len(shown_titles(page)) == 5
    assert page.query_selector("th button") is None
    page.close()


def test_the_arabic_sheet_reads_from_the_right_in_the_browser(site, browser):
    page, errors = open_page(browser, site / "sheets" / "raqqa-2017.ar.html",
                             viewport={"width": 1100, "height": 900})
    boxes = page.evaluate("""() => {
      const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
      return { tiles: [...document.querySelectorAll('.figures li')].map(box),
               sections: [...document.querySelectorAll('.columns h2')].map(box),
               title: box(document.querySelector('h1')), body: box(document.body),
               bar: [...document.querySelectorAll('nav.languages > *')].map(box) };
    }""")
    page.close()
    assert errors == []
    first, second = boxes["tiles"][:2]
    assert first[0] > second[1] - 1            # the first key figure on the right, the next to its left
    assert boxes["sections"][0][0] > boxes["sections"][-1][1] - 1   # the first column on the right
    assert boxes["title"][1] > boxes["body"][1] - 100   # the title starts at the right
    english, arabic, french = boxes["bar"]
    assert english[0] > arabic[1] > french[0]   # the language bar reads from the right too


def test_axe_finds_no_violations_on_a_sheet_in_the_example_organisation_template(tmp_path, browser):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                              reason="the test extra's axe-playwright-python is not installed")
    shutil.copytree(REPO / "specs", tmp_path / "specs", ignore=shutil.ignore_patterns("examples"))
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    spec = tmp_path / "specs" / "raqqa-2017.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("language: en", "language: en\ntemplate: branded"),
                    encoding="utf-8")
    assert "template: branded" in spec.read_text(encoding="utf-8")
    assert main(["build", str(spec), "--format", "html", "--out", str(tmp_path / "out")]) == 0
    page, errors = open_page(browser, tmp_path / "out" / "raqqa-2017.html")
    results = axe.Axe().run(page)
    page.close()
    assert errors == []
    assert results.violations_count == 0, results.generate_report()
