#!/usr/bin/env bash
# Soak: NewsCms under a mixed read/write load for a bounded time, watched for errors, lost writes
# and growth in memory or open file handles. Loopback only.
#
#   bash bench/soak.sh [MINUTES]        (default 3)
#
# Publishes the app in Release, runs it on a fresh temporary data directory, reads with wrk (home,
# article pages, the API list) while a curl loop creates and edits articles through /api/v1, samples
# VmRSS and /proc/PID/fd every 5 seconds, then checks every acknowledged write is present as
# acknowledged. The report goes to bench/out/soak-<time>.md (samples beside it as .csv).
# Exit status 0 only when there were no errors and no lost writes.
# Needs: the .NET SDK, wrk, curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-3}"
[[ "$minutes" =~ ^[0-9]+$ ]] && [ "$minutes" -ge 1 ] && [ "$minutes" -le 120 ] || { echo "usage: bench/soak.sh [MINUTES 1-120]" >&2; exit 2; }
for tool in wrk curl jq; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

out="bench/out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
report="$out/soak-$stamp.md"
samples="$out/soak-$stamp.csv"
work="$(mktemp -d)"
port=5201
base="http://127.0.0.1:$port"
mkdir -p "$out"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== publishing NewsCms (Release)"
dotnet publish src/NewsCms.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/soak-app" --nologo -v q
dll="$out/soak-app/NewsCms.Web.dll"
settings=("--NewsCms:DataDirectory=$work/data" "--NewsCms:SeedDemoContent=true"
     "--NewsCms:Api:RateLimit:KeyPermits=100000000" "--NewsCms:Api:RateLimit:AnonymousPermits=100000000")
# The verb comes first; settings follow it.
key="$(ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" api-keys create --name soak --scope write "${settings[@]}" | tail -n 1)"

echo "== starting on $base"
ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" "${settings[@]}" "--urls=$base" >"$work/app.log" 2>&1 &
pid=$!
pids+=("$pid")
for _ in $(seq 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$base/healthz" >/dev/null || { echo "the app did not start" >&2; tail -40 "$work/app.log" >&2; exit 1; }
article_path="$(curl -sf "$base/api/v1/articles?limit=1" | jq -r '.items[0].url' | sed "s#^[a-z]*://[^/]*##")"

seconds=$((minutes * 60))
end=$(( $(date +%s) + seconds ))

# Writes: create a draft, edit it at its version; every 2xx answer is recorded as id,version,headline.
writes() {
    local n=0 errors=0
    : >"$work/acknowledged.csv"
    while [ "$(date +%s)" -lt "$end" ]; do
        n=$((n + 1))
        local headline="Soak article $n $RANDOM"
        local body
        body="$(jq -nc --arg h "$headline" '{headline:$h,kind:"news",dek:"A soak test draft.",bodyMarkdown:"Text with **bold** and a [link](https://example.com).",sections:[{question:"Why?",answerMarkdown:"To find leaks."}]}')"
        local answer status
        answer="$(curl -s -o "$work/w.json" -w '%{http_code}' -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" "$base/api/v1/articles")" || answer=000
        if [ "$answer" != 201 ]; then errors=$((errors + 1)); echo "POST $answer" >>"$work/errors.log"; continue; fi
        local id version
        id="$(jq -r .id "$work/w.json")"; version="$(jq -r .version "$work/w.json")"
        echo "$id,$version,$headline" >>"$work/acknowledged.csv"
        headline="$headline (edited)"
        body="$(jq -c --arg h "$headline" '.headline=$h' <<<"$body")"
        status="$(curl -s -o "$work/w.json" -w '%{http_code}' -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
            -H "If-Match: W/\"$version\"" -d "$body" "$base/api/v1/articles/$id")" || status=000
        if [ "$status" != 200 ]; then errors=$((errors + 1)); echo "PUT $status" >>"$work/errors.log"; continue; fi
        echo "$id,$(jq -r .version "$work/w.json"),$headline" >>"$work/acknowledged.csv"
    done
    echo "$errors" >"$work/write-errors"
}

