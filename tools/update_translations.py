"""Regenerate the English translation: ``python tools/update_translations.py``.

1. ``pyside6-lupdate`` collects every ``tr()`` string of the window into ``perfgui_en.ts``
   (strings already translated keep their translation);
2. the English texts below are written into it: every fixed label (menus, toolbar, action texts
   and tips, the tree's column headers and their tooltips, the scoring assistant's fields and rule
   names, the panels' titles, buttons and field labels, the summary bar). Messages that explain a
   finding or a refusal stay Chinese, the program's working language; so do labels that are data
   of the form (the budget table's columns, the sign-off lines);
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
        "按规则包新建…": "New from Rule Pack…",
        "选择一个地区的规则包（表格样式、默认指标和计分规则），从它新建一张表单":
            "Choose a place's rule pack (form layout, default indicators and scoring rules) and start a new form from it",
        "导入规则包…": "Import Rule Pack…",
        "把财政部门发布的规则包文件（.toml）检查后导入本表单库":
            "Check a rule pack file (.toml) published by a finance office and import it into this library",
        "更换规则包…": "Change Rule Pack…",
        "让这张表单改用另一个规则包：应用前先列出得分、总分和等级的变化，可撤销":
            "Move this form to another rule pack: the changes to points, total and grade are listed first; undoable",
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
        "打开日志文件夹": "Open Log Folder",
        "在文件管理器中打开程序的日志（出错时请把其中的 perfgui.log 发给负责本程序的同事）":
            "Open the program's log folder (after an error, send perfgui.log to whoever looks after the program)",
        "填报说明": "How to Fill In the Form",
        "表单怎样填写、按什么规则检查，以及常用按键": "How the form is filled in, the rules it is checked against, and the keys",
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
        "核对纸质版…": "Check a Paper Copy…",
        "输入纸质版上的表单指纹或选择导出的文件，查出它是哪张表单的哪个已保存版本":
            "Type the fingerprint from a paper copy or pick an exported file: find which saved version of which form it is",
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
        "一级指标": "first-level indicator",
        "二级指标": "second-level indicator",
        "三级指标": "third-level indicator",
        "添加{what}": "Add {what}",
        "删除": "Delete",
        "粘贴说明": "About the Paste",
        "清除内容": "Clear Contents",
        "清除所选单元格的内容，指标行保留（可撤销）": "Empty the selected cells; the rows stay (undoable)",
        "查找…": "Find…",
        "在指标表中查找文字": "Find text in the indicator table",
        "替换…": "Replace…",
        "在指标表中查找并替换文字（可撤销）": "Find and replace text in the indicator table (undoable)",
        "放大": "Zoom In",
        "放大指标表的文字": "Larger text in the indicator table",
        "缩小": "Zoom Out",
        "缩小指标表的文字": "Smaller text in the indicator table",
        "原始大小": "Actual Size",
        "指标表的文字恢复原始大小": "The indicator table's text at its normal size",
        "显示列": "Columns",
    },
    "IndicatorTree": {
        "指标": "Indicator",
        "权重": "Weight",
        "年度指标值": "Target",
        "全年完成值": "Actual",
        "分值": "Points",
        "得分": "Score",
        "偏差及原因分析": "Deviation and Reasons",
        "指标名称": "Indicator name",
        "评分规则": "Scoring rule",
        "说明": "Note",
        "{verb}指标：{name}": "{verb} indicator: {name}",
        "{verb} {n} 个指标": "{verb} {n} indicators",
        "修改评分规则：{name}（{rule}）": "Change scoring rule: {name} ({rule})",
        "修改{label}：{name}": "Change {label}: {name}",
        "添加": "Add",
        "删除": "Delete",
        "移动": "Move",
        "降级": "Indent",
        "升级": "Outdent",
        "粘贴指标": "Paste indicators",
        "粘贴": "Paste",
        "粘贴指标：{name}": "Paste indicator: {name}",
        "偏差及原因分析（Enter 确认，Shift+Enter 换行）":
            "Deviation and reasons (Enter to confirm, Shift+Enter for a new line)",
        "如 ≥95%、=100.00(%)、及时": "e.g. ≥95%, =100.00(%), 及时",
        "如 100.00(%)、达成指标": "e.g. 100.00(%), 达成指标",
        "得分：0 到 {limit}，最多两位小数": "Score: 0 to {limit}, at most two decimals",
        "得分：不小于 0，最多两位小数": "Score: 0 or more, at most two decimals",
        "分值：0 到 100，最多两位小数": "Points: 0 to 100, at most two decimals",
        "权重：0 到 100，最多两位小数": "Weight: 0 to 100, at most two decimals",
        "（未命名）": "(unnamed)",
    },
    "IndicatorModel": {
        "（未命名）": "(unnamed)",
        "分值": "points",
        "得分": "score",
        "下级指标{what}合计（自动计算，不能直接修改）": "Sum of the {what} below (computed, cannot be edited)",
        "一级、二级、三级指标": "First-, second- and third-level indicators",
        "一级指标的权重；各一级指标权重合计应为 100": "Weight of a first-level indicator; the weights add up to 100",
        "年度指标值，如 ≥95%、=100.00(%)、及时；评分助手据此给出建议得分":
            "Target of the year, e.g. ≥95%, =100.00(%), 及时; the scoring assistant suggests points from it",
        "全年完成值，如 100.00(%)、达成指标": "Actual of the year, e.g. 100.00(%), 达成指标",
        "分值；上级行显示下级分值合计": "Points; a group row shows the sum of the points below",
        "得分，0 到分值之间；上级行显示下级得分合计": "Score, 0 to the points; a group row shows the sum of the scores below",
        "得分低于分值时必须说明偏差及原因": "Required when the score is below the points",
        "移动": "Move",
        "复制": "Copy",
    },
    "ScoringAssistant": {
        "自动": "Auto",
        "正向": "Higher is better",
        "等于": "Equal to target",
        "反向": "Lower is better",
        "定性": "Qualitative",
        "手动": "Manual",
        "评分规则：自动按目标的比较符选择；可改为正向、等于、反向、定性或手动":
            "Scoring rule: Auto follows the target's comparison sign; can be set to Higher is better, "
            "Equal to target, Lower is better, Qualitative or Manual",
        "采用": "Accept",
        "把建议得分填入得分（Ctrl+Enter）": "Put the suggested points into the score (Ctrl+Enter)",
        "目标": "Target",
        "完成": "Actual",
        "规则": "Rule",
        "建议": "Suggested",
        "（未填写）": "(not filled in)",
        "{text}（定性目标）": "{text} (qualitative target)",
        "{text}（定性：{outcome}）": "{text} (qualitative: {outcome})",
        "{text}（文字，无数值）": "{text} (text, no number)",
        "达成": "achieved",
        "部分达成": "partly achieved",
        "未达成": "not achieved",
        "评分助手": "Scoring Assistant",
        "选择一个计分指标（三级指标，或已填分值的二级指标），这里会显示目标与完成值的解读和建议得分。":
            "Select a scored indicator (third level, or a second level with points): its target and actual "
            "are read here and points are suggested.",
        "手动：由评分人判断，不给建议。": "Manual: the assessor decides; no suggestion.",
        "请先填写分值。": "Fill in the points first.",
        "（可在 {low}–{high} 之间）": " (range {low}–{high})",
        "未填": "empty",
        "正在输入：按 Enter 确认；按 Ctrl+Enter 确认并采用建议。":
            "Typing: Enter confirms; Ctrl+Enter confirms and accepts the suggestion.",
        "已填得分与建议一致。": "The score given equals the suggestion.",
        "已填得分：{typed}。建议不会自动填入，按“采用”或 Ctrl+Enter 采用。":
            "Score given: {typed}. The suggestion is never filled in by itself: press Accept or Ctrl+Enter.",
        "采用建议得分：{name}": "Accept suggested points: {name}",
        "（未命名）": "(unnamed)",
    },
    "FormPage": {
        "请在左侧表单库中打开一张表单，或从“文件 › 新建”开始。":
            "Open a form in the library on the left, or start one with File › New.",
        "表头": "Header",
        "项目名称": "Project name",
        "年度": "Year",
        "主管部门": "Supervising department",
        "实施单位": "Implementing unit",
        "单位名称": "Unit name",
        "项目资金（%1）": "Project funds (%1)",
        "整体支出规模（%1）": "Overall spending (%1)",
        "类别": "Category",
        "项目": "Item",
        "执行率(%)": "Execution rate (%)",
        "执行率 = 全年执行数 ÷ 全年预算数 × 100，自动计算": "Execution rate = spent ÷ budget × 100, computed",
        "合计": "Total",
        "预算执行分值": "Budget execution points",
        "得分": "Score",
        "预算执行得分 = min(执行率, 100%) × 分值，自动计算": "Budget execution score = min(rate, 100%) × points, computed",
        "年度总体目标": "Overall Goals of the Year",
        "自评结果与签字": "Result and Sign-off",
        "自评得分": "Self-assessed score",
        "各项得分合计，自动计算": "Sum of all scores, computed",
        "自评等级": "Grade",
        "（打印后加盖公章）": "(stamp the seal after printing)",
        "（年度未填）": "(year not filled in)",
    },
    "RevisionsDialog": {
        "历史版本 — %1": "Saved Versions — %1",
        "每次自动保存都留有版本。选择一个版本并点“恢复此版本”，它会成为最新版本（现在的内容仍保留在历史中）。":
            "Every automatic save keeps a version. Select one and press Restore This Version: it becomes "
            "the newest version (the present content stays in the history).",
        "版本": "Version",
        "保存时间": "Saved at",
        "总分": "Total",
        "状态": "Status",
        "改动": "Changes",
        "（当前）": " (current)",
        "恢复此版本": "Restore This Version",
    },
    "ShortcutsDialog": {
        "快捷键一览": "Keyboard Shortcuts",
        "操作": "Action",
        "快捷键": "Shortcut",
    },
    "ImportReviewDialog": {
        "导入 %1": "Import %1",
        "导入": "Import",
    },
    "PrintPreviewDialog": {
        "打印预览 — %1": "Print Preview — %1",
        "纵向": "Portrait",
        "横向": "Landscape",
        "宋体（系统字体）": "SimSun (system font)",
        "文泉驿微米黑（内置字体）": "WenQuanYi Micro Hei (bundled)",
        "AR PL 明体（内置宋体风格字体）": "AR PL Mingti (bundled, SimSun-like serif)",
        "打印字体。系统字体缺少的字由内置字体补齐。": "Print font. Characters the system font lacks come from the bundled font.",
        "草稿水印": "Draft watermark",
        "表单有错误时默认印“草稿”；取消勾选即确认按正式稿打印。":
            "With errors the form prints as a draft; untick to print it as final.",
        "上一页": "Previous Page",
        "下一页": "Next Page",
        "适合宽度": "Fit Width",
        "整页": "Whole Page",
        "字体：": "Font:",
        "正在生成 PDF…": "Making the PDF…",
        "打印…": "Print…",
        "另存为 PDF…": "Save as PDF…",
        "用系统程序打开": "Open with System Viewer",
        "关闭": "Close",
        "共 %1 页": "%1 pages",
        "打印": "Print",
        "另存为 PDF": "Save as PDF",
        "PDF 文件 (*.pdf)": "PDF files (*.pdf)",
        "打印草稿": "Print as Draft",
        "仍按正式稿打印": "Print as Final",
        "取消": "Cancel",
        "缺少字形": "Missing Glyphs",
    },
    "ExportActions": {
        "打开文件夹": "Open Folder",
        "选择导出文件夹": "Choose the export folder",
        "发送邮件": "Send by Email",
        "浏览…": "Browse…",
        "导出": "Export",
        "导出《{0}》": "Export 《{0}》",
        "PDF 横向排版": "PDF in landscape",
        "文件夹：": "Folder:",
        "文件名：": "File name:",
        "批量导出": "Batch Export",
        "全部年度": "All years",
        "{0}年度": "{0}",
        "年度：": "Year:",
        "类型：": "Type:",
        "导出到：": "Export to:",
        "开始导出": "Start Export",
        "正在导出…": "Exporting…",
        "取消": "Cancel",
        "打印和导出前请注意": "Before Printing and Exporting",
        "核对纸质版": "Check a Paper Copy",
        "输入纸质版页脚的表单指纹（如 7K3M-9XQ2-HF4T-WP8C-5，大小写、空格均可），或选择本程序导出的 PDF、Excel 文件：":
            "Type the form fingerprint from the paper copy's footer (e.g. 7K3M-9XQ2-HF4T-WP8C-5; case and "
            "spaces do not matter), or pick a PDF or Excel file this program exported:",
        "表单指纹": "Fingerprint",
        "核对": "Check",
        "选择文件…": "Choose File…",
        "导出的文件 (*.pdf *.xlsx *.json)": "Exported files (*.pdf *.xlsx *.json)",
    },
    "FileOperations": {
        "打开表单文件": "Open Form File",
        "打开库中的表单": "Open the Form in the Library",
        "导入为新表单": "Import as a New Form",
        "表单没有保存": "Form Not Saved",
    },
    "LibraryOperations": {
        "删除表单": "Delete Form",
        "撤销定稿": "Reopen as Draft",
        "定稿": "Mark Final",
        "定稿说明": "Finalisation note",
        "历史版本": "Saved Versions",
    },
    "MainWindow": {
        "显示列": "Columns",
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
        "知道了": "OK",
        "没有发现问题。": "No problems found.",
        "撤销定稿": "Reopen as Draft",
        "未命名单位": "Unnamed unit",
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
        "导出…": "Export…",
        "彻底删除": "Delete for Good",
        "清空回收站": "Empty Recycle Bin",
        "彻底删除回收站中的全部表单（不能恢复）": "Delete every form in the recycle bin for good (cannot be undone)",
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
        "表单内容指纹：打印件上印有同一指纹，可核对纸质版与电子版是否一致":
            "Fingerprint of the content: the printout carries the same one, to check paper against file",
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


# Module-level helpers translate in a fixed context (``translate("ExportActions", text)`` behind
# a ``tr`` function), which pyside6-lupdate cannot see: it files those strings under an empty
# context, where the program never looks. They are moved to the context the module uses.
MODULE_CONTEXT = {
    "export_actions.py": "ExportActions",
    "print_preview.py": "PrintPreviewDialog",
}


def _context(root: ET.Element, name: str) -> ET.Element:
    for ctx in root.findall("context"):
        if ctx.findtext("name") == name:
            return ctx
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = name
    return ctx


def rehome(root: ET.Element) -> int:
    """Move messages of the empty context to their module's context; returns how many moved."""
    moved = 0
    for ctx in list(root.findall("context")):
        if (ctx.findtext("name") or "") != "":
            continue
        for message in ctx.findall("message"):
            location = message.find("location")
            module = Path(location.get("filename", "")).name if location is not None else ""
            target_name = MODULE_CONTEXT.get(module)
            if target_name is None:
                continue
            ctx.remove(message)
            target = _context(root, target_name)
            source = message.findtext("source")
            twin = next((m for m in target.findall("message") if m.findtext("source") == source), None)
            if twin is None:
                target.append(message)
            else:  # the same text is also used by a class of that module: one entry, all places
                for loc in message.findall("location"):
                    twin.insert(list(twin).index(twin.find("source")), loc)
            moved += 1
        if ctx.find("message") is None:
            root.remove(ctx)
    return moved


def fill(ts: Path) -> int:
    tree = ET.parse(ts)
    root = tree.getroot()
    root.set("language", "en_US")
    root.set("sourcelanguage", "zh_CN")
    rehome(root)
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
