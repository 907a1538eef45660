/*
 * MKL's packed GEMM and its thread setting, looked up in the libtorch that run.sh puts on the library path: the
 * shared start-up of packed_products.c and product_shapes.c. (encoder_pass.c and embedding_pass.c use
 * team_probe.h, which hands them to team.c.)
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

typedef size_t (*pack_size_fn)(int, int, int, int);
typedef void (*pack_fn)(int, int, int, int, int, int, float, const float *, int, void *);
typedef void (*compute_fn)(int, int, int, int, int, int, const float *, int, const void *, int, float, float *, int);
typedef int (*threads_local_fn)(int);

static pack_size_fn pack_size;
static pack_fn pack;
static compute_fn compute;
static threads_local_fn threads_local;

/* Loads the vendor-check library first (MKL then picks kernels by CPU features, as MklCpuDispatch does), then libtorch,
 * and resolves the four functions. Returns 0, or 1 with a message. */
static int load_mkl(const char *vendor_check) {
    dlopen(vendor_check, RTLD_NOW | RTLD_GLOBAL);
    void *torch = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_GLOBAL);
    if (!torch) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    pack_size = (pack_size_fn)dlsym(torch, "cblas_sgemm_pack_get_size");
    pack = (pack_fn)dlsym(torch, "cblas_sgemm_pack");
    compute = (compute_fn)dlsym(torch, "cblas_sgemm_compute");
    threads_local = (threads_local_fn)dlsym(torch, "MKL_Set_Num_Threads_Local");
    if (!pack_size || !pack || !compute || !threads_local) { fprintf(stderr, "libtorch lacks MKL's packed GEMM\n"); return 1; }
    return 0;
}
