// Java sources compiled with the real javac and tested by running a plain test main with java -ea.
import { noiseCommit, spread } from '../lib.mjs';

function project(v, pkg) {
  const dir = `src/main/java/${pkg.replace(/\./g, '/')}`;
  const tdir = `src/test/java/${pkg.replace(/\./g, '/')}`;
  return {
    'README.md': `# ${v.domain}\n`,
    'build.sh': `#!/bin/sh\nset -e\nrm -rf out && mkdir -p out\njavac -d out $(find src -name '*.java' | sort)\n`,
    [`${dir}/${v.Type}.java`]: `package ${pkg};

import java.util.List;

public final class ${v.Type} {
    private ${v.Type}() {}

    public static double ${v.helper}(double x) {
        return Math.round(x * 100) / 100.0;
    }

    public static double ${v.fn}(List<Double> values) {
        double total = 0;
        for (double x : values) {
            total += ${v.helper}(x);
        }
        return total;
    }
}
`,
    [`${dir}/Report.java`]: `package ${pkg};

import java.util.List;
import java.util.Map;

public final class Report {
    private Report() {}

    public static String describe(List<Double> values) {
        double total = ${v.Type}.${v.fn}(values);
        return String.format("%d entries, total %.2f", values.size(), total);
    }

    public static String label(Map<String, String> names, String key) {
        return names.get(key).toUpperCase();
    }
}
`,
    [`${tdir}/${v.Type}Test.java`]: `package ${pkg};

import java.util.List;
import java.util.Map;

public final class ${v.Type}Test {
    public static void main(String[] args) {
        double got = ${v.Type}.${v.fn}(List.of(1.25, 2.5));
        if (got != 3.75) {
            throw new AssertionError("${v.fn} expected 3.75 but was " + got);
        }
        String d = Report.describe(List.of(1.0, 2.5));
        if (!d.equals("2 entries, total 3.50")) {
            throw new AssertionError("describe was " + d);
        }
        System.out.println(Report.label(Names.defaults(), "${v.item}"));
        System.out.println("OK");
    }
}
`,
    [`${dir}/Names.java`]: `package ${pkg};

import java.util.Map;

public final class Names {
    private Names() {}

    public static Map<String, String> defaults() {
        return Map.of("${v.item}", "${v.item} label", "total", "total label");
    }
}
`,
  };
}

export function javaScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const pkg = `com.example.${v.domain}`;
    const dir = `src/main/java/com/example/${v.domain}`;
    const m = `${dir}/${v.Type}.java`;
    const steps = [
      { name: 'Set up JDK', run: 'javac -version' },
      { name: 'Build', run: 'sh build.sh' },
      { name: 'Test', run: `java -ea -cp out ${pkg}.${v.Type}Test` },
    ];
    const base = { lang: 'java', toolchain: 'java', steps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'java' });
    // 1. renamed method: "cannot find symbol" in the (unchanged) caller
    out.push({
      ...base,
      id: `java-renamed-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, pkg),
      commits: [
        noise(0),
        {
          subject: `refactor: rename ${v.fn} to ${v.fnNew}`,
          culprit: true,
          files: { [m]: (c) => c.replace(`double ${v.fn}(`, `double ${v.fnNew}(`) },
        },
      ],
      culprit: m,
    });
    // 2. failing assertion
    out.push({
      ...base,
      id: `java-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: ['culprit-touched-by-innocent'],
      files: project(v, pkg),
      commits: [
        {
          subject: `perf: floor in ${v.helper}`,
          culprit: true,
          files: { [m]: (c) => c.replace('Math.round(x * 100) / 100.0', 'Math.floor(x)') },
        },
        noise(2, m),
      ],
      culprit: m,
    });
    // 3. NullPointerException: a key renamed in the defaults, the unchanged caller dereferences null
    out.push({
      ...base,
      id: `java-npe-${v.domain}`,
      fault: 'uncaught exception',
      tags: ['caller'],
      files: project(v, pkg),
      commits: [
        noise(1),
        {
          subject: 'refactor: plural labels',
          culprit: true,
          files: {
            [`${dir}/Names.java`]: (c) =>
              c.replace(`Map.of("${v.item}", "${v.item} label"`, `Map.of("${v.item}s", "${v.item}s label"`),
          },
        },
        noise(3),
      ].slice(0, 2 + (vi % 2)),
      culprit: `${dir}/Names.java`,
    });
  });
  return spread(out, 2);
}
