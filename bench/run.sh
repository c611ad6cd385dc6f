#!/usr/bin/env bash
# Loads NewsCms with wrk from loopback and reports every figure as a ratio to two baselines
# measured in the same run: Kestrel serving the identical article HTML as a static file, and as
# bytes held in memory. On SQLite it also measures the issue's reference point for the uncached
# page, a plain Razor Pages + EF Core page (bench/PlainPage) showing the same article from the
# same database file. Results go to bench/out/results.md (and are copied into docs/ by hand
# with the commit that explains them).
#
#   bash bench/run.sh [--articles N] [--duration SECONDS] [--warmup SECONDS] [--rounds N] [--connections N]
#                     [--postgres "Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=newscms_bench"]
#
# With --postgres the same scenarios run on PostgreSQL: the named database is dropped and made
# anew (psql, from Debian's postgresql-client, does the drop; the role needs CREATEDB), and the
# results go to bench/out/results-postgres.md, beside the SQLite run's results.md.
#
# Two NewsCms processes serve the same data directory: one with the output cache (the default)
# and one with NewsCms:OutputCache:Enabled=false, so "cache on" and "cache off" are measured in
# the same run. Needs: the .NET SDK, wrk and curl (apt-get install -y wrk curl). Binds to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

articles=2000
duration=10
warmup=20
rounds=2
connections=32
postgres=""
while [ $# -gt 0 ]; do
    case "$1" in
        --articles) articles="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --postgres) postgres="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
out="bench/out"
results="$out/results.md"
[ -z "$postgres" ] || results="$out/results-postgres.md"
rm -rf "$out/data" "$results"
mkdir -p "$out"

echo "== publishing NewsCms and the baseline server (Release)"
dotnet publish src/NewsCms.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/app" --nologo -v q
dotnet publish bench/Baseline -c Release -o "$out/baseline" --nologo -v q
[ -n "$postgres" ] || dotnet publish bench/PlainPage -c Release -o "$out/plainpage" --nologo -v q

