using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Throughput.Report;

/// <summary>The CSV shared with the peer script: <c>preset,task,mux,n,instances_per_second,speedup,ceiling_speedup</c>.</summary>
internal static class CsvReport
{
    public const string Header = "preset,task,mux,n,instances_per_second,speedup,ceiling_speedup";

    public static void Write(string path, IEnumerable<ResultRow> rows)
    {
        var lines = rows.Select(r => string.Join(",", r.Preset, r.Task, r.Mux, r.N.ToString(CultureInfo.InvariantCulture),
            F(r.InstancesPerSecond), F(r.Speedup), F(r.CeilingSpeedup)));
        File.WriteAllLines(path, new[] { Header }.Concat(lines));
    }

    /// <summary>Reads (mux, n, speed-up) rows of a CSV with <see cref="Header"/>'s columns, e.g. the peer's.</summary>
    public static IReadOnlyList<(string Mux, int N, double InstancesPerSecond, double Speedup)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new InvalidDataException($"Expected '{path}' to start with the header '{Header}', got '{lines.FirstOrDefault()}'.");
        return lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Split(','))
            .Select(f => (f[2], int.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
