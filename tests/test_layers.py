"""Each folder of ``perfgui`` imports only what docs/architecture.md allows it.

Dependencies point one way, from the window and the command line down to the model. The table
below is the one in docs/architecture.md; a new dependency is a design decision, made there.
"""

from __future__ import annotations

from test_import_cycles import import_graph

# package → the packages (or single modules) it may import besides itself and the stdlib
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "fileio": set(),
    "targets": set(),
    "resources": {"model", "readers"},  # the built-in sample form is read like any pasted form
    # xlsx_format: what the Excel writer and reader agree on (cell text, the hidden sheet's name).
    "readers": {"model", "fileio", "exchange.errors", "exchange.zipguard", "exchange.xlsx_format"},
    "store": {"model", "fileio", "perfgui"},
    # packs: the rule packs on disk (TOML files shipped in resources/ or imported into a library)
    "packs": {"model", "fileio", "resources"},
    "report": {"model", "resources", "packs", "perfgui"},
    "exchange": {"model", "readers", "report", "fileio", "resources", "packs", "perfgui"},
    "review": {"model", "readers", "store", "report", "exchange", "fileio", "packs", "perfgui"},
    "cli": {"model", "readers", "store", "report", "exchange", "review", "fileio", "targets",
            "resources", "packs", "perfgui"},
    "ui": {"model", "readers", "store", "report", "exchange", "review", "fileio", "targets",
           "resources", "packs", "perfgui"},
    "app": {"ui", "store", "model", "resources", "fileio", "packs", "perfgui"},
    "__main__": {"cli"},
    "perfgui": set(),
}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "perfgui"


def _allowed(source: str, target: str) -> bool:
    src, dst = _package(source), _package(target)
    if src == dst:
        return True
    rules = ALLOWED.get(src)
    assert rules is not None, f"{source}: a new top-level part of perfgui needs a row in ALLOWED"
    sub = ".".join(target.split(".")[1:3])
    return dst in rules or sub in rules


def test_every_import_follows_the_layers():
    wrong = sorted(f"{m} → {t}" for m, targets in import_graph().items() for t in targets
                   if not _allowed(m, t))
    assert wrong == []


def test_the_rule_catches_an_upward_import():
    assert not _allowed("perfgui.model.form", "perfgui.ui.window")
    assert not _allowed("perfgui.store.library", "perfgui.exchange.files")
    assert _allowed("perfgui.readers.grid", "perfgui.exchange.errors")
    assert not _allowed("perfgui.readers.grid", "perfgui.exchange.outputs")
