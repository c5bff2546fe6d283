#!/usr/bin/env bash
# A local Neo4j Community 5.26 LTS server for development and tests.
#
#   bash scripts/neo4j.sh start    # idempotent; prints the env file to source
#   bash scripts/neo4j.sh status   # exit 0 when running, 3 when stopped
#   bash scripts/neo4j.sh stop     # SIGTERM, wait, SIGKILL fallback
#
# Why this shape: there is no Neo4j package for our machines and no Docker, but
# Java 17 and Maven are there. So the server is assembled from Maven Central
# (neo4j/pom.xml -> .cache/neo4j/lib, cached, re-assembled when the pom changes)
# and run straight from its jars with org.neo4j.server.CommunityEntryPoint.
# Everything the server writes lives under .neo4j/ (git-ignored): conf, data,
# logs, pid file, the generated password and `.neo4j/env`, which exports
# NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD for `source`. The Bolt port is
# picked free at each start and bound to 127.0.0.1 only; HTTP is off.
#
# Overrides: JAVA (java binary), MVN (maven binary), NEO4J_HEAP (default 768m),
# NEO4J_PAGECACHE (default 256m), NEO4J_START_TIMEOUT (seconds, default 120).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/neo4j/pom.xml"
LIB="$ROOT/.cache/neo4j/lib"
STATE="$ROOT/.neo4j"
CONF_DIR="$STATE/conf"
PID_FILE="$STATE/neo4j.pid"
PASS_FILE="$STATE/password"
ENV_FILE="$STATE/env"
CONSOLE_LOG="$STATE/logs/console.log"
HEAP="${NEO4J_HEAP:-768m}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"
TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
MAIN=org.neo4j.server.CommunityEntryPoint

say() { echo "neo4j.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

python_bin() {
  # The project venv has the neo4j driver; plain python3 is enough for picking a port.
  if [ -x "$ROOT/.venv/bin/python" ]; then echo "$ROOT/.venv/bin/python"; else command -v python3 || true; fi
}

java_bin() {
  local j="${JAVA:-}"
  if [ -z "$j" ] && [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then j="$JAVA_HOME/bin/java"; fi
  [ -n "$j" ] || j="$(command -v java || true)"
  [ -n "$j" ] || die "java not found (Neo4j 5.26 needs Java 17 or 21); set JAVA or JAVA_HOME"
  local v
  v="$("$j" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
  case "$v" in 17|21) ;; *) die "Neo4j 5.26 needs Java 17 or 21, $j is Java ${v:-unknown}" ;; esac
  echo "$j"
}

# --- assembly ------------------------------------------------------------------
assemble() {
  local want have=""
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  [ -f "$LIB/.pom.sha256" ] && have="$(cat "$LIB/.pom.sha256")"
  if [ "$want" = "$have" ] && compgen -G "$LIB/neo4j-5.*.jar" >/dev/null; then return 0; fi
  local mvn="${MVN:-$(command -v mvn || true)}"
  [ -n "$mvn" ] || die "maven (mvn) not found; it is needed once to assemble Neo4j from Maven Central"
  say "assembling Neo4j from Maven Central into ${LIB#$ROOT/} (first time only) ..."
  local t0=$SECONDS tmp="$LIB.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$LIB")"
  local mlog="$ROOT/.cache/neo4j/maven.log"
  if ! "$mvn" -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$tmp" >"$mlog" 2>&1; then
    tail -n 30 "$mlog" >&2
    rm -rf "$tmp"
    die "maven could not assemble Neo4j (is Maven Central reachable?); full log: ${mlog#$ROOT/}"
  fi
  echo "$want" >"$tmp/.pom.sha256"
  rm -rf "$LIB"
  mv "$tmp" "$LIB"
  say "assembled $(ls "$LIB" | wc -l) jars in $((SECONDS - t0)) s"
}

# --- process -------------------------------------------------------------------
running_pid() {
  # The pid in the pid file, if that process is alive and is our server (not a reused pid).
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$MAIN --home-dir=$STATE" || return 1
  echo "$pid"
}

