using System;
using DataMux.Testing;
using DataMux.Training;
using Xunit;

namespace DataMux.Tests;

/// <summary><see cref="TrainingOptions.LabelSmoothing"/> in the text trainer: validated, part of what a checkpoint records.</summary>
public sealed class LabelSmoothingTests : IDisposable
{
    private readonly TemporaryFolder folder = new("dmx-smoothing-");

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Options_reject_a_smoothing_outside_0_to_1(double smoothing)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { LabelSmoothing = smoothing }.Validate);
        Assert.Equal("LabelSmoothing", error.ParamName);
        Assert.Contains("Expected a label smoothing in [0, 1)", error.Message);
    }

    [Fact]
    public void The_text_task_loss_is_affine_in_the_smoothing_as_PyTorchs_smoothed_cross_entropy()
    {
        // (1 − ε)·CE + ε·(mean of −log p over the classes): with the same seed (same rows, same dropout masks) the first
        // step's loss moves by equal amounts from ε = 0 to 0.2 to 0.4.
        var (tokens, labels) = TrainerTasks.FirstToken(40, 4);
        var options = new TrainingOptions { Steps = 1, BatchGroups = 20 };

        double FirstLoss(TrainingOptions o)
        {
            using var model = new TwoWayModel();
            return MultiplexedTrainer.Train(model, tokens, labels, o).EpochLosses[0];
        }

        var plain = FirstLoss(options);
        var smoothed = FirstLoss(options with { LabelSmoothing = 0.2 });
        var more = FirstLoss(options with { LabelSmoothing = 0.4 });
        Assert.NotEqual(plain, smoothed, 3);
        Assert.Equal(smoothed - plain, more - smoothed, 4);
    }

    [Fact]
    public void A_checkpoint_of_a_smoothed_run_does_not_resume_a_run_without_it()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(40, 4);
        var options = new TrainingOptions { Steps = 4, BatchGroups = 2, LabelSmoothing = 0.1, CheckpointFolder = folder.File("run") };
        using (var first = new TwoWayModel()) MultiplexedTrainer.Train(first, tokens, labels, options);

        using var model = new TwoWayModel();
        var error = Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(model, tokens, labels, options with { LabelSmoothing = 0 }));

        Assert.Contains("LabelSmoothing is \"0.1\" there and not set here", error.Message);
    }
}
