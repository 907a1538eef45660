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

    /// <summary>
    /// A per-token task like tagging: every id has a class of its own, drawn once (from a fixed seed, the same for
    /// every call), and every token is labelled with its id's class. A row's labels depend on its own tokens only.
    /// </summary>
    public static (Tensor Tokens, Tensor Labels) MakeTagged(int rows, int length, int vocabulary, int classes, int seed)
    {
        using var tagging = new Generator(12345UL);
        using var classOf = torch.randint(0, classes, [vocabulary], generator: tagging, dtype: ScalarType.Int64);
        using var generator = new Generator((ulong)seed);
        var tokens = torch.randint(1, vocabulary, [rows, length], generator: generator, dtype: ScalarType.Int64);
        return (tokens, classOf.index_select(0, tokens.flatten()).view(rows, length));
    }
}
