"""The layering contract (tests/layers.py) holds for the engine, and catches what breaks it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, write
from tests.layers import STAGES, breaches


def test_no_stage_imports_a_later_one_and_only_read_and_write_touch_the_xml():
    assert [str(b) for b in breaches(REPO)] == []


def test_every_folder_of_the_engine_is_a_stage_in_pipeline_order():
    folders = {p.name for p in (REPO / "briefing").iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders <= set(STAGES)
    order = ["read", "load", "render", "fit", "draw", "write", "publish", "review", "commands"]
    assert sorted(order, key=STAGES.index) == order, "the build's stages, in the order a build runs them"
    assert STAGES.index("layout") < STAGES.index("load"), "slides are read through their layouts' fields"


def test_a_deliberate_violation_is_caught_with_its_line(tmp_path: Path):
    for package in ("briefing", "briefing/load", "briefing/write", "briefing/layout", "briefing/extras"):
        write(tmp_path / package / "__init__.py", "")
    write(tmp_path / "briefing/write/deck.py", "import pptx\nfrom lxml import etree\n")
    write(tmp_path / "briefing/load/content.py", """
        from briefing.errors import Problem


        def load():
            from briefing.write.deck import write_deck   # a loader reaching into the writer
            return write_deck
        """)
    write(tmp_path / "briefing/layout/page.py", "from . import plan\nfrom ..write import deck\nimport lxml.etree\n")
    found = [str(b) for b in breaches(tmp_path)]
    assert found == [
        "briefing.extras:1: imports -: 'extras' is no stage of the contract: add it to STAGES in its place",
        "briefing.layout.page:2: imports briefing.write: layout comes before write",
        "briefing.layout.page:3: imports lxml.etree: only read and write use lxml",
        "briefing.load.content:5: imports briefing.write.deck: load comes before write",
    ]


def test_every_import_of_the_engine_resolves_even_inside_functions():
    """Stages import one another inside functions too (for speed); a module moved or a name renamed
    must not leave one of those behind, to fail only when that function first runs."""
    import ast
    import importlib

    unresolved = []
    for path in sorted((REPO / "briefing").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("briefing"):
                module = importlib.import_module(node.module)
                unresolved += [f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}"
                               for alias in node.names if not hasattr(module, alias.name)
                               and not _is_module(f"{node.module}.{alias.name}")]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("briefing") and not _is_module(alias.name):
                        unresolved.append(f"{path.relative_to(REPO)}:{node.lineno}: {alias.name}")
    assert unresolved == []


def _is_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
