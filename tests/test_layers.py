"""The layers' arrows, read from every module's imports (top level and inside functions).

core -> nothing of ours but core; export -> core; tui -> core, export; cli -> all.
Textual and rich belong to the app alone; the core imports no third-party UI
either.  Each rule is checked on the source, so an import hidden in a function
(the CLI's lazy imports) counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "intro_tui"

#: layer -> the layers of ours it may import (itself always allowed).
ALLOWED = {
    "core": set(),
    "examples": {"core"},
    "export": {"core"},
    "tui": {"core", "export", "examples"},
    "web": {"core", "export", "tui"},
    "cli": {"core", "export", "examples", "tui", "web"},
}
#: Third-party packages a layer must never import.
FORBIDDEN = {
    "core": {"textual", "rich", "docx", "tabulate"},
    "examples": {"textual", "rich"},
    "export": {"textual", "rich"},
}


#: Modules at the top of the package: the entry points, free to import any layer.
ENTRY_POINTS = {"__main__"}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "intro_tui":
        return None
    return parts[1] if len(parts) > 1 and parts[1] not in ENTRY_POINTS else ""


def module_name(path: Path, package: Path = PACKAGE) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file, wherever it stands."""
    module = module_name(path, package)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if node.level and not node.module:  # from .. import x: x may be a module
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    wrong = []
    for path in sorted(package.rglob("*.py")):
        layer = layer_of(module_name(path, package))
        if not layer:
            continue  # intro_tui/__init__.py, __main__.py: the entry points
        for line, target in imports_of(path, package):
            top = target.split(".")[0]
            other = layer_of(target)
            if other is not None:
                if other and other != layer and other not in ALLOWED.get(layer, set()):
                    wrong.append(f"{path.relative_to(package.parent)}:{line}: {layer} -> {target}")
            elif top in FORBIDDEN.get(layer, set()):
                wrong.append(f"{path.relative_to(package.parent)}:{line}: {layer} -> {top}")
    return wrong


def test_every_import_goes_the_right_way():
    assert violations() == []


def test_every_module_has_a_layer():
    layers = {layer_of(module_name(p)) for p in PACKAGE.rglob("*.py")} - {""}
    assert layers <= set(ALLOWED), layers - set(ALLOWED)


def test_the_checker_sees_imports_inside_functions(tmp_path):
    """A lazy import of the app or rich in the core must be caught, or the test above proves nothing."""
    core = tmp_path / "intro_tui" / "core"
    core.mkdir(parents=True)
    (core / "probe.py").write_text(
        "def f():\n    from ..tui import app\n    import rich.text\n    from ..export import formats\n", encoding="utf-8")
    (tmp_path / "intro_tui" / "export").mkdir()
    (tmp_path / "intro_tui" / "export" / "ok.py").write_text("from ..core import probe\n", encoding="utf-8")
    assert violations(tmp_path / "intro_tui") == [
        "intro_tui/core/probe.py:2: core -> intro_tui.tui",
        "intro_tui/core/probe.py:3: core -> rich",
        "intro_tui/core/probe.py:4: core -> intro_tui.export",
    ]


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(PACKAGE.parent)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


@pytest.mark.parametrize("command", [["list"], ["templates"], ["show", "nosuch"], ["export", "nosuch"]])
@pytest.mark.slow
def test_short_commands_never_load_textual_or_rich(tmp_path, command):
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['intro-tui', '--data-dir', {str(tmp_path)!r}, *{command!r}]\n"
        "try:\n    runpy.run_module('intro_tui', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED', bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
