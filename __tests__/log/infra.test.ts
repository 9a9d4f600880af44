// Infrastructure before compile: real captures of a network reset, a registry's 503, a host that does not
// resolve and a missing docker daemon (__tests__/fixtures/infra/capture.sh). The infrastructure line is the
// first finding and heads the verdict, whatever tool printed it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { infra, infraLayer } from '../../src/log/extractors/infra.js';
import { parseLog } from '../../src/log/read.js';
import { builtinRules } from '../../src/rules/load.js';
import type { Report } from '../../src/types.js';

const CAPTURES = join(import.meta.dirname, '..', 'fixtures', 'infra', 'captures');
const rules = builtinRules();
const read = (name: string) => readFileSync(join(CAPTURES, name), 'utf8');
const analyse = (name: string): Report => runAnalysis({ logText: read(name), rules });

describe('infrastructure failures of captured logs', () => {
  test('curl reset by its peer: the network, first, heading the verdict', () => {
    const r = analyse('net-reset.log');
    // curl's line, shown down to the runner's closer below it
    expect(r.findings[0]).toMatchObject({ kind: 'infra', logLines: [11, 12] });
    expect(r.findings[0].message).toBe('curl: (56) Recv failure: Connection reset by peer');
    expect(r.verdict.origin).toBe('infrastructure');
    expect(r.verdict.category).toBe('network');
    expect(r.verdict.summary).toBe(
      'infrastructure: the network dropped or timed out (Network connection reset or timed out: curl: (56) Recv failure: Connection reset by peer) — rerun',
    );
  });

  test("npm's ECONNRESET: npm's own finding becomes the infrastructure finding, not a dependency error", () => {
    const r = analyse('npm-reset.log');
    const top = r.findings[0];
    expect(top.kind).toBe('infra');
    expect(top.logLines[0]).toBeLessThanOrEqual(8);
    expect(top.logLines[1]).toBeGreaterThanOrEqual(8); // `request to … failed, reason: read ECONNRESET`
    expect(r.verdict.origin).toBe('infrastructure');
    expect(r.verdict.category).toBe('network');
    expect(r.verdict.summary).toMatch(/^infrastructure: the network dropped or timed out/);
  });

  test("a server's 503: the server's answer, not the exit line", () => {
    const r = analyse('http-503.log');
    expect(r.findings[0]).toMatchObject({ kind: 'infra', logLines: [5, 6] });
    expect(r.verdict.summary).toBe(
      'infrastructure: a server (registry, download) answered with an error (curl: (22) The requested URL returned error: 503) — rerun',
    );
    expect(r.verdict.category).toBe('network');
  });

  test('a host that does not resolve (Travis): git’s line, heading the verdict', () => {
    const r = analyse('dns.log');
    expect(r.findings[0]).toMatchObject({ kind: 'infra', logLines: [3, 3] });
    expect(r.verdict.origin).toBe('infrastructure');
    expect(r.verdict.summary).toMatch(
      /^infrastructure: the network dropped or timed out while fetching a repository \(Host name could not be resolved: fatal: unable to access/,
    );
  });

  test('no docker daemon: the docker layer', () => {
    const r = analyse('docker.log');
    expect(r.findings[0]).toMatchObject({ kind: 'infra', logLines: [5, 6] });
    expect(r.verdict.origin).toBe('infrastructure');
    expect(r.verdict.summary).toMatch(/^infrastructure: the docker daemon failed \(Cannot connect/);
  });

  test('a step that succeeded before the failing one is not a finding', () => {
    const r = analyse('net-reset.log');
    expect(r.findings.some((f) => f.logLines[0] <= 6 && f.logLines[1] >= 5)).toBe(false);
  });
});

describe('the infra extractor on its own', () => {
  test('names the layer of each captured line', () => {
    const layers = ['net-reset.log', 'http-503.log', 'dns.log', 'docker.log'].map((name) =>
      infra.extract(parseLog(read(name)).lines, parseLog(read(name))).map((f) => f.code),
    );
    expect(layers).toEqual([['network'], ['server'], ['network'], ['docker']]);
  });

  test('lines that carry no failure: a retry notice, a passing line, an address', () => {
    expect(infraLayer('ok   example/internal/price')).toBeUndefined();
    expect(infraLayer('compiling 3 packages')).toBeUndefined();
    const doc = parseLog(read('npm-reset.log'));
    // npm's advice lines (`This is a problem related to network connectivity.`) name no layer
    expect(infraLayer(doc.lines[8].text)).toBeUndefined();
  });
});
