using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ScottPlot;

namespace FashionMnistExample;

/// <summary>The tables and the plot of a run, with the references it is measured against.</summary>
internal static class FashionReport
{
    /// <summary>
    /// The PyTorch MLP peer (784 -> 256, Gaussian Hadamard, two GELU layers, per-index demux, 10 epochs), held-out
    /// accuracy in % as issue 18 states it for this machine kind; there is no peer script for it in the repository.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, double> PeerMlp = new Dictionary<int, double> { [1] = 89.9, [2] = 86.6, [4] = 83.3, [8] = 79.3 };

    /// <summary>The paper's MNIST CNN (LeNet-style, per-index Linear + tanh demux), accuracy in %, from which its drops are read.</summary>
    public static readonly IReadOnlyDictionary<int, double> PaperCnn = new Dictionary<int, double> { [1] = 98.6, [2] = 97.4, [4] = 94.7, [8] = 83.7, [16] = 53.3 };

    public static string Table(string backbone, IReadOnlyList<FashionResult> results)
    {
        var text = new StringBuilder();
        var reference = backbone == "mlp" ? "PyTorch peer %" : "drop vs N=1 (paper MNIST CNN)";
        text.AppendLine(CultureInfo.InvariantCulture, $"{backbone.ToUpperInvariant()} on Fashion-MNIST");
        text.AppendLine(CultureInfo.InvariantCulture, $"| N | accuracy % | inferences/s | {reference} |");
        text.AppendLine("|---|---|---|---|");
        var first = results.FirstOrDefault(r => r.N == 1)?.Accuracy;
        foreach (var r in results.OrderBy(r => r.N))
        {
            var compare = backbone == "mlp"
                ? (PeerMlp.TryGetValue(r.N, out var peer) ? peer.ToString("0.0", CultureInfo.InvariantCulture) : "-")
                : (first is { } f ? $"{(f - r.Accuracy) * 100:0.0} ({PaperCnn[1] - PaperCnn[r.N]:0.0})" : "-");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.N} | {r.Accuracy * 100:0.0} | {r.InstancesPerSecond:0} | {compare} |");
        }

        return text.ToString();
    }

    /// <summary>Accuracy against N per backbone, the peer's MLP and the paper's CNN drops hung from our CNN at N = 1.</summary>
    public static void SavePlot(string path, IReadOnlyList<FashionResult> results)
    {
        var plot = new Plot();
        foreach (var backbone in results.GroupBy(r => r.Backbone))
        {
            var points = backbone.OrderBy(r => r.N).ToArray();
            var line = plot.Add.Scatter(points.Select(r => X(r.N)).ToArray(), points.Select(r => r.Accuracy * 100).ToArray());
            line.LegendText = $"DataMux {backbone.Key.ToUpperInvariant()}";
            if (backbone.Key == "mlp")
            {
                var peer = PeerMlp.OrderBy(p => p.Key).ToArray();
                var marks = plot.Add.Scatter(peer.Select(p => X(p.Key)).ToArray(), peer.Select(p => p.Value).ToArray());
                marks.LegendText = "PyTorch MLP peer";
                marks.LinePattern = LinePattern.Dashed;
                marks.MarkerShape = MarkerShape.OpenCircle;
            }
            else if (points.FirstOrDefault(r => r.N == 1) is { } single)
            {
                var paper = PaperCnn.Where(p => points.Any(r => r.N == p.Key)).OrderBy(p => p.Key).ToArray();
                var marks = plot.Add.Scatter(paper.Select(p => X(p.Key)).ToArray(), paper.Select(p => single.Accuracy * 100 - (PaperCnn[1] - p.Value)).ToArray());
                marks.LegendText = "CNN at N=1 minus the paper's MNIST CNN drop";
                marks.LineWidth = 0;
                marks.MarkerShape = MarkerShape.OpenTriangleDown;
                marks.MarkerSize = 9;
            }
        }

        int[] ticks = [1, 2, 4, 8, 16];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(n => X(n)).ToArray(), ticks.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Fashion-MNIST: held-out accuracy against N");
        plot.XLabel("N (inputs per backbone pass)");
        plot.YLabel("accuracy (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 1000, 700);
    }

    private static double X(int n) => Math.Log2(n);
}
