"""Stage 5, validate: every rule of the format, checked against the sources; produces the sheet."""
