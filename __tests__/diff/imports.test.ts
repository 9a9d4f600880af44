import { fileReferences, importIndex, importSpecifiers, literalReferences } from '../../src/diff/imports.js';

const REPO = [
  'src/report.ts',
  'src/invoice.ts',
  'src/util/index.ts',
  'lib/load.js',
  'data/rates.json',
  'billing/__init__.py',
  'billing/invoice.py',
  'billing/report.py',
  'billing/data/rates.json',
  'go.mod',
  'stock/stock.go',
  'stock/stock_test.go',
  'report/report.go',
  'src/lib.rs',
  'src/invoice.rs',
  'src/report.rs',
  'src/main/java/com/x/Report.java',
  'src/main/java/com/x/Names.java',
  'src/main/java/com/y/Util.java',
  'lib/invoice.h',
  'lib/invoice.c',
  'tests/test_invoice.c',
];
const idx = importIndex(REPO);

describe('fileReferences', () => {
  test("require('..') from a test folder is the package's index at the repository root", () => {
    const root = importIndex(['index.js', 'lib/common.js', 'test/api.test.js']);
    expect(fileReferences('test/api.test.js', "const yaml = require('..');\n", root)).toEqual(['index.js']);
    expect(fileReferences('test/api.test.js', "import x from '../index.js';\n", root)).toEqual(['index.js']);
  });
  test('TypeScript: relative imports resolve with extensions and index files; packages are not repository files', () => {
    const text = `import { totalDue } from './invoice';\nimport * as u from './util';\nimport fs from 'node:fs';\nexport { x } from "./invoice.js";\n`;
    expect(fileReferences('src/report.ts', text, idx)).toEqual(['src/invoice.ts', 'src/util/index.ts']);
  });

  test('CommonJS require of a JSON data file', () => {
    expect(fileReferences('lib/load.js', `const rows = require('../data/rates.json');\n`, idx)).toEqual([
      'data/rates.json',
    ]);
  });

  test('Python: absolute and relative imports, and a string literal naming a changed data file', () => {
    const text =
      'from billing.invoice import total_due\nfrom . import report\nDATA = pathlib.Path(__file__).parent / "data" / "rates.json"\n';
    // `from . import report` is the package (__init__.py) and the file itself (left out)
    expect(fileReferences('billing/report.py', text, idx, ['billing/data/rates.json']).sort()).toEqual([
      'billing/__init__.py',
      'billing/data/rates.json',
      'billing/invoice.py',
    ]);
  });

  test('Go: an import path reaches the package directory, test files excluded', () => {
    const text = 'package report\n\nimport (\n\t"fmt"\n\n\t"example.com/stocksvc/stock"\n)\n';
    expect(fileReferences('report/report.go', text, idx)).toEqual(['stock/stock.go']);
  });

  test('Rust: `mod` declarations and `use crate::` paths', () => {
    expect(fileReferences('src/lib.rs', 'pub mod invoice;\npub mod report;\n', idx)).toEqual([
      'src/invoice.rs',
      'src/report.rs',
    ]);
    expect(fileReferences('src/report.rs', 'use crate::invoice::{total_due, Item};\n', idx)).toEqual([
      'src/invoice.rs',
    ]);
  });

  test('Java: imports and classes of the same package used without an import', () => {
    const text =
      'package com.x;\nimport com.y.Util;\nclass Report { String f() { return Names.defaults().get(1) + Util.x(); } }\n';
    expect(fileReferences('src/main/java/com/x/Report.java', text, idx).sort()).toEqual([
      'src/main/java/com/x/Names.java',
      'src/main/java/com/y/Util.java',
    ]);
  });

  test('C: an include reaches the header and the source file beside it', () => {
    expect(fileReferences('tests/test_invoice.c', '#include <stdio.h>\n#include "invoice.h"\n', idx)).toEqual(
      ['lib/invoice.h', 'lib/invoice.c'],
    );
  });

  test('odd input never throws and finds nothing', () => {
    expect(fileReferences('src/report.ts', '\u0000from "' + 'x'.repeat(5000), idx)).toEqual([]);
    expect(importSpecifiers('a.unknown', 'import x')).toEqual([]);
    expect(literalReferences('"a.json"', [])).toEqual([]);
  });
});
