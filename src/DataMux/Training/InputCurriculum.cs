using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// A curriculum over N (<see cref="TrainingOptions.CurriculumFraction"/>): early steps fill only k of every group's N
/// slots with data and leave the others as filler rows (padding tokens, no labels), k rising from 1 to N. A wide mix
/// is hard to learn from scratch: the model first learns the task through the mux with one input per group, as a plain
/// model would, and then learns to keep more inputs apart, instead of settling early on what each token says alone.
/// The live slots are drawn per group, so every index trains from the first step.
/// </summary>
internal static class InputCurriculum
{
    /// <summary>
    /// Live slots per group at step <paramref name="step"/> (1-based) of <paramref name="totalSteps"/>: equal stretches of
    /// k = 1, 2, ..., N over the first <paramref name="fraction"/> of the steps, N afterwards.
    /// </summary>
    public static int LiveInputs(int step, int totalSteps, int n, double fraction)
    {
        var rising = (int)Math.Round(fraction * totalSteps);
        if (rising < 1 || step > rising) return n;

        return Math.Min(n, 1 + (int)((long)(step - 1) * n / rising));
    }

    /// <summary>
    /// Turns all but <paramref name="live"/> rows of every group of <paramref name="n"/> in <paramref name="tokens"/>
    /// <c>[rows, L]</c> into filler (every token <paramref name="paddingToken"/>) and their <paramref name="labels"/>
    /// (<c>[rows]</c> or <c>[rows, L]</c>, or null in a warm-up) into <see cref="MultiplexedTrainer.IgnoreLabel"/>. The
    /// live rows of each group are drawn with <paramref name="generator"/>. New tensors in the caller's dispose scope.
    /// </summary>
    public static (Tensor Tokens, Tensor? Labels) Mask(Tensor tokens, Tensor? labels, int n, int live, long paddingToken, Generator generator)
    {
        var rows = tokens.shape[0];
        var groups = (rows + n - 1) / n;
        // A random rank per slot; the live ones are the `live` lowest of their group.
        var ranks = torch.rand(new long[] { groups, n }, generator: generator).argsort(1).argsort(1);
        using var limit = ((long)live).ToScalar(); // held: see HeldScalars
        var dead = ranks.ge(limit).flatten().narrow(0, 0, rows).to(tokens.device);   // [rows]
        using var padding = paddingToken.ToScalar();
        var maskedTokens = tokens.masked_fill(dead.unsqueeze(1), padding);
        if (labels is null) return (maskedTokens, null);
        var labelMask = labels.dim() == 1 ? dead.to(labels.device) : dead.to(labels.device).unsqueeze(1);
        return (maskedTokens, labels.masked_fill(labelMask, MultiplexedTrainer.Ignored));
    }
}
