using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using DataMux;
using DataMux.Batching;
using DataMux.Cpu;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>Median seconds of each stage of one forward pass.</summary>
internal sealed record StageTimes(double Prepare, double EmbeddingAndMux, double Encoder, double DemuxAndHead)
{
    public static readonly string[] Names = { "prepare", "embedding + mux", "encoder", "demux + head" };

    public double Total => Prepare + EmbeddingAndMux + Encoder + DemuxAndHead;

    public double[] All => new[] { Prepare, EmbeddingAndMux, Encoder, DemuxAndHead };
}

/// <summary>
/// Times the stages of a compiled model's forward pass separately, by running the same calls
/// <see cref="CpuEngine.forward"/> makes (its stage methods) with a clock around each. "prepare" is validation,
/// grouping, the demux prefix, the padding mask and ungrouping; embedding and mux are one stage (with the re-embedding
/// where the model has it; one fused pass for the element-wise muxes), demux and head another (one fused pass for the
/// index demux over tokens, then the head). CPU work is synchronous, so the clocks measure the work itself.
/// </summary>
internal static class ComponentBreakdown
{
    public static IReadOnlyDictionary<CpuEngine, StageTimes> Measure(
        IReadOnlyList<(CpuEngine Model, Tensor Tokens)> models, int runs)
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
            return new StageTimes(M(0), M(1), M(2), M(3));
        });
    }

    private static double[] Once(CpuEngine engine, Tensor tokens)
    {
        var c = engine.Model.Configuration;
        var parts = engine.Model.Parts;
        var times = new double[4];
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();
        var clock = Stopwatch.StartNew();
        TokenChecks.Validate(tokens, c.ModelName, c.MaxLength, c.Vocabulary);
        var batch = MultiplexedBatch.Group(tokens, c.N, c.PaddingToken);
        var prefixed = parts.Demux.AddPrefix(batch.Tokens);
        var mask = batch.PaddingMask(prefixed);
        times[0] = Lap(clock);
        var muxed = engine.EmbedAndMix(prefixed, batch);
        times[1] = Lap(clock);
        var hidden = engine.Encode(muxed, mask);
        times[2] = Lap(clock);
        var logits = engine.Decode(hidden, batch);
        times[3] = Lap(clock);
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
