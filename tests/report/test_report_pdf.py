"""The printed seed form read back: every value there, totals, page numbers, fonts, stable bytes."""

from __future__ import annotations

import copy
import datetime
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from perfgui.model import Status, fmt2
from perfgui.readers.pasted import read_pasted
from perfgui.model.serialize import fingerprint
from perfgui.report import has_errors, render_pdf

from report_pdfcheck import flat, needs_poppler, pages_text, pdffonts, pdftotext

ISSUED = datetime.date(2025, 3, 1)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed():
    from bench.common import seed_form

    return seed_form()


@pytest.fixture(scope="module")
def seed_pdf(seed) -> bytes:
    return render_pdf(seed, issued=ISSUED)


def test_every_indicator_of_the_seed_is_printed_in_its_row(seed, seed_pdf):
    text = flat("".join(pages_text(seed_pdf)))
    leaves = seed.scored()
    assert len(leaves) == 51
    for leaf in leaves:
        # The row's cells in drawing order: name, target, actual, points, score, reason.
        row = flat(leaf.name + leaf.target + leaf.actual + fmt2(leaf.max_points) + fmt2(leaf.score) + leaf.reason)
        if leaf.level == 2:  # the 投入管理 block: target/actual sit under the merged note
            row = flat(leaf.name + fmt2(leaf.max_points) + fmt2(leaf.score))
        assert row in text, leaf.path()
    for node in seed.root.walk():
        if node is not seed.root:
            assert flat(node.name) in text
    assert "小区管理水平可进一步提升" in text and "市容市貌可进一步提升" in text
    assert flat(seed.sections[0].note) in text


def test_header_budget_goals_and_totals(seed, seed_pdf):
    text = flat("".join(pages_text(seed_pdf)))
    assert "《部门（单位）整体支出绩效自评表》（2024年度）单位名称" in text
    assert "资金结构：（1）基本支出8,811,240.008,325,030.9294.48" in text
    assert "单位名称上海市闵行区虹桥镇城市建设管理事务中心" in text
    assert "资金来源：（1）财政拨款275,112,698.88274,023,314.4299.60" in text
    assert "（2）项目支出266,301,458.88265,698,283.5099.77" in text
    assert flat(seed.goals.planned) in text and flat(seed.goals.achieved) in text
    # 总分 = Σ分值 / Σ得分 of the seed: 95.00 and 94.00; grade 优.
    assert "总分95.0094.00" in text
    assert "自评得分94.00自评等级优" in text
    for label in ("单位负责人：", "填表人：", "联系电话：", "填报日期：", "单位（盖章）"):
        assert label in text


@needs_poppler
def test_page_numbers_on_every_page(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    n = len(PdfReader(io.BytesIO(seed_pdf)).pages)
    assert n >= 2
    pages = pdftotext(path, "-layout").split("\f")
    assert len([p for p in pages if p.strip()]) == n
    for i in range(1, n + 1):
        assert re.search(rf"第\s*{i}\s*页\s*共\s*{n}\s*页", pages[i - 1])
        assert "打印日期：2025-03-01" in pages[i - 1]


@needs_poppler
def test_only_embedded_truetype_fonts(seed_pdf, tmp_path):
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf)
    fonts = pdffonts(path)
    assert fonts, "no fonts listed"
    for f in fonts:
        assert f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes", f
        assert f["type"] == "TrueType", f
    assert not any("Helvetica" in f["name"] for f in fonts)


WATERMARK_FILL = b"\n.8 g"  # the watermark's grey fill, set just before its outlines


