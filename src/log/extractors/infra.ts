// Infrastructure failures, whatever tool prints them: the network, a registry's server error, the runner or
// pod going away, cancellation and time limits, memory and disk, the docker daemon, credentials. Each line
// is the documented wording of the layer that failed, not of the tool that happened to be running:
//
// - the C library's error strings (strerror / gai_strerror), which every tool on Linux prints as they are:
//   `Connection reset by peer` (ECONNRESET), `Connection timed out` (ETIMEDOUT), `Network is unreachable`
//   (ENETUNREACH), `No route to host`, `Temporary failure in name resolution` (EAI_AGAIN), `Name or
//   service not known` (EAI_NONAME), `No space left on device` (ENOSPC), `Disk quota exceeded`, `Cannot
//   allocate memory` (ENOMEM); Node.js prints the codes themselves (`ECONNRESET`, `ETIMEDOUT`,
//   `getaddrinfo ENOTFOUND host`, `socket hang up`);
// - Go's net and net/http errors (`i/o timeout`, `TLS handshake timeout`, `dial tcp: lookup h: no such
//   host`), curl's `Could not resolve host`, Java's `Read timed out` / `UnknownHostException`;
// - HTTP server errors a registry or a download answered (`502 Bad Gateway`, `503 Service Unavailable`,
//   `504 Gateway Timeout`, `status code: 5xx`, `HTTP error 5xx`);
// - the runner: GitHub's `The runner has received a shutdown signal`, `lost communication with the
//   server`, `has exceeded the maximum execution time`, `The action '…' has timed out`, `The operation was
//   canceled.`, `The job was canceled`; Travis' `No output has been received in the last …` and `The job
//   exceeded the maximum time limit`; Jenkins' `Build timed out (after N minutes)`;
// - memory: the kernel's `Out of memory: Killed process`, V8's `JavaScript heap out of memory`, the JVM's
//   `java.lang.OutOfMemoryError`, Go's `runtime: out of memory`, Rust's `memory allocation of N bytes
//   failed`, C++ `std::bad_alloc`, Python's `MemoryError`;
// - the docker CLI: `Cannot connect to the Docker daemon`, `error during connect:`, a registry the daemon
//   could not reach (`Error response from daemon: Get "https://…"`), Docker Hub's `toomanyrequests`;
// - credentials and permissions of the CI's services: git's `Authentication failed for`, `could not read
//   Username`, ssh's `Permission denied (publickey)`, HTTP `401 Unauthorized` / `403 Forbidden`, the AWS
//   CLI's `An error occurred (AccessDenied) when calling …`, `Unable to locate credentials`, GitHub's
//   `Bad credentials` / `Resource not accessible by integration`, docker's `unauthorized: authentication
//   required` / `denied: requested access to the resource is denied`, npm's `code E401` / `code E403`.
//
// Kind 'infra', tool 'infra', `code` the layer (network, server, runner, canceled, timeout, memory, disk,
// docker, credentials). extract.ts gives the kind to a tool finding on the same lines (a Go "compile error"
// whose message is a module download's `connection reset by peer` is a network failure).
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_INFRA_LINE = 36;

const MAX_LINE = 2000;

export type InfraCode =
  'network' | 'server' | 'runner' | 'canceled' | 'timeout' | 'memory' | 'disk' | 'docker' | 'credentials';

