using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DataMux;
using DataMux.Batching;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>Median seconds of each stage of one forward pass.</summary>
internal sealed record StageTimes(double Prepare, double EmbeddingAndMux, double Encoder, double Demux, double Head)
{
    public static readonly string[] Names = { "prepare", "embedding + mux", "encoder", "demux", "head" };

    public double Total => Prepare + EmbeddingAndMux + Encoder + Demux + Head;

    public double[] All => new[] { Prepare, EmbeddingAndMux, Encoder, Demux, Head };
}

/// <summary>
/// Times the stages of a generated model's forward pass separately, by running the same calls the generated
/// <c>forward</c> makes through <see cref="IMultiplexedModel.Parts"/> with a clock around each. "prepare" is
/// validation, grouping, the demux prefix, the padding mask and ungrouping; embedding and mux are one call, as in the
/// generated code (one fused pass for the element-wise muxes in inference). CPU work is synchronous, so the
/// clocks measure the work itself.
/// </summary>
internal static class ComponentBreakdown
{
    public static IReadOnlyDictionary<IMultiplexedModel, StageTimes> Measure(
        IReadOnlyList<(IMultiplexedModel Model, Tensor Tokens)> models, int runs)
    {
        var samples = models.ToDictionary(m => m.Model, _ => new List<double[]>());
        for (var round = 0; round <= runs; round++)
        {
            foreach (var (model, tokens) in models)
            {
                var stages = Once(model, tokens);
                if (round > 0) samples[model].Add(stages); // round 0 warms the path up
            }
        }

        return samples.ToDictionary(p => p.Key, p =>
        {
            double M(int stage) => InterleavedTimer.Median(p.Value.Select(s => s[stage]).ToArray());
            return new StageTimes(M(0), M(1), M(2), M(3), M(4));
        });
    }

    private static double[] Once(IMultiplexedModel model, Tensor tokens)
    {
        var c = model.Configuration;
        var parts = model.Parts;
        var times = new double[5];
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var clock = Stopwatch.StartNew();
        TokenChecks.Validate(tokens, c.ModelName, c.MaxLength, c.Vocabulary);
        var batch = MultiplexedBatch.Group(tokens, c.N, c.PaddingToken);
        var prefixed = parts.Demux.AddPrefix(batch.Tokens);
        var mask = batch.PaddingMask(prefixed);
        times[0] = Lap(clock);
        var muxed = parts.Mux.EmbedAndMix(parts.Embedding, prefixed);
        times[1] = Lap(clock);
        var hidden = parts.Encoder.forward(muxed, mask);
        times[2] = Lap(clock);
        var representations = c.Task == ModelTask.SequenceClassification ? parts.Demux.Sequence(hidden) : parts.Demux.Tokens(hidden);
        times[3] = Lap(clock);
        var logits = parts.Head.forward(representations);
        times[4] = Lap(clock);
        batch.Ungroup(logits);
        times[0] += Lap(clock);
        return times;
    }

    private static double Lap(Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }
}
