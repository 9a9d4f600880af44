// A tiny JSON Schema (2020-12 subset) validator for the report schema: type, required, properties,
// items, prefixItems, minItems/maxItems, enum, const, minimum/maximum, pattern, $ref to #/$defs.
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const walk = (schema: Schema, v: unknown, at: string) => {
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/$defs/', '');
      return walk((root.$defs as Record<string, Schema>)[name], v, at);
    }
    const t = typeOf(v);
    if (schema.type) {
      const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
      if (!ok) return errors.push(`${at}: expected ${schema.type as string}, got ${t}`);
    }
    if (schema.enum && !(schema.enum as unknown[]).includes(v))
      errors.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if ('const' in schema && schema.const !== v)
      errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) errors.push(`${at}: below minimum`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) errors.push(`${at}: above maximum`);
    }
    if (
      typeof v === 'string' &&
      typeof schema.pattern === 'string' &&
      !new RegExp(schema.pattern, 'u').test(v)
    ) {
      errors.push(`${at}: does not match ${schema.pattern}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems)
        errors.push(`${at}: too few items`);
      if (typeof schema.maxItems === 'number' && v.length > schema.maxItems)
        errors.push(`${at}: too many items`);
      const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
      v.forEach((x, i) => {
        if (i < prefix.length) walk(prefix[i], x, `${at}[${i}]`);
        else if (schema.items) walk(schema.items as Schema, x, `${at}[${i}]`);
      });
    }
    if (t === 'object') {
      const obj = v as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? [])
        if (!(r in obj)) errors.push(`${at}: missing ${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, s] of Object.entries(props))
        if (k in obj && obj[k] !== undefined) walk(s, obj[k], `${at}.${k}`);
    }
  };
  walk(root, value, '$');
  return errors;
}
