/*
 * GFLOPS of MKL's packed products for given shapes, THREADS threads at once, each with its own weights (24 copies per
 * shape, cycled, so the weights are cold as in a 12-layer pass) and MKL on one thread: what a team thread gets for a
 * product of ROWS x OUTPUTS x INPUTS while the other thread is busy too. Behind the pair split's shapes (README).
 * Usage (through run.sh): product_shapes THREADS ROWS OUTPUTS INPUTS [ROWS OUTPUTS INPUTS ...]   (up to 16 shapes)
 *   e.g. product_shapes 2 85 2304 768 85 768 768 85 3072 768 85 768 3072      a layer's products, row split at N = 40
 *        product_shapes 2 169 1152 768 169 768 384 169 1536 768 169 768 1536  the same, pair split
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mkl_packed.h"


enum { MAX_SHAPES = 16, COPIES = 24, MAX_THREADS = 8 };
static int shapes, rows[MAX_SHAPES], outputs[MAX_SHAPES], inputs[MAX_SHAPES];
static pthread_barrier_t meet;

typedef struct { void *weights[MAX_SHAPES][COPIES]; float *a, *c; double seconds[MAX_SHAPES]; } worker;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void *run(void *argument) {
    worker *w = argument;
    threads_local(1);
    for (int s = 0; s < shapes; s++) {
        pthread_barrier_wait(&meet);
        double start = now();
        for (int repeat = 0; repeat < 3; repeat++)
            for (int c = 0; c < COPIES; c++)
                compute(101, 111, 151, rows[s], outputs[s], inputs[s], w->a, inputs[s], w->weights[s][c], outputs[s], 0.f, w->c, outputs[s]);
        w->seconds[s] = now() - start;
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 6 || (argc - 3) % 3 != 0 || (argc - 3) / 3 > MAX_SHAPES) {
        fprintf(stderr, "usage: %s VENDOR_CHECK_LIBRARY THREADS ROWS OUTPUTS INPUTS [ROWS OUTPUTS INPUTS ...]\n", argv[0]);
        return 2;
    }
    if (load_mkl(argv[1]) != 0) return 1;
    int threads = atoi(argv[2]);
    if (threads < 1 || threads > MAX_THREADS) { fprintf(stderr, "1-%d threads\n", MAX_THREADS); return 2; }
    shapes = (argc - 3) / 3;
    long widest = 0;
    for (int s = 0; s < shapes; s++) {
        rows[s] = atoi(argv[3 + 3 * s]), outputs[s] = atoi(argv[4 + 3 * s]), inputs[s] = atoi(argv[5 + 3 * s]);
        if (rows[s] < 1 || outputs[s] < 1 || inputs[s] < 1) { fprintf(stderr, "shapes must be positive\n"); return 2; }
        long a = (long)rows[s] * inputs[s], c = (long)rows[s] * outputs[s];
        if (a > widest) widest = a;
        if (c > widest) widest = c;
    }
    static worker workers[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        workers[t].a = calloc(widest, sizeof(float));
        workers[t].c = calloc(widest, sizeof(float));
        for (int s = 0; s < shapes; s++)
            for (int c = 0; c < COPIES; c++) {
                long count = (long)outputs[s] * inputs[s];
                float *w = malloc(count * sizeof(float));
                for (long i = 0; i < count; i++) w[i] = (i % 13) * 0.01f;
                workers[t].weights[s][c] = aligned_alloc(64, (pack_size(162, 256, outputs[s], inputs[s]) + 63) / 64 * 64);
                pack(101, 162, 112, 256, outputs[s], inputs[s], 1.f, w, inputs[s], workers[t].weights[s][c]);
                free(w);
            }
    }
    pthread_barrier_init(&meet, NULL, threads);
    pthread_t handles[MAX_THREADS];
    for (int round = 0; round < 2; round++) { /* the first round is a warm-up */
        for (int t = 0; t < threads; t++) pthread_create(&handles[t], NULL, run, &workers[t]);
        for (int t = 0; t < threads; t++) pthread_join(handles[t], NULL);
    }
    for (int s = 0; s < shapes; s++) {
        printf("%5d x %5d x %5d:", rows[s], outputs[s], inputs[s]);
        for (int t = 0; t < threads; t++) printf(" %.0f", 2.0 * rows[s] * outputs[s] * inputs[s] * 3 * COPIES / workers[t].seconds[s] / 1e9);
        printf(" GFLOPS per thread\n");
    }
    return 0;
}
