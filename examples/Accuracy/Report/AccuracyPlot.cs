using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Accuracy.Report;

/// <summary>
/// PNG of accuracy against N, one panel-less chart: per task its B1 line (dashed), ours per mux with and without warm-up,
/// and the paper's drops at N = 2 ... 40 hung from our B1 (the reference's SST-2 numbers for the sentence tasks, CoNLL NER
/// for part-of-speech tagging).
/// </summary>
internal static class AccuracyPlot
{
    // Points lost against B1 in the reference's results figure (Hadamard + index demux, trained from scratch).
    private static readonly (int N, double Drop)[] PaperSentence = [(2, 2.2), (5, 1.7), (10, 4.0), (20, 2.6), (40, 5.0)];   // SST-2
    private static readonly (int N, double Drop)[] PaperToken = [(2, 1.6), (5, -0.7), (10, 2.1), (20, 3.0), (40, 12.1)];    // CoNLL NER

    public static void Save(string path, IReadOnlyList<ResultRow> rows)
    {
        var plot = new Plot();
        foreach (var task in rows.GroupBy(r => r.Result.Cell.Task))
        {
            var baseline = task.FirstOrDefault(r => r.Result.Cell.IsBaseline)?.Result.Accuracy;
            var maxN = task.Select(r => r.Result.Cell.N).DefaultIfEmpty(40).Max();
            if (baseline is { } b)
            {
                var line = plot.Add.Scatter(new double[] { X(1), X(maxN) }, new double[] { b * 100, b * 100 });
                line.LegendText = $"{task.Key}: B1";
                line.LinePattern = LinePattern.Dashed;
                line.MarkerSize = 0;
                var paper = task.Key == "pos" ? PaperToken : PaperSentence;
                var points = paper.Where(p => p.N <= maxN).ToArray();
                var marks = plot.Add.Scatter(points.Select(p => X(p.N)).ToArray(), points.Select(p => b * 100 - p.Drop).ToArray());
                marks.LegendText = $"{task.Key}: B1 minus the paper's drop";
                marks.LineWidth = 0;
                marks.MarkerShape = MarkerShape.OpenTriangleDown;
                marks.MarkerSize = 9;
            }

            foreach (var series in task.Where(r => !r.Result.Cell.IsBaseline).GroupBy(r => (r.Result.Cell.Variant, r.Result.Cell.Mux, r.Result.Cell.WarmupSteps)))
            {
                var points = series.OrderBy(r => r.Result.Cell.N).ToArray();
                var line = plot.Add.Scatter(points.Select(r => X(r.Result.Cell.N)).ToArray(), points.Select(r => r.Result.Accuracy * 100).ToArray());
                line.LegendText = $"{task.Key}: {series.Key.Variant}, {series.Key.Mux}" + (series.Key.WarmupSteps > 0 ? $", warm-up {series.Key.WarmupSteps}" : ", no warm-up");
            }
        }

        int[] ticks = [1, 2, 5, 10, 20, 40];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(n => X(n)).ToArray(), ticks.Select(n => n.ToString()).ToArray());
        plot.Title("Held-out accuracy against N (B1: the plain backbone)");
        plot.XLabel("N (inputs per backbone pass)");
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 1000, 700);
    }

    /// <summary>N on a log scale: the widths 1 ... 40 spread evenly.</summary>
    private static double X(int n) => Math.Log2(n);
}
