"""Forms for the 汇总 tests: clean ones, and the defects a finance office must find planted."""

from __future__ import annotations

from decimal import Decimal

from perfgui.model import FormKind, Node, check
from perfgui.model.form import Budget, Form, Goals, Header

D = Decimal
ACHIEVED = "全年按计划完成各项工作任务，各项指标均达到年初设定的目标值，资金使用规范。"
# (一级, weight, [(二级, [(三级, target, actual, 分值)])]) — 产出/效益/满意度 as in the national template.
LAYOUT = [
    ("产出指标", 50, [("数量指标", [("完成改造小区数", "≥10个", "10个", 15), ("培训人次", "≥200人次", "210人次", 10)]),
                    ("质量指标", [("验收合格率", "≥95%", "98%", 15)]),
                    ("时效指标", [("按期完成率", "=100%", "100%", 10)])]),
    ("效益指标", 30, [("社会效益指标", [("居民居住条件改善", "提升", "达成指标", 15)]),
                    ("可持续影响指标", [("长效管理机制", "建立", "达成指标", 15)])]),
    ("满意度指标", 10, [("服务对象满意度指标", [("居民满意度", "≥90%", "93%", 10)])]),
]


def clean_form(unit: str, year: int, kind: FormKind = FormKind.PROJECT, project: str = "") -> Form:
    """A form with no finding at all: weights add up, every indicator scored and explained."""
    root = Node()
    for name, weight, groups in LAYOUT:
        section = root.append(Node(name, weight=D(weight)))
        for gname, leaves in groups:
            group = section.append(Node(gname))
            for lname, target, actual, points in leaves:
                group.append(Node(lname, target=target, actual=actual, max_points=D(points),
                                  score=D(points)))
    budget = Budget.for_kind(kind)
    if kind is FormKind.PROJECT:
        budget.unit = "万元"
        for key, planned, actual in (("total", "150.00", "142.50"), ("fiscal", "150.00", "142.50")):
            row = budget.row(key)
            row.initial, row.planned, row.actual = D(planned), D(planned), D(actual)
        root.children[0].weight = D(50)
    else:
        budget.unit = "元"
        for key, planned, actual in (("source_fiscal", "2500000.00", "2400000.00"),
                                     ("source_other", "0.00", "0.00"),
                                     ("struct_basic", "1000000.00", "980000.00"),
                                     ("struct_project", "1500000.00", "1420000.00")):
            row = budget.row(key)
            row.planned, row.actual = D(planned), D(actual)
        # A department form without budget points: the 100 go to the indicators.
        root.children[0].weight = D(60)
        root.children[0].children[0].children[0].max_points = D(25)
        root.children[0].children[0].children[0].score = D(25)
    header = Header(unit=unit, year=year, project_name=project, department="某区住房保障局",
                    implementer=unit if kind is FormKind.PROJECT else "")
    form = Form(kind=kind, header=header, budget=budget, root=root,
                goals=Goals(planned="完成年度改造任务。", achieved=ACHIEVED))
    for field in form.signoff.fields:
        field.value = {"单位负责人": "王五", "填表人": "赵六", "联系电话": "021-5555", "填报日期": f"{year + 1}-03-01"}[field.label]
    assert not check(form), [f.message for f in check(form)]
    return form


def leaf(form: Form, name: str) -> Node:
    return next(n for n in form.root.walk() if n.name == name)


# -- misbehaving readers in the 汇总's worker processes -------------------------------------------
# Every worker imports this at start-up (sitecustomize): a file whose name starts with one of
# the behaviours of tests/exchange/hostile_readers.py is read by that reader (a library caught
# by a hostile file: never ends, spins, eats memory, dies), every other file as usual.
HOOK = """\
import os
import hostile_readers as h
import perfgui.review.collect as c

_read = c.read_file


def read_file(path):
    name = os.path.basename(path)
    for behaviour in ("endless", "spinning", "hungry", "dies"):
        if name.startswith(behaviour + "_"):
            getattr(h, behaviour)(path)
    if name.startswith("crash"):
        os._exit(3)  # as a segfault in a C library would
    return _read(path)


c.read_file = read_file
"""


def hostile_workers(tmp_path, monkeypatch) -> None:
    """Worker processes started from now on read by ``HOOK``."""
    import os
    from pathlib import Path

    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    tests = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), str(tests / "exchange"), str(tests.parent)]))
