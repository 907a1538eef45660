using System;
using System.IO;
using System.Linq;
using DataMux.Cpu;
using Xunit;

namespace DataMux.Native.Tests;

public class MklCpuDispatchTests
{
    [Fact]
    public void The_dispatch_library_is_built_next_to_the_program_and_exports_the_vendor_check()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "libdatamux_mkl_vendor_check.so");

        Assert.True(File.Exists(path), $"expected the build to place {path} (a C compiler is on this machine)");
        var (_, symbols) = Shell.Run("readelf", $"--dyn-syms -W \"{path}\"");
        Assert.Contains("mkl_serv_intel_cpu_true", symbols);
    }

    [Fact]
    public void Enabling_reports_what_it_did_for_this_cpu()
    {
        // The vendor read here, independently of the code under test: a broken reading would otherwise decide both
        // the answer and the expectation (and an AMD machine would silently keep MKL's generic kernels).
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("vendor_id", StringComparison.Ordinal));
        var vendor = line is null ? "unknown" : line.Split(':', 2)[1].Trim();   // no vendor_id line: not x86 (ARM, for one)
        Assert.Equal(vendor, MklCpuDispatch.Vendor);

        var status = MklCpuDispatch.TryEnable();

        Assert.StartsWith(vendor == "AuthenticAMD" ? "on: " : $"not needed ({vendor})", status);
    }
}
