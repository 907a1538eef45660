using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Throughput.Native;

/// <summary>
/// Makes libtorch's statically linked MKL use the vector kernels the CPU supports on AMD processors (see
/// mkl_vendor_check.c). Must run before the first matrix product; it is the first thing the benchmark does.
/// </summary>
internal static class CpuDispatch
{
    private const string ShimFile = "libdatamux_mkl_vendor_check.so";
    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    /// <summary>The CPU vendor from /proc/cpuinfo ("AuthenticAMD", "GenuineIntel", ...), or "unknown".</summary>
    public static string Vendor { get; } = ReadCpuInfo("vendor_id") ?? "unknown";

    /// <summary>The CPU model name from /proc/cpuinfo.</summary>
    public static string ModelName { get; } = ReadCpuInfo("model name") ?? "unknown";

    /// <summary>Loads the shim when the CPU is an AMD one and <paramref name="enabled"/>; returns what happened, for the report.</summary>
    public static string Apply(bool enabled)
    {
        if (!OperatingSystem.IsLinux()) return "not applied (not Linux)";
        if (Vendor != "AuthenticAMD") return $"not needed ({Vendor})";
        if (!enabled) return "off (--no-mkl-fix): MKL runs its generic code path on this AMD CPU";
        var path = Path.Combine(AppContext.BaseDirectory, ShimFile);
        if (!File.Exists(path)) return $"unavailable ({ShimFile} was not built: no C compiler at build time)";
        var handle = dlopen(path, RtldNow | RtldGlobal);
        return handle == IntPtr.Zero ? $"failed to load {path}" : "on: MKL's vendor check answers yes, MKL picks kernels by CPU features";
    }

    private static string? ReadCpuInfo(string key)
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen(string path, int flags);
}
