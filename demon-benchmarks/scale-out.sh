#!/usr/bin/env bash
# Measures the comparison's scale-out on this machine: the same grid trained by 1 and by 2 worker processes, side by
# side (the order alternates between repetitions), each time with a fresh manager and workers that have finished
# starting before the manager sends the first cell. The time is that of the manager's partitioned step
# (comparison-cells), as Spring Batch logs it: from the first cell sent to the last one recorded.
# Usage: demon-benchmarks/scale-out.sh <PostgreSQL JDBC URL> <user> [repetitions] [Spring Boot arguments...]
#   e.g. demon-benchmarks/scale-out.sh jdbc:postgresql://127.0.0.1:5432/postgres postgres 3 --spring.profiles.active=smoke
# The profiles given are combined with manager and worker. Build the module first (see run.sh). Prints a Markdown
# table and writes the logs to demon-benchmarks/target/scale-out/.
set -euo pipefail
url="${1:?usage: scale-out.sh <jdbc url> <user> [repetitions] [arguments...]}"
user="${2:?usage: scale-out.sh <jdbc url> <user> [repetitions] [arguments...]}"
repetitions="${3:-3}"
shift $(( $# < 3 ? $# : 3 ))
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/target/scale-out"
mkdir -p "$out"
profiles=smoke
arguments=()
for argument in "$@"; do
    case "$argument" in
        --spring.profiles.active=*) profiles="${argument#--spring.profiles.active=}" ;;
        *) arguments+=("$argument") ;;
    esac
done
port=61699
common=("--spring.datasource.url=$url" "--spring.datasource.username=$user" "${arguments[@]}")

pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap stop_all EXIT

# Runs the grid with $1 workers (repetition $2); prints the partitioned step's seconds.
run_with() {
    local workers="$1" repetition="$2" name
    for w in $(seq 1 "$workers"); do
        name="r$repetition-k$workers-worker-$w"
        "$here/run.sh" comparison "--spring.profiles.active=$profiles,worker" "${common[@]}" \
            "--spring.artemis.broker-url=tcp://127.0.0.1:$port" "--demon.checkpoint.dir=$out/$name" \
            > "$out/$name.log" 2>&1 &
        pids+=("$!")
    done
    for w in $(seq 1 "$workers"); do
        until grep -q "Started ComparisonApplication" "$out/r$repetition-k$workers-worker-$w.log"; do
            kill -0 "${pids[$((w - 1))]}" || { echo "worker $w exited: $out/r$repetition-k$workers-worker-$w.log" >&2; exit 1; }
            sleep 1
        done
    done
    name="r$repetition-k$workers-manager"
    "$here/run.sh" comparison "--spring.profiles.active=$profiles,manager" "${common[@]}" \
        "--comparison.broker-host=127.0.0.1" "--comparison.broker-port=$port" \
        "--comparison.output-dir=$out/$name" "--demon.checkpoint.dir=$out/$name" > "$out/$name.log" 2>&1
    stop_all
    local took
    took=$(sed -n 's/.*Step: \[comparison-cells\] executed in \(.*\)$/\1/p' "$out/$name.log" | tail -1)
    [ -n "$took" ] || { echo "the manager did not finish its cells: $out/$name.log" >&2; exit 1; }
    echo "$took"
}

# Spring Batch writes durations as 1m2s345ms: seconds.
seconds() {
    echo "$1" | awk '{ s = 0; rest = $0
        while (match(rest, /[0-9]+(ms|h|m|s)/)) {
            token = substr(rest, RSTART, RLENGTH); unit = token; gsub(/[0-9]/, "", unit); n = token + 0
            s += (unit == "ms") ? n / 1000 : (unit == "s") ? n : (unit == "m") ? n * 60 : n * 3600
            rest = substr(rest, RSTART + RLENGTH)
        }
        printf "%.1f", s }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "| repetition | 1 worker (s) | 2 workers (s) | ratio |"
echo "|---|---:|---:|---:|"
ones=()
twos=()
for r in $(seq 1 "$repetitions"); do
    if [ $((r % 2)) -eq 1 ]; then
        one=$(seconds "$(run_with 1 "$r")"); two=$(seconds "$(run_with 2 "$r")")
    else
        two=$(seconds "$(run_with 2 "$r")"); one=$(seconds "$(run_with 1 "$r")")
    fi
    ones+=("$one"); twos+=("$two")
    echo "| $r | $one | $two | $(ratio "$one" "$two") |"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m1=$(median "${ones[@]}"); m2=$(median "${twos[@]}")
echo "| median | $m1 | $m2 | $(ratio "$m1" "$m2") |"
