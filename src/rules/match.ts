// Matches rules against the normalised lines of a log in one pass, in linear time:
// - every pattern runs on re2js (no catastrophic backtracking, whatever the pattern);
// - a pattern only runs on lines that contain one of its required literals (see regex.ts);
// - ordered multi-line sequences advance a small state machine per line (O(lines × steps)).
import type { LogDocument, LogLine, PatternMatch, Rule } from '../types.js';
import { cleanCapture, fillHint } from './hint.js';
import { compilePattern, lazyPattern, PatternError, type CompiledPattern } from './regex.js';
import { DEFAULT_WITHIN, validatedRules } from './validate.js';

/** The most rules reported for one log (each rule once, at its first occurrence). */
export const MAX_PATTERN_MATCHES = 50;
/** Lines are matched on their first this-many characters only (minified bundles can be megabytes long). */
export const MAX_LINE_LENGTH = 64 * 1024;
/**
 * Time one rule may spend matching in one analysis. re2js is linear, but in the size of the pattern's
 * program times the line's length: `(?:[[:alpha:]]+\s?){1,999}x$` (~5,000 instructions) took ~8 s on one
 * 60 KB line. Past the budget the rule is stopped (its matches so far are kept) and the notes say so.
 */
export const RULE_TIME_BUDGET_MS = 2000;
/**
 * Largest (program instructions × line characters) one test may cost: a longer line is skipped for that
 * rule (and counted in the notes). The built-in rules (at most ~100 instructions) pass on any line of
 * MAX_LINE_LENGTH; a 5,000-instruction pattern reads lines of up to ~1,600 characters.
 */
export const MAX_TEST_WORK = 8 * 1024 * 1024;

interface CompiledRulePattern {
  /** One step for a single-line pattern, two or more for a sequence. */
  steps: CompiledPattern[];
  within: number;
}

interface CompiledRule {
  rule: Rule;
  patterns: CompiledRulePattern[];
}

const cache = new WeakMap<Rule, CompiledRule | null>();

/** Compiles a rule's patterns (cached per Rule object); null when a pattern does not compile. */
export function compileRule(rule: Rule): CompiledRule | null {
  const hit = cache.get(rule);
  if (hit !== undefined) return hit;
  let compiled: CompiledRule | null;
  // A validated rule's patterns compile on first use; a hand-made rule's compile now, so an invalid one
  // is skipped whole.
  const prepare = validatedRules.has(rule) ? lazyPattern : (s: string) => compilePattern(s);
  try {
    compiled = {
      rule,
      patterns: rule.patterns.map((p) => {
        if (p.sequence && p.sequence.length > 0) {
          return { steps: p.sequence.map(prepare), within: p.within ?? DEFAULT_WITHIN };
        }
        return { steps: [prepare(p.regex ?? '')], within: 1 };
      }),
    };
    if (compiled.patterns.length === 0) compiled = null;
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    // Rules from the loader are validated; a hand-made invalid rule is skipped rather than failing the analysis.
    compiled = null;
  }
  cache.set(rule, compiled);
  return compiled;
}

/** One regex to test per line: a single-line pattern or one step of a sequence. */
interface Probe {
  pattern: CompiledPattern;
  rule: number;
  pat: number;
  step: number;
}

