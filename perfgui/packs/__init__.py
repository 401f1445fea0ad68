"""Rule packs on disk: the ones shipped in ``resources/packs``, and a finance office's own,
imported into the library's ``packs`` folder. Reading a pack never runs anything in it: the file
is TOML (``tomllib``), bounded in size, and every key is checked (``model.packs``); a problem is
reported with the line it is on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model.form import Form, FormKind
from ..model.operations import default_year
from ..model.pack_layout import Layout, PackError
from ..model.packs import NAME_CHARS as PACK_NAME_CHARS, Pack, pack_from_data
from ..resources import resource_path
from .locate import line_of

MAX_PACK_BYTES = 256 * 1024
PACK_SUFFIX = ".toml"
USER_FOLDER = "packs"  # inside the library folder

# The pack a form without one follows: the layouts and rules the program was built around.
DEFAULT_PACKS = {FormKind.DEPARTMENT: "shanghai-department", FormKind.PROJECT: "national-project"}


class PackFileError(ValueError):
    """A pack file that cannot be used; the message is Chinese, names the file and the line."""


def _where(source: str, line: int | None) -> str:
    return f"{source}第 {line} 行" if line else source


def read_pack_text(text: str, source: str = "规则包") -> Pack:
    """A pack from the text of a TOML file; ``source`` names the file in messages."""
    if len(text.encode("utf-8")) > MAX_PACK_BYTES:
        raise PackFileError(f"{source}太大（超过 {MAX_PACK_BYTES // 1024} KB）：规则包应是几 KB 的文本文件。")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f"{source}第 {m.group(1)} 行第 {m.group(2)} 列" if m else source
        raise PackFileError(f"{where}：不是正确的 TOML 格式（{detail}）。请检查引号、括号和等号。") from None
    try:
        return pack_from_data(data)
    except PackError as exc:
        raise PackFileError(f"{_where(source, line_of(text, exc.path))}：{exc.message}") from None


def read_pack_file(path: Path) -> Pack:
    """A pack from a file; ``PackFileError`` for anything wrong with it."""
    path = Path(path)
    name = f"规则包文件“{path.name}”"
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackFileError(f"{name}太大（{size // 1024} KB）：规则包应是几 KB 的文本文件。")
        raw = path.read_bytes()
    except OSError as exc:
        raise PackFileError(f"无法读取{name}：{exc.strerror or exc}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackFileError(f"{name}不是 UTF-8 编码的文本：请用记事本“另存为”UTF-8 编码后再导入。") from None
    return read_pack_text(text, name)


@lru_cache(maxsize=None)
def _shipped_file(file_name: str) -> Pack:
    return read_pack_file(resource_path("packs", file_name))


@lru_cache(maxsize=1)
def shipped() -> tuple[Pack, ...]:
    """The packs that come with the program, by name."""
    folder = resource_path("packs")
    return tuple(sorted((_shipped_file(p.name) for p in folder.glob("*" + PACK_SUFFIX)), key=lambda p: p.name))


def _shipped_named(name: str) -> Pack | None:
    """The shipped pack of that name, reading only its own file (each is named after its pack)."""
    file_name = f"{name}{PACK_SUFFIX}"
    if not set(name) <= PACK_NAME_CHARS or not resource_path("packs", file_name).is_file():
        return None
    pack = _shipped_file(file_name)
    return pack if pack.name == name else None


def user_folder(library_folder: Path) -> Path:
    return Path(library_folder) / USER_FOLDER


def user_packs(library_folder: Path | None) -> tuple[list[Pack], list[str]]:
    """The packs imported into a library, and a message for each file that cannot be read."""
    if library_folder is None:
        return [], []
    packs, problems = [], []
    folder = user_folder(library_folder)
    if folder.is_dir():
        for path in sorted(folder.glob("*" + PACK_SUFFIX)):
            try:
                packs.append(read_pack_file(path))
            except PackFileError as exc:
                problems.append(str(exc))
    return packs, problems


def available(library_folder: Path | None = None) -> list[Pack]:
    """Every pack this program can use: the shipped ones, then the library's own."""
    names = {p.name for p in shipped()}
    own = [p for p in user_packs(library_folder)[0] if p.name not in names]
    return list(shipped()) + own


class PackNotFound(LookupError):
    """No pack of that name; the message is Chinese and lists the names there are."""


def find(name: str, library_folder: Path | None = None) -> Pack:
    pack = _shipped_named(name)  # a form's pack is a shipped one most often: one file read
    if pack is not None:
        return pack
    packs = available(library_folder)
    for p in packs:
        if p.name == name:
            return p
    raise PackNotFound(f"没有名为“{name}”的规则包。可用的规则包：{'、'.join(p.name for p in packs)}"
                       f"（python -m perfgui packs 列出全部）。")


def default_for(kind: FormKind) -> Pack:
    return find(DEFAULT_PACKS[FormKind(kind)])


def pack_of(form: Form, library_folder: Path | None = None) -> Pack | None:
    """The installed pack a form follows (None when its pack is not installed here)."""
    if not form.pack:
        return default_for(form.kind)
    try:
        return find(form.pack, library_folder)
    except PackNotFound:
        return None


def layout_of(form: Form) -> Layout:
    """The layout a form prints with: its own, or its kind's default pack's."""
    return form.layout if form.layout is not None else default_for(form.kind).layout


def pack_label(form: Form, library_folder: Path | None = None) -> str:
    """How a form's pack is named to a person: “四川省 项目支出（sichuan-project）”."""
    pack = pack_of(form, library_folder)
    if pack is None:
        return f"{form.pack}（本机未安装，按表单中保存的规则计分）"
    return f"{pack.title}（{pack.name}）"


def new_form(pack: Pack, year: int | None = None, unit: str = "") -> Form:
    """A blank form from a pack's template, for ``year`` (default: last year)."""
    return pack.new_form(default_year() if year is None else year, unit)


@dataclass(frozen=True)
class Imported:
    pack: Pack
    path: Path
    replaced: bool  # a pack of that name was there and is now this one


def import_pack(source: Path, library_folder: Path) -> Imported:
    """Check a pack file and copy it into the library's packs folder (written atomically)."""
    from ..fileio import atomic_write_bytes

    pack = read_pack_file(source)
    if pack.name in {p.name for p in shipped()}:
        raise PackFileError(f"规则包名称“{pack.name}”与程序自带的规则包相同：请在文件中改用另一个名称（name = …）。")
    folder = user_folder(library_folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{pack.name}{PACK_SUFFIX}"
    replaced = target.exists()
    atomic_write_bytes(target, Path(source).read_bytes())
    return Imported(pack, target, replaced)
