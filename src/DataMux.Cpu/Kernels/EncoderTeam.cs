using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// Runs a whole packed encoder stack in inference on a team of threads that meet once per layer
/// (<c>Native/team.c</c>, on libtorch's own OpenMP threads), instead of libtorch's operators, which fork and join their OpenMP threads about
/// twenty times per layer.
/// </summary>
/// <remarks>
/// <para>Each team thread owns a contiguous block of the batch's rows for the whole stack and multiplies it with MKL on
/// one thread; only attention reads other threads' rows (every key and value of its sequences), so the threads wait for
/// each other once per layer. The meeting points are what separates a few hundred rows, a multiplexed batch, from a
/// 2,600-row one: with libtorch's operators two threads ran a 169-row layer 1.75x faster than one, a 2,600-row layer
/// 1.93x (this project's 2-core AMD EPYC).</para>
/// <para>Below about 128 rows per thread that row split loses on the products instead: MKL's one-thread products ran
/// 10% slower per row at 85 rows than at 169 with both threads busy. So a two-thread team takes small batches (one
/// 169-row sequence at the paper's N = 40) by the weights: the pair split, in which each thread multiplies every row
/// with its half of the heads and of the feed-forward columns, and the threads meet four times per layer to add the
/// halves up. Every weight is packed in those two pieces (<see cref="WeightSplit"/>), which serve the row split as
/// fast as whole packed weights did, so both splits share one set of copies.</para>
/// <para>Used by the engine's encoder stage (<see cref="EncoderStage"/>) on float32 CPU tensors, when every layer has
/// packed weights (<see cref="CompiledLayer"/>); the team has as many threads as
/// <c>torch.get_num_threads()</c>. Anything else, and padding masks that leave a sequence no key, takes the layers' own
/// path (<see cref="CompiledLayer.Forward"/>); outputs agree with it to float32 rounding. Passes from several .NET threads each get a team of their own
/// (libgomp gives every calling thread its own), as libtorch's operators do.</para>
/// </remarks>
internal static unsafe class EncoderTeam
{
    /// <summary>
    /// Rows per thread below which a two-thread team takes the pair split. On this project's 2-core AMD EPYC (paper
    /// encoder, C harness in examples/Throughput/Probes) the pair split ran one 169-row sequence 1.04-1.10x faster than
    /// the row split (85 rows per thread), two 149-row sequences 1.00-1.01x, twenty 130-row sequences 0.97-1.00x.
    /// </summary>
    public const int PairSplitBelowRowsPerThread = 128;

    /// <summary>The most heads a layer may have for the team to run it (team.c keeps one product pointer per head on the
    /// stack); layers with more run one by one.</summary>
    public const int MaximumHeads = 64;

    /// <summary>Whether the team library is built and libtorch exports the MKL functions it needs.</summary>
    public static bool IsAvailable => NativeTeam.IsAvailable;

    /// <summary>Why <see cref="IsAvailable"/> is false, in words; empty when available.</summary>
    public static string UnavailableReason => NativeTeam.UnavailableReason;

