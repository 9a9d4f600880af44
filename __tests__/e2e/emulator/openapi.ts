// Validates the emulator's response bodies against GitHub's official OpenAPI description
// (@octokit/openapi): a small JSON-schema subset — $ref, type (with nullable), required, properties,
// items, enum, allOf/anyOf/oneOf — enough to catch a missing or mistyped field.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = any;

let doc: any;
function spec(): any {
  if (!doc) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('@octokit/openapi/package.json'));
    doc = JSON.parse(readFileSync(join(dir, 'generated', 'api.github.com.json'), 'utf8'));
  }
  return doc;
}

function deref(s: Schema): Schema {
  let seen = 0;
  while (s && s.$ref && seen++ < 50) {
    const parts = String(s.$ref).replace(/^#\//, '').split('/');
    s = parts.reduce((o: any, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec());
  }
  return s;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(
  value: unknown,
  schema: Schema,
  path = '$',
  errors: string[] = [],
  depth = 0,
): string[] {
  schema = deref(schema);
  if (!schema || depth > 40 || errors.length > 50) return errors;
  if (schema.allOf) for (const s of schema.allOf) validate(value, s, path, errors, depth + 1);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (schema[key]) {
      const ok = schema[key].some((s: Schema) => validate(value, s, path, [], depth + 1).length === 0);
      if (!ok) errors.push(`${path}: matches none of ${key}`);
    }
  }
  if (value === null) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!(schema.nullable || types.includes('null') || schema.type === undefined))
      errors.push(`${path}: null not allowed`);
    return errors;
  }
  const t = typeOf(value);
  if (schema.type) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) {
      errors.push(`${path}: expected ${types.join('|')}, got ${t}`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`);
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) errors.push(`${path}: missing required '${r}'`);
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (k in obj && obj[k] !== undefined) validate(obj[k], s, `${path}.${k}`, errors, depth + 1);
    }
  }
  if (t === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) => validate(v, schema.items, `${path}[${i}]`, errors, depth + 1));
  }
  return errors;
}

/** The response schema of an operation, or undefined when the description has no JSON body for it. */
export function responseSchema(method: string, template: string, status: number): Schema | undefined {
  const op = spec().paths?.[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${template} in the OpenAPI description`);
  const res = deref(op.responses?.[String(status)]);
  // Error answers the description does not list for this operation still have GitHub's error shape.
  if (!res && status >= 400) return { $ref: '#/components/schemas/basic-error' };
  if (!res) throw new Error(`no response ${status} for ${method} ${template} in the OpenAPI description`);
  return res.content?.['application/json']?.schema;
}

export interface RecordedResponse {
  method: string;
  template: string;
  status: number;
  body: unknown;
}

/** Every violation among the recorded responses (empty when all conform). */
export function validateResponses(responses: RecordedResponse[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of responses) {
    const key = `${r.method} ${r.template} ${r.status} ${JSON.stringify(r.body).length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let schema: Schema | undefined;
    try {
      schema = responseSchema(r.method, r.template, r.status);
    } catch (e) {
      out.push((e as Error).message);
      continue;
    }
    if (!schema) continue;
    for (const e of validate(r.body, schema)) out.push(`${r.method} ${r.template} ${r.status}: ${e}`);
  }
  return out;
}