def page_streams(data: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


def test_status_decides_the_draft_mark_not_the_errors(seed):
    assert has_errors(seed) > 0 and seed.status is Status.DRAFT
    draft = render_pdf(seed, issued=ISSUED)
    assert all(WATERMARK_FILL in s for s in page_streams(draft))
    assert all("非正式版本" in page for page in pages_text(draft))
    final = copy.deepcopy(seed)
    final.status = Status.FINAL  # finalised although it has errors: never a mark
    data = render_pdf(final, issued=ISSUED)
    assert not any(WATERMARK_FILL in s for s in page_streams(data))
    assert not any("非正式版本" in page for page in pages_text(data))


@needs_poppler
@pytest.mark.parametrize("status", [Status.DRAFT, Status.FINAL])
def test_no_watermark_characters_in_the_text_of_any_pdf(seed, tmp_path, status):
    form = copy.deepcopy(seed)
    form.status = status
    for landscape in (False, True):
        path = tmp_path / f"{status.value}{landscape}.pdf"
        path.write_bytes(render_pdf(form, issued=ISSUED, landscape=landscape))
        text = pdftotext(path)
        assert "草" not in text and "稿" not in text
        assert flat(seed.goals.planned) in flat(text)


def test_every_page_carries_the_fingerprint_draft_or_final(seed):
    fp = fingerprint(seed)
    assert re.fullmatch(r"([2-9A-HJ-NP-Z]{4}-){4}[2-9A-HJ-NP-Z]", fp)
    final = copy.deepcopy(seed)
    final.status = Status.FINAL
    for form in (seed, final):
        data = render_pdf(form, issued=ISSUED)
        for page in pages_text(data):
            assert f"表单指纹：{fp}" in page
        assert PdfReader(io.BytesIO(data)).metadata.subject.endswith(f"表单指纹 {fp}")


def test_finalised_with_errors_prints_the_reason_under_the_table(seed):
    form = copy.deepcopy(seed)
    form.status = Status.FINAL
    form.final_reason = "原表权重合计为95，按上级下发原表报送"
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    assert flat("自评等级优说明本表定稿时仍有未通过的检查项，定稿说明：原表权重合计为95，按上级下发原表报送") in text
    form.status = Status.DRAFT  # reopened: no 说明 line
    assert "定稿说明" not in flat("".join(pages_text(render_pdf(form, issued=ISSUED))))


def test_pdf_date_and_footer_are_the_saved_time(seed):
    import datetime as dt

    from perfgui.model.stamp import Saved

    moment = dt.datetime(2025, 3, 4, 1, 30, tzinfo=dt.timezone.utc)
    data = render_pdf(seed, saved=Saved(7, moment))
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20250304013000+00'00'"
    local = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    for page in pages_text(data):
        assert f"保存时间：{local}（第 7 版）" in page
    # The same saved revision printed on another day gives the same bytes.
    assert render_pdf(seed, saved=Saved(7, moment), issued=dt.date(2030, 1, 1)) == data


def test_same_form_and_date_give_identical_bytes_across_processes(tmp_path):
    script = (
        "import sys, datetime, hashlib;"
        "sys.path.insert(0, sys.argv[1]);"
        "from bench.common import seed_form;"
        "from perfgui.report import render_pdf;"
        "f = seed_form(); f.id = '0123456789ab';"
        "d = render_pdf(f, issued=datetime.date(2025, 3, 1));"
        "print(hashlib.sha256(d).hexdigest())"
    )
    digests = set()
    for seed_value in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed_value)
        out = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True,
                             env=env, check=True).stdout.strip()
        digests.add(out)
    assert len(digests) == 1
    # The process-wide font caches do not change the bytes either.
    from bench.common import seed_form

    again = seed_form()
    again.id = "0123456789ab"
    assert hashlib.sha256(render_pdf(again, issued=ISSUED)).hexdigest() in digests
    assert render_pdf(seed_form(), issued=datetime.date(2025, 3, 2)) != render_pdf(seed_form(), issued=ISSUED)


def test_landscape_pages_are_a4_landscape(seed):
    data = render_pdf(seed, issued=ISSUED, landscape=True)
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - 841.89) < 1 and abs(h - 595.28) < 1
    portrait = PdfReader(io.BytesIO(render_pdf(seed, issued=ISSUED))).pages[0]
    assert abs(float(portrait.mediabox.width) - 595.28) < 1
    assert "总分95.0094.00" in flat("".join(pages_text(data)))


def test_project_form_prints_its_own_title_and_budget():
    form = read_pasted((ROOT / "tests" / "data" / "project_2024.txt").read_text(encoding="utf-8")).form
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    assert "《项目支出绩效自评表》（2024年度）" in text
    assert "项目名称老旧小区综合改造" in text
    assert "实施单位某街道城市建设管理事务中心" in text
    assert "年度资金总额100.00120.00114.001095.00%9.50" in text
    assert "预期目标实际完成情况" in text
    assert "按期完工率≥95%90%10.009.47一个小区因管线迁改延期，已协调相关单位加快进度" in text


def test_user_text_is_printed_literally(seed):
    from bench.common import seed_form

    form = seed_form()
    form.header.unit = "<b>虹桥</b> & <font name='x'>镇</font> &amp; &lt;"
    form.sections[1].children[0].children[0].reason = "a<b & c>d <para>x</para> <br/>"
    text = "".join(pages_text(render_pdf(form, issued=ISSUED)))
    assert "<b>虹桥</b> & <font name='x'>镇</font> &amp; &lt;" in text
    assert flat("a<b & c>d <para>x</para> <br/>") in flat(text)


def test_the_watermark_outlines_are_the_bundled_fonts_glyphs():
    # resources/print/watermark.json is made by tools/make_watermark.py; it must match the font.
    pytest.importorskip("fontTools")
    import importlib.util
    import json

    from perfgui.resources import CJK_FONT, resource_path

    spec = importlib.util.spec_from_file_location("make_watermark", ROOT / "tools" / "make_watermark.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    stored = json.loads(resource_path("print", "watermark.json").read_text(encoding="utf-8"))
    assert stored["glyphs"] == tool.outlines(resource_path(*CJK_FONT), "草稿")
    assert all(len(g["ops"]) > 20 for g in stored["glyphs"].values())
