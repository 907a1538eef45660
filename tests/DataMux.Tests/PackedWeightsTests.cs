using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Performance;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>MKL-packed encoder weights give the ordinary path's outputs, follow weight changes, and stay out of training.</summary>
public sealed class PackedWeightsTests : SeededTests
{
    [Fact]
    public void Libtorch_on_this_platform_exports_the_packed_gemm()
    {
        // The project's CI machines run x86-64 Linux with TorchSharp's MKL builds of libtorch: the lever must be there.
        Assert.True(PackedWeights.IsAvailable);
    }

    [Theory]
    [InlineData(3, 7)]
    [InlineData(1, 40)]
    [InlineData(20, 13)]
    public void Packed_outputs_match_the_ordinary_products(int rows, int positions)
    {
        using var encoder = Encoder();
        using var x = randn(rows, positions, 32);
        using var expected = Infer(encoder, x);
        using (var packed = PackedWeights.Pack(encoder))
        {
            Assert.Equal(2, packed.Layers);
            Assert.StartsWith("on: 8 projections of 2 encoder layers", packed.Status);
            Assert.True(packed.Bytes >= 2L * 4 * (96 * 32 + 32 * 32 + 64 * 32 + 32 * 64), $"packed copies of {packed.Bytes} bytes");
            using var actual = Infer(encoder, x);
            AssertPackedRan(actual, expected);
        }

        // Disposed: back to ordinary products, same outputs.
        using var after = Infer(encoder, x);
        Assert.True(after.allclose(expected, 1e-5, 1e-5));
    }

    [Theory]
    [InlineData(36, 3, 37)]  // weights packed in pieces of 2 + 1 heads and 19 + 18 feed-forward columns
    [InlineData(12, 1, 1)]   // one head, one column: the second pieces are empty
    public void The_layers_own_packed_products_match_for_any_heads_and_widths(int hidden, int heads, int feedForward)
    {
        using var encoder = new TransformerEncoder(2, hidden, heads, feedForward, 0.0);
        encoder.eval();
        using var x = randn(3, 5, hidden);
        using var expected = Infer(encoder, x);
        using var packed = PackedWeights.Pack(encoder);
        EncoderTeam.Enabled = false; // the layers' path with the packed pieces (queries, keys, values put back in order)
        try
        {
            using var actual = Infer(encoder, x);
            AssertPackedRan(actual, expected);
        }
        finally
        {
            EncoderTeam.Enabled = true;
        }

        using var teamed = Infer(encoder, x);
        AssertPackedRan(teamed, expected, tolerance: 1e-4);
    }

    [Fact]
    public void A_one_row_batch_leaves_the_biases_alone()
    {
        // Regression: with one row the product's starting buffer was the bias tensor itself, and the product added
        // into it, so every later call ran with a corrupted bias.
        using var encoder = Encoder();
        using var x = randn(1, 1, 32);
        var biases = encoder.parameters().Where(parameter => parameter.dim() == 1).Select(parameter => parameter.clone()).ToList();
        using var expected = Infer(encoder, x);
        using var packed = PackedWeights.Pack(encoder);
        EncoderTeam.Enabled = false; // the layers' own packed products, where the bug was
        try
        {
            using var first = Infer(encoder, x);
            using var second = Infer(encoder, x);
            AssertPackedRan(first, expected);
            AssertPackedRan(second, expected);
        }
        finally
        {
            EncoderTeam.Enabled = true;
        }

        var after = encoder.parameters().Where(parameter => parameter.dim() == 1).ToList();
        for (var i = 0; i < biases.Count; i++) Assert.True(after[i].equal(biases[i]).all().item<bool>(), $"bias {i} changed");
    }

    [Fact]
    public void Loaded_weights_are_packed_again_before_use()
    {
        using var encoder = Encoder();
        using var other = Encoder();
        using var x = randn(2, 9, 32);
        using var packed = PackedWeights.Pack(encoder);
        using var before = Infer(encoder, x);

        encoder.load_state_dict(other.state_dict());
        using var expected = Infer(other, x);
        using var actual = Infer(encoder, x);
        Assert.False(actual.allclose(before, 1e-3, 1e-3));
        AssertPackedRan(actual, expected);
    }