app_port=5101; static_port=5102; bytes_port=5103; nocache_port=5104; plain_port=5105
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() {
    for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "server at $1 did not answer" >&2; exit 1
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

export ASPNETCORE_ENVIRONMENT=Production
export NewsCms__DataDirectory="$PWD/$out/data"
export NewsCms__Site__BaseUrl="http://127.0.0.1:$app_port"
export NewsCms__SeedDemoContent=false
# The API's per-client rate limit would answer the load generator with 429s.
export NewsCms__Api__RateLimit__AnonymousPermits=100000000
export NewsCms__Api__RateLimit__KeyPermits=100000000
export Logging__LogLevel__Default=Warning

database="SQLite (WAL, synchronous=NORMAL) in $out/data"
if [ -n "$postgres" ]; then
    command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
    # libpq's keywords from the Npgsql connection string, to drop the database before the run; the
    # password goes to psql through PGPASSWORD, not on its command line.
    libpq() { echo "$postgres" | tr ';' '\n' | awk -v want="$1" '{ i = index($0, "="); if (!i) next; k = tolower(substr($0, 1, i - 1)); v = substr($0, i + 1)
        gsub(/ /, "", k); if (k == "username" || k == "userid") k = "user"; if (k == "database") k = "dbname"; if (k == "pwd") k = "password"
        if (want == "password") { if (k == "password") print v; next }
        if (k ~ /^(host|port|user|dbname)$/) printf "%s=%s ", k, v }'; }
    conninfo=$(libpq conninfo)
    PGPASSWORD=$(libpq password); export PGPASSWORD
    db_name=$(echo "$conninfo" | grep -o 'dbname=[^ ]*' | cut -d= -f2)
    [ -n "$db_name" ] || { echo "--postgres needs Database=... (a database the run may drop)" >&2; exit 1; }
    psql -q "$conninfo dbname=postgres" -c "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)"
    export NewsCms__Database__Provider=Postgres
    export ConnectionStrings__NewsCms="$postgres"
    database="PostgreSQL $(psql -tA "$conninfo dbname=postgres" -c 'SHOW server_version') on $(echo "$conninfo" | grep -o 'host=[^ ]*' | cut -d= -f2), database $db_name (fsync $(psql -tA "$conninfo dbname=postgres" -c 'SHOW fsync'), shared_buffers $(psql -tA "$conninfo dbname=postgres" -c 'SHOW shared_buffers'))"
fi

echo "== generating $articles articles"
gen_start=$(now_ms)
dotnet "$out/app/NewsCms.Web.dll" generate-content --count "$articles"
generation_s=$(( ($(now_ms) - gen_start) / 1000 ))
write_key=$(dotnet "$out/app/NewsCms.Web.dll" api-keys create --name bench --scope write | tail -1)

# Start to first response: process start until the first 200 from the health check and from a
# real page (the home page: database, EF model and Razor all on first use).
start_ms=$(now_ms)
dotnet "$out/app/NewsCms.Web.dll" --urls "http://127.0.0.1:$app_port" > "$out/app.log" 2>&1 &
pids+=($!); app_pid=$!
wait_for "http://127.0.0.1:$app_port/healthz"
first_health_ms=$(( $(now_ms) - start_ms ))
wait_for "http://127.0.0.1:$app_port/"
first_page_ms=$(( $(now_ms) - start_ms ))

NewsCms__OutputCache__Enabled=false dotnet "$out/app/NewsCms.Web.dll" --urls "http://127.0.0.1:$nocache_port" > "$out/app-nocache.log" 2>&1 &
pids+=($!); nocache_pid=$!
wait_for "http://127.0.0.1:$nocache_port/healthz"

base="http://127.0.0.1:$app_port"
nocache="http://127.0.0.1:$nocache_port"
article_path=$(curl -fs "$base/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -1 | cut -d'"' -f2)
curl -fs "$base$article_path" > "$out/article.html"
echo "== article under test: $article_path ($(wc -c < "$out/article.html") bytes)"

dotnet "$out/baseline/Baseline.dll" --mode static --html "$out/article.html" --urls "http://127.0.0.1:$static_port" &
pids+=($!)
wait_for "http://127.0.0.1:$static_port/article"
# The same start-up measured on the smallest Kestrel app, for scale: on a 2-core machine whose
# speed drifts by half over a day, the runtime's own start moves with it.
start_ms=$(now_ms)
dotnet "$out/baseline/Baseline.dll" --mode bytes --html "$out/article.html" --urls "http://127.0.0.1:$bytes_port" &
pids+=($!)
wait_for "http://127.0.0.1:$bytes_port/article"
baseline_first_ms=$(( $(now_ms) - start_ms ))
plain_url=""
if [ -z "$postgres" ]; then
    dotnet "$out/plainpage/PlainPage.dll" --db "$out/data/newscms.db" --urls "http://127.0.0.1:$plain_port" &
    pids+=($!)
    plain_url="http://127.0.0.1:$plain_port/article/$(basename "$article_path")"
    wait_for "$plain_url"
fi

# The generator's subject tags (e.g. "Water rights") each carry about a tenth of the articles.
tag_path="/tags/$(curl -fs "$base/api/v1/tags" | grep -o '"slug":"[^"]*"' | cut -d'"' -f4 | grep -m1 -E '^(water-rights|rail-fares|grain-prices)$' || true)"
first_id=$(curl -fs "$base/api/v1/articles?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
scenarios=(
    "static file (baseline)|http://127.0.0.1:$static_port/article"
    "in-memory bytes (baseline)|http://127.0.0.1:$bytes_port/article"
    "article page, cached|$base$article_path"
    "article page, cache off|$nocache$article_path"
    "plain Razor + EF Core page (reference)|$plain_url"
    "home page, cached|$base/"
    "home page, cache off|$nocache/"
    "tag page, cached|$base$tag_path"
    "search page, cached|$base/search?q=river"
    "search page, cache off|$nocache/search?q=river"
    "feed, cached|$base/feed"
    "API list limit=20|$base/api/v1/articles?limit=20"
    "API article by id|$base/api/v1/articles/$first_id"
)

# wrk's latency lines use us, ms or s; everything is reported in ms.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

declare -A rps p50 p99 count
record() { # name wrk-output
    local r l50 l99
    r=$(echo "$2" | awk '/Requests\/sec/ { print $2 }')
    l50=$(to_ms "$(echo "$2" | awk '$1 == "50%" { print $2 }')")
    l99=$(to_ms "$(echo "$2" | awk '$1 == "99%" { print $2 }')")
    if echo "$2" | grep -q "Non-2xx"; then echo "   warning: $1 answered non-2xx responses" >&2; fi
    rps[$1]=$(awk -v a="${rps[$1]:-0}" -v b="$r" 'BEGIN { print a + b }')
    p50[$1]=$(awk -v a="${p50[$1]:-0}" -v b="$l50" 'BEGIN { print a + b }')
    p99[$1]=$(awk -v a="${p99[$1]:-0}" -v b="$l99" 'BEGIN { print a + b }')
    count[$1]=$(( ${count[$1]:-0} + 1 ))
    printf '   %-30s %10s req/s  p50 %6s ms  p99 %6s ms\n' "$1" "$r" "$l50" "$l99"
}
measure() { record "$1" "$(wrk -t2 -c"$connections" -d"$3"s --latency "$2")"; }

active=()
for s in "${scenarios[@]}"; do
    url="${s#*|}"
    if [ -z "$url" ]; then echo "   (skipping ${s%%|*}: measured in SQLite runs only)"
    elif curl -fs -o /dev/null "$url"; then active+=("$s"); else echo "   (skipping ${s%%|*}: $url not served)"; fi
done

# Every server gets the full warm-up (tiered compilation settles per process), then each
# scenario a short one of its own (its code paths and cache entries).
echo "== warming each server for ${warmup}s under load"
for url in "http://127.0.0.1:$static_port/article" "http://127.0.0.1:$bytes_port/article" "$base$article_path" "$nocache$article_path" $plain_url; do
    wrk -t2 -c"$connections" -d"$warmup"s "$url" > /dev/null
done
for s in "${active[@]}"; do wrk -t2 -c"$connections" -d3s "${s#*|}" > /dev/null; done

# Alternate servers round by round (A B A B) so drift over the run hits every scenario alike.
for round in $(seq 1 "$rounds"); do
    echo "== round $round"
    for s in "${active[@]}"; do measure "${s%%|*}" "${s#*|}" "$duration"; done
done

# Mixed: readers load the article page and the home page while an API client publishes an
# update to the article every second; after each, the public page is polled until it shows it.
echo "== mixed read load with an update published every second"
article_id=$(curl -fs "$base/api/v1/articles/by-slug/${article_path##*/}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
# The body as the API has it, still JSON-escaped, so it can go back into a JSON body unchanged.
body_so_far=$(curl -fs "$base/api/v1/articles/$article_id" | grep -o '"bodyMarkdown":"\([^"\\]\|\\.\)*"' | head -1 | sed 's/^"bodyMarkdown":"//; s/"$//')
[ -n "$body_so_far" ] || { echo "could not read the article's body from the API" >&2; exit 1; }
wrk -t1 -c$((connections / 2)) -d"$duration"s --latency "$base$article_path" > "$out/mixed-article.txt" &
wrk_article=$!
wrk -t1 -c$((connections / 2)) -d"$duration"s --latency "$base/" > "$out/mixed-home.txt" &
wrk_home=$!
visible=()
saves=()
deadline=$(( $(now_ms) + duration * 1000 - 1500 ))
n=0
while [ "$(now_ms)" -lt "$deadline" ]; do
    n=$((n + 1))
    sent=$(now_ms)
    headline="Breaking: update $n at $sent"
    # As a live story is updated: a new headline and a new first paragraph over the body so far
    # (so each save renders the Markdown and the page's text grows).
    body_so_far="**Update $n.** The council met again at $sent and the vote was postponed.\\n\\n$body_so_far"
    curl -fs -o /dev/null -X PATCH -H "Authorization: Bearer $write_key" -H "Content-Type: application/merge-patch+json" \
        --data "{\"headline\":\"$headline\",\"bodyMarkdown\":\"$body_so_far\"}" "$base/api/v1/articles/$article_id"
    # From the moment the API answered (the update is saved) until a reader sees it.
    tick=$(now_ms)
    saves+=($(( tick - sent )))
    until curl -fs "$base$article_path" | grep -qF "$headline"; do
        if [ $(( $(now_ms) - tick )) -gt 10000 ]; then echo "   update $n not visible after 10 s" >&2; break; fi
    done
    visible+=($(( $(now_ms) - tick )))
    sleep_ms=$(( 1000 - ($(now_ms) - sent) ))
    [ "$sleep_ms" -gt 0 ] && sleep "$(awk -v ms="$sleep_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
done
wait "$wrk_article" "$wrk_home"
record "mixed: article page" "$(cat "$out/mixed-article.txt")"
record "mixed: home page" "$(cat "$out/mixed-home.txt")"
visible_sorted=$(printf '%s\n' "${visible[@]}" | sort -n)
visible_median=$(echo "$visible_sorted" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
visible_max=$(echo "$visible_sorted" | tail -1)
save_median=$(printf '%s\n' "${saves[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "   update saved (PATCH answered) after median ${save_median} ms; then visible on the public page after median ${visible_median} ms, max ${visible_max} ms over ${#visible[@]} updates"

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
# RSS counts the framework's and the app's mapped images (clean pages the kernel can drop, shared
# with every .NET process on the host); the process's own memory is its anonymous and JIT pages.
own_mb() { awk '/^(Pss_Anon|Pss_Shmem):/ { kb += $2 } END { printf "%d", kb / 1024 }' "/proc/$1/smaps_rollup"; }
mapped_mb() { awk '/^Pss_File:/ { printf "%d", $2 / 1024 }' "/proc/$1/smaps_rollup"; }
static_rps=$(awk -v a="${rps["static file (baseline)"]}" -v n="${count["static file (baseline)"]}" 'BEGIN { print a / n }')
bytes_rps=$(awk -v a="${rps["in-memory bytes (baseline)"]}" -v n="${count["in-memory bytes (baseline)"]}" 'BEGIN { print a / n }')

{
    echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Command: \`bash bench/run.sh --articles $articles --duration $duration --warmup $warmup --rounds $rounds --connections $connections${postgres:+ --postgres \"$(echo "$postgres" | sed -E 's/(password|pwd)=[^;]*/\1=.../Ig')\"}\`"
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)"
    echo "Load: \`wrk -t2 -c$connections\`, ${duration}s per measurement, $rounds alternating rounds, averaged; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "- Database: $database."
    echo "- Articles in the database: $articles, generated in ${generation_s} s."
    echo "- Start to first response: ${first_health_ms} ms (health check), ${first_page_ms} ms (home page); the in-memory baseline server, a minimal Kestrel app: ${baseline_first_ms} ms."
    echo "- Memory after load: cached app RSS $(rss_mb "$app_pid") MB (peak $(hwm_mb "$app_pid") MB; its own memory $(own_mb "$app_pid") MB, mapped images $(mapped_mb "$app_pid") MB); cache-off app RSS $(rss_mb "$nocache_pid") MB (peak $(hwm_mb "$nocache_pid") MB; own $(own_mb "$nocache_pid") MB, images $(mapped_mb "$nocache_pid") MB)."
    echo "- Publishing under mixed load: the API saved an update in median ${save_median} ms; it was visible on the public page median ${visible_median} ms (max ${visible_max} ms) after that, over ${#visible[@]} updates."
    echo
    echo "| Scenario | req/s | x static file | x in-memory | p50 ms | p99 ms |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    for s in "${active[@]}" "mixed: article page|" "mixed: home page|"; do
        name="${s%%|*}"; n="${count[$name]}"
        awk -v name="$name" -v r="${rps[$name]}" -v a="${p50[$name]}" -v b="${p99[$name]}" -v n="$n" \
            -v st="$static_rps" -v by="$bytes_rps" \
            'BEGIN { m = r / n; printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n", name, m, m / st, m / by, a / n, b / n }'
    done
} > "$results"
echo
cat "$results"
