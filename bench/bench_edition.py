"""What the public edition costs: checking a spec in each edition, 100 sheets built in each,
their up-to-date re-runs, the one-folder-one-edition check, and a cold one-sheet build.

    python bench/bench_edition.py [--sheets 100] [--jobs 2] [--cold 5]

The public edition differs from the internal one only while the spec is checked (its rules,
then fewer sources to assemble): goals, as the fastest of 30 runs so that a busy machine
does not decide them: `check_spec` in the public edition within 10% of the internal one, and
checking an output folder of 100 sheets for its edition under 20 ms.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "confidential.yaml"
WORK = ROOT / "bench" / "_work" / "edition"


def make_specs(count: int) -> list:
    folder = WORK / "specs"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "sources").mkdir(parents=True)
    for name in ("epp-assessment-2017-08.txt", "voa-2017-08-25.txt"):
        shutil.copy(FIXTURE.parent / "sources" / name, folder / "sources" / name)
    text = FIXTURE.read_text(encoding="utf-8")
    specs = []
    for n in range(count):
        spec = folder / f"sheet-{n:03d}.yaml"
        code = chr(97 + n // 26 % 26) + chr(97 + n % 26)   # titles differ without a figure
        spec.write_text(text.replace("goes on", f"goes on, sheet {code}"), encoding="utf-8")
        specs.append(spec)
    return specs


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def cold_build(spec: Path, edition: str, runs: int) -> float:
    """Median wall time of `factsheet build` in a fresh process (--force: really building)."""
    out = WORK / f"cold-{edition}"
    times = []
    for _ in range(runs):
        command = [sys.executable, "-m", "factsheet", "build", str(spec), "--out", str(out),
                   "--force", "--edition", edition]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def check_times(spec: Path) -> dict:
    """The fastest of 30 `check_spec` runs of the spec in each edition, archives cached."""
    from factsheet import check_spec

    return {edition: min(timed(lambda: check_spec(spec, edition=edition)) for _ in range(30))
            for edition in ("internal", "public")}


def main() -> int:
    from factsheet.build.batch import build_specs, check_folder_edition

    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1503705600")
    specs = make_specs(args.sheets)
    seconds = {}
    # one-off costs (the Word package cache, fonts) are not an edition's: pay them first
    build_specs(specs[:1], WORK / "warm-up", None, force=True)
    for edition in ("internal", "public"):
        out = WORK / f"out-{edition}"
        shutil.rmtree(out, ignore_errors=True)
        results = []
        seconds[edition] = timed(lambda: results.extend(
            build_specs(specs, out, None, jobs=args.jobs, edition=edition)))
        assert all(r.status == "built" for r in results), [r.messages for r in results][:1]
        again = timed(lambda: build_specs(specs, out, None, jobs=args.jobs, edition=edition))
        check = min(timed(lambda: check_folder_edition(out, edition)) for _ in range(5))
        print(f"{edition:8}  {args.sheets} sheets: {seconds[edition]:.2f} s "
              f"({1000 * seconds[edition] / args.sheets:.1f} ms a sheet, {args.jobs} jobs); "
              f"up to date: {again:.2f} s; folder edition check: {1000 * check:.1f} ms")
    cold = {e: cold_build(specs[0], e, args.cold) for e in ("internal", "public")}
    print(f"cold one-sheet build (median of {args.cold}): internal {cold['internal']:.3f} s, "
          f"public {cold['public']:.3f} s")
    checks = check_times(specs[0])
    ratio = checks["public"] / checks["internal"]
    print(f"check_spec (fastest of 30): internal {1000 * checks['internal']:.2f} ms, public "
          f"{1000 * checks['public']:.2f} ms: public / internal {ratio:.2f} (goal: at most 1.10); "
          "folder check goal: under 20 ms")
    return 0 if ratio <= 1.10 and check < 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
