using System;
using DataMux.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Tasks;

/// <summary>
/// One task's rows as tensors (CPU): training and held-out tokens and labels, and the unlabelled rows a retrieval
/// warm-up reads. Labels are <c>[rows]</c> (sentence tasks) or <c>[rows, L]</c> (token tasks).
/// </summary>
internal sealed class TaskData(string name, Tensor trainTokens, Tensor trainLabels, Tensor testTokens, Tensor testLabels, Tensor warmupTokens, string description) : IDisposable
{
    /// <summary>The task's name in tables and files: pos, genre or sentiment.</summary>
    public string Name { get; } = name;

    public Tensor TrainTokens { get; } = trainTokens;
    public Tensor TrainLabels { get; } = trainLabels;
    public Tensor TestTokens { get; } = testTokens;
    public Tensor TestLabels { get; } = testLabels;

    /// <summary>Unlabelled rows for the retrieval warm-up (from training documents only: no held-out text).</summary>
    public Tensor WarmupTokens { get; } = warmupTokens;

    /// <summary>What was loaded, for the console (sizes, truncation, unknown tokens).</summary>
    public string Description { get; } = description;

    public void Dispose()
    {
        TrainTokens.Dispose();
        TrainLabels.Dispose();
        TestTokens.Dispose();
        TestLabels.Dispose();
        WarmupTokens.Dispose();
    }
}
