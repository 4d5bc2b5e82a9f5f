"""What translations cost: a cold `factsheet build` of a spec alone, and with its translations.

Copies the example spec and its sources into bench/_work/translations/, then times, in fresh
processes (cold, as a user runs it, median of --runs): `validate` and `build --force` of the
spec alone, and of the spec with its French and Arabic translations beside it. Goal: each
translation costs no more than its own sheet, so a build with two translations takes at most
3.3 times the spec alone (the cold start is paid once). A spec without translations pays only
a look for `<stem>.*.yaml` beside it: compare `spec alone` with a checkout before issue 13.
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
WORK = ROOT / "bench" / "_work" / "translations"


def timed(argv: list, cwd: Path, runs: int) -> float:
    times = []
    env = dict(os.environ, SOURCE_DATE_EPOCH="1503705600")
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "factsheet", *argv], cwd=cwd, env=env,
                              capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    return statistics.median(times)


def folder(name: str, translations: bool) -> Path:
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    shutil.copytree(ROOT / "specs" / "sources", path / "sources")
    names = ["raqqa-2017.yaml"] + (["raqqa-2017.fr.yaml", "raqqa-2017.ar.yaml"] if translations else [])
    for file in names:
        shutil.copy(ROOT / "specs" / file, path / file)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = {}
    for name, translations in (("alone", False), ("translated", True)):
        path = folder(name, translations)
        rows[name] = (timed(["validate", "--max-age", "100000", "raqqa-2017.yaml"], path, args.runs),
                      timed(["build", "--force", "raqqa-2017.yaml", "--out", "output"], path, args.runs))
    print(f"{'':<28}{'validate':>10}{'build':>10}   (seconds, median of {args.runs} cold runs)")
    print(f"{'spec alone':<28}{rows['alone'][0]:>10.3f}{rows['alone'][1]:>10.3f}")
    print(f"{'spec + fr + ar':<28}{rows['translated'][0]:>10.3f}{rows['translated'][1]:>10.3f}")
    ratio = rows["translated"][1] / rows["alone"][1]
    print(f"build with two translations: {ratio:.2f} x the spec alone (goal: at most 3.3)")
    ok = ratio <= 3.3
    print("goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
