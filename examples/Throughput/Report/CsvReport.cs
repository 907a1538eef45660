using System;
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

    /// <summary>
    /// Reads a CSV with <see cref="Header"/>'s columns, e.g. the peer's. Every row must have all seven fields (spaces
    /// around them are ignored), numbers in invariant culture: instances/s and speed-up finite and positive, the
    /// ceiling too or NaN (the peer writes nan when it skips its backbone-only runs), and one row per mux and N. An
    /// error names the file, the line and what it holds. At N = 1 the first row is the baseline and later ones are
    /// skipped with a <paramref name="note"/> (the peer always writes its baseline row, and one more when its
    /// <c>--ns</c> holds 1).
    /// </summary>
    public static IReadOnlyList<PeerRow> Read(string path, Action<string>? note = null)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new InvalidDataException($"Expected '{path}' to start with the header '{Header}', got '{lines.FirstOrDefault()}'.");
        var rows = new List<PeerRow>();
        var lineOf = new Dictionary<(string Mux, int N), int>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(',', StringSplitOptions.TrimEntries);
            string Where() => $"'{path}' line {i + 1} ('{lines[i]}')";
            if (f.Length != 7) throw new InvalidDataException($"Expected 7 comma-separated fields ({Header}) in {Where()}, got {f.Length}.");
            if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new InvalidDataException($"Expected n to be a whole number of at least 1 in {Where()}, got '{f[3]}'.");
            double Number(int field, string name, bool nanAllowed = false) =>
                double.TryParse(f[field], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && ((double.IsFinite(value) && value > 0) || (nanAllowed && double.IsNaN(value))) ? value
                    : throw new InvalidDataException($"Expected {name} to be a finite positive number{(nanAllowed ? " or nan" : "")} in {Where()}, got '{f[field]}'.");
            if (lineOf.TryGetValue((f[2], n), out var earlier) && n == 1)
            {
                note?.Invoke($"'{path}' line {i + 1} is a second N = 1 row for mux {f[2]}; the baseline is line {earlier}'s, this one is skipped.");
                continue;
            }

            if (earlier > 0)
                throw new InvalidDataException($"Expected one row per mux and n in '{path}', but lines {earlier} and {i + 1} both hold mux {f[2]}, n {n}.");
            lineOf[(f[2], n)] = i + 1;
            rows.Add(new PeerRow(f[0], f[1], f[2], n, Number(4, "instances_per_second"), Number(5, "speedup"), Number(6, "ceiling_speedup", nanAllowed: true)));
        }

        return rows;
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
