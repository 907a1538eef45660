using System;
using System.Collections.Generic;
using System.Linq;
using DataMux;
using DataMux.Cpu;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>A lever of the CPU engine: its name and the options with it off.</summary>
internal sealed record Lever(string Name, Func<CpuEngineOptions, CpuEngineOptions> Off)
{
    /// <summary>The engine's levers, each switched off by compiling the model again with it off.</summary>
    public static readonly IReadOnlyList<Lever> All = new Lever[]
    {
        new("encoder team", o => o with { EncoderTeam = false }),
        new("pair split", o => o with { PairSplit = false }),
        new("packed weights", o => o with { PackedWeights = false }),
        new("MKL attention", o => o with { CpuAttention = false }),
        new("fused embedding + mux", o => o with { FusedEmbeddingMix = false }),
        new("fused token demux", o => o with { FusedTokenDemux = false }),
    };
}

/// <summary>Instances per second of one model as configured, and with each lever off in turn.</summary>
internal sealed record LeverRow(string Model, double AsConfigured, IReadOnlyList<double> WithoutEach);

/// <summary>
/// Times every model as configured (levers on unless a command-line flag turned one off) and with each lever off, all
/// in one interleaved run, so that the ratios compare calls made minutes apart at most under the same machine load
/// (separate processes differed by up to 10% here between identical runs, more than most levers move). Each lever-off
/// variant is the same model compiled again with that option off; engines of the same weights share one packed copy.
/// </summary>
internal static class LeverComparison
{
    public static IReadOnlyList<LeverRow> Run(
        IReadOnlyList<(string Model, IMultiplexedModel Compiled, Tensor Tokens, TimedCase Case)> models, CpuEngineOptions configured,
        int warmup, int runs, double sliceSeconds, Action<string>? progress)
    {
        var engines = new List<CpuEngine>();
        try
        {
            var variants = models.SelectMany(m =>
                new[] { (m.Model, Off: (Lever?)null, Case: m.Case) }
                    .Concat(Lever.All.Select(lever =>
                    {
                        var engine = CpuEngine.Compile(m.Compiled, lever.Off(configured));
                        engines.Add(engine);
                        return (m.Model, Off: (Lever?)lever, Case: new TimedCase($"{m.Case.Name} without {lever.Name}", m.Case.Instances, () => engine.forward(m.Tokens)));
                    })))
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
        finally
        {
            foreach (var engine in engines) engine.Dispose();
        }
    }
}
