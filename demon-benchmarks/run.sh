#!/usr/bin/env bash
# Runs one of the benchmarks on the packaged module and the jars of the modules it uses, straight from their target
# folders (nothing is installed into ~/.m2). Builds them first when they are missing or a pom is newer:
#   ./mvnw -B -q -pl demon-benchmarks -am package -DskipTests
# Usage: demon-benchmarks/run.sh optimizer|overhead|engines|reseed|sweep-overhead|sweep-concurrency|sweep-scale|comparison|sensitivity|early-stopping|serving|tables|peak|allocators [arguments...]
# Run from the repository root; results go to demon-benchmarks/target/benchmarks unless -Dbenchmarks.output is set.
set -euo pipefail
caller="$PWD"
cd "$(dirname "$0")"
what="${1:?usage: run.sh optimizer|overhead|engines|reseed|sweep-overhead|sweep-concurrency|sweep-scale|comparison|sensitivity|early-stopping|serving|tables|peak|allocators [arguments...]}"
shift
case "$what" in
    optimizer) main=dev.demon.benchmarks.optimizer.OptimizerBenchmarks ;;
    overhead) main=dev.demon.benchmarks.overhead.OrchestrationOverhead ;;
    engines) main=dev.demon.benchmarks.engine.EngineEpochs ;;
    reseed) main=dev.demon.benchmarks.engine.ReseedCost ;;
    sweep-overhead) main=dev.demon.benchmarks.sweep.SweepOverhead ;;
    sweep-concurrency) main=dev.demon.benchmarks.sweep.SweepConcurrency ;;
    sweep-scale) main=dev.demon.benchmarks.sweep.SweepScale ;;
    comparison|sensitivity) main=dev.demon.benchmarks.comparison.ComparisonApplication
        set -- "$what" "$@" ;;
    early-stopping) main=dev.demon.benchmarks.earlystopping.EarlyStoppingModes ;;
    serving) main=dev.demon.benchmarks.serving.ServingBenchmark ;;
    tables) main=dev.demon.benchmarks.comparison.TablesFromSweeps
        # The sweep.json files are named relative to where the command was given.
        files=()
        for file in "$@"; do
            case "$file" in /*) files+=("$file") ;; *) files+=("$caller/$file") ;; esac
        done
        set -- "${files[@]}" ;;
    allocators) main=allocators ;;
    peak)
        # The machine's fp32 peak, which the engine benchmark's GFLOP/s are set against: C, not Java.
        mkdir -p target
        gcc -O3 -march=native -fopenmp src/main/c/fma_peak.c -o target/fma_peak
        exec target/fma_peak ;;
    *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
if [ ! -s target/classpath.txt ] || [ ! -s target/remote-classpath.txt ] || [ -n "$(find .. -maxdepth 2 -name pom.xml -newer target/classpath.txt)" ]; then
    (cd .. && ./mvnw -B -q -pl demon-benchmarks -am package -DskipTests)
fi
if [ "$main" = allocators ]; then
    exec bash src/main/sh/allocators.sh "$@"
fi
# DJL must not download anything.
export DJL_OFFLINE=true
# The comparison and sensitivity grids may train trials side by side (a sweep's concurrency): one OpenMP thread per
# MXNet operator (oversubscribed OpenMP regions wait for descheduled threads) and one MXNet worker thread per core, so
# that the trials' operators run in parallel (same results, bit for bit), unless the caller chose otherwise. The timing benchmarks keep the starter's
# thread default (EngineThreads), which is what they measure.
case "$what" in
    comparison|sensitivity)
        export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
        export MXNET_CPU_WORKER_NTHREADS="${MXNET_CPU_WORKER_NTHREADS:-$(nproc)}" ;;
esac
# The heap is capped so that a long grid does not let it grow to a quarter of the machine's memory (JAVA_OPTS wins).
exec java -Xmx4g ${JAVA_OPTS:-} -Dai.djl.offline=true -cp "target/classes:$(cat target/classpath.txt)" "$main" "$@"
