"""Generate typed test files: canonical fill of each mof2020 seed, then per-variant retyping.
Usage: /usr/bin/python3 gen.py  (writes manifest.json, files/*.xlsx, raw/held.json)"""
import json, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, 'uno'), os.path.join(HERE, '..', 'uno')]
DATA = os.path.join(HERE, '..', '..', '..', '..', 'samples', 'data')
SEEDS = {'C': 'mof2020-cooperation', 'L': 'mof2020-liaison', 'S': 'mof2020-services'}
SEEDTOTAL = {'C': (97.78, '优'), 'L': (93.52, '优'), 'S': (100.0, '优')}
COL = {'level1': 'A', 'level2': 'B', 'name': 'C', 'target': 'D', 'actual': 'E', 'weight': 'F', 'score': 'G', 'reason': 'H'}
GRIDROW = {'total': 6, 'appropriation': 7, 'carryover': 8, 'other': 9}
GRIDCOL = {'initial': 'C', 'budget': 'D', 'spent': 'E'}

def num(s):  # "20.00" -> "20", "161.05" stays
    f = float(s); return ('%d' % f) if f == int(f) else ('%g' % f)

def canonical(seed):
    d = json.load(open(os.path.join(DATA, '%s.json' % seed)))
    f = d['fields']; cells = {}
    cells['C3'] = f['project']; cells['C4'] = f['department']; cells['F4'] = f['unit']
    cells['B11'] = f['goal']; cells['F11'] = f['achieved']
    for r, rr in GRIDROW.items():
        for c, cc in GRIDCOL.items():
            cells['%s%d' % (cc, rr)] = num(d['grid'][r][c])
    for i, row in enumerate(d['rows']):
        for k, v in row['cells'].items():
            cells['%s%d' % (COL[k], 13 + i)] = num(v) if k in ('weight', 'score') else v
    return cells

FW = str.maketrans('0123456789.%()', '０１２３４５６７８９．％（）')
def fw(s): return s.translate(FW)
def plainpct(v):  # "100.00(%)" -> "100%"
    m = re.fullmatch(r'([\d.]+)\(%\)', v); return (num(m.group(1)) + '%') if m else None

def rows_where(cells, col, pred):
    return [(k, v) for k, v in sorted(cells.items(), key=lambda kv: int(kv[0][1:])) if k[0] == col and int(k[1:]) >= 13 and pred(v)]

def amounts(cells): return [(k, v) for k, v in cells.items() if k[0] in 'CDE' and 6 <= int(k[1:]) <= 9]

# each variant: id, seed, kind, f(cells)->{ref:new text}, expect ("read"|"flag"|"read_or_flag"), note
def V(id, seed, kind, fn, expect, note):
    return dict(id=id, seed=seed, kind=kind, fn=fn, expect=expect, note=note)

def pct_actuals(cells): return rows_where(cells, 'E', lambda v: v.endswith('(%)'))
def unit_actuals(cells): return rows_where(cells, 'E', lambda v: re.fullmatch(r'[\d.]+\((?!%)[^)]+\)', v) is not None)
def qual_actuals(cells): return rows_where(cells, 'E', lambda v: v == '达成指标')
def q_targets(cells): return rows_where(cells, 'D', lambda v: re.match(r'[≥≤=]', v) is not None)

def tgt_words(v):
    m = re.fullmatch(r'([≥≤=])([\d.]+)\(([^)]+)\)', v); op, n, u = m.groups(); u = '%' if u == '%' else u
    return {'≥': '不低于', '≤': '不高于', '=': ''}[op] + num(n) + u
def tgt_yishang(v):
    m = re.fullmatch(r'([≥≤=])([\d.]+)\(([^)]+)\)', v); op, n, u = m.groups()
    return num(n) + u + {'≥': '以上', '≤': '以下', '=': ''}[op]
def tgt_ascii(v):
    m = re.fullmatch(r'([≥≤=])([\d.]+)\(([^)]+)\)', v); op, n, u = m.groups()
    return {'≥': '>=', '≤': '<=', '=': '='}[op] + num(n) + u
def tgt_spaced(v):
    m = re.fullmatch(r'([≥≤=])([\d.]+)\(([^)]+)\)', v); op, n, u = m.groups()
    return op + ' ' + num(n) + ' ' + u
def tgt_bare(v):
    m = re.fullmatch(r'([≥≤=])([\d.]+)\(([^)]+)\)', v); op, n, u = m.groups()
    return op + num(n) + u

CN = {1: '一', 2: '两', 5: '五', 10: '十', 12: '十二', 13: '十三', 40: '四十', 103: '一百零三'}

