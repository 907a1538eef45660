/*
 * Times src/DataMux/Native/team.c's embedding + mux pass (dmx_team_embed_mix) on the paper preset's shapes: a 50,265 x
 * 768 token table, ids laid out as the index demux lays them out (position j < N: input j's index token, every other
 * input the filler; position N: CLS; then 128 random content tokens). Between calls a 512 MiB buffer is read, as the
 * encoder's weights stream between two batches, so the table's rows come from DRAM. Prints the mean and best call and
 * the looked-up rows' bytes per second.
 * Usage (through run.sh): embedding_pass GROUPS N THREADS REPEATS
 */
#include "../../../src/DataMux/Native/team.c"
#include "team_probe.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: %s VENDOR_CHECK_LIBRARY GROUPS N THREADS REPEATS\n", argv[0]); return 2; }
    if (!load_team(argv[1])) return 1;
    int groups = atoi(argv[2]), n = atoi(argv[3]), team = atoi(argv[4]), repeats = atoi(argv[5]);
    enum { WIDTH = 768, VOCABULARY = 50265, CONTENT = 128, FILLER = 1, CLS = 0 };
    const int length = n + 1 + CONTENT;
    float *tokens = aligned_alloc(64, (long)VOCABULARY * WIDTH * sizeof(float));
    float *positions = aligned_alloc(64, (long)length * WIDTH * sizeof(float));
    float *scaled = aligned_alloc(64, (long)n * WIDTH * sizeof(float)), *shift = aligned_alloc(64, WIDTH * sizeof(float));
    float *output = aligned_alloc(64, (long)groups * length * WIDTH * sizeof(float));
    for (long i = 0; i < (long)VOCABULARY * WIDTH; i++) tokens[i] = ((i * 7919) % 1000) / 1000.f - 0.5f;
    for (long i = 0; i < (long)length * WIDTH; i++) positions[i] = ((i * 104729) % 1000) / 1000.f - 0.5f;
    for (long i = 0; i < (long)n * WIDTH; i++) scaled[i] = 1.f / n;
    for (int i = 0; i < WIDTH; i++) shift[i] = 0.f;
    int64_t *ids = malloc((long)groups * n * length * sizeof(int64_t));
    srand(1);
    for (long row = 0; row < (long)groups * n; row++) {
        int input = (int)(row % n);
        for (int l = 0; l < length; l++)
            ids[row * length + l] = l < n ? (l == input ? VOCABULARY - 1 - input : FILLER)
                                  : l == n ? CLS : 4 + rand() % (VOCABULARY - 4 - n);
    }
    long flush_floats = (512L << 20) / sizeof(float);
    float *flush = aligned_alloc(64, flush_floats * sizeof(float));
    for (long i = 0; i < flush_floats; i++) flush[i] = 1.f;
    volatile float sink = 0;

    double best = 1e9, sum = 0;
    for (int r = 0; r <= repeats; r++) { /* the first call is a warm-up */
        float s = 0;
        for (long i = 0; i < flush_floats; i += 16) s += flush[i];
        sink += s;
        dmx_mix_job job = {ids, groups, n, length, WIDTH, VOCABULARY, tokens, positions, scaled, shift, 1e-5f, output, -1};
        double start = now();
        if (dmx_team_embed_mix(&job, team) != 0 || job.bad_id != -1) { fprintf(stderr, "the pass failed\n"); return 1; }
        double seconds = now() - start;
        if (r > 0) { sum += seconds; if (seconds < best) best = seconds; }
    }
    long lookups = (long)groups * n * CONTENT; /* distinct content rows; the prefix adds a few */
    double mean = sum / repeats;
    printf("%d x %d inputs x %d positions on %d threads: mean %.3f ms, best %.3f ms over %d calls; %ld content lookups, %.1f GB/s at the mean\n",
           groups, n, length, team, mean * 1e3, best * 1e3, repeats, lookups, lookups * WIDTH * 4.0 / mean / 1e9);
    return 0;
}
