import type { Resource } from '../model/resource.ts';

export interface ScopeOptions {
  /** `--all`: check resources the change leaves alone too. */
  includeUnchanged: boolean;
}

/** Deleted resources are never checked; unchanged ones only with `--all`. */
export function inScope(resource: Resource, options: ScopeOptions): boolean {
  switch (resource.action) {
    case 'create':
    case 'update':
    case 'replace':
      return true;
    case 'no-op':
      return options.includeUnchanged;
    case 'delete':
      return false;
  }
}
