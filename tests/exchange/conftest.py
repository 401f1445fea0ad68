"""Fixtures of the exchange tests: forms that use every field."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from exchange_helpers import DATA, rich  # noqa: E402


@pytest.fixture
def rich_form(seed_form):
    return rich(seed_form)


@pytest.fixture
def project_form():
    from perfgui.readers.pasted import read_pasted

    return read_pasted((DATA / "project_2024.txt").read_text(encoding="utf-8")).form


