#!/usr/bin/env bash
# spark-master on spark01: start | stop [timeout seconds] | status
# Rendered by kafka-cluster-provisioner. The JVM is tracked by its pidfile, and the pid is
# trusted only while /proc/PID/cmdline still names this service's main class and ends in its
# config, so a stale pidfile can never lead to signalling an unrelated process.
set -euo pipefail

readonly NAME=spark-master
readonly PIDFILE=/var/lib/kafka-cluster/run/spark-master.pid
readonly LOG=/var/log/spark-master/spark-master.out
readonly RUN_AS=kafka
readonly MAIN_CLASS=org.apache.spark.deploy.master.Master
readonly CONFIG=/etc/spark-master/spark-defaults.conf
readonly CLASSPATH='/opt/spark/jars/*'
readonly STOP_TIMEOUT=20
JAVA_OPTS=( -Xms256m -Xmx256m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true '-Xlog:gc*:file=/var/log/spark-master/spark-master-gc.log:time,tags:filecount=10,filesize=100M' -Dlog4j2.configurationFile=/etc/spark-master/log4j2.properties -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
MAIN_OPTIONS=( --host spark01 --port 7077 --webui-port 8080 --properties-file) # between the main class and the config
export SPARK_HOME=/opt/spark
export SPARK_SCALA_VERSION=2.13
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
