#!/usr/bin/python3
"""Writes, from one form, the variants other programs and people make.

    variants.py SRC.xlsx SHEET OUTDIR

OUTDIR/openpyxl.xlsx        SRC loaded and saved by openpyxl (inline or
                            shared texts, no empty cells, its own parts)
OUTDIR/openpyxl-extras.xlsx the same with a picture on SHEET, a visible sheet
                            附注 after the others and active, a name scoped to
                            the sheet _lists, and a very long text in F11
                            (实际完成情况) ending 【完】
"""

import os
import sys

import openpyxl
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName
from PIL import Image as PILImage


def main(src, sheet, out):
    wb = openpyxl.load_workbook(src)
    wb.save(os.path.join(out, "openpyxl.xlsx"))

    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    png = os.path.join(out, "logo.png")
    PILImage.new("RGB", (60, 30), (200, 30, 30)).save(png)
    ws.add_image(Image(png), "J3")
    extra = wb.create_sheet("附注")
    extra["A1"] = "附注：本表由项目单位填写。"
    wb.active = len(wb.sheetnames) - 1
    for w in wb.worksheets:
        w.sheet_view.tabSelected = w.title == "附注"
    lists = wb.sheetnames.index("_lists")
    wb.defined_names.append(DefinedName("ListsLocal", localSheetId=lists, attr_text="'_lists'!$A$1:$A$2"))
    ws["F11"] = "实际完成情况：" + "按计划开展驻外办干部关心关爱工作，完成年度体检、节日慰问及保险购买，" * 10 + "全年任务完成。【完】"
    wb.save(os.path.join(out, "openpyxl-extras.xlsx"))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
