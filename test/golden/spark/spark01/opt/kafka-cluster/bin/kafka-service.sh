#!/usr/bin/env bash
# kafka on spark01: start | stop [timeout seconds] | status
# Rendered by kafka-cluster-provisioner. The JVM is tracked by its pidfile, and the pid is
# trusted only while /proc/PID/cmdline still names this service's main class and ends in its
# config, so a stale pidfile can never lead to signalling an unrelated process.
set -euo pipefail

readonly NAME=kafka
readonly PIDFILE=/var/lib/kafka-cluster/run/kafka.pid
readonly LOG=/var/log/kafka/kafka.out
readonly RUN_AS=kafka
readonly MAIN_CLASS=kafka.Kafka
readonly CONFIG=/etc/kafka/server.properties
readonly CLASSPATH='/opt/kafka/libs/*'
readonly STOP_TIMEOUT=60
JAVA_OPTS=( -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true '-Xlog:gc*:file=/var/log/kafka/kafka-gc.log:time,tags:filecount=10,filesize=100M' -Dlog4j.configuration=file:/etc/kafka/log4j.properties -Dkafka.logs.dir=/var/log/kafka -javaagent:/opt/kafka-cluster/lib/jmx_prometheus_javaagent-1.0.1.jar=192.168.62.11:7071:/etc/kafka/jmx-exporter.yml)
MAIN_OPTIONS=() # between the main class and the config
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

alive() { # a zombie has exited: only its parent has not reaped it yet
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1 # gone (never $(<...): a missing file ends the script)
  stat=${stat##*) } # the state follows the name, which may hold spaces and parentheses
  [[ ${stat%% *} != Z ]]
}

running_pid() {
  [[ -f $PIDFILE ]] || return 1
  local pid cmd
  pid=$(cat -- "$PIDFILE" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  # the main class as one argument, the config as the last (every argument ends in a NUL, turned into a space)
  [[ " $cmd" == *" $MAIN_CLASS "* && " $cmd" == *" $CONFIG " ]] || return 1
  echo "$pid"
}

start() {
  local pid
  if pid=$(running_pid); then
    echo "$NAME already running, pid $pid"
    return 0
  fi
  mkdir -p "${PIDFILE%/*}"
  touch "$LOG" && chown "$RUN_AS:$RUN_AS" "$LOG"
  # setsid: a session of its own, so the SSH command that started it can return.
  # setpriv execs without forking, so $! is the JVM itself.
  setsid setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --init-groups -- \
    "$JAVA" "${JAVA_OPTS[@]}" -cp "$CLASSPATH" "$MAIN_CLASS" "${MAIN_OPTIONS[@]}" "$CONFIG" </dev/null >>"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"
  # Until setsid and setpriv ("... -- $JAVA ...") have exec'd java, the pid shows another
  # command line; return only once it runs java, so no stop or start right after takes it for dead.
  local i cmd
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || break
    cmd=" $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true)"
    if [[ $cmd == *" $JAVA "* && $cmd != *" -- $JAVA "* ]]; then
      echo "$NAME started, pid $pid"
      return 0
    fi
    sleep 0.1
  done
  if alive "$pid"; then
    echo "warning: $NAME pid $pid has not become $JAVA after 10 s" >&2
    echo "$NAME started, pid $pid"
    return 0
  fi
  rm -f "$PIDFILE"
  echo "$NAME pid $pid exited at once; the end of $LOG:" >&2
  tail -n 20 "$LOG" >&2 || true
  return 1
}

wait_gone() { # pid, tenths of a second
  local i
  for ((i = 0; i < $2; i++)); do
    alive "$1" || return 0
    sleep 0.1
  done
  return 1
}

stop() {
  local timeout=${1:-$STOP_TIMEOUT} pid
  if [[ ! $timeout =~ ^[0-9]+$ ]]; then
    echo "stop: the timeout must be whole seconds, got '$timeout'" >&2
    return 2
  fi
  if ! pid=$(running_pid); then
    rm -f "$PIDFILE"
    echo "$NAME not running"
    return 0
  fi
  kill -TERM "$pid"
  if ! wait_gone "$pid" $((timeout * 10)); then
    echo "warning: $NAME pid $pid still running ${timeout}s after SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 100 || { echo "$NAME pid $pid survived SIGKILL" >&2; return 1; }
  fi
  rm -f "$PIDFILE"
  echo "$NAME stopped, pid $pid"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "running $pid"
  else
    echo "stopped"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) echo "usage: $0 start | stop [timeout seconds] | status" >&2; exit 2 ;;
esac
