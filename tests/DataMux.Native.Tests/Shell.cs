using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DataMux.Native.Tests;

/// <summary>Runs processes for the tests and knows where the repository and the package natives are.</summary>
internal static class Shell
{
    public static string RepositoryRoot => DataMux.Testing.RepositoryPaths.Root;

    public static string TorchSharpNative => Metadata("TorchSharpNative");

    public static string PatchScript => Path.Combine(RepositoryRoot, "src", "DataMux", "Native", "patch-libtorchsharp.sh");

    public static (int ExitCode, string Output) Run(string file, string arguments, string? workingDirectory = null, int timeoutSeconds = 300,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {timeoutSeconds} s");
        }
        // Standard error first: a program's answer on standard output is then the last line (the patch script's verdict).
        return (process.ExitCode, stderr.Result + stdout.Result);
    }

    /// <summary>True when the system libstdc++ already provides GLIBCXX_3.4.32 (no patch is needed then).</summary>
    public static bool SystemLibStdCxxIsNewEnough()
    {
        var (_, output) = Run("bash", "-c \"ldconfig -p | awk '/libstdc\\+\\+\\.so\\.6 .*x86-64/ {print $NF; exit}'\"");
        // The script's own fallbacks where ldconfig lists nothing.
        var path = new[] { output.Trim(), "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("found no libstdc++.so.6 (ldconfig lists none, and neither usual path exists)");
        return File.ReadAllBytes(path).AsSpan().IndexOf("GLIBCXX_3.4.32"u8) >= 0;
    }

    private static string Metadata(string key) =>
        typeof(Shell).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
