"""Benchmark the validator: 1,000 specs of 10 facts each, quoting 200 archived articles of ~5,000 words.

Goal (issue 2): all 1,000 validated in under 10 s wall on 2 cores, each archive read and
normalised once per worker process. Not a test: it prints figures.

    python bench/bench_validate.py [--specs 1000] [--archives 200] [--words 5000] [--workers 2]
                                   [--profile]

The corpus is generated (deterministically) under bench/_work/validate/, which git ignores.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.sources.archive import ArchiveCache                   # noqa: E402
from factsheet.validate.rules import check_spec                    # noqa: E402

WORK = ROOT / "bench" / "_work" / "validate"
TODAY = date(2024, 1, 1)
FACTS_PER_SPEC = 10
SOURCES_PER_SPEC = 3
CHUNK = 25  # specs per task: small enough to balance two workers, large enough to be cheap

# -- the corpus ----------------------------------------------------------------------------------

PLACES = ["Raqqa", "Deir ez-Zor", "Hasakah", "Idlib", "Aleppo", "Tabqa", "Manbij", "Kobani", "Hama"]
THINGS = ["people", "families", "households", "children", "civilians", "health centres", "schools",
          "water points", "shelters", "bakeries"]
VERBS = ["had been displaced", "were reported missing", "needed urgent assistance", "were damaged",
         "had received food rations", "were out of service", "had fled the fighting"]
FILLER = ("the agency said that conditions in the area remained difficult while partners continued "
          "to deliver assistance where access allowed and local authorities called for calm as "
          "humanitarian workers assessed needs across the district amid reports of shelling near "
          "the river crossing and along the main road").split()
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _figure(rng: random.Random) -> tuple:
    """A figure as an article writes it, with the value and unit a fact would give it."""
    kind = rng.random()
    if kind < 0.5:
        value = rng.randrange(100, 500_000)
        return f"{value:,}", value, None
    if kind < 0.7:
        value = rng.randrange(2, 99)
        return rng.choice([f"{value} per cent", f"{value}%", f"{value} percent"]), value, "%"
    if kind < 0.85:
        word = rng.choice(NUMBER_WORDS)
        return word, NUMBER_WORDS.index(word) + 2, None
    value = rng.randrange(13, 5000)
    return str(value), value, None


def _fact_sentence(rng: random.Random) -> tuple:
    """An article sentence stating one figure; the quote is a stretch of it around the figure."""
    figure, value, unit = _figure(rng)
    place, thing, verb = rng.choice(PLACES), rng.choice(THINGS), rng.choice(VERBS)
    # typography the validator must see through: curly apostrophes and quotes, dashes, nbsp
    who = rng.choice(["the UN\u2019s office", "OCHA\u2019s team", "the agency", "local officials"])
    if unit == "%":
        core = f"a rise of {figure} in the number of {thing} that {verb} in {place}"
    else:
        core = f"{figure}\u00a0{thing} {verb} in {place}" if rng.random() < 0.3 else \
            f"{figure} of {place}\u2019s {thing} {verb}" if rng.random() < 0.3 else \
            f"{figure} {thing} {verb} in {place}"
    sentence = f"According to {who}, {core} \u2013 a \u201cdeeply worrying\u201d trend."
    quote = core.replace("\u00a0", " ")
    return sentence, quote, value, unit, f"{thing} in {place} that {verb}"


def write_archive(path: Path, rng: random.Random, words: int) -> list:
    """An article of about `words` words; returns the facts it states: (quote, value, unit, label)."""
    paragraphs, facts, count = [], [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randrange(3, 7)):
            if rng.random() < 0.3:
                sentence, quote, value, unit, label = _fact_sentence(rng)
                facts.append((quote, value, unit, label))
            else:
                filler = rng.choices(FILLER, k=rng.randrange(12, 30))
                if rng.random() < 0.2:  # numbers no fact uses, like a picture gallery's '12/30'
                    gallery = f"{rng.randrange(1, 40)}/{rng.randrange(40, 99)}"
                    filler.insert(rng.randrange(len(filler)), gallery)
                sentence = " ".join(filler).capitalize() + "."
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(sentences))
    text = "\n\n".join(paragraphs)
    if rng.random() < 0.1:  # mojibake, as in real archives
        text = text.replace("\u2019s", "\ufffds", 3)  # quotes across these take the slow path
    path.write_text(text + "\n", encoding="utf-8")
    # quotes keep the straight apostrophe users type
    return [(q.replace("\ufffd", "'").replace("\u2019", "'"), v, u, label) for q, v, u, label in facts]


def write_spec(path: Path, number: int, rng: random.Random, archives: list) -> None:
    chosen = rng.sample(range(len(archives)), SOURCES_PER_SPEC)
    title = f"Situation in {rng.choice(PLACES)}, sheet {chr(65 + number % 26)}"  # no digits: no figure
    lines = ["factsheet: 1", f'title: "{title}"', "subtitle: Humanitarian fact sheet",
             "as_of: 2023-12-01", "", "sources:"]
    for index in chosen:
        lines += [f"  - id: article-{index:03d}", f'    title: "Article {index}"',
                  "    publisher: Example News", f"    url: https://example.org/articles/{index}", "    published: 2023-11-30",
                  f"    archive: archives/article-{index:03d}.txt"]
    lines += ["", "facts:"]
    fact_ids = []
    for i in range(FACTS_PER_SPEC):
        index = chosen[i % SOURCES_PER_SPEC]
        quote, value, unit, label = rng.choice(archives[index])
        fid = f"fact-{i}"
        fact_ids.append(fid)
        lines += [f"  - id: {fid}", f"    value: {value}"] + ([f'    unit: "{unit}"'] if unit else []) + [
            f"    label: {label}, report {'abcdefghij'[i]}",  # a letter: labels differ, hold no figure
            "    date: 2023-11-29", f"    source: article-{index:03d}", f'    quote: "{quote}"']
    lines += ["", f"key_figures: [{', '.join(fact_ids[:6])}]", "", "sections:", "  - heading: Situation",
              "    text: |"]
    lines += [f"      In {rng.choice(PLACES)}, {{{fid}}} was reported on 29 November 2023."
              for fid in fact_ids[6:]]
    # a figure in a cited sentence must be in the cited archive: take one it states
    stated = [rng.choice(archives[index])[1:3] + (index,) for index in chosen]
    lines += ["    bullets:"] + [f'      - "Partners reported {value:,}{unit or ""} more '
                                 f'[article-{index:03d}]."' for value, unit, index in stated]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_corpus(specs: int, archives: int, words: int) -> list:
    """Write the corpus unless the same one is there already; return the spec paths."""
    # the v in the name: a changed generator writes its corpus again
    stamp = WORK / f"corpus-v2-{specs}-{archives}-{words}.done"
    paths = [WORK / "specs" / f"spec-{n:04d}.yaml" for n in range(specs)]
    if stamp.exists():
        return paths
    shutil.rmtree(WORK, ignore_errors=True)
    # archives must lie inside the spec's folder: specs/archives/, shared by all the specs
    (WORK / "specs" / "archives").mkdir(parents=True)
    rng = random.Random(2017)
    facts = [write_archive(WORK / "specs" / "archives" / f"article-{i:03d}.txt", rng, words)
             for i in range(archives)]
    for n, path in enumerate(paths):
        write_spec(path, n, rng, facts)
    stamp.touch()
    return paths


# -- validating ------------------------------------------------------------------------------------

class CountingCache(ArchiveCache):
    """An ArchiveCache that counts its misses: how often each archive is read and normalised."""

    def __init__(self):
        super().__init__()
        self.reads: Counter = Counter()

    def _read(self, path, size):
        self.reads[path] += 1
        return ArchiveCache._read(path, size)


_WORKER_CACHE: CountingCache | None = None


def _start_worker() -> None:
    global _WORKER_CACHE
    _WORKER_CACHE = CountingCache()


def validate_chunk(paths: list, cache: CountingCache | None = None) -> tuple:
    """Validate specs with one cache; returns (valid, problems, pid, reads so far per archive)."""
    cache = cache or _WORKER_CACHE
    valid, problems = 0, []
    for path in paths:
        sheet, diagnostics = check_spec(path, cache=cache, today=TODAY)
        if sheet is not None and not diagnostics:
            valid += 1
        else:
            problems.extend(str(d) for d in diagnostics)
    return valid, problems, os.getpid(), dict(cache.reads)


def run_single(paths: list) -> tuple:
    cache = CountingCache()
    start = time.perf_counter()
    valid, problems, _pid, reads = validate_chunk(paths, cache)
    return time.perf_counter() - start, valid, problems, {os.getpid(): reads}


def run_parallel(paths: list, workers: int) -> tuple:
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    start = time.perf_counter()  # pool start-up included: it is part of the wall time
    with ProcessPoolExecutor(workers, initializer=_start_worker) as pool:
        results = list(pool.map(validate_chunk, chunks))
    elapsed = time.perf_counter() - start
    reads: dict = {}
    for _valid, _problems, pid, so_far in results:  # each worker's counts only grow
        if sum(so_far.values()) >= sum(reads.get(pid, {}).values()):
            reads[pid] = so_far
    return (elapsed, sum(r[0] for r in results), [p for r in results for p in r[1]], reads)


def report(label: str, count: int, elapsed: float, valid: int, problems: list, reads: dict) -> bool:
    most = max((n for per_worker in reads.values() for n in per_worker.values()), default=0)
    print(f"{label}: {count} specs in {elapsed:.2f} s = {count / elapsed:,.0f} specs/s; "
          f"{valid} valid")
    for pid, per_worker in sorted(reads.items()):
        print(f"  worker {pid}: {len(per_worker)} archives read, "
              f"{sum(per_worker.values())} reads in all (at most {most} of any one)")
    for line in problems[:5]:
        print("  unexpected:", line)
    return valid == count and most == 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=int, default=1000)
    parser.add_argument("--archives", type=int, default=200)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="cProfile the single-process run")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    paths = make_corpus(args.specs, args.archives, args.words)
    print(f"corpus: {args.specs} specs x {FACTS_PER_SPEC} facts over {args.archives} archives of "
          f"~{args.words:,} words, ready in {time.perf_counter() - start:.2f} s ({WORK})")

    ok = True
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
    elapsed, valid, problems, reads = run_single(paths)
    if args.profile:
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    ok &= report("1 process ", len(paths), elapsed, valid, problems, reads)
    single = elapsed
    elapsed, valid, problems, reads = run_parallel(paths, args.workers)
    ok &= report(f"{args.workers} processes", len(paths), elapsed, valid, problems, reads)
    print(f"speed-up {single / elapsed:.2f}x; goal: under 10 s for {args.specs} specs on 2 cores: "
          f"{'met' if elapsed < 10 else 'MISSED'}")
    return 0 if ok and elapsed < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
