#!/usr/bin/env bash
# Gatling load test of the running service (issue 3): status-poll latency at increasing rates and
# completed jobs/s for small profile jobs. Builds the server, starts it on a free 127.0.0.1 port with
# a temporary QUARRY_HOME, a fixed admin key, a tiny generated dataset and rate limits off, runs the
# simulations in bench/service, stops the server and prints a summary. About 3.5 minutes by default.
#
#   bench/service.sh                      # both scenarios
#   bench/service.sh status               # only (a) status polls
#   bench/service.sh jobs                 # only (b) small profile jobs
#
# Knobs (environment):
#   BENCH_RATES=400,800,1600,2400,3200  status-poll steps, requests/s   BENCH_STEP_SECONDS=15
#   BENCH_WARMUP_RATE=200 BENCH_WARMUP_SECONDS=10  a warm-up step before them
#   BENCH_SHARE_CONNECTIONS=true  keep-alive pool (false: a new connection per poll)
#   BENCH_JOB_RATE=30             job submissions/s                 BENCH_JOB_SECONDS=30
#   BENCH_POLL_MS=250             each job's own status-poll interval
#   BENCH_P99_MS=20               the p99 target for status polls
#   BENCH_SERVER_HEAP=1g          the server's -Xmx; QUARRY_JOBS_THREADS (2), QUARRY_WORKERS (2) pass through
# Needs: java 17, mvn, curl, python3. Reports: bench/service/target/gatling/<run>/index.html
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
what="${1:-all}"
case "$what" in all|status|jobs) ;; *) echo "usage: $0 [all|status|jobs]" >&2; exit 2 ;; esac
for tool in java mvn curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/service.sh: needs $tool" >&2; exit 2; }
done

rates="${BENCH_RATES:-400,800,1600,2400,3200}"
step="${BENCH_STEP_SECONDS:-15}"
p99_target="${BENCH_P99_MS:-20}"
key="bench-admin-key-0123456789abcdef0123456789abcdef"

