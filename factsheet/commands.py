"""What each `factsheet` command does, over the library; cli.py only parses arguments."""
from __future__ import annotations

from pathlib import Path

from .build.report import make_reporter
from .diagnostics import WARNING, Diagnostic, FactsheetError, UsageError, to_json
from .spec.paths import find_specs


def strictly(diagnostics, strict: bool) -> list:
    """With --strict, warnings count as errors."""
    if not strict:
        return list(diagnostics)
    return [Diagnostic("error", d.file, d.line, d.col, d.code, d.message, d.hint)
            if d.severity == WARNING else d for d in diagnostics]


def run_validate(args, stdout, stderr) -> int:
    from .theme.template import template_max_age
    from .validate.rules import check_spec

    failed, unreadable, everything = 0, 0, []
    specs = find_specs(args.specs)
    for path in specs:
        max_age = args.max_age if args.max_age is not None else template_max_age
        try:
            sheet, diagnostics = check_spec(path, max_age=max_age, edition=args.edition)
        except UsageError as exc:   # this file cannot be read: say so, check the others
            print(f"factsheet: {exc}", file=stderr)
            unreadable += 1
            continue
        checked = [(path, sheet, diagnostics)]
        if sheet is not None and not diagnostics.errors:
            # the template and the fit on one page, as `build` will need them; this loads
            # ReportLab, so only once the spec itself is valid
            from .build.sheet import check_page

            diagnostics.extend(check_page(sheet, path))
            if not diagnostics.errors:   # then each translation beside it, against it
                from .validate.translation import check_translations

                checked += check_translations(path, sheet)
        errors = 0
        for file, sheet, diagnostics in checked:
            if file != path and sheet is not None and not diagnostics.errors:
                diagnostics.extend(check_page(sheet, file))
            diagnostics = strictly(diagnostics.sorted(), args.strict)
            everything.extend(diagnostics)
            errors += sum(d.is_error for d in diagnostics)
            if args.format == "text":
                for d in diagnostics:
                    print(d, file=stdout)
        failed += bool(errors)
    if args.format == "json":
        print(to_json(everything), file=stdout)
    else:
        warnings = sum(not d.is_error for d in everything)
        print(f"{len(specs) - failed - unreadable} of {len(specs)} spec(s) valid, "
              f"{sum(d.is_error for d in everything)} error(s), {warnings} warning(s)", file=stderr)
    return 2 if unreadable else 1 if failed else 0


def run_new(args, stdout, stderr) -> int:
    from .spec.starter import write_starter

    written = write_starter(args.name, Path(args.dir))
    for path in written:
        print(f"wrote {path}", file=stdout)
    print(f"next: edit {written[0]}, then run: factsheet validate {written[0]}", file=stdout)
    return 0


def run_translate(args, stdout, stderr) -> int:
    from .spec.translate import translate_spec

    if args.accept and not args.update:
        raise UsageError("translate: --accept goes with --update")
    from .sheet.words import LANGUAGES, language_of
    from .spec.translation import LANGUAGE_TAG
    if LANGUAGE_TAG.fullmatch(args.to.strip()) \
            and language_of(args.to.strip()) not in LANGUAGES:   # before anyone translates a word
        raise UsageError(f"translate: language {args.to.strip()!r} has no catalogue of printed words: "
                         f"use one of {', '.join(LANGUAGES)}")
    path, report = translate_spec(Path(args.spec), args.to, update=args.update, accept=args.accept)
    for line in report:
        print(f"  {line}", file=stdout)
    print(f"{'updated' if args.update else 'wrote'} {path}", file=stdout)
    if not args.update:
        print(f"next: translate each value (the original is in the comment above it), then run: "
              f"factsheet validate {args.spec}", file=stdout)
    elif report and not args.accept:
        print(f"next: revise what is marked CHANGED or NEW in {path.name}, then record that the "
              f"translation follows the original: factsheet translate {args.spec} --to {args.to} "
              "--update --accept", file=stdout)
    else:
        print(f"next: factsheet validate {args.spec}", file=stdout)
    return 0


def run_dump(args, stdout, stderr) -> int:
    from .diagnostics import InvalidSpec
    from .sheet.dump import dump_sheet
    from .validate.rules import check_spec

    from .spec.translation import original_of

    path = Path(args.spec)
    spec = original_of(path)      # a translation: dumped as its sheet, over its spec's facts
    sheet, diagnostics = check_spec(spec or path, edition=args.edition)
    if sheet is not None and spec is not None:
        from .validate.translation import check_translations

        sheet, diagnostics = next((s, d) for p, s, d in check_translations(spec, sheet) if p == path)
    if sheet is None:
        raise InvalidSpec(diagnostics.sorted())
    print(dump_sheet(sheet), end="", file=stdout)
    return 0


