// Regenerates docs/comment.png, the picture of a comment in the README: the report of a real run of the
// bundled example (`npm start -- --format markdown`: a real tsc log and the repository it came from),
// rendered to HTML by marked (GitHub-flavoured Markdown) with github-markdown-css, and photographed by
// headless Chromium. Needs `npm run build` first and a `chromium` on PATH (Debian: apt-get install chromium).
//   node scripts/screenshot-comment.mjs [--out docs/comment.png] [--width 860]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { marked } from 'marked';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/comment.png' },
    width: { type: 'string', default: '860' },
  },
});
const out = resolve(root, values.out);
const width = Number(values.width);
const chromium = process.env.CHROMIUM ?? 'chromium';

// 1. the comment: the example's report as markdown, exactly as the CLI prints it
const example = spawnSync(process.execPath, [join(root, 'scripts', 'example.mjs'), '--format', 'markdown'], {
  encoding: 'utf8',
});
if (example.status !== 0) throw new Error(`the example failed (run npm run build first): ${example.stderr}`);
const markdown = example.stdout;

// 2. as GitHub shows it: GFM rendered into a comment box with GitHub's markdown stylesheet
const css = readFileSync(
  createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'),
  'utf8',
);
const page = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; padding: 16px; background: #fff; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; max-width: ${width - 34}px; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0;
  padding: 8px 16px; font: 14px -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #59636e; }
.comment-header b { color: #1f2328; }
.markdown-body { padding: 16px; font-size: 14px; }
</style></head><body><div class="comment"><div class="comment-header"><b>github-actions</b> <span>bot</span> commented</div>
<article class="markdown-body">${marked.parse(markdown, { gfm: true })}</article></div>
<script>document.title = String(Math.ceil(document.querySelector('.comment').getBoundingClientRect().bottom) + 16);</script></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-screenshot-'));
try {
  const html = join(dir, 'comment.html');
  writeFileSync(html, page);
  const url = pathToFileURL(html).href;
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    `--user-data-dir=${dir}/profile`,
  ];
  // 3. the page's height (the script above puts it in the title), then the picture at that size
  const dom = execFileSync(chromium, [...flags, `--window-size=${width},4000`, '--dump-dom', url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1]);
  if (!height) throw new Error('could not measure the page');
  execFileSync(chromium, [...flags, `--window-size=${width},${height}`, `--screenshot=${out}`, url], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  process.stdout.write(`${out}: ${width}×${height}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
