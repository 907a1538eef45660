using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DataMux.Examples.QuickStart;

/// <summary>One row of the printed comparison.</summary>
/// <param name="N">Multiplexing width.</param>
/// <param name="Accuracy">Held-out accuracy in [0, 1].</param>
/// <param name="InstancesPerSecond">Median inference throughput.</param>
/// <param name="SpeedUp">Median within-round throughput ratio to the plain model.</param>
/// <param name="TrainSeconds">Training wall time.</param>
internal sealed record ModelResult(int N, double Accuracy, double InstancesPerSecond, double SpeedUp, double TrainSeconds);

/// <summary>Formats the accuracy/throughput comparison as a plain-text table.</summary>
internal static class ResultsTable
{
    public static string Format(IReadOnlyList<ModelResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| model      | held-out accuracy | instances/s | speed-up | train time |");
        text.AppendLine("|------------|------------------:|------------:|---------:|-----------:|");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(r.N == 1 ? "plain (B1)" : $"N = {r.N}"),-10} | {r.Accuracy * 100,16:0.0}% | {r.InstancesPerSecond,11:0} | {r.SpeedUp,7:0.00}x | {r.TrainSeconds,9:0.0}s |"));
        }
        return text.ToString();
    }
}
