using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Throughput.Report;

/// <summary>
/// PNG of instances/s against N, ours per mux and the peer's, on a log scale. Why beside the speed-up plot: each
/// side's speed-up is over its own N = 1 model, so a slow baseline lifts a speed-up; the absolute rates show who
/// serves more inputs per second at each N.
/// </summary>
internal static class InstancesPlot
{
    public static void Save(string path, string title, IReadOnlyList<ResultRow> rows,
        IReadOnlyList<PeerRow>? peer)
    {
        var plot = new Plot();
        foreach (var group in rows.Where(r => r.Mux != "Identity").GroupBy(r => r.Mux))
        {
            var points = group.Where(r => r.InstancesPerSecond > 0).OrderBy(r => r.N).ToArray(); // a log scale has no 0
            var ours = plot.Add.Scatter(points.Select(r => (double)r.N).ToArray(), points.Select(r => Math.Log10(r.InstancesPerSecond)).ToArray());
            ours.LegendText = $"ours, {group.Key}";
        }

        foreach (var group in (peer ?? []).Where(p => p.InstancesPerSecond > 0).GroupBy(p => p.Mux))
        {
            var points = group.OrderBy(p => p.N).ToArray();
            var line = plot.Add.Scatter(points.Select(p => (double)p.N).ToArray(), points.Select(p => Math.Log10(p.InstancesPerSecond)).ToArray());
            line.LegendText = $"PyTorch peer, {group.Key}";
        }

        // The values are plotted as log10; ticks at 1, 2 and 5 times each power of ten say what they stand for.
        var values = rows.Where(r => r.Mux != "Identity").Select(r => r.InstancesPerSecond)
            .Concat(peer?.Select(p => p.InstancesPerSecond) ?? Enumerable.Empty<double>()).Where(v => v > 0 && double.IsFinite(v)).ToArray(); // Ticks counts powers of ten up to the largest
        if (values.Length > 0)
        {
            var ticks = Ticks(values.Min(), values.Max());
            plot.Axes.Left.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t >= 1 ? t.ToString("N0") : t.ToString("G2")).ToArray());
        }

        plot.Title(title);
        plot.XLabel("N (inputs per backbone pass)");
        plot.YLabel("instances per second (log scale)");
        plot.ShowLegend(Alignment.LowerRight); // both lines rise to the right: that corner stays empty
        plot.SavePng(path, 900, 600);
    }

    /// <summary>1, 2 and 5 times the powers of ten from just below <paramref name="low"/> to just above <paramref name="high"/>.</summary>
    private static double[] Ticks(double low, double high)
    {
        var ticks = new List<double>();
        for (var power = Math.Pow(10, Math.Floor(Math.Log10(low))); power <= high * 10; power *= 10)
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
                if (step * power >= low / 2.5 && step * power <= high * 2.5) ticks.Add(step * power);
        return ticks.ToArray();
    }

    /// <summary>The instances plot's file beside the speed-up plot's: <c>x.png</c> gives <c>x-instances.png</c>.</summary>
    public static string PathBeside(string speedupPlotPath) =>
        System.IO.Path.ChangeExtension(speedupPlotPath, null) + "-instances.png";
}
