using System;
using System.Linq;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public sealed class InputCurriculumTests : IDisposable
{
    private readonly TemporaryFolder folder = new("dmx-curriculum-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Live_inputs_rise_from_1_to_N_in_equal_stretches_over_the_share_of_the_steps()
    {
        // 100 steps, N = 5, half of them rising: 10 steps each of 1, 2, 3, 4, 5 inputs, then 5.
        var live = Enumerable.Range(1, 100).Select(step => InputCurriculum.LiveInputs(step, 100, 5, 0.5)).ToArray();

        Assert.Equal(Enumerable.Repeat(1, 10), live[..10]);
        Assert.Equal(Enumerable.Repeat(2, 10), live[10..20]);
        Assert.Equal(Enumerable.Repeat(4, 10), live[30..40]);
        Assert.All(live[40..], k => Assert.Equal(5, k));
        Assert.All(Enumerable.Range(1, 20), step => Assert.Equal(5, InputCurriculum.LiveInputs(step, 20, 5, 0)));
        Assert.Equal(1, InputCurriculum.LiveInputs(1, 2, 1, 0.5));
    }

    [Fact]
    public void Masking_keeps_the_drawn_rows_of_every_group_and_turns_the_others_into_unlabelled_filler()
    {
        // 7 rows in groups of 3 (the last group has one row): one live row per group.
        var tokens = torch.arange(1, 22, dtype: ScalarType.Int64).view(7, 3);
        var labels = tokens.remainder(2);
        using var generator = new Generator(3, torch.CPU);

        var (masked, maskedLabels) = InputCurriculum.Mask(tokens, labels, n: 3, live: 1, paddingToken: 0, generator);

        var kept = masked.ne(0).all(1);                     // [7]: whole rows are kept or filled
        Assert.True(masked.eq(0).logical_or(kept.unsqueeze(1)).all().item<bool>());
        var perGroup = torch.cat([kept, torch.zeros(2, dtype: ScalarType.Bool)]).view(3, 3).sum(1);
        Assert.Equal(new long[] { 1, 1, 1 }.Take(2), perGroup.data<long>().Take(2));
        Assert.True(perGroup[2].item<long>() <= 1);         // the last group's live slot may be one of its filler rows
        Assert.True(masked.index(kept).Same(tokens.index(kept)));
        Assert.True(maskedLabels!.index(kept).Same(labels.index(kept)));
        Assert.True(maskedLabels.index(kept.logical_not()).eq(MultiplexedTrainer.IgnoreLabel).all().item<bool>());

        // Sentence labels [rows] are masked the same way; the draw is the generator's.
        using var again = new Generator(3, torch.CPU);
        var (sameTokens, rowLabels) = InputCurriculum.Mask(tokens, torch.arange(7, dtype: ScalarType.Int64), 3, 1, 0, again);
        Assert.True(sameTokens.Same(masked));
        Assert.True(rowLabels!.ne(MultiplexedTrainer.IgnoreLabel).eq(kept).all().item<bool>());
    }

    [Fact]
    public void A_run_with_a_curriculum_learns_is_reproducible_and_differs_from_one_without()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(320, 1);
        var (testTokens, testLabels) = TrainerTasks.FirstToken(200, 2);
        var options = new TrainingOptions { Epochs = 12, BatchGroups = 8, LearningRate = 3e-3, Seed = 3, WarmupFraction = 0.1, LinearDecay = true, CurriculumFraction = 0.5 };
        using var first = new TwoWayModel();
        using var second = new TwoWayModel();
        using var plain = new TwoWayModel();

        MultiplexedTrainer.Train(first, tokens, labels, options);
        MultiplexedTrainer.Train(second, tokens, labels, options);
        MultiplexedTrainer.Train(plain, tokens, labels, options with { CurriculumFraction = 0 });

        Assert.All(first.parameters().Zip(second.parameters()), pair => Assert.True(pair.First.Same(pair.Second)));
        Assert.False(first.parameters().Zip(plain.parameters()).All(pair => pair.First.Same(pair.Second)));
        var accuracy = MultiplexedTrainer.Evaluate(first, testTokens, testLabels);
        Assert.True(accuracy > 0.9, $"accuracy {accuracy:F3}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Options_reject_a_curriculum_share_outside_0_to_1(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { CurriculumFraction = fraction }.Validate);
        Assert.Equal("CurriculumFraction", error.ParamName);
    }

    [Fact]
    public void A_checkpoint_of_a_curriculum_run_does_not_resume_a_run_without_one()
    {
        var (tokens, labels) = TrainerTasks.FirstToken(40, 4);
        var options = new TrainingOptions { Steps = 4, BatchGroups = 2, CurriculumFraction = 0.5, CheckpointFolder = folder.File("run") };
        using (var first = new TwoWayModel()) MultiplexedTrainer.Train(first, tokens, labels, options);

        using var model = new TwoWayModel();
        var error = Assert.Throws<InvalidOperationException>(() => MultiplexedTrainer.Train(model, tokens, labels, options with { CurriculumFraction = 0 }));

        Assert.Contains("CurriculumFraction is \"0.5\" there and not set here", error.Message);
    }
}
