"""Where a key is in a TOML text: the line a message about ``("layout", "columns", 2, "key")``
should name. ``tomllib`` gives values without positions, so the text is scanned once: table
headers, keys, and the items of arrays and inline tables (strings and comments skipped).
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key_parts(s: str, i: int) -> tuple[list[str], int]:
    """A (dotted) key starting at ``s[i]``: its parts and the index after it."""
    parts: list[str] = []
    while True:
        while i < len(s) and s[i] in " \t":
            i += 1
        if i < len(s) and s[i] in "\"'":
            q = s[i]
            j = i + 1
            buf = []
            while j < len(s) and s[j] != q:
                if q == '"' and s[j] == "\\" and j + 1 < len(s):
                    j += 1
                buf.append(s[j])
                j += 1
            parts.append("".join(buf))
            i = j + 1
        else:
            m = _BARE.match(s, i)
            if not m:
                return parts, i
            parts.append(m.group(0))
            i = m.end()
        while i < len(s) and s[i] in " \t":
            i += 1
        if i < len(s) and s[i] == ".":
            i += 1
            continue
        return parts, i


def key_lines(text: str) -> dict[Path, int]:
    """Every key path in the text → the 1-based line it starts on (first occurrence)."""
    lines: dict[Path, int] = {}
    counters: dict[Path, int] = {}
    table: Path = ()
    # The open arrays / inline tables: (path of the container, kind "[" or "{", item index).
    stack: list[list] = []
    expecting_key = True  # at the start of a statement (or inside an inline table)
    s = text
    i, line = 0, 1
    n = len(s)

    def record(path: Path) -> None:
        lines.setdefault(path, line)

    while i < n:
        ch = s[i]
        if ch == "\n":
            line += 1
            i += 1
            if not stack:
                expecting_key = True
            continue
        if ch in " \t\r":
            i += 1
            continue
        if ch == "#":
            while i < n and s[i] != "\n":
                i += 1
            continue
        if not stack and expecting_key and ch == "[":
            double = s.startswith("[[", i)
            parts, j = _key_parts(s, i + (2 if double else 1))
            path: Path = tuple(parts)
            if double:
                index = counters.get(path, -1) + 1
                counters[path] = index
                record(path)
                path = path + (index,)
            record(path)
            table = path
            end = s.find("\n", j)
            i = n if end < 0 else end
            continue
        if expecting_key and (not stack or stack[-1][1] == "{"):
            parts, j = _key_parts(s, i)
            if parts and j < n and s[j:].lstrip(" \t").startswith("="):
                base = stack[-1][0] if stack else table
                key_path = base + tuple(parts)
                record(key_path)
                i = s.index("=", j) + 1
                expecting_key = False
                if stack:
                    stack[-1].append(key_path)  # the key whose value follows
                else:
                    stack_key = key_path
                    # a value that opens a container continues under this key
                    k = i
                    while k < n and s[k] in " \t":
                        k += 1
                    if k < n and s[k] in "[{":
                        stack.append([stack_key, s[k], 0, False])
                        i = k + 1
                        expecting_key = s[k] == "{"
                continue
        if ch in "\"'":
            triple = s.startswith(ch * 3, i)
            quote = ch * 3 if triple else ch
            j = i + len(quote)
            while j < n and not s.startswith(quote, j):
                if s[j] == "\\" and ch == '"':
                    j += 1
                elif s[j] == "\n":
                    line += 1
                j += 1
            i = j + len(quote)
            _item_started(stack, record, line)
            continue
        if stack:
            top = stack[-1]
            if ch == ",":
                if top[1] == "[":
                    top[2] += 1
                    top[3] = False
                else:
                    expecting_key = True
                    if len(top) > 4:
                        top.pop()
                i += 1
                continue
            if ch in "]}":
                stack.pop()
                if stack and stack[-1][1] == "{" and len(stack[-1]) > 4:
                    stack[-1].pop()
                expecting_key = not stack
                i += 1
                continue
            if ch in "[{":
                if top[1] == "[":
                    _item_started(stack, record, line)
                    child: Path = top[0] + (top[2],)
                else:
                    child = top.pop() if len(top) > 4 else top[0]
                stack.append([child, ch, 0, False])
                expecting_key = ch == "{"
                i += 1
                continue
            if top[1] == "{" and len(top) > 4 and not ch.isspace():
                # a plain value of an inline table's key: skip it
                while i < n and s[i] not in ",}\n":
                    i += 1
                top.pop()
                continue
            _item_started(stack, record, line)
        i += 1
    return lines


def _item_started(stack: list[list], record, line: int) -> None:
    """Note the line of an array item the first time something of it is seen."""
    if stack and stack[-1][1] == "[" and not stack[-1][3]:
        stack[-1][3] = True
        record(stack[-1][0] + (stack[-1][2],))


def line_of(text: str, path: Path) -> int | None:
    """The line of ``path``, or of the nearest enclosing key that has one."""
    lines = key_lines(text)
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return None
