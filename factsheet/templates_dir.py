"""Where a spec's template lives: templates/NAME.yaml beside or above the spec's folder."""
from __future__ import annotations

from pathlib import Path

import yaml

DEFAULT_MAX_AGE_DAYS = 90


def find_templates_dir(spec_path: Path) -> Path:
    """The nearest templates/ folder: the spec's folder, its parents, then the working folder."""
    folder = Path(spec_path).resolve().parent
    for candidate in [folder, *folder.parents][:4]:
        if (candidate / "templates").is_dir():
            return candidate / "templates"
    return Path("templates").resolve()


def template_max_age(spec_path: Path, name: str) -> int:
    """The template's max_age_days, read cheaply (validate must not import the renderers).

    Any problem with the template is reported by `build`; here it just means the default.
    """
    try:
        with open(find_templates_dir(spec_path) / f"{name}.yaml", encoding="utf-8") as handle:
            template = yaml.safe_load(handle.read(100_000))
        days = template.get("max_age_days") if isinstance(template, dict) else None
        return days if isinstance(days, int) and days > 0 else DEFAULT_MAX_AGE_DAYS
    except (OSError, ValueError, yaml.YAMLError, RecursionError):  # ValueError: bad name, bad text
        return DEFAULT_MAX_AGE_DAYS
