"""The prepared Word package is cached on disk; a cached, a fresh and an uncached build agree."""
import pytest

from factsheet.layout.fit import fit_page
from factsheet.render import docx_package
from factsheet.render.docx import render_docx
from factsheet.theme.template import load_template

from fixture_specs import raqqa_sheet, with_produced


@pytest.fixture
def render(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    template = load_template("default")
    sheet = with_produced(raqqa_sheet())
    layout = fit_page(sheet, template)

    def render_with(cache_dir, name):
        monkeypatch.setenv("FACTSHEET_CACHE_DIR", str(cache_dir))
        docx_package._cached_base.cache_clear()      # as a new process would start
        out = tmp_path / f"{name}.docx"
        render_docx(sheet, layout, out)
        return out.read_bytes()
    yield render_with
    docx_package._cached_base.cache_clear()


def test_a_build_from_the_disk_cache_is_byte_identical(render, tmp_path):
    fresh = render(tmp_path / "cache", "fresh")
    cached_files = list((tmp_path / "cache").glob("docx-base-*.json"))
    assert len(cached_files) == 1
    assert render(tmp_path / "cache", "cached") == fresh
    assert render("off", "uncached") == fresh
    assert not list(tmp_path.glob("off"))


def test_a_corrupt_cache_file_is_rebuilt_not_trusted(render, tmp_path):
    fresh = render(tmp_path / "cache", "fresh")
    (cached,) = (tmp_path / "cache").glob("docx-base-*.json")
    cached.write_text("{not json", encoding="utf-8")
    assert render(tmp_path / "cache", "again") == fresh
