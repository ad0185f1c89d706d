import { describe, it, expect } from 'vitest';
import { tokenize } from '../text/tokenize.js';
import { CentroidIndex } from './centroid-index.js';
import { Grouper } from './grouper.js';
import { DEFAULT_RECLUSTER_OPTIONS, recluster, type ReclusterItem } from './recluster.js';
import { type TermVector, Vocabulary, countTerms, vectorize } from './term-vector.js';

/** A unit vector over the given terms with the given raw weights. */
function unit(entries: Record<string, number>): TermVector {
  const pairs = Object.entries(entries).sort((a, b) => b[1] - a[1]);
  const norm = Math.sqrt(pairs.reduce((acc, [, w]) => acc + w * w, 0));
  return { terms: pairs.map(([t]) => t), weights: Float64Array.from(pairs, ([, w]) => w / norm) };
}

function recomputedNorm(sum: ReadonlyMap<string, number>): number {
  return Math.sqrt([...sum.values()].reduce((acc, w) => acc + w * w, 0));
}

describe('CentroidIndex', () => {
  it('finds the most similar of several issues, best first', () => {
    const index = new CentroidIndex();
    index.put(
      'refund',
      [
        ['refund', 1],
        ['late', 0.2],
      ],
      1,
      true,
    );
    index.put(
      'login',
      [
        ['login', 1],
        ['app', 0.5],
      ],
      1,
      true,
    );
    index.put(
      'delivery',
      [
        ['parcel', 1],
        ['late', 1],
      ],
      1,
      true,
    );
    const matches = index.nearest(unit({ parcel: 1, late: 0.8 }), 3);
    expect(matches.map((m) => m.issueId)).toEqual(['delivery', 'refund']);
    expect(matches[0]!.similarity).toBeGreaterThan(matches[1]!.similarity);
    expect(matches[0]!.similarity).toBeLessThanOrEqual(1 + 1e-9);
    expect(index.nearest(unit({ login: 1 }))).toEqual([
      { issueId: 'login', similarity: expect.closeTo(1 / Math.sqrt(1.25), 9) as number },
    ]);
  });

  it('never returns a closed issue, even a perfect match', () => {
    const index = new CentroidIndex();
    index.put('closed', [['refund', 1]], 5, false);
    index.put(
      'open',
      [
        ['refund', 0.1],
        ['other', 1],
      ],
      1,
      true,
    );
    const matches = index.nearest(unit({ refund: 1 }), 10);
    expect(matches.map((m) => m.issueId)).toEqual(['open']);
    expect(index.nearest(unit({ nothing: 1 }), 10)).toEqual([]);
  });

  it('absorb keeps size and norm consistent with a recomputed norm', () => {
    const index = new CentroidIndex();
    index.put('a', [], 0, true);
    const members = [
      unit({ x: 1, y: 2 }),
      unit({ y: 1, z: 3 }),
      unit({ x: 2, z: 1, w: 1 }),
      unit({ y: 1 }),
    ];
    members.forEach((vector, k) => {
      index.absorb('a', vector);
      const centroid = index.get('a')!;
      expect(centroid.size).toBe(k + 1);
      expect(centroid.norm).toBeCloseTo(recomputedNorm(centroid.sum), 9);
    });
    expect([...index.get('a')!.sum.keys()].sort()).toEqual(['w', 'x', 'y', 'z']);
    expect(() => index.absorb('missing', unit({ x: 1 }))).toThrow();
  });

  it('remove drops the postings, and put replaces the old terms', () => {
    const index = new CentroidIndex();
    index.put('a', [['refund', 1]], 1, true);
    index.put('b', [['login', 1]], 1, true);
    index.remove('a');
    expect(index.get('a')).toBeUndefined();
    expect(index.size).toBe(1);
    expect(index.nearest(unit({ refund: 1 }), 10)).toEqual([]);
    index.put('b', [['parcel', 1]], 1, true);
    expect(index.nearest(unit({ login: 1 }), 10)).toEqual([]);
    expect(index.nearest(unit({ parcel: 1 }))[0]?.issueId).toBe('b');
  });

  it('the single nearest is the head of the ranked list, ties to the lower id, search after search', () => {
    const index = new CentroidIndex();
    index.put(
      'c',
      [
        ['refund', 2],
        ['late', 1],
      ],
      2,
      true,
    );
    index.put(
      'b',
      [
        ['refund', 2],
        ['late', 1],
      ],
      2,
      true,
    );
    index.put(
      'a',
      [
        ['refund', 1],
        ['parcel', 3],
      ],
      2,
      true,
    );
    index.put('closed', [['refund', 9]], 9, false);
    const query = unit({ refund: 2, late: 1 });
    const ranked = index.nearest(query, 10);
    expect(ranked.map((m) => m.issueId)).toEqual(['b', 'c', 'a']);
    expect(ranked[0]?.similarity).toBeCloseTo(1, 9);
    // A second search must not see the first one's partial products.
    expect(index.nearest(query)).toEqual([ranked[0]]);
    expect(index.nearest(unit({ parcel: 1 }))).toEqual([
      { issueId: 'a', similarity: 3 / Math.sqrt(10) },
    ]);
  });
});

