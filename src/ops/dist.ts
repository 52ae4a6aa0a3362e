// Installing a distribution (Kafka's, Spark's): upload the tarball only when the host's copy has another
// sha512 (stamped beside it, so the next run need not read 45 MB again), unpack it into a
// versioned folder that appears by rename (so it is complete or absent), and switch the
// KAFKA_HOME (SPARK_HOME) symlink atomically (rename of a new link over the old).
import { posix } from 'node:path';
import type { DistFact } from '../facts/host.js';
import { sh } from '../core/shell.js';

/** The distributions a host can need: Kafka's on every host, Spark's where a Spark daemon runs. */
export type Component = 'kafka' | 'spark';

/** Where a distribution lives on a host. */
export interface RemoteDist {
  component: Component;
  /** e.g. kafka_2.13-3.9.2, spark_2.13-4.2.0 */
  name: string;
  tarball: string;
  /** the versioned folder */
  dir: string;
  /** KAFKA_HOME or SPARK_HOME */
  link: string;
}

/** The local tarball built for a component. */
export interface LocalDist {
  path: string;
  sha512: string;
}

export interface DistTarget extends RemoteDist {
  localPath: string;
  localSha512: string;
}

export interface DistPlan {
  upload: boolean;
  /** write the tarball's sha512 stamp: after an upload, or beside a kept tarball that has none */
  stamp: boolean;
  unpack: boolean;
  switchLink: boolean;
  reasons: string[];
}

export function planDist(target: DistTarget, fact: DistFact): DistPlan {
  const reasons: string[] = [];
  const upload = fact.tarballSha512 !== target.localSha512;
  if (upload) reasons.push(fact.tarballSha512 === null ? 'tarball not on host' : 'tarball sha512 differs');
  const stamp = upload || !fact.stamped;
  if (stamp && !upload) reasons.push('tarball sha512 not stamped beside it');
  const unpack = upload || !fact.unpacked;
  if (unpack && !upload) reasons.push(`${target.dir} missing`);
  const switchLink = fact.linkTarget !== target.dir;
  if (switchLink) reasons.push(`${target.link} -> ${fact.linkTarget ?? '(none)'}, wanted ${target.dir}`);
  return { upload, stamp, unpack, switchLink, reasons };
}

/** Unpacks into a temp folder beside the target, then renames it into place (old one removed after). */
export function unpackScript(tarball: string, dir: string): string {
  const parent = posix.dirname(dir);
  const base = posix.basename(dir);
  return [
    sh`tmp=$(mktemp -d -- ${`${parent}/.${base}.kcp.XXXXXX`})`,
    `trap 'rm -rf -- "$tmp"' EXIT`,
    sh`tar -xzf ${tarball} -C "$tmp" --strip-components=1 --no-same-owner`,
    'chmod 0755 -- "$tmp"',
    sh`if [ -e ${dir} ]; then old=$(mktemp -d -- ${`${parent}/.${base}.old.XXXXXX`}); mv -T -- ${dir} "$old/d"; fi`,
    sh`mv -T -- "$tmp" ${dir}`,
    'if [ -n "${old:-}" ]; then rm -rf -- "$old"; fi',
  ].join('\n');
}

export function switchLinkScript(dir: string, link: string): string {
  const tmp = `${posix.dirname(link)}/.${posix.basename(link)}.kcp.tmp`;
  return sh`ln -sfn -- ${dir} ${tmp} && mv -Tf -- ${tmp} ${link}`;
}
