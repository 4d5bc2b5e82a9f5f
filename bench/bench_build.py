"""Benchmark the build stage: per-sheet cost of 100 different sheets in one process, per stage.

Not a test: it prints figures, and exits 1 if the goal (under 30 ms per sheet for both formats,
fitting included) is missed. Run `python bench/bench_build.py [--sheets 100] [--cold-cli] [--rtl]`.
It writes only under bench/_work/build/. `--rtl` also compares the Arabic sheet with the English
one (goal: at most 1.5 times its cost).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.build.sheet import build_sheet                      # noqa: E402
from factsheet.sheet.model import Section, Span                    # noqa: E402
from factsheet.theme.template import load_template                 # noqa: E402
from factsheet.validate.rules import check_spec                    # noqa: E402

SPEC = ROOT / "specs" / "raqqa-2017.yaml"
ARABIC_SPEC = ROOT / "tests" / "fixtures" / "arabic" / "raqqa-ar.yaml"   # the example's content in Arabic
RTL_GOAL = 1.5
WORK = ROOT / "bench" / "_work" / "build"
GOAL_MS = 30.0
FILLER = ("Partners report continued displacement towards camps in Ḥasakah and Deir ez\u2011Zor, "
          "where water, shelter and health services remain overstretched").split()


def example_sheet(icons: bool = False):
    """The example; without its key figures' icons unless asked (bench_icons.py compares)."""
    sheet, diagnostics = check_spec(SPEC)
    if sheet is None:
        raise SystemExit("\n".join(str(d) for d in diagnostics))
    if not icons:
        sheet = dataclasses.replace(sheet, key_figures=tuple(
            dataclasses.replace(f, icon=None) for f in sheet.key_figures))
    return sheet


def variants(sheet, count: int) -> list:
    """`count` different sheets: 1 to 6 key figures, 0 to 13 extra bullets, varied titles, so the
    fit lands on every size from the largest to the smallest."""
    sheets = []
    for n in range(count):
        bullets = tuple((Span(" ".join((FILLER * 3)[n % 5: n % 5 + 18 + n % 11]) + f" ({i})."),)
                        for i in range(n % 14))
        extra = (Section((Span(f"Update {n}"),), bullets=bullets),) if bullets else ()
        sections = sheet.sections + extra
        sheets.append(dataclasses.replace(
            sheet, spec_path=sheet.spec_path.with_name(f"bench-{n:03d}.yaml"),
            title=(Span(f"{sheet.title_text} ({n})"),), sections=sections,
            key_figures=sheet.key_figures[:1 + n % 6]))
    return sheets


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, (time.perf_counter() - start) * 1000


def summary(label: str, values: list) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"  {label:<28} mean {statistics.mean(values):6.2f} ms   median "
            f"{statistics.median(values):6.2f} ms   p95 {p95:6.2f} ms")


def bench_stages(sheets, template) -> None:
    """Each stage on its own, in memory: fit, PDF, DOCX."""
    from factsheet.layout.fit import fit_page
    from factsheet.render.docx import render_docx
    from factsheet.render.pdf import render_pdf

    stages = {"fit (choose size)": [], "render PDF": [], "render DOCX": []}
    sizes = {}
    for sheet in sheets:
        layout, ms = timed(fit_page, sheet, template)
        stages["fit (choose size)"].append(ms)
        sizes[layout.body_size] = sizes.get(layout.body_size, 0) + 1
        stages["render PDF"].append(timed(render_pdf, sheet, layout, WORK / "stage.pdf")[1])
        stages["render DOCX"].append(timed(render_docx, sheet, layout, WORK / "stage.docx")[1])
    print("Stages (warm; plain writes, no fsync):")
    for label, values in stages.items():
        print(summary(label, values))
    print("  body sizes chosen: " + ", ".join(f"{s:g} pt x{n}" for s, n in sorted(sizes.items())))


def bench_pdfa(sheets, template) -> None:
    """What PDF/A and tagging cost a sheet (issue 15), in memory: ReportLab's plain file
    (`pdfa: false`); the same with marked content (tagging's share while drawing); and the
    default, finished by pikepdf (structure tree, output intent, XMP, save)."""
    import io

    from factsheet.layout.fit import fit_page
    from factsheet.render import pdf_archive
    from factsheet.render.pdf import render_pdf

    plain = dataclasses.replace(template, pdfa=False)
    rows = {"plain (pdfa: false)": [], "marked, not finished": [], "PDF/A-2b, tagged": []}
    tree = []
    finish, structure = pdf_archive.finish_pdf, pdf_archive.add_structure

    def timed_structure(*args):
        tree.append(timed(structure, *args)[1])

    try:
        pdf_archive.add_structure = timed_structure
        for sheet in sheets:
            layout = fit_page(sheet, template)
            rows["plain (pdfa: false)"].append(
                timed(render_pdf, sheet, dataclasses.replace(layout, template=plain), io.BytesIO())[1])
            pdf_archive.finish_pdf = lambda *args: None
            rows["marked, not finished"].append(timed(render_pdf, sheet, layout, io.BytesIO())[1])
            pdf_archive.finish_pdf = finish
            rows["PDF/A-2b, tagged"].append(timed(render_pdf, sheet, layout, io.BytesIO())[1])
    finally:
        pdf_archive.finish_pdf, pdf_archive.add_structure = finish, structure
    print("PDF/A and tagging (warm, in memory):")
    for label, values in rows.items():
        print(summary(label, values))
    print(summary("of which structure tree", tree))
    base, marked, full = (statistics.mean(v) for v in rows.values())
    print(f"  cost a sheet: marking {marked - base:.2f} ms, pikepdf's finish {full - marked:.2f} ms "
          f"(structure tree {statistics.mean(tree):.2f} ms), in all {full - base:.2f} ms")


