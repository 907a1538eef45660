/*
 * The 48 packed products of a 12-layer paper-encoder pass (QKV, output, expand, contract; d = 768, FFN 3072; weights
 * cold, as in a pass), run by THREADS pthreads at once, each with MKL on one thread. Modes:
 *   rows     each thread multiplies its own ROWS rows with the shared weights (the encoder team's split);
 *   copies   the same, but every thread has its own copy of the weights;
 *   columns  each thread multiplies all ROWS rows with its half of every weight's outputs (two threads; the
 *            threads meet after each product, as a column split must).
 * Prints GFLOPS per thread, counting each thread's own share of the work.
 * Usage (through run.sh): packed_products ROWS THREADS [rows|copies|columns]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mkl_packed.h"


enum { LAYERS = 12, D = 768, FF = 3072, MAX_THREADS = 8 };
static const int outputs[4] = {3 * D, D, FF, D}, inputs[4] = {D, D, D, FF};
static void *weights[MAX_THREADS][LAYERS][4]; /* [copy or column half][layer][product] */
static int rows, columns_mode;
static pthread_barrier_t meet;

typedef struct { int id; void *(*w)[4]; float *x, *qkv, *context, *expanded; double seconds; } worker;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void *packed_copy(int j, int output_rows) {
    long count = (long)output_rows * inputs[j];
    float *w = malloc(count * sizeof(float));
    for (long i = 0; i < count; i++) w[i] = ((i * 2654435761u) % 1000) / 1000.f * 0.05f - 0.025f;
    void *p = aligned_alloc(64, (pack_size(162, 256, output_rows, inputs[j]) + 63) / 64 * 64);
    pack(101, 162, 112, 256, output_rows, inputs[j], 1.f, w, inputs[j], p);
    free(w);
    return p;
}

static void *run(void *argument) {
    worker *w = argument;
    threads_local(1);
    pthread_barrier_wait(&meet);
    double start = now();
    for (int repeat = 0; repeat < 3; repeat++)
        for (int l = 0; l < LAYERS; l++) {
            void **p = w->w[l];
            if (columns_mode) { /* half of each product's outputs, all rows; meet after each product */
                int half[4] = {3 * D / 2, D / 2, FF / 2, D / 2};
                compute(101, 111, 151, rows, half[0], D, w->x, D, p[0], 3 * D, 1.f, w->qkv + w->id * half[0], 3 * D);
                pthread_barrier_wait(&meet);
                compute(101, 111, 151, rows, half[1], D, w->context, D, p[1], D, 1.f, w->x + w->id * half[1], D);
                pthread_barrier_wait(&meet);
                compute(101, 111, 151, rows, half[2], D, w->x, D, p[2], FF, 1.f, w->expanded + w->id * half[2], FF);
                pthread_barrier_wait(&meet);
                compute(101, 111, 151, rows, half[3], FF, w->expanded, FF, p[3], D, 1.f, w->x + w->id * half[3], D);
                pthread_barrier_wait(&meet);
            } else {
                compute(101, 111, 151, rows, 3 * D, D, w->x, D, p[0], 3 * D, 1.f, w->qkv, 3 * D);
                compute(101, 111, 151, rows, D, D, w->context, D, p[1], D, 1.f, w->x, D);
                compute(101, 111, 151, rows, FF, D, w->x, D, p[2], FF, 1.f, w->expanded, FF);
                compute(101, 111, 151, rows, D, FF, w->expanded, FF, p[3], D, 1.f, w->x, D);
            }
        }
    w->seconds = (now() - start) / 3;
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s VENDOR_CHECK_LIBRARY ROWS THREADS [rows|copies|columns]\n", argv[0]); return 2; }
    if (load_mkl(argv[1]) != 0) return 1;
    rows = atoi(argv[2]);
    int threads = atoi(argv[3]);
    const char *mode = argc > 4 ? argv[4] : "rows";
    columns_mode = strcmp(mode, "columns") == 0;
    int copies = strcmp(mode, "copies") == 0;
    if (threads < 1 || threads > MAX_THREADS || (columns_mode && threads != 2)) { fprintf(stderr, "1-8 threads; columns takes 2\n"); return 2; }

    for (int c = 0; c < (copies || columns_mode ? threads : 1); c++)
        for (int l = 0; l < LAYERS; l++)
            for (int j = 0; j < 4; j++) weights[c][l][j] = packed_copy(j, columns_mode ? outputs[j] / 2 : outputs[j]);
    worker workers[MAX_THREADS];
    float *shared[4] = {calloc((size_t)rows * D, 4), calloc((size_t)rows * 3 * D, 4), calloc((size_t)rows * D, 4), calloc((size_t)rows * FF, 4)};
    for (int t = 0; t < threads; t++) {
        workers[t] = (worker){t, weights[copies || columns_mode ? t : 0], shared[0], shared[1], shared[2], shared[3], 0};
        if (!columns_mode)
            workers[t] = (worker){t, workers[t].w, calloc((size_t)rows * D, 4), calloc((size_t)rows * 3 * D, 4),
                                  calloc((size_t)rows * D, 4), calloc((size_t)rows * FF, 4), 0};
    }
    pthread_barrier_init(&meet, NULL, threads);
    pthread_t handles[MAX_THREADS];
    for (int round = 0; round < 2; round++) { /* the first round is a warm-up */
        for (int t = 0; t < threads; t++) pthread_create(&handles[t], NULL, run, &workers[t]);
        for (int t = 0; t < threads; t++) pthread_join(handles[t], NULL);
    }
    double flops = 2.0 * rows * (3.0 * D * D + (double)D * D + (double)FF * D + (double)D * FF) * LAYERS;
    if (columns_mode) flops /= 2;
    printf("%d rows, %d threads, %s:", rows, threads, mode);
    for (int t = 0; t < threads; t++) printf(" %.0f", flops / workers[t].seconds / 1e9);
    printf(" GFLOPS per thread\n");
    return 0;
}
