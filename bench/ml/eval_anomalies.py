#!/usr/bin/env python3
"""Quick check of `anomalies --format csv` against a generator labels.csv: per kind, flags that hold a labelled
record of their kind (precision) and labelled events with a record in a flag of their kind (recall)."""
import csv, sys, collections
flags_path, labels_path, year = sys.argv[1], sys.argv[2], sys.argv[3]
labels = {}
events = collections.defaultdict(set)
for r in csv.DictReader(open(labels_path, encoding='utf-8')):
    if r['year'] != year: continue
    labels[r['record_id']] = (r['kind'], r['event'])
    events[r['kind']].add(r['event'])
flags = list(csv.DictReader(open(flags_path, encoding='utf-8')))
by_kind = collections.defaultdict(list)
for f in flags: by_kind[f['kind']].append(f)
for kind in sorted(set(by_kind) | set(events)):
    fl = by_kind.get(kind, [])
    tp = sum(1 for f in fl if any(labels.get(i, ('',))[0] == kind for i in f['record_ids'].split(';')))
    caught = {labels[i][1] for f in fl for i in f['record_ids'].split(';') if labels.get(i, ('',))[0] == kind}
    ev = events.get(kind, set())
    print(f"{kind:20} flags {len(fl):4}  precision {tp}/{len(fl)}  recall {len(caught)}/{len(ev)}")
