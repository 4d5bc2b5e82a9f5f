"""Templates: the look of a sheet as data (page, margins, colours, font, sizes, logo, Word styles).

A template is a small YAML file, NAME.yaml; a spec picks one with `template: NAME`. It is
looked up in one order, by the library and every command alike: a `templates/` folder in
the spec's own folder or up to three folders above it (nearest first), then the templates
built into the package (`factsheet/theme/templates/`: default, letter). Every problem in a
template is reported with its file:line:col, all at once, as `InvalidSpec`.
This module must stay free of reportlab and docx: `factsheet validate` imports it.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

import yaml

from .. import limits
from ..diagnostics import Diagnostic, Diagnostics, ERROR, InvalidSpec, UsageError, did_you_mean
from .fonts import FAMILY, SUPPORTED_FAMILIES
from ..spec.load import parse_yaml, read_text

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_MAX_AGE_DAYS = 90
_FOLDERS_UP = 4                           # the spec's folder and three above it
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MM = 72 / 25.4                            # points per millimetre

SIDES = ("top", "right", "bottom", "left")
MARGIN_RANGE = (5.0, 40.0)                # mm
SIZE_RANGE = (6.0, 14.0)                  # pt, body text
_HEX = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


@dataclass(frozen=True)
class Colours:
    primary: str = "#1F4E79"              # header band, headings, rules
    accent: str = "#C55A11"               # key figure numbers
    text: str = "#1A1A1A"                 # body text
    muted: str = "#5B6770"                # labels, sources, footer
    header_text: str = "#FFFFFF"          # text on the header band
    panel: str = "#EEF3F8"                # background of the key figures

    @property
    def header_muted(self) -> str:
        """Secondary text on the band: the header text blended a quarter of the way into the band."""
        return mix_colours(self.header_text, self.primary, 0.25)


@dataclass(frozen=True)
class Template:
    name: str
    path: Path | None                     # None for the built-in defaults
    page: str = "A4"                      # 'A4' or 'Letter'
    margins_mm: tuple = (12.0, 15.0, 12.0, 15.0)    # top, right, bottom, left
    colours: Colours = field(default_factory=Colours)
    font: str = FAMILY
    body_max: float = 10.0
    body_min: float = 7.5
    body_fill: float | None = None        # a short sheet grows up to this (None: body_max + 2)
    logo: Path | None = None
    logo_alt: str | None = None           # the logo's alt text; None: the organisation's name + logo
    docx_reference: Path | None = None
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    description: str = ""
    pdfa: bool = True                     # PDF/A-2b and tagged (render/pdf_archive.py); False: plain
    embed_sources: bool = False           # PDF/A-3b with the spec and its archives attached

    @property
    def page_size(self) -> tuple:
        """(width, height) in points."""
        width, height = PAGE_SIZES_MM[self.page]
        return (width * MM, height * MM)

    @property
    def margins(self) -> tuple:
        """(top, right, bottom, left) in points."""
        return tuple(m * MM for m in self.margins_mm)

    @property
    def fill_max(self) -> float:
        """The largest body size a short sheet grows to, so that it uses its page."""
        if self.body_fill is not None:
            return self.body_fill
        return max(self.body_max, min(self.body_max + 2.0, SIZE_RANGE[1]))

    def input_files(self) -> list:
        """The files this template reads (itself, its logo, its Word file): a build depends on them."""
        return [p for p in (self.path, self.logo, self.docx_reference) if p is not None]


_COLOUR_KEYS = tuple(Colours.__dataclass_fields__)
_TOP_KEYS = ("description", "page", "margins", "colours", "font", "body_size", "logo",
             "logo_alt", "docx_reference", "max_age_days", "pdfa", "embed_sources")


def template_dirs(spec_path=None) -> list:
    """Where templates are looked up, in order: templates/ beside or above the spec, then built-in."""
    found = []
    if spec_path is not None:
        folder = Path(spec_path).resolve().parent
        found = [d / "templates" for d in [folder, *folder.parents][:_FOLDERS_UP]
                 if (d / "templates").is_dir()]
    return [*found, BUILTIN_DIR]


def available_templates(spec_path=None) -> dict:
    """Every template name a spec can use -> the file it resolves to (the first in look-up order)."""
    names = {}
    for folder in template_dirs(spec_path):
        for path in sorted(folder.glob("*.yaml")):
            names.setdefault(path.stem, path)
    return names


def find_template(name: str, spec_path=None):
    """The file NAME resolves to for this spec, or None."""
    for folder in template_dirs(spec_path):
        if (folder / f"{name}.yaml").is_file():
            return folder / f"{name}.yaml"
    return None


def shadowing_paths(name: str, spec_path, found: Path) -> list:
    """The files that would replace template NAME (found at FOUND) for this spec if someone made
    them: `templates/NAME.yaml` in each folder looked in before, existing or not. A build
    depends on their absence, so `templates --copy` then an edit rebuilds the sheet."""
    if not _NAME.fullmatch(str(name)) or spec_path is None:
        return []   # a template given by path shadows nothing
    folder = Path(spec_path).resolve().parent
    found = Path(found).resolve() if found is not None else None
    before = []
    for candidate in [d / "templates" / f"{name}.yaml" for d in [folder, *folder.parents][:_FOLDERS_UP]]:
        if candidate.resolve() == found:
            break
        before.append(candidate)
    return before


def copy_builtin_template(name: str, folder) -> Path:
    """Copy the built-in template NAME to FOLDER/templates/NAME.yaml, where the specs of FOLDER
    (and of up to three folders below it) find it first. Never overwrites a file."""
    source = BUILTIN_DIR / f"{name}.yaml"
    if not _NAME.fullmatch(name) or not source.is_file():
        builtin = ", ".join(sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml")))
        raise UsageError(f"templates --copy: no built-in template '{name}' (built in: {builtin})")
    target = Path(folder) / "templates" / f"{name}.yaml"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as out:
            out.write(source.read_text(encoding="utf-8"))
    except FileExistsError:
        raise UsageError(f"templates --copy: {target} already exists: not overwritten") from None
    except OSError as exc:
        raise UsageError(f"templates --copy: {target}: cannot be written: {exc.strerror}") from None
    return target


def template_max_age(spec_path, name: str) -> int:
    """The template's max_age_days, read cheaply (validate must not import the renderers).

    Any problem with the template is reported by `build`; here it just means the default.
    """
    try:
        path = find_template(name, spec_path) if _NAME.fullmatch(str(name)) else None
        if path is None:
            return DEFAULT_MAX_AGE_DAYS
        with open(path, encoding="utf-8") as handle:
            template = yaml.safe_load(handle.read(100_000))
        days = template.get("max_age_days") if isinstance(template, dict) else None
        return days if isinstance(days, int) and days > 0 else DEFAULT_MAX_AGE_DAYS
    except (OSError, ValueError, yaml.YAMLError, RecursionError):  # ValueError: bad name, bad text
        return DEFAULT_MAX_AGE_DAYS


def describe_lookup(spec_path=None) -> str:
    """'default, letter (built in); branded (templates/)': the names a spec can use, by origin."""
    by_folder = {}
    for name, path in available_templates(spec_path).items():
        by_folder.setdefault(path.parent, []).append(name)
    return "; ".join(f"{', '.join(names)} ({_origin(folder)})" for folder, names in by_folder.items())


def _origin(folder: Path) -> str:
    if folder == BUILTIN_DIR:
        return "built in"
    try:
        return f"{folder.relative_to(Path.cwd())}/"
    except ValueError:
        return f"{folder}/"


def load_template(name_or_path, spec_path=None) -> Template:
    """The template named NAME, as the spec at spec_path sees it, or the one at a path.

    InvalidSpec if it cannot be found or is bad.
    """
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        path = Path(name_or_path)
    elif _NAME.fullmatch(text):
        path = find_template(text, spec_path)
        if path is None:
            where = str(spec_path) if spec_path is not None else text
            raise InvalidSpec([Diagnostic(ERROR, where, 0, 0, "template-not-found",
                                          f"template '{text}' not found",
                                          f"available templates: {describe_lookup(spec_path)}")])
    else:
        raise InvalidSpec([Diagnostic(ERROR, text, 0, 0, "template-name",
                                      f"'{text}' is not a template name (letters, digits, - and _)")])
    diags = Diagnostics(str(path))
    try:
        source = read_text(path)
    except FileNotFoundError:
        diags.error((0, 0), "template-not-found", "template not found")
        raise InvalidSpec(diags) from None
    except (OSError, UnicodeDecodeError) as exc:
        diags.error((0, 0), "template-unreadable", f"cannot read template: {exc}")
        raise InvalidSpec(diags) from None
    root = parse_yaml(source, diags)
    template = None
    if root is not None:
        template = _Reader(path, diags).read(root)
    if diags.errors or template is None:
        raise InvalidSpec(diags.sorted())
    return template


class _Reader:
    """Turns a template's node tree into a Template, reporting every problem it finds."""

    def __init__(self, path: Path, diags: Diagnostics):
        self.path = path
        self.diags = diags

    def read(self, root):
        if root.kind != "map":
            self.diags.error(root.pos, "template-type", "a template must be a mapping of keys")
            return None
        self.check_keys(root, _TOP_KEYS)
        values = {"name": self.path.stem, "path": self.path.resolve()}
        node = root.get("description")
        if node is not None and self.expect(node, "str", "description", "a text"):
            values["description"] = node.value
        node = root.get("page")
        if node is not None:
            values["page"] = self.read_page(node)
        node = root.get("margins")
        if node is not None:
            values["margins_mm"] = self.read_margins(node)
        node = root.get("colours")
        if node is not None:
            values["colours"] = self.read_colours(node)
        node = root.get("font")
        if node is not None and self.expect(node, "str", "font", "a font family name"):
            if node.value not in SUPPORTED_FAMILIES:
                self.diags.error(node.pos, "template-font", f"unknown font '{node.value}'",
                                 f"the bundled font is '{FAMILY}'")
            values["font"] = node.value
        node = root.get("body_size")
        if node is not None:
            values["body_max"], values["body_min"], values["body_fill"] = self.read_sizes(node)
        for key, kinds, what in (("logo", {"png", "jpg"}, "a PNG or JPEG image"),
                                 ("docx_reference", {"docx"}, "a Word .docx file")):
            node = root.get(key)
            if node is not None and node.kind != "null":
                values[key] = self.read_file(node, key, kinds, what)
        node = root.get("logo_alt")
        if node is not None and node.kind != "null" and self.expect(node, "str", "logo_alt", "a text"):
            values["logo_alt"] = " ".join(node.value.split())
        node = root.get("max_age_days")
        if node is not None and self.expect(node, "int", "max_age_days", "a whole number of days"):
            if node.value < 1:
                self.diags.error(node.pos, "template-value", "max_age_days must be at least 1")
            values["max_age_days"] = node.value
        for key in ("pdfa", "embed_sources"):
            node = root.get(key)
            if node is not None and self.expect(node, "bool", key, "true or false"):
                values[key] = node.value
        if values.get("embed_sources") and values.get("pdfa") is False:   # PDF/A-3 carries them
            self.diags.error(root.get("embed_sources").pos, "template-value",
                             "embed_sources needs pdfa: true (the sources travel in a PDF/A-3b)")
        return Template(**values)

    def check_keys(self, node, allowed) -> None:
        for key, key_node in node.keys.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed, f"allowed keys: {', '.join(allowed)}")
                self.diags.error(key_node.pos, "template-key", f"unknown key '{key}'", hint)

    def expect(self, node, kind: str, key: str, what: str) -> bool:
        if node.kind != kind:
            self.diags.error(node.pos, "template-type", f"{key} must be {what}, not {_describe(node)}")
            return False
        return True

    def number(self, node, key: str):
        if node.kind not in ("int", "float"):
            self.diags.error(node.pos, "template-type", f"{key} must be a number, not {_describe(node)}")
            return None
        return float(node.value)

    def read_page(self, node) -> str:
        if not self.expect(node, "str", "page", "A4 or Letter"):
            return "A4"
        for name in PAGE_SIZES_MM:
            if node.value.lower() == name.lower():
                return name
        self.diags.error(node.pos, "template-value", f"unknown page size '{node.value}'",
                         "use A4 or Letter")
        return "A4"

    def read_margins(self, node) -> tuple:
        default = Template.__dataclass_fields__["margins_mm"].default
        if node.kind in ("int", "float"):
            value = self.in_range(node, "margins", MARGIN_RANGE, "mm")
            values = dict.fromkeys(SIDES, value)
        elif node.kind == "map":
            self.check_keys(node, SIDES)
            values = {side: self.in_range(node.get(side), f"margins.{side}", MARGIN_RANGE, "mm")
                      for side in SIDES if node.get(side) is not None}
        else:
            self.diags.error(node.pos, "template-type", "margins must be a number of mm or a mapping "
                             f"with top, right, bottom, left; not {_describe(node)}")
            return default
        return tuple(values.get(side) or default[i] for i, side in enumerate(SIDES))

    def in_range(self, node, key: str, bounds: tuple, unit: str):
        value = self.number(node, key)
        if value is not None and not bounds[0] <= value <= bounds[1]:
            self.diags.error(node.pos, "template-value", f"{key} must be between {bounds[0]:g} and "
                             f"{bounds[1]:g} {unit}, not {value:g}")
            return None
        return value

    def read_colours(self, node) -> Colours:
        if not self.expect(node, "map", "colours", f"a mapping of {', '.join(_COLOUR_KEYS)}"):
            return Colours()
        self.check_keys(node, _COLOUR_KEYS)
        values = {}
        for key in _COLOUR_KEYS:
            value = node.get(key)
            if value is None:
                continue
            if value.kind == "null":
                self.diags.error(value.pos, "template-colour", f"colours.{key} is empty",
                                 f'quote the colour: {key}: "#1F4E79" (an unquoted # starts a '
                                 "YAML comment)")
            elif value.kind != "str" or not _HEX.fullmatch(value.value.strip()):
                self.diags.error(value.pos, "template-colour", f"colours.{key} must be a hex colour "
                                 f"such as \"#1F4E79\", not {value.value!r}")
            else:
                values[key] = _normalise_hex(value.value.strip())
        return Colours(**values)

    def read_sizes(self, node) -> tuple:
        default = (Template.body_max, Template.body_min, Template.body_fill)
        if not self.expect(node, "map", "body_size", "a mapping with max and min (pt)"):
            return default
        self.check_keys(node, ("max", "min", "fill"))
        sizes = []
        for key, fallback in zip(("max", "min", "fill"), default):
            value = node.get(key)
            if value is None:
                sizes.append(fallback)
                continue
            size = self.in_range(value, f"body_size.{key}", SIZE_RANGE, "pt")
            if size is not None and (size * 2) % 1:
                self.diags.error(value.pos, "template-value",
                                 f"body_size.{key} must be a multiple of 0.5 pt, not {size:g}")
                size = None
            sizes.append(size if size is not None else fallback)
        if sizes[1] > sizes[0]:
            self.diags.error(node.pos, "template-value", f"body_size.min ({sizes[1]:g}) is larger "
                             f"than body_size.max ({sizes[0]:g})")
        if sizes[2] is not None and sizes[2] < sizes[0]:
            self.diags.error(node.pos, "template-value", f"body_size.fill ({sizes[2]:g}) is smaller "
                             f"than body_size.max ({sizes[0]:g})")
        return tuple(sizes)

    def read_file(self, node, key: str, kinds: set, what: str):
        if not self.expect(node, "str", key, f"the path of {what}, relative to the template"):
            return None
        folder = self.path.parent.resolve()
        path = (folder / node.value).resolve()
        if Path(node.value).is_absolute() or PureWindowsPath(node.value).drive:
            self.diags.error(node.pos, "template-file",
                             f"{key} path must be relative to the template's folder: {node.value}")
            return None
        if not path.is_relative_to(folder):
            self.diags.error(node.pos, "template-file", f"{key} lies outside the template's folder "
                             f"(.. or a symlink out): {node.value}")
            return None
        if not path.is_file():
            self.diags.error(node.pos, "template-file", f"{key} file not found: {node.value}",
                             f"looked for {path}")
            return None
        if path.stat().st_size > limits.MAX_TEMPLATE_FILE_BYTES:
            self.diags.error(node.pos, "template-file", f"{key} is larger than "
                             f"{limits.MAX_TEMPLATE_FILE_BYTES // 1_000_000} MB: {node.value}")
            return None
        kind = _sniff(path)
        if kind not in kinds:
            self.diags.error(node.pos, "template-file", f"{key} must be {what}: {node.value} is not")
            return None
        problem = _image_problem(path) if kind in ("png", "jpg") else None
        if problem:
            self.diags.error(node.pos, "template-file", f"{key} {node.value} cannot be used: {problem}")
            return None
        return path


def _image_problem(path: Path) -> str | None:
    """Why a logo cannot be drawn (damaged, truncated, absurdly large), or None."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > limits.MAX_LOGO_PIXELS:
                return f"{width} x {height} pixels is more than a logo needs (limit {limits.MAX_LOGO_PIXELS:,})"
            image.load()   # decodes every byte: a truncated file fails here, not mid-render
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        return f"the image is damaged ({exc})"
    return None


def _sniff(path: Path) -> str | None:
    """The file's real type from its first bytes (extensions lie)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        for magic, kind in _IMAGE_MAGIC.items():
            if head.startswith(magic):
                return kind
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as package:
                if "word/document.xml" in package.namelist():
                    return "docx"
    except (OSError, zipfile.BadZipFile):
        return None
    return None


def mix_colours(first: str, second: str, share: float) -> str:
    """The colour `share` of the way from `first` to `second` (both '#RRGGBB')."""
    a = [int(first[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(second[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def _normalise_hex(text: str) -> str:
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _describe(node) -> str:
    if node.kind == "null":
        return "empty"
    if node.kind in ("map", "seq"):
        return "a mapping" if node.kind == "map" else "a list"
    return f"{node.kind} {node.value!r}"
