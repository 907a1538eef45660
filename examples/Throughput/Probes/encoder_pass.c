/*
 * Times src/DataMux/Native/team.c's encoder pass on the paper encoder's shapes (12 layers, d = 768, 12 heads, FFN 3072,
 * synthetic weights), per phase and thread: the C harness the Throughput README quotes.
 * Usage (through run.sh): encoder_pass GROUPS LENGTH THREADS REPEATS
 */
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static double phase_seconds[64][8], last_mark[64];
#define DMX_MARK(phase) { double t_ = now(); phase_seconds[thread][phase] += t_ - last_mark[thread]; last_mark[thread] = t_; }
#include "../../../src/DataMux/Native/team.c"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef size_t (*pack_size_fn)(int, int, int, int);
typedef void (*pack_fn)(int, int, int, int, int, int, float, const float *, int, void *);

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: %s VENDOR_CHECK_LIBRARY GROUPS LENGTH THREADS REPEATS\n", argv[0]); return 2; }
    dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL); /* MKL's kernels by CPU features, as MklCpuDispatch does */
    void *torch = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_GLOBAL);
    if (!torch) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    pack_size_fn pack_size = (pack_size_fn)dlsym(torch, "cblas_sgemm_pack_get_size");
    pack_fn pack = (pack_fn)dlsym(torch, "cblas_sgemm_pack");
    if (dmx_team_init(dlsym(torch, "cblas_sgemm_compute"), dlsym(torch, "cblas_sgemm_batch"), dlsym(torch, "vsExp"),
                      dlsym(torch, "MKL_Set_Num_Threads_Local"), dlsym(torch, "GOMP_parallel"), dlsym(torch, "GOMP_barrier"),
                      dlsym(torch, "omp_get_thread_num"), dlsym(torch, "omp_get_num_threads")) != 0) {
        fprintf(stderr, "libtorch lacks a function the team needs\n");
        return 1;
    }
    int groups = atoi(argv[2]), length = atoi(argv[3]), team = atoi(argv[4]), repeats = atoi(argv[5]);
    enum { LAYERS = 12, D = 768, HEADS = 12, FF = 3072 };
    int outputs[4] = {3 * D, D, FF, D}, inputs[4] = {D, D, D, FF};
    dmx_layer layer[LAYERS];
    float *zeros = calloc(FF * 3, sizeof(float)), *ones = malloc(D * sizeof(float));
    for (int i = 0; i < D; i++) ones[i] = 1.f;
    for (int l = 0; l < LAYERS; l++) {
        void *packed[4];
        for (int j = 0; j < 4; j++) {
            long count = (long)outputs[j] * inputs[j];
            float *w = malloc(count * sizeof(float));
            for (long i = 0; i < count; i++) w[i] = ((i * 2654435761u) % 1000) / 1000.f * 0.05f - 0.025f;
            packed[j] = aligned_alloc(64, (pack_size(162, 256, outputs[j], inputs[j]) + 63) / 64 * 64);
            pack(101, 162, 112, 256, outputs[j], inputs[j], 1.f, w, inputs[j], packed[j]);
            free(w);
        }
        layer[l] = (dmx_layer){packed[0], packed[1], packed[2], packed[3], zeros, zeros, zeros, zeros,
                               ones, zeros, ones, zeros, 1e-5f, 1e-5f};
    }
    long rows = (long)groups * length;
    dmx_job job = {LAYERS, groups, length, D, HEADS, FF, layer, NULL, malloc(rows * D * 4),
                   {malloc(rows * 3 * D * 4), malloc(rows * 3 * D * 4)}, malloc(rows * D * 4), malloc(rows * FF * 4),
                   NULL, (long)HEADS * length * length};
    job.scores = malloc(job.scores_per_thread * team * 4);
    double best = 1e9;
    for (int r = 0; r <= repeats; r++) { /* the first pass is a warm-up */
        for (long i = 0; i < rows * D; i++) job.x[i] = ((i * 7919) % 1000) / 1000.f - 0.5f;
        memset(phase_seconds, 0, sizeof phase_seconds);
        double start = now();
        for (int t = 0; t < team; t++) last_mark[t] = start;
        dmx_team_forward(&job, team);
        double seconds = now() - start;
        if (r > 0 && seconds < best) best = seconds;
    }
    const char *names[7] = {"qkv", "barrier", "attention", "out+ln", "expand", "gelu", "contract+ln"};
    for (int t = 0; t < team; t++) {
        printf("  thread %d:", t);
        for (int k = 0; k < 7; k++) printf(" %s %.2f", names[k], phase_seconds[t][k] * 1e6 / rows / LAYERS * team);
        printf("  (µs per own row and layer, last pass)\n");
    }
    printf("%d x %d rows on %d threads: best of %d %.2f ms -> %.2f µs per token and layer\n",
           groups, length, team, repeats, best * 1e3, best * 1e6 / rows / LAYERS);
    return 0;
}
