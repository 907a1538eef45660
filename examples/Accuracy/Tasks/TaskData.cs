using System;
using DataMux.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Tasks;

/// <summary>
/// One task's rows as tensors (CPU): training and held-out tokens and labels, and the unlabelled rows a retrieval
/// warm-up reads. Labels are <c>[rows]</c> (sentence tasks) or <c>[rows, L]</c> (token tasks).
/// </summary>
/// <remarks>
/// The held-out rows come in a fixed random order: in corpus order a group of N would hold one document's consecutive
/// sentences, which share their genre and much of their words, and a multiplexed model could read the answer off its
/// neighbours in the mix (measured: genre at N = 5 scored 5 points above B1 so). Groups of independent rows are what
/// multiplexing promises to handle, so they are what is measured.
/// </remarks>
internal sealed class TaskData(string name, Tensor trainTokens, Tensor trainLabels, Tensor testTokens, Tensor testLabels, Tensor warmupTokens, string description) : IDisposable
{
    // The held-out rows in a fixed random order: in corpus order a group of N would hold one document's consecutive
    // sentences, which share their genre and much of their words, and a multiplexed model could read the answer off its
    // neighbours in the mix (measured: genre at N = 5 scored 5 points above B1 that way). Groups of independent rows
    // are what multiplexing promises to handle, so they are what is measured.

    /// <summary>The task's name in tables and files: pos, genre or sentiment.</summary>
    public string Name { get; } = name;

    public Tensor TrainTokens { get; } = trainTokens;
    public Tensor TrainLabels { get; } = trainLabels;
    /// <summary>Held-out rows, in a fixed random order (see the remark above).</summary>
    public Tensor TestTokens { get; } = testTokens.index_select(0, Shuffled(testTokens.shape[0]));

    /// <summary>Their labels, in the same order.</summary>
    public Tensor TestLabels { get; } = testLabels.index_select(0, Shuffled(testLabels.shape[0]));

    /// <summary>Unlabelled rows for the retrieval warm-up (from training documents only: no held-out text).</summary>
    public Tensor WarmupTokens { get; } = warmupTokens;

    /// <summary>What was loaded, for the console (sizes, truncation, unknown tokens).</summary>
    public string Description { get; } = description;

    /// <summary>A permutation of <paramref name="rows"/> rows from a fixed seed: the same order for tokens and labels.</summary>
    private static Tensor Shuffled(long rows)
    {
        using var generator = new Generator(7, torch.CPU);
        return torch.randperm(rows, generator: generator);
    }

    public void Dispose()
    {
        TrainTokens.Dispose();
        TrainLabels.Dispose();
        TestTokens.Dispose();
        TestLabels.Dispose();
        WarmupTokens.Dispose();
    }
}
