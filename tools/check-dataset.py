#!/usr/bin/env python3
"""Quick consistency check of cypher/data/ipemed/*.json while authoring (the Java tests are the gate)."""
import json, re, sys, glob, os, unicodedata
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
src = os.path.join(root, '..', 'shared', 'sources', 'ipemed-coproduction-mediterranean.txt')
text = re.sub(r'\s+', ' ', open(src, encoding='utf-8').read())
NODE_TYPES = {'Company','JointVenture','Brand','Site','Institution','Programme','Cluster','Country','Region','Sector','Person'}
REL_TYPES = {'SUBSIDIARY_OF','OWNS_STAKE_IN','ACQUIRED','PARTY_TO','SUPPLIES','CUSTOMER_OF','PARTNER_OF','BRAND_OF','SITE_OF',
             'LOCATED_IN','OPERATES_IN','INSTALLED_IN','ORIGINATES_FROM','IN_SECTOR','MEMBER_OF','TRAINS_FOR','FUNDED_BY',
             'SUPPORTED_BY','CREATED_BY','POSSIBLY_SAME_AS'}
errors = []
nodes = {}
rels = []
def norm(s):
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', ' ', s).strip()
def chk_quotes(where, qs, required=True):
    if required and not qs: errors.append(f'{where}: no quote')
    for q in qs or []:
        t = re.sub(r'\s+', ' ', q.get('quote', '')).strip()
        if not t: errors.append(f'{where}: empty quote')
        elif len(t) > 300: errors.append(f'{where}: quote over 300 chars')
        elif t not in text: errors.append(f'{where}: quote not in report: {t[:90]!r}')
files = sorted(glob.glob(os.path.join(root, 'cypher', 'data', 'ipemed', '*.json')))
for f in files:
    d = json.load(open(f, encoding='utf-8'))
    fn = os.path.basename(f)
    for n in d.get('nodes', []):
        w = f"{fn} node {n.get('id')}"
        if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', n.get('id', '')): errors.append(f'{w}: bad id')
        if n.get('type') not in NODE_TYPES: errors.append(f'{w}: bad type {n.get("type")}')
        if not n.get('name'): errors.append(f'{w}: no name')
        chk_quotes(w, n.get('quotes'))
        for fa in n.get('facts', []):
            if not isinstance(fa.get('value'), (int, float)): errors.append(f'{w}: fact {fa.get("property")} value not a number')
            chk_quotes(w + ' fact ' + str(fa.get('property')), [fa])
        for a in n.get('annex', []):
            if a.get('table') not in ('north', 'south'): errors.append(f'{w}: bad annex table')
            chk_quotes(w + ' annex row', [{'quote': a.get('row', '')}])
        prev = nodes.get(n['id'])
        if prev and prev['type'] != n['type']: errors.append(f'{w}: type differs from {prev["_file"]}')
        if not prev: nodes[n['id']] = dict(n, _file=fn)
    for r in d.get('relationships', []):
        rels.append((fn, r))
for fn, r in rels:
    w = f"{fn} rel {r.get('source')}-{r.get('type')}->{r.get('target')}"
    if r.get('type') not in REL_TYPES: errors.append(f'{w}: bad type')
    for e in ('source', 'target'):
        if r.get(e) not in nodes: errors.append(f'{w}: unknown {e}')
    if r.get('inferred') and not r.get('reason'): errors.append(f'{w}: inferred without reason')
    if r.get('share') is not None and not (0 < r['share'] <= 1): errors.append(f'{w}: share not a fraction')
    chk_quotes(w, r.get('quotes'))
# normalised names must be unique unless linked as possibly the same
same = {frozenset((r['source'], r['target'])) for _, r in rels if r.get('type') == 'POSSIBLY_SAME_AS'}
byname = {}
for n in nodes.values():
    byname.setdefault(norm(n['name']), []).append(n['id'])
for k, ids in byname.items():
    if len(ids) > 1 and not all(frozenset((a, b)) in same for i, a in enumerate(ids) for b in ids[i+1:]):
        errors.append(f'normalised name {k!r} shared by {ids} without POSSIBLY_SAME_AS')
from collections import Counter
print('files:', [os.path.basename(f) for f in files])
print('nodes by type:', dict(Counter(n['type'] for n in nodes.values())))
print('rels by type:', dict(Counter(r['type'] for _, r in rels)))
print(f'{len(errors)} errors')
for e in errors[:200]: print(' -', e)
sys.exit(1 if errors else 0)
