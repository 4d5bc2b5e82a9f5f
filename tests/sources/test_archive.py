"""Archived articles: typography-blind quote matching, closest passages, safe paths, one read each."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from factsheet.sources import archive as archive_module
from factsheet.sources.archive import ArchiveCache, ArchiveError, normalise, resolve_archive

SEEDS = Path(__file__).parent.parent.parent / "specs" / "sources"


def archive_of(tmp_path: Path, text: str | bytes):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return ArchiveCache().get(path)


# -- normalising typography, and only typography ----------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Raqqa\u2019s civilians", "Raqqa's civilians"),
    ("\u201cdeadly labyrinth\u201d", '"deadly labyrinth"'),
    ("\u2018pause\u2019", "'pause'"),
    ("US\u2013led and US\u2014led and US\u2212led", "US-led and US-led and US-led"),
    ("20\u00a0000 people", "20 000 people"),
    ("20\u202f000 people", "20 000 people"),
    ("many   spaces\n\nand\tlines", "many spaces and lines"),
    ("soft\u00adhyphen and zero\u200bwidth", "softhyphen and zerowidth"),
    ("  padded  ", "padded"),
])
def test_normalise_changes_typography(raw, expected):
    assert normalise(raw) == expected


def test_normalise_keeps_words_and_digits():
    text = "At least 21 civilians, 3.5% of 20,000; caf\u00e9 \u0627\u0644\u0631\u0642\u0629"
    assert normalise(text) == text


# -- finding a quote -----------------------------------------------------------------------------

@pytest.mark.parametrize("archived, quote", [
    ("Isis will use Raqqa\u2019s 220,000 civilians", "Raqqa's 220,000 civilians"),          # curly in archive
    ("Isis will use Raqqa's 220,000 civilians", "Raqqa\u2019s 220,000 civilians"),          # curly in quote
    ("a \u201cdeadly labyrinth\u201d where", 'a "deadly labyrinth" where'),
    ("a 'humanitarian pause' now", "a \u2018humanitarian pause\u2019 now"),
    ("US\u2013led bombing", "US-led bombing"),                                               # en dash
    ("US-led bombing", "US\u2014led bombing"),                                               # em dash
    ("20,000\u00a0civilians trapped", "20,000 civilians trapped"),                           # nbsp
    ("20,000 civilians\n   trapped", "20,000  civilians trapped"),                           # white space
    ("because they don\ufffd\n\nNo", "because they don\u2019"),                              # U+FFFD
    ("because they don\ufffd\n\nNo", "because they don't"[:-1]),                             # straight '
    ("the caf\ufffd was hit", "the caf\u00e9 was hit"),                                      # lost accent
    ("the caf\ufffd\ufffd was hit", "the caf\u00e9 was hit"),                                # two bytes lost
], ids=["curly-archive", "curly-quote", "double-curly", "single-curly", "en-dash", "em-dash", "nbsp",
        "white-space", "fffd-curly", "fffd-straight", "fffd-accent", "fffd-two-bytes"])
def test_quote_is_found_despite_typography(tmp_path, archived, quote):
    assert archive_of(tmp_path, f"Before. {archived} after.").find(quote)


@pytest.mark.parametrize("archived, quote", [
    ("saying that 20,000 civilians trapped by ISIS", "saying that 20,001 civilians trapped by ISIS"),
    ("saying that 20,000 civilians trapped by ISIS", "saying that 20,000 civilians trapped by IS"
                                                     " were"),
    ("saying that 20,000 civilians trapped by ISIS", "saying that 20000 civilians trapped by ISIS"),
    ("the cat\ufffd sat", "the cats sat"),           # U+FFFD never stands for a letter or digit
    ("anything", ""),
    ("anything", "   "),
], ids=["one-digit", "one-word", "digits-regrouped", "fffd-not-a-letter", "empty",
        "blank"])
def test_quote_that_differs_in_words_or_digits_is_not_found(tmp_path, archived, quote):
    assert not archive_of(tmp_path, f"Before. {archived} after.").find(quote)


def test_invalid_utf8_in_archive_becomes_replacement_character(tmp_path):
    found = archive_of(tmp_path, b"they don\xe2\x80 leave, said 12 residents")
    assert "\ufffd" in found.text
    assert found.find("they don\u2019 leave, said 12 residents")


# -- the seed archives ----------------------------------------------------------------------------

def test_seed_archive_with_mojibake_matches_the_curly_apostrophe():
    voa = ArchiveCache().get(SEEDS / "voa-2017-08-25.txt")
    assert voa.find("either because they\u2019ve been trapped by ISIS fighters or because they don\u2019")
    assert voa.find("saying that 20,000 civilians trapped by ISIS were at risk from airstrikes")


def test_seed_archive_with_curly_apostrophes_matches_straight_ones():
    independent = ArchiveCache().get(SEEDS / "independent-2017-06-06.txt")
    assert independent.find("more likely than ever to use Raqqa's 220,000 civilians as human shields")
    assert independent.find("Up to half of Raqqa's population is expected to flee the fighting")
    # the picture gallery is full of numbers, but not this one
    assert not independent.find("holding on 98 percent of Aleppo")


# -- the closest passage, for the hint ----------------------------------------------------------

def test_one_word_off_shows_the_closest_passage():
    voa = ArchiveCache().get(SEEDS / "voa-2017-08-25.txt")
    assert voa.closest_passage("saying that 20,000 civilians trapped by IS were at risk from airstrikes") == \
        "saying that 20,000 civilians trapped by ISIS were at risk from airstrikes,"


def test_one_digit_off_shows_the_closest_passage():
    independent = ArchiveCache().get(SEEDS / "independent-2017-06-06.txt")
    assert independent.closest_passage("at least 230 civilians are estimated to have been killed in May") == \
        "at least 220 civilians are estimated to have been killed in May"


def test_closest_passage_is_whole_words_of_the_archive(tmp_path):
    found = archive_of(tmp_path, "The agencies asked for a humanitarian pause in Raqqa on Thursday.")
    assert found.closest_passage("a humanitarian paws in Raqqa") == "a humanitarian pause in Raqqa"


def test_nothing_alike_has_no_closest_passage(tmp_path):
    found = archive_of(tmp_path, "The agencies asked for a humanitarian pause.")
    assert found.closest_passage("zzzz qqqq xxxx 0000 9999") is None
    assert found.closest_passage("") is None


# -- paths: inside the spec's folder only -------------------------------------------------------

def test_relative_path_inside_the_folder_resolves(tmp_path):
    (tmp_path / "sources").mkdir()
    assert resolve_archive(tmp_path, "sources/a.txt") == (tmp_path / "sources" / "a.txt").resolve()
    assert resolve_archive(tmp_path, "sources/../a.txt") == (tmp_path / "a.txt").resolve()


@pytest.mark.parametrize("relative, message", [
    ("../a.txt", "archive lies outside the spec's folder (.. or a symlink out)"),
    ("sources/../../a.txt", "archive lies outside the spec's folder (.. or a symlink out)"),
    ("/etc/passwd", "archive path must be relative to the spec's folder"),
    ("\\\\server\\share\\a.txt", "archive path must be relative to the spec's folder"),
    ("C:\\articles\\a.txt", "archive path must be relative to the spec's folder"),
    ("", "archive path must be relative to the spec's folder"),
])
def test_path_outside_the_folder_is_refused(tmp_path, relative, message):
    with pytest.raises(ArchiveError) as raised:
        resolve_archive(tmp_path, relative)
    assert str(raised.value) == message


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    outside, spec_dir = tmp_path / "outside.txt", tmp_path / "spec"
    outside.write_text("secret")
    spec_dir.mkdir()
    (spec_dir / "link.txt").symlink_to(outside)
    with pytest.raises(ArchiveError, match=r"^archive lies outside the spec's folder"):
        resolve_archive(spec_dir, "link.txt")


def test_symlink_within_the_folder_is_allowed(tmp_path):
    (tmp_path / "real.txt").write_text("text")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    assert resolve_archive(tmp_path, "link.txt") == (tmp_path / "real.txt").resolve()


# -- reading: text files only, each once ----------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda p: None, "archive file not found"),
    (lambda p: p.mkdir(), "archive is not a regular file"),
    (lambda p: p.write_bytes(b"%PDF-1.4\n\x00\x01\x02"),
     "archive is not text (binary data): archive the article as plain text"),
], ids=["missing", "folder", "binary"])
def test_unreadable_archive_is_refused(tmp_path, make, message):
    path = tmp_path / "article.txt"
    make(path)
    with pytest.raises(ArchiveError) as raised:
        ArchiveCache().get(path)
    assert str(raised.value) == message


def test_oversized_archive_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_ARCHIVE_BYTES", 2_000_000)
    path = tmp_path / "article.txt"
    path.write_text("word " * 500_000)
    with pytest.raises(ArchiveError, match=r"^archive is larger than 2 MB$"):
        ArchiveCache().get(path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_archive_without_read_permission_is_refused(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("text")
    path.chmod(0)
    with pytest.raises(ArchiveError, match=r"^archive cannot be read: Permission denied$"):
        ArchiveCache().get(path)


def test_cache_reads_each_archive_once(tmp_path, monkeypatch):
    path = tmp_path / "article.txt"
    path.write_text("Raqqa\u2019s 220,000 civilians")
    reads = []
    real_read = ArchiveCache._read
    monkeypatch.setattr(ArchiveCache, "_read", staticmethod(lambda *a: reads.append(a) or real_read(*a)))
    cache = ArchiveCache()
    first = cache.get(path)
    assert cache.get(path) is first
    assert len(reads) == 1
    assert first.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cache_reads_a_changed_archive_again(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("12 killed")
    cache = ArchiveCache()
    assert cache.get(path).find("12 killed")
    path.write_text("twelve were killed")
    assert cache.get(path).find("twelve were killed")


def test_cache_keeps_only_the_latest_text_of_an_archive(tmp_path):
    # regression: every edit of an archive during `factsheet watch` kept one more copy
    path = tmp_path / "article.txt"
    cache = ArchiveCache()
    for n in range(5):
        path.write_text("x" * (n + 1))
        cache.get(path)
    assert len(cache._archives) == 1
