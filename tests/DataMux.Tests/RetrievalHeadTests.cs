using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Batching;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class RetrievalHeadTests
{
    // Two groups of N = 2 inputs of 3 tokens (0 is padding), written out so that every target can be checked by eye.
    private static readonly long[,,] Groups =
    {
        { { 5, 6, 0 }, { 7, 8, 9 } },   // group 0: input 0, input 1
        { { 2, 0, 0 }, { 3, 4, 0 } },   // group 1: position 2 is padding in both inputs
    };

    private static Tensor Rows() => torch.tensor(Groups.Cast<long>().ToArray(), new long[] { 4, 3 });

    [Fact]
    public void Targets_are_the_drawn_inputs_tokens_and_never_padding()
    {
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        using var rows = Rows();
        var batch = MultiplexedBatch.Group(rows, 2, 0);
        var seen = new HashSet<(long Group, long Input, long Position)>();

        for (var seed = 0UL; seed < 64; seed++)
        {
            using var generator = new Generator(seed, torch.CPU);
            var (pairs, targets) = head.DrawTargets(batch, generator);
            using (pairs)
            using (targets)
            {
                var p = pairs.data<long>().ToArray();
                var t = targets.data<long>().ToArray();
                Assert.Equal(t.Length * 3, p.Length);
                var positions = new HashSet<(long, long)>();
                for (var k = 0; k < t.Length; k++)
                {
                    var (g, i, position) = (p[3 * k], p[3 * k + 1], p[3 * k + 2]);
                    Assert.Equal(Groups[g, i, position], t[k]);   // the token input i has at that position
                    Assert.NotEqual(0, t[k]);                       // padding is never a target
                    Assert.True(positions.Add((g, position)), "one input drawn per group and position");
                    seen.Add((g, i, position));
                }
            }
        }

        // Over the draws every (group, input, position) holding a token was a target; group 1's position 2 never.
        var expected = new HashSet<(long, long, long)>();
        for (var g = 0; g < 2; g++)
            for (var i = 0; i < 2; i++)
                for (var position = 0; position < 3; position++)
                    if (Groups[g, i, position] != 0) expected.Add((g, i, position));
        Assert.Equal(expected.OrderBy(x => x), seen.OrderBy(x => x));
    }

    [Fact]
    public void A_retrieval_fraction_keeps_a_subset_of_the_same_draw_at_about_that_share()
    {
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        using var rows = Rows();
        var batch = MultiplexedBatch.Group(rows, 2, 0);
        long all = 0, kept = 0;
        for (var seed = 0UL; seed < 400; seed++)
        {
            using var everyGenerator = new Generator(seed, torch.CPU);
            using var shareGenerator = new Generator(seed, torch.CPU);
            var (everyPairs, everyTargets) = head.DrawTargets(batch, everyGenerator);
            var (sharePairs, shareTargets) = head.DrawTargets(batch, shareGenerator, 0.25);
            using (everyPairs) using (everyTargets) using (sharePairs) using (shareTargets)
            {
                // The inputs are drawn first from the same generator, so the kept pairs are among the full draw's.
                var every = Triples(everyPairs);
                Assert.All(Triples(sharePairs), triple => Assert.Contains(triple, every));
                all += everyTargets.shape[0];
                kept += shareTargets.shape[0];
            }
        }

        Assert.InRange((double)kept / all, 0.20, 0.30);   // 2,000 draws: a 0.25 share within about 5 standard deviations
        using var unused = new Generator(0, torch.CPU);
        Assert.Throws<ArgumentOutOfRangeException>(() => head.DrawTargets(batch, unused, 0));
    }

    private static List<(long, long, long)> Triples(Tensor pairs)
    {
        if (pairs.shape[0] == 0) return [];   // a quarter share of a few positions can keep none
        var p = pairs.data<long>().ToArray();
        return Enumerable.Range(0, p.Length / 3).Select(k => (p[3 * k], p[3 * k + 1], p[3 * k + 2])).ToList();
    }

    [Fact]
    public void The_objective_reads_the_models_own_demux_at_the_drawn_input_and_position()
    {
        // The head is the index demux on [p_r ; h_t] then a Linear: the pairs' rows are the demux's token
        // representations of those inputs and positions, so that the warm-up trains the demux the task uses.
        using var model = new TwoWayHadamardTokenModel();
        model.eval();
        var demux = (Demultiplexers.IndexEmbeddingDemultiplexer)model.Parts.Demux;
        using var generator = new Generator(3, torch.CPU);
        using var hidden = torch.randn(new long[] { 2, 2 + 1 + 3, 32 }, generator: generator);
        using var pairs = torch.tensor(new long[] { 1, 0, 2, 0, 1, 0 }, new long[] { 2, 3 });

        using var rows = demux.Pairs(hidden, pairs);
        using var tokens = demux.Tokens(hidden);   // [G·N, L, d], row g·N + i

        Assert.True(rows[0].allclose(tokens[1 * 2 + 0, 2], 1e-5, 1e-5));
        Assert.True(rows[1].allclose(tokens[0 * 2 + 1, 0], 1e-5, 1e-5));
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        using var logits = head.Logits(model, hidden, pairs);
        Assert.Equal(new long[] { 2, 12 }, logits.shape);
    }

    [Fact]
    public void A_model_without_index_slots_has_no_retrieval_head()
    {
        var error = Assert.Throws<NotSupportedException>(() => new RetrievalHead(GaussianHadamardMlpTokenSeed1.Configuration));
        Assert.Contains("Demux.Mlp", error.Message);
    }

    [Fact]
    public void The_loss_mixes_task_and_retrieval_by_the_retrieval_weight()
    {
        using var model = new TwoWayHadamardTokenModel();
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        var (tokens, labels) = TrainerTasks.Parity(32, 1);
        var steps = new List<TrainingProgress>();

        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 5, BatchGroups = 4, RetrievalWeight = 0.3 },
            retrieval: head, progress: new Recorded<TrainingProgress>(steps));

        Assert.Equal(5, steps.Count);
        Assert.All(steps, step =>
        {
            Assert.NotNull(step.TaskLoss);
            Assert.NotNull(step.RetrievalLoss);
            Assert.Equal(0.7 * step.TaskLoss!.Value + 0.3 * step.RetrievalLoss!.Value, step.Loss, 4);
        });

        // Weight 0: the task alone, even with a head.
        steps.Clear();
        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 2, BatchGroups = 4, RetrievalWeight = 0 },
            retrieval: head, progress: new Recorded<TrainingProgress>(steps));
        Assert.All(steps, step => Assert.Null(step.RetrievalLoss));
        Assert.All(steps, step => Assert.Equal(step.TaskLoss!.Value, step.Loss, 6));
    }

    [Fact]
    public void The_warm_up_trains_the_backbone_to_retrieve_and_leaves_the_task_head_alone()
    {
        using var model = new TwoWayHadamardTokenModel();
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        var (tokens, _) = TrainerTasks.Parity(256, 2);
        using var taskHead = model.Parts.Head.parameters().First().clone();
        using var demuxBefore = model.Parts.Demux.parameters().First().clone();
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.WarmUp(model, head, tokens, new TrainingOptions { Steps = 800, BatchGroups = 8, LearningRate = 3e-3 },
            progress: new Recorded<TrainingProgress>(steps));

        Assert.Equal(800, summary.Steps);
        Assert.All(steps, step => Assert.Equal(TrainingPhase.Warmup, step.Phase));
        Assert.All(steps, step => Assert.Null(step.TaskLoss));
        var late = steps.TakeLast(20).Average(step => step.RetrievalAccuracy!.Value);
        Assert.True(late > 0.6, $"retrieval accuracy over the last 20 steps {late:P0} (chance 1/11)");
        Assert.True(model.Parts.Head.parameters().First().Same(taskHead), "the task head gets no gradient in the warm-up");
        Assert.False(model.Parts.Demux.parameters().First().Same(demuxBefore), "the warm-up trains the demux the task reads");
    }
}
