using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Xunit;

namespace DataMux.Native.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PatchScriptTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("dmx-native-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void Patches_only_when_the_system_library_lacks_GLIBCXX_3_4_32()
    {
        var (code, text) = Patch(Shell.TorchSharpNative);

        Assert.True(code == 0, text);
        var expected = Shell.SystemLibStdCxxIsNewEnough() ? "not-needed" : "patched";
        Assert.Equal(expected, Verdict(text));
        Assert.Equal(expected == "patched", File.Exists(Path.Combine(output, "libLibTorchSharp.so")));
    }

    [PatchedSystemFact]
    public void Patched_library_has_a_weak_version_requirement_and_needs_the_compat_library()
    {
        Patch(Shell.TorchSharpNative);
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
    public void Running_twice_leaves_the_patched_library_as_it_is()
    {
        var (first, firstText) = Patch(Shell.TorchSharpNative);
        Assert.True(first == 0, firstText);
        Assert.Equal(Shell.SystemLibStdCxxIsNewEnough() ? "not-needed" : "patched", Verdict(firstText));
        var patched = Path.Combine(output, "libLibTorchSharp.so");
        var before = Fingerprint(patched);

        // Twenty runs: a re-patch (or a failure) that happens only now and then shows as well.
        for (var run = 0; run < 20; run++)
        {
            var (code, text) = Patch(Shell.TorchSharpNative);
            Assert.True(code == 0, $"run {run + 2}: {text}");
        }

        Assert.Equal(before, Fingerprint(patched));
    }

    [Fact]
    public async Task Runs_at_the_same_time_take_turns_and_all_succeed()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Patch(Shell.TorchSharpNative))));

        var needed = !Shell.SystemLibStdCxxIsNewEnough();
        foreach (var (code, text) in runs)
        {
            Assert.True(code == 0, text);
            Assert.Equal(needed ? "patched" : "not-needed", Verdict(text));
        }

        // One of them patched; the others waited for it and found its result (without the lock, all four patch).
        Assert.Equal(needed ? 1 : 0, runs.Count(run => run.Output.Contains("patching a copy", StringComparison.Ordinal)));
    }

    [PatchedSystemFact]
    public void A_different_source_library_is_patched_again_even_when_its_file_is_older()
    {
        Assert.Equal(0, Patch(Shell.TorchSharpNative).ExitCode);
        var patched = Path.Combine(output, "libLibTorchSharp.so");
        var before = Fingerprint(patched);

        // Another TorchSharp version's library, as NuGet extracts it: other bytes (trailing ones, which patchelf's
        // rewrite drops, so the new copy has the same bytes: the file's time shows whether it was made again), an
        // older file date.
        var other = Path.Combine(output, "source", "libLibTorchSharp.so");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.Copy(Shell.TorchSharpNative, other);
        using (var stream = File.Open(other, FileMode.Append)) stream.Write(new byte[64]);
        File.SetLastWriteTimeUtc(other, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var (code, text) = Patch(other);

        Assert.True(code == 0, text);
        Assert.NotEqual(before, Fingerprint(patched));
    }

    [PatchedSystemFact]
    public void A_bridge_that_does_not_ask_for_GLIBCXX_3_4_32_is_left_alone()
    {
        // A TorchSharp update built with an older GCC needs no fix: the script failed the build ("no GLIBCXX_3.4.32
        // requirement found ... needs a different fix") on every such system.
        var source = Build("plain", "int entry(void) { return 1; }");

        var (code, text) = Patch(source);

        Assert.True(code == 0, text);
        Assert.Equal("not-needed", Verdict(text));
        Assert.False(File.Exists(Path.Combine(output, "libLibTorchSharp.so")));
    }

    [PatchedSystemFact]
    public void A_bridge_that_needs_GLIBCXX_3_4_32_for_another_symbol_too_is_refused()
    {
        // The fix covers std::ios_base_library_init() alone; the script said "patched" for a library that then failed
        // to load ("undefined symbol: _ZNSt8new_in_32Ev, version GLIBCXX_3.4.32").
        var stub = Path.Combine(output, "stub");
        Directory.CreateDirectory(stub);
        File.WriteAllText(Path.Combine(stub, "stub.c"), "void _ZSt21ios_base_library_initv(void) {}\nvoid _ZNSt8new_in_32Ev(void) {}\n");
        File.WriteAllText(Path.Combine(stub, "stub.map"), "GLIBCXX_3.4.32 { global: _ZSt21ios_base_library_initv; _ZNSt8new_in_32Ev; local: *; };\n");
        var (stubCode, stubText) = Shell.Run("cc", "-shared -fPIC -Wl,--version-script=stub.map -Wl,-soname,libstdc++.so.6 -o libstdc++.so.6 stub.c", stub);
        Assert.True(stubCode == 0, stubText);
        var source = Build("two", "void _ZSt21ios_base_library_initv(void); void _ZNSt8new_in_32Ev(void);\n" +
            "void entry(void) { _ZSt21ios_base_library_initv(); _ZNSt8new_in_32Ev(); }", $"-L\"{stub}\" -l:libstdc++.so.6");

        var (code, text) = Patch(source);

        Assert.NotEqual(0, code);
        Assert.Contains("error DMXNATIVE1", text);
        Assert.Contains("_ZNSt8new_in_32Ev", text);
        Assert.False(File.Exists(Path.Combine(output, "libLibTorchSharp.so")));
    }

    [PatchedSystemFact]
    public void A_failing_apt_get_is_quoted_and_the_error_says_to_check_apt_get_itself()
    {
        // As root without patchelf the fix-up installs it; when apt-get fails (a machine whose apt-get an older test
        // run replaced printed "Directory nonexistent"), the error shows what it said and where to look.
        var machine = new MachineWithoutPatchelf(output, (_, _) => "echo 'E: simulated failure'; exit 100").Environment();

        var (code, text) = Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{Shell.TorchSharpNative}\" \"{Path.Combine(output, "out")}\"",
            environment: machine);

        Assert.NotEqual(0, code);
        Assert.Contains("error DMXNATIVE1", text);
        Assert.Contains("could not install patchelf with apt-get (it said: E: simulated failure", text);
        Assert.Contains("'apt-get --version' must print its version", text);
        Assert.Contains("Troubleshooting", text);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "out"), ".apt-get.*"));
    }

    /// <summary>A shared library named libLibTorchSharp.so compiled from <paramref name="code"/>, in a folder of its own.</summary>
    private string Build(string name, string code, string libraries = "")
    {
        var folder = Path.Combine(output, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bridge.c"), code + "\n");
        var (exit, text) = Shell.Run("cc", $"-shared -fPIC -o libLibTorchSharp.so bridge.c {libraries}", folder);
        Assert.True(exit == 0, text);
        return Path.Combine(folder, "libLibTorchSharp.so");
    }

    private (int ExitCode, string Output) Patch(string source) =>
        Shell.Run("bash", $"\"{Shell.PatchScript}\" \"{source}\" \"{output}\"");

    /// <summary>The script's answer, "patched" or "not-needed": the last line of its output (standard output comes last).</summary>
    private static string Verdict(string output) => output.Trim().Split('\n')[^1];

    /// <summary>The file's content and its last write time: a re-patch with the same bytes changes the time.</summary>
    private static string Fingerprint(string path) => File.Exists(path)
        ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) + "@" + File.GetLastWriteTimeUtc(path).Ticks
        : "absent";

    [Fact]
    public void A_missing_source_library_is_a_clear_error()
    {
        var (code, text) = Patch("/nonexistent/libLibTorchSharp.so");

        Assert.NotEqual(0, code);
        Assert.Contains("error DMXNATIVE1: DataMux native fix-up: expected TorchSharp's libLibTorchSharp.so at '/nonexistent/libLibTorchSharp.so'", text);
    }
}
