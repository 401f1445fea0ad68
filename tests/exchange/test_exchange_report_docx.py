"""The 自评报告 draft (.docx): chapters, bound numbers, the report check and refreshing an edit.

Every test reads the real .docx back (python-docx, or the XML inside it); one converts it with
LibreOffice to PDF and reads the text of the pages.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

from perfgui.model.totals import budget_score
from perfgui.exchange.report_check import PLACEHOLDER, check_report
from perfgui.exchange.report_docx import CHAPTERS_DEPARTMENT, CHAPTERS_PROJECT, refresh, report_docx
from perfgui.exchange.report_fields import TAG_PREFIX, bound_values
from perfgui.model import compute, fmt2


def controls(data: bytes) -> dict[str, list[str]]:
    """key → texts of every perfgui content control in the document."""
    doc = Document(io.BytesIO(data))
    found: dict[str, list[str]] = {}
    for sdt in doc.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"./{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val"))
        if tag.startswith(TAG_PREFIX):
            text = "".join(t.text or "" for t in sdt.iter(qn("w:t")))
            found.setdefault(tag[len(TAG_PREFIX):], []).append(text)
    return found


def headings(data: bytes, level: int = 1) -> list[str]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def edit_control(data: bytes, key: str, new_text: str) -> bytes:
    """The report as a person who retyped one bound number in Word would save it."""
    doc = Document(io.BytesIO(data))
    for sdt in doc.element.body.iter(qn("w:sdt")):
        if sdt.find(f"./{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")) == TAG_PREFIX + key:
            sdt.find(f".//{qn('w:t')}").text = new_text
            break
    else:
        raise AssertionError(key)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def lose_points(form, index: int, by: str = "0.50"):
    leaf = form.scored()[index]
    leaf.score = leaf.max_points - Decimal(by)
    leaf.reason = "受施工周期影响，部分工作顺延至次年。"
    return leaf


def test_seed_report_has_the_chapters_and_every_number_of_the_form(seed_form):
    data = report_docx(seed_form)
    assert headings(data) == list(CHAPTERS_DEPARTMENT)
    found = controls(data)
    values = bound_values(seed_form)
    t = compute(seed_form)
    assert found["total_score"] == [fmt2(t.total_score)] * 3  # conclusion, table, under the table
    assert found["total_max"][0] == "95.00" and found["grade"][0] == "优"
    assert found["budget.source_fiscal.planned"] == ["275,112,698.88"]
    assert found["budget.rate"] == ["99.60"]
    for key, texts in found.items():
        assert all(text == values[key].text for text in texts), key
    # Every scored indicator's points are in the 附表, each section's in chapter two.
    for leaf in seed_form.scored():
        assert f"node.{leaf.id}.score" in found
    for section in seed_form.sections:
        assert f"section.{section.id}.score" in found
    # The indicators that lost points each have their own part in chapter five.
    lost = headings(data, level=2)
    assert "（一）小区整体管理水平" in lost and "（二）市容市貌提升" in lost
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "小区管理水平可进一步提升" in text  # the form's own reason, where it belongs
    assert seed_form.goals.planned[:30] in text and seed_form.goals.achieved[:30] in text
    assert not PLACEHOLDER.search(text)


def test_report_is_in_official_document_style(seed_form):
    doc = Document(io.BytesIO(report_docx(seed_form)))
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16  # 三号
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋"
    title = doc.paragraphs[0]
    assert title.runs[0].font.size.pt == 22 and title.runs[0].font.bold  # 二号, bold
    first = doc.sections[0]
    assert round(first.top_margin.mm) == 37 and round(first.left_margin.mm) == 28
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # 附表 across the page
    footer = doc.sections[0].footer._element
    assert any("PAGE" in (i.text or "") for i in footer.iter(qn("w:instrText")))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["一级指标", "权重", "二级指标", "三级指标",
                                                    "年度指标值", "全年完成值", "分值", "得分",
                                                    "偏差及原因分析"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page


def test_project_report(project_form):
    data = report_docx(project_form)
    assert headings(data) == list(CHAPTERS_PROJECT)
    found = controls(data)
    assert found["project_name"][0] == project_form.header.project_name
    assert found["budget.score"][0] == fmt2(budget_score(project_form.budget, project_form.settings))
    assert check_report(data, project_form).ok


def test_check_lists_exactly_the_numbers_a_score_change_moved(seed_form):
    before = bound_values(seed_form)
    data = report_docx(seed_form)
    leaf = lose_points(seed_form, 10)
    after = bound_values(seed_form)
    result = check_report(data, seed_form)
    changed = {k for k in before if k in after and before[k].text != after[k].text}
    in_report = set(controls(data))
    assert {m.key for m in result.mismatches} == changed & in_report
    assert {f"node.{leaf.id}.score", "total_score", "lost_count", "fingerprint"} <= changed
    assert not result.placeholders and not result.empty_chapters and not result.broken_fields
    lines = result.lines()
    assert f"报告中的“自评总分”为 94.00（3 处），表中为 {fmt2(compute(seed_form).total_score)}。" in lines


def test_a_number_changed_by_hand_in_the_report_is_reported(seed_form):
    data = edit_control(report_docx(seed_form), "budget.rate", "98.60")
    result = check_report(data, seed_form)
    assert [(m.key, m.report, m.form) for m in result.mismatches] == [("budget.rate", "98.60", "99.60")]
    assert not result.ok


def _docx_with(paragraphs: list[tuple[str, str | None]], extra_xml: str = "") -> bytes:
    doc = Document()
    for text, style in paragraphs:
        doc.add_paragraph(text, style=style)
    out = io.BytesIO()
    doc.save(out)
    if not extra_xml:
        return out.getvalue()
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b"</w:body>", extra_xml.encode("utf-8") + b"</w:body>")
            dst.writestr(item, body)
    return buf.getvalue()


def test_placeholders_empty_chapters_and_broken_fields_are_found(seed_form):
    ref = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref123 \\h '
           '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    data = _docx_with([("一、基本情况", "Heading 1"), ("本单位共有XX名在编人员。", None),
                       ("二、绩效目标及完成情况", "Heading 1"),
                       ("三、预算执行情况", "Heading 1"), ("详见第错误!未定义书签。页。", None),
                       ("执行率为【请填写】%。", None)], ref)
    result = check_report(data, seed_form)
    assert result.empty_chapters == ["二、绩效目标及完成情况"]
    assert len(result.placeholders) == 2
    assert any("XX" in p for p in result.placeholders) and any("请填写" in p for p in result.placeholders)
    assert len(result.broken_fields) == 2
    assert any("错误!未定义书签" in b for b in result.broken_fields)
    assert any("_Ref123" in b for b in result.broken_fields)


def test_refreshing_keeps_the_persons_text_and_updates_only_the_numbers(seed_form):
    data = report_docx(seed_form)
    doc = Document(io.BytesIO(data))
    mine = "本段由填报人改写：虹桥镇全年重点推进了加装电梯和美丽家园建设。"
    target = next(p for p in doc.paragraphs if p.text.startswith("本单位将自评结果"))
    for run in target.runs[1:]:
        run._r.getparent().remove(run._r)
    target.runs[0].text = mine
    edited = io.BytesIO()
    doc.save(edited)
    leaf = lose_points(seed_form, 10)
    result = refresh(edited.getvalue(), seed_form)
    back = Document(io.BytesIO(result.data))
    assert mine in [p.text for p in back.paragraphs]
    assert check_report(result.data, seed_form).ok
    labels = {label for label, _, _ in result.updated}
    assert "自评总分" in labels and f"{leaf.path()} 得分" in labels
    # The newly lost indicator has no paragraph of its own yet: said, not invented.
    assert result.unbound == [leaf.path()]


def test_cli_export_report_then_check_report(tmp_path, seed_form):
    from perfgui.exchange.outputs import json_bytes

    form_file = tmp_path / "seed.json"
    form_file.write_bytes(json_bytes(seed_form))
    report = tmp_path / "报告.docx"
    env_cmd = [sys.executable, "-m", "perfgui"]
    done = subprocess.run(env_cmd + ["export", str(form_file), "--report", str(report)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    ok = subprocess.run(env_cmd + ["check", "--report", str(report), str(form_file)],
                        capture_output=True, text=True, encoding="utf-8")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["ok"] is True
    lose_points(seed_form, 3)
    form_file.write_bytes(json_bytes(seed_form))
    bad = subprocess.run(env_cmd + ["check", "--report", str(report), str(form_file)],
                         capture_output=True, text=True, encoding="utf-8")
    assert bad.returncode == 1
    problems = json.loads(bad.stdout)["problems"]
    assert any("自评总分" in p for p in problems)
    again = subprocess.run(env_cmd + ["export", str(form_file), "--report", str(report)],
                           capture_output=True, text=True, encoding="utf-8")
    assert again.returncode == 0 and "已更新报告中的数字" in again.stderr and "自评总分" in again.stderr
    final = subprocess.run(env_cmd + ["check", "--report", str(report), str(form_file)],
                           capture_output=True, text=True, encoding="utf-8")
    assert final.returncode == 0
    notdocx = tmp_path / "x.docx"
    notdocx.write_bytes(b"not a zip")
    refused = subprocess.run(env_cmd + ["check", "--report", str(notdocx), str(form_file)],
                             capture_output=True, text=True, encoding="utf-8")
    assert refused.returncode == 2 and refused.stderr.startswith("错误：") and "Traceback" not in refused.stderr


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by .ci/run")
def test_libreoffice_converts_the_report(tmp_path, seed_form):
    path = tmp_path / "report.docx"
    path.write_bytes(report_docx(seed_form))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "部门整体支出绩效自评报告" in text
    assert re.search(r"绩效自评总分\s*94\.00\s*分", text)
    assert re.search(r"—\s*1\s*—", text) and "偏差及原因分析" in text
