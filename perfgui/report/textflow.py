"""Breaking text into lines the way Chinese is set: per-character fonts and no bad line starts.

Every character is placed with the font that has it (see ``fonts.FontChain``). Chinese breaks
between any two characters, Latin words and numbers such as ``=100.00(%)`` or ``275,112,698.88``
stay whole unless wider than the line, and the rules of 避头尾 hold: a line never starts with
closing punctuation (，。、；：？！）》” …) and never ends with opening punctuation (（《“ …).
When a break would put such a mark at a line start, characters are carried down from the end
of the line instead; only when a line would be left empty does the mark hang in the margin.
User text is taken literally: nothing in it is markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fonts import FontChain, is_invisible

# Marks that may not start a line (closing punctuation, pauses, units that follow a number).
NO_START = frozenset(
    "，。、；：？！）》”’」』】〕］｝〉〗〙〛…‥·・％‰℃°′″～"
    ",.;:?!)]}%"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々"
)
# Marks that may not end a line (opening punctuation).
NO_END = frozenset("（《“‘「『【〔［｛〈〖〘〚([{")
# Marks that come in pairs (——, ……) and are never split between lines.
PAIRED = frozenset("—…")

SPACE, WORD, CJK, NEWLINE = 0, 1, 2, 3


@dataclass(frozen=True)
class Line:
    """One set line: its width in points and its runs of (font index, text)."""

    width: float
    runs: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.runs)


def clean(text: str) -> str:
    """Normalise line ends and tabs and drop invisible format characters."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if any(is_invisible(ch) for ch in text):
        text = "".join(ch for ch in text if not is_invisible(ch))
    return text


def _kind(ch: str) -> int:
    if ch == "\n":
        return NEWLINE
    if ch == " " or ch == "\u00a0":
        return SPACE
    cp = ord(ch)
    if cp < 0x80:
        return WORD
    # Chinese quotes, dashes and ellipses stand alone even though they sit below U+2E80.
    if cp < 0x2E80 and ch not in _STANDALONE:
        return WORD
    return CJK


_STANDALONE = (NO_START | NO_END | PAIRED) - frozenset(chr(c) for c in range(0x80))


