using System;
using DataMux;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>
/// The batch a configuration is timed on, sized like the peer's: the N = 1 models get 20 rows, a model with N &gt; 1
/// gets max(1, 40 / N) groups of N rows; every row is 128 random ids (no padding, like the peer).
/// </summary>
internal sealed record Workload(int Rows, int Groups, int Positions)
{
    public const int BaselineRows = 20;
    public const int GroupedRows = 40;

    public static Workload For(ModelConfiguration configuration)
    {
        var n = configuration.N;
        var groups = n == 1 ? BaselineRows : Math.Max(1, GroupedRows / n);
        return new Workload(groups * n, groups, configuration.MaxLength + PrefixLength(configuration));
    }

    /// <summary>Prefix tokens the demultiplexer adds (index demux: N index slots and CLS).</summary>
    public static int PrefixLength(ModelConfiguration configuration) =>
        configuration.Demux == Demux.IndexEmbedding ? configuration.N + 1 : 1;

    /// <summary>Random ids in [2, Vocabulary): clear of the padding id 1 (and 0), so no position is masked.</summary>
    public static Tensor RandomTokens(int rows, int length, int vocabulary, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return randint(2, vocabulary, new long[] { rows, length }, dtype: ScalarType.Int64, generator: generator);
    }
}
