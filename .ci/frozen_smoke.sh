#!/usr/bin/env bash
# Build the frozen program with build.spec and smoke-run it the way a user's PC would:
# no Python on PATH, an empty home, Chinese file names, and a read-only look at the bundle
# (the program must write only to the user's data folder, never next to the executable).
#
#   bash .ci/frozen_smoke.sh            build, then smoke-run
#   FROZEN_SKIP_BUILD=1 bash .ci/frozen_smoke.sh   smoke-run an existing dist/perfgui
#
# Environment: PYTHON (default: python, else python3) builds and verifies outputs;
# FROZEN_DIST / FROZEN_WORK override dist/ and build/; FROZEN_GUI_SECONDS (default 5).
# Exits non-zero, with a line starting "FROZEN SMOKE FAILED:", on the first failure.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$(command -v python || command -v python3)}"
DIST="${FROZEN_DIST:-$ROOT/dist}"
WORK="${FROZEN_WORK:-$ROOT/build}"
BUNDLE="$DIST/perfgui"
GUI_SECONDS="${FROZEN_GUI_SECONDS:-5}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/perfgui-frozen.XXXXXX")"
GUI_PID=""

cleanup() {
    if [[ -n "$GUI_PID" ]] && kill -0 "$GUI_PID" 2>/dev/null; then
        kill "$GUI_PID" 2>/dev/null || true
        wait "$GUI_PID" 2>/dev/null || true
    fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

fail() {
    echo "FROZEN SMOKE FAILED: $*" >&2
    exit 1
}
step() { echo "== frozen: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- build -----------------------------------------------------------------------------------
if [[ -z "${FROZEN_SKIP_BUILD:-}" ]]; then
    "$PYTHON" -c "import PyInstaller" 2>/dev/null \
        || fail "PyInstaller is not installed for $PYTHON (pip install '.[build]')"
    # PyInstaller needs binutils on Linux: objdump to recognise libraries, strip for build.spec.
    if ! command -v objdump >/dev/null || ! command -v strip >/dev/null; then
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
            step "installing binutils (objdump, strip) for PyInstaller"
            (apt-get install -y -qq --no-install-recommends binutils >/dev/null 2>&1 \
                || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends binutils >/dev/null; }) \
                || fail "could not install binutils (objdump, strip)"
        else
            fail "objdump and strip are needed: install binutils"
        fi
    fi
    step "pyinstaller --noconfirm --clean build.spec"
    t0="$(now)"
    if ! "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
            --distpath "$DIST" --workpath "$WORK" build.spec >"$SCRATCH/build.log" 2>&1; then
        tail -n 40 "$SCRATCH/build.log" >&2
        fail "pyinstaller build.spec failed (log above)"
    fi
    echo "   built in $(since "$t0") s"

    # An import of ours that PyInstaller could not satisfy fails only when a person reaches that
    # code (a menu, the print preview), so the build's warnings are read here: every module of
    # ours must be found, and nothing we import unconditionally may be excluded by build.spec.
    "$PYTHON" - "$WORK/build/warn-build.txt" <<'EOF' || fail "the frozen program would miss modules it imports (above)"
import re, sys
# Developer tools inside the package that import what the program never ships.
ALLOWED_IMPORTERS: set[str] = set()
problems = []
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(missing|excluded) module named '?([\w.]+)'? - imported by (.*)", line.strip())
    if not m:
        continue
    kind, module, importers = m.groups()
    for item in importers.split(", "):
        name, _, how = item.partition(" (")
        ours = name in ("main", "perfgui-cli") or name.startswith("perfgui")
        optional = "conditional" in how or "optional" in how
        if name in ALLOWED_IMPORTERS:
            continue
        if module.startswith("perfgui") or (ours and not optional):
            problems.append(f"{kind} module {module}, imported by {item}")
for p in problems:
    print("  " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
fi

GUI_EXE="$BUNDLE/perfgui"
CLI_EXE="$BUNDLE/perfgui-cli"
SAMPLE="$BUNDLE/_internal/resources/samples/seed_2024.txt"
[[ -x "$GUI_EXE" ]] || fail "no windowed program at $GUI_EXE"
[[ -x "$CLI_EXE" ]] || fail "no console program at $CLI_EXE"
[[ -f "$SAMPLE" ]] || fail "the sample form is not in the bundle: $SAMPLE"

# Every file under resources/ must be in the bundle, byte for byte.
(cd "$ROOT/resources" && find . -type f -print0) | while IFS= read -r -d '' f; do
    cmp -s "$ROOT/resources/$f" "$BUNDLE/_internal/resources/$f" \
        || fail "resources/${f#./} is missing from the bundle or differs"
done
size_mb="$(du -sm "$BUNDLE" | cut -f1)"
echo "   bundle: $BUNDLE, ${size_mb} MiB"

# --- a PC without Python ---------------------------------------------------------------------
NOPY_BIN="$SCRATCH/bin"      # PATH holds nothing at all: no python, no shell tools
HOME_DIR="$SCRATCH/home"
DATA_DIR="$SCRATCH/data"
RUNTIME_DIR="$SCRATCH/run"
mkdir -p "$NOPY_BIN" "$HOME_DIR" "$DATA_DIR" "$RUNTIME_DIR"
chmod 700 "$RUNTIME_DIR"
bare() {
    # Run a frozen program with an environment like a fresh account's, minus any Python.
    /usr/bin/env -i PATH="$NOPY_BIN" HOME="$HOME_DIR" LANG="${BARE_LANG:-C.UTF-8}" \
        XDG_RUNTIME_DIR="$RUNTIME_DIR" PERFGUI_DATA_DIR="$DATA_DIR" "$@"
}
if bare /bin/sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
    fail "a Python interpreter is reachable on the smoke-test PATH"
fi

# Snapshot of the bundle: nothing may be added or changed in it by running the programs.
snapshot() { (cd "$BUNDLE" && find . -printf '%p %s %T@\n' | LC_ALL=C sort); }
snapshot >"$SCRATCH/bundle.before"

verify() { "$PYTHON" - "$@"; }

# --- console twin: version -------------------------------------------------------------------
step "perfgui-cli --version"
want_version="$("$PYTHON" -c 'import ast,sys; t=ast.parse(open("perfgui/__init__.py",encoding="utf-8").read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__"))')"
got_version="$(cd "$SCRATCH" && bare "$CLI_EXE" --version 2>&1)" || fail "perfgui-cli --version failed: $got_version"
[[ "$got_version" == "perfgui $want_version" ]] \
    || fail "perfgui-cli --version printed '$got_version', expected 'perfgui $want_version'"
