"""The plugin's boundaries, read from its own imports (every import, in functions too):

- `conflicts` never imports the host (`newsroom`);
- the plugin's core never imports its API (`conflicts.api`), Django REST framework or the
  generic API layer (`apikit`): a host that wants no API leaves `conflicts.api` out;
- `caching` and `apikit`, which both apps use, import neither app;
- no import circle among the plugin's modules (importing `conflicts.models.claims` runs
  `conflicts/models/__init__.py` first, so that counts as importing the package too);
- no import inside a function dodges one, except in an AppConfig's ready().
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def modules(package: str) -> dict[str, Path]:
    """{dotted name: file} of a top-level package's Python modules, migrations aside."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, name: str):
    """(imported module, line, inside a function) for every import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    functions = {
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    nested = {child for f in functions for child in ast.walk(f) if child is not f}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            yield target, node.lineno, node in nested


def edges(package: str) -> dict[str, set[str]]:
    """Module -> modules of the same package it imports, with their parent packages."""
    known = modules(package)
    graph = {name: set() for name in known}
    for name, path in known.items():
        for target, _, _ in imports(path, name):
            if target not in known or target == name:
                continue
            graph[name].add(target)
            parts = target.split(".")
            for depth in range(2, len(parts)):
                parent = ".".join(parts[:depth])
                if not (name == parent or name.startswith(parent + ".")):
                    graph[name].add(parent)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def offending(package: str, forbidden, only=lambda name: True) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for name, path in modules(package).items()
        if only(name)
        for target, line, _ in imports(path, name)
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]


def is_core(name: str) -> bool:
    return not (name == "conflicts.api" or name.startswith("conflicts.api."))


def test_the_plugin_never_imports_the_host():
    assert offending("conflicts", ["newsroom"]) == []


def test_the_plugin_core_never_imports_its_api_or_rest_framework():
    forbidden = ["conflicts.api", "apikit", "rest_framework", "drf_spectacular"]
    assert offending("conflicts", forbidden, only=is_core) == []


@pytest.mark.parametrize("package", ["caching", "apikit"])
def test_the_shared_layers_import_neither_app(package):
    assert offending(package, ["conflicts", "newsroom"]) == []


@pytest.mark.parametrize("package", ["conflicts", "caching", "apikit"])
def test_no_import_circle(package):
    assert cycles(edges(package)) == []


def test_no_plugin_import_hides_in_a_function():
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for name, path in modules("conflicts").items()
        if not name.endswith(".apps")
        for target, line, in_function in imports(path, name)
        if in_function and target.startswith("conflicts")
    ]
    assert hidden == []


def test_the_checks_see_a_circle_and_a_hidden_import(tmp_path):
    """The checks above would catch what they guard against (a check that cannot fail is no
    check): a made-up package with a circle through a package's __init__."""
    graph = {"p.a": {"p.sub"}, "p.sub": {"p.sub.b"}, "p.sub.b": {"p.a"}}
    assert cycles(graph) == [["p.a", "p.sub", "p.sub.b"]]
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from conflicts.models import Actor\n")
    assert list(imports(source, "conflicts.m")) == [
        ("conflicts.models", 2, True),
        ("conflicts.models.Actor", 2, True),
    ]
