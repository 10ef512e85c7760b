"""Build the write-back preservation corpus from the committed samples.

Run from the repository root with the system python (openpyxl) and soffice:

    /usr/bin/python3 workbook/testdata/corpus/make_corpus.py

openpyxl-*.xlsx: a sample re-saved by openpyxl with a person's notes (kept at
xl/comments/commentN.xml, linked by absolute targets), an extra sheet with a
note, a formula, a data validation, print settings and a defined name, and a
hidden sheet. libreoffice-*.xlsx: the same converted by LibreOffice (notes at
xl/commentsN.xml with a VML drawing of another number, shape ids "shape_0",
sheet protection in its short form). The Go test adds the excelize-made and
hand zip-edited members of the corpus itself.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "..", "samples")

CASES = {
    "mof2020-cooperation": ("自评表", ["C13", "H13", "E15"]),
    "sh2019-kunming": ("自评价", ["B2", "F12"]),
}


def build(name, sheet, cells, out):
    wb = openpyxl.load_workbook(os.path.join(SAMPLES, name + ".xlsx"))
    ws = wb[sheet]
    for i, ref in enumerate(cells):
        ws[ref].comment = Comment("请复核（%d）" % (i + 1), "张三")
    extra = wb.create_sheet("附表")
    extra["A1"] = "附加说明"
    extra["A2"] = 12.5
    extra["A3"] = 7.5
    extra["B3"] = "=A2+A3"
    extra["A1"].comment = Comment("附表的批注", "李四")
    extra.column_dimensions["A"].width = 30
    extra.page_setup.orientation = "landscape"
    extra.page_setup.fitToWidth = 1
    extra.print_options.gridLines = True
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    extra.add_data_validation(dv)
    dv.add("C2:C9")
    wb.defined_names.append(DefinedName("附表数据", attr_text="'附表'!$A$2:$A$3"))
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不显示"
    hidden.sheet_state = "hidden"
    wb.save(out)


def main():
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice is needed")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (sheet, cells) in CASES.items():
            opx = os.path.join(HERE, "openpyxl-%s.xlsx" % name)
            build(name, sheet, cells, opx)
            subprocess.run([soffice, "--headless", "--norestore",
                            "-env:UserInstallation=file://" + os.path.join(tmp, "lo"),
                            "--convert-to", "xlsx", "--outdir", tmp, opx],
                           check=True, capture_output=True, timeout=300)
            shutil.move(os.path.join(tmp, os.path.basename(opx)),
                        os.path.join(HERE, "libreoffice-%s.xlsx" % name))
            print("wrote", opx, "and its LibreOffice copy")


if __name__ == "__main__":
    main()
