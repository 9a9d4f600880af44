#!/usr/bin/env bash
# Regenerates the bundled example: a small TypeScript project as a real git repository
# (repo.bundle: a green commit, then three commits, one of which renames an export that
# another module still imports) and the real failing CI log (ci.log) that `tsc` prints on
# the head commit, in the GitHub Actions job-log format.
# Usage: bash examples/broken-export/make-example.sh   (from the repository root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
# A runner-like path, so the log shows what a GitHub runner prints.
repo=/home/runner/work/shop/shop
rm -rf "$repo" && mkdir -p "$repo"
cd "$repo"
git init -q -b main
git config user.name "Ada Example"; git config user.email "ada@example.com"
export GIT_AUTHOR_DATE="2026-11-20T09:00:00Z" GIT_COMMITTER_DATE="2026-11-20T09:00:00Z"
mkdir -p src
cat > tsconfig.json <<'J'
{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "noEmit": true }, "include": ["src"] }
J
cat > package.json <<'J'
{ "name": "shop", "private": true, "type": "module", "scripts": { "build": "tsc" } }
J
cat > src/pricing.ts <<'J'
export interface LineItem {
  sku: string;
  unitPrice: number;
  quantity: number;
}

export function lineTotal(item: LineItem): number {
  return item.unitPrice * item.quantity;
}

export function orderTotal(items: LineItem[]): number {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}
J
cat > src/cart.ts <<'J'
import { orderTotal, type LineItem } from './pricing.js';

export class Cart {
  private items: LineItem[] = [];

  add(item: LineItem): void {
    this.items.push(item);
  }

  total(): number {
    return orderTotal(this.items);
  }
}
J
cat > src/format.ts <<'J'
export function formatMoney(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
J
printf '# shop\n\nA tiny shop.\n' > README.md
git add -A && git commit -qm "Cart and pricing"
export GIT_AUTHOR_DATE="2026-11-21T10:00:00Z" GIT_COMMITTER_DATE="2026-11-21T10:00:00Z"
cat >> src/format.ts <<'J'

export function formatQuantity(quantity: number): string {
  return quantity === 1 ? '1 item' : `${quantity} items`;
}
J
git commit -qam "Add formatQuantity helper"
export GIT_AUTHOR_DATE="2026-11-21T11:00:00Z" GIT_COMMITTER_DATE="2026-11-21T11:00:00Z"
python3 - <<'P'
import re
p='src/pricing.ts'; s=open(p).read()
s=s.replace('export function orderTotal(items: LineItem[]): number {\n  return items.reduce((sum, item) => sum + lineTotal(item), 0);\n}',
'export function subtotal(items: LineItem[], discount = 0): number {\n  const gross = items.reduce((sum, item) => sum + lineTotal(item), 0);\n  return gross - gross * discount;\n}')
open(p,'w').write(s)
P
git commit -qam "Rename orderTotal to subtotal and support discounts"
export GIT_AUTHOR_DATE="2026-11-21T12:00:00Z" GIT_COMMITTER_DATE="2026-11-21T12:00:00Z"
printf '# shop\n\nA tiny shop with carts, pricing and formatting.\n' > README.md
git commit -qam "Describe the modules in the README"
git tag green HEAD~3
# The CI log: the real tsc of the repository root, on the head commit.
node "$root/scripts/runner-log.mjs" --format actions --job build --cwd "$repo" --path "$root/node_modules/.bin" \
  --run "git log --oneline -4" --run "tsc --noEmit -p ." > "$here/ci.log"
git bundle create "$here/repo.bundle" --all -q 2>/dev/null || git bundle create "$here/repo.bundle" --all
echo "wrote $here/ci.log and $here/repo.bundle"
