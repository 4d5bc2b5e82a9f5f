"""The limits of limits.py are enforced, with clear errors, and the README states them as they are."""
from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path

import pytest

from factsheet import limits
from factsheet.layout import fit as layout
from factsheet.cli import main
from spec_inputs import BASE, write_spec

README = (Path(__file__).resolve().parent.parent.parent / "README.md").read_text(encoding="utf-8")


def run(*argv) -> tuple:
    out, err = io.StringIO(), io.StringIO()
    code = main([*map(str, argv)], out, err)
    return code, out.getvalue(), err.getvalue()


def errors(out: str) -> list:
    return re.findall(r"\.yaml:(\d+:\d+: error: .*)", out)


def test_readme_states_the_limits_that_are_enforced():
    section = README[README.index("## Security and limits"):README.index("## Commands")]
    for value in (f"{limits.MAX_SPEC_BYTES // 1_000_000} MB", f"{limits.MAX_YAML_VALUES:,}",
                  f"| {limits.MAX_YAML_DEPTH} levels",
                  f"{limits.MAX_ARCHIVE_BYTES // 1_000_000} MB", f"{limits.MAX_LOGO_PIXELS:,} pixels",
                  f"{limits.MAX_BUILD_SECONDS} s",
                  f"{limits.MAX_SOURCES} / {limits.MAX_FACTS} / {limits.MAX_SECTIONS} / "
                  f"{limits.MAX_BULLETS} / {limits.MAX_KEY_FIGURES}",
                  f"anything else {limits.MAX_CHARS_OTHER}"):
        assert value in section, value
    row = next(line for line in section.splitlines() if line.startswith("| characters per field"))
    for field, most in limits.MAX_CHARS.items():
        stated = re.search(rf"\b{field}\b[^;|]*?(\d[\d,]*)", row)
        assert stated and int(stated.group(1).replace(",", "")) == most, field


@pytest.mark.parametrize("key, old, new_item, most", [
    ("sections", "sections:\n", "  - heading: More\n    text: Nothing to count.\n", limits.MAX_SECTIONS),
    ("bullets", "    bullets:\n", '      - "A line."\n', limits.MAX_BULLETS),
    ("facts", "facts:\n", "  - id: f{n}\n    value: 20000\n    label: trapped\n    source: voa\n"
              '    quote: "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes"\n',
     limits.MAX_FACTS),
])
def test_too_many_entries_are_refused(tmp_path, key, old, new_item, most):
    items = "".join(new_item.replace("{n}", str(n)) for n in range(most + 1))
    spec = write_spec(tmp_path, BASE.replace(old, old + items, 1))
    code, out, _ = run("validate", spec)
    assert code == 1
    assert any(re.search(rf"error: '{key}' lists \d+ entries: the limit is {most:,}$", e)
               for e in errors(out)), out


def test_a_label_over_its_limit_is_refused_at_its_line(tmp_path):
    long_label = "civilians " * 31
    spec = write_spec(tmp_path, BASE.replace("label: civilians trapped in Raqqa by ISIS",
                                             f"label: {long_label.strip()}"))
    code, out, _ = run("validate", spec)
    assert code == 1
    assert f"23:12: error: 'label' is {len(long_label.strip())} characters long: the limit is 300" in errors(out)


def test_a_build_that_runs_past_the_time_limit_is_stopped(tmp_path, monkeypatch):
    spec = write_spec(tmp_path, BASE)
    shutil.copytree(Path(__file__).resolve().parent.parent.parent / "templates", tmp_path / "templates")
    monkeypatch.setattr(limits, "MAX_BUILD_SECONDS", 0.2)
    fit_page = layout.fit_page

    def slow_fit(*args, **kwargs):   # a pathological input, simulated
        time.sleep(5)
        return fit_page(*args, **kwargs)

    import factsheet.build.sheet
    monkeypatch.setattr(factsheet.build.sheet, "fit_page", slow_fit)
    started = time.perf_counter()
    code, out, _ = run("build", spec, "--out", tmp_path / "out")
    assert code == 1
    assert "building took longer than 0.2 s, the limit: stopped; the previous output, if any, " \
           "is unchanged" in out
    assert time.perf_counter() - started < 5   # stopped, not waited out
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix in (".pdf", ".docx", ".tmp")]
