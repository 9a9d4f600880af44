// Repeats grouped: one error printed many times (the same line of one file in ten modules, one assertion
// message in five tests) is ONE finding with a count and its places, so the first screen shows several
// different errors instead of the same one five times. Runs once on the ordered findings (src/core.ts):
// the group takes the place of its first member in the order, the later members are dropped. Pure.
//
// Two findings are repeats when they have the same tool, kind, code and file (or both none) and the same
// message once numbers are masked (src/log/mask.ts). For failing tests the test's own name is taken out
// of the message first (a runner may print `● name › …: message`), so tests that fail with the same
// message group into "3 tests failed" with their names listed. A finding whose masked message is empty
// is never grouped. A bare exception that only reprints a failing test shown before it is dropped.
import type { Finding, FindingPlace, LogSegment } from '../types.js';
import { maskNumbers } from './mask.js';

/** At most this many places are kept per group (the count still says how many there were). */
export const MAX_PLACES = 50;

const isTest = (f: Finding): boolean => !!f.test && (f.kind === 'test-failure' || f.kind === 'assertion');

/** What makes two findings repeats of one another, or undefined when the finding is never grouped. */
export function repeatKey(f: Finding, job = ''): string | undefined {
  if (!f || typeof f.message !== 'string') return undefined;
  const test = isTest(f) ? f.test! : '';
  const message = test && f.message.includes(test) ? f.message.split(test).join(' ') : f.message;
  const masked = maskNumbers(message);
  if (!masked) return undefined;
  return [job, f.tool, f.kind, f.code ?? '', f.file ?? '', test ? 'test' : '', masked].join('\u0000');
}

function placeOf(f: Finding): FindingPlace {
  const p: FindingPlace = { logLines: [f.logLines[0], f.logLines[1]] };
  if (f.line !== undefined) p.line = f.line;
  if (f.column !== undefined) p.column = f.column;
  if (f.test !== undefined) p.test = f.test;
  return p;
}

/**
 * Groups repeated findings (see the top of this file), within one job only (`segments`: the log's job and
 * step segments, Finding.segment indexes them; jobs analysed together each keep their own findings). The input order is kept: each group stands where
 * its first member stood. Findings that repeat nothing are returned as they are; a group is a copy of its
 * first member with `count` and `places` (in log order) set. Does not modify its input.
 */
export function groupRepeats(findings: Finding[], segments: LogSegment[] = []): Finding[] {
  const groups = new Map<string, Finding[]>();
  const order: (Finding | Finding[])[] = [];
  for (const f of findings) {
    const key = repeatKey(f, f.segment === undefined ? '' : (segments[f.segment]?.job ?? ''));
    const g = key === undefined ? undefined : groups.get(key);
    if (g) g.push(f);
    else if (key !== undefined) {
      const fresh = [f];
      groups.set(key, fresh);
      order.push(fresh);
    } else order.push(f);
  }
  return dropTestReprints(order.map((x) => (Array.isArray(x) ? merged(x) : x)));
}

/**
 * A test runner often prints a failure twice, read by two extractors: the failing test (with its name)
 * and the bare exception under it (node --test's inline `✖ name` block and its `failing tests:` summary).
 * A finding with no test whose file, line and masked message are those of a failing test says nothing
 * more: the failing test takes its place in the order (if it stood later) and the bare one is dropped.
 */
function dropTestReprints(findings: Finding[]): Finding[] {
  const keyOf = (f: Finding, line: number | undefined): string | undefined => {
    const masked = typeof f.message === 'string' ? maskNumbers(f.message) : '';
    return f.file && line !== undefined && masked ? `${f.file}\u0000${line}\u0000${masked}` : undefined;
  };
  const placesOf = (f: Finding) => (f.places?.length ? f.places : [placeOf(f)]);
  const testAt = new Map<string, Finding>();
  for (const f of findings)
    if (isTest(f))
      for (const p of placesOf(f)) {
        const k = keyOf(f, p.line);
        if (k && !testAt.has(k)) testAt.set(k, f);
      }
  if (!testAt.size) return findings;
  const out: Finding[] = [];
  const shown = new Set<Finding>();
  for (const f of findings) {
    if (shown.has(f)) continue;
    if (!f.test && f.kind !== 'exit') {
      const tests = placesOf(f).map((p) => testAt.get(keyOf(f, p.line) ?? ''));
      if (tests.every((t) => t)) {
        for (const t of tests)
          if (!shown.has(t!)) {
            shown.add(t!);
            out.push(t!);
          }
        continue;
      }
    }
    shown.add(f);
    out.push(f);
  }
  return out;
}

function merged(members: Finding[]): Finding {
  const first = members[0];
  if (members.length === 1) return first;
  const count = members.reduce((n, f) => n + (f.count ?? 1), 0);
  const places = members
    .flatMap((f) => {
      if (f.places?.length) return f.places;
      const p = placeOf(f);
      // its own numbers (`line too long (118 > 79 characters)`): kept when they differ from the first's
      if (f.message !== first.message) p.message = f.message;
      return [p];
    })
    .sort((a, b) => a.logLines[0] - b.logLines[0] || a.logLines[1] - b.logLines[1])
    .slice(0, MAX_PLACES);
  return { ...first, count, places };
}
