<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="28" />
        <source>导出自评报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="28" />
        <source>Word 文档 (*.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="34" />
        <source>报告已存在</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="35" />
        <source>“{0}”已存在。
更新数字：只把报告中的数字改成表中现在的值，您写的文字保持不变。
重新生成：按表单重新写一份初稿，覆盖原文件。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="38" />
        <source>更新数字</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="39" />
        <source>重新生成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="70" />
        <source>已更新 {0} 处数字，您写的文字保持不变。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="71" />
        <source>报告中的数字与表单一致，没有改动。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="73" />
        <source>注意：以下指标现在失分，报告中还没有它们的偏差原因段落：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="81" />
        <source>无法更新报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="81" />
        <source>可选择“重新生成”写一份新的初稿。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="84" />
        <source>无法导出报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="86" />
        <source>已导出自评报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="101" />
        <source>还不能打包报送</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="102" />
        <source>这张表单还是草稿。报送包只用定稿的表单：请先检查并“定稿”（Ctrl+Shift+L），再打包报送。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="117" />
        <source>无法打包报送</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="119" />
        <source>报送包：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="119" />
        <source>共 {0} 个文件，附报送清单（大小和 SHA-256）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="122" />
        <source>邮件草稿：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="123" />
        <source>已打包报送</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="128" />
        <source>打包报送</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="129" />
        <source>把报送包写成一个文件夹，还是打成一个 .zip 文件？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="131" />
        <source>文件夹</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/package_actions.py" line="132" />
        <source>.zip 文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="313" />
        <location filename="../../perfgui/ui/window_library.py" line="320" />
        <source>定稿</source>
        <translation type="unfinished">Mark Final</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="314" />
        <source>表单还有 %1 个错误（定稿后空白项也算错误）。
仍要定稿，请写明原因：原因随版本保存，并印在表格下方的“说明”一行。定稿后不能修改，可撤销定稿。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="320" />
        <source>请写明仍要定稿的原因，或取消。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="124" />
        <source>已导入规则包“%1”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="125" />
        <source>名称：%1　版本：%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="126" />
        <source>适用地区：%1　适用年度：%2　类型：%3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="129" />
        <source>它替换了表单库中原有的同名规则包。已按旧规则包填写的表单保留各自保存的规则，可用“更换规则包…”改用新版本。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="132" />
        <source>这是表单库中新的规则包。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="133" />
        <source>新建表单时可在“文件 › 新建 › 按规则包新建…”中选用；已有的表单可用“文件 › 更换规则包…”改用它。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="54" />
        <source>新建部门整体表单</source>
        <translation>New Department Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="55" />
        <source>从部门（单位）整体支出模板新建一张表单</source>
        <translation>Start a new form from the department (unit) overall spending template</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="56" />
        <source>新建项目支出表单</source>
        <translation>New Project Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="57" />
        <source>从项目支出模板新建一张表单</source>
        <translation>Start a new form from the project spending template</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="58" />
        <source>按规则包新建…</source>
        <translation>New from Rule Pack…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="59" />
        <source>选择一个地区的规则包（表格样式、默认指标和计分规则），从它新建一张表单</source>
        <translation>Choose a place's rule pack (form layout, default indicators and scoring rules) and start a new form from it</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="60" />
        <source>导入规则包…</source>
        <translation>Import Rule Pack…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="61" />
        <source>把财政部门发布的规则包文件（.toml）检查后导入本表单库</source>
        <translation>Check a rule pack file (.toml) published by a finance office and import it into this library</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="62" />
        <source>更换规则包…</source>
        <translation>Change Rule Pack…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="63" />
        <source>让这张表单改用另一个规则包：应用前先列出得分、总分和等级的变化，可撤销</source>
        <translation>Move this form to another rule pack: the changes to points, total and grade are listed first; undoable</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="64" />
        <source>打开文件…</source>
        <translation>Open File…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="65" />
        <source>把表单文件（.json、.xlsx、.txt）导入表单库并打开</source>
        <translation>Import a form file (.json, .xlsx, .txt) into the library and open it</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="66" />
        <source>复制到下一年度</source>
        <translation>Copy to Next Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="67" />
        <source>以当前表单为底稿新建下一年度的表单：保留指标和目标，清空完成值和得分</source>
        <translation>Start next year's form from this one: keeps indicators and targets, clears actuals and points</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="68" />
        <source>另存为/导出…</source>
        <translation>Save As / Export…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="69" />
        <source>导出为 Excel、PDF 或表单文件</source>
        <translation>Export as Excel, PDF or form file</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="70" />
        <source>批量导出…</source>
        <translation>Batch Export…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="71" />
        <source>把表单库中的多张表单一次导出</source>
        <translation>Export several forms of the library at once</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="72" />
        <source>发送邮件…</source>
        <translation>Send by Email…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="73" />
        <source>用邮件程序发送 PDF 和 Excel 文件</source>
        <translation>Send the PDF and Excel files with your mail program</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="74" />
        <source>导出自评报告…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="75" />
        <source>按表单写出绩效自评报告（Word）初稿；已有的报告只更新其中的数字</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="76" />
        <source>打包报送…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="77" />
        <source>定稿 PDF、Excel、自评报告、表单文件和报送清单，打成一个报送包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="78" />
        <source>汇总多份表单…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="79" />
        <source>批量读取、检查收到的多份表单：汇总表、复核提示、抽查和导出</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="80" />
        <source>打印预览…</source>
        <translation>Print Preview…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="81" />
        <source>查看打印效果</source>
        <translation>See how the form will print</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="82" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="82" />
        <source>打印当前表单</source>
        <translation>Print this form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="83" />
        <source>核对纸质版…</source>
        <translation>Check a Paper Copy…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="84" />
        <source>输入纸质版上的表单指纹或选择导出的文件，查出它是哪张表单的哪个已保存版本</source>
        <translation>Type the fingerprint from a paper copy or pick an exported file: find which saved version of which form it is</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="85" />
        <location filename="../../perfgui/ui/actions.py" line="135" />
        <source>定稿</source>
        <translation>Mark Final</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="86" />
        <source>把表单标记为定稿：定稿后不能修改，可撤销定稿</source>
        <translation>Mark the form final: it can no longer be changed until reopened</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="87" />
        <source>历史版本…</source>
        <translation>Saved Versions…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="88" />
        <source>查看并恢复这张表单以前保存的版本</source>
        <translation>See and restore earlier saves of this form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="89" />
        <source>删除表单</source>
        <translation>Delete Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="89" />
        <source>把当前表单移到回收站</source>
        <translation>Move this form to the recycle bin</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="90" />
        <source>回收站</source>
        <translation>Recycle Bin</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="90" />
        <source>查看已删除的表单，可恢复</source>
        <translation>Show deleted forms, which can be restored</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="91" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="91" />
        <source>保存并退出</source>
        <translation>Save and quit</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="94" />
        <source>搜索表单库</source>
        <translation>Search Library</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="94" />
        <source>在表单库中按单位、年度搜索</source>
        <translation>Search the library by unit or year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="95" />
        <source>下一个问题</source>
        <translation>Next Problem</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="95" />
        <source>转到下一条检查结果</source>
        <translation>Go to the next finding</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="96" />
        <source>上一个问题</source>
        <translation>Previous Problem</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="96" />
        <source>转到上一条检查结果</source>
        <translation>Go to the previous finding</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="98" />
        <source>基本信息</source>
        <translation>Basic Information</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="98" />
        <source>表头、预算、年度目标和签字栏</source>
        <translation>Header, budget, goals of the year and sign-off</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="99" />
        <source>绩效指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="99" />
        <source>指标表</source>
        <translation>The indicator table</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="100" />
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="100" />
        <source>界面使用中文（重新启动后生效）</source>
        <translation>Chinese interface (after a restart)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="101" />
        <source>界面使用英文（重新启动后生效）</source>
        <translation>English menus (after a restart)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="103" />
        <source>填报说明</source>
        <translation>How to Fill In the Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="104" />
        <source>表单怎样填写、按什么规则检查，以及常用按键</source>
        <translation>How the form is filled in, the rules it is checked against, and the keys</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="105" />
        <source>快捷键一览</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="105" />
        <source>列出所有操作及其快捷键</source>
        <translation>List every action with its shortcut</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="106" />
        <source>打开表单库文件夹</source>
        <translation>Open Library Folder</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="106" />
        <source>在文件管理器中打开保存表单的文件夹</source>
        <translation>Open the folder that holds the forms</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="107" />
        <source>打开日志文件夹</source>
        <translation>Open Log Folder</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="108" />
        <source>在文件管理器中打开程序的日志（出错时请把其中的 perfgui.log 发给负责本程序的同事）</source>
        <translation>Open the program's log folder (after an error, send perfgui.log to whoever looks after the program)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="109" />
        <location filename="../../perfgui/ui/dialogs.py" line="105" />
        <source>关于绩效自评</source>
        <translation>About 绩效自评</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="135" />
        <source>撤销定稿</source>
        <translation>Reopen as Draft</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="144" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="145" />
        <location filename="../../perfgui/ui/actions.py" line="238" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="152" />
        <source>最近打开</source>
        <translation>Recent Forms</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="175" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="190" />
        <source>指标(&amp;I)</source>
        <translation>&amp;Indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="203" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="217" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="221" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="233" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/actions.py" line="243" />
        <source>从模板新建表单</source>
        <translation>New form from a template</translation>
    </message>
</context>
<context>
    <name>ChangePackDialog</name>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="155" />
        <source>更换规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="161" />
        <source>本表现在的规则包：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="168" />
        <source>（当前）</source>
        <translation type="unfinished"> (current)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="184" />
        <source>指标和填写的内容保持不变；按原规则采用的建议得分按新规则重新计算，自己填写的得分保留。应用后可以撤销（Ctrl+Z）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="188" />
        <source>应用</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="191" />
        <source>更换为：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="235" />
        <location filename="../../perfgui/ui/pack_dialogs.py" line="260" />
        <location filename="../../perfgui/ui/pack_dialogs.py" line="262" />
        <source>%1（不变）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="238" />
        <source>（整张表）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="248" />
        <source>指标</source>
        <translation type="unfinished">Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="248" />
        <source>得分（更换前 → 更换后）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="248" />
        <source>检查结果的变化</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="257" />
        <source>&lt;b&gt;没有变化&lt;/b&gt;：各项得分、检查结果、总分（%1）和等级（%2）都不变。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="263" />
        <source>%1 个指标的得分或检查结果有变化</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="264" />
        <source>各指标的得分和检查结果不变</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="265" />
        <source>总分 %1　　等级 %2　　%3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../perfgui/ui/diagnostics.py" line="151" />
        <source>（日志无法写入）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/diagnostics.py" line="155" />
        <source>已保存正在填写的表单。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/diagnostics.py" line="157" />
        <source>正在填写的表单未能保存：请不要关闭窗口，先用“另存为/导出”把表单导出一份。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/diagnostics.py" line="158" />
        <source>程序出现了意外错误：%1
%2

详细情况已记入日志：
%3
请把这个文件发给负责本程序的同事。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../perfgui/ui/form_fields.py" line="119" />
        <source>选择日期（Alt+↓）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EditDocument</name>
    <message>
        <location filename="../../perfgui/ui/document.py" line="195" />
        <location filename="../../perfgui/ui/document.py" line="215" />
        <source>这张表单已关闭或已删除：修改没有保存。请重新打开表单后再改。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FileOperations</name>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="33" />
        <source>打开表单文件</source>
        <translation>Open Form File</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="50" />
        <source>已取消导入“%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="54" />
        <location filename="../../perfgui/ui/window_files.py" line="58" />
        <location filename="../../perfgui/ui/window_files.py" line="92" />
        <source>无法导入文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="58" />
        <source>读取“%1”时出错：%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="67" />
        <source>表单已在库中</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="68" />
        <source>表单库中已有这张表单（%1）。
打开库中的表单，还是把文件作为一张新表单导入？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="70" />
        <source>打开库中的表单</source>
        <translation>Open the Form in the Library</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="71" />
        <location filename="../../perfgui/ui/window_files.py" line="86" />
        <source>导入为新表单</source>
        <translation>Import as a New Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="190" />
        <source>表单还没有保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="196" />
        <source>这张表单不在表单库中</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="198" />
        <source>表单没有保存</source>
        <translation>Form Not Saved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="199" />
        <source>%1。

现在打印或导出，PDF 页脚印的是打印日期（今天）而不是保存时间，二维码和 Excel 文件中也没有版本号：纸质版无法与表单库中保存的版本对应。

仍要继续吗？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="97" />
        <source>已导入“%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="107" />
        <location filename="../../perfgui/ui/window_files.py" line="113" />
        <location filename="../../perfgui/ui/window_files.py" line="126" />
        <source>无法打开</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_files.py" line="171" />
        <source>无法打开表单</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="61" />
        <source>查找指标、目标值、完成值或原因</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="63" />
        <source>上一个</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="64" />
        <source>下一个</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="69" />
        <source>关闭查找（Esc）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="73" />
        <source>替换为</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="74" />
        <location filename="../../perfgui/ui/tree/find_bar.py" line="89" />
        <source>替换</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="75" />
        <source>全部替换</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="79" />
        <source>查找</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="174" />
        <source>没有找到</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="176" />
        <source>第 {i}/{n} 处</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="202" />
        <source>替换“{a}”为“{b}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/find_bar.py" line="216" />
        <source>全部替换“{a}”为“{b}”（{n} 处）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../perfgui/ui/findings_panel.py" line="120" />
        <source>只看错误</source>
        <translation>Errors only</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/findings_panel.py" line="130" />
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/findings_panel.py" line="133" />
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/findings_panel.py" line="158" />
        <source>%1 个错误 · %2 个警告</source>
        <translation>%1 errors · %2 warnings</translation>
    </message>
</context>
<context>
    <name>FormHelpWindow</name>
    <message>
        <location filename="../../perfgui/ui/help_window.py" line="32" />
        <source>填报说明</source>
        <translation type="unfinished">How to Fill In the Form</translation>
    </message>
</context>
<context>
    <name>FormPage</name>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="90" />
        <source>请在左侧表单库中打开一张表单，或从“文件 › 新建”开始。</source>
        <translation>Open a form in the library on the left, or start one with File › New.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="206" />
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="212" />
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="214" />
        <location filename="../../perfgui/ui/form_page.py" line="226" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="216" />
        <source>主管部门</source>
        <translation>Supervising department</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="245" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="245" />
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="279" />
        <source>执行率 = 全年执行数 ÷ 全年预算数 × 100，自动计算</source>
        <translation>Execution rate = spent ÷ budget × 100, computed</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="284" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="295" />
        <source>预算执行%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="300" />
        <source>预算执行得分 = min(执行率, 100%) × 分值，自动计算</source>
        <translation>Budget execution score = min(rate, 100%) × points, computed</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="301" />
        <source>预算执行得分 = min(执行率, %1%) ÷ %1% × 分值：执行率达到 %1% 即得满分，自动计算</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="313" />
        <source>执行率低于 %1% 时必须说明</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="315" />
        <source>不超过 %1 字</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="316" />
        <source>执行率偏低的原因</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="329" />
        <source>年度总体目标</source>
        <translation>Overall Goals of the Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="350" />
        <source>自评结果与签字</source>
        <translation>Result and Sign-off</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="353" />
        <source>自评得分</source>
        <translation>Self-assessed score</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="354" />
        <source>各项得分合计，自动计算</source>
        <translation>Sum of all scores, computed</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="356" />
        <source>自评等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="366" />
        <source>（打印后加盖公章）</source>
        <translation>(stamp the seal after printing)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="395" />
        <source>（年度未填）</source>
        <translation>(year not filled in)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="480" />
        <source>更换规则包…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="481" />
        <source>规则包：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/form_page.py" line="482" />
        <source>这张表单按此规则包的格式和计分规则填写、检查和打印</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HandoffServer</name>
    <message>
        <location filename="../../perfgui/ui/handoff.py" line="242" />
        <source>已忽略一个打开请求：它不是本程序发出的。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/handoff.py" line="279" />
        <source>无法打开“%1”：%2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="34" />
        <source>导入 %1</source>
        <translation type="unfinished">Import %1</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="38" />
        <source>已读取“%1”：%2，%3 个指标，总分 %4 / %5。请对照左边的原表确认读取结果（导入后仍可修改）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="52" />
        <source>读取时的推断（点一条可在原表中定位）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="61" />
        <source>导入</source>
        <translation type="unfinished">Import</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="62" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="78" />
        <source>表类型</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="82" />
        <source>金额单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="85" />
        <source>未填</source>
        <translation type="unfinished">empty</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="87" />
        <source>年度</source>
        <translation type="unfinished">Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="90" />
        <source>指标表表头</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_preview.py" line="90" />
        <source>第 %1 行</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <location filename="../../perfgui/ui/import_progress.py" line="30" />
        <source>正在导入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_progress.py" line="33" />
        <source>正在导入“%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_progress.py" line="40" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/import_progress.py" line="59" />
        <source>正在读取文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/import_progress.py" line="60" />
        <source>已用时 %1 秒（超过 %2 秒将自动停止）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IndicatorEditor</name>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="140" />
        <source>添加同级指标</source>
        <translation>Add Sibling Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="141" />
        <source>在当前指标下方添加一个同级指标</source>
        <translation>Add an indicator below the current one, at the same level</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="142" />
        <source>添加下级指标</source>
        <translation>Add Child Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="143" />
        <source>在当前指标下添加一个下级指标</source>
        <translation>Add an indicator under the current one</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="145" />
        <source>清除内容</source>
        <translation>Clear Contents</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="146" />
        <source>清除所选单元格的内容，指标行保留（可撤销）</source>
        <translation>Empty the selected cells; the rows stay (undoable)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="147" />
        <location filename="../../perfgui/ui/tree/editor.py" line="461" />
        <source>删除指标</source>
        <translation>Delete Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="148" />
        <source>删除所选指标及其下级（可撤销）</source>
        <translation>Delete the selected indicators and what is under them (undoable)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="149" />
        <location filename="../../perfgui/ui/tree/editor.py" line="511" />
        <source>上移</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="150" />
        <source>把所选指标上移一行；在组首时移入上一组</source>
        <translation>Move the selection up a row; at the top of a group, into the group above</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="151" />
        <location filename="../../perfgui/ui/tree/editor.py" line="514" />
        <source>下移</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="152" />
        <source>把所选指标下移一行；在组尾时移入下一组</source>
        <translation>Move the selection down a row; at the end of a group, into the group below</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="153" />
        <location filename="../../perfgui/ui/tree/editor.py" line="518" />
        <source>降级</source>
        <translation>Indent</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="154" />
        <source>把所选指标变为上方同级指标的下级</source>
        <translation>Make the selection children of the indicator above</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="155" />
        <location filename="../../perfgui/ui/tree/editor.py" line="522" />
        <source>升级</source>
        <translation>Outdent</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="156" />
        <source>把所选指标升为其上级的同级</source>
        <translation>Move the selection up one level</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="157" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="158" />
        <source>复制所选指标（可粘贴到本表、其他表或 Excel/WPS）</source>
        <translation>Copy the selected indicators (paste here, in another form or in Excel/WPS)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="159" />
        <location filename="../../perfgui/ui/tree/editor.py" line="541" />
        <source>剪切</source>
        <translation>Cut</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="160" />
        <source>剪切所选指标</source>
        <translation>Cut the selected indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="161" />
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="162" />
        <source>粘贴复制的指标，或从 Excel/WPS 复制的表格行</source>
        <translation>Paste copied indicators or rows copied from Excel/WPS</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="163" />
        <source>采用建议得分</source>
        <translation>Accept Suggested Points</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="164" />
        <source>把评分助手的建议得分填入当前指标的得分</source>
        <translation>Put the scoring assistant's suggestion into the points given</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="165" />
        <source>全部展开</source>
        <translation>Expand All</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="166" />
        <source>展开所有指标</source>
        <translation>Expand every indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="167" />
        <source>全部折叠</source>
        <translation>Collapse All</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="168" />
        <source>折叠到一级指标</source>
        <translation>Collapse to the first level</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="169" />
        <source>查找…</source>
        <translation>Find…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="170" />
        <source>在指标表中查找文字</source>
        <translation>Find text in the indicator table</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="171" />
        <source>替换…</source>
        <translation>Replace…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="172" />
        <source>在指标表中查找并替换文字（可撤销）</source>
        <translation>Find and replace text in the indicator table (undoable)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="174" />
        <source>放大</source>
        <translation>Zoom In</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="175" />
        <source>放大指标表的文字</source>
        <translation>Larger text in the indicator table</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="176" />
        <source>缩小</source>
        <translation>Zoom Out</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="177" />
        <source>缩小指标表的文字</source>
        <translation>Smaller text in the indicator table</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="178" />
        <source>原始大小</source>
        <translation>Actual Size</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="179" />
        <source>指标表的文字恢复原始大小</source>
        <translation>The indicator table's text at its normal size</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="385" />
        <source>表单已定稿或只读，不能修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="406" />
        <source>一级指标</source>
        <translation>first-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="406" />
        <source>二级指标</source>
        <translation>second-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="406" />
        <source>三级指标</source>
        <translation>third-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="407" />
        <source>添加{what}</source>
        <translation>Add {what}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="433" />
        <source>所选单元格没有可清除的内容（上级行的分值、得分是合计，会自动计算）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="447" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="456" />
        <source>“{name}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="457" />
        <source>所选 {n} 个指标</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="458" />
        <source>删除{what}及其下的 {below} 个指标？
分值合计 {points} 分会一并删除（可以撤销）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="532" />
        <source>已复制 {n} 个指标（含下级）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="579" />
        <source>没有可粘贴的指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="585" />
        <source>已粘贴 {n} 个指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="587" />
        <source>已粘贴“{name}”，含下级共 {n} 个指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="590" />
        <source>按表头识别列</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="590" />
        <source>没有表头，按内容识别列</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="591" />
        <source>已从表格文本粘贴 {n} 个指标（{how}）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="593" />
        <source>已从表格文本粘贴 {n} 个指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="595" />
        <source>（没有表头，按官方列顺序读取。）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="599" />
        <source>有 {k} 处需要确认，详见提示。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="623" />
        <source>粘贴说明</source>
        <translation>About the Paste</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="625" />
        <source>粘贴时有以下情况，请核对：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="637" />
        <source>没有可采用的建议：{why}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="662" />
        <source>已替换 {n} 处。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="693" />
        <source>显示列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/editor.py" line="746" />
        <source>指标表缩放：{p}%</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IndicatorModel</name>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="264" />
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="292" />
        <source>说明：{note}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="299" />
        <source>分值</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="299" />
        <source>得分</source>
        <translation>score</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="300" />
        <source>下级指标{what}合计（自动计算，不能直接修改）</source>
        <translation>Sum of the {what} below (computed, cannot be edited)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="327" />
        <source>一级、二级、三级指标</source>
        <translation>First-, second- and third-level indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="328" />
        <source>一级指标的权重；各一级指标权重合计应为 100</source>
        <translation>Weight of a first-level indicator; the weights add up to 100</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="329" />
        <source>年度指标值，如 ≥95%、=100.00(%)、及时；评分助手据此给出建议得分</source>
        <translation>Target of the year, e.g. ≥95%, =100.00(%), 及时; the scoring assistant suggests points from it</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="330" />
        <source>全年完成值，如 100.00(%)、达成指标</source>
        <translation>Actual of the year, e.g. 100.00(%), 达成指标</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="331" />
        <source>分值；上级行显示下级分值合计</source>
        <translation>Points; a group row shows the sum of the points below</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="332" />
        <source>得分，0 到分值之间；上级行显示下级得分合计</source>
        <translation>Score, 0 to the points; a group row shows the sum of the scores below</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="333" />
        <source>得分低于分值时必须说明偏差及原因</source>
        <translation>Required when the score is below the points</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="353" />
        <source>该行已不存在。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="356" />
        <location filename="../../perfgui/ui/tree/model.py" line="552" />
        <source>表单已定稿或只读，不能修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="364" />
        <source>上级行的分值和得分是下级指标的合计，会自动计算：请修改下级指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="366" />
        <source>只有一级指标有权重。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="368" />
        <source>请先填写分值，再填写得分。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="369" />
        <source>“{name}”的{label}不能编辑。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="554" />
        <source>不支持该拖放操作。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="557" />
        <source>拖入的内容不是指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="560" />
        <source>“{name}”是计分指标，不能再有下级：请放到它的上方或下方。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="565" />
        <source>“{name}”下是二级指标分组：请把计分指标拖到其中一个二级指标上。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="588" />
        <source>移动</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/model.py" line="590" />
        <source>复制</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>IndicatorTree</name>
    <message>
        <location filename="../../perfgui/ui/tree/clipboard.py" line="183" />
        <source>粘贴的内容里没有指标行。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/clipboard.py" line="202" />
        <source>剪贴板中没有可粘贴的指标：请先复制指标，或从 Excel/WPS 复制表格行。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <location filename="../../perfgui/ui/tree/columns.py" line="57" />
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <location filename="../../perfgui/ui/tree/columns.py" line="57" />
        <source>年度指标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <location filename="../../perfgui/ui/tree/columns.py" line="58" />
        <source>全年完成值</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <location filename="../../perfgui/ui/tree/columns.py" line="58" />
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="43" />
        <location filename="../../perfgui/ui/tree/columns.py" line="58" />
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="44" />
        <location filename="../../perfgui/ui/tree/columns.py" line="59" />
        <source>偏差及原因分析</source>
        <translation>Deviation and Reasons</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="57" />
        <location filename="../../perfgui/ui/tree/delegates.py" line="90" />
        <source>指标名称</source>
        <translation>Indicator name</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="59" />
        <source>评分规则</source>
        <translation>Scoring rule</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="59" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="132" />
        <source>“{text}”不是数字：{label}请填写数字，如 2.50。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="136" />
        <source>{label}最多两位小数：请填写如 {example} 的数字。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="140" />
        <source>{label}不能为负数：请填写 0 或更大的数字。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="142" />
        <source>{label} {value} 超过 100：总分为 100 分，请核对。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="147" />
        <source>得分 {score} 超过分值 {limit}：得分应在 0 到 {limit} 之间。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="150" />
        <source>得分 {score} 超过 100：请核对。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="158" />
        <source>指标名称不能为空：请填写名称，或删除该指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/columns.py" line="164" />
        <source>该列不能编辑。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="71" />
        <source>{verb}指标：{name}</source>
        <translation>{verb} indicator: {name}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="72" />
        <source>{verb} {n} 个指标</source>
        <translation>{verb} {n} indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="29" />
        <source>修改评分规则：{name}（{rule}）</source>
        <translation>Change scoring rule: {name} ({rule})</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="31" />
        <source>修改{label}：{name}</source>
        <translation>Change {label}: {name}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="47" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="63" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="91" />
        <source>移动</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="169" />
        <source>清除{label}：{name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="172" />
        <source>清除 {n} 个单元格</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="247" />
        <source>粘贴 {n} 个指标</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="184" />
        <source>粘贴指标</source>
        <translation>Paste indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/commands.py" line="246" />
        <source>粘贴指标：{name}</source>
        <translation>Paste indicator: {name}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="51" />
        <source>偏差及原因分析（Enter 确认，Shift+Enter 换行）</source>
        <translation>Deviation and reasons (Enter to confirm, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="87" />
        <source>如 ≥95%、=100.00(%)、及时</source>
        <translation>e.g. ≥95%, =100.00(%), 及时</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="88" />
        <source>如 100.00(%)、达成指标</source>
        <translation>e.g. 100.00(%), 达成指标</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="108" />
        <source>得分：0 到 {limit}，最多两位小数</source>
        <translation>Score: 0 to {limit}, at most two decimals</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="109" />
        <source>得分：不小于 0，最多两位小数</source>
        <translation>Score: 0 or more, at most two decimals</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="111" />
        <source>分值：0 到 100，最多两位小数</source>
        <translation>Points: 0 to 100, at most two decimals</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/delegates.py" line="113" />
        <source>权重：0 到 100，最多两位小数</source>
        <translation>Weight: 0 to 100, at most two decimals</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="65" />
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="80" />
        <source>不能把“{name}”移到它自己或它的下级之下。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="82" />
        <source>指标最多三级：“{name}”放在这里会出现第四级。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="84" />
        <source>“{name}”是计分指标，不能成为一级指标：请放到某个一级指标之下。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="86" />
        <source>“{name}”是计分指标（已填分值），不能再有下级。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="113" />
        <source>请选择同一上级下的指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="131" />
        <source>已经在最上面。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="149" />
        <source>已经在最下面。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="159" />
        <source>上方没有同级指标，不能降级。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="172" />
        <source>一级指标不能再升级。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="189" />
        <source>请先选择一个指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="191" />
        <source>三级指标不能再有下级。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="193" />
        <source>“{name}”是计分指标（已填分值），不能再有下级：如需细分，请先清空其分值。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="226" />
        <source>请先添加一级指标，再粘贴二级指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="245" />
        <source>请先添加一级指标，再粘贴三级指标。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="263" />
        <source>请先添加一级指标，再粘贴指标行。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="273" />
        <source>一级指标</source>
        <translation type="unfinished">first-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="273" />
        <source>二级指标</source>
        <translation type="unfinished">second-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="274" />
        <source>三级指标</source>
        <translation type="unfinished">third-level indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="276" />
        <source>在“{parent}”下、“{after}”之后插入 {n} 个{what}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/structure.py" line="278" />
        <source>在“{parent}”下的最前面插入 {n} 个{what}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LibraryOperations</name>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="50" />
        <source>表单库只读</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="50" />
        <source>表单库以只读方式打开，不能修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="92" />
        <source>已有同样的表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="93" />
        <source>表单库中已有“%1”的%2表单：
%3

仍要%4吗？这样会有两张同单位、同年度的表单。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="121" />
        <source>新建</source>
        <translation type="unfinished">New</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="126" />
        <source>无法新建表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="143" />
        <source>复制到下一年度</source>
        <translation type="unfinished">Copy to Next Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="148" />
        <source>无法复制表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="152" />
        <source>已复制为下一年度的表单：完成值、得分和扣分原因已清空，请逐项填写。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="159" />
        <source>编号 %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="164" />
        <source>删除表单</source>
        <translation>Delete Form</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="165" />
        <source>把“%1”移到回收站？
%2
可以在回收站中恢复。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="173" />
        <source>无法删除表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="177" />
        <source>已移到回收站：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="185" />
        <source>恢复</source>
        <translation type="unfinished">Restore</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="190" />
        <source>无法恢复表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="205" />
        <source>彻底删除</source>
        <translation type="unfinished">Delete for Good</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="206" />
        <source>彻底删除“%1”？
%2
它和它的全部历史版本都会被删除，不能恢复。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="212" />
        <source>无法彻底删除</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="215" />
        <source>已彻底删除：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="225" />
        <location filename="../../perfgui/ui/window_library.py" line="230" />
        <location filename="../../perfgui/ui/window_library.py" line="239" />
        <source>清空回收站</source>
        <translation type="unfinished">Empty Recycle Bin</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="231" />
        <source>彻底删除回收站中的 %1 张表单？
它们和它们的全部历史版本都会被删除，不能恢复。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="243" />
        <source>已清空回收站：彻底删除了 %1 张表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="256" />
        <source>撤销定稿</source>
        <translation>Reopen as Draft</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="270" />
        <location filename="../../perfgui/ui/window_library.py" line="272" />
        <source>定稿</source>
        <translation>Mark Final</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="271" />
        <source>定稿说明</source>
        <translation>Finalisation note</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="285" />
        <source>历史版本</source>
        <translation>Saved Versions</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/window_library.py" line="298" />
        <source>无法恢复版本</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="212" />
        <source>搜索单位、年度、项目…</source>
        <translation>Search unit, year, project…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="214" />
        <source>搜索表单库</source>
        <translation>Search the library</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="223" />
        <location filename="../../perfgui/ui/library_panel.py" line="426" />
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="226" />
        <source>从模板新建表单</source>
        <translation>New form from a template</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="231" />
        <location filename="../../perfgui/ui/library_panel.py" line="430" />
        <source>回收站</source>
        <translation>Recycle Bin</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="234" />
        <source>显示已删除的表单，可恢复</source>
        <translation>Show deleted forms, which can be restored</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="252" />
        <source>表单列表</source>
        <translation>Forms</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="256" />
        <location filename="../../perfgui/ui/library_panel.py" line="274" />
        <source>清空回收站</source>
        <translation>Empty Recycle Bin</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="257" />
        <source>彻底删除回收站中的全部表单（不能恢复）</source>
        <translation>Delete every form in the recycle bin for good (cannot be undone)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="261" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="263" />
        <source>复制到下一年度</source>
        <translation>Copy to Next Year</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="265" />
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="267" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="270" />
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="272" />
        <source>彻底删除</source>
        <translation>Delete for Good</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="348" />
        <source>回收站：%1 张表单</source>
        <translation>Recycle bin: %1 forms</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="350" />
        <source>共 %1 张表单</source>
        <translation>%1 forms</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/library_panel.py" line="430" />
        <source>返回表单库</source>
        <translation>Back to the Library</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="102" />
        <source>基本信息</source>
        <translation>Basic Information</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="103" />
        <source>绩效指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="114" />
        <source>表单库</source>
        <translation>Library</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="124" />
        <source>检查结果</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="127" />
        <source>&lt;打开时的状态&gt;</source>
        <translation>&lt;as opened&gt;</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="128" />
        <source>撤销历史</source>
        <translation>Undo History</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="144" />
        <location filename="../../perfgui/ui/main_window.py" line="151" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="146" />
        <location filename="../../perfgui/ui/main_window.py" line="152" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="157" />
        <source>显示列</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="201" />
        <source>同级</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="201" />
        <source>下级</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="201" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="202" />
        <source>上移</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="202" />
        <source>下移</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="202" />
        <source>升级</source>
        <translation>Outdent</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="203" />
        <source>降级</source>
        <translation>Indent</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="332" />
        <source>切换为可编辑</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="351" />
        <source>无法打开表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="405" />
        <location filename="../../perfgui/ui/main_window.py" line="464" />
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="406" />
        <source>表单“%1”未能保存：%2

仍要关闭吗？未保存的修改将丢失。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="407" />
        <source>写入超时</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="446" />
        <source>检查结果（%1 错 %2 警）</source>
        <translation>Findings (%1 errors, %2 warnings)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="335" />
        <source>表单库以只读方式打开：可以查看、打印和导出，不能修改。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="328" />
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="337" />
        <source>这张表单已定稿，只能查看、打印和导出。如需修改，请先撤销定稿。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="338" />
        <source>撤销定稿</source>
        <translation>Reopen as Draft</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="463" />
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="463" />
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="463" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="466" />
        <source>只读</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="467" />
        <source>未命名单位</source>
        <translation>Unnamed unit</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="512" />
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="531" />
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="545" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="545" />
        <source>界面语言将在下次启动本程序时切换。</source>
        <translation>The interface language changes the next time the program starts.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="568" />
        <source>保存失败：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/main_window.py" line="325" />
        <source>自动保存失败：%1
程序会每隔几秒重试；在问题解决前请不要关闭窗口。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NewFormDialog</name>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="67" />
        <source>按规则包新建表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="70" />
        <source>选择新表单依据的规则包：表格样式、默认指标和计分规则都取自它。表单会记住所用的规则包，以后可在“文件 › 更换规则包…”中更换。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="74" />
        <source>规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="74" />
        <source>地区</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="74" />
        <source>适用年度</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="74" />
        <source>依据</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="88" />
        <source>%1表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="93" />
        <source>（默认）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="95" />
        <source>（导入）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="110" />
        <source>新建</source>
        <translation type="unfinished">New</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/pack_dialogs.py" line="144" />
        <source>注意：这个规则包适用于 %1 年，新表单的年度为 %2 年。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PackOperations</name>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="69" />
        <source>更换规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="69" />
        <source>这张表单已定稿：请先撤销定稿，再更换规则包。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="82" />
        <source>更换规则包：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="85" />
        <source>已更换为规则包“%1”：总分 %2，等级 %3。可按 Ctrl+Z 撤销。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="100" />
        <source>导入规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="100" />
        <source>规则包 (*.toml);;所有文件 (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="107" />
        <location filename="../../perfgui/ui/window_packs.py" line="111" />
        <source>无法导入规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="107" />
        <source>%1

规则包没有导入，表单库中的规则包保持不变。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="111" />
        <source>无法写入表单库的规则包文件夹：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="114" />
        <source>已导入规则包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/window_packs.py" line="115" />
        <source>已导入规则包：%1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PasteDialog</name>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="31" />
        <source>粘贴指标</source>
        <translation type="unfinished">Paste indicators</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="35" />
        <source>：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="35" />
        <source>将插入以下指标：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="42" />
        <source>级别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="42" />
        <source>指标</source>
        <translation type="unfinished">Indicator</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="42" />
        <source>年度指标值</source>
        <translation type="unfinished">Target</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="42" />
        <source>全年完成值</source>
        <translation type="unfinished">Actual</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="43" />
        <source>分值</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="43" />
        <source>得分</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="43" />
        <source>偏差及原因分析</source>
        <translation type="unfinished">Deviation and Reasons</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="67" />
        <source>共 {n} 个指标，分值合计 {p}，得分合计 {s}。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="70" />
        <source>按表头识别列</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="70" />
        <source>没有表头，按内容识别列</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="82" />
        <source>插入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/paste_dialog.py" line="83" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="167" />
        <source>打印预览 — %1</source>
        <translation>Print Preview — %1</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="177" />
        <source>纵向</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="178" />
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="189" />
        <source>宋体（系统字体）</source>
        <translation>SimSun (system font)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="190" />
        <source>文泉驿微米黑（内置字体）</source>
        <translation>WenQuanYi Micro Hei (bundled)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="192" />
        <source>AR PL 明体（内置宋体风格字体）</source>
        <translation>AR PL Mingti (bundled, SimSun-like serif)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="193" />
        <source>打印字体。系统字体缺少的字由内置字体补齐。</source>
        <translation>Print font. Characters the system font lacks come from the bundled font.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="195" />
        <source>上一页</source>
        <translation>Previous Page</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="196" />
        <source>下一页</source>
        <translation>Next Page</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="200" />
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="201" />
        <source>整页</source>
        <translation>Whole Page</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="208" />
        <source>字体：</source>
        <translation>Font:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="230" />
        <source>正在生成 PDF…</source>
        <translation>Making the PDF…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="245" />
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="246" />
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="247" />
        <location filename="../../perfgui/ui/print_preview.py" line="424" />
        <location filename="../../perfgui/ui/print_preview.py" line="427" />
        <source>用系统程序打开</source>
        <translation>Open with System Viewer</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="248" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="306" />
        <source>无法生成 PDF：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="324" />
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="335" />
        <source>草稿：每页印有“草稿”水印；定稿后打印即为正式版本。页脚印有表单指纹 %1。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="339" />
        <source>正式稿：每页印有表单指纹 %1 和二维码，可用“核对纸质版”与保存的版本核对。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="337" />
        <source>表单仍有 %1 个错误。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="341" />
        <source>注意：以下字符没有可用字体，将打印为“%1”：%2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="400" />
        <location filename="../../perfgui/ui/print_preview.py" line="410" />
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="401" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/print_preview.py" line="428" />
        <source>没有找到可以打开 PDF 的程序。文件已保存在：%1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="24" />
        <source>历史版本 — %1</source>
        <translation>Saved Versions — %1</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="27" />
        <source>每次自动保存都留有版本。选择一个版本并点“恢复此版本”，它会成为最新版本（现在的内容仍保留在历史中）。</source>
        <translation>Every automatic save keeps a version. Select one and press Restore This Version: it becomes the newest version (the present content stays in the history).</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="33" />
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="33" />
        <source>保存时间</source>
        <translation>Saved at</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="33" />
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="34" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="34" />
        <source>改动</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="39" />
        <location filename="../../perfgui/ui/dialogs.py" line="58" />
        <source>（当前）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="49" />
        <source>恢复此版本</source>
        <translation>Restore This Version</translation>
    </message>
</context>
<context>
    <name>ScoringAssistant</name>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="61" />
        <source>自动</source>
        <translation>Auto</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="61" />
        <source>正向</source>
        <translation>Higher is better</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="61" />
        <source>等于</source>
        <translation>Equal to target</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="62" />
        <source>反向</source>
        <translation>Lower is better</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="62" />
        <source>定性</source>
        <translation>Qualitative</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="62" />
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="66" />
        <source>评分规则：自动按目标的比较符选择；可改为正向、等于、反向、定性或手动</source>
        <translation>Scoring rule: Auto follows the target's comparison sign; can be set to Higher is better, Equal to target, Lower is better, Qualitative or Manual</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="78" />
        <source>采用</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="79" />
        <source>把建议得分填入得分（Ctrl+Enter）</source>
        <translation>Put the suggested points into the score (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="87" />
        <source>建议得分按这张表单的规则包的公式计算</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="91" />
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="92" />
        <source>完成</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="93" />
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="98" />
        <source>建议</source>
        <translation>Suggested</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="126" />
        <source>计分依据：%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="164" />
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="172" />
        <source>{text}（定性目标）</source>
        <translation>{text} (qualitative target)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="175" />
        <source>{text}（定性：{outcome}）</source>
        <translation>{text} (qualitative: {outcome})</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="176" />
        <source>{text}（文字，无数值）</source>
        <translation>{text} (text, no number)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="179" />
        <source>达成</source>
        <translation>achieved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="179" />
        <source>部分达成</source>
        <translation>partly achieved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="179" />
        <source>未达成</source>
        <translation>not achieved</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="191" />
        <source>评分助手</source>
        <translation>Scoring Assistant</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="197" />
        <source>选择一个计分指标（三级指标，或已填分值的二级指标），这里会显示目标与完成值的解读和建议得分。</source>
        <translation>Select a scored indicator (third level, or a second level with points): its target and actual are read here and points are suggested.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="215" />
        <source>手动：由评分人判断，不给建议。</source>
        <translation>Manual: the assessor decides; no suggestion.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="217" />
        <source>请先填写分值。</source>
        <translation>Fill in the points first.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="219" />
        <source>完成值无法解读，不能给出建议：请填写数值（如 98%）或“达成指标”“部分达成”“未达成”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="228" />
        <source>（可在 {low}–{high} 之间）</source>
        <translation> (range {low}–{high})</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="231" />
        <source>⚠ 完成值远超目标，目标可能设置偏低：请在“偏差及原因分析”中说明。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="236" />
        <source>正在输入：按 Enter 确认；按 Ctrl+Enter 确认并采用建议。</source>
        <translation>Typing: Enter confirms; Ctrl+Enter confirms and accepts the suggestion.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="239" />
        <source>已填得分与建议一致。</source>
        <translation>The score given equals the suggestion.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="242" />
        <source>未填</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="243" />
        <source>已填得分：{typed}。建议不会自动填入，按“采用”或 Ctrl+Enter 采用。</source>
        <translation>Score given: {typed}. The suggestion is never filled in by itself: press Accept or Ctrl+Enter.</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="261" />
        <source>采用建议得分：{name}</source>
        <translation>Accept suggested points: {name}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/tree/assistant.py" line="261" />
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="71" />
        <source>快捷键一览</source>
        <translation>Keyboard Shortcuts</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="75" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/dialogs.py" line="75" />
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
</context>
<context>
    <name>SummaryBar</name>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="46" />
        <source>显示检查结果（F8 转到下一个问题）</source>
        <translation>Show the findings (F8: next problem)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="56" />
        <source>表单内容指纹：打印件上印有同一指纹，可核对纸质版与电子版是否一致</source>
        <translation>Fingerprint of the content: the printout carries the same one, to check paper against file</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="74" />
        <source>总分 —</source>
        <translation>Total —</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="75" />
        <source>等级 —</source>
        <translation>Grade —</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="76" />
        <source>权重合计 —</source>
        <translation>Σ weights —</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="82" />
        <source>总分 &lt;b&gt;%1&lt;/b&gt; / %2</source>
        <translation>Total &lt;b&gt;%1&lt;/b&gt; / %2</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="85" />
        <source>等级 &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Grade &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="88" />
        <source>权重合计 %1</source>
        <translation>Σ weights %1</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="91" />
        <source>权重合计 %1 ≠ 100</source>
        <translation>Σ weights %1 ≠ 100</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="96" />
        <source>%1 个错误 · %2 个警告</source>
        <translation>%1 errors · %2 warnings</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_bar.py" line="102" />
        <source>指纹 %1</source>
        <translation>Fingerprint %1</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="108" />
        <source>汇总多份表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="114" />
        <source>添加文件夹…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="115" />
        <source>添加文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="116" />
        <source>加入表单库中的表单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="119" />
        <source>开始汇总</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="121" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="127" />
        <source>筛选：单位、项目、等级、提示…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="129" />
        <source>选择要汇总的文件夹或文件，然后点“开始汇总”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="146" />
        <source>导出 Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="147" />
        <source>导出 PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="190" />
        <source>选择收到的表单所在的文件夹</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="195" />
        <source>选择表单文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="196" />
        <source>表单文件 (*.xlsx *.xls *.et *.ods *.docx *.pdf *.html *.htm *.json *.txt *.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="206" />
        <source>汇总</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="206" />
        <source>请先添加文件夹或文件，或加入表单库中的表单。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="214" />
        <source>正在读取 {0} 个文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="224" />
        <source>正在取消…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="241" />
        <source>共 {0} 份表单（{1}），平均 {2} 分；{3} 个文件无法读取；{4} 条复核提示；重复报送 {5} 处。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="245" />
        <source>已取消：只汇总了已读取的文件。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="247" />
        <source>无法读取：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="262" />
        <source>导出汇总</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="278" />
        <source>无法导出</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/summary_view.py" line="280" />
        <source>已导出：{0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WriterWatch</name>
    <message>
        <location filename="../../perfgui/ui/writer_watch.py" line="40" />
        <source>另一个程序已不再使用表单库：可以切换为可编辑，之后的修改会自动保存。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/writer_watch.py" line="48" />
        <source>未能切换为可编辑：表单库又被其他程序使用了，仍为只读。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/writer_watch.py" line="57" />
        <source>已切换为可编辑。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../perfgui/app.py" line="237" />
        <source>正在使用表单库的窗口没有响应打开请求，因此本窗口以只读方式打开“%1”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/app.py" line="240" />
        <source>正在使用表单库的窗口没有响应，因此本窗口以只读方式打开表单库。</source>
        <translation type="unfinished" />
    </message>
</context>
<context><name>ExportActions</name><message>
        <location filename="../../perfgui/ui/export_actions.py" line="57" />
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="70" />
        <source>打印和导出前请注意</source>
        <translation>Before Printing and Exporting</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="70" />
        <source>是否继续？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="90" />
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="134" />
        <location filename="../../perfgui/ui/export_actions.py" line="146" />
        <location filename="../../perfgui/ui/export_actions.py" line="151" />
        <location filename="../../perfgui/ui/export_actions.py" line="156" />
        <source>发送邮件</source>
        <translation>Send by Email</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="134" />
        <source>无法生成要发送的文件：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="146" />
        <source>无法保存邮件和附件：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="152" />
        <source>已用默认邮件程序打开邮件草稿（附有 PDF 和 Excel 文件）：请填写收件人后发送。

文件也保存在：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="157" />
        <source>没能打开默认的邮件程序，已打开文件所在的文件夹：{0}

可以双击其中的 .eml 邮件草稿，或把 PDF 和 Excel 文件作为附件发送。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="194" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="213" />
        <location filename="../../perfgui/ui/export_actions.py" line="230" />
        <location filename="../../perfgui/ui/export_actions.py" line="259" />
        <location filename="../../perfgui/ui/export_actions.py" line="268" />
        <location filename="../../perfgui/ui/export_actions.py" line="271" />
        <location filename="../../perfgui/ui/export_actions.py" line="274" />
        <location filename="../../perfgui/ui/export_actions.py" line="276" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="216" />
        <source>导出《{0}》</source>
        <translation>Export 《{0}》</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="220" />
        <source>PDF 横向排版</source>
        <translation>PDF in landscape</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="226" />
        <source>文件夹：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="227" />
        <source>文件名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="259" />
        <source>以下文件已存在，要替换吗？
{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="271" />
        <source>无法写入文件夹“{0}”：{1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="274" />
        <source>导出失败：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="276" />
        <source>已导出到“{0}”：
{1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="290" />
        <location filename="../../perfgui/ui/export_actions.py" line="375" />
        <location filename="../../perfgui/ui/export_actions.py" line="400" />
        <location filename="../../perfgui/ui/export_actions.py" line="409" />
        <location filename="../../perfgui/ui/export_actions.py" line="440" />
        <source>批量导出</source>
        <translation>Batch Export</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="297" />
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="299" />
        <source>{0}年度</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="303" />
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="304" />
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="306" />
        <source>导出到：</source>
        <translation>Export to:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="312" />
        <source>开始导出</source>
        <translation>Start Export</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="330" />
        <source>将导出 {0} 份表单。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="374" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="374" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="387" />
        <source>[{0}/{1}] {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="409" />
        <source>表单库没有打开，无法批量导出。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="433" />
        <source>已导出 {0} 份表单（{1} 个文件）到“{2}”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="435" />
        <source>已取消，其余表单没有导出。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="437" />
        <source>未导出：{0}：{1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="439" />
        <source>注意：{0}：{1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="452" />
        <location filename="../../perfgui/ui/export_actions.py" line="505" />
        <source>核对纸质版</source>
        <translation>Check a Paper Copy</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="455" />
        <source>输入纸质版页脚的表单指纹（如 7K3M-9XQ2-HF4T-WP8C-5，大小写、空格均可），或选择本程序导出的 PDF、Excel 文件：</source>
        <translation>Type the form fingerprint from the paper copy's footer (e.g. 7K3M-9XQ2-HF4T-WP8C-5; case and spaces do not matter), or pick a PDF or Excel file this program exported:</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="461" />
        <source>表单指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="463" />
        <source>核对</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="465" />
        <source>选择文件…</source>
        <translation>Choose File…</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="483" />
        <source>选择要核对的文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="484" />
        <source>导出的文件 (*.pdf *.xlsx *.json)</source>
        <translation>Exported files (*.pdf *.xlsx *.json)</translation>
    </message>
    <message>
        <location filename="../../perfgui/ui/export_actions.py" line="505" />
        <source>表单库没有打开，无法核对。</source>
        <translation type="unfinished" />
    </message>
    </context></TS>