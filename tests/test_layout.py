"""The layout is the architecture: packages by stage, data flowing down.

Every import in ``kg/`` (at the top of a module or inside a function) is
read with :mod:`ast`; a module may import its own floor or floors below,
never one above, and the imports form no circle. No module passes 400
lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parent.parent / "kg"

# lowest first; the package itself (the library face), the CLI and
# ``python -m kg`` stand on top of everything
FLOORS = [
    ("kg.errors", "kg.model", "kg.resources", "kg.outputs", "kg.processes"),
    ("kg.knowledge",),
    ("kg.ingest",),
    ("kg.extract",),
    ("kg.graph",),
    ("kg.web",),
    ("kg.build",),
    ("kg.library", "kg.cli", "kg.__main__", "kg"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def floor(module: str) -> int:
    best = None
    for level, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > len(best[1]):
                    best = (level, prefix)
    assert best is not None, f"{module} stands on no floor"
    return best[0]


def imports() -> nx.DiGraph:
    modules = {module_name(p): p for p in KG.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_import_circles():
    cycles = list(nx.simple_cycles(imports()))
    assert cycles == []


def test_nothing_imports_upward():
    upward = [(a, b) for a, b in imports().edges if floor(b) > floor(a)]
    assert upward == []


def test_no_module_is_longer_than_400_lines():
    long = {module_name(p): n for p in KG.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
