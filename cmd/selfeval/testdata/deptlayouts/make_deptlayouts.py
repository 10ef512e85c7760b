#!/usr/bin/python3
"""Write the Chongqing 2021 dept self-evaluation (融媒体中心, 97.6 优) into new
layouts of the 部门整体支出绩效自评表 as other regions publish it.
Deterministic: fixed data, no dates. Usage: make_deptlayouts.py [OUTDIR] [LAYOUT=label-override ...]
Derived numbers (stated once here, also in each file's 说明 cell):
  - 年度资金总额 1000.00 / 760.00 万元 (sample's choice, 76 %).
  - where 财政拨款 / 其他资金 rows are printed: 财政拨款 1000.00 / 760.00, 其他资金 0 / 0.
  - where 基本支出 / 项目支出 rows are printed: 基本支出 600.00 / 550.00,
    项目支出 400.00 / 210.00 (sum 1000.00 / 760.00).
  - 年初预算数 = 全年预算数 (no adjustment, sample has 1000.00 both).
  - 一级/二级指标 assigned from the usual dept indicator system (投入/过程/产出/效益/满意度).
  - scores = 得分系数 100 % × weight, as published.
"""
import json, sys, os
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Border, Side

HERE = os.path.dirname(os.path.abspath(__file__))
D = json.load(open(os.path.join(HERE, '..', '..', '..', '..', 'samples', 'data', 'dept-chongqing.json'), encoding='utf-8'))
F = D['fields']
ROWS = [r['cells'] for r in D['rows']]
LEVELS = [('投入', '预算配置')]*3 + [('过程', '预算执行')]*6 + [('过程', '预算管理')]*3 + \
         [('过程', '资产管理')]*2 + [('产出', '数量指标')]*4 + [('产出', '质量指标')] + \
         [('满意度', '服务对象满意度指标')] + [('效益', '社会效益指标')]
assert len(LEVELS) == len(ROWS) == 21
NAME = F['project']
SUP = '西部（重庆）科学城管理委员会'
thin = Side(style='thin')
BORD = Border(left=thin, right=thin, top=thin, bottom=thin)
WRAP = Alignment(wrap_text=True, vertical='center', horizontal='center')

def score(r):
    return float(r['weight']) * float(r['coef']) / 100

OVR = {}
def lab(s):
    return OVR.get(s, s)

