"""Imports point down the layers only (docs/architecture.md): a module importing from a layer
above its own fails here, whether the import is at the top of the file or inside a function."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ghostless"
# The kernel may use the user model, so core and accounts share the bottom layer.
LAYERS = {
    "core": 0,
    "accounts": 0,
    "candidates": 1,
    "jobs": 1,
    "timeline": 1,
    "messaging": 2,
    "followups": 2,
    "resumes": 2,
    "search": 2,
    "pools": 2,
    "loop": 2,
    "careers": 2,
    "merges": 2,
    "team": 2,
    "notifications": 2,
    "interviews": 2,
    "status": 2,
    "offers": 2,
    "reports": 2,
    "privacy": 2,
    "webhooks": 2,
    "imports": 2,
    "texts": 2,
    "front": 3,
    "api": 4,
    "demo": 5,
}
# (importing module, imported module): why the import may point up. Keep this short.
ALLOWED: dict[tuple[str, str], str] = {}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "ghostless" and len(parts) > 1 else None


def imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node.lineno


def upward_imports() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent)
        if "migrations" in relative.parts:
            continue
        module = ".".join(relative.with_suffix("").parts)
        source = app_of(module)
        if source not in LAYERS:
            continue
        for imported, line in imports(path):
            target = app_of(imported)
            upward = target in LAYERS and LAYERS[target] > LAYERS[source]
            if upward and (module, imported) not in ALLOWED:
                found.append(f"{relative}:{line} imports {imported}")
    return found


def test_every_app_has_a_layer():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps <= set(LAYERS), f"give these apps a layer: {sorted(apps - set(LAYERS))}"


def test_imports_point_down_the_layers():
    assert upward_imports() == []


def test_nothing_imports_the_demo():
    importers = [
        f"{path.relative_to(PACKAGE.parent)} imports {imported}"
        for path in PACKAGE.rglob("*.py")
        if "demo" not in path.relative_to(PACKAGE).parts[:1]
        for imported, _ in imports(path)
        if app_of(imported) == "demo"
    ]
    assert importers == []
