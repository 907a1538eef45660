using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Throughput.Measurement;

/// <summary>
/// Resident memory of this process from /proc (Linux): current RSS, and the peak of one call measured as the
/// high-water mark VmHWM after resetting it through /proc/self/clear_refs. Freed heap memory is handed back to the
/// system (malloc_trim) before each probe, so the peak minus the RSS before the call is what the call itself needed.
/// </summary>
internal static class MemoryProbe
{
    public static bool Available => File.Exists("/proc/self/status");

    /// <summary>Current resident set size in bytes (VmRSS), or 0 when /proc is not there.</summary>
    public static long ResidentBytes() => ReadStatus("VmRSS:");

    /// <summary>Runs <paramref name="action"/> and returns (RSS before, peak RSS during) in bytes.</summary>
    public static (long Before, long Peak) PeakOf(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TrimHeap();
        var before = ResidentBytes();
        var reset = TryResetPeak();
        action();
        var peak = reset ? ReadStatus("VmHWM:") : 0;
        return (before, peak);
    }

    public static void TrimHeap()
    {
        if (OperatingSystem.IsLinux()) malloc_trim(0);
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatus(string key)
    {
        if (!Available) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        if (line is null) return 0;
        var kilobytes = line[key.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
