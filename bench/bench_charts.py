"""Benchmark what charts cost: the example with three charts against the same sheet without them.

Not a test: it prints figures, and exits 1 if a goal is missed (three charts at most 30 ms more
per build, warm and cold). Run `python bench/bench_charts.py [--sheets 40] [--cold 5]`.
`--no-charts-only` times the Raqqa example alone (no charts), for comparing two checkouts:
`PYTHONPATH=<other checkout> python bench/bench_charts.py --no-charts-only`.
It writes only under bench/_work/charts/.
"""
from __future__ import annotations

import argparse
import dataclasses
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "_work" / "charts"
CHARTS = ROOT / "specs" / "examples" / "chad-appeal-2004.yaml"
RAQQA = ROOT / "specs" / "raqqa-2017.yaml"
GOAL_MS = 30.0


def checked(path):
    from factsheet.validate.rules import check_spec

    sheet, diagnostics = check_spec(path)
    if sheet is None:
        raise SystemExit("\n".join(str(d) for d in diagnostics))
    return sheet


def variants(sheet, count: int, charts: bool) -> list:
    """`count` sheets that differ in their title and their charts' titles, so that no cache of
    wrapped paragraphs or chart marks serves one from another; without charts if `charts` is False."""
    from factsheet.sheet.model import Span

    out = []
    for n in range(count):
        sections = tuple(dataclasses.replace(
            s, chart=(dataclasses.replace(s.chart, title=(Span(f"{s.chart.title_text} ({n})"),))
                      if charts and getattr(s, "chart", None) else None))
            for s in sheet.sections) if hasattr(sheet.sections[0], "chart") else sheet.sections
        out.append(dataclasses.replace(sheet, spec_path=sheet.spec_path.with_name(f"bench-{n:03d}.yaml"),
                                       title=(Span(f"{sheet.title_text} ({n})"),), sections=sections))
    return out


def build_times(sheets, folder: Path) -> list:
    from factsheet.build.sheet import build_sheet
    from factsheet.theme.template import load_template

    template = load_template("default")
    build_sheet(sheets[0], template, folder / "warm-up")      # fonts, the Word package, imports
    times = []
    for sheet in sheets[1:]:
        start = time.process_time()   # CPU time: the machine's other load does not count
        build_sheet(sheet, template, folder, formats=("pdf", "docx"))
        times.append((time.process_time() - start) * 1000)
    return times


def cold_times(spec: Path, runs: int) -> list:
    """CPU ms of `factsheet build` of one spec in a fresh process, `runs` times (--force: no
    up-to-date skip)."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "factsheet", "build", str(spec), "--out",
                        str(WORK / "cli"), "--force", "--jobs", "1"], check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)   # the child's CPU time, user + system
        times.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return times


def without_charts(spec: Path, keep: bool = False) -> Path:
    """A copy of `spec` alone (not its translations, which `build` would build too) with its
    `chart:` blocks removed (facts used only by charts then warn), or kept with `keep`."""
    folder = WORK / ("spec-charts" if keep else "spec")
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(spec.parent / "sources", folder / "sources")
    text = spec.read_text("utf-8")
    if not keep:
        text = re.sub(r"\n    chart:\n(?:      .*\n|        .*\n)+", "\n", text)
    (folder / spec.name).write_text(text, "utf-8")
    return folder / spec.name


def median(values) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=40)
    parser.add_argument("--cold", type=int, default=5, help="fresh-process builds of each spec")
    parser.add_argument("--no-charts-only", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    raqqa = build_times(variants(checked(RAQQA), args.sheets, False), WORK / "raqqa")
    print(f"Raqqa example, no charts: {median(raqqa):.1f} ms per build (median of {len(raqqa)}, "
          f"PDF and DOCX, fit included; CPU time)")
    if args.no_charts_only:
        cold = cold_times(RAQQA, args.cold)
        print(f"Raqqa example, cold `factsheet build`: {median(cold):.0f} ms (median of {len(cold)})")
        return 0
    sheet = checked(CHARTS)
    plain = build_times(variants(sheet, args.sheets, False), WORK / "plain")
    charted = build_times(variants(sheet, args.sheets, True), WORK / "charts")
    warm = median(charted) - median(plain)
    print(f"charts example without its charts: {median(plain):.1f} ms per build")
    print(f"charts example with its three charts: {median(charted):.1f} ms per build "
          f"(+{warm:.1f} ms; goal: at most +{GOAL_MS:.0f} ms)")
    stripped, charts_alone = without_charts(CHARTS), without_charts(CHARTS, keep=True)
    cold_times(stripped, 1), cold_times(charts_alone, 1)   # compiled modules, the Word package cache
    cold_plain, cold_charts = [], []
    for _ in range(args.cold):                         # side by side, so load on the machine is shared
        cold_plain += cold_times(stripped, 1)
        cold_charts += cold_times(charts_alone, 1)
    cold = median(cold_charts) - median(cold_plain)
    print(f"cold `factsheet build`: {median(cold_plain):.0f} ms without charts, "
          f"{median(cold_charts):.0f} ms with three (+{cold:.0f} ms; goal: at most +{GOAL_MS:.0f} ms)")
    return 0 if warm <= GOAL_MS and cold <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
