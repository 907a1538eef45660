/*
 * Times src/DataMux/Native/team.c's encoder pass on the paper encoder's shapes (12 layers, d = 768, 12 heads, FFN 3072,
 * synthetic weights), per phase and thread: the C harness the Throughput README quotes.
 * Every weight is packed in the two pieces the runtime packs (WeightSplit.cs); the split is the runtime's choice
 * (EncoderTeam.UsesPairSplit) unless SPLIT says rows or pair.
 * Usage (through run.sh): encoder_pass GROUPS LENGTH THREADS REPEATS [rows|pair]
 */
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static double phase_seconds[64][8], last_mark[64];
#define DMX_MARK(phase) { double t_ = now(); phase_seconds[thread][phase] += t_ - last_mark[thread]; last_mark[thread] = t_; }
#include "../../../src/DataMux/Native/team.c"
#include "team_probe.h"
#include <stdlib.h>

typedef size_t (*pack_size_fn)(int, int, int, int);
typedef void (*pack_fn)(int, int, int, int, int, int, float, const float *, int, void *);

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) { fprintf(stderr, "usage: %s VENDOR_CHECK_LIBRARY GROUPS LENGTH THREADS REPEATS [rows|pair]\n", argv[0]); return 2; }
    void *torch = load_team(argv[1]);
    if (!torch) return 1;
    pack_size_fn pack_size = (pack_size_fn)dlsym(torch, "cblas_sgemm_pack_get_size");
    pack_fn pack = (pack_fn)dlsym(torch, "cblas_sgemm_pack");
    int groups = atoi(argv[2]), length = atoi(argv[3]), team = atoi(argv[4]), repeats = atoi(argv[5]);
    enum { LAYERS = 12, D = 768, HEADS = 12, FF = 3072 };
    dmx_layer layer[LAYERS];
    float *zeros = calloc(FF * 3, sizeof(float)), *ones = malloc(D * sizeof(float));
    for (int i = 0; i < D; i++) ones[i] = 1.f;
    /* packs rows `first_row + i` (i < outputs; for queries, keys and values: the piece's heads of each part) and input
     * columns [first_column, first_column + inputs) of a synthetic [*, row_width] weight */
    #define PACK(outputs_, inputs_, row_of, first_column, row_width) ({ \
        float *w_ = malloc((long)(outputs_) * (inputs_) * sizeof(float)); \
        for (long o_ = 0; o_ < (outputs_); o_++) for (long i_ = 0; i_ < (inputs_); i_++) { \
            long at_ = (long)(row_of) * (row_width) + (first_column) + i_; \
            w_[o_ * (inputs_) + i_] = ((at_ * 2654435761u) % 1000) / 1000.f * 0.05f - 0.025f; } \
        void *p_ = aligned_alloc(64, (pack_size(162, 256, (outputs_), (inputs_)) + 63) / 64 * 64); \
        pack(101, 162, 112, 256, (outputs_), (inputs_), 1.f, w_, (inputs_), p_); free(w_); p_; })
    const int half_heads = HEADS / 2, head_width = D / HEADS, half_ff = FF / 2;
    for (int l = 0; l < LAYERS; l++) {
        dmx_layer *p = &layer[l];
        for (int t = 0; t < 2; t++) {
            int columns = half_heads * head_width;
            p->qkv[t] = PACK(3 * columns, D, (o_ / columns) * D + t * columns + o_ % columns, 0, D);
            p->output[t] = PACK(D, columns, o_, t * columns, D);
            p->expand[t] = PACK(half_ff, D, t * half_ff + o_, 0, D);
            p->contract[t] = PACK(D, half_ff, o_, t * half_ff, FF);
        }
        p->qkv_bias = p->output_bias = p->expand_bias = p->contract_bias = zeros;
        p->norm1_weight = p->norm2_weight = ones;
        p->norm1_bias = p->norm2_bias = zeros;
        p->norm1_eps = p->norm2_eps = 1e-5f;
    }
    long rows = (long)groups * length;
    int split = argc == 7 ? (strcmp(argv[6], "pair") == 0 ? DMX_SPLIT_PAIR : DMX_SPLIT_ROWS)
                          : (team == 2 && rows < 2 * 128 ? DMX_SPLIT_PAIR : DMX_SPLIT_ROWS);
    dmx_job job = {LAYERS, groups, length, D, HEADS, FF, split, layer, NULL, malloc(rows * D * 4),
                   {malloc(rows * 3 * D * 4), malloc(rows * 3 * D * 4)}, malloc(rows * D * 4), malloc(rows * FF * 4),
                   NULL, (long)HEADS * length * length};
    job.scores = malloc(job.scores_per_thread * team * 4);
    double best = 1e9, sum = 0;
    for (int r = 0; r <= repeats; r++) { /* the first pass is a warm-up */
        for (long i = 0; i < rows * D; i++) job.x[i] = ((i * 7919) % 1000) / 1000.f - 0.5f;
        memset(phase_seconds, 0, sizeof phase_seconds);
        double start = now();
        for (int t = 0; t < team; t++) last_mark[t] = start;
        dmx_team_forward(&job, team);
        double seconds = now() - start;
        if (r > 0 && seconds < best) best = seconds;
        if (r > 0) sum += seconds;
    }
    const char *names[7] = {"qkv", "barrier", "attention", "out+ln", "expand", "gelu", "contract+ln"};
    for (int t = 0; t < team; t++) {
        printf("  thread %d:", t);
        for (int k = 0; k < 7; k++) printf(" %s %.2f", names[k], phase_seconds[t][k] * 1e6 / rows / LAYERS * team);
        printf("  (µs per own row and layer, last pass)\n");
    }
    printf("mean %.2f µs per token and layer\n", sum / repeats * 1e6 / rows / LAYERS);
    printf("%d x %d rows on %d threads, %s split: best of %d %.2f ms -> %.2f µs per token and layer\n",
           groups, length, team, split == DMX_SPLIT_PAIR ? "pair" : "row", repeats, best * 1e3, best * 1e6 / rows / LAYERS);
    return 0;
}
