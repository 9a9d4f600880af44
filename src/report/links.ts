// Links the report may contain: only to the GitHub server's own URLs (files at the head commit,
// job log lines of the run). Anything else is dropped, never rendered.
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
const SHA = /^[0-9a-f]{7,64}$/i;

/** `{server}/{repo}/blob/{sha}/{path}#L40-L44`, or undefined when something does not validate. */
export function fileLink(t: LinkTarget | undefined, path: string, lines?: LineRange): string | undefined {
  const base = serverBase(t?.server);
  if (!base || !t || !REPO.test(t.repo) || !t.headSha || !SHA.test(t.headSha)) return undefined;
  const segs = path.split('/');
  if (!path || segs.some((s) => !s || s === '.' || s === '..')) return undefined;
  const encoded = segs.map((s) => encodeURIComponent(s)).join('/');
  const anchor =
    lines && lines[0] > 0 ? (lines[1] > lines[0] ? `#L${lines[0]}-L${lines[1]}` : `#L${lines[0]}`) : '';
  return `${base}/${t.repo}/blob/${t.headSha}/${encoded}${anchor}`;
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
  return `${base}/${t.repo}/actions/runs/${r}/job/${job}${anchor}`;
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
  const href = u.href;
  if (!href.startsWith(`${base}/${t.repo}/`)) return undefined;
  return href.replace(
    /[()<>\s"'`\\|]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
}

/** `{server}/{repo}/actions/runs/{run}[/attempts/{n}]` */
export function runLink(t: LinkTarget | undefined, run: number, attempt?: number): string | undefined {
  const base = serverBase(t?.server);
  if (!base || !t || !REPO.test(t.repo) || !Number.isSafeInteger(run) || run <= 0) return undefined;
  const a = attempt && Number.isSafeInteger(attempt) && attempt > 0 ? `/attempts/${attempt}` : '';
  return `${base}/${t.repo}/actions/runs/${run}${a}`;
}
