/*
 * The fp32 peak of this machine's cores, measured rather than taken from a data sheet (the
 * CPU model of the machines we run on varies, and a virtual machine does not say its clock):
 * every OpenMP thread runs independent chains of fused multiply-adds on 512-bit registers
 * (16 floats), enough chains to hide the FMA latency on every FMA port and few enough to stay
 * in registers (16 or more spill here), and each FMA counts 2 FLOPs per lane, the convention
 * of vendors' peak figures (FLOPs per cycle = FMA ports x lanes x 2). The best of 5 rounds.
 *
 * demon-benchmarks/run.sh peak builds it with gcc -O3 -march=native -fopenmp and runs it on
 * every core (OMP_NUM_THREADS to change that).
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#define CHAINS 12
#define ROUNDS 5
#define ITERATIONS 20000000LL

int main(void) {
    int threads = omp_get_max_threads();
    double best = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        float checksum = 0;
        double start = omp_get_wtime();
#pragma omp parallel reduction(+ : checksum)
        {
            __m512 acc[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                acc[c] = _mm512_set1_ps(1.0f + c * 1e-7f);
            }
            const __m512 a = _mm512_set1_ps(0.999999f);
            const __m512 b = _mm512_set1_ps(1e-7f);
            for (long long i = 0; i < ITERATIONS; i++) {
                for (int c = 0; c < CHAINS; c++) {
                    acc[c] = _mm512_fmadd_ps(acc[c], a, b);
                }
            }
            // Used, so that the compiler keeps the loop.
            for (int c = 0; c < CHAINS; c++) {
                checksum += _mm512_reduce_add_ps(acc[c]);
            }
        }
        double seconds = omp_get_wtime() - start;
        double gflops = 2.0 * 16 * CHAINS * (double) ITERATIONS * threads / seconds / 1e9;
        if (gflops > best) {
            best = gflops;
        }
        printf("round %d: %.1f GFLOP/s fp32 (%d threads, %.3f s, checksum %g)\n", round, gflops, threads, seconds,
               checksum);
    }
    printf("peak: %.1f GFLOP/s fp32 on %d threads (best of %d rounds)\n", best, threads, ROUNDS);
    return 0;
}