function makeGrouper(): Grouper {
  let next = 0;
  return new Grouper(new Vocabulary(), new CentroidIndex(), () => `iss_${++next}`);
}

function assignText(grouper: Grouper, text: string, chosenIssueId?: string) {
  const counts = countTerms(tokenize(text));
  grouper.observe([{ counts }]);
  return grouper.assign({ counts, chosenIssueId });
}

describe('Grouper', () => {
  it('puts a near-duplicate in the same issue and a different topic in a new one', () => {
    const grouper = makeGrouper();
    const first = assignText(grouper, 'my parcel arrived three days late');
    expect(first).toMatchObject({ created: true, by: 'new' });
    const again = assignText(grouper, 'the parcel arrived late, three days');
    expect(again).toMatchObject({ issueId: first.issueId, created: false, by: 'similarity' });
    expect(again.similarity).toBeGreaterThan(0.25);
    const other = assignText(grouper, 'cannot log in to the mobile banking app');
    expect(other.created).toBe(true);
    expect(other.issueId).not.toBe(first.issueId);
    expect(grouper.index.get(first.issueId)?.size).toBe(2);
  });

  it("honours the agent's chosen issue even for an unrelated text", () => {
    const grouper = makeGrouper();
    const parcel = assignText(grouper, 'my parcel arrived three days late');
    assignText(grouper, 'cannot log in to the mobile banking app');
    const chosen = assignText(grouper, 'refund still missing after two weeks', parcel.issueId);
    expect(chosen).toMatchObject({ issueId: parcel.issueId, created: false, by: 'agent' });
  });

  it('follows redirects from a merged issue to the live one', () => {
    const grouper = makeGrouper();
    const live = assignText(grouper, 'my parcel arrived three days late');
    grouper.redirects.set('iss_old', 'iss_middle');
    grouper.redirects.set('iss_middle', live.issueId);
    expect(grouper.resolve('iss_old')).toBe(live.issueId);
    const chosen = assignText(grouper, 'the card reader is broken', 'iss_old');
    expect(chosen).toMatchObject({ issueId: live.issueId, by: 'agent' });
  });

  it('falls back to similarity when the chosen id is unknown', () => {
    const grouper = makeGrouper();
    const parcel = assignText(grouper, 'my parcel arrived three days late');
    expect(grouper.resolve('iss_nope')).toBeUndefined();
    const near = assignText(grouper, 'parcel arrived late by three days', 'iss_nope');
    expect(near).toMatchObject({ issueId: parcel.issueId, by: 'similarity' });
    const far = assignText(grouper, 'cannot log in to the mobile banking app', 'iss_nope');
    expect(far).toMatchObject({ created: true, by: 'new' });
    expect(grouper.index.get('iss_nope')).toBeUndefined();
  });
});

