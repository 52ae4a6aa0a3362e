#!/usr/bin/env bash
# One-time set-up, safe to run again: Debian packages the tool and the lab need, Node
# packages, and the Kafka distribution in .cache/. Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }

# Debian packages: sshd and ip for the lab hosts, kcat as an independent Kafka client in tests,
# vagrant to validate the Vagrantfile, sudo/setpriv/ss on the hosts, Java 17 and Maven to build
# and run Kafka, chromium for the dashboard's browser tests (driven by playwright-core; never a
# browser download).
packages=(openssh-server openssh-client iproute2 kcat vagrant sudo util-linux procps openssl
  openjdk-17-jdk-headless maven ca-certificates chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${missing[*]} (run this script as root, or: sudo apt-get install ${missing[*]})"
    exit 2
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi

# Node packages, exactly as locked. Reinstalled only when the lock file changed.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.kcp-lock; then
  say "installing Node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.kcp-lock
else
  say "Node packages present"
fi

# The Kafka distributions of the two shipped inventories (ZooKeeper mode 3.9, KRaft 4.x), cached
# in .cache/; a second run does no work.
for inventory in inventory.yaml inventory.kraft.yaml; do
  say "Kafka distribution for $inventory"
  node scripts/run.mjs dist --inventory "$inventory" >&2
done
