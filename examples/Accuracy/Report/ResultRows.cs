using System.Collections.Generic;
using System.Linq;
using Accuracy.Runs;

namespace Accuracy.Report;

/// <summary>One line of the table and the CSV: a cell's result beside its task's B1.</summary>
/// <param name="Result">The cell's measurement.</param>
/// <param name="Baseline">Its task's B1 accuracy, or null when B1 was not measured.</param>
internal sealed record ResultRow(CellResult Result, double? Baseline)
{
    /// <summary>Points lost against B1 (positive: worse), or null without B1.</summary>
    public double? Drop => Baseline is { } b ? (b - Result.Accuracy) * 100 : null;

    /// <summary>The rows of <paramref name="results"/> in the table's order: by task, B1 first, then mux, N and warm-up.</summary>
    public static IReadOnlyList<ResultRow> From(IEnumerable<CellResult> results)
    {
        var list = results.ToList();
        var baselines = list.Where(r => r.Cell.IsBaseline).ToDictionary(r => r.Cell.Task, r => r.Accuracy);
        return list
            .OrderBy(r => r.Cell.Task == "pos" ? 0 : r.Cell.Task == "genre" ? 1 : 2)
            .ThenBy(r => r.Cell.IsBaseline ? 0 : 1).ThenBy(r => System.Array.IndexOf(Models.ModelCatalog.Variants, r.Cell.Variant))
            .ThenBy(r => r.Cell.Mux).ThenBy(r => r.Cell.N).ThenBy(r => r.Cell.WarmupSteps)
            .Select(r => new ResultRow(r, baselines.TryGetValue(r.Cell.Task, out var b) ? b : null))
            .ToList();
    }
}
