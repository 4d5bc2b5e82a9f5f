"""A public-edition build holds nothing of a confidential source, searched byte by byte in
every output (PDF streams decompressed, DOCX unzipped); the internal build still does."""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject

from factsheet import build_sheet, check_spec
from factsheet.cli import main

from fixture_specs import copy_spec

CONFIDENTIAL = Path(__file__).resolve().parent.parent / "fixtures" / "confidential.yaml"
ARCHIVE = CONFIDENTIAL.parent / "sources" / "epp-assessment-2017-08.txt"
EPP = "epp-assessment-2017-08"
# everything of the confidential source: id, title, publisher, URL, the quote of its fact, the
# passage a cited figure was found in, other words of its archive, its archive's path and hash
SECRETS = {
    "id": EPP,
    "title": "Rapid protection assessment: Raqqa city, August 2017 (partners only)",
    "publisher": "Euphrates Protection Partners",
    "url": "https://partners.example.org/restricted/raqqa-protection-assessment-2017-08.pdf",
    "quote": "37 boats carrying families had been hit on the Euphrates",
    "passage": "Thousands of civilians remain trapped in the old city, informants said",
    "archive text": "Shared in confidence with protection cluster members",
    "archive path": "sources/epp-assessment-2017-08.txt",
    "archive hash": hashlib.sha256(ARCHIVE.read_bytes()).hexdigest(),
}


def searchable(path: Path) -> str:
    """Every byte of an output as text to search: raw, and for a PDF its streams decompressed,
    its objects and metadata decoded and its text extracted; a DOCX (a zip) each part unzipped.
    Markup escapes are undone and white space collapsed, so a title broken over lines is found."""
    data = path.read_bytes()
    parts = [data.decode("utf-8", "replace"), data.decode("latin-1")]
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        for number in range(1, len(reader.xref_objStm) + 1000):
            try:
                obj = reader.get_object(number)
            except Exception:   # past the last object
                continue
            if isinstance(obj, StreamObject):
                parts.append(obj.get_data().decode("latin-1"))
            parts.append(str(obj))
        parts.append(str(reader.metadata))
        parts.extend(page.extract_text() for page in reader.pages)
        if shutil.which("pdftotext"):
            parts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                        check=True).stdout.decode("utf-8"))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            parts.extend(package.read(name).decode("utf-8", "replace") for name in package.namelist())
    text = html.unescape("\n".join(parts))
    return re.sub(r"\s+", " ", text)


def found_in(folder: Path) -> dict:
    """{secret name: [files holding it]} over every file in the folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert files
    texts = {p.name: searchable(p).lower() for p in files}
    return {name: [f for f, text in texts.items() if secret.lower() in text]
            for name, secret in SECRETS.items()}


@pytest.fixture
def project(tmp_path, monkeypatch):
    copy_spec(tmp_path, CONFIDENTIAL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1503705600")
    return tmp_path


def test_public_build_holds_nothing_of_the_confidential_source_in_any_output(project, capsys):
    assert main(["build", "confidential.yaml", "--format", "all", "--out", "internal"]) == 0
    assert main(["build", "confidential.yaml", "--format", "all", "--out", "public",
                 "--edition", "public"]) == 0
    public = sorted(p.name for p in (project / "public").iterdir())
    assert public == sorted(p.name for p in (project / "internal").iterdir())
    assert {"confidential.pdf", "confidential.docx", "confidential.png", "confidential.html",
            "confidential.sources.html", "confidential.json", "confidential.hxl.csv",
            "confidential.manifest.json", "index.html"} <= set(public)
    inside = found_in(project / "internal")
    # the search finds each secret where the internal edition prints it, so it can fail (the
    # archive's other words are in no output of either edition today; embedded sources would be)
    assert [name for name, files in inside.items() if not files] == ["archive text"], inside
    assert "confidential.pdf" in inside["title"] and "confidential.docx" in inside["title"]
    assert "confidential.sources.html" in inside["quote"]
    assert "confidential.manifest.json" in inside["archive hash"]
    assert found_in(project / "public") == {name: [] for name in SECRETS}
    # and the public sheet still prints what its public source states
    text = PdfReader(project / "public" / "confidential.pdf").pages[0].extract_text()
    assert "20,000" in text and "VOA News" in text and "Thousands" in text


def test_a_public_site_holds_nothing_of_the_confidential_source(project, capsys):
    assert main(["publish", "confidential.yaml", "--site", "site", "--edition", "public"]) == 0
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "feed.atom").is_file()
    assert (site / "sheets" / "confidential.page.html").is_file()
    assert found_in(site) == {name: [] for name in SECRETS}
    # the same search finds the source in an internal site, so it can fail
    assert main(["publish", "confidential.yaml", "--site", "internal-site"]) == 0
    assert found_in(project / "internal-site")["title"]


def test_a_public_pdf_carrying_its_evidence_carries_only_public_archives(project):
    """embed_sources: the internal PDF carries the spec and both archives; the public one only
    the public source's archive (the spec names the confidential source)."""
    import pikepdf

    from factsheet.theme.template import BUILTIN_DIR

    templates = project / "templates"
    templates.mkdir()
    default = (BUILTIN_DIR / "default.yaml").read_text(encoding="utf-8")
    (templates / "default.yaml").write_text(default + "\nembed_sources: true\n", encoding="utf-8")
    assert main(["build", "confidential.yaml", "--out", "internal"]) == 0
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    with pikepdf.open(project / "internal" / "confidential.pdf") as pdf:
        assert "confidential.yaml" in [str(f.F) for f in pdf.Root.AF]
        assert f"sources/{EPP}.txt" in [str(f.F) for f in pdf.Root.AF]
    with pikepdf.open(project / "public" / "confidential.pdf") as pdf:
        attached = [str(f.F) for f in pdf.Root.AF]
    assert attached and all(name.startswith("sources/") and EPP not in name for name in attached)
    assert found_in(project / "public") == {name: [] for name in SECRETS}
    assert found_in(project / "internal")["archive text"]   # the search reads attachments


