"""What a build tells its user: one line per sheet, or a progress bar on a terminal."""
from __future__ import annotations


def make_reporter(stream, total: int, debug: bool = False):
    """A progress bar on a terminal; one plain line per sheet otherwise (logs, CI)."""
    from .batch import BUILT, FAILED

    bar = None
    if total > 1 and hasattr(stream, "isatty") and stream.isatty():
        from tqdm import tqdm
        bar = tqdm(total=total, unit="sheet", file=stream, leave=False)

    def report(result) -> None:
        lines = []
        if result.outputs:   # built; FAILED too when a translation could not be
            names = ", ".join(str(p) for p in result.documents)
            lines.append(f"built {result.spec} -> {names} ({result.seconds:.2f} s)")
            if result.translations:
                lines.append(f"  translations -> {', '.join(str(p) for p in result.translations)}")
            if result.status == BUILT:   # else the messages follow FAILED, below
                lines.extend(f"  {line}" for m in result.messages for line in m.splitlines())
            if result.changes:
                lines.append(f"  figures changed on {result.spec.name}:")
                lines.extend(f"    {c}" for c in result.changes)
        if result.status == FAILED:
            lines.append(f"FAILED {result.spec}")
            if result.internal_error and debug:
                lines.append(result.internal_error.rstrip())
            lines.extend(f"  {line}" for m in result.messages for line in m.splitlines())
        elif result.status != BUILT:
            lines.append(f"up to date {result.spec}")
        if bar is not None:
            for line in lines:
                bar.write(line, file=stream)
            bar.update(1)
        else:
            print("\n".join(lines), file=stream, flush=True)

    report.close = (lambda: bar.close()) if bar is not None else (lambda: None)
    return report