def bench_builds(sheets, template) -> float:
    """build_sheet end to end: fit, both renderers, atomic writes; returns ms per sheet."""
    folder = WORK / "sheets"
    _, first = timed(build_sheet, sheets[0], template, folder)
    print(f"First sheet (registers fonts, prepares the Word package): {first:.1f} ms")
    per_sheet = []
    start = time.perf_counter()
    for sheet in sheets:
        per_sheet.append(timed(build_sheet, sheet, template, folder)[1])
    total = (time.perf_counter() - start) * 1000 / len(sheets)
    print(f"build_sheet, {len(sheets)} different sheets, PDF + DOCX, fitting included "
          f"({os.cpu_count()} cores):")
    print(summary("per sheet", per_sheet))
    print(f"  overall {total:.1f} ms per sheet   goal < {GOAL_MS:.0f} ms")
    return total


def bench_cold_cli(runs: int = 3) -> None:
    """Time `factsheet build SPEC` in a fresh process (imports, fonts, template, one sheet)."""
    if shutil.which("factsheet") is None:
        print("Cold CLI: `factsheet` is not on PATH (pip install -e .): skipped")
        return
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(["factsheet", "build", str(SPEC), "--out", str(WORK / "cli"),
                                 "--force"], capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            print(f"Cold CLI: exit {result.returncode}: {result.stderr.strip()[:300]}")
            return
    print(summary(f"cold CLI build ({runs} runs)", times))


def bench_imports() -> None:
    """What a fresh process pays before it can build: the renderers' libraries."""
    code = ("import time; t = time.perf_counter(); import factsheet.build.sheet; a = time.perf_counter();"
            "import reportlab.platypus, docx; b = time.perf_counter();"
            "from factsheet.theme.fonts import register_fonts; register_fonts(); c = time.perf_counter();"
            "import pikepdf; d = time.perf_counter();"
            "print(f'{(a-t)*1000:.0f} {(b-a)*1000:.0f} {(c-b)*1000:.0f} {(d-c)*1000:.0f}')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    print(f"Cold start: import factsheet.build.sheet {out[0]} ms, reportlab + python-docx {out[1]} ms, "
          f"font registration {out[2]} ms, pikepdf (PDF/A and tagging) {out[3]} ms")


def bench_rtl(template, rounds: int = 30) -> float:
    """build_sheet of the English example and of the Arabic sheet, alternately, each time with
    every cache of wrapped, shaped and ordered text emptied (as if each sheet were new); CPU
    time. Returns the ratio of the medians."""
    from factsheet.layout import bidi, paragraphs
    from factsheet.render import pdf_bidi
    from factsheet.theme import scripts

    sheets = {"English": example_sheet(), "Arabic": check_spec(ARABIC_SPEC)[0]}
    caches = (paragraphs.wrapped_paragraph, paragraphs.source_paragraph, paragraphs._shaped_frags,
              scripts.script_runs, pdf_bidi._visual_runs, bidi._SHAPED)
    times = {name: [] for name in sheets}
    for name, sheet in sheets.items():   # first builds: fonts, the Word package, imports
        build_sheet(sheet, template, WORK / "rtl")
    for _ in range(rounds):
        for name, sheet in sheets.items():
            for cache in caches:
                getattr(cache, "cache_clear", getattr(cache, "clear", None))()
            start = time.process_time()
            build_sheet(sheet, template, WORK / "rtl")
            times[name].append((time.process_time() - start) * 1000)
    print(f"Right-to-left: build_sheet, PDF + DOCX, caches emptied, CPU ms ({rounds} rounds):")
    for name, values in times.items():
        print(summary(name, values))
    ratio = statistics.median(times["Arabic"]) / statistics.median(times["English"])
    print(f"  Arabic / English (medians) {ratio:.2f}   goal <= {RTL_GOAL}")
    return ratio


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--cold-cli", action="store_true", help="also time the CLI in new processes")
    parser.add_argument("--rtl", action="store_true", help="also compare the Arabic sheet's cost")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1503705600")
    WORK.mkdir(parents=True, exist_ok=True)
    template = load_template("default", ROOT / "templates")
    sheets = variants(example_sheet(), args.sheets)
    bench_imports()
    per_sheet = bench_builds(sheets, template)
    bench_stages(sheets, template)
    bench_pdfa(sheets, template)
    if args.cold_cli:
        bench_cold_cli()
    ratio = bench_rtl(template) if args.rtl else 0.0
    if ratio > RTL_GOAL:
        print(f"goal missed: the Arabic sheet costs {ratio:.2f} times the English one")
        sys.exit(1)
    if per_sheet >= GOAL_MS:
        print(f"goal missed: {per_sheet:.1f} ms per sheet")
        sys.exit(1)


if __name__ == "__main__":
    main()
