"""Batch 2: sh2019-kunming typing variants (manifest appended before the first run)."""
import json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.join(HERE, 'uno'), os.path.join(HERE, '..', 'uno')]
sys.argv = ['x']
DATA = os.path.join(HERE, '..', '..', '..', '..', 'samples', 'data')
FW = str.maketrans('0123456789.,', '０１２３４５６７８９．，')
def canonical():
    d = json.load(open(os.path.join(DATA, 'sh2019-kunming.json'))); f = d['fields']
    c = {'B2': f['project'], 'E2': f['unit'], 'B3': f['division'], 'E3': f['recurring'], 'B4': f['budget'], 'E4': f['prior_budget'],
         'B5': f['spent'], 'B6': f['goal'], 'B7': f['date'], 'B8': f['performance'], 'B9': f['problems'], 'B10': f['measures']}
    start = {'input': 12, 'output': 18, 'effect': 24, 'impact': 30}; n = {}
    for r in d['rows']:
        g = r['group']; row = start[g] + n.get(g, 0); n[g] = n.get(g, 0) + 1
        cc = r['cells']; c['B%d' % row] = cc['name']; c['C%d' % row] = cc['explanation']; c['D%d' % row] = cc['weight']; c['E%d' % row] = cc['score']
        if cc.get('note'): c['F%d' % row] = cc['note']
    return c
def col(c, L): return [(k, v) for k, v in c.items() if k[0] == L and int(k[1:]) >= 12]
AMT = ['B4', 'E4', 'B5']
VARS = [
 ('amt_yuan_suffix', 'amounts typed with 元 suffix 1,040,000.00元 (text in #,##0.00 cells)', lambda c: {k: c[k] + '元' for k in AMT}, 'read'),
 ('amt_fullwidth', 'amounts typed full-width １，０４０，０００．００', lambda c: {k: c[k].translate(FW) for k in AMT}, 'read'),
 ('score_fen', 'self-scores typed with 分: 6分, 9分', lambda c: {k: v + '分' for k, v in col(c, 'E')}, 'read'),
 ('date_dots', 'date typed 2020.3.31 (text)', lambda c: {'B7': '2020.3.31'}, 'read'),
 ('weight_fullwidth', 'weights typed full-width ６ / １２', lambda c: {k: v.translate(FW) for k, v in col(c, 'D')}, 'read'),
 ('score_apostrophe', "self-scores typed with a leading apostrophe '6", lambda c: {k: "'" + v for k, v in col(c, 'E')}, 'read'),
]
def main():
    import drive
    M = json.load(open(HERE + '/manifest.json'))
    M['seeds']['K'] = {'file': 'sh2019-kunming', 'total': 89, 'grade': '良'}
    held_all = json.load(open(os.path.join(HERE, 'held.json')))
    so, desk, disp = drive.start('/tmp/typing3-prof5')
    try:
        c = canonical()
        held_all['canon-K'] = drive.type_file(desk, disp, HERE + '/blank-sh2019.xlsx', HERE + '/files/canon-K.xlsx', '自评价', list(c.items()))
        for i, (vid, kind, fn, exp) in enumerate(VARS):
            ch = fn(c); t = dict(c); t.update(ch)
            name = 'v%02d-K-%s' % (32 + i, vid)
            held = drive.type_file(desk, disp, HERE + '/blank-sh2019.xlsx', HERE + '/files/%s.xlsx' % name, '自评价', list(t.items()))
            held_all[name] = {k: held.get(k) for k in ch}
            M['variants'].append(dict(variant=name, id=vid, half='A' if (31 + i) % 2 == 0 else 'B', seed='sh2019-kunming', typed_as=kind,
                changed={k: {'canonical': c.get(k, ''), 'typed': v} for k, v in ch.items()}, expected=exp, expected_total=89, expected_grade='良',
                why='batch 2 (sh2019), written before its first run'))
            print(name, M['variants'][-1]['half'])
    finally:
        desk.terminate()
    json.dump(M, open(HERE + '/manifest.json', 'w'), ensure_ascii=False, indent=1)
    json.dump(held_all, open(os.path.join(HERE, 'held.json'), 'w'), ensure_ascii=False, indent=1)
main()
