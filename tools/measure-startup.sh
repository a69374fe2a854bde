#!/usr/bin/env bash
# Measures how long the packaged jar takes to answer /actuator/health with Neo4j UP:
# a first start on an empty data directory (schema + IPEMED load) and a restart on the same data.
# Usage: tools/measure-startup.sh [runs]   (after ./mvnw -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=backend/target/filiere.jar
port=18080
work=$(mktemp -d)
cp "$jar" "$work/filiere.jar"   # a rebuild must not change the jar under a running JVM
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT

one() {
  local label=$1
  local start end
  start=$(date +%s.%N)
  FILIERE_DATA_DIR="$work/data" FILIERE_BOLT_PORT=0 java -jar "$work/filiere.jar" --server.port=$port >"$work/$label.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"neo4j":{[^}]*"edition"'; do
    kill -0 $pid 2>/dev/null || { echo "$label: the app exited; see its log:"; tail -20 "$work/$label.log"; exit 1; }
    sleep 0.2
  done
  end=$(date +%s.%N)
  printf '%s\t%.1f s\n' "$label" "$(echo "$end - $start" | bc)"
  kill $pid; wait $pid 2>/dev/null || true
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  one "first-start-$i"
  one "restart-$i"
done
