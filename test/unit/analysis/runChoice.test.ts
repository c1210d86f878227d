import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseRuns, runName } from '../../../src/core/analysis/runChoice';
import { ProbeHistory, probeSummary } from '../../../src/core/analysis/probeHistory';

const runs = [
  { id: '/r/f.length.jsonl', model: 'length' },
  { id: '/r/f.default.jsonl', model: 'default' },
  { id: '/r/f.imported_x.jsonl', model: 'imported:x' },
];

test('without a saved choice the newest model run is current and the length run is its baseline', () => {
  const c = chooseRuns(runs, {});
  assert.equal(c.current?.model, 'default');
  assert.equal(c.second, undefined);
  assert.equal(c.baseline?.model, 'length');
  assert.deepEqual(
    c.ordered.map((r) => r.model),
    ['default', 'length', 'imported:x'],
  );
});

test('a saved current and comparison run come first; a vanished saved run falls back', () => {
  const c = chooseRuns(runs, { current: '/r/f.imported_x.jsonl', second: '/r/f.length.jsonl' });
  assert.deepEqual(
    c.ordered.map((r) => r.model),
    ['imported:x', 'length', 'default'],
  );
  const gone = chooseRuns(runs, { current: '/r/deleted.jsonl', second: '/r/f.default.jsonl' });
  assert.equal(gone.current?.model, 'default');
  assert.equal(gone.second, undefined); // the same run is never compared with itself
});

test('only length runs: the length run is current and has no baseline', () => {
  const c = chooseRuns([runs[0]], {});
  assert.equal(c.current?.model, 'length');
  assert.equal(c.baseline, undefined);
  assert.equal(runName(runs[0], runs), 'length baseline');
  assert.equal(
    runName({ id: '/r/a.jsonl', model: 'm' }, [
      { id: '/r/a.jsonl', model: 'm' },
      { id: '/r/b.jsonl', model: 'm' },
    ]),
    'm (a.jsonl)',
  );
});

test('probe history keeps the newest criteria first, without duplicates, at most the limit', () => {
  const h = new ProbeHistory(3);
  for (const c of ['one', 'two', 'three', 'two', 'four']) h.add(7, { criterion: c });
  assert.deepEqual(
    h.get(7).map((t) => t.criterion),
    ['four', 'two', 'three'],
  );
  assert.deepEqual(h.get(8), []);
});

test('probe summary: no change for a criterion-blind model, a flip named with both verdicts', () => {
  assert.match(probeSummary({ margin: 1.5, verdict: 'A' }, { margin: 1.5, verdict: 'A' }).text, /^no change/);
  const s = probeSummary({ margin: 0.4, verdict: 'A' }, { margin: -0.6, verdict: 'B' });
  assert.equal(s.flipped, true);
  assert.match(s.text, /margin −1\.000 · verdict flipped A → B/);
  assert.match(
    probeSummary({ margin: 0.01, verdict: 'A' }, { margin: 0.01002, verdict: 'A' }).text,
    /^margin \+2\.0e-5 · same verdict$/,
  );
});
