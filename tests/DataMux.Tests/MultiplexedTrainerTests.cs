using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class MultiplexedTrainerTests
{
    // Sentence task: the class is decided by the first token (2 -> class 0, 3 -> class 1); the rest is noise.
    private static (Tensor Tokens, Tensor Labels) FirstTokenTask(int rows, ulong seed)
    {
        using var generator = new Generator(seed, torch.CPU);
        var labels = torch.randint(0, 2, new long[] { rows }, generator: generator);
        var tokens = torch.randint(2, 12, new long[] { rows, 6 }, generator: generator);
        tokens[.., 0] = labels + 2;
        return (tokens, labels);
    }

    // Token task: every token's label is its id's parity; rows end with 0..3 padding tokens labelled -100.
    private static (Tensor Tokens, Tensor Labels) ParityTask(int rows, ulong seed)
    {
        using var generator = new Generator(seed, torch.CPU);
        var tokens = torch.randint(1, 12, new long[] { rows, 6 }, generator: generator);
        var lengths = torch.randint(3, 7, new long[] { rows, 1 }, generator: generator);
        var padding = torch.arange(6).unsqueeze(0).ge(lengths);
        tokens = tokens.masked_fill(padding, 0);
        var labels = tokens.remainder(2).masked_fill(padding, MultiplexedTrainer.IgnoreLabel);
        return (tokens, labels);
    }

    [Fact]
    public void Learns_a_sequence_task_with_two_multiplexed_inputs()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = FirstTokenTask(320, 1);
        var (testTokens, testLabels) = FirstTokenTask(200, 2);
        var before = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);

        var steps = new List<TrainingProgress>();
        var summary = MultiplexedTrainer.Train(model, tokens, labels,
            new TrainingOptions(Epochs: 12, BatchGroups: 8, LearningRate: 3e-3, Seed: 3, WarmupFraction: 0.1, LinearDecay: true), steps.Add);

        var after = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);
        Assert.Equal(12 * 20, summary.Steps);
        Assert.Equal(summary.Steps, steps.Count);
        Assert.True(summary.EpochLosses[^1] < summary.EpochLosses[0] * 0.5, string.Join(", ", summary.EpochLosses));
        Assert.True(after > 0.9, $"accuracy before {before:F3}, after {after:F3}");
        Assert.True(model.training);
    }

    [Fact]
    public void Without_separable_transforms_the_same_task_stays_near_chance()
    {
        // Control for the test above: the Identity mux averages the inputs (and their index tokens), so the two
        // inputs of a group become indistinguishable and at best the rows whose labels agree are right (~75%).
        using var model = new TwoWayIdentityModel();
        var (tokens, labels) = FirstTokenTask(320, 1);
        var (testTokens, testLabels) = FirstTokenTask(200, 2);
        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 12, BatchGroups: 8, LearningRate: 3e-3, Seed: 3));
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);
        Assert.True(accuracy < 0.85, $"identity-mux accuracy {accuracy:F3}");
    }

    [Fact]
    public void Training_is_reproducible_and_keeps_fixed_transforms_fixed()
    {
        var (tokens, labels) = FirstTokenTask(64, 9);
        var options = new TrainingOptions(Epochs: 2, BatchGroups: 4, Seed: 11);
        using var first = new TwoWayDropoutModel();
        using var second = new TwoWayDropoutModel();
        using var transforms = ((Multiplexers.OrthogonalMultiplexer)first.Parts.Mux).Transforms.clone();
        using var embedding = first.Parts.Embedding.parameters().First().clone();

        // Train seeds dropout's generator itself: the caller's draws before it must not matter, and its state comes back.
        torch.random.manual_seed(5);
        using var before = torch.random.get_rng_state();
        MultiplexedTrainer.Train(first, tokens, labels, options);
        using var after = torch.random.get_rng_state();
        Assert.True(after.Same(before), "Train must restore the caller's random state");
        using var drawn = torch.rand(17);   // a different state for the second run
        MultiplexedTrainer.Train(second, tokens, labels, options);

        Assert.All(first.parameters().Zip(second.parameters()), pair => Assert.True(pair.First.Same(pair.Second)));
        Assert.True(((Multiplexers.OrthogonalMultiplexer)first.Parts.Mux).Transforms.Same(transforms));
        Assert.False(first.Parts.Embedding.parameters().First().Same(embedding));
    }

    [Fact]
    public void Learns_a_token_task_and_ignores_padding()
    {
        using var model = new TwoWayHadamardTokenModel();
        var (tokens, labels) = ParityTask(320, 4);
        var (testTokens, testLabels) = ParityTask(200, 5);
        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 10, BatchGroups: 8, LearningRate: 3e-3));
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);
        Assert.True(accuracy > 0.9, $"token accuracy {accuracy:F3}; losses {string.Join(", ", summary.EpochLosses)}");
    }

    [Fact]
    public void A_token_batch_with_every_position_ignored_is_skipped_not_a_NaN_loss()
    {
        // 8 rows, one group of 2 per batch: rows 0-5 are labelled -100 everywhere, so batches of them count nothing.
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = ParityTask(8, 6);
        labels.narrow(0, 0, 6).fill_(MultiplexedTrainer.IgnoreLabel);
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 3, BatchGroups: 1, Seed: 2), steps.Add);

        Assert.All(summary.EpochLosses, loss => Assert.True(double.IsFinite(loss), string.Join(", ", summary.EpochLosses)));
        Assert.All(steps, step => Assert.True(double.IsFinite(step.Loss), $"step {step.Step}: {step.Loss}"));
        Assert.InRange(summary.Steps, 3, 3 * 4 - 1);   // at least one counted batch per epoch, and some skipped
    }

    [Fact]
    public void The_schedule_spans_only_the_steps_that_run_when_token_batches_are_skipped()
    {
        // 8 rows, one group of 2 per batch, only row 0 labelled: one batch in four has a counted position. The
        // schedule counted all 8 steps of 2 epochs, so the learning rate never decayed past 0.9 of its peak.
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = ParityTask(8, 6);
        labels.narrow(0, 1, 7).fill_(MultiplexedTrainer.IgnoreLabel);
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 2, BatchGroups: 1, Seed: 2, LinearDecay: true), steps.Add);

        Assert.Equal(2, summary.Steps);
        Assert.All(steps, step => Assert.Equal(summary.Steps, step.TotalSteps));
        Assert.True(steps[^1].LearningRate <= 0.5 * new TrainingOptions().LearningRate, $"last learning rate {steps[^1].LearningRate}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_schedules_step_count_is_the_number_of_steps_run_for_any_labelled_rows(int seed)
    {
        // About one row in six labelled: how many batches count depends on each epoch's order, so the count must
        // draw the orders the loop draws.
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = ParityTask(40, (ulong)seed);
        using var generator = new Generator((ulong)seed + 100, torch.CPU);
        using var unlabelled = torch.rand(new long[] { 40 }, generator: generator).gt(1.0 / 6);
        labels.masked_fill_(unlabelled.unsqueeze(1), MultiplexedTrainer.IgnoreLabel);
        labels[0, 0] = 1;   // at least one counted position
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 3, BatchGroups: 1, Seed: seed), steps.Add);

        Assert.All(steps, step => Assert.Equal(summary.Steps, step.TotalSteps));
        Assert.InRange(summary.Steps, 3, 3 * 20 - 1);
    }

    [Fact]
    public void More_epochs_than_an_int_counts_steps_for_is_an_error_naming_the_limit()
    {
        using var model = new FourWayTrainingModel();
        var (tokens, labels) = FirstTokenTask(8, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: int.MaxValue, BatchGroups: 1)));

        Assert.Contains($"Expected at most {int.MaxValue / 2} epochs", error.Message);
    }

    [Fact]
    public void A_warm_up_rounded_up_to_the_whole_run_still_reaches_the_peak()
    {
        var options = new TrainingOptions(WarmupFraction: 0.96, LinearDecay: true);

        Assert.Equal(1.0, options.Schedule(9, 10), 6);
        Assert.Equal(1.0, options.Schedule(0, 1), 6);
    }

    [Fact]
    public void Schedule_warms_up_then_decays_linearly()
    {
        var options = new TrainingOptions(WarmupFraction: 0.2, LinearDecay: true);
        Assert.True(options.Schedule(0, 10) < options.Schedule(1, 10));
        Assert.Equal(1.0, options.Schedule(2, 10), 6);
        Assert.True(options.Schedule(9, 10) < options.Schedule(5, 10));
        Assert.Equal(1.0, new TrainingOptions().Schedule(7, 10));
    }

    [Fact]
    public void Rejects_mismatched_labels_and_bad_options()
    {
        using var model = new FourWayTrainingModel();
        var (tokens, labels) = FirstTokenTask(8, 1);
        var shape = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Train(model, tokens, labels.narrow(0, 0, 7), new TrainingOptions()));
        Assert.Contains("[8]", shape.Message);
        Assert.Contains("[7]", shape.Message);
        var range = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Evaluate(model, tokens, labels + 1));
        Assert.Contains("[0, 2)", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions(Epochs: 0)));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 0.0, 0.0, "LearningRate")]
    [InlineData(double.NaN, 0.0, 0.0, "LearningRate")]
    [InlineData(1e-3, double.NaN, 0.0, "WeightDecay")]
    [InlineData(1e-3, double.PositiveInfinity, 0.0, "WeightDecay")]
    [InlineData(1e-3, 0.0, double.NaN, "WarmupFraction")]
    public void Options_reject_non_finite_values(double learningRate, double weightDecay, double warmup, string name)
    {
        var options = new TrainingOptions(LearningRate: learningRate, WeightDecay: weightDecay, WarmupFraction: warmup);
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
    }

    [Fact]
    public void Token_labels_that_are_all_ignored_are_an_error_in_training_and_evaluation()
    {
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = ParityTask(8, 3);
        using var ignored = torch.full_like(labels, MultiplexedTrainer.IgnoreLabel);
        var train = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Train(model, tokens, ignored, new TrainingOptions(Epochs: 1)));
        Assert.Contains("every position is labelled -100", train.Message);
        Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Evaluate(model, tokens, ignored));
    }
}
