/** Bad input from the user (usage, a missing file, a malformed rule, a base that is not a commit). Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
}
