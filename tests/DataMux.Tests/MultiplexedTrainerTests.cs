using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class MultiplexedTrainerTests
{
    [Fact]
    public void Learns_a_sequence_task_with_two_multiplexed_inputs()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(320, 1);
        var (testTokens, testLabels) = TrainerTasks.FirstToken(200, 2);
        var before = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);

        var steps = new List<TrainingProgress>();
        var summary = MultiplexedTrainer.Train(model, tokens, labels,
            new TrainingOptions { Epochs = 12, BatchGroups = 8, LearningRate = 3e-3, Seed = 3, WarmupFraction = 0.1, LinearDecay = true }, progress: new Recorded<TrainingProgress>(steps));

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
        var (tokens, labels) = TrainerTasks.FirstToken(320, 1);
        var (testTokens, testLabels) = TrainerTasks.FirstToken(200, 2);
        MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 12, BatchGroups = 8, LearningRate = 3e-3, Seed = 3 });
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);
        Assert.True(accuracy < 0.85, $"identity-mux accuracy {accuracy:F3}");
    }

    [Fact]
    public void Training_is_reproducible_and_keeps_fixed_transforms_fixed()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(64, 9);
        var options = new TrainingOptions { Epochs = 2, BatchGroups = 4, Seed = 11 };
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
        var (tokens, labels) = TrainerTasks.Parity(320, 4);
        var (testTokens, testLabels) = TrainerTasks.Parity(200, 5);
        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 10, BatchGroups = 8, LearningRate = 3e-3 });
        var accuracy = MultiplexedTrainer.Evaluate(model, testTokens, testLabels);
        Assert.True(accuracy > 0.9, $"token accuracy {accuracy:F3}; losses {string.Join(", ", summary.EpochLosses)}");
    }

    [Fact]
    public void Token_rows_with_every_position_ignored_are_left_out_and_counted()
    {
        // 8 rows, one group of 2 per batch: rows 0-5 are labelled -100 everywhere, so they carry no loss (a batch of
        // them once made the epoch's loss NaN): the batches hold rows 6 and 7 only, and the summary says how many were left.
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = TrainerTasks.Parity(8, 6);
        labels.narrow(0, 0, 6).fill_(MultiplexedTrainer.IgnoreLabel);
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 3, BatchGroups = 1, Seed = 2, LinearDecay = true }, progress: new Recorded<TrainingProgress>(steps));

        Assert.Equal(6, summary.RowsWithoutLabels);
        Assert.Equal(3, summary.Steps);   // one batch of the two labelled rows per epoch
        Assert.All(summary.EpochLosses, loss => Assert.True(double.IsFinite(loss), string.Join(", ", summary.EpochLosses)));
        Assert.All(steps, step => Assert.Equal(3, step.TotalSteps));
        Assert.True(steps[^1].LearningRate <= 0.5 * new TrainingOptions().LearningRate, $"last learning rate {steps[^1].LearningRate}");
    }

    [Fact]
    public void A_run_of_so_many_steps_cycles_through_reshuffled_epochs()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(20, 1);   // 20 rows in batches of 8: three batches an epoch
        var steps = new List<TrainingProgress>();

        var summary = MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 7, BatchGroups = 4 }, progress: new Recorded<TrainingProgress>(steps));

        Assert.Equal(7, summary.Steps);
        Assert.Equal(Enumerable.Range(1, 7), steps.Select(step => step.Step));
        Assert.Equal(3, summary.EpochLosses.Count);   // epochs 1 and 2 whole, the third begun
        Assert.Equal(0, summary.ResumedFromStep);
    }

    [Fact]
    public void More_epochs_than_an_int_counts_steps_for_is_an_error_naming_the_limit()
    {
        using var model = new FourWayTrainingModel();
        var (tokens, labels) = TrainerTasks.FirstToken(8, 1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = int.MaxValue, BatchGroups = 1 }));

        Assert.Contains($"Expected at most {int.MaxValue / 2} epochs", error.Message);
    }

    [Fact]
    public void A_warm_up_rounded_up_to_the_whole_run_still_reaches_the_peak()
    {
        var options = new TrainingOptions { WarmupFraction = 0.96, LinearDecay = true };

        Assert.Equal(1.0, options.Schedule(9, 10), 6);
        Assert.Equal(1.0, options.Schedule(0, 1), 6);
    }

    [Fact]
    public void Schedule_warms_up_then_decays_linearly()
    {
        var options = new TrainingOptions { WarmupFraction = 0.2, LinearDecay = true };
        Assert.True(options.Schedule(0, 10) < options.Schedule(1, 10));
        Assert.Equal(1.0, options.Schedule(2, 10), 6);
        Assert.True(options.Schedule(9, 10) < options.Schedule(5, 10));
        Assert.Equal(1.0, new TrainingOptions().Schedule(7, 10));
    }

    [Fact]
    public void Rejects_mismatched_labels_and_bad_options()
    {
        using var model = new FourWayTrainingModel();
        var (tokens, labels) = TrainerTasks.FirstToken(8, 1);
        var shape = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Train(model, tokens, labels.narrow(0, 0, 7), new TrainingOptions()));
        Assert.Contains("[8]", shape.Message);
        Assert.Contains("[7]", shape.Message);
        var range = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Evaluate(model, tokens, labels + 1));
        Assert.Contains("[0, 2)", range.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Epochs = 0 }));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 0.0, 0.0, "LearningRate")]
    [InlineData(double.NaN, 0.0, 0.0, "LearningRate")]
    [InlineData(1e-3, double.NaN, 0.0, "WeightDecay")]
    [InlineData(1e-3, double.PositiveInfinity, 0.0, "WeightDecay")]
    [InlineData(1e-3, 0.0, double.NaN, "WarmupFraction")]
    public void Options_reject_non_finite_values(double learningRate, double weightDecay, double warmup, string name)
    {
        var options = new TrainingOptions { LearningRate = learningRate, WeightDecay = weightDecay, WarmupFraction = warmup };
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
    }

    [Theory]
    [InlineData(1.0, "RetrievalWeight")]
    [InlineData(-0.1, "RetrievalWeight")]
    [InlineData(double.NaN, "RetrievalWeight")]
    public void Options_reject_a_retrieval_weight_outside_0_to_1(double weight, string name)
    {
        var options = new TrainingOptions { RetrievalWeight = weight };
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
        Assert.Equal("Steps", Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { Steps = 0 }.Validate).ParamName);
        Assert.Equal("CheckpointEvery", Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { CheckpointEvery = 0 }.Validate).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_reject_a_retrieval_fraction_outside_0_to_1(double fraction)
    {
        var options = new TrainingOptions { RetrievalFraction = fraction };
        Assert.Equal("RetrievalFraction", Assert.Throws<ArgumentOutOfRangeException>(options.Validate).ParamName);
    }

    [Fact]
    public void Evaluating_every_K_steps_without_validation_rows_is_an_error()
    {
        using var model = new TwoWayModel();
        var (tokens, labels) = TrainerTasks.FirstToken(16, 1);
        var error = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = 2, EvaluateEvery = 1 }));
        Assert.Contains("EvaluateEvery = 1 needs validation rows", error.Message);
    }

    [Fact]
    public void Token_labels_that_are_all_ignored_are_an_error_in_training_and_evaluation()
    {
        using var model = new TwoWayTokenModel();
        var (tokens, labels) = TrainerTasks.Parity(8, 3);
        using var ignored = torch.full_like(labels, MultiplexedTrainer.IgnoreLabel);
        var train = Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Train(model, tokens, ignored, new TrainingOptions { Epochs = 1 }));
        Assert.Contains("every position is labelled -100", train.Message);
        Assert.Throws<ArgumentException>(() => MultiplexedTrainer.Evaluate(model, tokens, ignored));
    }
}
