import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { cmake } from '../../src/log/extractors/cmake.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/cmake/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');

function extract(name: string): Finding[] {
  const doc = parseLog(read(name));
  return cmake.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.code, f.file, f.line, f.message, f.logLines];

describe('cmake extractor', () => {
  test('configure: a find_package error is a dependency with file and line; the closer is low', () => {
    const findings = extract('configure.log');
    expect(findings.map(row)).toEqual([
      [
        'dependency',
        'cmake',
        'find_package',
        'CMakeLists.txt',
        4,
        'By not providing "FindNoSuchLibrary.cmake" in CMAKE_MODULE_PATH this',
        [7, 13],
      ],
      [
        'build-error',
        'cmake',
        undefined,
        undefined,
        undefined,
        '-- Configuring incomplete, errors occurred!',
        [24, 24],
      ],
    ]);
    expect(findings[1].weight).toBeLessThan(10);
  });

  test('a SEND_ERROR message and a ninja FAILED target: the compiler error (cc) outranks the FAILED block', () => {
    expect(extract('gh-build.log').map(row)).toEqual([
      ['build-error', 'cmake', 'message', 'CMakeLists.txt', 7, 'config.h.in is missing', [11, 12]],
      [
        'build-error',
        'cmake',
        undefined,
        undefined,
        undefined,
        '-- Configuring incomplete, errors occurred!',
        [15, 15],
      ],
      [
        'build-error',
        'ninja',
        undefined,
        undefined,
        undefined,
        'FAILED: CMakeFiles/demo.dir/util.c.o',
        [25, 26],
      ],
      [
        'build-error',
        'cmake',
        undefined,
        undefined,
        undefined,
        'ninja: build stopped: subcommand failed.',
        [33, 33],
      ],
    ]);
    const ordered = extractFindings(parseLog(read('gh-build.log')));
    const ninja = ordered.findIndex((f) => f.tool === 'ninja');
    const gcc = ordered.findIndex((f) => f.kind === 'compile-error' && f.line === 2);
    expect(gcc).toBeGreaterThanOrEqual(0);
    expect(gcc).toBeLessThan(ninja);
  });

  test('hostile input does not throw', () => {
    const doc = parseLog('CMake Error at ' + 'a:1 ('.repeat(5000) + '\n' + '  x\n'.repeat(200));
    expect(() => cmake.extract(doc.lines, doc)).not.toThrow();
  });
});
