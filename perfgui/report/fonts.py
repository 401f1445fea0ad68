"""The fonts a printed form is set in: a print font, then fallbacks, each glyph from one of them.

The chain is, in order: the print font (宋体 SimSun on Windows when installed, else the bundled
WenQuanYi Micro Hei; or, chosen with ``SERIF``, the bundled 宋体-style AR PL UMing subset for PCs
without SimSun), SimSun-ExtB when SimSun is used, the bundled WenQuanYi Micro Hei, and the
bundled HanaMinA subset for CJK Extension A/B (㙟, 𠮷 …). Every character takes the first font
that has it; a character no font has prints as ``REPLACEMENT`` (□, the sign Chinese typesetting
uses for a missing character) and is reported by ``FontChain.missing`` so the window can warn.

Fonts are parsed once per process and embedded by ReportLab as TrueType subsets.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..resources import CJK_FONT, resource_path

# The visible stand-in for a character no bundled or print font has (documented in the UI).
REPLACEMENT = "□"
FALLBACK_FONT = ("fonts", "HanaMinA-fallback.ttf")
SERIF_FONT = ("fonts", "uming-gb2312-l1.ttf")  # made by tools/make_serif_font.py
BUNDLED = "bundled"  # print_font value that forces the bundled fonts even where SimSun exists
SERIF = "serif"  # print_font value for the bundled 宋体-style (明体) font, then the bundled ones

# Invisible format characters: zero-width spaces and joiners, variation selectors, BOM. They
# carry no glyph of their own, so they are neither printed nor reported as missing.
_INVISIBLE_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x200B, 0x200F), (0x2060, 0x2064))
_INVISIBLE = frozenset({0xFEFF, 0x00AD, 0x034F, 0x180E})


class FontError(ValueError):
    """A print font that cannot be used; the message is Chinese."""


def is_invisible(ch: str) -> bool:
    """A format character that is dropped without a trace (ZWSP, ZWJ, variation selectors)."""
    cp = ord(ch)
    if cp in _INVISIBLE:
        return True
    return any(lo <= cp <= hi for lo, hi in _INVISIBLE_RANGES)


def windows_simsun() -> tuple[Path, Path | None] | None:
    """SimSun (and SimSun-ExtB) from the Windows font folders, when this is Windows and they exist."""
    if os.name != "nt":
        return None
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    for folder in folders:
        simsun = folder / "simsun.ttc"
        if simsun.is_file():
            extb = folder / "simsunb.ttf"
            return simsun, extb if extb.is_file() else None
    return None


@dataclass(frozen=True)
class FontSpec:
    """One font file (and face index inside a .ttc) under the name ReportLab knows it by."""

    name: str
    path: Path
    index: int = 0


def _spec_for(path: Path, index: int = 0) -> FontSpec:
    import hashlib

    key = hashlib.sha1(f"{path.resolve()}#{index}".encode("utf-8")).hexdigest()[:8]
    return FontSpec(f"perfgui-{path.stem}-{index}-{key}", path, index)


def bundled_primary() -> FontSpec:
    return FontSpec("perfgui-wqy", resource_path(*CJK_FONT), 0)


def bundled_fallback() -> FontSpec:
    return FontSpec("perfgui-hanamina", resource_path(*FALLBACK_FONT), 0)


def bundled_serif() -> FontSpec:
    return FontSpec("perfgui-uming", resource_path(*SERIF_FONT), 0)


def chain_specs(print_font: str | None = None) -> tuple[FontSpec, ...]:
    """The fonts to try, in order, for a ``print_font`` choice.

    ``None``: SimSun on Windows when installed, else the bundled font. ``"bundled"``: the bundled
    fonts only. ``"serif"``: the bundled 宋体-style font first. Any other value: a path to a
    TrueType .ttf/.ttc file (face 0).
    """
    specs: list[FontSpec] = []
    if print_font is None:
        found = windows_simsun()
        if found:
            simsun, extb = found
            specs.append(_spec_for(simsun, 0))
            if extb is not None:
                specs.append(_spec_for(extb, 0))
    elif print_font == SERIF:
        specs.append(bundled_serif())
    elif print_font != BUNDLED:
        path = Path(print_font)
        if not path.is_file():
            raise FontError(f"找不到打印字体文件“{print_font}”：请检查路径，或改用内置字体。")
        specs.append(_spec_for(path, 0))
    specs.append(bundled_primary())
    specs.append(bundled_fallback())
    return tuple(specs)


class LoadedFont:
    """A parsed font: the ReportLab font object, its character widths and its cmap."""

    def __init__(self, spec: FontSpec) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from ._ttf import install

        install()
        try:
            font = TTFont(spec.name, str(spec.path), subfontIndex=spec.index)
        except Exception as exc:  # ReportLab raises TTFError, OSError, struct.error …
            raise FontError(f"无法使用字体“{spec.path.name}”：{exc}") from None
        pdfmetrics.registerFont(font)
        self.spec = spec
        self.name = spec.name
        self.font = font
        face = font.face
        self.cmap = face.charToGlyph
        self.widths = face.charWidths
        self.default_width = face.defaultWidth
        self.ascent = face.ascent
        self.descent = face.descent


_LOCK = threading.RLock()
_LOADED: dict[FontSpec, LoadedFont] = {}


def load(spec: FontSpec) -> LoadedFont:
    """The parsed font for a spec, parsed once per process."""
    with _LOCK:
        font = _LOADED.get(spec)
        if font is None:
            font = _LOADED[spec] = LoadedFont(spec)
        return font


class FontChain:
    """Per-character font choice over an ordered list of fonts, loading fallbacks lazily.

    ``resolve`` maps a character to (font index, printed character, advance width per point):
    the character itself in the first font that has it, or ``REPLACEMENT`` in the first font
    that has that. Results are cached per character.
    """

    def __init__(self, specs: tuple[FontSpec, ...]) -> None:
        if not specs:
            raise FontError("没有可用的字体。")
        self.specs = specs
        self._fonts: list[LoadedFont | None] = [None] * len(specs)
        self._cache: dict[str, tuple[int, str, float]] = {}
        self.missing: dict[str, None] = {}  # ordered set of characters printed as REPLACEMENT
        self.primary = self.font(0)

    def font(self, index: int) -> LoadedFont:
        font = self._fonts[index]
        if font is None:
            font = self._fonts[index] = load(self.specs[index])
        return font

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.specs]

    def find(self, cp: int) -> int | None:
        """The index of the first font that has a code point, or None."""
        for i in range(len(self.specs)):
            if cp in self.font(i).cmap:
                return i
        return None

    def resolve(self, ch: str) -> tuple[int, str, float]:
        hit = self._cache.get(ch)
        if hit is not None:
            if hit[1] != ch:
                self.missing[ch] = None
            return hit
        cp = ord(ch)
        index = self.find(cp) if _printable(ch) else None
        out = ch
        if index is None:
            if ch != REPLACEMENT:
                self.missing[ch] = None
            out = REPLACEMENT
            index = self.find(ord(REPLACEMENT)) or 0
        f = self.font(index)
        width = f.widths.get(ord(out), f.default_width) / 1000.0
        hit = self._cache[ch] = (index, out, width)
        return hit

    def covers(self, ch: str) -> bool:
        """Whether a character prints as itself (not as the replacement)."""
        return _printable(ch) and self.find(ord(ch)) is not None


def _printable(ch: str) -> bool:
    # Control characters have no glyph even when a font maps them; they print as □.
    return unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")


_CHAINS: dict[tuple[FontSpec, ...], FontChain] = {}
_UNUSABLE: set[FontSpec] = set()  # system fonts found but refused (e.g. no embedding rights)


def chain(print_font: str | None = None) -> FontChain:
    """The shared font chain for a print font choice (a fresh ``missing`` set each call).

    A system font picked automatically (SimSun) that cannot be embedded is left out, so the
    bundled fonts print instead; a font the caller named raises ``FontError``.
    """
    specs = chain_specs(print_font)
    if print_font is None:
        bundled = {bundled_primary(), bundled_fallback()}
        usable = []
        for spec in specs:
            if spec not in bundled and spec not in _UNUSABLE:
                try:
                    load(spec)
                except FontError:
                    _UNUSABLE.add(spec)
            if spec not in _UNUSABLE:
                usable.append(spec)
        specs = tuple(usable)
    with _LOCK:
        base = _CHAINS.get(specs)
        if base is None:
            base = _CHAINS[specs] = FontChain(specs)
        fresh = FontChain.__new__(FontChain)
        fresh.specs = base.specs
        fresh._fonts = base._fonts  # shared, filled lazily under the lock
        fresh._cache = base._cache
        fresh.missing = {}
        fresh.primary = base.primary
        return fresh