echo "   $got_version"

# --- console twin: check ---------------------------------------------------------------------
check_sample() {
    local form="$1" out="$2" rc=0
    (cd "$SCRATCH" && bare "$CLI_EXE" check "$form" >"$out" 2>"$out.err") || rc=$?
    # The real 2024 form breaks the weight rule (95, not 100): exit code 1 = "form has errors".
    [[ "$rc" == 1 ]] || { cat "$out.err" >&2; fail "perfgui-cli check $form exited $rc, expected 1"; }
    verify "$out" <<'EOF' || fail "perfgui-cli check printed the wrong result for $form"
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["total_score"] == "94.00", data["total_score"]
assert data["total_max"] == "95.00", data["total_max"]
assert data["unit"] == "上海市闵行区虹桥镇城市建设管理事务中心", data["unit"]
assert any(f["level"] == "error" for f in data["findings"]), "the weight error was not reported"
EOF
}
step "perfgui-cli check <bundled sample>"
t0="$(now)"
check_sample "$SAMPLE" "$SCRATCH/check.json"
echo "   total_score 94.00, exit 1 as expected ($(since "$t0") s)"

# A Chinese folder name with a space, and the POSIX locale (no LANG): arguments and file names
# must survive both.
CN_DIR="$SCRATCH/绩效 自评"
mkdir -p "$CN_DIR"
cp "$SAMPLE" "$CN_DIR/虹桥镇 2024.txt"
step "perfgui-cli check <Chinese file name>, LANG unset"
BARE_LANG="" check_sample "$CN_DIR/虹桥镇 2024.txt" "$SCRATCH/check-cn.json"

