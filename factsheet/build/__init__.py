"""Stage 8, build: sheets into files, many at once, only what changed, with a record."""
