using System;
using System.Linq;
using DataMux.Testing;
using DataMux.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class MaskedRetrievalTests
{
    private static readonly TokenLayout Layout = new(vocabulary: 12, n: 2, paddingToken: 0);

    [Fact]
    public void Masking_hides_content_tokens_behind_the_filler_id_and_never_padding()
    {
        using var generator = new Generator(5, torch.CPU);
        var tokens = torch.randint(1, 12, new long[] { 64, 8 }, generator: new Generator(1, torch.CPU));
        tokens.narrow(1, 6, 2).fill_(0);   // two padding positions per row

        var (masked, hidden, original) = MaskedRetrieval.Mask(tokens, 0.5, Layout, generator);

        Assert.True(original.Same(tokens));
        Assert.True(masked.masked_select(hidden).eq(Layout.Filler).all().item<bool>());
        Assert.True(masked.masked_select(hidden.logical_not()).Same(tokens.masked_select(hidden.logical_not())));
        Assert.False(hidden.narrow(1, 6, 2).any().item<bool>());
        var share = hidden.narrow(1, 0, 6).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(share, 0.4, 0.6);
    }

    [Fact]
    public void Targets_name_the_group_input_and_position_of_every_hidden_token()
    {
        // Rows 0-3 in groups of N = 2: row 3 is input 1 of group 1.
        var original = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new long[] { 4, 2 });
        var hidden = torch.tensor(new[] { false, true, false, false, true, false, false, true }, new long[] { 4, 2 });

        var (pairs, targets) = MaskedRetrieval.Targets(hidden, original, n: 2);

        Assert.Equal(new long[] { 0, 0, 1, /**/ 1, 0, 0, /**/ 1, 1, 1 }, pairs.data<long>().ToArray());
        Assert.Equal(new long[] { 2, 5, 8 }, targets.data<long>().ToArray());
    }

    [Fact]
    public void A_masked_warm_up_learns_to_name_hidden_tokens_from_their_neighbours()
    {
        // Rows count up from a random start in 1..5 (t, t+1, t+2, ...): a hidden token is its left neighbour plus one.
        // Its position alone names it one time in five; a model that reads each input's context through the mix names
        // most of them (0.84 when written).
        using var model = new TwoWayHadamardTokenModel();
        using var head = new RetrievalHead(TwoWayHadamardTokenModel.Configuration);
        var starts = torch.randint(1, 6, new long[] { 512, 1 }, generator: new Generator(3, torch.CPU));
        var tokens = starts.add(torch.arange(6).unsqueeze(0));
        var options = new TrainingOptions { Steps = 300, BatchGroups = 16, LearningRate = 3e-3, Seed = 1, WarmupFraction = 0.06, LinearDecay = true, WarmupMasking = 0.3 };

        var summary = MultiplexedTrainer.WarmUp(model, head, tokens, options);

        Assert.True(summary.RetrievalAccuracy > 0.7, $"masked retrieval accuracy {summary.RetrievalAccuracy:F3}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Options_reject_a_masking_probability_outside_0_to_1(double masking)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(new TrainingOptions { WarmupMasking = masking }.Validate);
        Assert.Equal("WarmupMasking", error.ParamName);
    }
}
