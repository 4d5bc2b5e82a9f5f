"""The `factsheet` command: parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 success, 1 a spec is invalid or a sheet could not be built, 2 the command
was used wrongly or a named file could not be read, 3 a bug in factsheet itself.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback

from .diagnostics import FactsheetError, UsageError, internal_error_line
from .render import ALL, DEFAULT, companions, default_documents, documents


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # on every command, before or after its name; main() reads it from argv itself,
        # so that even a failure while parsing can be debugged
        self.add_argument("--debug", action="store_true",
                          help="on an internal error, print its traceback (or set FACTSHEET_DEBUG=1)")

    def error(self, message):  # misuse is exit 2, reported through main()'s stderr
        raise UsageError(f"{self.format_usage().strip()}\n{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factsheet", description="One-page humanitarian fact sheets from "
                     "YAML specs of verified facts.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check specs: sources, quotes, figures")
    validate.add_argument("specs", nargs="+", metavar="SPEC|FOLDER")
    validate.add_argument("--format", choices=("text", "json"), default="text",
                          help="diagnostics as text lines (default) or a JSON list")
    validate.add_argument("--max-age", type=int, metavar="DAYS", default=None,
                          help="warn when as_of or a key figure is older than DAYS "
                               "(default: the template's max_age_days)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _edition_option(validate, "check the spec as this edition")

    build = commands.add_parser("build", help="validate, then write "
                                f"{' and '.join(f.link for f in default_documents())} sheets")
    build.add_argument("specs", nargs="+", metavar="SPEC|FOLDER")
    build.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
    build.add_argument("--format", choices=(*(f.name for f in documents()), ALL), default=DEFAULT,
                       help="the document to write (default: "
                            f"{' and '.join(f.name for f in default_documents())}; {ALL}: "
                            f"{', '.join(f.name for f in documents())}); "
                            f"{', '.join(f.name for f in companions())} are written either way")
    build.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    build.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="parallel builds (default: one per core)")
    _edition_option(build, "write this edition, into a folder of its own")

    publish = commands.add_parser("publish", help="build sheets into a static site: an index, a "
                                  "page per sheet, an Atom feed of changed figures")
    publish.add_argument("specs", nargs="+", metavar="SPEC|FOLDER")
    publish.add_argument("--site", required=True, metavar="DIR", help="the site's folder")
    publish.add_argument("--edition", choices=("internal", "public"), default="internal",
                         help="internal (default) or public: without confidential sources")
    publish.add_argument("--url", metavar="BASE", help="the web address the site is served from "
                         "(https://...): the feed's links absolute under it (default: relative)")
    publish.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    publish.add_argument("--jobs", type=int, default=None, metavar="N",
                         help="parallel builds (default: one per core)")

    templates = commands.add_parser("templates", help="list the templates a spec can use, and "
                                    "where each one comes from")
    templates.add_argument("path", nargs="?", default=".", metavar="SPEC|FOLDER",
                           help="look up as this spec (or a spec in this folder) would "
                                "(default: the current folder)")
    templates.add_argument("--copy", metavar="NAME",
                           help="copy the built-in template NAME into templates/ of FOLDER "
                                "(default: the current folder), to edit")

    icons = commands.add_parser("icons", help="list the icons a key figure can carry")
    icons.add_argument("words", nargs="*", metavar="WORD",
                       help="only the icons whose names hold every WORD (e.g. people)")
    translate = commands.add_parser("translate", help="write a translation's skeleton beside a "
                                    "spec, or bring one up to date with it")
    translate.add_argument("spec", metavar="SPEC")
    translate.add_argument("--to", required=True, metavar="LANG", help="the language, e.g. fr or ar")
    translate.add_argument("--update", action="store_true", help="the translation exists: add "
                           "what is new in the spec and mark what changed, keeping its translations")
    translate.add_argument("--accept", action="store_true", help="with --update: the translation "
                           "now follows the original; record the original's current wording")

    new = commands.add_parser("new", help="write a starter spec that validates")
    new.add_argument("name")
    new.add_argument("--dir", default="specs", help="folder for the spec (default: specs)")

    dump = commands.add_parser("dump", help="print the verified sheet as plain text")
    dump.add_argument("spec")
    _edition_option(dump, "the sheet of this edition")

    diff = commands.add_parser("diff", help="compare the figures of two specs, or of a spec "
                               "and its state at a git revision")
    diff.add_argument("old", metavar="OLD|SPEC")
    diff.add_argument("new", nargs="?", metavar="NEW")
    diff.add_argument("--since", metavar="REV", help="compare SPEC with itself at git revision REV")

    extract = commands.add_parser("extract", help="list an archived article's figures as draft facts")
    extract.add_argument("source", metavar="SOURCE_FILE_OR_ID",
                         help="an archived article (text file), or the id of a source in --spec")
    extract.add_argument("--spec", help="the spec whose sources name the article; its fact ids are "
                         "not reused")
    extract.add_argument("--add", action="store_true", help="append the drafts to the spec's facts "
                         "instead of printing them")
    extract.add_argument("--published", metavar="YYYY-MM-DD", help="the article's publication date, "
                         "for date hints such as 'last Friday' (default: the spec's)")

    watch = commands.add_parser("watch", help="rebuild sheets when specs, archives or templates change")
    watch.add_argument("path", nargs="?", default="specs")
    watch.add_argument("--out", default="output", metavar="DIR")
    _edition_option(watch, "write this edition, into a folder of its own")

    archive = commands.add_parser("archive", help="copy an article (text or saved web page) into a "
                                  "spec's sources/ folder and add it to the spec's sources")
    archive.add_argument("file", metavar="FILE", help="the article: a .txt file or a saved web page")
    archive.add_argument("--spec", required=True, metavar="SPEC", help="the spec to add the source to")
    archive.add_argument("--id", dest="source_id", metavar="ID",
                         help="source id (default: publisher and date, e.g. independent-2017-06-06)")
    archive.add_argument("--title", help="the article's title (default: the page's)")
    archive.add_argument("--publisher", metavar="NAME", help="who published it (default: the page's site name)")
    archive.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD (default: the page's)")
    archive.add_argument("--url", help="the article's address (default: the page's)")
    return parser


def _edition_option(command, what: str) -> None:
    command.add_argument("--edition", choices=("internal", "public"), default="internal",
                         help=f"{what}: internal (default, every source) or public (nothing of "
                              "a source marked confidential: true)")


def wants_debug(argv) -> bool:
    """--debug anywhere on the command line, or FACTSHEET_DEBUG set: known even if parsing fails."""
    argv = sys.argv[1:] if argv is None else argv
    return "--debug" in argv or os.environ.get("FACTSHEET_DEBUG", "") not in ("", "0")


def main(argv=None, stdout=None, stderr=None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    debug = wants_debug(argv)
    try:
        args = _parser().parse_args(argv)
        if args.version:
            from . import __version__
            print(f"factsheet {__version__}", file=stdout)
            return 0
        if not args.command:
            _parser().print_help(stdout)
            return 2
        from . import commands
        args.debug = debug
        run = {"validate": commands.run_validate, "build": commands.run_build,
               "templates": commands.run_templates, "new": commands.run_new,
               "dump": commands.run_dump, "diff": commands.run_diff,
               "extract": commands.run_extract, "watch": commands.run_watch,
               "archive": commands.run_archive, "publish": commands.run_publish,
               "icons": commands.run_icons, "translate": commands.run_translate}[args.command]
        return run(args, stdout, stderr)
    except FactsheetError as exc:
        print(f"factsheet: {exc}" if isinstance(exc, UsageError) and not str(exc).startswith(("factsheet", "usage:"))
              else str(exc), file=stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("factsheet: interrupted", file=stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in factsheet: one line; the traceback only when asked
        if debug:
            traceback.print_exc(file=stderr)
        print(internal_error_line(exc, debug), file=stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
