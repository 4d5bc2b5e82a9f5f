"""The bundled Noto Sans Arabic: two static weights, shaping tables kept, its licence beside it."""
import struct

import pytest

from factsheet.theme.fonts import ARABIC_FACES, FONT_DIR


def tables(path) -> dict:
    """{tag: length} from a TrueType file's table directory."""
    data = path.read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    return {data[12 + 16 * i:16 + 16 * i].decode("latin-1"):
            struct.unpack(">I", data[24 + 16 * i:28 + 16 * i])[0] for i in range(count)}


@pytest.mark.parametrize("face", sorted(ARABIC_FACES.values()))
def test_the_subset_keeps_the_tables_word_and_libreoffice_shape_with(face):
    found = tables(FONT_DIR / face)
    assert {"GSUB", "GPOS", "GDEF", "cmap", "glyf"} <= set(found)
    assert "fvar" not in found and "gvar" not in found      # a static instance, not the variable font
    assert found["GSUB"] > 1000


def test_the_weights_differ_and_the_licence_names_the_font():
    from reportlab.pdfbase.ttfonts import TTFontFile

    regular, bold = (TTFontFile(str(FONT_DIR / ARABIC_FACES[name])) for name in sorted(ARABIC_FACES))
    assert (regular.name, bold.name) == (b"NotoSansArabic-Regular", b"NotoSansArabic-Bold")
    assert bold.stemV > 1.5 * regular.stemV                  # instanced at weight 700, not 400
    assert "Noto Sans Arabic" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("face", sorted(ARABIC_FACES.values()))
def test_the_arabic_faces_draw_what_an_arabic_run_holds(face):
    """An Arabic run keeps the spaces and punctuation between and after its words
    (theme.scripts.ARABIC_RUN): the Arabic faces must draw them, and Arabic punctuation."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    mapped = TTFontFile(str(FONT_DIR / face)).charToGlyph
    assert [c for c in " \u00a0.,:!;?\u2013\u2014\u060c\u061b\u061f\u066a" if ord(c) not in mapped] == []
