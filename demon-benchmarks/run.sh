#!/usr/bin/env bash
# Runs one of the benchmarks on the compiled module (build it first:
#   ./mvnw -B -pl demon-benchmarks -am -DskipTests package).
# Usage: demon-benchmarks/run.sh optimizer|overhead|comparison|sensitivity [arguments...]
# Run from the repository root; results go to demon-benchmarks/target/benchmarks unless -Dbenchmarks.output is set.
set -euo pipefail
cd "$(dirname "$0")"
what="${1:?usage: run.sh optimizer|overhead|comparison|sensitivity [arguments...]}"
shift
case "$what" in
    optimizer) main=dev.demon.benchmarks.optimizer.OptimizerBenchmarks ;;
    overhead) main=dev.demon.benchmarks.overhead.OrchestrationOverhead ;;
    comparison|sensitivity) main=dev.demon.benchmarks.comparison.ComparisonApplication
        set -- "--spring.batch.job.name=demon-$what" "$@" ;;
    *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
if [ ! -s target/classpath.txt ] || [ pom.xml -nt target/classpath.txt ]; then
    ../mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime \
        || ../mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
# DJL must not download anything. One OpenMP thread per MXNet operator unless the caller chose otherwise: the
# comparison trains cells side by side, and oversubscribed OpenMP regions wait for descheduled threads.
# The heap is capped so that a long grid does not let it grow to a quarter of the machine's memory (JAVA_OPTS wins).
export DJL_OFFLINE=true
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Xmx4g ${JAVA_OPTS:-} -Dai.djl.offline=true -cp "target/classes:$(cat target/classpath.txt)" "$main" "$@"
