"""Sheets for the renderer tests, as the validator produces them: `check_spec` on fixture specs.

Renderers are only ever given what `check_spec` builds, so their tests are too. A test that
needs a variation writes a copy of a fixture spec, edited, into its own folder (`spec_variant`);
the fixture specs are the Raqqa example (specs/raqqa-2017.yaml), tests/fixtures/hostile.yaml
(markup-like text, '&', transliterated names, web addresses) and the long specs made here.
"""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date
from pathlib import Path

from factsheet import check_spec
from factsheet.sheet.model import Sheet

ROOT = Path(__file__).resolve().parent.parent
RAQQA = ROOT / "specs" / "raqqa-2017.yaml"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile.yaml"
ORG_TEMPLATES = ROOT / "templates"     # an organisation's own templates (the built-in ones ship in the package)

# As printed in tests/fixtures/hostile.yaml
MARKUP_TITLE = "Raqqa <b>bold</b> & <font color=red>big</font>"
MARKUP_HEADING = "Tags & <i>markup</i>"
MARKUP_BULLET = ("Literal <script>alert('x')</script> & <b>not bold</b> near Ḥasakah and "
                 "Deir ez\u2011Zor.")
EVIL = "<script>alert(1)</script> & <b>bold</b> \"double\" 'single'"

URLS = {"independent-2017-06-06": "https://www.independent.co.uk/news/world/middle-east/"
                                  "raqqa-civilians-die-fleeing-us-bombing-a7775146.html?ref=a&b=c",
        "voa-2017-08-25": "https://www.voanews.com/a/no-worse-place-on-earth-than-raqqa/3999999.html"}

PRODUCED = date(2017, 8, 26)    # the day SOURCE_DATE_EPOCH=1503705600 names


def checked(spec, warnings: tuple = ()) -> Sheet:
    """The Sheet check_spec builds from `spec`; fails the test on an error, or a warning whose
    code is not in `warnings` (a fixture that drifted into a warning is no longer the case meant)."""
    sheet, diagnostics = check_spec(spec)
    unexpected = [str(d) for d in diagnostics if d.severity == "error" or d.code not in warnings]
    assert sheet is not None and not unexpected, unexpected
    return sheet


def with_produced(sheet: Sheet, day=PRODUCED) -> Sheet:
    """The sheet as `build` hands it to the renderers: with the day it was produced."""
    return dataclasses.replace(sheet, produced=day)


def raqqa_sheet() -> Sheet:
    return checked(RAQQA)


def hostile_sheet() -> Sheet:
    return checked(HOSTILE)


def copy_spec(folder: Path, spec: Path = RAQQA, name: str | None = None) -> Path:
    """A copy of `spec` and its archives in `folder` (named `name`.yaml if given)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(spec.parent / "sources", folder / "sources", dirs_exist_ok=True)
    target = folder / f"{name or spec.stem}.yaml"
    shutil.copyfile(spec, target)
    return target


def spec_variant(folder: Path, *edits, spec: Path = RAQQA, name: str | None = None) -> Path:
    """A copy of `spec` in `folder` with each (old, new) text edit made once; an edit whose old
    text is not in the spec fails the test, so a changed fixture cannot silently void it."""
    path = copy_spec(folder, spec, name)
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"{old!r} is not in {spec.name}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def with_urls(folder: Path) -> Path:
    """The Raqqa example with web addresses on its sources (the example's sources have none)."""
    return spec_variant(folder, *((f"    archive: sources/{sid}.txt\n",
                                   f"    url: {url}\n    archive: sources/{sid}.txt\n")
                                  for sid, url in URLS.items()))


FILLER = ("Humanitarian partners report continued displacement towards camps in Ḥasakah and "
          "Deir ez\u2011Zor governorates, where water, shelter and health services remain "
          "overstretched and access is constrained by fighting and unexploded ordnance").split()
EXTRA = ("Additional reporting on access and services " * 10).split()


def without_icons(text: str) -> str:
    """A spec's text with its key figures listed as plain fact ids, their icons dropped."""
    start, end = text.index("key_figures:"), text.index("\nsections:")
    ids = re.findall(r"fact: ([a-z0-9_-]+)", text[start:end])
    return text[:start] + f"key_figures: [{', '.join(ids)}]\n" + text[end:] if ids else text


def long_spec(folder: Path, extra_bullets: int, words: int = 30, last_words: int = 0) -> Path:
    """The Raqqa example plus a 'Displacement' section of `extra_bullets` bullets of about `words`
    words each (and one more of `last_words` words), to fill the page. Its key figures have no
    icons: these sheets pin the fit of text."""
    bullets = [" ".join((FILLER * 3)[i % 7:i % 7 + words]) + "." for i in range(extra_bullets)]
    if last_words:
        bullets.append(" ".join(EXTRA[:last_words]) + ".")
    path = copy_spec(folder, RAQQA)
    path.write_text(without_icons(path.read_text(encoding="utf-8")), encoding="utf-8")
    if bullets:
        section = "  - heading: Displacement\n    bullets:\n" + "".join(
            f"      - {json.dumps(b, ensure_ascii=False)}\n" for b in bullets)
        path.write_text(path.read_text(encoding="utf-8") + section, encoding="utf-8")
    return path


def long_sheet(folder: Path, extra_bullets: int, words: int = 30, last_words: int = 0) -> Sheet:
    """long_spec's sheet, produced (each call writes its own spec under `folder`)."""
    name = f"long-{extra_bullets}-{words}-{last_words}"
    return with_produced(checked(long_spec(Path(folder) / name, extra_bullets, words, last_words)))


def tightest_sheet(folder: Path, template) -> Sheet:
    """The fullest long sheet that still fits: at the minimum size, with at most a line or two
    to spare. It is the hardest case for the DOCX to stay on one page."""
    from factsheet.diagnostics import LayoutError
    from factsheet.layout.fit import fit_page

    def fits(bullets, last_words=0) -> bool:
        try:
            fit_page(long_sheet(folder, bullets, last_words=last_words), template)
            return True
        except LayoutError:
            return False

    bullets = 8
    while fits(bullets + 1):
        bullets += 1
    low, high = 0, 30                     # words in one more bullet: low fits, high does not
    if fits(bullets, high):
        return long_sheet(folder, bullets, last_words=high)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(bullets, middle):
            low = middle
        else:
            high = middle
    return long_sheet(folder, bullets, last_words=low)
