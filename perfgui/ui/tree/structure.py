"""Where structural edits put nodes: pure functions over the tree, shared by actions and drops.

Each ``*_plan`` returns either ``(destination parent, anchor)`` — the moved nodes go before
``anchor`` among the destination's children, at the end when it is None — or a Chinese message
saying why the edit cannot be done (used for status tips and refusals).
"""

from __future__ import annotations

from typing import Iterable, Union

from ...model.form import Node
from .columns import height_of, level_of, row_of, translate

MAX_LEVEL = 3

Plan = Union[tuple[Node, "Node | None"], str]


def doc_key(node: Node) -> tuple[int, ...]:
    """A node's position in display order, comparable between nodes of one tree."""
    path = []
    while node.parent is not None:
        path.append(row_of(node))
        node = node.parent
    return tuple(reversed(path))


def is_within(node: Node, ancestor: Node) -> bool:
    """True if ``node`` is ``ancestor`` or below it."""
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def top_nodes(nodes: Iterable[Node], root: Node) -> list[Node]:
    """The given nodes without duplicates and without those inside another given one, in order."""
    unique: dict[int, Node] = {}
    for n in nodes:
        if n is not root and n.parent is not None:
            unique[id(n)] = n
    chosen = []
    for n in unique.values():
        up = n.parent
        inside = False
        while up is not None:
            if id(up) in unique:
                inside = True
                break
            up = up.parent
        if not inside:
            chosen.append(n)
    chosen.sort(key=doc_key)
    return chosen


def has_points(node: Node) -> bool:
    """A leaf carrying 分值 or 得分."""
    return not node.children and (node.max_points is not None or node.score is not None)


def display(node: Node) -> str:
    return node.name or translate("IndicatorTree", "（未命名）")


def nodes_text(verb: str, nodes: list[Node]) -> str:
    """"删除指标：电梯加装完成率" or "删除 3 个指标"."""
    if len(nodes) == 1:
        return translate("IndicatorTree", "{verb}指标：{name}").format(verb=verb, name=display(nodes[0]))
    return translate("IndicatorTree", "{verb} {n} 个指标").format(verb=verb, n=len(nodes))


def placement_error(nodes: Iterable[Node], dest: Node, *, check_cycles: bool = True) -> str:
    """"" if the nodes may become children of ``dest``; else why not."""
    dest_level = level_of(dest)
    for n in nodes:
        if check_cycles and is_within(dest, n):
            return translate("IndicatorTree", "不能把“{name}”移到它自己或它的下级之下。").format(name=display(n))
        if dest_level + height_of(n) > MAX_LEVEL:
            return translate("IndicatorTree", "指标最多三级：“{name}”放在这里会出现第四级。").format(name=display(n))
        if dest_level == 0 and has_points(n):
            return translate("IndicatorTree", "“{name}”是计分指标，不能成为一级指标：请放到某个一级指标之下。").format(name=display(n))
    if dest_level > 0 and dest.is_scored:
        return translate("IndicatorTree", "“{name}”是计分指标（已填分值），不能再有下级。").format(name=display(dest))
    return ""


def siblings_parent(nodes: list[Node]) -> Node | None:
    """The common parent of nodes that are siblings; None if they are not."""
    if not nodes:
        return None
    parent = nodes[0].parent
    if parent is None or any(n.parent is not parent for n in nodes):
        return None
    return parent


def _peers(node: Node) -> list[Node]:
    """All nodes on the same level as ``node``, in display order."""
    level = level_of(node)
    root = node
    while root.parent is not None:
        root = root.parent
    layer = [root]
    for _ in range(level):
        layer = [c for n in layer for c in n.children]
    return layer


def _not_siblings() -> str:
    return translate("IndicatorTree", "请选择同一上级下的指标。")


def move_up_plan(nodes: list[Node]) -> Plan:
    parent = siblings_parent(nodes)
    if parent is None:
        return _not_siblings()
    rows = [row_of(n) for n in nodes]
    first = min(rows)
    if first > 0:
        return parent, parent.children[first - 1]
    # At the top of its group: into the end of the group above (Alt+Up across groups).
    if parent.parent is not None:
        peers = _peers(parent)
        i = next(k for k, p in enumerate(peers) if p is parent)
        for group in reversed(peers[:i]):
            if not placement_error(nodes, group):
                return group, None
    return translate("IndicatorTree", "已经在最上面。")


def move_down_plan(nodes: list[Node]) -> Plan:
    parent = siblings_parent(nodes)
    if parent is None:
        return _not_siblings()
    rows = [row_of(n) for n in nodes]
    last = max(rows)
    if last < len(parent.children) - 1:
        after = last + 2
        return parent, parent.children[after] if after < len(parent.children) else None
    if parent.parent is not None:
        peers = _peers(parent)
        i = next(k for k, p in enumerate(peers) if p is parent)
        for group in peers[i + 1:]:
            if not placement_error(nodes, group):
                return group, group.children[0] if group.children else None
    return translate("IndicatorTree", "已经在最下面。")


