using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Throughput.Report;

/// <summary>
/// PNG of instances/s against N, ours per mux and the peer's, on a log scale. Why beside the speed-up plot: each
/// side's speed-up is over its own N = 1 model, so a slow baseline lifts a speed-up; the absolute rates show who
/// serves more inputs per second at each N.
/// </summary>
internal static class InstancesPlot
{
    public static void Save(string path, string title, IReadOnlyList<ResultRow> rows,
        IReadOnlyList<(string Mux, int N, double InstancesPerSecond, double Speedup)>? peer)
    {
        var plot = new Plot();
        foreach (var group in rows.Where(r => r.Mux != "Identity").GroupBy(r => r.Mux))
        {
            var points = group.OrderBy(r => r.N).ToArray();
            var ours = plot.Add.Scatter(points.Select(r => (double)r.N).ToArray(), points.Select(r => Math.Log10(r.InstancesPerSecond)).ToArray());
            ours.LegendText = $"ours, {group.Key}";
        }

        if (peer is { Count: > 0 })
        {
            var points = peer.OrderBy(p => p.N).ToArray();
            var line = plot.Add.Scatter(points.Select(p => (double)p.N).ToArray(), points.Select(p => Math.Log10(p.InstancesPerSecond)).ToArray());
            line.LegendText = $"PyTorch peer, {points[0].Mux}";
        }

        // The values are plotted as log10; the ticks say what they stand for.
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"{Math.Pow(10, y):N0}",
        };
        plot.Title(title);
        plot.XLabel("N (inputs per backbone pass)");
        plot.YLabel("instances per second (log scale)");
        plot.ShowLegend(Alignment.LowerRight); // both lines rise to the right: that corner stays empty
        plot.SavePng(path, 900, 600);
    }

    /// <summary>The instances plot's file beside the speed-up plot's: <c>x.png</c> gives <c>x-instances.png</c>.</summary>
    public static string PathBeside(string speedupPlotPath) =>
        System.IO.Path.ChangeExtension(speedupPlotPath, null) + "-instances.png";
}