def test_changes_between_public_builds_name_no_confidential_source(project):
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    spec = project / "confidential.yaml"
    spec.write_text(spec.read_text().replace("    value: 20000\n", "    value: 20000\n    qualifier: about\n")
                    .replace("saying that 20,000", "saying that 20,000"), encoding="utf-8")
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    changes = (project / "public" / "CHANGES.md").read_text(encoding="utf-8")
    assert "trapped-august: 20,000 -> about 20,000" in changes
    assert found_in(project / "public") == {name: [] for name in SECRETS}


def test_the_record_and_manifest_say_the_edition(project):
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    record = json.loads((project / "public" / "confidential.json").read_text(encoding="utf-8"))
    manifest = json.loads((project / "public" / "confidential.manifest.json").read_text(encoding="utf-8"))
    assert record["edition"] == manifest["edition"] == "public"
    assert main(["build", "confidential.yaml", "--out", "internal"]) == 0
    record = json.loads((project / "internal" / "confidential.json").read_text(encoding="utf-8"))
    assert record["edition"] == "internal"


def test_switching_edition_rebuilds(project):
    from factsheet.build.batch import sheet_formats
    from factsheet.build.manifest import is_up_to_date

    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    formats = sheet_formats(None)
    spec, out = project / "confidential.yaml", project / "public"
    assert is_up_to_date(spec, out, formats, "public")
    assert not is_up_to_date(spec, out, formats, "internal")


def test_one_folder_holds_one_edition(project, capsys):
    assert main(["build", "confidential.yaml", "--out", "output"]) == 0
    before = {p.name: p.read_bytes() for p in (project / "output").iterdir()}
    assert main(["build", "confidential.yaml", "--out", "output", "--edition", "public"]) == 2
    assert capsys.readouterr().err.strip() == (
        "factsheet: --out output holds the internal edition (confidential.manifest.json): build "
        "the public edition into a folder of its own")
    assert {p.name: p.read_bytes() for p in (project / "output").iterdir()} == before


def test_a_refused_public_build_writes_nothing_and_keeps_the_last_one(project, capsys):
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 0
    before = {p.name: p.read_bytes() for p in (project / "public").iterdir()}
    spec = project / "confidential.yaml"
    spec.write_text(spec.read_text().replace("key_figures: [trapped-august]",
                                             "key_figures: [trapped-august, boats-hit]"), encoding="utf-8")
    assert main(["build", "confidential.yaml", "--out", "public", "--edition", "public"]) == 1
    out = capsys.readouterr().out
    assert "FAILED confidential.yaml" in out
    assert (f"confidential.yaml:35:13: error: fact 'boats-hit' rests only on confidential source "
            f"'{EPP}': the public edition cannot print it") in out
    assert {p.name: p.read_bytes() for p in (project / "public").iterdir()} == before
    # nothing at all in a new folder
    assert main(["build", "confidential.yaml", "--out", "fresh", "--edition", "public"]) == 1
    assert not any((project / "fresh").iterdir())


