// Real captures of a Docker 20.10 engine (__tests__/fixtures/docker/capture.sh): BuildKit and the legacy
// builder, a failing RUN and a COPY of a missing file, and `docker run` of an image it cannot pull; the
// extractor also stays quiet on other tools' real output and survives hostile input.
import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { docker } from '../../src/log/extractors/docker.js';

const capture = (path: string): string =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

const extract = (path: string) => {
  const doc = parseLog(capture(path));
  return docker.extract(doc.lines, doc);
};

describe('docker extractor', () => {
  test('BuildKit: the failed RUN step with its last output lines, the excerpt and the repeated error', () => {
    const [f, ...rest] = extract('docker/captures/buildkit-run.log');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'build-error',
      tool: 'docker',
      message: 'executor failed running [/bin/sh -c echo "packaging shop" && sh ./build.sh]: exit code: 1',
      code: '[4/4] RUN echo "packaging shop" && sh ./build.sh',
      // 34-36: the step's output (36: cat's error, the cause), 37: #8 ERROR, 38-40 the excerpt, 41 the repeat
      logLines: [34, 41],
    });
  });

  test('BuildKit in a GitHub Actions log: the same finding, timestamps stripped', () => {
    const [f, ...rest] = extract('docker/captures/gh-docker-build.log');
    expect(rest).toEqual([]);
    expect(f.logLines).toEqual([41, 48]);
    expect(f.code).toBe('[4/4] RUN echo "packaging shop" && sh ./build.sh');
  });

  test('BuildKit: a COPY of a file that is not in the build context', () => {
    const [f, ...rest] = extract('docker/captures/buildkit-copy.log');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      message: '"/config/shop.conf" not found: not found',
      code: '[4/5] COPY config/shop.conf /etc/shop.conf',
      logLines: [34, 38],
    });
  });

  test('legacy builder: the RUN output below `Running in` and the non-zero code', () => {
    const [f, ...rest] = extract('docker/captures/legacy-run.log');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      message:
        'The command \'/bin/sh -c echo "packaging shop" && sh ./build.sh\' returned a non-zero code: 1',
      code: '1',
      logLines: [12, 15],
    });
  });

  test('legacy builder: COPY failed, with the Step line that names the instruction', () => {
    const [f, ...rest] = extract('docker/captures/legacy-copy.log');
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      'COPY failed: file not found in build context or excluded by .dockerignore: stat config/shop.conf: file does not exist',
    );
    expect(f.code).toBe('COPY config/shop.conf /etc/shop.conf');
    expect(f.logLines).toEqual([10, 11]);
  });

  test('docker run: the daemon cannot reach the registry for an image it does not have', () => {
    const [f, ...rest] = extract('docker/captures/docker-run-pull.log');
    expect(rest).toEqual([]);
    expect(f.kind).toBe('build-error');
    expect(f.message).toMatch(
      /^Error response from daemon: Get "https:\/\/registry-1\.docker\.io\/v2\/": dial tcp: lookup registry-1\.docker\.io on \S+: no such host\.$/,
    );
    expect(f.logLines).toEqual([2, 2]);
  });

  test.each([
    'cc/captures/gh-make-gcc.log',
    'cmake/captures/gh-build.log',
    'shell/captures/gh-shell.log',
    'tex/captures/gh-latexmk.log',
  ])('nothing in %s', (path) => {
    const doc = parseLog(capture(path));
    expect(docker.extract(doc.lines, doc)).toEqual([]);
  });

  test('hostile input does not throw and stays linear', () => {
    const text = '------\n > ' + 'x'.repeat(20000) + ':\n' + '#1 ERROR: '.repeat(3000) + '\n------\n';
    const doc = parseLog(text);
    const started = Date.now();
    expect(() => docker.extract(doc.lines, doc)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
