"""The package's shape: stages in folders, each importing only from the stages before it,
no import cycles, and every command reachable from cli.py by name (docs/architecture.md)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factsheet"

# The pipeline, in order. A module may import from its own stage and from earlier ones.
STAGES = ["base", "spec", "theme", "sources", "sheet", "validate", "layout", "render", "build",
          "commands", "cli"]
BASE = {"diagnostics", "limits", "files", "clock"}
TOP = {"commands": "commands", "cli": "cli", "__init__": "cli", "__main__": "cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def stage_of(module: str) -> str:
    first = module.split(".")[0]
    if first in BASE:
        return "base"
    if first in TOP:
        return TOP[first]
    assert first in STAGES, f"{module}: not in a stage folder ({', '.join(STAGES[1:-2])})"
    return first


def modules() -> dict:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(module: str, path: Path, known: set) -> set:
    """Modules of the package that this one imports, at the top or inside a function."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "__init__":
        package = []
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            names = [f"{target}.{alias.name}" if target else alias.name for alias in node.names]
            hits = [name for name in names if name in known]
            found.update(hits or ([target] if target in known else []))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("factsheet"):
            raise AssertionError(f"{module}: import the package's own modules relatively")
    found.discard(module)
    return found


def graph() -> dict:
    found = modules()
    known = set(found)
    return {module: imports_of(module, path, known) for module, path in found.items()}


def test_every_module_is_in_a_stage_folder():
    for module in modules():
        stage_of(module)


def test_each_stage_imports_only_from_itself_and_earlier_stages():
    wrong = []
    for module, targets in graph().items():
        for target in targets:
            if STAGES.index(stage_of(target)) > STAGES.index(stage_of(module)):
                wrong.append(f"{module} ({stage_of(module)}) imports {target} ({stage_of(target)})")
    assert wrong == []


def find_cycles(edges: dict) -> list:
    """Each import cycle as 'a -> b -> a', by a depth-first walk."""
    state, cycles = {}, []

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(edges.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return cycles


def test_there_is_no_import_cycle():
    assert find_cycles(graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a -> b -> c -> a"]


def test_every_command_is_found_by_name_from_cli():
    """No getattr dispatch: each subcommand names its function in cli.py."""
    cli = (PACKAGE / "cli.py").read_text(encoding="utf-8")
    commands = re.findall(r'commands\.add_parser\(\s*"([a-z]+)"', cli)
    assert len(commands) >= 9
    for name in commands:
        assert f'"{name}": commands.run_{name}' in cli, name
    assert "getattr(" not in cli