/** The lines of each layer, tried in order; the first that matches names the layer. */
const LAYERS: [InfraCode, RegExp][] = [
  [
    'disk',
    /\bNo space left on device\b|\bENOSPC: no space\b|\bDisk quota exceeded\b|You are running out of disk space/i,
  ],
  [
    'memory',
    /\bOut of memory: Kill(?:ed)? process\b|JavaScript heap out of memory|java\.lang\.OutOfMemoryError\b|\bruntime: out of memory\b|\bmemory allocation of \d+ bytes failed\b|\bstd::bad_alloc\b|^\s*(?:E\s+)?MemoryError\b|\bCannot allocate memory\b|\bCUDA out of memory\b/,
  ],
  [
    'runner',
    /The runner has received a shutdown signal|lost communication with the server|The job was not acquired by Runner|no (?:enabled )?runners online|The hosted runner: .* lost communication/,
  ],
  [
    'timeout',
    /has exceeded the maximum execution time|The action '[^']*' has timed out after|No output has been received in the last \S+|The job exceeded the maximum time limit|Build timed out \(after \d+/,
  ],
  [
    'canceled',
    /^(?:##\[error\])?(?:Error: )?The (?:operation|job|run) was cancell?ed\b|^Canceling since a higher priority/,
  ],
  [
    'docker',
    /Cannot connect to the Docker daemon|\berror during connect: |\bError response from daemon: (?:Get|Head) "?https?:|\btoomanyrequests: /,
  ],
  [
    'credentials',
    /\bAuthentication failed for '|could not read Username for '|Permission denied \(publickey\)|\b401 Unauthorized\b|\b403 Forbidden\b|An error occurred \((?:AccessDenied|AccessDeniedException|UnauthorizedOperation|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch)\)|Unable to locate credentials|Could not load credentials from any providers|Credentials could not be loaded|\bBad credentials\b|Resource not accessible by (?:integration|personal access token)|unauthorized: authentication required|denied: requested access to the resource is denied|\bcode E40[13]\b/,
  ],
  [
    'network',
    /[Cc]onnection reset by peer|\bECONNRESET\b|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|\bEAI_AGAIN\b|getaddrinfo ENOTFOUND|socket hang up|[Cc]onnection timed out|Network is unreachable|No route to host|Temporary failure in name resolution|Name or service not known|Could not resolve host|: no such host\b|\bi\/o timeout\b|TLS handshake timeout|\bRead timed out\b|java\.net\.(?:UnknownHostException|SocketTimeoutException|SocketException)\b|unexpected EOF while reading|Failed to connect to \S+ port \d+/,
  ],
  [
    'server',
    /\b50[0234] (?:Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out)\b|\bstatus code:? 50[0234]\b|\bHTTP (?:error |status )?50[0234]\b|returned error: 50[0234]\b/i,
  ],
];

/** What a reader is told each layer means (the verdict's words). */
export const INFRA_WHAT: Record<InfraCode, string> = {
  network: 'the network dropped or timed out',
  server: 'a server (registry, download) answered with an error',
  runner: 'the runner went away',
  canceled: 'the run was canceled',
  timeout: 'the job ran out of time',
  memory: 'the machine ran out of memory',
  disk: 'the disk is full',
  docker: 'the docker daemon failed',
  credentials: 'credentials or permissions were refused',
};

/** The infrastructure layer a line names, if any. */
export function infraLayer(text: string): InfraCode | undefined {
  const t = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  for (const [code, re] of LAYERS) if (re.test(t)) return code;
  return undefined;
}

/** Lines that only say a retry will follow (a download that then succeeded): not a failure by themselves. */
const RETRYING = /\bretry(?:ing)?\b|\bwill retry\b|\bretrying in\b|\battempt \d+ (?:of|\/) ?\d+/i;

export const infra: Extractor = {
  name: 'infra',
  triggers:
    /space left|quota|out of disk|memory|bad_alloc|MemoryError|shutdown signal|lost communication|acquired by Runner|runners online|execution time|timed out|No output has been|time limit|cancell?ed|Canceling since|Docker daemon|from daemon|toomanyrequests|Authentication failed|Username for|publickey|Unauthorized|Forbidden|An error occurred \(|credentials|not accessible by|authentication required|requested access|E40[13]|reset by peer|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|hang up|unreachable|route to host|name resolution|service not known|resolve host|no such host|i\/o timeout|handshake timeout|java\.net\.|unexpected EOF|Failed to connect|50[0234]/i,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (const line of lines) {
      const text = (line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text).trim();
      if (text === '') continue;
      const code = infraLayer(text);
      if (!code || RETRYING.test(text)) continue;
      const f: Finding = {
        kind: 'infra',
        tool: 'infra',
        code,
        message: text.replace(/^##\[error\]/, '').slice(0, 300),
        logLines: [line.n, line.n],
        weight: WEIGHT_INFRA_LINE,
      };
      if (line.segment !== undefined) f.segment = line.segment;
      findings.push(f);
    }
    return findings;
  },
};
