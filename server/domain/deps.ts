import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { ConnectorRuntime } from '../connectors/http/runtime.ts';
import type { Db } from '../store/db.ts';
import type { AuthCache } from './auth-cache.ts';
import type { KeyReader } from './authenticate.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { KeyHashes } from './key-hashes.ts';

/** A clock; injected everywhere so tests control time without waiting. */
export type Clock = () => Date;

/** The I/O every domain function receives instead of reaching for globals. */
export interface DomainDeps {
  db: Db;
  clock: Clock;
  /** Server secret (>= 32 bytes): keyed hashes and credential encryption keys derive from it. */
  secret: Buffer;
  /** The tools this process can connect and sync (injected; never a module global). */
  connectors: ConnectorRegistry;
  /** The durable job queue (syncs, schedules, sweeps). */
  jobs: JobQueue;
  /** The HTTP connectors' runtime of this process (tool origins, request log, limits, token keepers): one per process. */
  connectorRuntime: ConnectorRuntime;
  /** Key-state cache; set only when this process is the store's sole writer (the embedded store). */
  authCache?: AuthCache;
  /** The keyed hashes of keys that authenticated lately in this process (each request computes its own without it). */
  keyHashes?: KeyHashes;
  /** This process's key reads (concurrent reads of one key batched); without it, every authentication reads on its own. */
  keyReader?: KeyReader;
}

/** Who did something and through which channel, for the audit trail. */
export interface Actor {
  /** e.g. `cli:root@host` or `api-key:<id>`. */
  actor: string;
  /** e.g. `cli`, `api`. */
  source: string;
}

/** What most rules need of {@link DomainDeps}: the store, the clock, the server secret (and the key cache). */
export type StoreDeps = Pick<DomainDeps, 'db' | 'clock' | 'secret' | 'authCache' | 'keyReader' | 'keyHashes'>;
