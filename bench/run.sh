#!/usr/bin/env bash
# Loads NewsCms with wrk from loopback and reports every figure as a ratio to two baselines
# measured in the same run: Kestrel serving the identical article HTML as a static file, and as
# bytes held in memory. Results go to bench/out/results.md (and are copied into docs/ by hand
# with the commit that explains them).
#
#   bash bench/run.sh [--articles N] [--duration SECONDS] [--warmup SECONDS] [--rounds N]
#
# Needs: the .NET SDK, wrk and curl (apt-get install -y wrk curl). Binds to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

articles=1000
duration=10
warmup=25
rounds=2
connections=32
while [ $# -gt 0 ]; do
    case "$1" in
        --articles) articles="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
out="bench/out"
rm -rf "$out/data" "$out/results.md"
mkdir -p "$out"

echo "== publishing NewsCms and the baseline server (Release)"
dotnet publish src/NewsCms.Web -c Release -o "$out/app" --nologo -v q
dotnet publish bench/Baseline -c Release -o "$out/baseline" --nologo -v q

app_port=5101; static_port=5102; bytes_port=5103
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() {
    for _ in $(seq 1 150); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
    echo "server at $1 did not answer" >&2; exit 1
}

export ASPNETCORE_ENVIRONMENT=Production
export NewsCms__DataDirectory="$PWD/$out/data"
export NewsCms__Site__BaseUrl="http://127.0.0.1:$app_port"
export Logging__LogLevel__Default=Warning

echo "== generating $articles articles"
dotnet "$out/app/NewsCms.Web.dll" generate-content --count "$articles"

start_ns=$(date +%s%N)
dotnet "$out/app/NewsCms.Web.dll" --urls "http://127.0.0.1:$app_port" > "$out/app.log" 2>&1 &
pids+=($!); app_pid=$!
wait_for "http://127.0.0.1:$app_port/healthz"
first_response_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

base="http://127.0.0.1:$app_port"
article_path=$(curl -fs "$base/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -1 | cut -d'"' -f2)
curl -fs "$base$article_path" > "$out/article.html"
echo "== article under test: $article_path ($(wc -c < "$out/article.html") bytes)"

dotnet "$out/baseline/Baseline.dll" --mode static --html "$out/article.html" --urls "http://127.0.0.1:$static_port" &
pids+=($!)
dotnet "$out/baseline/Baseline.dll" --mode bytes --html "$out/article.html" --urls "http://127.0.0.1:$bytes_port" &
pids+=($!)
wait_for "http://127.0.0.1:$static_port/article"
wait_for "http://127.0.0.1:$bytes_port/article"

# Scenario name | URL. Only those the build serves are measured (a 2xx on a first GET).
tag_path=$(curl -fs "$base$article_path" | grep -o 'href="/tags/[^"]*"' | head -1 | cut -d'"' -f2 || true)
first_id=$(curl -fs "$base/api/v1/articles?limit=1" 2>/dev/null | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2 || true)
scenarios=(
    "static file (baseline)|http://127.0.0.1:$static_port/article"
    "in-memory bytes (baseline)|http://127.0.0.1:$bytes_port/article"
    "article page|$base$article_path"
    "home page|$base/"
    "tag page|$base${tag_path:-/tags/none}"
    "search page|$base/search?q=river"
    "feed|$base/feed"
    "API list limit=20|$base/api/v1/articles?limit=20"
    "API article by id|$base/api/v1/articles/${first_id:-0}"
)

# wrk's latency lines use us, ms or s; everything is reported in ms.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

declare -A rps p50 p99 count
measure() { # name url seconds
    local result
    result=$(wrk -t2 -c"$connections" -d"$3"s --latency "$2")
    local r l50 l99
    r=$(echo "$result" | awk '/Requests\/sec/ { print $2 }')
    l50=$(to_ms "$(echo "$result" | awk '$1 == "50%" { print $2 }')")
    l99=$(to_ms "$(echo "$result" | awk '$1 == "99%" { print $2 }')")
    if echo "$result" | grep -q "Non-2xx"; then echo "   warning: $1 answered non-2xx responses" >&2; fi
    rps[$1]=$(awk -v a="${rps[$1]:-0}" -v b="$r" 'BEGIN { print a + b }')
    p50[$1]=$(awk -v a="${p50[$1]:-0}" -v b="$l50" 'BEGIN { print a + b }')
    p99[$1]=$(awk -v a="${p99[$1]:-0}" -v b="$l99" 'BEGIN { print a + b }')
    count[$1]=$(( ${count[$1]:-0} + 1 ))
    printf '   %-28s %10s req/s  p50 %6s ms  p99 %6s ms\n' "$1" "$r" "$l50" "$l99"
}

active=()
for s in "${scenarios[@]}"; do
    url="${s#*|}"
    if curl -fs -o /dev/null "$url"; then active+=("$s"); else echo "   (skipping ${s%%|*}: not served by this build)"; fi
done

echo "== warming every server for ${warmup}s under load (tiered compilation settles)"
for s in "${active[@]}"; do
    wrk -t2 -c"$connections" -d"$warmup"s "${s#*|}" > /dev/null
    [ "$warmup" -gt 5 ] && warmup=5   # the app is warm after its first scenario; the rest need less
done

# Alternate servers round by round (A B A B) so drift over the run hits every scenario alike.
for round in $(seq 1 "$rounds"); do
    echo "== round $round"
    for s in "${active[@]}"; do measure "${s%%|*}" "${s#*|}" "$duration"; done
done

rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$app_pid/status")
static_rps=$(awk -v a="${rps["static file (baseline)"]}" -v n="${count["static file (baseline)"]}" 'BEGIN { print a / n }')
bytes_rps=$(awk -v a="${rps["in-memory bytes (baseline)"]}" -v n="${count["in-memory bytes (baseline)"]}" 'BEGIN { print a / n }')

{
    echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Command: \`bash bench/run.sh --articles $articles --duration $duration --rounds $rounds\`"
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)"
    echo "Load: \`wrk -t2 -c$connections\`, ${duration}s per measurement, $rounds alternating rounds, averaged."
    echo "Articles in the database: $articles. Start to first response: ${first_response_ms} ms. App RSS after load: $((rss_kb / 1024)) MB."
    echo
    echo "| Scenario | req/s | x static file | x in-memory | p50 ms | p99 ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    for s in "${active[@]}"; do
        name="${s%%|*}"; n="${count[$name]}"
        awk -v name="$name" -v r="${rps[$name]}" -v a="${p50[$name]}" -v b="${p99[$name]}" -v n="$n" \
            -v st="$static_rps" -v by="$bytes_rps" \
            'BEGIN { m = r / n; printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n", name, m, m / st, m / by, a / n, b / n }'
    done
} > "$out/results.md"
echo
cat "$out/results.md"
