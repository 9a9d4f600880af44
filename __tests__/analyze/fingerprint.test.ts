import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { builtinRules } from '../../src/rules/load.js';
import { isRealError } from '../../src/analyze/verdict.js';
import {
  failureKey,
  fingerprint,
  jobBase,
  maskMessage,
  matrixGroups,
  matrixValues,
} from '../../src/analyze/fingerprint.js';

const dir = join(process.cwd(), '__tests__/fixtures/memory/captures');
const errorsOf = (name: string) =>
  runAnalysis({ logText: readFileSync(join(dir, name), 'utf8'), rules: builtinRules() }).findings.filter(
    isRealError,
  );

describe('fingerprint', () => {
  // Two real runs of the same failing pytest suite (capture.sh): other runner path, other time, other
  // temporary folder, other object addresses and timings.
  const run1 = errorsOf('gh-pytest-run1.log');
  const run2 = errorsOf('gh-pytest-run2.log');
  // (the pytest extractor names a test by its node id or its function name: the name ends the same)
  const byTest = (fs: typeof run1) =>
    new Map(fs.filter((f) => f.test).map((f) => [f.test!.replace(/^.*::/, ''), f]));

  test('every finding of the report carries one', () => {
    for (const f of run1) expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  test('the same failures in two runs, in two jobs of one matrix, have the same fingerprints', () => {
    const a = byTest(run1);
    const b = byTest(run2);
    const tests = ['test_save_path', 'test_store_identity', 'test_latency', 'test_empty_name'];
    for (const t of tests) {
      expect(a.get(t)).toBeDefined();
      expect(b.get(t)).toBeDefined();
      // the messages differ (addresses, timings, temporary folders) ...
      expect(fingerprint(a.get(t)!, 'test (ubuntu-latest, 3.11)')).toBe(
        fingerprint(b.get(t)!, 'test (ubuntu-latest, 3.12)'),
      );
    }
    expect(a.get(tests[1])!.message).not.toBe(b.get(tests[1])!.message);
  });

  test('different failures, or the same failure in another job, have different fingerprints', () => {
    const fps = new Set(run1.filter((f) => f.test).map((f) => fingerprint(f, 'test')));
    expect(fps.size).toBe(new Set(run1.filter((f) => f.test).map((f) => f.test)).size);
    const f = run1.find((x) => x.test?.endsWith('test_latency'))!;
    expect(fingerprint(f, 'test (3.11)')).not.toBe(fingerprint(f, 'lint (3.11)'));
  });

  test('masks what varies between runs and keeps what names the failure', () => {
    const f = run1.find((x) => x.test?.endsWith('test_store_identity'))!;
    expect(failureKey(f)).toContain('Store object at <hex>');
    const latency = run1.find((x) => x.test?.endsWith('test_latency'))!;
    // the message carries pytest's `assert` detail line (whole messages), its numbers masked too
    expect(maskMessage(latency.message)).toBe('AssertionError: took Ns at N; assert N.<hex>-N > N');
    expect(maskMessage('at 2026-12-08T02:22:16.4962680Z in /home/runner/work/r/r/src/app.ts:12')).toBe(
      'at <time> in src/app.ts:N',
    );
    expect(maskMessage('paramiko.ssh_exception.SSHException: banner')).toBe('SSHException: banner');
    expect(maskMessage("cannot open '/tmp/tmpa8x_31kq/data.json'")).toBe("cannot open '<tmp>'");
    expect(maskMessage('id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 commit 9fceb02d0ae5')).toBe(
      'id <uuid> commit <hex>',
    );
  });

  test('a job without its matrix values', () => {
    expect(jobBase('test (ubuntu-latest, 20)')).toBe('test');
    expect(jobBase('linux / build-and-test (default, 1, 1, linux.4xlarge)')).toBe('linux / build-and-test');
    expect(jobBase('lint')).toBe('lint');
    expect(matrixValues('test (ubuntu-latest, 20)')).toBe('ubuntu-latest, 20');
    expect(matrixValues('lint')).toBe('');
  });
});

describe('matrix groups', () => {
  test('one entry for the jobs of a matrix failing the same way', () => {
    const dir2 = join(process.cwd(), '__tests__/fixtures/memory/captures');
    const read = (name: string, job: string) =>
      runAnalysis({ logText: readFileSync(join(dir2, name), 'utf8'), rules: builtinRules() })
        .findings.filter(isRealError)
        .map((f) => {
          const g = { ...f, location: { jobId: 1, job } };
          return { ...g, fingerprint: fingerprint(g, job) };
        });
    const all = [
      ...read('gh-pytest-run1.log', 'test (3.11)'),
      ...read('gh-pytest-run2.log', 'test (3.12)'),
      ...read('gh-pytest-run2.log', 'lint (3.12)'),
    ];
    const groups = matrixGroups(all);
    expect(groups.length).toBe(
      new Set(all.filter((f) => f.location.job.startsWith('test')).map((f) => f.fingerprint)).size,
    );
    for (const g of groups) expect(g).toMatchObject({ job: 'test', values: ['3.11', '3.12'] });
  });
});