/** A RegExp that matches a string containing any of `literals` (undefined when there are none). */
function literalGate(literals: string[]): RegExp | undefined {
  if (literals.length === 0) return undefined;
  return new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Matches `rules` against `doc`: one PatternMatch per matching rule (its first occurrence, with the
 * number of occurrences), ordered by log line, at most MAX_PATTERN_MATCHES. When two rules share an
 * id the later one wins (a user pack overrides a built-in rule). Never throws on log content.
 */
export function matchRules(doc: LogDocument, rules: Rule[]): PatternMatch[] {
  const matcher = new RuleMatcher(rules);
  if (matcher.empty || doc.lines.length === 0) return [];
  for (const line of doc.lines) matcher.push(line);
  return matcher.finish();
}

/**
 * The one-pass matching loop of matchRules, fed one line at a time (lines in increasing `n`, not
 * necessarily contiguous: a streaming reader feeds the lines it keeps). Sequences measure `within` on
 * the lines' `n`. Keeps only the lines of each rule's first match, so memory does not grow with the log.
 */
export class RuleMatcher {
  private readonly compiled: CompiledRule[];
  private readonly probes: Probe[] = [];
  private readonly exactLits: [string, number[]][];
  private readonly foldedLits: [string, number[]][];
  private readonly always: number[] = [];
  private readonly foldedProbes: number[] = [];
  private readonly exactGate: RegExp | undefined;
  private readonly foldedGate: RegExp | undefined;
  private readonly states: StreamRuleState[];
  private readonly seen: Int32Array;
  /** Rules disabled because a lazily compiled pattern did not compile. */
  private readonly dead: Uint8Array;
  private readonly hits: number[] = [];
  /** Milliseconds each rule has spent in its tests. */
  private readonly spent: Float64Array;
  /** Lines each rule skipped (too long for its program: MAX_TEST_WORK). */
  private readonly skippedLines: Int32Array;
  /** Instructions of each probe's program (-1: not known yet). */
  private readonly insts: Int32Array;
  /** Position of the next pushed line (the order of matches). */
  private li = 0;

  constructor(rules: Rule[]) {
    const byId = new Map<string, Rule>();
    for (const r of rules) {
      byId.delete(r.id);
      byId.set(r.id, r);
    }
    this.compiled = [...byId.values()].map(compileRule).filter((c): c is CompiledRule => c !== null);
    // Index the probes by literal so each line is only tested against patterns that can match it.
    const exact = new Map<string, number[]>();
    const folded = new Map<string, number[]>();
    this.compiled.forEach((c, rule) =>
      c.patterns.forEach((p, pat) =>
        p.steps.forEach((pattern, step) => {
          const id = this.probes.push({ pattern, rule, pat, step }) - 1;
          if (pattern.literals.length === 0) {
            this.always.push(id);
            return;
          }
          if (pattern.foldCase) this.foldedProbes.push(id);
          const index = pattern.foldCase ? folded : exact;
          for (const lit of pattern.literals) {
            const list = index.get(lit);
            if (list) list.push(id);
            else index.set(lit, [id]);
          }
        }),
      ),
    );
    this.exactLits = [...exact.entries()];
    this.foldedLits = [...folded.entries()];
    // One pass of V8's engine over a line tells whether ANY literal occurs; most log lines contain none,
    // so the per-literal lookups below run on few lines. An alternation of escaped literals cannot
    // backtrack catastrophically (no nested quantifiers).
    this.exactGate = literalGate(this.exactLits.map(([l]) => l));
    this.foldedGate = literalGate(this.foldedLits.map(([l]) => l));
    this.states = this.compiled.map((c) => ({
      count: 0,
      lastLine: -1,
      sequences: c.patterns.map((p) => (p.steps.length > 1 ? new Array(p.steps.length).fill(undefined) : [])),
    }));
    this.seen = new Int32Array(this.probes.length).fill(-1);
    this.dead = new Uint8Array(this.compiled.length);
    this.spent = new Float64Array(this.compiled.length);
    this.skippedLines = new Int32Array(this.compiled.length);
    this.insts = new Int32Array(this.probes.length).fill(-1);
  }

  /** No rule compiled: nothing can match. */
  get empty(): boolean {
    return this.compiled.length === 0;
  }

  /** True when some pattern has no required literal, so every line must be pushed for exact results. */
  get needsEveryLine(): boolean {
    return this.always.length > 0;
  }

  /** Every required literal of the rules (exact ones, and lower-cased ones to look up case-insensitively). */
  literals(): { exact: string[]; folded: string[] } {
    return { exact: this.exactLits.map(([l]) => l), folded: this.foldedLits.map(([l]) => l) };
  }

  /** Matches the next line. */
  push(line: LogLine): void {
    const li = this.li++;
    if (this.compiled.length === 0) return;
    const raw = line.text;
    if (!raw) return;
    const text = raw.length > MAX_LINE_LENGTH ? raw.slice(0, MAX_LINE_LENGTH) : raw;
    const { seen, probes } = this;
    const candidates: number[] = [];
    const add = (ids: number[]) => {
      for (const id of ids)
        if (seen[id] !== li) {
          seen[id] = li;
          candidates.push(id);
        }
    };
    add(this.always);
    if (this.exactGate?.test(text)) for (const [lit, ids] of this.exactLits) if (text.includes(lit)) add(ids);
    if (this.foldedGate) {
      if (isAscii(text)) {
        const lower = text.toLowerCase();
        if (this.foldedGate.test(lower))
          for (const [lit, ids] of this.foldedLits) if (lower.includes(lit)) add(ids);
      } else {
        // Unicode case folding can map non-ASCII characters onto ASCII letters: no shortcut here.
        add(this.foldedProbes);
      }
    }
    if (candidates.length === 0) return;
    const hits = this.hits;
    hits.length = 0;
    for (const id of candidates) if (this.test(id, text)) hits.push(id);
    if (hits.length === 0) return;
    // Later steps first, so one line never serves two steps of the same sequence.
    hits.sort((a, b) => probes[b].step - probes[a].step);
    const at: Step = { li, line: { n: line.n, text: line.text } };
    for (const id of hits) this.advance(probes[id], at);
  }

  /**
   * Tests one probe; a lazily compiled pattern that fails to compile disables its rule (never throws), a
   * rule past its time budget is stopped (dead 2), a line too long for the program is skipped.
   */
  private test(id: number, text: string): boolean {
    const probe = this.probes[id];
    const rule = probe.rule;
    if (this.dead[rule]) return false;
    try {
      const re = probe.pattern.re;
      if (this.insts[id] < 0) this.insts[id] = programSize(re);
      if (this.insts[id] * text.length > MAX_TEST_WORK) {
        this.skippedLines[rule]++;
        return false;
      }
      const t0 = performance.now();
      const hit = re.test(text);
      if ((this.spent[rule] += performance.now() - t0) > RULE_TIME_BUDGET_MS) this.dead[rule] = 2;
      return hit;
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
      this.dead[rule] = 1;
      return false;
    }
  }

  /** What the time budget did: the rules stopped, the lines skipped (for the report's notes). */
  notes(): string[] {
    const out: string[] = [];
    this.compiled.forEach((c, ri) => {
      if (this.dead[ri] === 2)
        out.push(
          `Rule '${c.rule.id}' was stopped after ${(this.spent[ri] / 1000).toFixed(1)} s of matching (its time budget is ${RULE_TIME_BUDGET_MS / 1000} s): the lines after were not matched against it.`,
        );
      if (this.skippedLines[ri] > 0)
        out.push(
          `Rule '${c.rule.id}' skipped ${this.skippedLines[ri]} line${this.skippedLines[ri] === 1 ? '' : 's'} too long for its pattern (its program × the line's length exceeds the budget of one test).`,
        );
    });
    return out;
  }

  private advance(probe: Probe, at: Step): void {
    const state = this.states[probe.rule];
    const cp = this.compiled[probe.rule].patterns[probe.pat];
    if (cp.steps.length === 1) return complete(state, probe.pat, [at]);
    const seq = state.sequences[probe.pat];
    if (probe.step === 0) {
      seq[0] = [at];
      return;
    }
    const prev = seq[probe.step - 1];
    if (!prev || at.line.n - prev[0].line.n + 1 > cp.within) return;
    const chain = [...prev, at];
    if (probe.step < cp.steps.length - 1) {
      const cur = seq[probe.step];
      if (!cur || cur[0].li <= prev[0].li) seq[probe.step] = chain;
      return;
    }
    seq.fill(undefined);
    complete(state, probe.pat, chain);
  }

  /** The matches so far (see matchRules). */
  finish(): PatternMatch[] {
    const out: (PatternMatch & { order: number })[] = [];
    this.compiled.forEach((c, ri) => {
      const first = this.states[ri].first;
      if (!first || this.dead[ri] === 1) return;
      const steps = c.patterns[first.pat].steps;
      const captures: string[] = [];
      const named: Record<string, string> = {};
      steps.forEach((step, si) => {
        const text = first.lines[si].line.text.slice(0, MAX_LINE_LENGTH);
        const m = step.re.exec(text) as (string | undefined)[] & {
          groups?: Record<string, string | undefined>;
        };
        for (let g = 1; g <= step.groups; g++) captures.push(cleanCapture(m?.[g]));
        for (const [name, value] of Object.entries(m?.groups ?? {})) {
          if (named[name] === undefined || named[name] === '') named[name] = cleanCapture(value);
        }
      });
      const last = first.lines[first.lines.length - 1];
      const match: PatternMatch & { order: number } = {
        order: last.li,
        id: c.rule.id,
        category: c.rule.category,
        title: c.rule.title,
        hint: fillHint(c.rule.hint, captures, named),
        logLines: [first.lines[0].line.n, last.line.n],
        captures,
        occurrences: this.states[ri].count,
      };
      if (c.rule.suspects?.length) match.suspects = [...c.rule.suspects];
      out.push(match);
    });
    out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    return out.slice(0, MAX_PATTERN_MATCHES).map(({ order: _order, ...m }) => m);
  }
}

/** Instructions of a compiled re2js program (0 when re2js does not say: no limit). */
function programSize(re: unknown): number {
  const n = (re as { re2Input?: { prog?: { inst?: unknown[] } } }).re2Input?.prog?.inst?.length;
  return typeof n === 'number' ? n : 0;
}

/** A line that served a step of a match: its push position and its text. */
interface Step {
  li: number;
  line: { n: number; text: string };
}

interface StreamRuleState {
  first?: { pat: number; lines: Step[] };
  count: number;
  /** Position of the last line counted, so a line matching two patterns of a rule counts once. */
  lastLine: number;
  /** Progress of each sequence: for each step, the lines of the partial match ending at that step. */
  sequences: (Step[] | undefined)[][];
}

function complete(state: StreamRuleState, pat: number, chain: Step[]): void {
  const last = chain[chain.length - 1].li;
  if (state.lastLine === last) return;
  state.lastLine = last;
  state.count++;
  if (!state.first) state.first = { pat, lines: chain };
}

/** A LogDocument of plain lines (used to run rule examples). */
export function documentOf(text: string): LogDocument {
  const raw = text.split('\n');
  return {
    format: 'plain',
    lines: raw.map((t, i) => ({ n: i + 1, text: t })),
    segments: [],
    totalLines: raw.length,
  };
}

/**
 * Runs a rule's examples: each `match` example must match, each `noMatch` must not. An example may
 * hold several lines (`\n`) for sequences. Returns one message per failing example (empty: all pass).
 */
export function checkExamples(rule: Rule): string[] {
  const problems: string[] = [];
  const only = [rule];
  (rule.examples?.match ?? []).forEach((ex, i) => {
    if (matchRules(documentOf(ex), only).length === 0)
      problems.push(`example match ${i + 1} does not match: ${JSON.stringify(ex)}`);
  });
  (rule.examples?.noMatch ?? []).forEach((ex, i) => {
    if (matchRules(documentOf(ex), only).length > 0)
      problems.push(`example no_match ${i + 1} matches: ${JSON.stringify(ex)}`);
  });
  return problems;
}