def ensure_out_dir(out: Path) -> None:
    """Create the output folder and prove it writable, before any sheet is built: a wrong
    --out is one clear error, not the same failure once per sheet."""
    import errno
    import tempfile

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".factsheet-probe-"):
            pass
    except OSError as exc:
        why = "a file is in the way" if exc.errno in (errno.ENOTDIR, errno.EEXIST) else \
            (exc.strerror or str(exc)).lower()
        raise UsageError(f"--out {out}: cannot write to this folder: {why}") from None


def run_build(args, stdout, stderr) -> int:
    from .build.batch import FAILED, build_specs
    from .files import WriteError

    specs = find_specs(args.specs)
    ensure_out_dir(Path(args.out))
    report = make_reporter(stdout, len(specs), debug=getattr(args, "debug", False))
    try:
        results = build_specs(specs, Path(args.out), args.format, force=args.force,
                              jobs=args.jobs, on_result=report, edition=args.edition)
    except WriteError as exc:   # CHANGES.md or index.html, after the sheets were reported
        print(f"factsheet: error: {exc}", file=stderr)
        return 1
    finally:
        report.close()
    failed = [r for r in results if r.status == FAILED]
    if len(results) > 1 or failed:
        built = sum(r.status == "built" for r in results)
        print(f"{built} built, {len(results) - built - len(failed)} up to date, "
              f"{len(failed)} failed", file=stderr)
    # a bug in factsheet outranks a bad spec: exit 3, as for any internal error
    return 3 if any(r.internal_error for r in failed) else 1 if failed else 0


def run_publish(args, stdout, stderr) -> int:
    from .build.batch import FAILED
    from .build.site import publish_site
    from .files import WriteError

    specs = find_specs(args.specs)
    ensure_out_dir(Path(args.site))
    report = make_reporter(stdout, len(specs), debug=getattr(args, "debug", False))
    try:
        published = publish_site(specs, Path(args.site), edition=args.edition, force=args.force,
                                 jobs=args.jobs, on_result=report, url=args.url)
    except WriteError as exc:
        print(f"factsheet: error: {exc}", file=stderr)
        return 1
    finally:
        report.close()
    results = published.results
    failed = [r for r in results if r.status == FAILED]
    built = sum(r.status == "built" for r in results)
    print(f"{built} built, {len(results) - built - len(failed)} up to date, {len(failed)} failed; "
          f"site {args.site}: {published.sheets} sheet(s), {len(published.written)} file(s) written "
          f"(open {Path(args.site) / 'index.html'})", file=stderr)
    return 3 if any(r.internal_error for r in failed) else 1 if failed else 0


def run_diff(args, stdout, stderr) -> int:
    from .build.changes import compare_records, format_change
    from .build.revisions import record_at_revision, record_of
    from .diagnostics import InvalidSpec

    def record(read, spec: str, name: str):
        try:
            return read(Path(spec))
        except InvalidSpec as exc:   # its errors, then why nothing was compared
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=stderr)
            errors = sum(d.is_error for d in exc.diagnostics)
            print(f"factsheet: diff: {name} has {errors} error(s): fix them to compare its figures",
                  file=stderr)
            return None

    if args.since:
        if args.new:
            raise UsageError("diff: give either OLD NEW or SPEC --since REV, not both")
        old = record(lambda p: record_at_revision(p, args.since), args.old, f"{args.old}@{args.since}")
        new = record(record_of, args.old, args.old)
    else:
        if not args.new:
            raise UsageError("diff: give two specs (OLD NEW), or SPEC --since REV")
        old, new = record(record_of, args.old, args.old), record(record_of, args.new, args.new)
    if old is None or new is None:
        return 1
    changes = compare_records(old, new)
    for change in changes:
        print(format_change(change), file=stdout)
    if not changes:
        print("no figures changed", file=stdout)
    return 0


def run_extract(args, stdout, stderr) -> int:
    from datetime import date

    from .sources.extract import drafts_yaml, extract, open_source

    if args.add and not args.spec:
        raise UsageError("extract: --add needs --spec SPEC, the spec to add the drafts to")
    published = None
    if args.published:
        try:
            published = date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(f"extract: --published must be a date (YYYY-MM-DD), not {args.published!r}") from None
    source = open_source(args.source, args.spec, published)
    if args.spec and not source.in_spec:
        problem = f"{args.source} is not the archive of any source in {args.spec}"
        if args.add:
            raise UsageError(f"{problem}: add the source to the spec first")
        print(f"factsheet: warning: {problem}: the drafts cite '{source.id}'", file=stderr)
    if source.published is None:
        print("factsheet: no publication date (give --published or --spec): date hints such as "
              "'last Friday' are left as comments", file=stderr)
    result = extract(source.text, source.id, source.published, source.fact_ids, source.archive)
    if args.add:
        from .spec.edit import add_entries

        drafts = [d for d in result.drafts if d.value is not None]
        if drafts:
            add_entries(args.spec, "facts", [d.entry() for d in drafts])
        print(f"added {len(drafts)} draft fact(s) to {args.spec}: check each one, then remove its "
              "`draft: true`", file=stderr)
        for draft in result.drafts:
            # a figure no fact can state has no id in the spec: name it by its words
            name = draft.id if draft.value is not None else f"'{draft.figure}' (not added)"
            for note in draft.notes:
                print(f"  {name}: {note}", file=stderr)
    else:
        print(drafts_yaml(result.drafts), end="", file=stdout)
    print(result.summary(source.id, added=args.add), file=stderr)
    return 0


