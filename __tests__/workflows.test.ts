// The repository's own workflows (.github/workflows) and action.yml are real configuration: each is valid
// for the GitHub workflow / action JSON schemas (SchemaStore's, through @action-validator/core), and keeps
// the rules of docs/README: actions pinned to commits, the least permissions, the workflow_run job never
// checking out or running pull request code, publishing guarded by its secret.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import yaml from 'js-yaml';

interface ValidationState {
  errors: { code: string; title: string; path?: string; detail?: string }[];
}
const validator = createRequire(import.meta.url)('@action-validator/core') as {
  validateWorkflow(src: string): ValidationState;
  validateAction(src: string): ValidationState;
};

const ROOT = process.cwd();
const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');
/* eslint-disable @typescript-eslint/no-explicit-any */
const parsed = (f: string) => yaml.load(text(f)) as any;
const stepsOf = (wf: any) => Object.values(wf.jobs).flatMap((j: any) => j.steps ?? []);

describe('workflow syntax', () => {
  test('the three workflows are there', () => {
    expect(files.sort()).toEqual(['ci-root-cause.yml', 'ci.yml', 'release.yml']);
  });

  test.each(files)('%s is a valid workflow', (f) => {
    expect(validator.validateWorkflow(text(f)).errors).toEqual([]);
  });

  test('broken workflows fail the validation (the validator is not a no-op)', () => {
    const ci = text('ci.yml');
    const broken = [
      ci.replace('    steps:\n', '    stepz:\n'), // unknown job key
      ci.replace('  pull_request:\n', '  pull_requests:\n'), // unknown event
      ci.replace('  contents: read\n', '  content: read\n'), // unknown permission
      ci.replace('run: npm run lint', 'run: echo "a: b"\n        uses: ./'), // run and uses in one step
      ci.replace('jobs:\n', 'jobs: [\n'), // not YAML
    ];
    for (const src of broken) {
      expect(src).not.toBe(ci);
      expect(validator.validateWorkflow(src).errors.length).toBeGreaterThan(0);
    }
  });

  test('action.yml is a valid action', () => {
    // The schema in @action-validator/core 0.6.0 predates `using: node24` (it knows node12/16/20): that one
    // value is checked here, the rest of the file by the schema.
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    expect(action).toMatch(/^ {2}using: 'node24'$/m);
    expect(validator.validateAction(action.replace("using: 'node24'", "using: 'node20'")).errors).toEqual([]);
    expect(validator.validateAction(action.replace('runs:', 'run:')).errors.length).toBeGreaterThan(0);
  });
});

describe('what the workflows do', () => {
  test('every action from another repository is pinned to a full commit SHA', () => {
    for (const f of files)
      for (const s of stepsOf(parsed(f)) as any[])
        if (s.uses && !s.uses.startsWith('./')) expect(s.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  test('CI: on push and pull_request, from the lockfile, lint, types, dist compared, tests', () => {
    const wf = parsed('ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const runs = stepsOf(wf)
      .map((s: any) => s.run ?? '')
      .join('\n');
    for (const cmd of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm run build', 'npm test'])
      expect(runs).toContain(cmd);
    expect(runs).toMatch(/git status --porcelain -- dist/);
  });

  test('the action on its own failed CI: workflow_run, uses ./ from the default branch, never the PR head', () => {
    const wf = parsed('ci-root-cause.yml');
    expect(wf.on.workflow_run).toEqual({ workflows: ['CI'], types: ['completed'] });
    expect(wf.permissions).toEqual({ actions: 'read', contents: 'read', 'pull-requests': 'write' });
    const steps = stepsOf(wf) as any[];
    expect(steps.some((s) => s.uses === './')).toBe(true);
    const checkout = steps.find((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with.ref).toBe('${{ github.event.repository.default_branch }}');
    expect(checkout.with['persist-credentials']).toBe(false);
    // nothing from the triggering run's head is checked out or run
    expect(text('ci-root-cause.yml')).not.toMatch(/workflow_run\.head_(sha|commit)|pull_request\.head/);
  });

  test('release: on version tags; verified first; release notes, major tag, npm provenance guarded by NPM_TOKEN', () => {
    const wf = parsed('release.yml');
    expect(wf.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs['github-release'].needs).toBe('verify');
    expect(wf.jobs['npm-publish'].needs).toBe('verify');
    expect(wf.jobs['github-release'].permissions).toEqual({ contents: 'write' });
    expect(wf.jobs['npm-publish'].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const release = wf.jobs['github-release'].steps.map((s: any) => s.run).join('\n');
    expect(release).toContain('--generate-notes');
    expect(release).toContain('major="${TAG%%.*}"');
    const publish = wf.jobs['npm-publish'];
    expect(publish.env.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
    const npmPublish = publish.steps.find((s: any) => String(s.run).startsWith('npm publish'));
    expect(npmPublish.run).toContain('--provenance');
    // npm refuses provenance whose repository differs from package.json's: set from the workflow's own
    expect(publish.steps.map((s: any) => s.run ?? '').join('\n')).toContain(
      'npm pkg set repository.type=git "repository.url=git+$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git"',
    );
    // every step that does something is guarded by the secret: without it the job does nothing
    for (const s of publish.steps) expect(s.if).toMatch(/^env\.NODE_AUTH_TOKEN [!=]= ''$/);
    const verify = wf.jobs.verify.steps.map((s: any) => s.run ?? '').join('\n');
    for (const cmd of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm pack --dry-run'])
      expect(verify).toContain(cmd);
  });
});

describe("the README's workflows to copy", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((b) => /^on:/m.test(b));

  test('are valid workflows, with the action pinned to a full commit SHA (the placeholder filled in)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const b of blocks) {
      expect(b).toMatch(/uses: OWNER\/ci-root-cause@<full-commit-sha> # v\d/);
      expect(b).not.toMatch(/ci-root-cause@v\d/);
      const filled = b.replace('<full-commit-sha>', '0123456789abcdef0123456789abcdef01234567');
      expect(validator.validateWorkflow(filled).errors).toEqual([]);
      const permissions = (yaml.load(filled) as any).permissions;
      expect(permissions).toMatchObject({ actions: 'read', contents: 'read', 'pull-requests': 'write' });
      // `issues: read` only where the workflow reads known issues; nothing else
      expect(
        Object.keys(permissions).filter((k) => !['actions', 'contents', 'pull-requests'].includes(k)),
      ).toEqual(Object.keys(permissions).includes('issues') ? ['issues'] : []);
      if (permissions.issues) expect(permissions.issues).toBe('read');
    }
  });
});
