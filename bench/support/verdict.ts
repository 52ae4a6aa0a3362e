// A benchmark that computes wrong is worthless: the job's final report must equal the oracle of
// what the brokers acknowledged, record for record, before its speed means anything.
import type { PartitionOffsets } from '../../src/kafka/index.js';
import { diffPopularity, topN, type OracleResult } from '../../src/popularity/oracle.js';
import type { JobReport } from '../../src/popularity/report.js';

/** Every way the report differs from the oracle; empty when it is right. */
export function jobProblems(report: Pick<JobReport, 'consumed' | 'malformed' | 'final' | 'top10' | 'partitions' | 'skipped_replays' | 'gaps'>, oracle: OracleResult, ends: PartitionOffsets[]): string[] {
  const problems: string[] = [];
  const acked = oracle.valid + oracle.malformed;
  if (report.consumed !== acked) problems.push(`consumed ${report.consumed}, acked ${acked}`);
  if (report.malformed !== oracle.malformed) problems.push(`malformed ${report.malformed}, oracle ${oracle.malformed}`);
  if (report.gaps !== 0) problems.push(`${report.gaps} offsets skipped as gone`);
  const diff = diffPopularity(oracle.final, report.final);
  if (diff.length > 0) {
    const shown = diff.slice(0, 3).map((d) => `${d.page}: job ${d.actual}, oracle ${d.expected}`).join('; ');
    problems.push(`${diff.length} pages differ from the oracle (${shown})`);
  }
  const expectedTop = topN(oracle.final).map(([p]) => p).join(',');
  const actualTop = report.top10.map(([p]) => p).join(',');
  if (diff.length === 0 && expectedTop !== actualTop) problems.push(`top 10 ${actualTop}, oracle ${expectedTop}`);
  for (const end of ends) {
    const p = report.partitions.find((x) => x.partition === end.partition);
    if (!p) problems.push(`partition ${end.partition} missing from the report`);
    else if (p.next_offset !== end.high) problems.push(`partition ${end.partition} stopped at ${p.next_offset}, end offset ${end.high}`);
  }
  return problems;
}
