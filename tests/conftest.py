"""Test-wide settings: keep the tool's disk cache out of the user's home folder."""
import os
import tempfile

# Set at import, before any test (or subprocess it starts) builds a DOCX.
os.environ.setdefault("FACTSHEET_CACHE_DIR", tempfile.mkdtemp(prefix="factsheet-test-cache-"))
