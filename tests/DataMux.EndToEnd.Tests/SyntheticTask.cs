using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.EndToEnd.Tests;

/// <summary>
/// A per-instance task: the label of a row depends only on that row's own tokens (is its first token in the
/// upper half of the vocabulary?). Every other row of a multiplexed group is independent noise for it, so a
/// model reaches high accuracy only if each output really belongs to its own input.
/// </summary>
internal static class SyntheticTask
{
    public static (Tensor Tokens, Tensor Labels) Make(int rows, int length, int vocabulary, int seed)
    {
        using var generator = new Generator((ulong)seed);
        // Ids from 1: 0 is the padding token.
        var tokens = torch.randint(1, vocabulary, [rows, length], generator: generator, dtype: ScalarType.Int64);
        var labels = tokens.select(1, 0).ge(vocabulary / 2).to(ScalarType.Int64);
        return (tokens, labels);
    }
}
