using System;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// Starts a multiplexed model from a trained plain one of the same backbone (<see cref="Mux.None"/>, B1): the encoder,
/// the embedding's LayerNorm, the token rows of the user vocabulary and CLS, the position rows (the plain model's CLS
/// and content positions onto the multiplexed model's CLS slot and content positions) and the task head are copied; the
/// mux, the index tokens, the filler, the demux and an input shortcut keep their initial values. A model that already
/// reads language then only has to learn to read it from the mix.
/// </summary>
public static class PlainStart
{
    /// <summary>Copies <paramref name="plain"/>'s weights into <paramref name="multiplexed"/> as described above.</summary>
    /// <exception cref="ArgumentException">The models' backbones, vocabularies, lengths or tasks differ, or <paramref name="plain"/> is not plain.</exception>
    public static void CopyInto(IMultiplexedModel plain, IMultiplexedModel multiplexed)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(multiplexed);
        var (fromPlain, to) = (plain.Configuration, multiplexed.Configuration);
        if (fromPlain.Mux != Mux.None)
            throw new ArgumentException($"Expected a plain model (Mux.None) to start from, but {fromPlain.ModelName} uses Mux.{fromPlain.Mux}.", nameof(plain));
        if (to.Demux is not (Demux.IndexEmbedding or Demux.LearnedKeys))
            throw new ArgumentException($"Expected a multiplexed model with the index or learned-keys demux, but {to.ModelName} uses Demux.{to.Demux}.", nameof(multiplexed));
        var same = fromPlain with { ModelName = to.ModelName, N = to.N, Mux = to.Mux, Demux = to.Demux, Seed = to.Seed, MuxNorm = to.MuxNorm, LearnMux = to.LearnMux, Reembed = to.Reembed, InputShortcut = to.InputShortcut, ContextWindow = to.ContextWindow };
        if (same != to)
        {
            throw new ArgumentException(
                $"Expected models of one backbone, vocabulary, length and task, but {fromPlain.ModelName} is {Describe(fromPlain)} and {to.ModelName} is {Describe(to)}.", nameof(multiplexed));
        }

        var (source, target) = (plain.Parts, multiplexed.Parts);
        using var notInference = torch.inference_mode(false);
        using var noGrad = torch.no_grad();
        Copy(source.Encoder, target.Encoder);
        Copy(source.Head, target.Head);
        var (sourceEmbedding, targetEmbedding) = (source.Embedding, target.Embedding);
        // The user vocabulary and CLS are the first Vocabulary + 1 rows in both tables (TokenLayout).
        using (var rows = targetEmbedding.TokenTable.narrow(0, 0, to.Vocabulary + 1))
        using (var copied = sourceEmbedding.TokenTable.narrow(0, 0, to.Vocabulary + 1)) rows.copy_(copied);
        // Plain: CLS at position 0, content from 1. Index demux: CLS at position N, content from N + 1; learned keys: CLS at 0.
        var clsSlot = target.Demux.PrefixLength - 1;
        using (var cls = targetEmbedding.PositionTable.narrow(0, clsSlot, to.MaxLength + 1))
        using (var plainPositions = sourceEmbedding.PositionTable.narrow(0, 0, to.MaxLength + 1)) cls.copy_(plainPositions);
        // Not disposed: LayerNorm hands out its parameters themselves, not new handles.
        targetEmbedding.NormWeight.copy_(sourceEmbedding.NormWeight);
        targetEmbedding.NormBias.copy_(sourceEmbedding.NormBias);
    }

    private static void Copy(nn.Module source, nn.Module target)
    {
        var targets = target.state_dict();
        foreach (var (name, tensor) in source.state_dict()) targets[name].copy_(tensor);
    }

    private static string Describe(ModelConfiguration c) =>
        $"{c.Layers} layers of {c.Hidden} ({c.Heads} heads, feed-forward {c.FeedForward}), vocabulary {c.Vocabulary}, length {c.MaxLength}, {c.Task} with {c.Outputs} outputs";
}
