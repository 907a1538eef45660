using System;
using System.IO;
using DataMux.Performance;
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
        var status = MklCpuDispatch.TryEnable();

        var expected = MklCpuDispatch.Vendor == "AuthenticAMD" ? "on: " : $"not needed ({MklCpuDispatch.Vendor})";
        Assert.StartsWith(expected, status);
    }
}