    [Fact]
    public void The_switch_turns_the_packed_products_off_without_unpacking()
    {
        using var encoder = Encoder();
        using var x = randn(2, 9, 32);
        using var ordinary = Infer(encoder, x);
        using var packed = PackedWeights.Pack(encoder);

        Assert.True(PackedWeights.Enabled);
        PackedWeights.Enabled = false;
        try
        {
            using var switchedOff = Infer(encoder, x);
            Assert.True(switchedOff.equal(ordinary).all().item<bool>(), "with the switch off, the ordinary products must run");
        }
        finally
        {
            PackedWeights.Enabled = true;
        }

        Assert.Equal(2, packed.Layers);
        using var packedAgain = Infer(encoder, x);
        Assert.True(packedAgain.allclose(ordinary, 1e-5, 1e-5));
    }

    [Fact]
    public void Repack_picks_up_an_edit_of_one_element()
    {
        using var encoder = Encoder();
        using var x = randn(2, 9, 32);
        using var packed = PackedWeights.Pack(encoder);
        var weight = encoder.named_parameters().First(p => p.name.EndsWith("expand.weight", StringComparison.Ordinal)).parameter;
        using (no_grad()) weight[5, 3] = weight[5, 3] + 10f;

        packed.Repack();
        using var actual = Infer(encoder, x);
        packed.Dispose();
        using var expected = Infer(encoder, x);
        AssertPackedRan(actual, expected);
    }

    [Fact]
    public void Training_and_autograd_take_the_ordinary_path()
    {
        using var encoder = Encoder();
        using var packed = PackedWeights.Pack(encoder);
        using var x = randn(2, 5, 32);

        // Evaluation mode with gradients: same values as inference, and a graph to differentiate.
        using var withGrad = encoder.forward(x, null);
        using var inference = Infer(encoder, x);
        Assert.True(withGrad.requires_grad);
        Assert.True(withGrad.detach().allclose(inference, 1e-5, 1e-5));

        encoder.train();
        using var loss = encoder.forward(x, null).sum();
        loss.backward();
        Assert.All(encoder.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Models_whose_layers_share_weights_share_one_packed_copy()
    {
        using var first = Encoder();
        using var second = Encoder();
        using (no_grad())
        {
            var source = first.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, parameter) in second.named_parameters()) parameter.set_(source[name]);
        }

        using var alone = PackedWeights.Pack(first);
        var bytesForOne = alone.Bytes;
        alone.Dispose();

        using var both = PackedWeights.Pack(first, second);
        Assert.Equal(4, both.Layers);
        Assert.Equal(bytesForOne, both.Bytes);
        Assert.Contains("used by 4 layers", both.Status);
        using var x = randn(2, 6, 32);
        using var a = Infer(first, x);
        using var b = Infer(second, x);
        Assert.True(a.allclose(b, 0, 0));
    }

    [Fact]
    public void Packing_twice_is_refused_until_the_first_is_disposed()
    {
        using var encoder = Encoder();
        var first = PackedWeights.Pack(encoder);
        var error = Assert.Throws<InvalidOperationException>(() => PackedWeights.Pack(encoder));
        Assert.Contains("already packed", error.Message);
        first.Dispose();
        first.Dispose();
        using var second = PackedWeights.Pack(encoder);
        Assert.Equal(2, second.Layers);
    }

    [Fact]
    public void Weights_that_are_not_float32_are_left_alone_and_said_so()
    {
        using var encoder = Encoder();
        encoder.to(ScalarType.Float64);
        using var packed = PackedWeights.Pack(encoder);
        Assert.Equal(0, packed.Layers);
        Assert.Equal("off: the encoder's weights are not float32 CPU tensors", packed.Status);
        using var x = randn(2, 4, 32, dtype: ScalarType.Float64);
        using var output = Infer(encoder, x);
        Assert.Equal(ScalarType.Float64, output.dtype);
    }

