using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DataMux.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>
/// Measures inference throughput (instances per second) of several compiled models (<see cref="CpuEngine"/>) on the
/// same rows, <c>rowsPerBatch</c> rows a call. Models are timed
/// interleaved — round r runs every model once, in an order that rotates each round — so that a slow spell
/// on a shared machine hits all of them alike; the median over the rounds is reported. One untimed warm-up
/// pass per model comes first (allocator, kernels, lazy initialisation). The speed-up of model m over model 0
/// is the median over rounds of the ratio within a round, which cancels slow spells that last a whole round.
/// </summary>
internal static class ThroughputMeter
{
    /// <summary>Median instances/s of every model and median within-round speed-up over model 0.</summary>
    public static (IReadOnlyList<double> InstancesPerSecond, IReadOnlyList<double> SpeedUp) Measure(
        IReadOnlyList<CpuEngine> models, Tensor tokens, int rowsPerBatch, int rounds)
    {
        foreach (var model in models) Run(model, tokens, rowsPerBatch);

        var samples = models.Select(_ => new List<double>(rounds)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < models.Count; k++)
            {
                var m = (k + round) % models.Count;
                var watch = Stopwatch.StartNew();
                Run(models[m], tokens, rowsPerBatch);
                samples[m].Add(tokens.shape[0] / watch.Elapsed.TotalSeconds);
            }
        }
        var speedUps = samples.Select(s => Median(s.Select((v, round) => v / samples[0][round]).ToList())).ToArray();
        return (samples.Select(Median).ToArray(), speedUps);
    }

    private static void Run(CpuEngine model, Tensor tokens, int rowsPerBatch)
    {
        using var scope = NewDisposeScope();
        for (var first = 0L; first < tokens.shape[0]; first += rowsPerBatch)
        {
            var logits = model.forward(tokens.narrow(0, first, Math.Min(rowsPerBatch, tokens.shape[0] - first)));
            // Reading one value waits for asynchronous (CUDA) work, so the timing covers the whole computation.
            _ = logits.sum().item<float>();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