def test_build_sheet_takes_the_edition(project):
    sheet, _ = check_spec(project / "confidential.yaml")
    written = build_sheet(sheet, None, project / "api", formats=("pdf", "json"), edition="public")
    assert [p.name for p in written] == ["confidential.pdf", "confidential.json"]
    assert json.loads((project / "api" / "confidential.json").read_text())["edition"] == "public"
    assert found_in(project / "api") == {name: [] for name in SECRETS}


# A French translation of the fixture: its second bullet cites the confidential source beside the
# public one (the public edition drops that citation); translating the sheet adds no secret
FRENCH = """factsheet-translation: 1
translates: confidential.yaml
language: fr
title: "Raqqa : des civils pris au piège alors que la bataille continue"
subtitle: Fiche d'information humanitaire
location: Raqqa, Syrie
organisation: Unité d'information humanitaire
labels:
  trapped-august: civils pris au piège à Raqqa par l'EI, exposés aux frappes et aux bombardements
sections:
  - heading: Situation
    text: |
      Le conseiller humanitaire de l'ONU pour la Syrie estimait que {trapped-august} civils
      restaient pris au piège fin août [voa-2017-08-25].
    bullets:
      - "Les civils sont pris sous le feu de toutes parts [epp-assessment-2017-08] [voa-2017-08-25]."
"""


def _with_french(project: Path, bullet: str | None = None) -> Path:
    text = FRENCH if bullet is None else FRENCH + f'      - "{bullet}"\n'
    path = project / "confidential.fr.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_public_build_and_site_with_a_translation_hold_nothing_of_the_confidential_source(project, capsys):
    _with_french(project)
    assert main(["build", "confidential.yaml", "--format", "all", "--out", "public",
                 "--edition", "public"]) == 0
    assert main(["publish", "confidential.yaml", "--site", "site", "--edition", "public"]) == 0
    for folder in (project / "public", project / "site" / "sheets"):
        assert {"confidential.fr.pdf", "confidential.fr.docx", "confidential.fr.html",
                "confidential.fr.sources.html", "confidential.fr.json"} <= {p.name for p in folder.iterdir()}
        manifest = json.loads((folder / "confidential.fr.manifest.json").read_text(encoding="utf-8"))
        assert manifest["edition"] == "public"
    assert found_in(project / "public") == {name: [] for name in SECRETS}
    assert found_in(project / "site") == {name: [] for name in SECRETS}
    # the French sheet still prints its public citation and its figure
    text = " ".join(PdfReader(project / "public" / "confidential.fr.pdf").pages[0].extract_text().split())
    assert "VOA News" in text and "toutes parts" in text
    # the same search finds the source in the internal edition's French sheet, so it can fail
    assert main(["build", "confidential.yaml", "--format", "all", "--out", "internal"]) == 0
    assert "confidential.fr.pdf" in found_in(project / "internal")["title"]


def test_a_translation_citing_only_a_confidential_source_is_refused_in_the_public_edition(project, capsys):
    path = _with_french(project, "Des bateaux ont été touchés sur l'Euphrate [epp-assessment-2017-08].")
    for command in (["build", "confidential.yaml", "--format", "all", "--out", "public",
                     "--edition", "public"],
                    ["publish", "confidential.yaml", "--site", "site", "--edition", "public"]):
        assert main(command) == 1
        out = capsys.readouterr().out
        line = path.read_text(encoding="utf-8").splitlines().index(
            "      - \"Des bateaux ont été touchés sur l'Euphrate [epp-assessment-2017-08].\"") + 1
        assert (f"confidential.fr.yaml:{line}:53: error: this sentence cites only confidential "
                f"source '{EPP}': the public edition cannot print it") in out
        assert "confidential.fr.yaml: not built: fix its errors" in out
    # the English sheet is built; nothing of the source anywhere, and no French sheet
    for folder in (project / "public", project / "site"):
        assert not list(folder.rglob("confidential.fr.*"))
        assert found_in(folder) == {name: [] for name in SECRETS}
    # the internal edition cites it as usual
    assert main(["validate", "confidential.yaml", "--max-age", "100000"]) == 0


def test_a_translation_naming_a_confidential_source_is_refused_in_the_public_edition(project, capsys):
    path = _with_french(project, "Selon Euphrates Protection Partners, les familles fuient [voa-2017-08-25].")
    assert main(["validate", "confidential.yaml", "--max-age", "100000", "--edition", "public"]) == 1
    out = capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    at = text.index("Euphrates Protection")
    line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert (f"confidential.fr.yaml:{line}:{col}: error: 'Euphrates Protection Partners' is the "
            f"publisher of confidential source '{EPP}': the public edition cannot print it") in out
