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

step "acceptance: the forum page-popularity job, checked against the producer's ledger"
mkdir -p .artifacts
npm run --silent acceptance -- --inventory "$inventory" --report .artifacts/acceptance.json

cat >&2 <<MSG

Done. What runs now:
  - the lab hosts and the cluster:        npm run lab:status -- --inventory $inventory   /   npm run status -- --inventory $inventory
  - brokers for your own clients:         $(KCP_INV="$inventory" node -e "
      const inv = require('yaml').parse(require('fs').readFileSync(process.env.KCP_INV, 'utf8'));
      const port = inv.cluster?.broker?.port ?? 9092;
      console.log(inv.hosts.filter((h) => h.broker_id != null).map((h) => h.address + ':' + port).join(','));")
  - acceptance report:                    .artifacts/acceptance.json
Try:   npm run lab -- kill HOST (a power cut), npm run status, npm run lab -- restart HOST, npm run start-cluster
       (each with -- --inventory $inventory)
Stop:  npm run stop-cluster -- --inventory $inventory   and   npm run lab:down -- --inventory $inventory
MSG