class S:
    def __init__(self, title='部门整体支出绩效自评表'):
        self.wb = Workbook(); self.ws = self.wb.active; self.ws.title = title[:31]
    def put(self, r, c, v, r2=None, c2=None, bold=False):
        ws = self.ws
        if v is not None:
            if isinstance(v, str): v = lab(v)
            ws.cell(r, c, v)
        ws.cell(r, c).alignment = WRAP
        if bold: ws.cell(r, c).font = Font(bold=True)
        if r2 or c2:
            r2 = r2 or r; c2 = c2 or c
            if (r2, c2) != (r, c): ws.merge_cells(start_row=r, start_column=c, end_row=r2, end_column=c2)
            for rr in range(r, r2+1):
                for cc in range(c, c2+1): ws.cell(rr, cc).border = BORD
        else:
            ws.cell(r, c).border = BORD
    def save(self, path, desc):
        self.wb.properties.description = desc
        self.wb.properties.title = '部门整体支出绩效自评表'
        self.wb.properties.creator = 'make.py'
        from datetime import datetime
        self.wb.properties.created = self.wb.properties.modified = datetime(2022, 3, 1)
        self.wb.save(path)
        # Fixed zip dates too, so that a run writes the same bytes.
        import zipfile
        with zipfile.ZipFile(path) as src:
            parts = [(i.filename, src.read(i.filename)) for i in src.infolist()]
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as dst:
            for name, data in parts:
                zi = zipfile.ZipInfo(name, date_time=(2022, 3, 31, 9, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                dst.writestr(zi, data)

def merged_groups(keys):
    """yield (start, end, key) runs of equal keys"""
    i = 0
    while i < len(keys):
        j = i
        while j+1 < len(keys) and keys[j+1] == keys[i]: j += 1
        yield i, j, keys[i]; i = j+1

# ---------------------------------------------------------------- layouts
def sichuan(out):
    """Central MOF-style dept table (Sichuan/Hunan 部门决算公开): 年度预算执行情况
    with 年度资金总额/其中：财政拨款/其他资金 and 年初预算数/全年预算数/全年执行数/分值/执行率/得分,
    年度总体目标 side by side, 一级/二级/三级指标, 年度指标值/实际完成值/分值/得分/偏差原因."""
    s = S(); p = s.put
    p(1, 1, '2021年度部门整体支出绩效自评表', 1, 10, bold=True)
    p(2, 1, '部门（单位）名称', 2, 2); p(2, 3, NAME, 2, 10)
    p(3, 1, '年度预算执行情况（万元）', 6, 2)
    hdr = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']
    p(3, 3, '', 3, 4)
    for i, h in enumerate(hdr): p(3, 5+i, h)
    rows = [('年度资金总额', 1000, 1000, 760, 10, '76%', 7.6), ('其中：财政拨款', 1000, 1000, 760, '—', '—', '—'),
            ('其他资金', 0, 0, 0, '—', '—', '—')]
    for k, rr in enumerate(rows):
        p(4+k, 3, rr[0], 4+k, 4)
        for i, v in enumerate(rr[1:]): p(4+k, 5+i, v)
    p(7, 1, '年度总体目标', 8, 1); p(7, 2, '预期目标', 7, 5); p(7, 6, '实际完成情况', 7, 10)
    p(8, 2, F['goal'], 8, 5); p(8, 6, F['achieved'], 8, 10); s.ws.row_dimensions[8].height = 110
    p(9, 1, '绩效指标', 9 + len(ROWS), 1)
    for i, h in enumerate(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']):
        p(9, 2+i, h, 9, 2+i if i < 7 else 10)
    first = 10
    for a, b, k in merged_groups([l[0] for l in LEVELS]): p(first+a, 2, k, first+b, 2)
    for a, b, k in merged_groups(LEVELS): p(first+a, 3, k[1], first+b, 3)
    for i, r in enumerate(ROWS):
        R = first+i
        p(R, 4, r['name']); p(R, 5, r.get('planned', '')); p(R, 6, r.get('actual', ''))
        p(R, 7, float(r['weight'])); p(R, 8, score(r)); p(R, 9, '', R, 10)
    R = first+len(ROWS)
    p(R+1, 1, '总分', R+1, 6); p(R+1, 7, 100); p(R+1, 8, 97.6); p(R+1, 9, '', R+1, 10)
    s.ws.column_dimensions['D'].width = 22
    s.save(out, ' '.join(sichuan.__doc__.split()) + ' 财政拨款 1000/760, 其他资金 0 (derived).')

def grid_layout(out, doc, unit='万元', split=None, title='部门整体支出绩效自评表', year_title=True,
                header_lines=True, levels=True, ind_heads=None, notes=False, stacked_goal=False,
                offset=0, yuan=False, two_row_head=False, coef=False, footer_sign=True):
    s = S(); p = s.put; o = offset
    mult = 10000 if yuan else 1
    r = 1
    p(r, 1+o, ('2021年度' + title) if year_title else title, r, 10+o, bold=True); r += 1
    if not year_title:
        p(r, 1+o, '（2021年度）', r, 10+o); r += 1
    if footer_sign:
        s.ws.cell(r, 1+o, '填报单位（盖章）：' + NAME); s.ws.cell(r, 8+o, '单位：' + unit); r += 1
    if header_lines:
        p(r, 1+o, '部门（单位）名称', r, 2+o); p(r, 3+o, NAME, r, 5+o); p(r, 6+o, '主管部门', r, 7+o); p(r, 8+o, SUP, r, 10+o); r += 1
    # budget block
    gl = '年度预算执行情况（%s）' % unit
    lines = [('年度资金总额', 1000, 1000, 760, 10, '76%', 7.6)]
    if split == 'fund':
        lines += [('其中：财政拨款', 1000, 1000, 760, '—', '—', '—'), ('其他资金', 0, 0, 0, '—', '—', '—')]
    elif split == 'basic':
        lines += [('其中：基本支出', 600, 600, 550, '—', '—', '—'), ('项目支出', 400, 400, 210, '—', '—', '—')]
    top = r
    p(r, 1+o, gl, r+len(lines), 2+o)
    hdr = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']
    p(r, 3+o, '', r, 4+o)
    for i, h in enumerate(hdr): p(r, 5+o+i, h)
    r += 1
    for ln in lines:
        p(r, 3+o, ln[0], r, 4+o)
        for i, v in enumerate(ln[1:]):
            if i < 3: v = round(v*mult, 2)
            p(r, 5+o+i, v)
        r += 1
    # goal block
    if stacked_goal:
        p(r, 1+o, '年度总体目标', r+1, 1+o)
        p(r, 2+o, '预期目标', r, 3+o); p(r, 4+o, F['goal'], r, 10+o); s.ws.row_dimensions[r].height = 80; r += 1
        p(r, 2+o, '实际完成情况', r, 3+o); p(r, 4+o, F['achieved'], r, 10+o); s.ws.row_dimensions[r].height = 80; r += 1
    else:
        p(r, 1+o, '年度总体目标', r+1, 1+o); p(r, 2+o, '预期目标', r, 5+o); p(r, 6+o, '实际完成情况', r, 10+o); r += 1
        p(r, 2+o, F['goal'], r, 5+o); p(r, 6+o, F['achieved'], r, 10+o); s.ws.row_dimensions[r].height = 110; r += 1
    # indicator table
    heads = ind_heads or (['一级指标', '二级指标', '三级指标'] if levels else ['指标内容'])
    nlev = len(heads)
    tail = ['年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']
    if coef: tail = ['年度指标值', '实际完成值', '得分系数', '分值', '得分', '偏差原因分析及改进措施']
    if notes: tail = tail + ['备注']
    cols = heads + tail
    start = r
    if two_row_head:
        # grouped header: 绩效指标 over the level columns, 自评 over 分值/得分
        for i, h in enumerate(cols):
            c = 1+o+i
            if h in ('分值', '得分'): continue
            p(r, c, h, r+1, c)
        ci = cols.index('分值')
        p(r, 1+o+ci, '自评情况', r, 2+o+ci)
        p(r+1, 1+o+ci, '分值'); p(r+1, 2+o+ci, '得分')
        r += 2
    else:
        for i, h in enumerate(cols): p(r, 1+o+i, h)
        r += 1
    first = r
    if nlev >= 2:
        for a, b, k in merged_groups([l[0] for l in LEVELS]): p(first+a, 1+o, k, first+b, 1+o)
    if nlev >= 3:
        for a, b, k in merged_groups(LEVELS): p(first+a, 2+o, k[1], first+b, 2+o)
    if nlev == 2:
        pass
    for i, row in enumerate(ROWS):
        R = first+i; c = 1+o+nlev-1
        p(R, c, row['name']); c += 1
        p(R, c, row.get('planned', '')); c += 1
        p(R, c, row.get('actual', '')); c += 1
        if coef: p(R, c, float(row['coef'])); c += 1
        p(R, c, float(row['weight'])); c += 1
        p(R, c, score(row)); c += 1
        p(R, c, ''); c += 1
        if notes: p(R, c, '')
    R = first+len(ROWS)
    wi = 1+o+cols.index('分值')
    p(R, 1+o, '总分', R, wi-1); p(R, wi, 100); p(R, wi+1, 97.6)
    for c in range(wi+2, 1+o+len(cols)): p(R, c, '')
    R += 1
    if footer_sign:
        s.ws.cell(R+1, 1+o, '填表人：张某某'); s.ws.cell(R+1, 5+o, '联系电话：023-00000000'); s.ws.cell(R+1, 8+o, '填报日期：2022年3月')
    for i in range(len(cols)): s.ws.column_dimensions[chr(65+o+i)].width = 12
    s.ws.column_dimensions[chr(65+o+nlev-1)].width = 22
    s.save(out, doc)

LAYOUTS = {
    'sichuan': sichuan,
    'hunan-fund': lambda out: grid_layout(out, 'Hunan-style: 年度资金总额/其中：财政拨款/其他资金; 主管部门 line; 填报单位（盖章） and 填表人 lines; 一级/二级/三级 merged down.', split='fund'),
    'guangxi-basic': lambda out: grid_layout(out, 'Guangxi-style: 年度资金总额/其中：基本支出/项目支出 (基本 600/550, 项目 400/210 万元, derived to sum to 1000/760).', split='basic'),
    'yunnan-yuan': lambda out: grid_layout(out, 'Amounts in 元, 财政拨款/其他资金 rows (1000.00 万元 = 10000000 元); title （2021年度） on second line.', unit='元', yuan=True, year_title=False, split='fund'),
    'guizhou-flat': lambda out: grid_layout(out, 'Flat list: 指标内容 only (no 一级/二级), 年度指标值/实际完成值/分值/得分.', levels=False),
    'shaanxi-notes': lambda out: grid_layout(out, 'Extra 备注 column at the right; 年度总体目标 stacked (预期目标 row over 实际完成情况 row).', notes=True, stacked_goal=True),
    'henan-twohead': lambda out: grid_layout(out, 'Two-row header: 自评情况 over 分值/得分; the other headers merged over both rows.', two_row_head=True),
    'jiangxi-offset': lambda out: grid_layout(out, 'Form starts in column B (blank column A), no 部门（单位）名称 line (department only in 填报单位（盖章）), 得分系数 column.', offset=1, header_lines=False, coef=True),
    'anhui-perf': lambda out: grid_layout(out, 'Headers 一级指标/二级指标/绩效指标 (instead of 三级指标); 一级/二级 merged down.', ind_heads=['一级指标', '二级指标', '绩效指标']),
}

if __name__ == '__main__':
    outdir = sys.argv[1] if len(sys.argv) > 1 else HERE
    only = None
    for a in sys.argv[2:]:
        if a.startswith('only='): only = a[5:]
        elif '=' in a:
            k, v = a.split('=', 1); OVR[k] = v
    os.makedirs(outdir, exist_ok=True)
    for name, fn in LAYOUTS.items():
        if only and name != only: continue
        fn(os.path.join(outdir, name + '--dept-chongqing.xlsx'))
        print(name)
