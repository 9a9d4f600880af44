// Go modules tested with the real `go test ./...` (standard library only: works offline).
import { noiseCommit, pascal, spread } from '../lib.mjs';

function project(v, mod) {
  const F = pascal(v.fn);
  const field = pascal(v.field);
  const H = pascal(v.helper);
  return {
    'go.mod': `module example.com/${mod}\n\ngo 1.19\n`,
    'README.md': `# ${v.domain}\n`,
    [`${v.mod}/${v.mod}.go`]: `// Package ${v.mod} computes ${v.Type} totals.
package ${v.mod}

import "math"

// Item is one ${v.item}.
type Item struct {
	Name string
	${field} float64
}

// ${H} rounds to cents.
func ${H}(x float64) float64 {
	return math.Round(x*100) / 100
}

// ${F} adds up the items.
func ${F}(items []Item) float64 {
	total := 0.0
	for _, it := range items {
		total += ${H}(it.${field})
	}
	return total
}
`,
    [`${v.mod}/${v.mod}_test.go`]: `package ${v.mod}

import "testing"

func Test${F}(t *testing.T) {
	got := ${F}([]Item{{"a", 1.25}, {"b", 2.5}})
	if got != 3.75 {
		t.Errorf("${F}() = %v, want 3.75", got)
	}
}
`,
    'report/report.go': `// Package report prints summaries.
package report

import (
	"fmt"

	"example.com/${mod}/${v.mod}"
)

// Describe prints the total.
func Describe(items []${v.mod}.Item) string {
	return fmt.Sprintf("%d entries, total %.2f", len(items), ${v.mod}.${F}(items))
}

// Index maps names to their position.
func Index(items []${v.mod}.Item) map[string]int {
	out := map[string]int{}
	for i, it := range items {
		out[it.Name] = i
	}
	return out
}
`,
    'report/report_test.go': `package report

import (
	"testing"

	"example.com/${mod}/${v.mod}"
)

func TestDescribe(t *testing.T) {
	got := Describe([]${v.mod}.Item{{Name: "a", ${field}: 1}, {Name: "b", ${field}: 2.5}})
	if got != "2 entries, total 3.50" {
		t.Errorf("Describe() = %q", got)
	}
}
`,
  };
}

const steps = [{ name: 'Set up Go', run: 'go version' }, { run: 'go test ./...' }];

export function goScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const mod = `${v.domain}svc`;
    const m = `${v.mod}/${v.mod}.go`;
    const F = pascal(v.fn);
    const base = { lang: 'go', toolchain: 'go', steps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'go' });
    // 1. renamed function: "undefined: pkg.F" in the (unchanged) caller
    out.push({
      ...base,
      id: `go-renamed-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, mod),
      commits: [
        noise(2, m),
        {
          subject: `refactor: ${pascal(v.fnNew)} reads better`,
          culprit: true,
          files: {
            [m]: (c) => c.split(F).join(pascal(v.fnNew)),
            [`${v.mod}/${v.mod}_test.go`]: (c) => c.split(F).join(pascal(v.fnNew)),
          },
        },
      ],
      culprit: m,
    });
    // 2. failing test
    out.push({
      ...base,
      id: `go-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: ['culprit-touched-by-innocent'],
      files: project(v, mod),
      commits: [
        noise(2, m),
        {
          subject: `perf: truncate in ${pascal(v.helper)}`,
          culprit: true,
          files: { [m]: (c) => c.replace('math.Round(x*100) / 100', 'math.Trunc(x)') },
        },
        noise(0),
      ],
      culprit: m,
    });
    // 3. panic: nil map assignment after a refactor
    out.push({
      ...base,
      id: `go-panic-${v.domain}`,
      fault: 'uncaught exception',
      tags: [],
      files: project(v, mod),
      commits: [
        noise(1),
        {
          subject: 'refactor: lazily build the index',
          culprit: true,
          files: {
            'report/report.go': (c) => c.replace('out := map[string]int{}', 'var out map[string]int'),
          },
        },
      ],
      culprit: 'report/report.go',
      // the panic happens only when Index runs: add a test for it at green
    });
    const last = out[out.length - 1];
    last.files['report/index_test.go'] = `package report

import (
	"testing"

	"example.com/${mod}/${v.mod}"
)

func TestIndex(t *testing.T) {
	idx := Index([]${v.mod}.Item{{Name: "a"}, {Name: "b"}})
	if idx["b"] != 1 {
		t.Errorf("Index()[b] = %d", idx["b"])
	}
}
`;
  });
  return spread(out, 2);
}
