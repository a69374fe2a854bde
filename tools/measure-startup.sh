#!/usr/bin/env bash
# Measures how long the app takes to answer /actuator/health with Neo4j UP: a first start on an
# empty data directory (schema + IPEMED load) and a restart on the same data, for the README's
# command (unpacked jar + class-data archive) and, for comparison, the plain fat jar.
# Usage: tools/measure-startup.sh [runs]   (after ./mvnw -q -DskipTests package)
# Prints the figures and writes them to docs/benchmarks/startup-last-run.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=18080
work=$(mktemp -d)
# A rebuild must not change the jars under a running JVM. cp -p keeps the modification times the
# class-data archive checks; the relative path backend/target/app/ is kept for the same reason.
mkdir -p "$work/backend/target"
cp -rp backend/target/app "$work/backend/target/app"
cp -p backend/target/filiere.jar "$work/filiere.jar"
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT

one() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  (cd "$work" && FILIERE_DATA_DIR="$work/data" FILIERE_BOLT_PORT=0 exec java "$@" --server.port=$port >"$work/$label.log" 2>&1) &
  pid=$!
  until curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"neo4j":{[^}]*"edition"'; do
    kill -0 $pid 2>/dev/null || { echo "$label: the app exited; see its log:"; tail -20 "$work/$label.log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  printf '%-28s %5.1f s\n' "$label" "$(echo "$end - $start" | bc)"
  kill $pid; wait $pid 2>/dev/null || true
  pid=
}

out=docs/benchmarks/startup-last-run.txt
exec > >(tee "$out")
echo "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)  java: $(java -version 2>&1 | head -1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
readme=(-XX:SharedArchiveFile=backend/target/app/filiere.jsa -jar backend/target/app/filiere.jar)
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  one "readme-first-start-$i" "${readme[@]}"
  one "readme-restart-$i" "${readme[@]}"
  rm -rf "$work/data"
  one "fat-jar-first-start-$i" -jar filiere.jar
  one "fat-jar-restart-$i" -jar filiere.jar
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
