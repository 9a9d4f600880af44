// Python packages tested with the real pytest and unittest.
import { noiseCommit, snake, spread } from '../lib.mjs';

function project(v, pkg) {
  const fn = snake(v.fn);
  const field = snake(v.field);
  return {
    'README.md': `# ${v.domain}\n`,
    [`${pkg}/__init__.py`]: '',
    [`${pkg}/${v.mod}.py`]: `"""${v.Type} totals."""


def ${snake(v.helper)}(x):
    return round(x * 100) / 100


def ${fn}(items):
    total = 0
    for it in items:
        total += ${snake(v.helper)}(it["${field}"])
    return total


def make_${v.item}(name, value):
    return {"name": name, "${field}": value}
`,
    [`${pkg}/report.py`]: `from ${pkg}.${v.mod} import ${fn}


def describe(items):
    total = ${fn}(items)
    return f"{len(items)} entries, total {total:.2f}"
`,
    'tests/__init__.py': '',
    [`tests/test_${v.mod}.py`]: `import unittest

from ${pkg}.${v.mod} import ${fn}, make_${v.item}
from ${pkg}.report import describe


class ${v.Type}Test(unittest.TestCase):
    def test_${fn}_adds_every_${v.item}(self):
        items = [make_${v.item}("a", 1.25), make_${v.item}("b", 2.5)]
        self.assertEqual(${fn}(items), 3.75)

    def test_describe_prints_the_total(self):
        items = [make_${v.item}("a", 1), make_${v.item}("b", 2.5)]
        self.assertEqual(describe(items), "2 entries, total 3.50")


if __name__ == "__main__":
    unittest.main()
`,
  };
}

export function pythonScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const pkg = vi % 2 ? snake(v.domain) : `${snake(v.domain)}_core`;
    const m = `${pkg}/${v.mod}.py`;
    const fn = snake(v.fn);
    const field = snake(v.field);
    const pytest = {
      lang: 'python',
      toolchain: 'python',
      steps: [{ name: 'Set up Python', run: 'python3 --version' }, { run: 'python3 -m pytest -q' }],
    };
    const unit = {
      lang: 'python',
      toolchain: 'python',
      steps: [
        { name: 'Set up Python', run: 'python3 --version' },
        { run: 'python3 -m unittest discover -s tests -t . -v' },
      ],
    };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'python', srcDir: pkg });
    // 1. KeyError: the producer renamed a key; the consumer (unchanged) fails
    out.push({
      ...(vi % 2 ? pytest : unit),
      id: `py-keyerror-${v.domain}`,
      fault: 'data shape',
      tags: ['caller', 'culprit-touched-by-innocent'],
      files: project(v, pkg),
      commits: [
        noise(2, m),
        {
          subject: `refactor: clearer ${v.item} keys`,
          culprit: true,
          files: {
            [m]: (c) =>
              c.replace(
                `return {"name": name, "${field}": value}`,
                `return {"name": name, "${snake(v.fieldNew)}": value}`,
              ),
          },
        },
        noise(0),
      ],
      culprit: m,
    });
    // 2. failing assertion (pytest)
    out.push({
      ...pytest,
      id: `py-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: [],
      files: project(v, pkg),
      commits: [
        noise(1),
        {
          subject: `perf: integer ${snake(v.helper)}`,
          culprit: true,
          files: { [m]: (c) => c.replace('return round(x * 100) / 100', 'return int(x)') },
        },
      ],
      culprit: m,
    });
    // 3. ImportError: a renamed function, imported by name elsewhere
    out.push({
      ...(vi % 2 ? unit : pytest),
      id: `py-import-name-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, pkg),
      commits: [
        {
          subject: `refactor: rename ${fn}`,
          culprit: true,
          files: { [m]: (c) => c.split(fn).join(snake(v.fnNew)) },
        },
        noise(3),
        noise(4),
      ].slice(0, 1 + (vi % 3)),
      culprit: m,
    });
    // 4. ModuleNotFoundError: a module moved into a subpackage
    const moved = `${pkg}/text/${v.mod}.py`;
    out.push({
      ...pytest,
      id: `py-missing-module-${v.domain}`,
      fault: 'missing module',
      tags: [],
      files: project(v, pkg),
      commits: [
        noise(0),
        {
          subject: `chore: group ${v.mod} under text/`,
          culprit: true,
          renames: [[m, moved]],
          files: { [`${pkg}/text/__init__.py`]: '' },
        },
      ],
      culprit: moved,
    });
    // 5. connection refused: the settings file points at another port
    const settings = `${pkg}/settings.py`;
    out.push({
      ...unit,
      id: `py-connrefused-${v.domain}`,
      fault: 'config change',
      tags: ['config-only'],
      files: {
        ...project(v, pkg),
        [settings]: `SERVICE_HOST = "127.0.0.1"\nSERVICE_PORT = ${v.port + 100}\n`,
        [`${pkg}/client.py`]: `import json
import urllib.request

from ${pkg} import settings


def fetch_status():
    url = f"http://{settings.SERVICE_HOST}:{settings.SERVICE_PORT}/status"
    with urllib.request.urlopen(url, timeout=5) as res:
        return json.load(res)
`,
        'tests/test_client.py': `import http.server
import json
import threading
import unittest

from ${pkg}.client import fetch_status


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"ok": True}).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ClientTest(unittest.TestCase):
    def test_fetch_status(self):
        server = http.server.HTTPServer(("127.0.0.1", ${v.port + 100}), Handler)
        server.timeout = 3
        t = threading.Thread(target=server.handle_request, daemon=True)
        t.start()
        try:
            self.assertEqual(fetch_status(), {"ok": True})
        finally:
            server.server_close()


if __name__ == "__main__":
    unittest.main()
`,
      },
      commits: [
        noise(1),
        {
          subject: 'config: staging service port',
          culprit: true,
          files: { [settings]: `SERVICE_HOST = "127.0.0.1"\nSERVICE_PORT = ${v.port + 1100}\n` },
        },
      ],
      culprit: settings,
    });
    // 6. TypeError: a data file changed from a list to a mapping
    const data = `${pkg}/data/${v.domain}.json`;
    out.push({
      ...pytest,
      id: `py-data-typeerror-${v.domain}`,
      fault: 'data shape',
      tags: ['caller', 'data-only'],
      files: {
        ...project(v, pkg),
        [data]:
          JSON.stringify(
            [
              { name: 'a', [field]: 2 },
              { name: 'b', [field]: 3 },
            ],
            null,
            2,
          ) + '\n',
        [`${pkg}/load.py`]: `import json
import pathlib

DATA = pathlib.Path(__file__).parent / "data" / "${v.domain}.json"


def load_${v.item}s():
    rows = json.loads(DATA.read_text())
    return [{"name": r["name"], "${field}": r["${field}"]} for r in rows]
`,
        'tests/test_load.py': `from ${pkg}.load import load_${v.item}s


def test_loads_every_${v.item}():
    assert len(load_${v.item}s()) == 2
`,
      },
      commits: [
        {
          subject: `data: key ${v.domain} rows by name`,
          culprit: true,
          files: { [data]: JSON.stringify({ a: { [field]: 2 }, b: { [field]: 3 } }, null, 2) + '\n' },
        },
        noise(2, `${pkg}/report.py`),
      ],
      culprit: data,
    });
  });
  return spread(out, 2);
}