function vectors(texts: Record<string, string>): Map<string, TermVector> {
  const vocabulary = new Vocabulary();
  const counts = new Map(
    Object.entries(texts).map(([id, text]) => [id, countTerms(tokenize(text))]),
  );
  for (const c of counts.values()) vocabulary.observe(c.keys());
  return new Map([...counts].map(([id, c]) => [id, vectorize(c, vocabulary)]));
}

/** Ten intents of four paraphrases each, six English and four Chinese: enough topics that chance agreement is low. */
const PARAPHRASES: Record<string, string[]> = {
  parcel: [
    'my parcel arrived three days late',
    'parcel arrived late again',
    'the parcel was late, arrived days after the promised date',
    'late parcel, arrived a week after ordering',
  ],
  login: [
    'cannot log in to the app',
    'the app will not let me log in',
    'log in fails on the app every time',
    'app log in broken, cannot get in',
  ],
  card: [
    'my card was declined at the shop',
    'card declined when paying in store',
    'the shop declined my card twice',
    'card keeps getting declined at checkout',
  ],
  password: [
    'password reset email never arrives',
    'no password reset email received',
    'reset password email not coming through',
    'I never got the email to reset my password',
  ],
  fee: [
    'charged a fee I did not expect',
    'unexpected monthly fee on my account',
    'why was I charged this fee',
    'a fee appeared on my statement without warning',
  ],
  topup: [
    'top up failed but money was taken',
    'my top up did not go through',
    'top up not working, balance unchanged',
    'tried to top up and it failed',
  ],
  refund: ['退款还没到账', '退款一直没有到账', '申请退款两周了还没到账', '退款什么时候到账'],
  crash: ['app打开就闪退', '一打开app就闪退', 'app老是闪退', '手机app闪退打不开'],
  parcelZh: ['快递三天了还没到', '快递一直没收到', '快递到哪里了还没送到', '我的快递怎么还没到'],
  passwordZh: ['密码忘了怎么重置', '重置密码收不到验证码', '忘记密码无法重置', '密码重置失败'],
};

