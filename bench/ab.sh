#!/usr/bin/env bash
# A/B of two revisions on one page with the output cache off (by default the newest article's
# page): each revision is published (Release, ReadyToRun) from a temporary git worktree, given its
# own freshly generated data directory, then the two are served one at a time, alternating
# A B B A A B ..., each warmed up under load before it is measured. This is how each step of the uncached
# article page's work in docs/performance.md was measured; single runs of one build vary by up
# to 10% on a 2-core machine, which is why the two alternate. Each run's start (launch to the first
# answer of /healthz, polled every 50 ms) is recorded too: with --warmup 1 --duration 1 it is an A/B
# of start-up alone.
#
#   bash bench/ab.sh REV_A REV_B [--rounds N] [--articles N] [--duration SECONDS] [--warmup SECONDS]
#                                [--connections N] [--page home|article]
#
# REV_A and REV_B are anything git names (a commit, a tag, HEAD~3). Results: bench/out/ab.md.
# Needs the .NET SDK, git, wrk and curl. Binds to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 2 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
rev_a=$1; rev_b=$2; shift 2
rounds=2; articles=2000; duration=10; warmup=20; connections=32; page=article
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --articles) articles="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --page) page="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

out="bench/out/ab"
rm -rf "$out"; mkdir -p "$out"
port=5106
pid=""
cleanup() {
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    for side in a b; do [ ! -d "$out/src-$side" ] || git worktree remove --force "$out/src-$side"; done
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production NewsCms__SeedDemoContent=false Logging__LogLevel__Default=Warning
export NewsCms__OutputCache__Enabled=false
# As in bench/run.sh: absolute links (canonical, JSON-LD, feeds) use the configured base URL.
export NewsCms__Site__BaseUrl="http://127.0.0.1:$port"

for side in a b; do
    rev=$([ "$side" = a ] && echo "$rev_a" || echo "$rev_b")
    commit=$(git rev-parse --short "$rev^{commit}")
    echo "== $side: $rev ($commit): publishing and generating $articles articles"
    echo "$commit" > "$out/commit-$side"
    git worktree add -q --detach "$out/src-$side" "$commit"
    dotnet publish "$out/src-$side/src/NewsCms.Web" -c Release -r linux-x64 --self-contained false \
        -p:PublishReadyToRun=true -o "$out/$side" --nologo -v q
    git worktree remove --force "$out/src-$side"
    NewsCms__DataDirectory="$PWD/$out/data-$side" dotnet "$out/$side/NewsCms.Web.dll" generate-content --count "$articles" > /dev/null
done

wait_for() {
    for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "server at $1 did not answer" >&2; exit 1
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

rows=""
for round in $(seq 1 "$rounds"); do
    # A B, then B A: with an even number of rounds a machine that speeds up or slows down during
    # the run (it does, by half, on shared 2-core machines) weighs on both builds alike.
    order="a b"; [ $((round % 2)) -eq 1 ] || order="b a"
    for side in $order; do
        started=$(date +%s%N)
        NewsCms__DataDirectory="$PWD/$out/data-$side" dotnet "$out/$side/NewsCms.Web.dll" --urls "http://127.0.0.1:$port" > "$out/app-$side.log" 2>&1 &
        pid=$!
        base="http://127.0.0.1:$port"
        wait_for "$base/healthz"
        start_ms=$(( ($(date +%s%N) - started) / 1000000 ))
        path=/
        [ "$page" = home ] || path=$(curl -fs "$base/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -1 | cut -d'"' -f2)
        bytes=$(curl -fs "$base$path" | wc -c)
        wrk -t2 -c"$connections" -d"$warmup"s "$base$path" > /dev/null
        result=$(wrk -t2 -c"$connections" -d"$duration"s --latency "$base$path")
        rps=$(echo "$result" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
        p50=$(to_ms "$(echo "$result" | awk '$1 == "50%" { print $2 }')")
        p99=$(to_ms "$(echo "$result" | awk '$1 == "99%" { print $2 }')")
        rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")
        kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
        echo "   round $round, $side ($(cat "$out/commit-$side")): started in $start_ms ms, $rps req/s, p50 $p50 ms, p99 $p99 ms, RSS $rss MB ($path, $bytes bytes)"
        rows+="| $round | $side ($(cat "$out/commit-$side")) | $start_ms | $rps | $p50 | $p99 | $rss |"$'\n'
        echo "$side $rps" >> "$out/rps"
        echo "$side $start_ms" >> "$out/start"
    done
done

mean() { awk -v s="$1" '$1 == s { t += $2; n++ } END { printf "%.0f", t / n }' "$out/${2:-rps}"; }
mean_a=$(mean a); mean_b=$(mean b)
# The first start of each build also creates the first admin (the generated data has none).
start_a=$(mean a start); start_b=$(mean b start)
{
    echo "# A/B run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Command: \`bash bench/ab.sh $rev_a $rev_b --rounds $rounds --articles $articles --duration $duration --warmup $warmup --connections $connections --page $page\`"
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), .NET $(dotnet --version)."
    echo "Output cache off; \`wrk -t2 -c$connections\`, ${warmup}s of warm-up and ${duration}s measured per run, in the order A B B A A B ..."
    echo
    echo "| Round | Build | start ms | req/s | p50 ms | p99 ms | RSS MB |"
    echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    printf "%s" "$rows"
    echo
    echo "Mean: A $mean_a req/s, B $mean_b req/s; B/A $(awk -v a="$mean_a" -v b="$mean_b" 'BEGIN { printf "%.2f", b / a }')."
    echo "Start to the first /healthz answer: A $start_a ms, B $start_b ms; B/A $(awk -v a="$start_a" -v b="$start_b" 'BEGIN { printf "%.2f", b / a }')."
} > bench/out/ab.md
cat bench/out/ab.md
