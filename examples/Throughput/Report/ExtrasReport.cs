using System;
using System.Collections.Generic;
using System.Linq;
using DataMux;
using DataMux.Cpu;
using Throughput.Measurement;
using Throughput.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Report;

/// <summary>
/// What the benchmark prints after the throughput table unless --skip-extras: the per-component breakdown, peak memory
/// per forward, the parameters that grow with N, and the public batching path against raw forward calls.
/// </summary>
internal static class ExtrasReport
{
    public static void Print(IReadOnlyList<ModelEntry> entries, IReadOnlyDictionary<ModelEntry, IMultiplexedModel> models,
        IReadOnlyDictionary<ModelEntry, CpuEngine> engines, IReadOnlyDictionary<ModelEntry, Tensor> tokens, string firstMux, int runs, int rows)
    {
        // Per-component breakdown of the baseline and the first mux's models.
        var breakdownEntries = entries.Where(e => e.Baseline || e.Mux == firstMux).ToArray();
        var stages = ComponentBreakdown.Measure(breakdownEntries.Select(e => (engines[e], tokens[e])).ToArray(), Math.Max(1, runs - 1));
        Console.WriteLine();
        Console.WriteLine($"Per-component time, ms per batch (median; share of the sum in parentheses). {firstMux} mux, prepare = validate + group + prefix + mask + ungroup");
        ConsoleTable.Print(
            new[] { "mux", "N" }.Concat(StageTimes.Names).Append("sum").ToArray(),
            breakdownEntries.Select(e =>
            {
                var s = stages[engines[e]];
                return new[] { e.Mux, $"{e.N}" }.Concat(s.All.Select(t => $"{t * 1000:F1} ({100 * t / s.Total:F1}%)")).Append($"{s.Total * 1000:F1}").ToArray();
            }));

        Console.WriteLine();
        Console.WriteLine(MemoryProbe.Available
            ? "Peak memory per forward: process RSS high-water mark (VmHWM, reset through /proc/self/clear_refs) during one batch, and its rise over the RSS before it (heap trimmed first); weights are shared between the configurations, so the rise is activations and workspace"
            : "Peak memory: /proc is not available on this system");
        if (MemoryProbe.Available)
        {
            ConsoleTable.Print(new[] { "mux", "N", "rows", "RSS before MiB", "peak RSS MiB", "rise MiB" }, entries.Select(e =>
            {
                var engine = engines[e];
                var (before, peak) = MemoryProbe.PeakOf(() => InterleavedTimer.Once(() => engine.forward(tokens[e])));
                return new[] { e.Mux, $"{e.N}", $"{tokens[e].shape[0]}", $"{before / 1048576.0:F0}", peak == 0 ? "-" : $"{peak / 1048576.0:F0}", peak == 0 ? "-" : $"{(peak - before) / 1048576.0:F0}" };
            }));
        }

        Console.WriteLine();
        Console.WriteLine("Parameters + buffers that grow with N (mux transforms, index-token rows, prefix positions, demux buffers) against the backbone (encoder)");
        ConsoleTable.Print(new[] { "mux", "N", "grows with N", "mux", "index tokens", "prefix positions", "demux", "backbone", "% of backbone", "embedding", "model total" }, entries.Select(e =>
        {
            var p = ParameterCounts.Of(models[e]);
            return new[] { e.Mux, $"{e.N}", $"{p.GrowsWithN:N0}", $"{p.Mux:N0}", $"{p.IndexTokens:N0}", $"{p.PrefixPositions:N0}", $"{p.DemuxGrowing:N0}", $"{p.Backbone:N0}", $"{p.PercentOfBackbone:F3}%", $"{p.Embedding:N0}", $"{p.Total:N0}" };
        }));

        var batchingEntry = entries.Where(e => e.Mux == firstMux && !e.Baseline).OrderBy(e => Math.Abs(e.N - 20)).FirstOrDefault();
        if (batchingEntry is not null)
        {
            // One untimed round first: without it the case timed first (the public path) ran cold and measured 0.91x and 0.93x
            // of raw forward in two runs; with it, 1.00x.
            var result = BatchingPath.Measure(models[batchingEntry], rows, warmup: 1, runs: 2);
            Console.WriteLine();
            Console.WriteLine($"Public batching path of the model itself (not compiled) on {result.Model}: {result.Rows} rows of random length (padded), {result.RowsPerCall} rows per call");
            Console.WriteLine($"  BatchedInference.Predict: {result.PublicPerSecond:F2} instances/s; raw forward over the same chunks: {result.RawPerSecond:F2} instances/s (ratio {result.PublicPerSecond / result.RawPerSecond:F3})");
        }
    }
}
