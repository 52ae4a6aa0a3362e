// "The metadata quorum": a ZooKeeper ensemble or a KRaft controller quorum, in one shape that
// start, stop, rolling restarts, upgrades and status share. Each mode reads its members' state
// its own way (srvr, DescribeQuorum); gates and roll rules work on what it read.
import type { Mode, Process } from '../../inventory/model.js';
import type { Ctx } from '../context.js';

export type QuorumRole = 'leader' | 'follower' | 'observer' | 'standalone';

export interface MemberState {
  process: Process;
  /** null: not serving, not answering, or unknown to the leader */
  role: QuorumRole | null;
  /** ZooKeeper: serving; KRaft: its metadata log caught up with the leader's */
  caughtUp: boolean;
  /** KRaft: the leader's high watermark minus this voter's log end offset; null where unknown */
  lag: number | null;
  pid: number | null;
  /** ZooKeeper's own version (srvr), or the Kafka release the process runs */
  version: string | null;
  /** what was seen, for gate messages */
  seen: string;
}

export interface QuorumState {
  mode: Mode;
  members: MemberState[];
  /** the leader, null when there is none (or more than one: a split ensemble) */
  leader: Process | null;
}

export interface MetadataQuorum {
  read(ctx: Ctx): Promise<QuorumState>;
  /**
   * The node id brokers know as the controller, rolled last among brokers: in ZooKeeper mode the
   * broker elected controller, in KRaft the quorum leader (a broker only if combined).
   */
  activeController(ctx: Ctx, state: QuorumState): Promise<number | null>;
  /**
   * Before brokers that died without a clean stop start again. ZooKeeper mode: their
   * registrations linger until their sessions expire, and a new process would fail on them.
   */
  awaitStaleRegistrations(ctx: Ctx, crashed: number[], othersRunning: boolean): Promise<void>;
  /**
   * Before brokers start (`brokersRunning`: whether any broker of the cluster runs): what the
   * metadata store must hold before brokers serve clients. ZooKeeper mode, secured: the SCRAM
   * admin (KRaft writes it when it formats).
   */
  beforeBrokersStart(ctx: Ctx, brokersRunning: boolean): Promise<void>;
}
