// What a rolling report must show for one group of processes (the quorum members, or the brokers):
// each rolled in the first role ("follower", "broker") and the one its group keeps for last
// ("leader", "controller") rolled last. Under load the leadership can move during the roll; when
// it moved to a process already rolled, the last one goes in the first role too and no second
// election follows. No test framework in here: a list of problems, empty when the order is right.

export interface RolledReport {
  roles: Record<string, string>;
  leaders: Record<string, string | null>;
}

/** Problems with the roll of `group` (in the order rolled); `[first, last]`: the roles expected before the last and at the last. */
export function leaderLastProblems(group: readonly string[], report: RolledReport, [first, last]: [string, string]): string[] {
  const problems: string[] = [];
  group.forEach((p, i) => {
    const role = report.roles[p];
    const leader = report.leaders[p];
    const isLast = i === group.length - 1;
    if (leader === p && role !== last) problems.push(`${p}: kept for last, but rolled as "${role}"`);
    if (!isLast && role !== first) problems.push(`${p}: rolled as "${role}" before the last of ${group.join(', ')}; expected "${first}"`);
    if (!isLast) return;
    const movedToRolled = leader !== null && leader !== undefined && group.slice(0, i).includes(leader);
    if (movedToRolled && role !== first) problems.push(`${p}: the ${last} had moved to ${leader}, rolled before it, yet it went as "${role}"`);
    if (!movedToRolled && (role !== last || leader !== p)) problems.push(`${p}: rolled last as "${role}" while the ${last} was ${leader ?? 'none'}; expected it to be the ${last}`);
  });
  return problems;
}
