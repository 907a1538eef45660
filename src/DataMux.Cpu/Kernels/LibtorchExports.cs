using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace DataMux.Cpu;

/// <summary>
/// Looks up functions that <c>libtorch_cpu.so</c> exports but TorchSharp does not wrap: libtorch's own C++ entry
/// points and those of the Intel MKL it links statically (x86-64 Linux builds). Where a function is missing the
/// look-up says why, and callers take libtorch's own operators.
/// </summary>
internal static class LibtorchExports
{
    private static readonly IntPtr handle = Load(out loadFailure);
    private static readonly string loadFailure;

    /// <summary>The address of <paramref name="name"/>, or zero with <paramref name="reason"/> saying why.</summary>
    public static IntPtr Find(string name, out string reason)
    {
        if (handle == IntPtr.Zero)
        {
            reason = loadFailure;
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryGetExport(handle, name, out var address))
        {
            reason = "";
            return address;
        }

        reason = $"this libtorch build does not export {name}";
        return IntPtr.Zero;
    }

    private static IntPtr Load(out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux())
        {
            reason = "only looked up on Linux, where libtorch is libtorch_cpu.so";
            return IntPtr.Zero;
        }

        // Loads libtorch through TorchSharp's own loader first, so that the look-up finds the copy already in the process.
        _ = torch.get_num_threads();
        if (NativeLibrary.TryLoad("libtorch_cpu.so", typeof(LibtorchExports).Assembly, null, out var library)) return library;
        reason = "libtorch_cpu.so could not be loaded";
        return IntPtr.Zero;
    }
}