    /// <summary>
    /// The stack <paramref name="layers"/> applied to <paramref name="x"/> <c>[G, L, d]</c> with
    /// <paramref name="paddingMask"/> (null or bool <c>[G, L]</c>, true at padded positions), or null when the team
    /// cannot serve this call and the layers should run one by one. <paramref name="pairSplit"/> allows the pair split
    /// for small batches (see the remarks); off keeps the row split for every batch.
    /// </summary>
    public static Tensor? TryEncode(IReadOnlyList<CompiledLayer> layers, Tensor x, Tensor? paddingMask, bool pairSplit)
    {
        if (!NativeTeam.IsAvailable || layers.Count == 0 || !TensorMemory.IsFloatCpu(x) || x.dim() != 3) return null;
        var (groups, length, hidden) = ((int)x.size(0), (int)x.size(1), (int)x.size(2));
        if (groups == 0 || length == 0) return null;

        var descriptions = new Layer[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            if (!layers[i].TryDescribeForTeam(x, out descriptions[i])) return null;
        }

        var (heads, feedForward) = (layers[0].Heads, layers[0].FeedForward);
        foreach (var layer in layers)
        {
            if (layer.Heads != heads || layer.FeedForward != feedForward) return null;
        }

        if (heads > MaximumHeads) return null;

        float[]? keyBias = null;
        if (paddingMask is not null)
        {
            using var mayAttend = paddingMask.logical_not();
            keyBias = CpuAttention.KeyBias(mayAttend.contiguous().bytes, groups, length);
            if (keyBias is null) return null;
        }

        var rows = (long)groups * length;
        var team = (int)Math.Clamp(torch.get_num_threads(), 1, rows);
        var split = UsesPairSplit(rows, team, heads, feedForward, pairSplit) ? Split.Pair : Split.Rows;
        // Each thread's attention scores for as many of its query rows as one sequence gives it, all heads, within the
        // same budget per thread as CpuAttention's (long sequences are taken a few query rows at a time).
        var scoreRows = Math.Min(Math.Min(length, (rows + team - 1) / team),
            Math.Max(1, CpuAttention.ScoreBudgetBytes / ((long)heads * length * sizeof(float))));
        var perThread = (long)heads * length * scoreRows;
        // The stack works in place on a contiguous copy: clone keeps a permuted input's strides, copy_ does not.
        var output = empty(rows, hidden);
        output.copy_(x.reshape(rows, hidden));
        using var queryKeyValue0 = empty(rows, 3 * hidden);
        using var queryKeyValue1 = empty(rows, 3 * hidden);
        using var context = empty(rows, hidden);
        using var expanded = empty(rows, feedForward);
        using var scores = empty(perThread * team);
        int status;
        fixed (Layer* layerArray = descriptions)
        fixed (float* bias = keyBias)
        {
            var job = new Job
            {
                Layers = layers.Count, Groups = groups, Length = length, Hidden = hidden, Heads = heads, FeedForward = feedForward,
                Split = (int)split, Layer = layerArray, KeyBias = bias, X = TensorMemory.Floats(output),
                QueryKeyValue0 = TensorMemory.Floats(queryKeyValue0), QueryKeyValue1 = TensorMemory.Floats(queryKeyValue1),
                Context = TensorMemory.Floats(context), Expanded = TensorMemory.Floats(expanded),
                Scores = TensorMemory.Floats(scores), ScoresPerThread = perThread,
            };
            status = NativeTeam.EncoderForward(&job, team);
        }

        GC.KeepAlive(layers);
        if (status != 0) output.Dispose();
        NativeTeam.Check(status, "encoder pass");
        return output.view(groups, length, hidden);
    }

    /// <summary>
    /// Whether a pass over <paramref name="rows"/> rows (groups x positions) on <paramref name="threads"/> threads
    /// takes the pair split: two threads, fewer than <see cref="PairSplitBelowRowsPerThread"/> rows each, at least two
    /// heads and feed-forward columns to share, and <paramref name="pairSplit"/> on.
    /// </summary>
    public static bool UsesPairSplit(long rows, int threads, int heads, int feedForward, bool pairSplit) =>
        pairSplit && threads == 2 && heads >= 2 && feedForward >= 2 && rows < 2L * PairSplitBelowRowsPerThread;

    /// <summary>The team's ways of sharing a pass (<c>DMX_SPLIT_*</c> in <c>team.c</c>).</summary>
    internal enum Split
    {
        /// <summary>Each thread owns a block of rows for the whole stack, and multiplies it with both pieces of every weight.</summary>
        Rows = 1,

        /// <summary>Two threads: each multiplies every row with its piece of every weight (its heads, its feed-forward columns).</summary>
        Pair = 2,
    }

    /// <summary>One layer's parameters as <c>team.c</c> reads them (<c>dmx_layer</c>): each projection in two packed pieces.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Layer
    {
        public void* QueryKeyValue0, QueryKeyValue1, Output0, Output1, Expand0, Expand1, Contract0, Contract1;
        public float* QueryKeyValueBias, OutputBias, ExpandBias, ContractBias;
        public float* Norm1Weight, Norm1Bias, Norm2Weight, Norm2Bias;
        public float Norm1Epsilon, Norm2Epsilon;
    }

    // dmx_job in team.c.
    [StructLayout(LayoutKind.Sequential)]
    private struct Job
    {
        public int Layers, Groups, Length, Hidden, Heads, FeedForward, Split;
        public Layer* Layer;
        public float* KeyBias, X, QueryKeyValue0, QueryKeyValue1, Context, Expanded, Scores;
        public long ScoresPerThread;
    }
}