describe('recluster', () => {
  it('keeps pinned items under their issue id and never merges two pinned issues', () => {
    const v = vectors({
      a1: 'my parcel arrived late',
      a2: 'parcel arrived late',
      b1: 'my parcel arrived late',
      b2: 'parcel arrived late again',
      f: 'the parcel arrived late',
    });
    const items: ReclusterItem[] = [
      { id: 'a1', vector: v.get('a1')!, pinnedIssueId: 'iss_A' },
      { id: 'a2', vector: v.get('a2')!, pinnedIssueId: 'iss_A' },
      { id: 'b1', vector: v.get('b1')!, pinnedIssueId: 'iss_B' },
      { id: 'b2', vector: v.get('b2')!, pinnedIssueId: 'iss_B' },
      { id: 'f', vector: v.get('f')! },
    ];
    const result = recluster(items);
    expect(result.get('a1')).toBe('iss_A');
    expect(result.get('a2')).toBe('iss_A');
    expect(result.get('b1')).toBe('iss_B');
    expect(result.get('b2')).toBe('iss_B');
    // The free look-alike joins one of them rather than opening a cluster of its own.
    expect(['iss_A', 'iss_B']).toContain(result.get('f'));
  });

  it('keeps the pinned id when a larger free micro-cluster merges with a pinned item', () => {
    const texts: Record<string, string> = {
      pinned: 'a fee appeared on my statement without warning',
    };
    ['', ' again', ' today'].forEach(
      (tail, k) => (texts[`free${k}`] = `unexpected fee on my statement${tail}`),
    );
    for (const [topic, list] of Object.entries(PARAPHRASES))
      if (topic !== 'fee') list.forEach((t, k) => (texts[`${topic}${k}`] = t));
    const v = vectors(texts);
    for (const order of [1, -1]) {
      const items = [...v]
        .map(([id, vector]): ReclusterItem => ({
          id,
          vector,
          ...(id === 'pinned' ? { pinnedIssueId: 'iss_fee' } : {}),
        }))
        .sort((a, b) => order * (a.id < b.id ? -1 : 1));
      const result = recluster(items, { ...DEFAULT_RECLUSTER_OPTIONS, refineRounds: 0 });
      expect(result.get('pinned')).toBe('iss_fee');
    }
  });

  it("leaves an analyst's curated issue exactly as it is: it takes nothing in", () => {
    // One curated issue about blocked cards; a free topic shares "card" with it.
    const curated = Array.from({ length: 6 }, (_, i): ReclusterItem => ({
      id: `c${i}`,
      vector: unit({ card: 1, blocked: 1, [`c-${i}`]: 0.3 }),
      pinnedIssueId: 'iss_curated',
      curated: true,
    }));
    const free = Array.from({ length: 6 }, (_, i): ReclusterItem => ({
      id: `f${i}`,
      vector: unit({ card: 1, delivery: 1, [`f-${i}`]: 0.3 }),
    }));
    // Thresholds so low that average-link would merge the two topics.
    const chaining = { ...DEFAULT_RECLUSTER_OPTIONS, mergeOverChance: 0, mergeFloor: 0 };
    const result = recluster([...curated, ...free], chaining);
    expect(curated.every((item) => result.get(item.id) === 'iss_curated')).toBe(true);
    const freeKeys = new Set(free.map((item) => result.get(item.id)));
    expect(freeKeys.size).toBe(1);
    expect(freeKeys.has('iss_curated')).toBe(false);
    // Pinned by agents' "heard again" but not curated, the same issue does take the free topic in.
    const heardAgain = recluster(
      [...curated.map((item) => ({ ...item, curated: false })), ...free],
      chaining,
    );
    expect(heardAgain.get('f0')).toBe('iss_curated');
  });

  it('cuts a chained mixture of two topics in two, and leaves one topic whole', () => {
    // Two topics sharing "card": every item is 0.80 like its own topic and 0.40 like the other.
    const topic = (word: string, n: number): ReclusterItem[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${word}${i}`,
        vector: unit({ card: 1, [word]: 1, [`${word}-${i}`]: 0.7 }),
      }));
    const mixture = [...topic('virtual', 20), ...topic('delivery', 20)];
    // Thresholds so low that average-link chains everything sharing a word into one cluster.
    const chaining = { ...DEFAULT_RECLUSTER_OPTIONS, mergeOverChance: 0, mergeFloor: 0 };
    const keysOf = (result: Map<string, string>, prefix: string) =>
      new Set([...result].filter(([id]) => id.startsWith(prefix)).map(([, key]) => key));
    const unsplit = recluster(mixture, { ...chaining, splitMinSize: Infinity });
    expect(new Set(unsplit.values()).size).toBe(1);
    const split = recluster(mixture, chaining);
    expect(keysOf(split, 'virtual').size).toBe(1);
    expect(keysOf(split, 'delivery').size).toBe(1);
    expect(new Set(split.values()).size).toBe(2);
    // Forty items of one topic: its halves are as alike as the whole, so it stays one cluster.
    expect(new Set(recluster(topic('virtual', 40), chaining).values()).size).toBe(1);
  });

  it('brings obvious paraphrases together and keeps the topics apart', () => {
    const texts: Record<string, string> = {};
    for (const [topic, list] of Object.entries(PARAPHRASES))
      list.forEach((t, k) => (texts[`${topic}${k}`] = t));
    const v = vectors(texts);
    const result = recluster([...v].map(([id, vector]) => ({ id, vector })));
    const keyOf = (topic: string) =>
      new Set(PARAPHRASES[topic]!.map((_, k) => result.get(`${topic}${k}`)));
    for (const topic of Object.keys(PARAPHRASES)) expect(keyOf(topic).size).toBe(1);
    const keys = Object.keys(PARAPHRASES).map((topic) => [...keyOf(topic)][0]);
    expect(new Set(keys).size).toBe(Object.keys(PARAPHRASES).length);
  });
});
