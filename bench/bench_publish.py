"""Benchmark: `factsheet publish` of 100 sheets cold, again with nothing changed, and with one figure changed.

Cold, every sheet is built in every document (PDF, DOCX, PNG, HTML sheet) with its companions,
then the site's pages, thumbnails, index and feed are written. The no-op and one-change runs
show what incremental publishing costs: manifests read and compared, pages composed in memory
and written only where their bytes changed.

    python bench/bench_publish.py [--specs 100] [--jobs 2]

Goals: the site's own work (pages, thumbnails, index and feed all made anew, every sheet up to
date) takes under 0.15 s a sheet; publishing again with nothing changed writes no
file, in under 2 s; with one figure changed, it writes only that sheet's files, its page and
picture, the build's CHANGES.md and index, and the site's index and feed, in under 5 s.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import make_project, timed  # noqa: E402  (the same 100 distinct specs)


def files_written_since(folder: Path, moment: float) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime >= moment)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    exe = [sys.executable, "-m", "factsheet.cli", "publish", "specs/", "--site", "site",
           "--jobs", str(args.jobs)]

    project = make_project(args.specs)
    site = project / "site"
    # the same documents built without the site: what the site's own pages add
    build = timed(exe[:3] + ["build", "specs/", "--format", "all", "--out", "built", "--jobs", str(args.jobs)],
                  project)
    cold = timed(exe, project)
    files = sum(1 for p in site.rglob("*") if p.is_file())
    # the site's own work alone: every sheet up to date, every page and picture made anew
    shutil.rmtree(site / "thumbs")
    for made in [site / "index.html", site / "feed.atom", *site.glob("sheets/*.page.html")]:
        made.unlink()
    pages = timed(exe, project)
    started = time.time()
    noop = timed(exe, project)
    noop_written = files_written_since(site, started)

    spec = project / "specs" / "sheet-000.yaml"   # its killed-may: at least 220 -> at least 21
    spec.write_text(spec.read_text(encoding="utf-8").replace("    value: 220\n", "    value: 21\n").replace(
        '"at least 220 civilians are estimated to have been killed in May alone"',
        '"At least 21 civilians have reportedly died"'), encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = "1700100000"
    started = time.time()
    one = timed(exe, project)
    one_written = files_written_since(site, started)
    feed = (site / "feed.atom").read_text(encoding="utf-8")
    assert "killed-may changed from at least 220 to at least 21" in feed

    print(f"{args.specs} specs, --jobs {args.jobs}, {os.cpu_count()} cores; {files} files in the site")
    print(f"cold build --format all: {build:5.2f} s ({build / args.specs * 1000:.0f} ms a sheet)")
    print(f"cold publish:           {cold:6.2f} s ({cold / args.specs * 1000:.0f} ms a sheet)")
    print(f"site's own work, anew:  {pages:6.2f} s ({pages / args.specs * 1000:.0f} ms a sheet)")
    print(f"publish, nothing new:   {noop:6.2f} s ({noop_written} files written)")
    print(f"publish, one changed:   {one:6.2f} s ({one_written} files written)")
    missed = []
    if pages > 0.15 * args.specs:
        missed.append(f"the site's own work took {pages:.1f} s (goal {0.15 * args.specs:.1f} s)")
    if noop_written or noop > 2:
        missed.append(f"an unchanged publish wrote {noop_written} files in {noop:.2f} s (goal 0, 2 s)")
    # 10 files of the sheet (4 documents, audit, JSON, HXL, manifest, page, picture) + 4
    if one_written > 14 or one > 5:
        missed.append(f"one changed sheet wrote {one_written} files in {one:.2f} s (goal 14, 5 s)")
    if missed:
        sys.exit("goal missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
