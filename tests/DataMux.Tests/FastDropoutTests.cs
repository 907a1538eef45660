using System;
using DataMux.Backbones;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>FastDropout against what dropout is: the share dropped, the scale, training only, seeded, and its gradient.</summary>
public class FastDropoutTests : SeededTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void It_drops_the_asked_share_and_scales_the_rest_in_training_only(double probability)
    {
        using var dropout = new FastDropout(probability);
        using var input = torch.rand([1000, 1001]).add_(1);      // no zeros of its own; an odd count of elements

        using var output = dropout.forward(input);

        var dropped = output.eq(0).to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(dropped, probability - 0.005, probability + 0.005);
        using var kept = output.ne(0);
        Assert.True(output.masked_select(kept).allclose(input.masked_select(kept).div(1 - probability), rtol: 1e-6, atol: 0));
        Assert.True(output[999, 1000].item<float>() is 0 || Math.Abs(output[999, 1000].item<float>() - input[999, 1000].item<float>() / (float)(1 - probability)) < 1e-5);

        dropout.eval();
        using var evaluated = dropout.forward(input);
        Assert.True(evaluated.Same(input));
    }

    [Fact]
    public void Masks_follow_torch_manual_seed_and_differ_from_call_to_call()
    {
        using var dropout = new FastDropout(0.3);
        using var input = torch.ones(64, 128);

        torch.manual_seed(7);
        using var first = dropout.forward(input);
        using var second = dropout.forward(input);
        torch.manual_seed(7);
        using var again = dropout.forward(input);

        Assert.True(again.Same(first));
        Assert.False(second.Same(first));
    }

    [Fact]
    public void Masks_do_not_depend_on_the_thread_count()
    {
        using var mask1 = torch.empty(300_001);
        using var mask2 = torch.empty(300_001);
        var threads = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            FastDropout.Fill(mask1, seed: 99, dropBelow: uint.MaxValue / 4, keptScale: 2f);
            torch.set_num_threads(3);
            FastDropout.Fill(mask2, seed: 99, dropBelow: uint.MaxValue / 4, keptScale: 2f);
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        Assert.True(mask1.Same(mask2));
        Assert.InRange(mask1.eq(0).to(ScalarType.Float64).mean().item<double>(), 0.24, 0.26);
    }

    [Fact]
    public void The_gradient_is_the_mask_and_zero_probability_is_the_identity()
    {
        using var dropout = new FastDropout(0.25);
        using var input = torch.rand([32, 40]).add_(1).requires_grad_(true);
        using var output = dropout.forward(input);
        output.sum().backward();
        using var expected = output.detach().div(input.detach());   // 0 or 1 / 0.75 per element
        Assert.True(input.grad!.allclose(expected, rtol: 1e-6, atol: 1e-7));

        using var none = new FastDropout(0);
        using var same = none.forward(input);
        Assert.True(same.Same(input));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(double.NaN));
    }
}
