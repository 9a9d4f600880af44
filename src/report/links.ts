// The ONE link builder of every rendered output (PR comment, job summary, CLI markdown): links only to the
// GitHub server's own URLs (files at the head commit, job log lines, runs of the repository). Anything
// else is dropped, never rendered. Every URL goes through `href`, which percent-encodes whatever could end
// or break a markdown link destination — `(` `)` included, which encodeURIComponent leaves alone: a file
// named `x)(www.evil.example/pwn.js` would otherwise close the link and leave a live autolink after it.
import type { LineRange } from '../types.js';

export interface LinkTarget {
  /** `https://github.com` or a GHES base URL (no path beyond the server's own prefix, no credentials). */
  server: string;
  /** `owner/repo` */
  repo: string;
  headSha?: string;
  run?: number;
}

/** The validated server base (`https://host[/prefix]`, no trailing slash), or undefined. */
export function serverBase(server: string | undefined): string | undefined {
  if (!server) return undefined;
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password || u.search || u.hash)
    return undefined;
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;

const pct = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/** A path segment: encodeURIComponent, then the characters it leaves alone that mean something in markdown. */
function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[()!'*]/g, pct);
}

/**
 * A URL made safe as a markdown link destination (an absolute http(s) URL without credentials), or
 * undefined: characters that could end the destination or the table cell, start a title or an autolink
 * (`(`, `)`, `<`, `>`, `[`, `]`, quotes, backslash, `|`, white space, controls, non-ASCII) are
 * percent-encoded. The caller still decides WHICH URLs may be linked (fileLink, jobLogLink, runLink, ownUrl).
 */
export function href(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return undefined;
  return u.href.replace(/[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? pct(c) : encodeURIComponent(c),
  );
}

/**
 * A markdown link: `text` is markdown already escaped by the caller; the URL goes through `href` (the link
 * is dropped, the text kept, when it does not validate).
 */
export function mdLink(text: string, url: string | undefined): string {
  const h = href(url);
  return h ? `[${text}](${h})` : text;
}
const SHA = /^[0-9a-f]{7,64}$/i;

/** `{server}/{repo}/blob/{sha}/{path}#L40-L44`, or undefined when something does not validate. */
export function fileLink(t: LinkTarget | undefined, path: string, lines?: LineRange): string | undefined {
  const base = serverBase(t?.server);
  if (!base || !t || !REPO.test(t.repo) || !t.headSha || !SHA.test(t.headSha)) return undefined;
  const segs = path.split('/');
  if (!path || segs.some((s) => !s || s === '.' || s === '..')) return undefined;
  const encoded = segs.map(encodeSegment).join('/');
  const anchor =
    lines && lines[0] > 0 ? (lines[1] > lines[0] ? `#L${lines[0]}-L${lines[1]}` : `#L${lines[0]}`) : '';
  return href(`${base}/${t.repo}/blob/${t.headSha}/${encoded}${anchor}`);
}

/** `{server}/{repo}/actions/runs/{run}/job/{job}#step:{n}:{line}` */
export function jobLogLink(
  t: LinkTarget | undefined,
  run: number | undefined,
  job: number,
  step?: number,
  line?: number,
): string | undefined {
  const base = serverBase(t?.server);
  const r = run ?? t?.run;
  if (!base || !t || !REPO.test(t.repo) || !Number.isSafeInteger(r) || !Number.isSafeInteger(job))
    return undefined;
  const anchor = step && step > 0 ? `#step:${step}${line && line > 0 ? ':' + line : ''}` : '';
  return href(`${base}/${t.repo}/actions/runs/${r}/job/${job}${anchor}`);
}

/**
 * Accepts a URL built elsewhere (e.g. Finding.location.url) only when it points into the repository on
 * the same server; returns it with characters that could break a markdown link destination encoded.
 */
export function ownUrl(t: LinkTarget | undefined, url: string | undefined): string | undefined {
  const base = serverBase(t?.server);
  if (!base || !t || !url || !REPO.test(t.repo)) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.username || u.password) return undefined;
  if (!u.href.startsWith(`${base}/${t.repo}/`)) return undefined;
  return href(u.href);
}

/** `{server}/{repo}/actions/runs/{run}[/attempts/{n}]` */
export function runLink(t: LinkTarget | undefined, run: number, attempt?: number): string | undefined {
  const base = serverBase(t?.server);
  if (!base || !t || !REPO.test(t.repo) || !Number.isSafeInteger(run) || run <= 0) return undefined;
  const a = attempt && Number.isSafeInteger(attempt) && attempt > 0 ? `/attempts/${attempt}` : '';
  return href(`${base}/${t.repo}/actions/runs/${run}${a}`);
}