# --- console twin: export PDF and Excel ------------------------------------------------------
step "perfgui-cli export --pdf --xlsx"
t0="$(now)"
PDF="$CN_DIR/自评表.pdf"
XLSX="$CN_DIR/自评表.xlsx"
rc=0
(cd "$SCRATCH" && bare "$CLI_EXE" export "$SAMPLE" --pdf "$PDF" --xlsx "$XLSX" \
    >"$SCRATCH/export.out" 2>"$SCRATCH/export.err") || rc=$?
[[ "$rc" == 0 ]] || { cat "$SCRATCH/export.err" >&2; fail "perfgui-cli export exited $rc"; }
verify "$PDF" "$XLSX" <<'EOF' || fail "the exported PDF or Excel file is not valid"
import sys, zipfile
pdf, xlsx = sys.argv[1], sys.argv[2]
data = open(pdf, "rb").read()
assert len(data) > 1000, f"PDF too small: {len(data)} bytes"
assert data.startswith(b"%PDF-"), "no %PDF header"
assert b"%%EOF" in data[-1024:], "no %%EOF trailer"
try:
    import pypdf
except ImportError:
    pypdf = None
if pypdf is not None:
    pages = len(pypdf.PdfReader(pdf).pages)
    assert pages >= 1, "PDF has no pages"
with zipfile.ZipFile(xlsx) as z:
    assert z.testzip() is None, "corrupt member in the xlsx"
    assert "xl/workbook.xml" in z.namelist(), "not a workbook"
try:
    import openpyxl
except ImportError:
    openpyxl = None
if openpyxl is not None:
    wb = openpyxl.load_workbook(xlsx)
    assert wb.worksheets and wb.worksheets[0].max_row > 10, "the workbook is empty"
EOF
echo "   $(stat -c %s "$PDF") byte PDF, $(stat -c %s "$XLSX") byte xlsx ($(since "$t0") s)"
leftovers="$(find "$CN_DIR" -name '*.tmp' | head -n 3)"
[[ -z "$leftovers" ]] || fail "export left temporary files behind: $leftovers"

# --- console twin: report draft (python-docx/lxml) and a 汇总 in worker processes ------------
step "perfgui-cli export --json --report, check --report, summary (worker processes)"
t0="$(now)"
FORM_JSON="$CN_DIR/表单.json"
REPORT="$CN_DIR/自评报告.docx"
rc=0
(cd "$SCRATCH" && bare "$CLI_EXE" export "$SAMPLE" --json "$FORM_JSON" >/dev/null 2>"$SCRATCH/json.err") || rc=$?
[[ "$rc" == 0 ]] || { cat "$SCRATCH/json.err" >&2; fail "perfgui-cli export --json exited $rc"; }
(cd "$SCRATCH" && bare "$CLI_EXE" export "$FORM_JSON" --report "$REPORT" >/dev/null 2>"$SCRATCH/report.err") || rc=$?
[[ "$rc" == 0 ]] || { cat "$SCRATCH/report.err" >&2; fail "perfgui-cli export --report exited $rc"; }
(cd "$SCRATCH" && bare "$CLI_EXE" check --report "$REPORT" "$FORM_JSON" >"$SCRATCH/rcheck.json" 2>"$SCRATCH/rcheck.err") || rc=$?
[[ "$rc" == 0 ]] || { cat "$SCRATCH/rcheck.err" "$SCRATCH/rcheck.json" >&2; fail "perfgui-cli check --report exited $rc"; }
# Reading a PDF goes through pdfplumber/pdfminer (and their cryptography import) in the bundle.
(cd "$SCRATCH" && bare "$CLI_EXE" check "$PDF" >"$SCRATCH/pdfcheck.json" 2>"$SCRATCH/pdfcheck.err") || rc=$?
[[ "$rc" == 1 ]] || { cat "$SCRATCH/pdfcheck.err" >&2; fail "perfgui-cli check <our PDF> exited $rc, expected 1"; }
rc=0
verify "$SCRATCH/pdfcheck.json" <<'EOF' || fail "the frozen program read our own PDF wrong"
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
assert (result["total_score"], result["total_max"]) == ("94.00", "95.00"), result["total_score"]
EOF
RECEIVED="$SCRATCH/收到的表单"
mkdir -p "$RECEIVED"
for i in $(seq 1 12); do cp "$FORM_JSON" "$RECEIVED/表单$i.json"; done
(cd "$SCRATCH" && bare "$CLI_EXE" summary "$RECEIVED" --out "$CN_DIR/汇总.xlsx" --workers 2 --json \
    >"$SCRATCH/summary.json" 2>"$SCRATCH/summary.err") || rc=$?
