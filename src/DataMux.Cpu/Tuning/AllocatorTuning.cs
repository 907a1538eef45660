using System;
using System.Runtime.InteropServices;

namespace DataMux.Cpu;

/// <summary>
/// Keeps glibc from handing large freed buffers back to the operating system between forward passes.
/// </summary>
/// <remarks>
/// libtorch's CPU allocator gets every activation buffer from <c>malloc</c>. glibc serves blocks above a dynamic
/// threshold with fresh <c>mmap</c>s and trims freed memory at the top of the heap, so depending on the allocation
/// history a process can pay page faults for every multi-megabyte activation of every forward pass: the same trained
/// model then runs up to 2x slower in one process than in the next. This pins the mmap threshold at its maximum
/// (32 MiB) and the trim threshold at 1 GiB, so buffers below 32 MiB are reused from the heap. The price is memory
/// that stays with the process after a peak. Opt-in, process-wide; Linux with glibc only.
/// </remarks>
public static class AllocatorTuning
{
    private const int MallocTrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MallocMmapThreshold = -3;   // M_MMAP_THRESHOLD
    private const int MaximumMmapThreshold = 32 * 1024 * 1024;
    private const int TrimThreshold = 1024 * 1024 * 1024;

    /// <summary>Applies the settings; returns false where they are not available (not Linux/glibc) or were refused.</summary>
    public static bool TryKeepLargeBuffers()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MallocMmapThreshold, MaximumMmapThreshold) == 1 && mallopt(MallocTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // a C library without mallopt (musl)
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
