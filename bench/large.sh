#!/usr/bin/env bash
# The issue's size target: with N articles in the database (default 100,000), the article page,
# the home page, a search and the API's list and single article, each loaded with wrk at 32
# connections, reported with p50/p99 latency. The data directory is kept (bench/out/large-N) so
# a rerun measures without generating again; --regenerate starts it over.
#
#   bash bench/large.sh [--articles N] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--regenerate]
#
# Needs: the .NET SDK, wrk and curl (apt-get install -y wrk curl). Binds to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

articles=100000
duration=10
warmup=20
connections=32
regenerate=false
while [ $# -gt 0 ]; do
    case "$1" in
        --articles) articles="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --regenerate) regenerate=true; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

out="bench/out"
data="$out/large-$articles"
mkdir -p "$out"
echo "== publishing NewsCms (Release)"
dotnet publish src/NewsCms.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" --nologo -v q

port=5121
base="http://127.0.0.1:$port"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

export ASPNETCORE_ENVIRONMENT=Production
export NewsCms__DataDirectory="$PWD/$data"
export NewsCms__Site__BaseUrl="$base"
export NewsCms__SeedDemoContent=false
export NewsCms__Api__RateLimit__AnonymousPermits=100000000
export Logging__LogLevel__Default=Warning

if $regenerate || [ ! -f "$data/generated" ]; then
    rm -rf "$data"
    echo "== generating $articles articles (kept in $data for reruns)"
    start=$(now_ms)
    dotnet "$out/app/NewsCms.Web.dll" generate-content --count "$articles"
    echo "$articles articles in $(( ($(now_ms) - start) / 1000 )) s" > "$data/generated"
fi
generation=$(cat "$data/generated")
db_mb=$(du -m "$data" | tail -1 | cut -f1)

start=$(now_ms)
dotnet "$out/app/NewsCms.Web.dll" --urls "$base" > "$out/large-app.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -fs -o /dev/null "$base/" && break; sleep 0.05; done
first_page_ms=$(( $(now_ms) - start ))

article_path=$(curl -fs "$base/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -1 | cut -d'"' -f2)
# The oldest article too (the generator's first): far from the rows the home page keeps warm.
old_url=$(curl -fs "$base/api/v1/articles/1" | grep -o '"url":"[^"]*"' | head -1 | cut -d'"' -f4)
first_id=$(curl -fs "$base/api/v1/articles?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
scenarios=(
    "article page|$base$article_path"
    "home page|$base/"
    "search page|$base/search?q=river"
    "API list limit=20|$base/api/v1/articles?limit=20"
    "API article by id|$base/api/v1/articles/$first_id"
)
[ -n "$old_url" ] && scenarios+=("oldest article page|$old_url")

to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

echo "== warming for ${warmup}s"
wrk -t2 -c"$connections" -d"$warmup"s "$base$article_path" > /dev/null
for s in "${scenarios[@]}"; do wrk -t2 -c"$connections" -d3s "${s#*|}" > /dev/null; done

rows=()
for s in "${scenarios[@]}"; do
    result=$(wrk -t2 -c"$connections" -d"$duration"s --latency "${s#*|}")
    r=$(echo "$result" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
    l50=$(to_ms "$(echo "$result" | awk '$1 == "50%" { print $2 }')")
    l99=$(to_ms "$(echo "$result" | awk '$1 == "99%" { print $2 }')")
    errors=$(echo "$result" | awk '/Non-2xx/ { print $NF }')
    printf '   %-24s %8s req/s  p50 %7s ms  p99 %7s ms\n' "${s%%|*}" "$r" "$l50" "$l99"
    rows+=("| ${s%%|*} | $r | $l50 | $l99 | $(awk -v p="$l99" 'BEGIN { print (p < 20 ? "yes" : "no") }') | ${errors:-0} |")
done
# Searches nobody made before (no cache entry): one at a time, so this is the query's own time.
fresh=()
for q in harbour+tolls grain+prices rail+fares water+rights ferry+timetable council+budget wildfire+smoke \
         school+meals bridge+repairs flood+defences tram+strike energy+bills fishing+quotas bus+routes; do
    fresh+=("$(curl -fs -o /dev/null -w '%{time_total}' "$base/search?q=$q" | awk '{ printf "%.1f", $1 * 1000 }')")
done
fresh_sorted=$(printf '%s\n' "${fresh[@]}" | sort -n)
fresh_median=$(echo "$fresh_sorted" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
fresh_max=$(echo "$fresh_sorted" | tail -1)
echo "   search, uncached: median ${fresh_median} ms, max ${fresh_max} ms over ${#fresh[@]} new queries"

rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")
hwm=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")

{
    echo "# Large-site run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Command: \`bash bench/large.sh --articles $articles --duration $duration --warmup $warmup --connections $connections\`"
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(uname -sr), .NET $(dotnet --version); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "- Data: $generation; data directory $db_mb MB."
    echo "- Start to first home page: ${first_page_ms} ms. Memory after load: RSS $rss MB (peak $hwm MB)."
    echo "- Search with a query not seen before (not cached), one request at a time: median ${fresh_median} ms, max ${fresh_max} ms over ${#fresh[@]} queries."
    echo
    echo "| Scenario (output cache on) | req/s | p50 ms | p99 ms | p99 < 20 ms | non-2xx |"
    echo "| --- | ---: | ---: | ---: | :---: | ---: |"
    printf '%s\n' "${rows[@]}"
} > "$out/large.md"
echo
cat "$out/large.md"
