using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Throughput.Report;

/// <summary>PNG of speed-up against N: the ideal line, the reference paper's points, ours per mux, our backbone-only ceiling and the peer's.</summary>
internal static class SpeedupPlot
{
    /// <summary>The reference paper's measured speed-ups (12L/768, GPU, forward only) at N = 2, 5, 10, 20, 40, after its N = 1 (1x by definition).</summary>
    public static readonly (int N, double Speedup)[] Paper = { (1, 1.0), (2, 1.3), (5, 3.2), (10, 6.1), (20, 11.1), (40, 18.3) };

    public static void Save(string path, string title, IReadOnlyList<ResultRow> rows,
        IReadOnlyList<PeerRow>? peer)
    {
        var plot = new Plot();
        var maxN = rows.Select(r => r.N).DefaultIfEmpty(40).Max();
        var ideal = plot.Add.Scatter(new double[] { 1, maxN }, new double[] { 1, maxN });
        ideal.LegendText = "ideal (N)";
        ideal.LinePattern = LinePattern.Dashed;
        ideal.MarkerSize = 0;

        var paper = plot.Add.Scatter(Paper.Select(p => (double)p.N).ToArray(), Paper.Select(p => p.Speedup).ToArray());
        paper.LegendText = "DataMUX paper (GPU)";

        foreach (var group in rows.Where(r => r.Mux != "Identity").GroupBy(r => r.Mux))
        {
            var points = group.OrderBy(r => r.N).ToArray();
            var ours = plot.Add.Scatter(points.Select(r => (double)r.N).ToArray(), points.Select(r => r.Speedup).ToArray());
            ours.LegendText = $"ours, {group.Key}";
        }

        var ceiling = rows.Where(r => r.Mux != "Identity").GroupBy(r => r.N).Select(g => g.First()).OrderBy(r => r.N).ToArray();
        if (ceiling.Length > 0)
        {
            var line = plot.Add.Scatter(ceiling.Select(r => (double)r.N).ToArray(), ceiling.Select(r => r.CeilingSpeedup).ToArray());
            line.LegendText = "ours, backbone only (ceiling)";
            line.LinePattern = LinePattern.Dotted;
        }

        foreach (var group in (peer ?? []).GroupBy(p => p.Mux))
        {
            var points = group.OrderBy(p => p.N).ToArray();
            var line = plot.Add.Scatter(points.Select(p => (double)p.N).ToArray(), points.Select(p => p.Speedup).ToArray());
            line.LegendText = $"PyTorch peer, {group.Key}";
        }

        plot.Title(title);
        plot.XLabel("N (inputs per backbone pass)");
        plot.YLabel("speed-up over the N = 1 plain model");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 600);
    }
}
