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
/// warm-up rounds are discarded; each call runs in its own dispose scope under inference mode. In every round a case
/// is called until its calls add up to at least a time slice (once when the slice is 0), and the round's value is the
/// mean time per call: a 0.1 s batch timed once is at the mercy of a single hiccup, and its first call after a large
/// batch pays for the cache and page state that batch left behind.
/// </summary>
internal static class InterleavedTimer
{
    public static IReadOnlyDictionary<TimedCase, IReadOnlyList<double>> Run(
        IReadOnlyList<TimedCase> cases, int warmup, int runs, double sliceSeconds, Action<string>? progress = null)
    {
        var seconds = cases.ToDictionary(c => c, _ => new List<double>());
        for (var round = 0; round < warmup + runs; round++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var timed in cases)
            {
                var (count, total) = (0, 0.0);
                do
                {
                    total += Once(timed.Run);
                    count++;
                }
                while (total < sliceSeconds);

                if (round >= warmup) seconds[timed].Add(total / count);
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

    /// <summary>
    /// Instances/s of <paramref name="timed"/> over those of <paramref name="reference"/> round by round: each round's
    /// ratio compares two cases timed back to back, so the spread shows how much of a difference between medians the
    /// machine's drift alone can make.
    /// </summary>
    public static IReadOnlyList<double> RoundRatios(TimedCase timed, IReadOnlyList<double> seconds, TimedCase reference, IReadOnlyList<double> referenceSeconds) =>
        seconds.Zip(referenceSeconds, (own, other) => timed.Instances / own / (reference.Instances / other)).ToArray();

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
