using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Performance;

namespace Throughput.Measurement;

/// <summary>A runtime lever that a process-wide switch turns off: its name and the switch.</summary>
internal sealed record Lever(string Name, Func<bool> IsOn, Action<bool> Switch)
{
    /// <summary>The levers that can be switched between calls without rebuilding anything.</summary>
    public static readonly IReadOnlyList<Lever> All = new Lever[]
    {
        new("encoder team", () => EncoderTeam.Enabled, on => EncoderTeam.Enabled = on),
        new("pair split", () => EncoderTeam.PairSplit, on => EncoderTeam.PairSplit = on),
        new("packed weights", () => PackedWeights.Enabled, on => PackedWeights.Enabled = on),
        new("MKL attention", () => CpuAttention.Enabled, on => CpuAttention.Enabled = on),
        new("fused embedding + mux", () => FusedEmbeddingMix.Enabled, on => FusedEmbeddingMix.Enabled = on),
        new("fused token demux", () => FusedTokenDemux.Enabled, on => FusedTokenDemux.Enabled = on),
    };
}

/// <summary>Instances per second of one model as configured, and with each lever off in turn.</summary>
internal sealed record LeverRow(string Model, double AsConfigured, IReadOnlyList<double> WithoutEach);

/// <summary>
/// Times every model as configured (levers on unless a command-line flag turned one off) and with each lever off, all
/// in one interleaved run, so that the ratios compare calls made minutes apart at most under the same machine load
/// (separate processes differed by up to 10% here between identical runs, more than most levers move).
/// </summary>
internal static class LeverComparison
{
    public static IReadOnlyList<LeverRow> Run(
        IReadOnlyList<(string Model, TimedCase Case)> models, int warmup, int runs, double sliceSeconds, Action<string>? progress)
    {
        var variants = models.SelectMany(m =>
            new[] { (m.Model, Off: (Lever?)null, Case: m.Case) }
                .Concat(Lever.All.Select(lever => (m.Model, Off: (Lever?)lever, Case: WithOff(m.Case, lever)))))
            .ToArray();
        var times = InterleavedTimer.Run(variants.Select(v => v.Case).ToArray(), warmup, runs, sliceSeconds, progress);
        double PerSecond(TimedCase c) => c.Instances / InterleavedTimer.Median(times[c]);

        return models.Select(m =>
        {
            var mine = variants.Where(v => v.Model == m.Model).ToArray();
            return new LeverRow(m.Model, PerSecond(mine.Single(v => v.Off is null).Case),
                Lever.All.Select(lever => PerSecond(mine.Single(v => v.Off == lever).Case)).ToArray());
        }).ToArray();
    }

    private static TimedCase WithOff(TimedCase timed, Lever lever) => new($"{timed.Name} without {lever.Name}", timed.Instances, () =>
    {
        var before = lever.IsOn();
        lever.Switch(false);
        try
        {
            timed.Run();
        }
        finally
        {
            lever.Switch(before);
        }
    });
}
