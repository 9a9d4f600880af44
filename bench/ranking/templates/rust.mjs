// Rust crates built and tested with the real `cargo test` (no dependencies: works offline).
import { noiseCommit, snake, spread } from '../lib.mjs';

function project(v, crate, edition = '2021') {
  const fn = snake(v.fn);
  const field = snake(v.field);
  return {
    'Cargo.toml': `[package]\nname = "${crate}"\nversion = "0.1.0"\nedition = "${edition}"\n\n[dependencies]\n`,
    'README.md': `# ${v.domain}\n`,
    'src/lib.rs': `pub mod ${v.mod};\npub mod report;\n`,
    [`src/${v.mod}.rs`]: `pub struct ${v.Type}Item {
    pub name: String,
    pub ${field}: f64,
}

pub fn ${snake(v.helper)}(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn ${fn}(items: &[${v.Type}Item]) -> f64 {
    let mut total = 0.0;
    for it in items {
        total += ${snake(v.helper)}(it.${field});
    }
    total
}
`,
    'src/report.rs': `use crate::${v.mod}::{${fn}, ${v.Type}Item};
use std::convert::TryFrom;

pub fn describe(items: &[${v.Type}Item]) -> String {
    let total = ${fn}(items);
    let count = u32::try_from(items.len()).unwrap_or(u32::MAX);
    format!("{} entries, total {:.2}", count, total)
}
`,
    [`tests/${v.mod}_test.rs`]: `use ${crate}::${v.mod}::{${fn}, ${v.Type}Item};
use ${crate}::report::describe;

fn item(name: &str, v: f64) -> ${v.Type}Item {
    ${v.Type}Item { name: name.to_string(), ${field}: v }
}

#[test]
fn ${fn}_adds_every_${v.item}() {
    assert_eq!(${fn}(&[item("a", 1.25), item("b", 2.5)]), 3.75);
}

#[test]
fn describe_prints_the_total() {
    assert_eq!(describe(&[item("a", 1.0), item("b", 2.5)]), "2 entries, total 3.50");
}
`,
  };
}

const steps = [{ name: 'Set up Rust', run: 'cargo --version' }, { run: 'cargo test --offline' }];

export function rustScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const crate = `${snake(v.domain)}_kit`;
    const m = `src/${v.mod}.rs`;
    const fn = snake(v.fn);
    const base = { lang: 'rust', toolchain: 'rust', steps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'rust' });
    // 1. a parameter added: E0061 in the (unchanged) caller
    out.push({
      ...base,
      id: `rs-caller-arity-${v.domain}`,
      fault: 'type error',
      tags: ['caller', 'culprit-touched-by-innocent'],
      files: project(v, crate),
      commits: [
        noise(2, m),
        {
          subject: `feat: ${fn} takes a rate`,
          culprit: true,
          files: {
            [m]: (c) =>
              c
                .replace(
                  `(items: &[${v.Type}Item]) -> f64 {`,
                  `(items: &[${v.Type}Item], rate: f64) -> f64 {`,
                )
                .replace('    total\n}', '    total * rate\n}'),
          },
        },
      ],
      culprit: m,
    });
    // 2. failing assertion in the (unchanged) integration test
    out.push({
      ...base,
      id: `rs-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: [],
      files: project(v, crate),
      commits: [
        noise(1),
        {
          subject: `perf: truncate in ${snake(v.helper)}`,
          culprit: true,
          files: { [m]: (c) => c.replace('(x * 100.0).round() / 100.0', 'x.trunc()') },
        },
        noise(0),
      ],
      culprit: m,
    });
    // 3. renamed function: E0432 unresolved import
    out.push({
      ...base,
      id: `rs-renamed-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, crate),
      commits: [
        {
          subject: `refactor: rename ${fn} to ${snake(v.fnNew)}`,
          culprit: true,
          files: { [m]: (c) => c.replace(`pub fn ${fn}(`, `pub fn ${snake(v.fnNew)}(`) },
        },
      ],
      culprit: m,
    });
    // 4. only Cargo.toml changed: edition 2018 has no `TryFrom` in the prelude, which unchanged code relies on
    out.push({
      ...base,
      id: `rs-config-only-${v.domain}`,
      fault: 'config change',
      tags: ['config-only'],
      files: {
        ...project(v, crate),
        'src/report.rs': `use crate::${v.mod}::{${fn}, ${v.Type}Item};

pub fn describe(items: &[${v.Type}Item]) -> String {
    let total = ${fn}(items);
    let count = u32::try_from(items.len()).unwrap_or(u32::MAX);
    format!("{} entries, total {:.2}", count, total)
}
`,
      },
      commits: [
        noise(3),
        {
          subject: 'build: align the crate edition with the workspace',
          culprit: true,
          files: { 'Cargo.toml': (c) => c.replace('edition = "2021"', 'edition = "2018"') },
        },
      ],
      culprit: 'Cargo.toml',
    });
  });
  return spread(out, 1).concat(spread(out.filter((s) => /caller|assertion/.test(s.id)).reverse(), 1));
}