VARIANTS = [
 V('amt_wanyuan', 'C', 'amounts typed with 万元 suffix (text in #,##0.00 cells; GUI validation would refuse typing, a paste gets through)',
   lambda c: {k: v + '万元' for k, v in amounts(c) if float(v) > 0}, 'read', '万元 is the column unit'),
 V('amt_yuan_thousands', 'L', 'amounts typed in 元 with thousands separators (1,715,00.00 style: 171,500.00) -> LO number 171500',
   lambda c: {k: '{:,.2f}'.format(float(v) * 10000) for k, v in amounts(c) if float(v) > 0}, 'read', 'rate is unit-free; total must stay 93.52 (a unit warning is allowed)'),
 V('amt_fullwidth', 'L', 'amounts typed with full-width digits １７.１５ (text)',
   lambda c: {k: fw(v) for k, v in amounts(c)}, 'read', 'SPEC: full-width digits normalised'),
 V('amt_trailing_newline', 'S', 'amounts typed with trailing space + newline "14 \\n"',
   lambda c: {k: v + ' \n' for k, v in amounts(c)}, 'read', 'stray spaces/line breaks'),
 V('amt_apostrophe', 'C', "amounts typed with a leading apostrophe '161.05 (number stored as text)",
   lambda c: {k: "'" + v for k, v in amounts(c)}, 'read', 'numbers stored as text'),
 V('act_pct_plain', 'S', 'percent actuals typed 100% instead of 100.00(%)',
   lambda c: {k: plainpct(v) for k, v in pct_actuals(c)}, 'read', ''),
 V('act_pct_fraction', 'C', 'percent actuals typed as fractions: 1 for 100%, 0.98 for 98%',
   lambda c: {k: num(str(float(v[:-3]) / 100)) for k, v in pct_actuals(c)}, 'read_or_flag', 'ambiguous; must not silently lower scores'),
 V('act_pct_space', 'S', 'percent actuals typed "100 %" (space before %)',
   lambda c: {k: num(v[:-3]) + ' %' for k, v in pct_actuals(c)}, 'read', ''),
 V('act_pct_fullwidth', 'C', 'percent actuals typed 100％ / 98％ (full-width percent sign)',
   lambda c: {k: num(v[:-3]) + '％' for k, v in pct_actuals(c)}, 'read', ''),
 V('act_pct_nounit', 'L', 'percent actuals typed as bare numbers 100 / 90 (unit left off)',
   lambda c: {k: num(v[:-3]) for k, v in pct_actuals(c)}, 'read', 'a unit warning is allowed; total unchanged'),
 V('tgt_ascii', 'S', 'targets typed with ASCII operators >=90% / =100%',
   lambda c: {k: tgt_ascii(v) for k, v in q_targets(c)}, 'read', 'RULES 2.3'),
 V('tgt_words', 'L', 'targets typed in words 不低于90% / 不高于55人 / 100%',
   lambda c: {k: tgt_words(v) for k, v in q_targets(c)}, 'read', 'common in published forms'),
 V('tgt_yishang', 'S', 'targets typed as 90%以上 / 100% (suffix operator)',
   lambda c: {k: tgt_yishang(v) for k, v in q_targets(c)}, 'read', ''),
 V('tgt_spaced', 'L', 'targets typed with spaces ≥ 90 % / ≤ 55 人',
   lambda c: {k: tgt_spaced(v) for k, v in q_targets(c)}, 'read', ''),
 V('tgt_fullwidth', 'C', 'targets typed full-width ≥６．００（个） / ＝１００（％）',
   lambda c: {k: fw(v).replace('=', '＝') for k, v in q_targets(c)}, 'read', 'SPEC example ≥１００（％）'),
 V('tgt_bare_unit', 'C', 'targets typed with bare units ≥6个 / =100% (no brackets)',
   lambda c: {k: tgt_bare(v) for k, v in q_targets(c)}, 'read', 'published forms: 科目调整次数≤10次'),
 V('act_qual_yiwancheng', 'C', 'qualitative actuals typed 已完成 instead of 达成指标',
   lambda c: {k: '已完成' for k, v in qual_actuals(c)}, 'read', 'RULES 2.3 lists 已完成'),
 V('act_qual_wancheng_dacheng', 'L', 'qualitative actuals typed 完成 / 达成 alternately',
   lambda c: {k: ('完成' if i % 2 == 0 else '达成') for i, (k, v) in enumerate(qual_actuals(c))}, 'read', 'RULES 2.3'),
 V('act_unit_bare', 'C', 'unit actuals typed 12个 / 5个 / 103条 (no brackets, no decimals)',
   lambda c: {k: num(v.split('(')[0]) + v.split('(')[1][:-1] for k, v in unit_actuals(c)}, 'read', ''),
 V('act_cn_numerals', 'C', 'unit actuals typed in Chinese numerals 十二个 / 五个 / 一百零三条',
   lambda c: {k: CN[int(float(v.split('(')[0]))] + v.split('(')[1][:-1] for k, v in unit_actuals(c)}, 'read_or_flag', 'must not silently score as 0'),
 V('score_fen', 'L', 'scores typed with 分: 16分, 10分 (text in 0.00 cells)',
   lambda c: {k: v + '分' for k, v in rows_where(c, 'G', lambda v: True)}, 'read', 'L has 16 of 20: ignoring it would give 97.52'),
 V('score_fullwidth', 'L', 'scores typed full-width １６ / １０',
   lambda c: {k: fw(v) for k, v in rows_where(c, 'G', lambda v: True)}, 'read', ''),
 V('weight_fen', 'S', 'weights (分值) typed with 分: 20分, 10分',
   lambda c: {k: v + '分' for k, v in rows_where(c, 'F', lambda v: True)}, 'read', ''),
 V('score_apostrophe', 'L', "scores typed with a leading apostrophe '16",
   lambda c: {k: "'" + v for k, v in rows_where(c, 'G', lambda v: True)}, 'read', ''),
 V('nbsp_copied', 'S', 'targets and actuals pasted with non-breaking spaces: ≥90\\u00a0(%) / 100.00\\u00a0(%) / 达成指标\\u00a0',
   lambda c: dict([(k, v.replace('(', '\u00a0(')) for k, v in q_targets(c)] + [(k, v.replace('(', '\u00a0(')) for k, v in pct_actuals(c)] + [(k, v + '\u00a0') for k, v in qual_actuals(c)]), 'read', ''),
 V('zero_width', 'C', 'targets and actuals with zero-width space/BOM: \\u200b≥6.00(个) / 12.00(个)\\ufeff',
   lambda c: dict([(k, '\u200b' + v) for k, v in q_targets(c)] + [(k, v + '\ufeff') for k, v in rows_where(c, 'E', lambda v: True)]), 'read', ''),
 V('text_apostrophe', 'S', "targets typed with a leading apostrophe '≥90(%) in Text cells (LO keeps the apostrophe as a character)",
   lambda c: {k: "'" + v for k, v in q_targets(c)}, 'read', ''),
 V('trailing_ws_text', 'L', 'targets/actuals with trailing space and newline "≤55(人) \\n"',
   lambda c: dict([(k, v + ' \n') for k, v in q_targets(c)] + [(k, v + '\n') for k, v in rows_where(c, 'E', lambda v: True)]), 'read', ''),
 V('reason_wrong_row', 'L', 'the 16-of-20 reason typed into H16 (next row) instead of H15',
   lambda c: {'H15': '', 'H16': c['H15']}, 'flag', 'row 15 has a deduction without reason: finding on G15/H15'),
 V('reason_in_actual', 'L', 'the reason appended to the actual cell: E15 = "40人，驻外办实际配备人数为40人…", H15 blank',
   lambda c: {'H15': '', 'E15': '40人，' + c['H15']}, 'flag', 'finding on row 15'),
 V('act_approx', 'S', 'percent actuals typed 约100%',
   lambda c: {k: '约' + plainpct(v) for k, v in pct_actuals(c)}, 'flag', 'SPEC bad input: 约100 gets a clear message'),
]

