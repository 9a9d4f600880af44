import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import {
  javaStack,
  isVendoredJavaClass,
  packagePath,
  parseJavaFrame,
  readJavaTrace,
} from '../../src/log/extractors/java-stack.js';
import type { Finding, LogDocument } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);

function doc(name: string): LogDocument {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const d = doc(name);
  return javaStack.extract(d.lines, d);
}

describe('java stack traces', () => {
  test('uncaught exception: message, location from the first project frame, Caused by chain in the frames', () => {
    const findings = extract('java-uncaught.log');
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toMatchObject({
      kind: 'exception',
      tool: 'java',
      code: 'java.lang.IllegalStateException',
      message: 'java.lang.IllegalStateException: cannot load settings from missing-app.properties',
      file: 'com/example/app/Settings.java',
      rawFile: 'Settings.java',
      line: 20,
      // the exception and its two frames, not the 13 lines of the cause
      logLines: [2, 4],
      weight: 80,
    });
    // frames of the exception, then of its cause; the JDK's are vendored
    expect(f.frames!.slice(0, 3)).toEqual([
      {
        rawFile: 'Settings.java',
        file: 'com/example/app/Settings.java',
        line: 20,
        function: 'com.example.app.Settings.load',
        vendored: false,
      },
      {
        rawFile: 'Main.java',
        file: 'com/example/app/Main.java',
        line: 9,
        function: 'com.example.app.Main.main',
        vendored: false,
      },
      {
        rawFile: 'UnixException.java',
        file: 'sun/nio/fs/UnixException.java',
        line: 92,
        function: 'sun.nio.fs.UnixException.translateToIOException',
        vendored: true,
      },
    ]);
    expect(f.frames).toHaveLength(14);
    expect(f.frames!.filter((fr) => !fr.vendored).map((fr) => `${fr.file}:${fr.line}`)).toEqual([
      'com/example/app/Settings.java:20',
      'com/example/app/Main.java:9',
      'com/example/app/Settings.java:18',
    ]);
  });

  test('readJavaTrace follows the chain to `... 1 more` and records the cause', () => {
    const d = doc('java-uncaught.log');
    const t = readJavaTrace(d.lines, 1)!;
    expect(t.end).toBe(d.lines.findIndex((l) => l.text.trim() === '... 1 more'));
    expect(t.causes.map((c) => c.message)).toEqual([
      'java.nio.file.NoSuchFileException: missing-app.properties',
    ]);
    expect(t.topFrames).toBe(2);
    expect(readJavaTrace(d.lines, 0)).toBeUndefined(); // `starting`
  });

  test('Gradle: a trace of the build tool only is vendored, low weight, and below the real failure', () => {
    const all = extract('gh-gradle-test.log');
    const findings = all.filter((f) => f.code === 'java.lang.ClassNotFoundException');
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f.message).toBe('java.lang.ClassNotFoundException: org.debian.gradle.plugin.MavenResolverHook');
      expect(f.weight).toBe(40);
      expect(f.file).toBeUndefined();
      expect(f.frames!.every((fr) => fr.vendored)).toBe(true);
      expect(f.logLines[1] - f.logLines[0]).toBe(4); // the exception and 4 frames of 70
    }
    // the failed tests' traces are found too, with a project frame (weight 50) ...
    expect(all.filter((f) => f.weight === 50).map((f) => f.file)).toEqual([
      'com/example/shop/PriceParser.java',
      'com/example/shop/CartTest.java',
      'com/example/shop/CartTest.java',
    ]);
    // ... and become one finding with the Gradle test failure that prints them
    const ordered = extractFindings(doc('gh-gradle-test.log'));
    expect(ordered.slice(0, 3).map((f) => `${f.tool}/${f.kind}`)).toEqual([
      'gradle/test-failure',
      'gradle/test-failure',
      'gradle/test-failure',
    ]);
    expect(ordered.filter((f) => f.tool === 'java').map((f) => f.code)).toEqual([
      'java.lang.ClassNotFoundException',
      'java.lang.ClassNotFoundException',
    ]);
  });

  test('frames: module prefixes, Maven 3 spacing, native methods, inner classes', () => {
    expect(parseJavaFrame('\tat java.base/java.lang.Integer.parseInt(Integer.java:668)')).toEqual({
      rawFile: 'Integer.java',
      file: 'java/lang/Integer.java',
      line: 668,
      function: 'java.lang.Integer.parseInt',
      vendored: true,
    });
    expect(parseJavaFrame('    at com.acme.Outer$Inner.run (Outer.java:12)')).toMatchObject({
      rawFile: 'Outer.java',
      file: 'com/acme/Outer.java',
      line: 12,
      vendored: false,
    });
    expect(parseJavaFrame('\tat java.lang.Class.forName0(Native Method)')).toMatchObject({
      rawFile: 'Native Method',
      vendored: true,
    });
    expect(parseJavaFrame('[ERROR]   at com.acme.A.b(A.kt:3)')).toMatchObject({
      file: 'com/acme/A.kt',
      line: 3,
    });
    expect(parseJavaFrame('at the end of the day (really)')).toBeUndefined();
    expect(parseJavaFrame('    at summary (file:///w/lib/report.mjs:3:38)')).toBeUndefined();
    expect(packagePath('Main', 'Main.java')).toBe('Main.java');
    expect(isVendoredJavaClass('org.junit.Assert')).toBe(true);
    expect(isVendoredJavaClass('org.gradle.launcher.Main')).toBe(true);
    expect(isVendoredJavaClass('com.example.shop.Cart')).toBe(false);
  });

  test('never throws and stays linear on hostile input', () => {
    const lines = [
      'a.B: ' + 'x'.repeat(100000),
      '\tat ' + 'a.'.repeat(20000) + 'b(' + 'c'.repeat(1000),
      ...Array.from({ length: 3000 }, () => '\tat a.b.C.d(C.java:1)'),
      'Caused by:',
    ].map((text, k) => ({ n: k + 1, text }));
    const started = Date.now();
    const found = javaStack.extract(lines, {
      format: 'plain',
      lines,
      segments: [],
      totalLines: lines.length,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(Array.isArray(found)).toBe(true);
  });
});
