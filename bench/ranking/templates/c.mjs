// C projects built with the real gcc + make and tested by running a test binary.
import { noiseCommit, snake, spread } from '../lib.mjs';

function project(v, srcDir, cflags = '-Wall -std=c11') {
  const fn = snake(v.fn);
  const h = snake(v.helper);
  return {
    'README.md': `# ${v.domain}\n`,
    Makefile: `CC ?= gcc
CFLAGS = ${cflags} -I${srcDir}
OBJS = ${srcDir}/${v.mod}.o ${srcDir}/report.o

all: test_${v.mod}

test_${v.mod}: tests/test_${v.mod}.o $(OBJS)
\t$(CC) $(CFLAGS) -o $@ $^ -lm

%.o: %.c
\t$(CC) $(CFLAGS) -c -o $@ $<

test: test_${v.mod}
\t./test_${v.mod}

clean:
\trm -f test_${v.mod} tests/*.o ${srcDir}/*.o

.PHONY: all test clean
`,
    [`${srcDir}/${v.mod}.h`]: `#ifndef ${v.mod.toUpperCase()}_H
#define ${v.mod.toUpperCase()}_H

#include <stddef.h>

double ${h}(double x);
double ${fn}(const double *values, size_t n);

#endif
`,
    [`${srcDir}/${v.mod}.c`]: `#include <math.h>
#include "${v.mod}.h"

double ${h}(double x)
{
    return round(x * 100) / 100;
}

double ${fn}(const double *values, size_t n)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += ${h}(values[i]);
    return total;
}
`,
    [`${srcDir}/report.h`]: `#ifndef REPORT_H
#define REPORT_H
#include <stddef.h>
int describe(char *out, size_t size, const double *values, size_t n);
#endif
`,
    [`${srcDir}/report.c`]: `#include <stdio.h>
#include "${v.mod}.h"
#include "report.h"

int describe(char *out, size_t size, const double *values, size_t n)
{
    double total = ${fn}(values, n);
    return snprintf(out, size, "%zu entries, total %.2f", n, total);
}
`,
    [`tests/test_${v.mod}.c`]: `#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "${v.mod}.h"
#include "report.h"

int main(void)
{
    const double values[] = {1.25, 2.5};
    char buf[64];
    assert(${fn}(values, 2) == 3.75);
    describe(buf, sizeof buf, values, 2);
    assert(strcmp(buf, "2 entries, total 3.75") == 0);
    puts("ok");
    return 0;
}
`,
  };
}

const steps = [{ name: 'Set up toolchain', run: 'gcc --version | head -1' }, { run: 'make test' }];

export function cScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const srcDir = vi % 2 ? 'lib' : 'src';
    const fn = snake(v.fn);
    const c = `${srcDir}/${v.mod}.c`;
    const h = `${srcDir}/${v.mod}.h`;
    const base = { lang: 'c', toolchain: 'c', steps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'c' });
    // 1. a parameter added in the header and the source: "too few arguments" in the (unchanged) caller
    out.push({
      ...base,
      id: `c-caller-arity-${v.domain}`,
      fault: 'type error',
      tags: ['caller'],
      files: project(v, srcDir),
      commits: [
        noise(0),
        {
          subject: `feat: ${fn} applies a rate`,
          culprit: true,
          files: {
            [h]: (t) =>
              t.replace(
                `double ${fn}(const double *values, size_t n);`,
                `double ${fn}(const double *values, size_t n, double rate);`,
              ),
            [c]: (t) =>
              t
                .replace(
                  `double ${fn}(const double *values, size_t n)\n`,
                  `double ${fn}(const double *values, size_t n, double rate)\n`,
                )
                .replace('    return total;', '    return total * rate;'),
          },
        },
      ],
      culprit: h,
      culpritAlso: [c],
    });
    // 2. failing assert in the test binary
    out.push({
      ...base,
      id: `c-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: ['culprit-touched-by-innocent'],
      files: project(v, srcDir),
      commits: [
        noise(2, c),
        {
          subject: `perf: cheaper ${snake(v.helper)}`,
          culprit: true,
          files: { [c]: (t) => t.replace('return round(x * 100) / 100;', 'return floor(x);') },
        },
      ],
      culprit: c,
    });
    // 3. linker error: a function renamed in the source only
    out.push({
      ...base,
      id: `c-link-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, srcDir),
      commits: [
        {
          subject: `refactor: ${snake(v.fnNew)}`,
          culprit: true,
          files: { [c]: (t) => t.replace(`double ${fn}(const`, `double ${snake(v.fnNew)}(const`) },
        },
        noise(1),
        noise(3),
      ].slice(0, 1 + (vi % 3)),
      culprit: c,
    });
    // 4. only the Makefile changed: -Werror turns an old warning in an unchanged file into an error
    out.push({
      ...base,
      id: `c-config-only-${v.domain}`,
      fault: 'config change',
      tags: ['config-only'],
      files: {
        ...project(v, srcDir),
        [`${srcDir}/report.c`]: `#include <stdio.h>
#include "${v.mod}.h"
#include "report.h"

int describe(char *out, size_t size, const double *values, size_t n)
{
    int unused_width = 12;
    double total = ${fn}(values, n);
    return snprintf(out, size, "%zu entries, total %.2f", n, total);
}
`,
      },
      commits: [
        noise(4),
        {
          subject: 'build: treat warnings as errors',
          culprit: true,
          files: { Makefile: (t) => t.replace('-Wall -std=c11', '-Wall -Werror -std=c11') },
        },
      ],
      culprit: 'Makefile',
    });
  });
  return spread(out, 1).concat(spread(out.filter((s) => /arity|link/.test(s.id)).reverse(), 1));
}