def main():
    import drive
    so, desk, disp = drive.start('/tmp/typing3-prof')
    manifest = {'seeds': {s: {'file': SEEDS[s], 'total': SEEDTOTAL[s][0], 'grade': SEEDTOTAL[s][1]} for s in SEEDS},
                'rule': 'read: total and grade equal the seed, no error finding; flag: a finding (error/warning) on a changed cell or its row, and no grade given silently from a different total; read_or_flag: either',
                'note': 'All cells typed via .uno:EnterString into a fresh `sv template --kind mof2020 --year 2024` (headless LO does not enforce stop-style validation, so texts in number cells behave like a paste)',
                'variants': []}
    held_all = {}
    try:
        for s, seed in SEEDS.items():
            cells = canonical(seed)
            held_all['canon-' + s] = drive.type_file(desk, disp, HERE + '/blank.xlsx', HERE + '/files/canon-%s.xlsx' % s, '自评表', list(cells.items()))
        for i, v in enumerate(VARIANTS):
            cells = canonical(SEEDS[v['seed']])
            change = v['fn'](cells)
            typed = dict(cells); typed.update(change)
            name = 'v%02d-%s-%s' % (i + 1, v['seed'], v['id'])
            order = [(k, t) for k, t in typed.items() if t != '']
            held = drive.type_file(desk, disp, HERE + '/blank.xlsx', HERE + '/files/%s.xlsx' % name, '自评表', order)
            held_all[name] = {k: held.get(k) for k in change}
            manifest['variants'].append(dict(variant=name, id=v['id'], half='A' if i % 2 == 0 else 'B', seed=SEEDS[v['seed']],
                typed_as=v['kind'], changed={k: {'canonical': cells.get(k, ''), 'typed': t} for k, t in change.items()},
                expected=v['expect'], expected_total=SEEDTOTAL[v['seed']][0], expected_grade=SEEDTOTAL[v['seed']][1], why=v['note']))
            print(name, len(change), flush=True)
    finally:
        desk.terminate()
    json.dump(manifest, open(HERE + '/manifest.json', 'w'), ensure_ascii=False, indent=1)
    json.dump(held_all, open(os.path.join(HERE, 'held.json'), 'w'), ensure_ascii=False, indent=1)

if __name__ == '__main__':
    main()
