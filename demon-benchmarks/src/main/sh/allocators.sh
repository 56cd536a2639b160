#!/usr/bin/env bash
# The demo's CNN, one full epoch by phase (EpochBreakdown), in a fresh process per run, with each native allocator:
# glibc's malloc (the default), tcmalloc and jemalloc preloaded (Debian's libtcmalloc-minimal4 and libjemalloc2; a
# missing one is skipped), jemalloc once with its default decay and once with decay off. MXNet with the starter's
# default threads and PyTorch with its own, the allocators alternating within each round. Called by run.sh allocators
# [rounds] from demon-benchmarks/ after the build. Prints one line per run (phases in seconds: data, forward + backward,
# update, validation, checkpoint; the process's peak RSS and minor page faults from GNU time), then each configuration's
# median epoch and forward + backward.
set -euo pipefail
rounds="${1:-3}"
classpath="target/classes:$(cat target/classpath.txt)"
libraries=/usr/lib/x86_64-linux-gnu
declare -A preload=([glibc]="" [tcmalloc]="$libraries/libtcmalloc_minimal.so.4"
    [jemalloc-default]="$libraries/libjemalloc.so.2" [jemalloc-no-decay]="$libraries/libjemalloc.so.2")
declare -A options=([jemalloc-no-decay]="dirty_decay_ms:-1,muzzy_decay_ms:-1")
allocators=()
for allocator in glibc tcmalloc jemalloc-default jemalloc-no-decay; do
    if [ -z "${preload[$allocator]}" ] || [ -e "${preload[$allocator]}" ]; then
        allocators+=("$allocator")
    else
        echo "skipped $allocator: ${preload[$allocator]} is not installed" >&2
    fi
done
command -v /usr/bin/time > /dev/null || { echo "GNU time (Debian's time) is needed for the fault counts" >&2; exit 2; }
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
    for engine in MXNet PyTorch; do
        for allocator in "${allocators[@]}"; do
            load=$(cut -d' ' -f1 /proc/loadavg)
            phases=$(env LD_PRELOAD="${preload[$allocator]}" MALLOC_CONF="${options[$allocator]:-}" DJL_OFFLINE=true \
                /usr/bin/time -o /tmp/allocators.time -f "%M %R" \
                java -Xmx4g -Dai.djl.offline=true -cp "$classpath" dev.demon.benchmarks.engine.EpochBreakdown cnn "$engine" starter \
                2> /dev/null | tail -1 | cut -d' ' -f4-)
            read -r rss faults < /tmp/allocators.time
            line="$round $engine $allocator $phases $rss $faults $load"
            echo "$line" | tee -a "$results"
        done
    done
done
echo
echo "| engine | allocator | epoch s, median | forward + backward s, of the median run | minor faults, of the median run | runs |"
echo "|---|---|---:|---:|---:|---:|"
# Columns: round engine allocator data forward+backward update validation checkpoint rss faults load.
for engine in MXNet PyTorch; do
    for allocator in "${allocators[@]}"; do
        awk -v e="$engine" -v a="$allocator" '$2 == e && $3 == a { print $4 + $5 + $6 + $7 + $8, $5, $10 }' "$results" |
            sort -n | awk -v e="$engine" -v a="$allocator" '{ epoch[NR] = $1; forward[NR] = $2; faults[NR] = $3 }
                END { m = int((NR + 1) / 2); printf "| %s | %s | %.2f | %.2f | %d | %d |\n", e, a, epoch[m], forward[m], faults[m], NR }'
    done
done
rm -f "$results"