class Typesetter:
    """Sets text into lines for a font chain; results are cached per (text, width, size)."""

    def __init__(self, chain: FontChain) -> None:
        self.chain = chain
        self._cache: dict[tuple[str, float, float], tuple[Line, ...]] = {}

    def width(self, text: str, size: float) -> float:
        resolve = self.chain.resolve
        return sum(resolve(ch)[2] for ch in clean(text)) * size

    def lines(self, text: str, width: float, size: float) -> tuple[Line, ...]:
        """``text`` broken into lines no wider than ``width`` points at ``size`` points."""
        key = (text, width, size)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = tuple(self._set(clean(text), width, size))
        return hit

    # -- the breaking ------------------------------------------------------------------------
    def _tokens(self, text: str, size: float) -> list[tuple[int, list[tuple[int, str, float]]]]:
        """Breakable units: (kind, [(font index, printed char, width in points), …])."""
        resolve = self.chain.resolve
        tokens: list[tuple[int, list[tuple[int, str, float]]]] = []
        prev_kind = -1
        prev_char = ""
        for ch in text:
            kind = _kind(ch)
            if kind == NEWLINE:
                tokens.append((NEWLINE, []))
                prev_kind = NEWLINE
                prev_char = ch
                continue
            index, out, w = resolve(ch)
            glyph = (index, out, w * size)
            glue = (kind == WORD and prev_kind == WORD) or (ch in PAIRED and ch == prev_char)
            if glue:
                tokens[-1][1].append(glyph)
            else:
                tokens.append((kind, [glyph]))
            prev_kind = kind
            prev_char = ch
        return tokens

    def _set(self, text: str, width: float, size: float) -> list[Line]:
        if not text:
            return []
        tokens = []
        for tok in self._tokens(text, size):
            glyphs = tok[1]
            if tok[0] == WORD and len(glyphs) > 1:
                # A word that opens with closing marks (",5", ".0") lets them hang apart.
                k = 0
                while k < len(glyphs) - 1 and glyphs[k][1] in NO_START:
                    tokens.append((CJK, [glyphs[k]]))
                    k += 1
                glyphs = glyphs[k:]
                # … and one that ends with opening marks ("a(") keeps them with what follows.
                tail = []
                while len(glyphs) > 1 and glyphs[-1][1] in NO_END:
                    tail.insert(0, (CJK, [glyphs.pop()]))
                # Words wider than a whole line are cut into characters.
                if len(glyphs) > 1 and sum(g[2] for g in glyphs) > width:
                    tokens.extend((CJK, [g]) for g in glyphs)
                else:
                    tokens.append((WORD, glyphs))
                tokens.extend(tail)
                continue
            tokens.append(tok)

        done: list[list] = []  # token lists of finished lines
        hard: set[int] = set()  # indexes of lines ended by a line break in the text
        current: list = []
        used = 0.0
        soft = False  # whether the line being filled follows a soft (width) break
        for tok in tokens:
            kind = tok[0]
            if kind == NEWLINE:
                hard.add(len(done))
                done.append(_rstrip(current))
                current, used, soft = [], 0.0, False
                continue
            w = _width(tok)
            if not current:
                if kind == SPACE and soft:
                    continue  # a space at a soft break vanishes
                if soft and done and _first(tok) in NO_START:
                    done[-1].append(tok)  # a closing mark after a full line hangs on it
                    continue
                current, used = [tok], w
                continue
            if used + w <= width + 1e-6:
                current.append(tok)
                used += w
                continue
            if kind == SPACE:
                # Break at the space (it vanishes), keeping opening marks with what follows.
                _rstrip(current)
                carry = []
                while len(current) > 1 and _last(current[-1]) in NO_END:
                    carry.insert(0, current.pop())
                    _rstrip(current)
                done.append(current)
                current, soft = carry, True
                used = sum(_width(t) for t in carry)
                continue
            # Break before tok; carry marks that may not start or end a line down with it.
            carry = [tok]
            while True:
                _rstrip(current)
                if len(current) > 1 and (_first(carry[0]) in NO_START or _last(current[-1]) in NO_END):
                    carry.insert(0, current.pop())
                    continue
                break
            if not current:
                current, used = carry, sum(_width(t) for t in carry)
                continue
            # Nothing left to carry down: closing marks hang at the end of this line.
            while carry and _first(carry[0]) in NO_START:
                current.append(carry.pop(0))
            done.append(current)
            soft = True
            current = carry
            used = sum(_width(t) for t in current)
        if current:
            hard.add(len(done))
            done.append(_rstrip(current))
        _no_orphans(done, hard, width)
        return [_make_line(toks) for toks in done]


def _no_orphans(done: list[list], hard: set[int], width: float) -> None:
    """A paragraph never ends with one character alone on its line (投入管理指/标).

    The last character of the line above comes down to keep it company, with any marks that
    may not start or end a line, when the line above keeps at least two tokens and both fit.
    """
    for i in range(1, len(done)):
        last, above = done[i], done[i - 1]
        if i not in hard or (i - 1) in hard or sum(len(t[1]) for t in last) != 1 or last[0][0] != CJK:
            continue
        carry = []
        rest = list(above)
        while len(rest) > 2:
            carry.insert(0, rest.pop())
            _rstrip(rest)
            if _first(carry[0]) not in NO_START and _last(rest[-1]) not in NO_END:
                break
        else:
            continue
        if not carry or sum(_width(t) for t in carry + last) > width + 1e-6:
            continue
        done[i - 1] = rest
        done[i] = carry + last


def _width(tok) -> float:
    return sum(g[2] for g in tok[1])


def _rstrip(tokens: list) -> list:
    while tokens and tokens[-1][0] == SPACE:
        tokens.pop()
    return tokens


def _first(tok) -> str:
    glyphs = tok[1]
    return glyphs[0][1] if glyphs else ""


def _last(tok) -> str:
    glyphs = tok[1]
    return glyphs[-1][1] if glyphs else ""


def _make_line(tokens) -> Line:
    runs: list[tuple[int, str]] = []
    width = 0.0
    cur_font = -1
    buf: list[str] = []
    for _, glyphs in tokens:
        for index, out, w in glyphs:
            width += w
            if index != cur_font:
                if buf:
                    runs.append((cur_font, "".join(buf)))
                cur_font, buf = index, [out]
            else:
                buf.append(out)
    if buf:
        runs.append((cur_font, "".join(buf)))
    return Line(width, tuple(runs))
