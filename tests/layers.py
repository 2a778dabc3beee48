"""The layering contract: the packages of `briefing/` are the stages of a build, and a stage may
import only the stages before it. python-pptx and lxml are imported only where decks are written
(`write/`) and where outside files are read (`read/`).

Imports inside functions count: they are how a stage reaches another just as much.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

STAGES = ("__init__", "errors", "runtime", "text", "model", "layout", "read", "load", "render", "fit", "draw",
          "write", "publish", "review", "commands", "cli", "__main__")
"""In order: each may import the ones before it (and itself), never one after it.

The order is the order of a build (read, load, render, plan, fit, draw, write, publish), with the
libraries every stage shares first (runtime, text, model) and one exception: a slide's fields are
declared by its layout (one module in layout/kinds/ holds the fields and the planner), so loading
reads slides through the layout registry and `layout` comes before `read` and `load`, although a
build plans only after it has loaded and rendered. Nothing in `layout` reads a file."""

XML_LIBRARIES = ("pptx", "lxml")
XML_STAGES = ("read", "write")


@dataclass(frozen=True)
class Breach:
    module: str
    line: int
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: imports {self.imported}: {self.why}"


def stage_of(module: str) -> str | None:
    """`briefing.load.content` -> `load`; None for a module outside the package."""
    parts = module.split(".")
    if parts[0] != "briefing":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, module: str) -> list[tuple[int, str]]:
    """Every module `path` imports, anywhere in it, as (line, dotted name)."""
    package = module.rsplit(".", 1)[0] if not path.name == "__init__.py" else module
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, f"{base}.{alias.name}" if stage_of(base) == "__init__" else base)
                      for alias in node.names]
    return found


def breaches(root: Path) -> list[Breach]:
    """Every import under `root` (a folder holding the `briefing` package) that breaks the contract."""
    found = []
    for path in sorted((root / "briefing").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        stage = stage_of(module)
        if stage not in STAGES:
            found.append(Breach(module, 1, "-", f"'{stage}' is no stage of the contract: add it to STAGES in its place"))
            continue
        for line, name in imports(path, module):
            target = stage_of(name)
            top = name.split(".")[0]
            if target in STAGES and STAGES.index(target) > STAGES.index(stage):
                found.append(Breach(module, line, name, f"{stage} comes before {target}"))
            elif top in XML_LIBRARIES and stage not in XML_STAGES:
                found.append(Breach(module, line, name, f"only {' and '.join(XML_STAGES)} use {top}"))
    return found
