export interface PathContext {
  /** Every file in the repository at head, repository-relative with `/` separators. */
  repoFiles?: string[];
  /** Paths changed in the range. */
  changedFiles?: string[];
}

export interface MappedPath {
  /** Repository-relative path, when the raw path maps to one. */
  path?: string;
  /** node_modules, site-packages, vendor/, the runtime ...: context, never a suspect. */
  vendored: boolean;
}

/** Maps a path as printed in a log to a repository-relative path. */
export function mapPath(raw: string, _ctx: PathContext = {}): MappedPath {
  return { path: raw.replace(/^\.\//, ''), vendored: /node_modules\//.test(raw) };
}
