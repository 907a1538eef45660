using System;
using DataMux.Multiplexers;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class LocalContextTests : SeededTests
{
    [Fact]
    public void A_position_sees_its_own_rows_neighbours_within_the_window_and_nothing_else()
    {
        using var context = new LocalContext(8, 3);
        context.eval();
        using var x = randn(3, 7, 8);
        using var y = context.forward(x);
        using var changed = x.clone();
        changed[1, 5].add_(1.0);   // row 1, position 5
        using var z = context.forward(changed);

        Assert.Equal(new long[] { 3, 7, 8 }, y.shape);
        using var moved = z.sub(y).abs().amax(new long[] { 2 });   // [3, 7]: how much each position moved
        for (var row = 0; row < 3; row++)
        {
            for (var position = 0; position < 7; position++)
            {
                var inWindow = row == 1 && Math.Abs(position - 5) <= 1;
                Assert.True(inWindow == moved[row, position].item<float>() > 1e-6, $"row {row}, position {position}: {moved[row, position].item<float>()}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(-3)]
    public void Windows_that_are_not_odd_and_at_least_three_are_refused(int window)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LocalContext(8, window));
        Assert.Contains("odd window of at least 3", error.Message);
    }

    [Fact]
    public void Inputs_of_another_width_are_refused_with_both_shapes()
    {
        using var context = new LocalContext(8, 5);
        using var wrong = zeros(2, 4, 6);
        var error = Assert.Throws<ArgumentException>(() => context.forward(wrong));
        Assert.Contains("[rows, length, 8]", error.Message);
        Assert.Contains("[2, 4, 6]", error.Message);
    }

    [Fact]
    public void The_generated_model_runs_its_context_layer_before_the_mux_and_saves_it()
    {
        using var model = new FourWayContextTokenModel();
        model.eval();
        var (tokens, _) = TrainerTasks.Parity(8, 3);
        var batch = Batching.MultiplexedBatch.Group(tokens, 4, 0);
        var parts = model.Parts;

        using var prefixed = parts.Demux.AddPrefix(batch.Tokens);
        using var embedded = parts.Embedding.forward(prefixed);
        using var byHand = parts.Mux.forward(parts.Context!.forward(embedded));
        using var reembedded = parts.Embedding.Reembed(byHand);
        using var expected = parts.Encoder.forward(reembedded, batch.PaddingMask(prefixed));
        using var encoded = model.Encode(batch);

        Assert.Equal(3, FourWayContextTokenModel.ContextWindow);
        Assert.Equal(3, FourWayContextTokenModel.Configuration.ContextWindow);
        Assert.True(encoded.allclose(expected, 1e-5, 1e-6));
        Assert.Contains(model.named_parameters(), p => p.name == "context.depthwise.weight");
        Assert.Null(new FourWayShortcutTokenModel().Parts.Context);
    }

    [Fact]
    public void With_the_context_layer_a_model_learns_labels_that_need_the_left_neighbour_and_without_it_does_not()
    {
        var (tokens, labels) = TrainerTasks.LeftNeighbourParity(640, 11);
        var (testTokens, testLabels) = TrainerTasks.LeftNeighbourParity(400, 12);
        var options = new TrainingOptions { Steps = 150, BatchGroups = 8, LearningRate = 3e-3 };

        using var withContext = new FourWayContextTokenModel();
        MultiplexedTrainer.Train(withContext, tokens, labels, options);
        using var without = new FourWayShortcutTokenModel();
        MultiplexedTrainer.Train(without, tokens, labels, options);

        var learned = MultiplexedTrainer.Evaluate(withContext, testTokens, testLabels);
        var baseline = MultiplexedTrainer.Evaluate(without, testTokens, testLabels);
        Assert.True(learned > 0.9, $"with the context layer: {learned:P1}");
        Assert.True(learned > baseline + 0.1, $"with {learned:P1}, without {baseline:P1}");
    }
}