free_port() {
  local py; py="$(python_bin)"
  [ -n "$py" ] || die "python3 not found (needed to pick a free port)"
  "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

conf_port() { sed -n 's/^server\.bolt\.listen_address=127\.0\.0\.1:\([0-9]*\)$/\1/p' "$CONF_DIR/neo4j.conf" 2>/dev/null; }

write_conf() {
  local port="$1"
  mkdir -p "$CONF_DIR" "$STATE/data" "$STATE/logs" "$STATE/run" "$STATE/plugins" "$STATE/import"
  cat >"$CONF_DIR/neo4j.conf" <<EOF
# Written by scripts/neo4j.sh at each start; edits are overwritten.
server.directories.data=$STATE/data
server.directories.logs=$STATE/logs
server.directories.run=$STATE/run
server.directories.lib=$LIB
server.directories.plugins=$STATE/plugins
server.directories.import=$STATE/import
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.heap.initial_size=$HEAP
server.memory.heap.max_size=$HEAP
server.memory.pagecache.size=$PAGECACHE
db.tx_log.rotation.retention_policy=2 files
EOF
}

write_env() {
  local port="$1" pass
  pass="$(cat "$PASS_FILE")"
  (umask 077; printf 'export NEO4J_URI=neo4j://127.0.0.1:%s NEO4J_USERNAME=neo4j NEO4J_PASSWORD=%s\n' \
      "$port" "$pass" >"$ENV_FILE")
  chmod 600 "$ENV_FILE"
}

set_initial_password() {
  # Only possible before the first start: a data folder without our password file
  # belongs to a server whose password we no longer know, so it is reset (dev data only).
  if [ -f "$PASS_FILE" ] && [ -f "$STATE/data/dbms/auth.ini" ]; then return 0; fi
  if [ -d "$STATE/data/databases" ] || [ -f "$STATE/data/dbms/auth.ini" ]; then
    say "no password on record for the existing data in .neo4j/data: resetting this dev server's data"
    rm -rf "$STATE/data"
    mkdir -p "$STATE/data"
  fi
  local pw
  pw="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  (umask 077; printf '%s' "${pw:0:24}" >"$PASS_FILE")
  chmod 600 "$PASS_FILE"
  # "@file": picocli reads the argument from the (0600) file, so the password never
  # appears on a command line, where `ps` shows it to every local user
  NEO4J_HOME="$STATE" NEO4J_CONF="$CONF_DIR" "$1" -cp "$LIB/*" org.neo4j.cli.AdminTool \
      dbms set-initial-password "@$PASS_FILE" >/dev/null \
    || die "neo4j-admin dbms set-initial-password failed"
}

wait_for_bolt() {
  local port="$1" pid="$2" py deadline=$((SECONDS + TIMEOUT))
  py="$(python_bin)"
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || return 1
    # -I: our own neo4j/ folder (the pom) must not pass for the driver package.
    if [ -n "$py" ] && "$py" -I -c 'from neo4j import GraphDatabase' 2>/dev/null; then
      # The real test: a driver can log in and route.
      if NEO4J_PASSWORD="$(cat "$PASS_FILE")" "$py" -I - "$port" <<'EOF' 2>/dev/null; then return 0; fi
import os, sys
from neo4j import GraphDatabase
with GraphDatabase.driver(f"neo4j://127.0.0.1:{sys.argv[1]}",
                          auth=("neo4j", os.environ["NEO4J_PASSWORD"]),
                          connection_timeout=3) as d:
    d.verify_connectivity()
EOF
    elif tail -n +"$((LOG_MARK + 1))" "$STATE/logs/neo4j.log" 2>/dev/null | grep -q 'INFO  Started\.' \
         && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0  # no driver installed yet (fresh clone before `make install`)
    fi
    sleep 1
  done
  return 1
}

start() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 300 9 || die "another neo4j.sh is running"
  local pid port
  if pid="$(running_pid)"; then
    port="$(conf_port)"
    write_env "$port"
    say "already running (pid $pid) on bolt://127.0.0.1:$port; env in ${ENV_FILE#$ROOT/}"
    return 0
  fi
  local java t0=$SECONDS
  java="$(java_bin)"
  assemble
  port="$(free_port)"
  write_conf "$port"
  set_initial_password "$java"
  say "starting Neo4j on 127.0.0.1:$port ..."
  : >"$CONSOLE_LOG"
  LOG_MARK=0  # only this run's "Started." counts
  if [ -f "$STATE/logs/neo4j.log" ]; then LOG_MARK="$(wc -l <"$STATE/logs/neo4j.log")"; fi
  local t1=$SECONDS
  # setsid: the server outlives the shell (and a Ctrl-C in `make`) that started it;
  # 9>&-: it must not inherit (and so hold forever) our lock file.
  NEO4J_HOME="$STATE" NEO4J_CONF="$CONF_DIR" setsid "$java" \
      -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
      -XX:+ExitOnOutOfMemoryError -Djdk.nio.maxCachedBufferSize=262144 \
      -Dio.netty.tryReflectionSetAccessible=true \
      --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
      --add-opens=java.base/java.lang=ALL-UNNAMED \
      -cp "$LIB/*" "$MAIN" --home-dir="$STATE" --config-dir="$CONF_DIR" \
      </dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  if ! wait_for_bolt "$port" "$pid"; then
    say "Neo4j did not answer on Bolt within ${TIMEOUT} s; last log lines:"
    tail -n 30 "$STATE/logs/neo4j.log" "$CONSOLE_LOG" >&2 2>/dev/null || true
    stop_pid "$pid"
    rm -f "$PID_FILE"
    exit 1
  fi
  write_env "$port"
  say "started (pid $pid) in $((SECONDS - t1)) s (total $((SECONDS - t0)) s); run: source ${ENV_FILE#$ROOT/}"
}

stop_pid() {
  # SIGTERM lets Neo4j checkpoint and close its store (takes ~10 s); SIGKILL only as a fallback.
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  say "still running after 60 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 300 9 || die "another neo4j.sh is running"
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  stop_pid "$pid"
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid) on bolt://127.0.0.1:$(conf_port); env: ${ENV_FILE#$ROOT/}"
  else
    echo "stopped"
    exit 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|status|restart" >&2; exit 2 ;;
esac
