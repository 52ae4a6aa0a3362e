import type { Service } from './layout.js';

/** One file the provisioner puts on a host. */
export interface RenderedFile {
  /** absolute path on the host */
  path: string;
  content: string;
  /** octal mode, e.g. 0o644 */
  mode: number;
  owner: string;
  group: string;
  /** the service that must restart when this file changes */
  service: Service | null;
  /**
   * 'file': the tool owns the whole file. 'block': a managed block merged into a file the
   * system owns (/etc/hosts), between marker lines; content is the block with its markers.
   */
  kind: 'file' | 'block';
  /** holds a key or a password: never shown (diffs, npm run render) */
  secret?: boolean;
}

/** A file the tool puts on hosts as it is, not rendered: the metrics agent jar. */
export interface ShippedFile extends Omit<RenderedFile, 'content' | 'kind'> {
  content: Buffer;
  kind: 'file';
}

/** What a provision puts on a host: rendered files and shipped ones. */
export type HostFile = RenderedFile | ShippedFile;

export interface HostFiles {
  host: string;
  files: RenderedFile[];
}
