"""Benchmark key figures' icons: what they cost a sheet, warm and in a fresh process.

Not a test: it prints figures. The same 100 sheets as bench_build.py (the example with 1 to 6
key figures and 0 to 13 extra bullets), built without and then with the example's icons,
stage by stage; then `factsheet build` of the example in fresh processes, without and with
icons. Run `python bench/bench_icons.py [--sheets 100] [--runs 5]`. Writes under
bench/_work/icons/.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench_build
from bench_build import ROOT, SPEC, example_sheet, summary, timed, variants

from factsheet.theme.template import load_template

WORK = ROOT / "bench" / "_work" / "icons"


def stages(sheets, template) -> dict:
    """{stage: [ms per sheet]} for fit, PDF and DOCX, in memory (plain writes)."""
    from factsheet.layout.fit import fit_page
    from factsheet.render.docx import render_docx
    from factsheet.render.pdf import render_pdf

    out = {"fit": [], "PDF": [], "DOCX": [], "total": []}
    for sheet in sheets:
        layout, fit = timed(fit_page, sheet, template)
        pdf = timed(render_pdf, sheet, layout, WORK / "stage.pdf")[1]
        docx = timed(render_docx, sheet, layout, WORK / "stage.docx")[1]
        for name, ms in (("fit", fit), ("PDF", pdf), ("DOCX", docx), ("total", fit + pdf + docx)):
            out[name].append(ms)
    return out


def cold(spec: Path, runs: int) -> list:
    """Wall time of `factsheet build SPEC` in a fresh process, ms per run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "factsheet", "build", str(spec), "--out",
                        str(WORK / "cli"), "--force"], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per spec")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1503705600")
    bench_build.WORK = WORK
    WORK.mkdir(parents=True, exist_ok=True)
    template = load_template("default", ROOT / "templates")
    plain = variants(example_sheet(icons=False), args.sheets)
    iconic = variants(example_sheet(icons=True), args.sheets)
    stages(plain[:3], template), stages(iconic[:3], template)     # warm both paths up
    results = {}
    for label, sheets in (("without icons", plain), ("with icons", iconic)):
        results[label] = stages(sheets, template)
        print(f"{len(sheets)} sheets {label} (warm, {os.cpu_count()} cores):")
        for name, values in results[label].items():
            print(summary(name, values))
    extra = {name: statistics.median(results["with icons"][name])
             - statistics.median(results["without icons"][name]) for name in ("fit", "PDF", "DOCX", "total")}
    print("icons' cost per sheet (difference of medians): "
          + ", ".join(f"{name} {ms:+.2f} ms" for name, ms in extra.items()))

    spec_plain = WORK / "raqqa-plain.yaml"
    text = SPEC.read_text(encoding="utf-8")
    ids = re.findall(r"fact: ([a-z0-9_-]+)", text[text.index("key_figures:"):text.index("\nsections:")])
    start, end = text.index("key_figures:"), text.index("\nsections:")
    spec_plain.write_text(text[:start] + f"key_figures: [{', '.join(ids)}]" + text[end:],
                          encoding="utf-8")
    (WORK / "sources").mkdir(exist_ok=True)
    for archive in (SPEC.parent / "sources").iterdir():
        (WORK / "sources" / archive.name).write_bytes(archive.read_bytes())
    spec_icons = WORK / "raqqa-icons.yaml"
    spec_icons.write_text(text, encoding="utf-8")
    cold(spec_plain, 1), cold(spec_icons, 1)                      # the Word package's disk cache
    for label, spec in (("without icons", spec_plain), ("with icons", spec_icons)):
        print(summary(f"cold build {label} ({args.runs} runs)", cold(spec, args.runs)))


if __name__ == "__main__":
    main()