def run_watch(args, stdout, stderr) -> int:
    from .build.watch import watch_and_build

    return watch_and_build(Path(args.path), Path(args.out), stdout, stderr, edition=args.edition)


def run_archive(args, stdout, stderr) -> int:
    from .sources.capture import SHORT_TEXT_WORDS, archive_article

    done = archive_article(args.file, args.spec, source_id=args.source_id, title=args.title,
                           publisher=args.publisher, published=args.published, url=args.url)
    article = done.article
    print(f"archived {args.file} ({'web page' if article.kind == 'html' else 'text'}, "
          f"{article.encoding}) -> {done.archive} ({article.words:,} words)", file=stdout)
    taken = f" ({', '.join(done.from_page)} from the page)" if done.from_page else ""
    print(f"added to {args.spec} sources{taken}:", file=stdout)
    print(done.entry_text, end="", file=stdout)
    if article.words < SHORT_TEXT_WORDS:
        print(f"factsheet: warning: only {article.words} words archived: check that {args.file} "
              "is the article", file=stderr)
    print(f"next: factsheet extract {done.source['id']} --spec {args.spec}", file=stdout)
    return 0


def run_templates(args, stdout, stderr) -> int:
    """Each template name a spec can use: where it comes from and what it is for."""
    from .theme.template import BUILTIN_DIR, available_templates, copy_builtin_template, load_template

    path = Path(args.path)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    if args.copy:   # into the folder whose specs (and those up to three folders below) find it
        copied = _shown_path(copy_builtin_template(args.copy, path if path.is_dir() else path.parent))
        print(f"wrote {copied}", file=stdout)
        print(f"next: edit it (as '{args.copy}' it replaces the built-in look for the specs here), "
              "or rename it for a look of its own", file=stdout)
        return 0
    spec = path / "spec.yaml" if path.is_dir() else path   # a folder: as a spec inside it sees it
    rows = []
    for name, file in available_templates(spec).items():
        where = "built in" if file.parent == BUILTIN_DIR else _shown_path(file)
        try:
            description = load_template(file).description or ""
        except FactsheetError as exc:      # list it anyway: a broken template is still found first
            description = f"(invalid: {str(exc).splitlines()[0]})"
        rows.append((name, where, description))
    width = max(len(name) for name, _, _ in rows)
    place = max(len(where) for _, where, _ in rows)
    for name, where, description in rows:
        print(f"{name:<{width}}  {where:<{place}}  {description}".rstrip(), file=stdout)
    if any(where == "built in" for _, where, _ in rows):   # they live inside the installed package
        print("to edit a built-in template, copy it into templates/: factsheet templates --copy NAME",
              file=stderr)
    return 0


def run_icons(args, stdout, stderr) -> int:
    """The names of the icons a key figure can carry, one a line; a summary on stderr."""
    from .theme.icons import find_icons, icon_names

    names = find_icons(args.words)
    for name in names:
        print(name, file=stdout)
    total = len(icon_names())
    if not names:
        from .diagnostics import closest_name

        # 'refugees' for 'refugee', 'peple' for 'people': suggest the words the names are made of
        parts = {part for name in icon_names() for part in name.split("-")}
        words = [w if any(w.lower() in n for n in icon_names()) else closest_name(w.lower(), parts)
                 for w in args.words]
        hint = f"; did you mean: factsheet icons {' '.join(words)}" if all(words) else ""
        print(f"no icon's name holds {' and '.join(repr(w) for w in args.words)}: "
              f"'factsheet icons' lists all {total}{hint}", file=stderr)
        return 0
    shown = f"{len(names)} of {total}" if args.words else str(total)
    print(f"{shown} OCHA humanitarian icons; give one to a key figure: "
          "key_figures: [{fact: FACT-ID, icon: NAME}]", file=stderr)
    return 0


def _shown_path(path: Path) -> str:
    """A path relative to the working folder where it lies under it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
