using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace DataMux.Testing;

/// <summary>Runs libtorch on one intra-op thread in every test thread, from the first product on.</summary>
/// <remarks>
/// The tests use tiny tensors: one thread is faster for them than libtorch's per-core pool, and it keeps the suite's
/// run time stable on busy CI machines (spinning OpenMP workers degrade badly under load). <c>set_num_threads</c>
/// alone is not enough: OpenMP's thread count is per thread, and the first matrix product on each new thread ran on
/// the default count (measured: on 2 cores a [10, 16] x [16, 48] product rounded differently in the last bit from
/// every later one, which broke tests that compare two forward passes exactly). <c>OMP_NUM_THREADS</c>, set in the
/// native environment before libtorch loads, is every thread's default. (.NET's own SetEnvironmentVariable does not
/// reach the native environment on Unix, hence setenv.)
/// </remarks>
internal static class SingleThreadedTorch
{
    [ModuleInitializer]
    internal static void Apply()
    {
        if (!OperatingSystem.IsWindows()) _ = setenv("OMP_NUM_THREADS", "1", 1);
        torch.set_num_threads(1);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
