// Identifiers of error messages and test names, and the tokens of changed lines they are matched
// against (the Orca idea: an identifier that is rare among the changed lines says more than a common one).

/** A term taken from a finding, with how much it is worth before rarity. */
export interface Term {
  token: string;
  /** 1.5 quoted in the message, 1.2 shaped like an identifier, 0.6 a plain word. */
  quality: number;
  quoted: boolean;
}

/** Tokens shorter than this are ignored (`id`, `a`, `fs` match too much). */
export const MIN_TOKEN_LENGTH = 3;
/** The most characters of one line that are tokenised (minified lines). */
const MAX_LINE_CHARS = 4000;

const IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;

// Words of error messages and test descriptions, language keywords and very common identifiers:
// matching them against changed lines is noise.
const STOP = new Set(
  `about above after again all also and any are args argument arguments array assert assertion async await
  been before being bool boolean but byte call called calling can cannot catch char class code column
  compile compiled const constructor contain contains could declare declared declaration declarations def default
  defined del did does doesn doing done each elif else empty end enum equal equals err error errors exist exists
  expect expected export exported exports extends fail failed failing fails false file files find float
  for found from func function get got has have having her his how if import imported imports in
  index instance int interface into invalid is isn its itself key lambda length let line lines list
  long main map match matches member members message method missing module modules must name named
  need new nil none not null number obj object of once one only or other own package param parameter
  parameters pass passed path print private property props protected public raise raised read reading
  received require required resolve resolved result return returns run self set should since some
  spec src static str string struct such super support supported test tests than that the their them
  then there these they this throw thrown throws to too true try type types typeof undefined unexpected
  unknown use used uses using val value values var void was were what when where which while will with
  within without would yet you your assignable argument overload expression statement implicitly
  exit code process completed npm yarn pnpm node jest vitest mocha should test_ lib dist build`
    .split(/\s+/)
    .filter(Boolean),
);

// Even quoted, these say nothing about the code (`undefined`, `'object'` ...).
const QUOTED_STOP = new Set(
  // type names: 'str' in "string indices must be integers, not 'str'" names no code
  (
    'undefined null true false function object string number boolean symbol bigint none nil void any unknown never ' +
    'str int float bool dict list tuple bytes nonetype complex i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize ' +
    'f32 f64 char'
  ).split(' '),
);

export function isStopWord(token: string): boolean {
  return STOP.has(token.toLowerCase());
}

/** Identifier-shaped: camelCase, PascalCase with an inner capital, snake_case, `$`, digits inside. */
function identifierShaped(token: string): boolean {
  return /[a-z][A-Z]|[A-Z][a-z]+[A-Z]|_|\$|[A-Za-z][0-9]/.test(token);
}

/** The identifiers of a code line (for the changed lines index). */
export function codeTokens(text: string): string[] {
  const s = text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) : text;
  const out = new Set<string>();
  for (const m of s.matchAll(IDENT)) if (m[0].length >= MIN_TOKEN_LENGTH) out.add(m[0]);
  return [...out];
}

/** Quoted spans of a message: '...', "...", `...`, ‘...’ (not across 200 characters). */
export function quotedSpans(message: string): string[] {
  const out: string[] = [];
  const re = /'([^'\n]{1,200})'|"([^"\n]{1,200})"|`([^`\n]{1,200})`|‘([^’\n]{1,200})’|“([^”\n]{1,200})”/g;
  for (const m of message.matchAll(re)) {
    const v = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (v) out.push(v);
  }
  return out;
}

/** Looks like a path or a module specifier: has a slash, or ends with a file extension. */
export function isPathLike(s: string): boolean {
  if (/\s/.test(s)) return false;
  return (
    s.includes('/') ||
    /^[\w.-]+\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|c|h|cpp|hpp|json|ya?ml|toml|env|lock)$/.test(s)
  );
}

/**
 * Terms of a finding's message and test name, most telling first. Quoted spans that look like paths
 * are left to the module/path signal; their identifiers are not terms.
 */
