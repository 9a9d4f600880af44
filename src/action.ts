export async function run(): Promise<void> {
  process.stderr.write('ci-root-cause: the action is not implemented yet\n');
  process.exitCode = 1;
}
