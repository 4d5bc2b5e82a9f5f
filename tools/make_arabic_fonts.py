"""Regenerate the bundled Noto Sans Arabic Regular and Bold subsets from the 2.012 variable font.

    pip install fonttools fontpkg-noto-sans-arabic==2.12
    python tools/make_arabic_fonts.py

Static instances at wght 400 and 700 (wdth 100) with fontTools' instancer, then subset to the
Arabic blocks and their presentation forms, keeping every layout feature (Word and LibreOffice
shape with GSUB/GPOS; the PDF draws the presentation forms the reshaper picks from the cmap).
"""
from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "factsheet" / "theme" / "fonts"
WEIGHTS = {"Regular": 400, "Bold": 700}
# Arabic, Arabic Supplement, Extended-A, presentation forms A and B; ASCII, no-break space,
# joiners and direction-neutral punctuation Word may set in the complex-script font.
UNICODES = [*range(0x20, 0x7F), 0xA0, *range(0x600, 0x700), *range(0x750, 0x780),
            *range(0x8A0, 0x900), *range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00),
            0x200C, 0x200D, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026]


def variable_font() -> Path:
    import fontpkg_noto_sans_arabic

    files = Path(fontpkg_noto_sans_arabic.__file__).parent / "files"
    return next(files.glob("NotoSansArabic*.ttf"))


def make(style: str, weight: int, source: Path) -> Path:
    font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight, "wdth": 100},
                                             updateFontNames=True)
    options = subset.Options()
    options.layout_features = ["*"]          # shaping stays intact in Word and LibreOffice
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = OUT / f"NotoSansArabic-{style}.ttf"
    font.recalcTimestamp = False             # the source's date: the same bytes on every run
    font.save(out)
    return out


def main() -> None:
    source = variable_font()
    for style, weight in WEIGHTS.items():
        out = make(style, weight, source)
        print(f"wrote {out.relative_to(OUT.parent.parent.parent)} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