[[ "$rc" == 0 ]] || { cat "$SCRATCH/summary.err" >&2; fail "perfgui-cli summary exited $rc"; }
verify "$SCRATCH/summary.json" <<'EOF' || fail "the frozen summary did not read every form"
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
assert result["forms"] == 12 and not result["unreadable"], (result["forms"], result["unreadable"][:2])
assert result["duplicates"] == 11, result["duplicates"]
EOF
echo "   report $(stat -c %s "$REPORT") bytes, summary of 12 forms by 2 workers ($(since "$t0") s)"

# --- windowed program, offscreen -------------------------------------------------------------
# First: the window paints a frame and quits by itself (PERFGUI_EXIT_AFTER_FIRST_PAINT=1).
step "perfgui (window) offscreen: first painted frame"
rc=0
(cd "$SCRATCH" && timeout 60 /usr/bin/env -i PATH="$NOPY_BIN" HOME="$HOME_DIR" LANG=C.UTF-8 \
    XDG_RUNTIME_DIR="$RUNTIME_DIR" PERFGUI_DATA_DIR="$DATA_DIR" QT_QPA_PLATFORM=offscreen \
    PERFGUI_EXIT_AFTER_FIRST_PAINT=1 "$GUI_EXE" >"$SCRATCH/paint.out" 2>"$SCRATCH/paint.err") || rc=$?
if [[ "$rc" != 0 ]] || ! grep -q "^first-paint " "$SCRATCH/paint.out"; then
    tail -n 40 "$SCRATCH/paint.err" >&2
    fail "the window did not report a painted frame (exit code $rc; 124 = timed out after 60 s)"
fi
echo "   $(head -n 1 "$SCRATCH/paint.out")"

[[ -n "$(ls -A "$DATA_DIR")" ]] || fail "the window wrote no library into PERFGUI_DATA_DIR"

# Then: started normally, with no data folder named, it keeps running and keeps its library in
# the user's data folder ($HOME/.local/share/perfgui here; %APPDATA%\perfgui on Windows).
step "perfgui (window) offscreen for ${GUI_SECONDS} s, default data folder"
(cd "$SCRATCH" && exec /usr/bin/env -i PATH="$NOPY_BIN" HOME="$HOME_DIR" LANG=C.UTF-8 \
    XDG_RUNTIME_DIR="$RUNTIME_DIR" QT_QPA_PLATFORM=offscreen \
    "$GUI_EXE" >"$SCRATCH/gui.out" 2>"$SCRATCH/gui.err") &
GUI_PID=$!
sleep "$GUI_SECONDS"
if ! kill -0 "$GUI_PID" 2>/dev/null; then
    rc=0
    wait "$GUI_PID" || rc=$?
    GUI_PID=""
    tail -n 40 "$SCRATCH/gui.err" >&2
    fail "the window exited within ${GUI_SECONDS} s (exit code $rc; its stderr above)"
fi
kill "$GUI_PID"
wait "$GUI_PID" 2>/dev/null || true
GUI_PID=""
if grep -q "Traceback" "$SCRATCH/gui.err"; then
    tail -n 40 "$SCRATCH/gui.err" >&2
    fail "the window printed a Python traceback (above)"
fi
echo "   still running after ${GUI_SECONDS} s; stopped"
[[ -n "$(ls -A "$HOME_DIR/.local/share/perfgui" 2>/dev/null)" ]] \
    || fail "the window did not create its library in the user's data folder ($HOME_DIR/.local/share/perfgui)"

# --- nothing written next to the executables -------------------------------------------------
snapshot >"$SCRATCH/bundle.after"
if ! diff -u "$SCRATCH/bundle.before" "$SCRATCH/bundle.after" >"$SCRATCH/bundle.diff"; then
    head -n 30 "$SCRATCH/bundle.diff" >&2
    fail "running the programs changed files inside $BUNDLE (diff above)"
fi
echo "   bundle unchanged after the runs"
step "OK"