def indent_plan(nodes: list[Node]) -> Plan:
    """Make the nodes children of the sibling above them (降级)."""
    parent = siblings_parent(nodes)
    if parent is None:
        return _not_siblings()
    first = min(row_of(n) for n in nodes)
    if first == 0:
        return translate("IndicatorTree", "上方没有同级指标，不能降级。")
    above = parent.children[first - 1]
    error = placement_error(nodes, above)
    return error or (above, None)


def outdent_plan(nodes: list[Node]) -> Plan:
    """Make the nodes siblings of their parent, right after it (升级)."""
    parent = siblings_parent(nodes)
    if parent is None:
        return _not_siblings()
    grand = parent.parent
    if grand is None:
        return translate("IndicatorTree", "一级指标不能再升级。")
    error = placement_error(nodes, grand)
    if error:
        return error
    row = row_of(parent) + 1
    anchor = next((c for c in grand.children[row:] if all(c is not n for n in nodes)), None)
    return grand, anchor


def add_sibling_plan(current: Node | None, root: Node) -> tuple[Node, int]:
    if current is None or current is root or current.parent is None:
        return root, len(root.children)
    return current.parent, row_of(current) + 1


def add_child_plan(current: Node | None) -> tuple[Node, int] | str:
    if current is None or current.parent is None:
        return translate("IndicatorTree", "请先选择一个指标。")
    if level_of(current) >= MAX_LEVEL:
        return translate("IndicatorTree", "三级指标不能再有下级。")
    if current.is_scored:
        return translate("IndicatorTree", "“{name}”是计分指标（已填分值），不能再有下级：如需细分，请先清空其分值。").format(
            name=display(current))
    return current, len(current.children)


def _ancestor_at(node: Node, level: int) -> Node | None:
    while node is not None and level_of(node) > level:
        node = node.parent
    return node if node is not None and level_of(node) == level else None


def paste_place(root: Node, current: Node | None, node: Node, level: int, merge_by_name: bool):
    """Where one pasted subtree goes: ("insert", parent, row), ("merge", existing) or a message.

    The subtree keeps the level it was copied at when it can: a 三级 goes into a 二级 (after
    the current 三级, or at the end of the current 二级), a 二级 into a 一级, a 一级 after
    the current 一级. Rows from a table whose 一级/二级 names exist already fold into them.
    """
    if current is root or (current is not None and current.parent is None):
        current = None
    cur_level = level_of(current) if current is not None else 0
    sections = root.children
    if level <= 1:
        if merge_by_name and node.children:
            same = next((s for s in sections if s.name == node.name), None)
            if same is not None:
                return "merge", same
        dest = root
        top = _ancestor_at(current, 1) if current is not None else None
        row = row_of(top) + 1 if top is not None else len(sections)
    elif level == 2:
        section = _ancestor_at(current, 1) if current is not None else (sections[-1] if sections else None)
        if section is None:
            return translate("IndicatorTree", "请先添加一级指标，再粘贴二级指标。")
        if merge_by_name and node.children:
            same = next((c for c in section.children if c.name == node.name and not c.is_scored), None)
            if same is not None:
                return "merge", same
        dest = section
        group = _ancestor_at(current, 2) if cur_level >= 2 else None
        row = row_of(group) + 1 if group is not None else len(section.children)
    else:
        if cur_level == 3:
            dest, row = current.parent, row_of(current) + 1
        elif cur_level == 2:
            if current.is_scored:
                dest, row = current.parent, row_of(current) + 1
            else:
                dest, row = current, len(current.children)
        else:
            section = current if cur_level == 1 else (sections[-1] if sections else None)
            if section is None:
                return translate("IndicatorTree", "请先添加一级指标，再粘贴三级指标。")
            groups = [c for c in section.children if not c.is_scored]
            dest = groups[-1] if groups else section
            row = len(dest.children)
    error = placement_error([node], dest, check_cycles=False)
    if error:
        return error
    return "insert", dest, row


def rows_place(root: Node, current: Node | None) -> tuple[Node, int] | str:
    """Where pasted spreadsheet rows go: (parent, row) or a message.

    As siblings right after the selected row, at its level; under a selected 一级 (which carries
    a weight, not points) as its last children; with nothing selected, at the end of the last 一级.
    """
    if current is None or current is root or current.parent is None:
        if not root.children:
            return translate("IndicatorTree", "请先添加一级指标，再粘贴指标行。")
        section = root.children[-1]
        return section, len(section.children)
    if level_of(current) == 1:
        return current, len(current.children)
    return current.parent, row_of(current) + 1


def where_text(parent: Node, row: int, count: int) -> str:
    """"在“数量指标”下、“电梯加装完成率”之后插入 2 个三级指标" for the paste dialog."""
    what = {1: translate("IndicatorTree", "一级指标"), 2: translate("IndicatorTree", "二级指标")}.get(
        level_of(parent) + 1, translate("IndicatorTree", "三级指标"))
    if row > 0:
        return translate("IndicatorTree", "在“{parent}”下、“{after}”之后插入 {n} 个{what}").format(
            parent=display(parent), after=display(parent.children[row - 1]), n=count, what=what)
    return translate("IndicatorTree", "在“{parent}”下的最前面插入 {n} 个{what}").format(
        parent=display(parent), n=count, what=what)
