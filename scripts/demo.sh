#!/usr/bin/env bash
# npm run demo [-- --inventory F]: from a fresh clone to a running three-node cluster that has
# passed its acceptance test (inventory.yaml: ZooKeeper mode; inventory.kraft.yaml: KRaft). Each
# step is the command a user would type; re-running is safe (every step is idempotent), so a
# demo interrupted half-way can simply be started again.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
inventory=${KCP_INVENTORY:-inventory.yaml}
while (($#)); do
  case $1 in
    --inventory) [[ $# -ge 2 ]] || { echo "usage: npm run demo -- [--inventory FILE]" >&2; exit 2; }; inventory=$2; shift 2 ;;
    --inventory=*) inventory=${1#--inventory=}; shift ;;
    *) echo "unknown argument: $1" >&2; echo "usage: npm run demo -- [--inventory FILE]" >&2; exit 2 ;;
  esac
done
[[ -f $inventory ]] || { echo "no inventory file $inventory" >&2; exit 2; }

step "set-up (Debian packages, Node packages, Kafka distribution)"
bash scripts/setup.sh

if [[ $(id -u) -ne 0 ]]; then
  echo "The lab needs root (network namespaces, sshd); run again as root." >&2
  exit 2
fi

step "lab: one namespace host per inventory host"
npm run --silent lab:up -- --inventory "$inventory"

step "provision: distribution, service user, rendered files, services"
npm run --silent provision -- --inventory "$inventory"

step "start-cluster: the metadata quorum first (ZooKeeper or KRaft controllers), then the brokers, behind health gates"
npm run --silent start-cluster -- --inventory "$inventory"

step "status"
npm run --silent status -- --inventory "$inventory"

step "verify: the seed's post-install checks"
npm run --silent verify -- --inventory "$inventory"

# The live page follows the acceptance run: its topic is named here, before the run creates it.
topic="demo-$(date -u +%Y%m%dT%H%M%S)"
port=${KCP_DASHBOARD_PORT:-8080}
mkdir -p .artifacts .state
step "dashboard: today's hot pages and the cluster at a glance, live"
pidfile=.state/dashboard.pid
if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "stopping the dashboard of the previous demo (pid $(cat "$pidfile"))" >&2
  kill "$(cat "$pidfile")"
  for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
fi
node scripts/run.mjs dashboard --inventory "$inventory" --topic "$topic" --group "acceptance-$topic" --port "$port" >.artifacts/dashboard.log 2>&1 &
echo $! >"$pidfile"
url=
for _ in $(seq 120); do
  url=$(sed -n 's/^dashboard: \(http[^ ]*\).*/\1/p' .artifacts/dashboard.log | head -n 1)
  [[ -n $url ]] && break
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { cat .artifacts/dashboard.log >&2; echo "the dashboard did not start (log: .artifacts/dashboard.log)" >&2; exit 1; }
  sleep 0.5
done
[[ -n $url ]] || { echo "the dashboard did not answer within 60 s (log: .artifacts/dashboard.log)" >&2; exit 1; }
printf '\n\033[1m    Open %s to watch the run\033[0m\n' "$url" >&2

# A screenshot of the page while the job runs (docs/dashboard.png is one), when chromium is here.
shot_pid=
if [[ -x /usr/bin/chromium ]]; then
  node scripts/run.mjs dashboard-screenshot --url "$url" --out .artifacts/dashboard.png --settle-s 10 --timeout-s 300 \
    >.artifacts/dashboard-screenshot.log 2>&1 &
  shot_pid=$!
  trap 'kill "$shot_pid" 2>/dev/null || true' EXIT
fi

step "acceptance: the forum page-popularity job, checked against the producer's ledger"
npm run --silent acceptance -- --inventory "$inventory" --topic "$topic" --keep-topic --report .artifacts/acceptance.json

if [[ -n $shot_pid ]]; then
  # still waiting means the run ended before the page showed a running job: no screenshot then
  kill "$shot_pid" 2>/dev/null || true
  if wait "$shot_pid"; then echo "the page during the run: .artifacts/dashboard.png" >&2; fi
  trap - EXIT
fi

cat >&2 <<MSG

Done. What runs now:
  - the live page:                        $url (pid $(cat "$pidfile"); stop it: kill \$(cat $pidfile))
  - the lab hosts and the cluster:        npm run lab:status -- --inventory $inventory   /   npm run status -- --inventory $inventory
  - brokers for your own clients:         $(KCP_INV="$inventory" node -e "
      const inv = require('yaml').parse(require('fs').readFileSync(process.env.KCP_INV, 'utf8'));
      const port = inv.cluster?.broker?.port ?? 9092;
      const brokers = inv.hosts.filter((h) => h.broker_id != null).map((h) => h.address + ':' + port).join(',');
      const secured = (inv.cluster?.security ?? 'secure') !== 'none'; // secure unless it says none
      const users = require('path').join(require('path').dirname(process.env.KCP_INV), '.kcp-secrets', String(inv.cluster?.name), 'users');
      console.log(brokers + (secured ? ' (SASL_SSL: npm run user -- add NAME --topic T --write, then ' + users + '/NAME.properties)' : ''));")
  - acceptance report:                    .artifacts/acceptance.json
Try:   npm run lab -- kill HOST (a power cut), npm run status, npm run lab -- restart HOST, npm run start-cluster
       (each with -- --inventory $inventory)
Stop:  kill \$(cat $pidfile), npm run stop-cluster -- --inventory $inventory   and   npm run lab:down -- --inventory $inventory
MSG
