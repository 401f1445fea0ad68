"""Blank forms for tests, made the way the program makes them: from the default rule packs."""

from __future__ import annotations

from perfgui import packs
from perfgui.model import Form, FormKind


def blank_department(unit: str = "", year: int | None = None) -> Form:
    return packs.new_form(packs.default_for(FormKind.DEPARTMENT), year, unit)


def blank_project(project_name: str = "", year: int | None = None) -> Form:
    form = packs.new_form(packs.default_for(FormKind.PROJECT), year)
    form.header.project_name = project_name
    return form
