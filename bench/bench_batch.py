"""Benchmark: a full build of 200 specs on the machine's cores, then a no-op rebuild.

Goals (issue 4): full build of 200 specs, both formats, under 8 s on 2 cores; no-op under 1 s.
Also times a cold `factsheet build` of the example (issue 3 goal: under 0.4 s wall).

    python bench/bench_batch.py [--specs 200] [--jobs 2]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "_work" / "batch"


def make_project(count: int) -> Path:
    """`count` distinct specs (their own titles and a varying figure) over the two real archives."""
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "specs").mkdir(parents=True)
    shutil.copytree(REPO / "specs" / "sources", WORK / "specs" / "sources")
    shutil.copytree(REPO / "templates", WORK / "templates")
    example = (REPO / "specs" / "raqqa-2017.yaml").read_text(encoding="utf-8")
    # figures that each spec may use as its changing key figure, all stated in the archive
    variants = [("220", "at least 220 civilians are estimated to have been killed in May alone"),
                ("21", "At least 21 civilians have reportedly died"),
                ("12", "another 12 were killed in strikes last Friday")]
    for n in range(count):
        value, quote = variants[n % len(variants)]
        # a figure in a title would need a source: tell the sheets apart with letters
        code = "".join(chr(ord("A") + int(d)) for d in f"{n:03d}")
        text = example.replace('title: "Raqqa: civilians trapped', f'title: "Sheet {code}: civilians trapped')
        text = text.replace("    value: 220\n", f"    value: {value}\n")
        text = text.replace('quote: "at least 220 civilians are estimated to have been killed in May alone"',
                            f'quote: "{quote}"')
        (WORK / "specs" / f"sheet-{n:03d}.yaml").write_text(text, encoding="utf-8")
    return WORK


CPU = []   # the CPU seconds of each timed command, its processes and theirs: on a shared
           # machine a steadier measure than the wall time, which other users' work stretches


def timed(argv: list, cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    exe = [sys.executable, "-m", "factsheet.cli"]

    project = make_project(args.specs)
    full = timed(exe + ["build", "specs/", "--jobs", str(args.jobs)], project)
    full_cpu = CPU[-1]
    noop = timed(exe + ["build", "specs/", "--jobs", str(args.jobs)], project)
    spec = project / "specs" / "sheet-000.yaml"
    spec.write_text(re.sub(r"Sheet AAA:", "Sheet ZZZ:", spec.read_text(encoding="utf-8")), encoding="utf-8")
    one = timed(exe + ["build", "specs/", "--jobs", str(args.jobs)], project)
    pdfs = len(list((project / "output").glob("*.pdf")))
    docxs = len(list((project / "output").glob("*.docx")))

    single = project / "specs" / "sheet-001.yaml"
    # the console script pip installed beside this Python (not a version manager's shim,
    # which adds its own start-up: pyenv's costs about 50 ms)
    script = Path(sys.executable).with_name("factsheet")
    command = [str(script)] if script.exists() else ["factsheet"]
    cold = [timed(command + ["build", str(single), "--out", "cold", "--force"], project)
            for _ in range(9)]
    cold_cpu = CPU[-9:]
    validate = [timed(command + ["validate", str(single)], project) for _ in range(9)]

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"full build of {args.specs} specs, PDF + DOCX, {args.jobs} jobs: {full:.2f} s "
          f"({args.specs / full:.1f} sheets/s; {pdfs} PDF, {docxs} DOCX)   goal < 8 s")
    print(f"  {full / args.specs * 1000:.1f} ms a sheet of wall time; CPU {full_cpu:.2f} s, "
          f"{full_cpu / args.specs * 1000:.1f} ms a sheet over all processes")
    print(f"no-op rebuild of {args.specs} specs: {noop:.2f} s   goal < 1 s")
    print(f"rebuild after editing one spec: {one:.2f} s")
    print(f"cold `factsheet build` of one spec (PDF + DOCX, start-up included): "
          f"median {statistics.median(cold):.3f} s, min {min(cold):.3f} s   goal < 0.4 s; "
          f"CPU median {statistics.median(cold_cpu):.3f} s, min {min(cold_cpu):.3f} s")
    print(f"cold `factsheet validate` of one spec: median {statistics.median(validate):.3f} s")


if __name__ == "__main__":
    main()
