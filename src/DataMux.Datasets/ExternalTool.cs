using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace DataMux.Datasets;

/// <summary>
/// Runs a package client (npm, apt-get, dpkg-deb) to completion with a time limit, keeping its output for the error
/// message when it fails: the callers turn "could not start" into their own "install X" exception.
/// </summary>
internal static class ExternalTool
{
    /// <summary>How a run ended; <see cref="Started"/> is false when the executable could not be started at all.</summary>
    internal sealed record Outcome(bool Started, bool TimedOut, int ExitCode, string StandardOutput, string StandardError, Exception? StartError)
    {
        /// <summary>The last 20 lines of standard error, or "(none)".</summary>
        public string ErrorTail() => Tail(StandardError);

        /// <summary>The last 20 lines of standard output and of standard error (apt-get writes its progress to one and its errors to the other), or "(none)".</summary>
        public string OutputTail() => Tail(StandardOutput + StandardError);

        private static string Tail(string text)
        {
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length == 0 ? "(none)" : string.Join('\n', lines.TakeLast(20));
        }
    }

    public static Outcome Run(string executable, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return new Outcome(false, false, -1, "", "", e);
        }
        if (process is null) return new Outcome(false, false, -1, "", "", null);

        using (process)
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Outcome(true, true, -1, Text(stdout), Text(stderr), null);
            }
            process.WaitForExit();   // flushes the asynchronous output readers
            return new Outcome(true, false, process.ExitCode, Text(stdout), Text(stderr), null);
        }
    }

    private static string Text(StringBuilder builder)
    {
        lock (builder) return builder.ToString();
    }
}
