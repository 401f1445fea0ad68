"""The receiving side: a department or finance office checks many forms at once.

``collect`` reads every form of the sources (folders, files, the library) into compact records
in worker processes; ``review`` finds what a finance office looks for across forms; ``rollup``
sums them up; ``sample`` draws forms for 抽查 reproducibly; ``yoy`` compares one unit's forms
across years; ``summary_xlsx``/``summary_pdf`` write the result. Plain Python over the model:
no Qt here (the window's 汇总 view is ``perfgui.ui.summary_view``).
"""
