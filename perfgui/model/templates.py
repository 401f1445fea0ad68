"""Blank forms to start from, and the known structure of the indicator tree."""

from __future__ import annotations

from decimal import Decimal

from .form import Budget, Form, FormKind, Header, Node

# The Shanghai 投入管理 block: seven 二级 scored directly, under one merged note.
INPUT_MANAGEMENT = "投入管理指标"
INPUT_MANAGEMENT_NOTE = "根据沪财绩【2022】13号文的规定要求设置三级指标和指标值"
INPUT_MANAGEMENT_ITEMS = (
    ("预算编审管理", "7.50"), ("预算执行管理", "10.20"), ("预算绩效管理", "4.50"),
    ("资产管理", "0.90"), ("预算透明度", "3.00"), ("内部控制管理", "2.40"), ("预算信息化", "1.50"),
)

# Which 二级 belong to which 一级 (DOMAIN.md). The pasted-text reader uses it to recognise
# rows whose 一级 column was lost at a page break.
KNOWN_SECOND_LEVEL: dict[str, tuple[str, ...]] = {
    INPUT_MANAGEMENT: tuple(name for name, _ in INPUT_MANAGEMENT_ITEMS),
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}
PARENT_OF: dict[str, str] = {
    child: parent for parent, children in KNOWN_SECOND_LEVEL.items() for child in children
}


def _standard_sections(root: Node, output_weight: Decimal) -> None:
    """产出, 效益 and 满意度 with their usual 二级 groups, empty."""
    for name, weight in (("产出指标", output_weight), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10))):
        section = root.append(Node(name, weight=weight))
        for child in KNOWN_SECOND_LEVEL[name]:
            section.append(Node(child))


def blank_department(unit: str = "", year: int | None = None) -> Form:
    """A blank 部门整体 form with the Shanghai structure of the 2024 seed."""
    root = Node()
    im = root.append(Node(INPUT_MANAGEMENT, weight=Decimal(30), note=INPUT_MANAGEMENT_NOTE))
    for name, points in INPUT_MANAGEMENT_ITEMS:
        im.append(Node(name, max_points=Decimal(points)))
    _standard_sections(root, Decimal(30))
    return Form(kind=FormKind.DEPARTMENT, header=Header(unit=unit, year=year),
                budget=Budget.for_kind(FormKind.DEPARTMENT), root=root)


def blank_project(project_name: str = "", year: int | None = None) -> Form:
    """A blank 项目支出 form (national template: 预算执行率 10, 产出 50, 效益 30, 满意度 10)."""
    root = Node()
    _standard_sections(root, Decimal(50))
    return Form(kind=FormKind.PROJECT, header=Header(project_name=project_name, year=year),
                budget=Budget.for_kind(FormKind.PROJECT), root=root)


def blank(kind: FormKind, year: int | None = None) -> Form:
    return blank_project(year=year) if kind is FormKind.PROJECT else blank_department(year=year)
