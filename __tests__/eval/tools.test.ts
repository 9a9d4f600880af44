import {
  goTestFailures,
  recallsTest,
  messageKey,
  parseErrorformatOk,
  reasonLines,
  recalls,
  sameFile,
  showsReason,
} from '../../scripts/eval/tools.js';

describe('parseErrorformatOk', () => {
  it('reads located entries, skips continuation lines and counts entries without a location', () => {
    const ok = [
      'src/a.ts|3 col 13 error 7006| first message',
      'a continuation line of the first message',
      'lib/b.py|12| second',
      '|| no location here',
      '',
    ].join('\n');
    const { entries, unlocated } = parseErrorformatOk(ok);
    expect(entries).toEqual([
      { file: 'src/a.ts', line: 3, message: 'first message' },
      { file: 'lib/b.py', line: 12, message: 'second' },
    ]);
    expect(unlocated).toBe(1);
  });
});

describe('messageKey', () => {
  it('drops severity words, codes, a rule after a run of spaces and a trailing linter or project', () => {
    expect(messageKey("warning CS0618: 'Q' is obsolete [C:\\p\\x.csproj]")).toBe("'q' is obsolete");
    expect(messageKey("  'x' is defined but never used     no-unused-vars")).toBe(
      "'x' is defined but never used",
    );
    expect(messageKey('Return value is not checked (errcheck)')).toBe('return value is not checked');
    expect(messageKey('E302 expected 2 blank lines, found 1')).toBe('expected 2 blank lines, found 1');
    expect(messageKey('Style/Foo: Put a comma after the last item')).toBe('put a comma after the last item');
  });
});

describe('sameFile', () => {
  it('matches a path to a suffix at a slash boundary only', () => {
    expect(sameFile('./pkg/x.go', 'pkg/x.go')).toBe(true);
    expect(sameFile('C:\\w\\src\\A.cs', 'src/A.cs')).toBe(true);
    expect(sameFile('pkg/xx.go', 'x.go')).toBe(false);
    expect(sameFile(undefined, 'x.go')).toBe(false);
  });
});

describe('recalls', () => {
  const entry = { file: 'src/m.rs', line: 10, message: 'warning: unused import: `std::io`' };
  it('needs the file, the line and the message key', () => {
    expect(recalls(entry, [{ file: 'src/m.rs', line: 10, message: 'unused import: `std::io`' }])).toBe(true);
    expect(recalls(entry, [{ file: 'src/m.rs', line: 11, message: 'unused import: `std::io`' }])).toBe(false);
    expect(recalls(entry, [{ file: 'src/n.rs', line: 10, message: 'unused import: `std::io`' }])).toBe(false);
    expect(recalls(entry, [{ file: 'src/m.rs', line: 10, message: 'something else' }])).toBe(false);
    expect(recalls(entry, [{ rawFile: '/w/src/m.rs', line: 10, message: 'unused import: `std::io`' }])).toBe(
      true,
    );
  });
});

describe('reasonLines / showsReason', () => {
  it('finds the lines holding the first line of the reason, ignoring a clock prefix, and checks they are shown', () => {
    const log = 'start\n12:00:01 ERROR: fetch failed\nmore\n';
    const lines = reasonLines(log, '12:00:01 ERROR: fetch failed\nsecond line');
    expect(lines).toEqual([2]);
    expect(showsReason([{ logLines: [2, 3] }], lines)).toBe(true);
    expect(showsReason([{ logLines: [3, 3] }], lines)).toBe(false);
  });
});

describe('goTestFailures / recallsTest', () => {
  it('expects the failing leaves only (a parent fails with its subtest) and matches them by test name', () => {
    const events = [
      { Action: 'fail', Package: 'p', Test: 'TestA/sub' },
      { Action: 'fail', Package: 'p', Test: 'TestA' },
      { Action: 'pass', Package: 'p', Test: 'TestB' },
      { Action: 'fail', Package: 'p', Test: 'TestC' },
      { Action: 'fail', Package: 'p' },
    ];
    const stream = events.map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n';
    expect(goTestFailures(stream)).toEqual(['p TestA/sub', 'p TestC']);
    expect(recallsTest('p TestA/sub', [{ test: 'TestA/sub' }])).toBe(true);
    expect(recallsTest('p TestA/sub', [{ test: 'TestA' }, {}])).toBe(false);
  });
});
