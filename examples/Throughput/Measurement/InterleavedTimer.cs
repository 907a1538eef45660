using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using TorchSharp;

namespace Throughput.Measurement;

/// <summary>One timed thing: a name, how many instances one call processes, and the call.</summary>
internal sealed record TimedCase(string Name, int Instances, Action Run);

/// <summary>
/// Times cases round-robin (case 1, case 2, ..., case 1, ...) so that drift in machine load hits every case alike;
/// warm-up rounds are discarded; each call runs in its own dispose scope under inference mode.
/// </summary>
internal static class InterleavedTimer
{
    public static IReadOnlyDictionary<TimedCase, IReadOnlyList<double>> Run(
        IReadOnlyList<TimedCase> cases, int warmup, int runs, Action<string>? progress = null)
    {
        var seconds = cases.ToDictionary(c => c, _ => new List<double>());
        for (var round = 0; round < warmup + runs; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var timed in cases)
            {
                var elapsed = Once(timed.Run);
                if (round >= warmup) seconds[timed].Add(elapsed);
            }

            progress?.Invoke($"round {round + 1}/{warmup + runs} ({(round < warmup ? "warm-up" : "timed")}) {clock.Elapsed.TotalSeconds:F1}s");
        }

        return seconds.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value);
    }

    /// <summary>Seconds one call of <paramref name="run"/> takes, with everything it allocates freed afterwards.</summary>
    public static double Once(Action run)
    {
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalSeconds;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
