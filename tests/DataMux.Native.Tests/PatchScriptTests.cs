using System;
using System.IO;
using System.Security.Cryptography;
using Xunit;

namespace DataMux.Native.Tests;

public sealed class PatchScriptTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("dmx-native-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void Patches_only_when_the_system_library_lacks_GLIBCXX_3_4_32()
    {
        var (code, text) = Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{Shell.TorchSharpNative}\" \"{output}\"");

        Assert.True(code == 0, text);
        var expected = Shell.SystemLibStdCxxIsNewEnough() ? "not-needed" : "patched";
        Assert.Equal(expected, text.Trim().Split('\n')[^1]);
        Assert.Equal(expected == "patched", File.Exists(Path.Combine(output, "libLibTorchSharp.so")));
    }

    [Fact]
    public void Patched_library_has_a_weak_version_requirement_and_needs_the_compat_library()
    {
        if (Shell.SystemLibStdCxxIsNewEnough())
        {
            // Nothing is patched on such systems; the other test asserts that.
            return;
        }

        Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{Shell.TorchSharpNative}\" \"{output}\"");
        var patched = Path.Combine(output, "libLibTorchSharp.so");

        var (_, versions) = Shell.Run("readelf", $"-V \"{patched}\"");
        Assert.Contains("Name: GLIBCXX_3.4.32  Flags: WEAK", versions);
        var (_, dynamic) = Shell.Run("readelf", $"-d \"{patched}\"");
        Assert.Contains("[libdatamux_stdcxx_compat.so]", dynamic);
        var (_, symbols) = Shell.Run("readelf", $"--dyn-syms -W \"{patched}\"");
        Assert.DoesNotContain("ios_base_library_initv@GLIBCXX_3.4.32", symbols);
        Assert.True(File.Exists(Path.Combine(output, "libdatamux_stdcxx_compat.so")));
    }

    [Fact]
    public void Running_twice_leaves_the_patched_library_unchanged()
    {
        Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{Shell.TorchSharpNative}\" \"{output}\"");
        var patched = Path.Combine(output, "libLibTorchSharp.so");
        var before = File.Exists(patched) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(patched))) : "";

        var (code, text) = Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{Shell.TorchSharpNative}\" \"{output}\"");

        Assert.True(code == 0, text);
        var after = File.Exists(patched) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(patched))) : "";
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_missing_source_library_is_a_clear_error()
    {
        var (code, text) = Shell.Run("bash", $"\"{Shell.PatchScript}\" /nonexistent/libLibTorchSharp.so \"{output}\"");

        Assert.NotEqual(0, code);
        Assert.Contains("expected TorchSharp's libLibTorchSharp.so at '/nonexistent/libLibTorchSharp.so'", text);
    }
}
