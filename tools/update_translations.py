"""Regenerate the English translation: ``python tools/update_translations.py``.

1. ``pyside6-lupdate`` collects every ``tr()`` string of the window into ``perfgui_en.ts``
   (strings already translated keep their translation);
2. the English texts below are written into it (the menus, the toolbar, the panels' titles and
   the summary bar; messages in dialogs stay Chinese, the program's working language);
3. ``pyside6-lrelease`` compiles ``perfgui_en.qm``, which the program loads for ``--lang en``.
Both files are committed: the program needs no Qt tools at run time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "resources" / "translations"
TS = HERE / "perfgui_en.ts"
QM = HERE / "perfgui_en.qm"

ENGLISH: dict[str, dict[str, str]] = {
    "Actions": {
        "新建部门整体表单": "New Department Form",
        "从部门（单位）整体支出模板新建一张表单": "Start a new form from the department (unit) overall spending template",
        "新建项目支出表单": "New Project Form",
        "从项目支出模板新建一张表单": "Start a new form from the project spending template",
        "打开文件…": "Open File…",
        "把表单文件（.json、.xlsx、.txt）导入表单库并打开": "Import a form file (.json, .xlsx, .txt) into the library and open it",
        "复制到下一年度": "Copy to Next Year",
        "以当前表单为底稿新建下一年度的表单：保留指标和目标，清空完成值和得分":
            "Start next year's form from this one: keeps indicators and targets, clears actuals and points",
        "另存为/导出…": "Save As / Export…",
        "导出为 Excel、PDF 或表单文件": "Export as Excel, PDF or form file",
        "批量导出…": "Batch Export…",
        "把表单库中的多张表单一次导出": "Export several forms of the library at once",
        "发送邮件…": "Send by Email…",
        "用邮件程序发送 PDF 和 Excel 文件": "Send the PDF and Excel files with your mail program",
        "打印预览…": "Print Preview…",
        "查看打印效果": "See how the form will print",
        "打印…": "Print…",
        "打印当前表单": "Print this form",
        "定稿": "Mark Final",
        "把表单标记为定稿：定稿后不能修改，可撤销定稿": "Mark the form final: it can no longer be changed until reopened",
        "撤销定稿": "Reopen as Draft",
        "历史版本…": "Saved Versions…",
        "查看并恢复这张表单以前保存的版本": "See and restore earlier saves of this form",
        "删除表单": "Delete Form",
        "把当前表单移到回收站": "Move this form to the recycle bin",
        "回收站": "Recycle Bin",
        "查看已删除的表单，可恢复": "Show deleted forms, which can be restored",
        "退出": "Quit",
        "保存并退出": "Save and quit",
        "搜索表单库": "Search Library",
        "在表单库中按单位、年度搜索": "Search the library by unit or year",
        "下一个问题": "Next Problem",
        "转到下一条检查结果": "Go to the next finding",
        "上一个问题": "Previous Problem",
        "转到上一条检查结果": "Go to the previous finding",
        "基本信息": "Basic Information",
        "表头、预算、年度目标和签字栏": "Header, budget, goals of the year and sign-off",
        "绩效指标": "Indicators",
        "指标表": "The indicator table",
        "中文": "中文 (Chinese)",
        "界面使用中文（重新启动后生效）": "Chinese interface (after a restart)",
        "界面使用英文（重新启动后生效）": "English menus (after a restart)",
        "快捷键一览": "Keyboard Shortcuts",
        "列出所有操作及其快捷键": "List every action with its shortcut",
        "打开表单库文件夹": "Open Library Folder",
        "在文件管理器中打开保存表单的文件夹": "Open the folder that holds the forms",
        "关于绩效自评": "About 绩效自评",
        "文件(&F)": "&File",
        "新建": "New",
        "最近打开": "Recent Forms",
        "编辑(&E)": "&Edit",
        "指标(&I)": "&Indicators",
        "视图(&V)": "&View",
        "语言": "Language",
        "帮助(&H)": "&Help",
        "工具栏": "Toolbar",
        "从模板新建表单": "New form from a template",
    },
    "IndicatorEditor": {
        "添加同级指标": "Add Sibling Indicator",
        "在当前指标下方添加一个同级指标": "Add an indicator below the current one, at the same level",
        "添加下级指标": "Add Child Indicator",
        "在当前指标下添加一个下级指标": "Add an indicator under the current one",
        "删除指标": "Delete Indicator",
        "删除所选指标及其下级（可撤销）": "Delete the selected indicators and what is under them (undoable)",
        "上移": "Move Up",
        "把所选指标上移一行；在组首时移入上一组": "Move the selection up a row; at the top of a group, into the group above",
        "下移": "Move Down",
        "把所选指标下移一行；在组尾时移入下一组": "Move the selection down a row; at the end of a group, into the group below",
        "降级": "Indent",
        "把所选指标变为上方同级指标的下级": "Make the selection children of the indicator above",
        "升级": "Outdent",
        "把所选指标升为其上级的同级": "Move the selection up one level",
        "复制": "Copy",
        "复制所选指标（可粘贴到本表、其他表或 Excel/WPS）": "Copy the selected indicators (paste here, in another form or in Excel/WPS)",
        "剪切": "Cut",
        "剪切所选指标": "Cut the selected indicators",
        "粘贴": "Paste",
        "粘贴复制的指标，或从 Excel/WPS 复制的表格行": "Paste copied indicators or rows copied from Excel/WPS",
        "采用建议得分": "Accept Suggested Points",
        "把评分助手的建议得分填入当前指标的得分": "Put the scoring assistant's suggestion into the points given",
        "全部展开": "Expand All",
        "展开所有指标": "Expand every indicator",
        "全部折叠": "Collapse All",
        "折叠到一级指标": "Collapse to the first level",
    },
    "MainWindow": {
        "基本信息": "Basic Information",
        "绩效指标": "Indicators",
        "表单库": "Library",
        "检查结果": "Findings",
        "撤销历史": "Undo History",
        "<打开时的状态>": "<as opened>",
        "撤销": "Undo",
        "重做": "Redo",
        "检查结果（%1 错 %2 警）": "Findings (%1 errors, %2 warnings)",
        "已保存": "Saved",
        "未保存": "Not saved",
        "正在保存…": "Saving…",
        "保存失败": "Save failed",
        "只读": "Read-only",
        "语言": "Language",
        "界面语言将在下次启动本程序时切换。": "The interface language changes the next time the program starts.",
        "（无）": "(none)",
        "同级": "Sibling",
        "下级": "Child",
        "删除": "Delete",
        "上移": "Up",
        "下移": "Down",
        "升级": "Outdent",
        "降级": "Indent",
    },
    "LibraryPanel": {
        "搜索单位、年度、项目…": "Search unit, year, project…",
        "搜索表单库": "Search the library",
        "新建": "New",
        "从模板新建表单": "New form from a template",
        "回收站": "Recycle Bin",
        "显示已删除的表单，可恢复": "Show deleted forms, which can be restored",
        "表单列表": "Forms",
        "打开": "Open",
        "复制到下一年度": "Copy to Next Year",
        "删除": "Delete",
        "恢复": "Restore",
        "回收站：%1 张表单": "Recycle bin: %1 forms",
        "共 %1 张表单": "%1 forms",
        "返回表单库": "Back to the Library",
    },
    "SummaryBar": {
        "总分 —": "Total —",
        "等级 —": "Grade —",
        "权重合计 —": "Σ weights —",
        "总分 <b>%1</b> / %2": "Total <b>%1</b> / %2",
        "等级 <b>%1</b>": "Grade <b>%1</b>",
        "权重合计 %1": "Σ weights %1",
        "权重合计 %1 ≠ 100": "Σ weights %1 ≠ 100",
        "%1 个错误 · %2 个警告": "%1 errors · %2 warnings",
        "指纹 %1": "Fingerprint %1",
        "显示检查结果（F8 转到下一个问题）": "Show the findings (F8: next problem)",
    },
    "FindingsPanel": {
        "只看错误": "Errors only",
        "检查结果": "Findings",
        "没有发现问题。": "No problems found.",
        "%1 个错误 · %2 个警告": "%1 errors · %2 warnings",
    },
}


def run(tool: str, *args: str) -> None:
    exe = shutil.which(tool)
    if exe is None:
        sys.exit(f"{tool} not found: it comes with the PySide6 wheel (pip install PySide6-Essentials)")
    subprocess.run([exe, *args], check=True, cwd=ROOT)


def sources() -> list[str]:
    files = [ROOT / "perfgui" / "app.py", *sorted((ROOT / "perfgui" / "ui").rglob("*.py"))]
    return [str(p.relative_to(ROOT)) for p in files]


def fill(ts: Path) -> int:
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "en_US")
    root.set("sourcelanguage", "zh_CN")
    done = 0
    for ctx in root.findall("context"):
        table = ENGLISH.get(ctx.findtext("name") or "", {})
        for message in ctx.findall("message"):
            text = table.get(message.findtext("source") or "")
            if text is None:
                continue
            tr = message.find("translation")
            tr.text = text
            tr.attrib.pop("type", None)
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return done


def main() -> int:
    run("pyside6-lupdate", "-no-obsolete", *sources(), "-ts", str(TS))
    print(f"translated {fill(TS)} messages")
    run("pyside6-lrelease", str(TS), "-qm", str(QM))
    return 0


if __name__ == "__main__":
    sys.exit(main())