export function messageTerms(message: string, test?: string): Term[] {
  const terms = new Map<string, Term>();
  const add = (token: string, quality: number, quoted: boolean) => {
    if (token.length < MIN_TOKEN_LENGTH) return;
    if (quoted ? QUOTED_STOP.has(token.toLowerCase()) : isStopWord(token)) return;
    const prev = terms.get(token);
    if (!prev || prev.quality < quality) terms.set(token, { token, quality, quoted });
  };
  const text = message.length > MAX_LINE_CHARS ? message.slice(0, MAX_LINE_CHARS) : message;
  const quoted = quotedSpans(text);
  const pathish = new Set<string>();
  for (const q of quoted) {
    const inner = q.replace(/^["'`]|["'`]$/g, '');
    if (isPathLike(inner)) {
      for (const m of inner.matchAll(IDENT)) pathish.add(m[0]);
      continue;
    }
    for (const m of inner.matchAll(IDENT)) add(m[0], 1.5, true);
  }
  const scan = (s: string, plainQuality: number) => {
    for (const m of s.matchAll(IDENT)) {
      const tok = m[0];
      if (pathish.has(tok)) continue;
      const i = m.index ?? 0;
      const before = s[i - 1];
      const after = s[i + tok.length];
      const member = before === '.' || after === '(' || after === '.';
      add(tok, identifierShaped(tok) || member ? 1.2 : plainQuality, false);
    }
  };
  scan(text.replace(/https?:\/\/\S+/g, ' '), 0.6);
  if (test) scan(test.length > MAX_LINE_CHARS ? test.slice(0, MAX_LINE_CHARS) : test, 0.6);
  return [...terms.values()].sort((a, b) => b.quality - a.quality);
}

/**
 * Module specifiers and file paths named by a message: `Cannot find module './utils'`,
 * `Module '"./util"' has no exported member`, `No module named 'app.models'`, `open 'config/app.json'`.
 * `module` tells whether the message is about importing it.
 */
export function pathReferences(message: string): { spec: string; module: boolean }[] {
  const text = message.length > MAX_LINE_CHARS ? message.slice(0, MAX_LINE_CHARS) : message;
  const moduleMsg = /\b(?:module|import|require|resolve|package)\b/i.test(text);
  const out = new Map<string, boolean>();
  for (const q of quotedSpans(text)) {
    const inner = q.replace(/^["'`]|["'`]$/g, '');
    if (isPathLike(inner)) out.set(inner, moduleMsg);
    else if (
      /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+$/.test(inner) &&
      /No module named|cannot import|ImportError|ModuleNotFound/i.test(text)
    ) {
      out.set(inner.replace(/\./g, '/'), true); // python dotted module
    }
  }
  const py = /No module named ['"]?([A-Za-z_][\w.]*)/.exec(text);
  if (py && !out.size) out.set(py[1].replace(/\./g, '/'), true);
  return [...out].map(([spec, module]) => ({ spec, module }));
}

/**
 * Inverse document frequency over the changed lines: idf(t) = ln(1 + N / df(t)), normalised by
 * ln(1 + N) so the rarest token (in one line) weighs 1 and a token in every line ln 2 / ln(1 + N).
 */
export class TokenRarity {
  private df = new Map<string, number>();
  private lines = 0;

  addLine(tokens: string[]): void {
    this.lines++;
    for (const t of tokens) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  /** 0..1; 0 for a token that is in no changed line. */
  weight(token: string): number {
    const df = this.df.get(token) ?? 0;
    if (!df || !this.lines) return 0;
    return Math.log(1 + this.lines / df) / Math.log(1 + this.lines);
  }
}

/** A name a message says is missing (removed, renamed, never declared), and where it was looked for. */
export interface MissingSymbol {
  name: string;
  /** The class, module or package it was looked up in: `Stock`, `app/helpers`, `./util`. */
  owner?: string;
}

const MAX_SYMBOLS = 4;
const ID = '[A-Za-z_$][\\w$]*';
/** Phrasings of compilers and runtimes for a name that is not there (each documented by the tool's own output). */
const MISSING_SYMBOL: { re: RegExp; name: number; owner?: number }[] = [
  // javac: "cannot find symbol" with its detail line `symbol:   method foo(int)` (and `location: class Stock`)
  {
    re: new RegExp(
      `\\bsymbol:\\s+(?:static\\s+)?(?:method|variable|class|field|constructor|interface|enum|record)\\s+(${ID})`,
    ),
    name: 1,
  },
  // TypeScript / ES modules
  {
    re: new RegExp(`Module ['"]+([^'"\\s]+)['"]+ has no exported member ['"](${ID})['"]`),
    name: 2,
    owner: 1,
  },
  { re: new RegExp(`has no exported member (?:named )?['"](${ID})['"]`), name: 1 },
  {
    re: new RegExp(`does not provide an export named ['"](${ID})['"]`),
    name: 1,
  },
  {
    re: new RegExp(`Property ['"](${ID})['"] does not exist on type ['"](?:typeof )?(${ID})`),
    name: 1,
    owner: 2,
  },
  { re: new RegExp(`Cannot find name ['"](${ID})['"]`), name: 1 },
  // Python
  { re: new RegExp(`module ['"]([\\w.]+)['"] has no attribute ['"](${ID})['"]`), name: 2, owner: 1 },
  { re: new RegExp(`['"](${ID})['"] object has no attribute ['"](${ID})['"]`), name: 2, owner: 1 },
  { re: new RegExp(`has no attribute ['"](${ID})['"]`), name: 1 },
  { re: new RegExp(`cannot import name ['"](${ID})['"](?: from ['"]([\\w.]+)['"])?`), name: 1, owner: 2 },
  { re: new RegExp(`name ['"](${ID})['"] is not defined`), name: 1 },
  // Go
  { re: new RegExp(`\\bundefined: (?:(${ID})\\.)?(${ID})`), name: 2, owner: 1 },
  { re: new RegExp(`(?:^|\\s)(?:(${ID})\\.)?(${ID}) undefined \\(type`), name: 2, owner: 1 },
  { re: new RegExp(`has no field or method (${ID})`), name: 1 },
  // Rust
  {
    re: new RegExp(
      `cannot find (?:function|value|type|struct|macro|trait|enum|module|crate|associated item)\\s+\`(${ID})\``,
    ),
    name: 1,
  },
  {
    re: new RegExp(`no (?:method|function or associated item|associated item|field) named \`(${ID})\``),
    name: 1,
  },
  { re: new RegExp(`unresolved import \`(?:[\\w:]+::)?(${ID})\``), name: 1 },
  // JavaScript at run time, Kotlin, C, Ruby, PHP
  { re: new RegExp(`(?:^|[\\s(])(?:(${ID})\\.)?(${ID}) is not a function`), name: 2, owner: 1 },
  { re: new RegExp(`(?:ReferenceError: )(${ID}) is not defined`), name: 1 },
  { re: new RegExp(`Unresolved reference:? ['\`]?(${ID})`), name: 1 },
  { re: new RegExp(`implicit declaration of function ['‘\`"](${ID})`), name: 1 },
  { re: new RegExp(`undefined reference to [\`'‘"](${ID})`), name: 1 },
  { re: new RegExp(`['‘\`"](${ID})['’"] undeclared`), name: 1 },
  { re: new RegExp(`undefined method [\`'](${ID}[?!]?)'`), name: 1 },
  { re: new RegExp(`uninitialized constant (?:[\\w:]+::)?(${ID})`), name: 1 },
  { re: new RegExp(`Call to undefined (?:method (${ID})::|function )(${ID})`), name: 2, owner: 1 },
];
/** javac's `location: class Stock` / `location: variable stock of type Stock` detail line. */
const JAVA_LOCATION = new RegExp(
  `\\blocation:\\s+(?:(?:class|interface|enum|record)\\s+|variable\\s+${ID}\\s+of\\s+type\\s+)([\\w.]+)`,
);

/**
 * The names a finding says are missing, from its message and, when the message lacks them, its excerpt (the
 * detail lines some compilers print under the message: javac's `symbol:` and `location:`).
 */
export function missingSymbols(message: string, excerpt: string[] = []): MissingSymbol[] {
  const out: MissingSymbol[] = [];
  const texts = [message.slice(0, MAX_LINE_CHARS), ...excerpt.slice(0, 15).map((l) => l.slice(0, 500))];
  let javaOwner: string | undefined;
  for (const t of texts) {
    const loc = JAVA_LOCATION.exec(t);
    if (loc && !javaOwner) javaOwner = loc[1].split('.').pop();
  }
  for (const t of texts) {
    for (const { re, name, owner } of MISSING_SYMBOL) {
      const m = re.exec(t);
      if (!m?.[name] || m[name].length < MIN_TOKEN_LENGTH || QUOTED_STOP.has(m[name].toLowerCase())) continue;
      if (out.some((s) => s.name === m[name])) continue;
      const own =
        (owner !== undefined ? m[owner] : undefined) ?? (/\bsymbol:/.test(t) ? javaOwner : undefined);
      out.push(own ? { name: m[name], owner: own } : { name: m[name] });
      if (out.length >= MAX_SYMBOLS) return out;
    }
  }
  return out;
}
