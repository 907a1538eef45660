using System;
using System.Diagnostics;
using DataMux;
using DataMux.Batching;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>RSS at the start and the end of a soak run.</summary>
internal sealed record SoakResult(string Model, int Batches, long StartBytes, long EndBytes, double Seconds)
{
    public double GrowthPercent => StartBytes == 0 ? double.NaN : 100.0 * (EndBytes - StartBytes) / StartBytes;
}

/// <summary>
/// Pushes many batches through the public batching path and watches resident memory: undisposed tensors would make
/// it grow batch after batch. Batches alternate between full groups and a partial last group (filler rows), and
/// the start is taken after a short warm-up so that JIT and allocator caches are already filled; both ends are read
/// after a garbage collection and a heap trim.
/// </summary>
internal static class Soak
{
    public static SoakResult Run(IMultiplexedModel model, int batches, Action<string> progress)
    {
        var c = model.Configuration;
        var module = (nn.Module<Tensor, Tensor>)model;
        var rows = Workload.For(c).Rows;
        using var full = BatchingPath.PaddedRows(c, rows, seed: 11);
        using var partial = full.narrow(0, 0, Math.Max(1, rows - 3)).clone();
        void Batch(int i) => BatchedInference.Predict(module, i % 2 == 0 ? full : partial, rows).Dispose();

        var warmup = Math.Min(50, Math.Max(1, batches / 20));
        for (var i = 0; i < warmup; i++) Batch(i);
        var start = Settled();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
        {
            Batch(i);
            if ((i + 1) % Math.Max(1, batches / 10) == 0)
                progress($"soak {i + 1}/{batches} batches, RSS {MemoryProbe.ResidentBytes() / 1048576.0:F0} MiB, {clock.Elapsed.TotalSeconds:F0}s");
        }

        return new SoakResult(c.ModelName, batches, start, Settled(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>RSS after collecting managed garbage (finalizers free native tensors) and trimming the native heap, so that
    /// start and end compare live memory rather than allocator caches.</summary>
    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        MemoryProbe.TrimHeap();
        return MemoryProbe.ResidentBytes();
    }
}
