using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>Small synthetic tasks the trainer tests learn, drawn from fixed seeds.</summary>
internal static class TrainerTasks
{
    /// <summary>Sentence task: the class is decided by the first token (2 -> class 0, 3 -> class 1); the rest is noise.</summary>
    public static (Tensor Tokens, Tensor Labels) FirstToken(int rows, ulong seed)
    {
        using var generator = new Generator(seed, torch.CPU);
        var labels = torch.randint(0, 2, new long[] { rows }, generator: generator);
        var tokens = torch.randint(2, 12, new long[] { rows, 6 }, generator: generator);
        tokens[.., 0] = labels + 2;
        return (tokens, labels);
    }

    /// <summary>Token task: every token's label is its id's parity; rows end with 0..3 padding tokens labelled -100.</summary>
    public static (Tensor Tokens, Tensor Labels) Parity(int rows, ulong seed)
    {
        using var generator = new Generator(seed, torch.CPU);
        var tokens = torch.randint(1, 12, new long[] { rows, 6 }, generator: generator);
        var lengths = torch.randint(3, 7, new long[] { rows, 1 }, generator: generator);
        var padding = torch.arange(6).unsqueeze(0).ge(lengths);
        tokens = tokens.masked_fill(padding, 0);
        var labels = tokens.remainder(2).masked_fill(padding, Training.MultiplexedTrainer.IgnoreLabel);
        return (tokens, labels);
    }

    /// <summary>Token labels that need the left neighbour: the parity of the token before (the first token is not labelled).</summary>
    public static (Tensor Tokens, Tensor Labels) LeftNeighbourParity(int rows, ulong seed)
    {
        var (tokens, _) = Parity(rows, seed);
        var padding = tokens.eq(0);
        var previous = torch.cat([torch.zeros(rows, 1, dtype: ScalarType.Int64), tokens.narrow(1, 0, 5)], 1);
        var labels = previous.remainder(2).masked_fill(padding, Training.MultiplexedTrainer.IgnoreLabel);
        labels.select(1, 0).fill_(Training.MultiplexedTrainer.IgnoreLabel);
        return (tokens, labels);
    }
}