    [Fact]
    public void A_model_without_an_encoder_layer_gets_a_clear_status_and_bad_arguments_a_clear_error()
    {
        using var linear = nn.Linear(4, 4);
        using var packed = PackedWeights.Pack(linear);
        Assert.Equal("off: no TransformerEncoderLayer in the model", packed.Status);
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack());
    }

    [Fact]
    public void Layers_with_the_same_weights_but_other_heads_get_copies_of_their_own()
    {
        // The pieces are cut by heads: a 6-head layer on copies cut for 3 heads read past them (max difference 0.3).
        using var three = new TransformerEncoder(1, 36, 3, 48, 0.0);
        using var six = new TransformerEncoder(1, 36, 6, 48, 0.0);
        three.eval();
        six.eval();
        ShareWeights(three, six);
        using var x = randn(2, 9, 36);
        using var expected = Infer(six, x);

        using var packed = PackedWeights.Pack(three, six);

        Assert.StartsWith("on: 8 projections of 2 encoder layers", packed.Status);
        using var actual = Infer(six, x);
        AssertPackedRan(actual, expected);
    }

    [Fact]
    public void A_layer_whose_shared_weights_are_replaced_takes_the_ordinary_products_and_leaves_the_copy_alone()
    {
        using var first = Encoder();
        using var second = Encoder();
        ShareWeights(first, second);
        using var x = randn(2, 9, 32);
        using var packed = PackedWeights.Pack(first, second);
        using var before = Infer(first, x);

        // The second model gets weights of its own (as a load that replaces tensors would give it).
        using (no_grad())
        {
            foreach (var (_, parameter) in second.named_parameters()) parameter.set_(randn_like(parameter) * 0.05);
        }

        var packings = packed.Packings;
        using var replaced = Infer(second, x);
        using var stillFirst = Infer(first, x);

        Assert.Equal(packings, packed.Packings);   // re-packing the shared copy would change it under the first model
        Assert.True(stillFirst.equal(before).all().item<bool>());
        PackedWeights.Enabled = false;
        try
        {
            using var ordinary = Infer(second, x);
            Assert.True(replaced.allclose(ordinary, 1e-5, 1e-5), $"max difference {(replaced - ordinary).abs().max().item<float>()}");
        }
        finally
        {
            PackedWeights.Enabled = true;
        }
    }

    [Fact]
    public void Repacking_a_weight_of_another_shape_is_an_error_not_a_read_past_it()
    {
        using var encoder = Encoder();
        using var packed = PackedWeights.Pack(encoder);
        var layer = encoder.modules().OfType<TransformerEncoderLayer>().First();
        using (no_grad()) layer.named_parameters().First(p => p.name.EndsWith("expand.weight", StringComparison.Ordinal)).parameter.set_(randn(32, 32));

        var error = Assert.Throws<InvalidOperationException>(packed.Repack);

        Assert.Contains("Expected a contiguous float32 CPU weight of shape [64, 32] to pack again, but got shape [32, 32]", error.Message);
    }

    private static void ShareWeights(nn.Module donor, nn.Module target)
    {
        var source = donor.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in target.named_parameters()) parameter.set_(source[name]);
    }

    private static TransformerEncoder Encoder()
    {
        var encoder = new TransformerEncoder(2, 32, 4, 64, 0.0);
        encoder.eval();
        return encoder;
    }

    /// <summary>
    /// The packed products agree with the ordinary ones within float32 rounding and are not bit-identical: MKL's
    /// packed kernels round differently somewhere, so equal bits mean the packed weights were never used.
    /// </summary>
    private static void AssertPackedRan(Tensor actual, Tensor expected, double tolerance = 1e-5)
        => TensorAssertions.AssertCloseButNotIdentical(actual, expected, tolerance, 1e-5, "bit-identical to the ordinary products: the packed weights were not used");

    private static Tensor Infer(TransformerEncoder encoder, Tensor x)
    {
        using var inference = inference_mode();
        return encoder.forward(x, null);
    }
}
