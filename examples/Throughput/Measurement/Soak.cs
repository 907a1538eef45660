using System;
using System.Diagnostics;
using DataMux;
using DataMux.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>
/// What a soak run saw: RSS at the start and the end, and the tensors created on the soak's thread that were still
/// undisposed at the end (a count the finalizer thread cannot lower, so a leak shows even after a garbage collection).
/// </summary>
internal sealed record SoakResult(string Model, int Batches, int Calls, long StartBytes, long EndBytes, long UndisposedTensors, double Seconds)
{
    public const double GrowthGoalPercent = 5;

    public double GrowthPercent => StartBytes == 0 ? double.NaN : 100.0 * (EndBytes - StartBytes) / StartBytes;

    /// <summary>No tensor left undisposed, and RSS growth under the goal where RSS could be read (/proc).</summary>
    public bool Passed => UndisposedTensors == 0 && (StartBytes == 0 || GrowthPercent < GrowthGoalPercent);
}

/// <summary>
/// Pushes many batches through the compiled model (<see cref="CpuEngine.forward"/>, what the benchmark times) and
/// watches resident memory and live tensors: undisposed tensors would make both grow call after call. Calls alternate
/// between one batch of full groups and three batches (two full, the last with a partial group padded with filler
/// rows), so both of the grouping's paths run; the start is taken after a short warm-up so that JIT and allocator caches are already filled, and both
/// ends' RSS is read after a garbage collection and a heap trim.
/// </summary>
internal static class Soak
{
    public static SoakResult Run(CpuEngine engine, int batches, Action<string> progress)
    {
        var c = engine.Model.Configuration;
        var rows = Workload.For(c).Rows;
        using var single = BatchingPath.PaddedRows(c, rows, seed: 11);
        using var triple = BatchingPath.PaddedRows(c, 3 * rows - Math.Min(3, rows - 1), seed: 12);
        int Call(int i)
        {
            var tokens = i % 2 == 0 ? single : triple;
            for (var first = 0L; first < tokens.shape[0]; first += rows)
            {
                using var chunk = tokens.narrow(0, first, Math.Min(rows, tokens.shape[0] - first));
                engine.forward(chunk).Dispose();
            }

            return (int)((tokens.shape[0] + rows - 1) / rows);
        }

        for (var i = 0; i < 4; i++) Call(i);
        var start = Settled();
        var liveAtStart = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var clock = Stopwatch.StartNew();
        var (done, calls, reported) = (0, 0, 0);
        while (done < batches)
        {
            done += Call(calls++);
            if (done * 10L / batches > reported)
            {
                reported = (int)(done * 10L / batches);
                progress($"soak {done}/{batches} batches, RSS {MemoryProbe.ResidentBytes() / 1048576.0:F0} MiB, {clock.Elapsed.TotalSeconds:F0}s");
            }
        }

        var undisposed = DisposeScopeManager.Statistics.ThreadTotalLiveCount - liveAtStart;
        return new SoakResult(c.ModelName, done, calls, start, Settled(), undisposed, clock.Elapsed.TotalSeconds);
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