echo "== building the server and the simulations"
mvn -q -B -ntp -DskipTests -pl server -am package
mvn -q -B -ntp -pl bench/service test-compile

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
work="$(mktemp -d "${TMPDIR:-/tmp}/quarry-bench-service.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  [[ "${BENCH_KEEP:-}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

# The tiny dataset: three small CSVs (20-200 rows) in one folder, id "tiny".
data="$work/home/datasets/tiny"
mkdir -p "$data"
{
  echo "id,name,age,city,score,joined"
  cities=(Athens Paris Berlin Lisbon Oslo Rome Vienna Dublin)
  for i in $(seq 1 200); do
    echo "$i,person_$i,$(( 18 + (i * 7) % 60 )),${cities[$(( i % 8 ))]},$(( (i * 37) % 1000 )).$(( i % 10 )),2024-$(printf %02d $(( 1 + i % 12 )))-$(printf %02d $(( 1 + i % 28 )))"
  done
} > "$data/people.csv"
{
  echo "order_id,person_id,amount,currency,paid"
  for i in $(seq 1 150); do
    echo "$i,$(( 1 + (i * 13) % 200 )),$(( (i * 53) % 500 )).$(( i % 100 )),$( (( i % 3 )) && echo EUR || echo USD ),$( (( i % 4 )) && echo true || echo false )"
  done
} > "$data/orders.csv"
{
  echo "city,country,population"
  echo "Athens,GR,664046"; echo "Paris,FR,2102650"; echo "Berlin,DE,3878100"; echo "Lisbon,PT,545796"
  echo "Oslo,NO,717710"; echo "Rome,IT,2748109"; echo "Vienna,AT,2005760"; echo "Dublin,IE,592713"
} > "$data/cities.csv"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"

echo "== starting the server on $base (QUARRY_HOME=$work/home, log $work/server.log)"
QUARRY_HOME="$work/home" QUARRY_ADMIN_KEY="$key" SERVER_PORT="$port" \
  java -Xmx"${BENCH_SERVER_HEAP:-1g}" -jar "$root/server/target/quarry-server.jar" \
    --server.address=127.0.0.1 \
    --quarry.rate-limit.enabled=false \
    --logging.structured.format.console= \
    --logging.level.root=WARN \
    > "$work/server.log" 2>&1 &
server_pid=$!
for i in $(seq 1 120); do
  if curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server died:"; tail -50 "$work/server.log"; exit 1; fi
  [[ $i == 120 ]] && { echo "the server did not become healthy in 60 s"; tail -50 "$work/server.log"; exit 1; }
  sleep 0.5
done
echo "   healthy after ~$(( i / 2 )) s"

summary="$work/summary.properties"
: > "$summary"
results="$root/bench/service/target/gatling"
mkdir -p "$results"

# Runs one simulation; echoes the folder of its report.
run() { # $1 = simulation class (simple name), rest = -D options
  local sim="$1"; shift
  local before; before="$(ls -1 "$results" 2>/dev/null | sort)"
  echo "== Gatling: $sim" >&2
  mvn -q -B -ntp -pl bench/service gatling:test \
    -Dgatling.simulationClass="dev.quarry.bench.service.$sim" \
    -Dquarry.baseUrl="$base" -Dquarry.apiKey="$key" -Dquarry.dataset=tiny \
    -Dbench.summaryFile="$summary" "$@" > "$work/$sim.log" 2>&1 \
    || { echo "   (Gatling reported failures or failed assertions; log: $work/$sim.log)" >&2; }
  local after; after="$(ls -1 "$results" | sort)"
  local dir; dir="$(comm -13 <(echo "$before") <(echo "$after") | tail -1)"
  [[ -n "$dir" ]] || { echo "no Gatling report; log:" >&2; tail -40 "$work/$sim.log" >&2; exit 1; }
  echo "$results/$dir"
}

stats() { # $1 = report folder: the report's statistics table as TSV:
          # name total ok ko min p50 p95 p99 p99.9 max mean (ms); groups are durations
  python3 - "$1/index.html" <<'PY'
import html.parser, sys
class Table(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.row = None; self.field = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs); cls = a.get("class") or ""
        if tag == "tr" and "data-parent" in a: self.row = {}; self.rows.append(self.row)
        elif self.row is not None and tag == "span" and "ellipsed-name" in cls: self.field = "name"
        elif self.row is not None and tag == "td" and cls.startswith("value "): self.field = cls.split()[-1]
    def handle_data(self, data):
        if self.field: self.row[self.field] = data.strip(); self.field = None
t = Table(); t.feed(open(sys.argv[1], encoding="utf-8").read())
cols = ["col-2", "col-3", "col-4", "col-7", "col-8", "col-9", "col-10", "col-11", "col-12", "col-13"]
for r in t.rows:
    print("\t".join([r.get("name", "?")] + [r.get(c, "-").replace(",", "") for c in cols]))
PY
}

status_report=""; jobs_report=""
if [[ "$what" != jobs ]]; then
  status_report="$(run StatusPollSimulation -Dbench.rates="$rates" -Dbench.stepSeconds="$step" \
    -Dbench.warmupRate="${BENCH_WARMUP_RATE:-200}" -Dbench.warmupSeconds="${BENCH_WARMUP_SECONDS:-10}" \
    -Dbench.shareConnections="${BENCH_SHARE_CONNECTIONS:-true}")"
fi
if [[ "$what" != status ]]; then
  jobs_report="$(run JobSubmitSimulation -Dbench.jobRate="${BENCH_JOB_RATE:-30}" \
    -Dbench.jobSeconds="${BENCH_JOB_SECONDS:-30}" -Dbench.pollMillis="${BENCH_POLL_MS:-250}")"
fi

echo
echo "== Summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); load average before the load:" \
  "$load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?))"
if [[ -n "$status_report" ]]; then
  echo "(a) GET /profiler/job_status/{id}, open model, ${step}s per step (report: $status_report/index.html)"
  printf '    %-18s %8s %6s %9s %7s %7s %7s %7s  %s\n' step requests KO "req/s" p50ms p95ms p99ms maxms "p99<${p99_target}ms"
  best=""
  while IFS=$'\t' read -r name n ok ko min p50 p95 p99 p999 max mean; do
    [[ "$name" == status* || "$name" == warmup ]] || continue
    seconds="$step"; [[ "$name" == warmup ]] && seconds="${BENCH_WARMUP_SECONDS:-10}"
    rps="$(( n / seconds ))"
    pass=no; [[ "$ko" == 0 && "$p99" -lt "$p99_target" ]] && pass=yes
    [[ "$name" == warmup ]] && pass=""
    printf '    %-18s %8s %6s %9s %7s %7s %7s %7s  %s\n' "$name" "$n" "$ko" "$rps" "$p50" "$p95" "$p99" "$max" "$pass"
    if [[ "$pass" == yes ]]; then best="${name#status @}"; fi
  done < <(stats "$status_report")
  echo "    highest step with p99 < ${p99_target} ms and no errors: ${best:-none}"
fi
if [[ -n "$jobs_report" ]]; then
  echo "(b) small profile jobs (report: $jobs_report/index.html)"
  get() { grep "^$1=" "$summary" | tail -1 | cut -d= -f2; }
  echo "    submitted $(get jobs.submitted) at $(get jobs.rate)/s for $(get jobs.seconds) s;" \
       "completed $(get jobs.completed), failed $(get jobs.failed)"
  echo "    completed jobs/s: $(get jobs.per_second) (first submission to last completion: $(get jobs.span_seconds) s)"
  # Kept up: every job finished and completions came as fast as submissions (within 10 %).
  if [[ "$(get jobs.completed)" == "$(get jobs.submitted)" ]] \
     && awk -v done="$(get jobs.per_second)" -v rate="$(get jobs.rate)" 'BEGIN { exit !(done >= 0.9 * rate) }'; then
    echo "    the service kept up with $(get jobs.rate) submissions/s"
  else
    echo "    the service did NOT keep up with $(get jobs.rate) submissions/s (jobs queued; lower BENCH_JOB_RATE to find the sustained rate)"
  fi
  printf '    %-42s %7s %5s %7s %7s %7s %7s\n' request count KO p50ms p95ms p99ms maxms
  while IFS=$'\t' read -r name n ok ko min p50 p95 p99 p999 max mean; do
    printf '    %-42s %7s %5s %7s %7s %7s %7s\n' "$name" "$n" "$ko" "$p50" "$p95" "$p99" "$max"
  done < <(stats "$jobs_report")
fi
