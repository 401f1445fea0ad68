"""Names shared by the source tests (a module with a unique name: tests/ folders are not packages)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
REAL = sorted((DATA / "real").glob("*.xlsx"))
FORMS = ["seed", *(p.stem for p in REAL)]  # the forms tests/readers/conftest.py makes in every format
