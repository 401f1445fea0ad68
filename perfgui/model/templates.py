"""The known structure of the indicator tree (new forms come from rule packs: ``perfgui.packs``)."""

from __future__ import annotations


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
