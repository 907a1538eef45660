/*
 * Hands team.c (included before this header) the MKL and libgomp functions it calls, looked up in the libtorch that
 * run.sh puts on the library path: the shared start-up of encoder_pass.c and embedding_pass.c.
 */
#include <dlfcn.h>
#include <stdio.h>

/* Loads the vendor-check library first (MKL then picks kernels by CPU features, as MklCpuDispatch does), then libtorch,
 * and initialises the team. Returns libtorch's handle, or NULL with a message. */
static void *load_team(const char *vendor_check) {
    dlopen(vendor_check, RTLD_NOW | RTLD_GLOBAL);
    void *torch = dlopen("libtorch_cpu.so", RTLD_NOW | RTLD_GLOBAL);
    if (!torch) { fprintf(stderr, "%s\n", dlerror()); return NULL; }
    if (dmx_team_init(dlsym(torch, "cblas_sgemm_compute"), dlsym(torch, "cblas_sgemm_batch"), dlsym(torch, "vsExp"),
                      dlsym(torch, "MKL_Set_Num_Threads_Local"), dlsym(torch, "GOMP_parallel"), dlsym(torch, "GOMP_barrier"),
                      dlsym(torch, "omp_get_thread_num"), dlsym(torch, "omp_get_num_threads")) != 0) {
        fprintf(stderr, "libtorch lacks a function the team needs\n");
        return NULL;
    }
    return torch;
}