sample() {
    echo "seconds,rss_kb,open_fds" >"$samples"
    local start
    start=$(date +%s)
    while [ "$(date +%s)" -lt "$end" ] && kill -0 "$pid" 2>/dev/null; do
        echo "$(( $(date +%s) - start )),$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status"),$(ls "/proc/$pid/fd" | wc -l)" >>"$samples"
        sleep 5
    done
}

echo "== soaking for $minutes minute(s)"
writes & pids+=($!); writer=$!
sample & pids+=($!); sampler=$!
third=$(( seconds / 3 > 1 ? seconds / 3 : 1 ))
: >"$work/wrk.txt"
for path in / "$article_path" "/api/v1/articles?limit=20"; do
    # Each path a third of the time, two connections: reads and writes contend without starving the box.
    wrk -t1 -c2 -d"${third}s" --latency "$base$path" >>"$work/wrk.txt" 2>&1 || true
done
wait "$writer" "$sampler" || true

echo "== checking acknowledged writes"
lost=0
declare -A last
while IFS=, read -r id version headline; do last[$id]="$version,$headline"; done <"$work/acknowledged.csv"
for id in "${!last[@]}"; do
    want_version="${last[$id]%%,*}"; want_headline="${last[$id]#*,}"
    got="$(curl -sf -H "Authorization: Bearer $key" "$base/api/v1/articles/$id" | jq -r '"\(.version),\(.headline)"')" || got=missing
    if [ "$got" != "$want_version,$want_headline" ]; then lost=$((lost + 1)); echo "article $id: want $want_version,$want_headline got $got" >>"$work/errors.log"; fi
done
alive=yes; kill -0 "$pid" 2>/dev/null || alive=no

write_errors="$(cat "$work/write-errors")"
read_errors="$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" | paste -sd ';' - || true)"
requests="$(awk '/requests in/ {s += $1} END {print s + 0}' "$work/wrk.txt")"
server_errors="$(grep -cE '^(fail|crit):' "$work/app.log" || true)"
growth() { # column: median of the first third of samples -> median of the last third, the change, the maximum
    local values n k first last
    values="$(tail -n +2 "$samples" | cut -d, -f"$1")"
    n="$(wc -l <<<"$values")"; k=$(( n / 3 > 0 ? n / 3 : 1 ))
    median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
    first="$(head -n "$k" <<<"$values" | median)"; last="$(tail -n "$k" <<<"$values" | median)"
    awk -v f="$first" -v l="$last" -v m="$(sort -n <<<"$values" | tail -n 1)" \
        'BEGIN {printf "%s -> %s (%+.1f%%), max %s", f, l, (f > 0 ? (l - f) * 100 / f : 0), m}'
}

{
    echo "# Soak $stamp ($minutes min, loopback, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| check | result |"
    echo "| --- | --- |"
    echo "| acknowledged articles | ${#last[@]} ($(wc -l <"$work/acknowledged.csv") acknowledged writes) |"
    echo "| lost or changed writes | $lost |"
    echo "| write errors (non-2xx or no answer) | $write_errors |"
    echo "| read requests (wrk) | $requests |"
    echo "| read errors (wrk) | ${read_errors:-none} |"
    echo "| errors in the app's log | $server_errors |"
    echo "| still running at the end | $alive |"
    echo "| RSS kB, first third -> last third (median) | $(growth 2) |"
    echo "| open fds, first third -> last third (median) | $(growth 3) |"
    echo
    echo "Samples: \`$(basename "$samples")\`. Reads per path:"
    echo
    echo '```'
    grep -E '^Running|Requests/sec|Latency |Non-2xx|Socket' "$work/wrk.txt"
    echo '```'
    if [ -s "$work/errors.log" ]; then echo; echo "First errors:"; echo; echo '```'; head -20 "$work/errors.log"; echo '```'; fi
} >"$report"
cat "$report"

[ "$lost" -eq 0 ] && [ "$write_errors" -eq 0 ] && [ -z "$read_errors" ] && [ "$server_errors" -eq 0 ] && [ "$alive" = yes ]
