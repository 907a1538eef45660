using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Accuracy.Report;

/// <summary>The results as a Markdown table, the way docs/RESULTS.md shows them.</summary>
internal static class ConsoleTable
{
    public static string Format(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| task | variant | mux | N | warm-up steps | accuracy | B1 | drop (points) | train s | train inst/s | inference inst/s |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var r = row.Result;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Cell.Task} | {r.Cell.Variant} | {r.Cell.Mux} | {r.Cell.N} | {r.Cell.WarmupSteps} | {r.Accuracy * 100:0.0}% | {(row.Baseline is { } b ? $"{b * 100:0.0}%" : "-")} | {(row.Drop is { } d ? d.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "-")} | {r.TrainSeconds:0} | {r.TrainInstancesPerSecond:0} | {r.InstancesPerSecond:0} |"));
        }

        return text.ToString();
    }
}
