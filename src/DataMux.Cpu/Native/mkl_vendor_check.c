/*
 * Intel MKL, which libtorch links statically, chooses its kernels by CPU vendor before it looks at the CPU's
 * features: on AMD processors it runs its generic code path, about 2-3x slower for float32 GEMM on this
 * machine than its AVX2/AVX-512 path. MKL asks one exported function whether the CPU is an Intel one; this
 * library defines that function to answer yes, and is loaded with RTLD_GLOBAL before MKL's first call
 * (DataMux.Performance.MklCpuDispatch), so MKL's own lookup finds this definition first. MKL still checks the feature flags
 * itself (AVX2, AVX-512, ...), so it only selects kernels whose instructions the CPU has.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
