using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's MKL-packed encoder weights give the ordinary path's outputs, follow weight changes, and are shared between engines of shared weights.</summary>
public sealed class PackedEncoderWeightsTests : SeededTests
{
    [Fact]
    public void Libtorch_on_this_platform_exports_the_packed_gemm()
    {
        // The project's CI machines run x86-64 Linux with TorchSharp's MKL builds of libtorch: the lever must be there.
        Assert.True(MklPackedGemm.IsAvailable, MklPackedGemm.UnavailableReason);
    }

    [Theory]
    [InlineData(3, 7)]
    [InlineData(1, 40)]
    [InlineData(20, 13)]
    public void Packed_outputs_match_the_ordinary_products(int rows, int positions)
    {
        using var encoder = Encoder();
        using var x = randn(rows, positions, 32);
        using var expected = EncoderStages.Module(encoder, x, null);
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        Assert.Equal(2, stage.Layers.Count(layer => layer.IsPacked));
        var bytes = stage.Layers.Sum(layer => layer.PackedBytes);
        Assert.True(bytes >= 2L * 4 * (96 * 32 + 32 * 32 + 64 * 32 + 32 * 64), $"packed copies of {bytes} bytes");
        Assert.Contains("weights packed for MKL", stage.Stage.Detail);
        using var actual = EncoderStages.Infer(stage, x, null);
        AssertPackedRan(actual, expected, tolerance: 1e-4);
    }

    [Theory]
    [InlineData(36, 3, 37)]  // weights packed in pieces of 2 + 1 heads and 19 + 18 feed-forward columns
    [InlineData(12, 1, 1)]   // one head, one column: the second pieces are empty
    public void The_layers_packed_products_match_for_any_heads_and_widths(int hidden, int heads, int feedForward)
    {
        using var encoder = new TransformerEncoder(2, hidden, heads, feedForward, 0.0);
        encoder.eval();
        using var x = randn(3, 5, hidden);
        using var expected = EncoderStages.Module(encoder, x, null);
        // The layers' path with the packed pieces (queries, keys, values put back in order), then the team's.
        using var actual = EncoderStages.Run(encoder, EncoderStages.LayerByLayer, x, null);
        AssertPackedRan(actual, expected);
        using var teamed = EncoderStages.Run(encoder, EncoderStages.Team, x, null);
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
        using var expected = EncoderStages.Module(encoder, x, null);
        using var stage = new EncoderStage(encoder, EncoderStages.LayerByLayer); // the layers' own packed products, where the bug was
        using var first = EncoderStages.Infer(stage, x, null);
        using var second = EncoderStages.Infer(stage, x, null);
        AssertPackedRan(first, expected);
        AssertPackedRan(second, expected);
        var after = encoder.parameters().Where(parameter => parameter.dim() == 1).ToList();
        for (var i = 0; i < biases.Count; i++) Assert.True(after[i].equal(biases[i]).all().item<bool>(), $"bias {i} changed");
    }

    [Fact]
    public void Loaded_weights_are_packed_again_before_use()
    {
        using var encoder = Encoder();
        using var other = Encoder();
        using var x = randn(2, 9, 32);
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        using var before = EncoderStages.Infer(stage, x, null);
        var packings = stage.Layers.Sum(layer => layer.Packings);
        encoder.load_state_dict(other.state_dict());
        using var expected = EncoderStages.Module(other, x, null);
        using var actual = EncoderStages.Infer(stage, x, null);
        Assert.False(actual.allclose(before, 1e-3, 1e-3));
        AssertPackedRan(actual, expected, tolerance: 1e-4);
        Assert.Equal(packings + 8, stage.Layers.Sum(layer => layer.Packings));
    }

    [Fact]
    public void Packing_off_runs_the_ordinary_products()
    {
        using var encoder = Encoder();
        using var x = randn(2, 9, 32);
        using var ordinary = EncoderStages.Module(encoder, x, null);
        using var stage = new EncoderStage(encoder, EncoderStages.Unpacked);
        Assert.DoesNotContain(stage.Layers, layer => layer.IsPacked);
        Assert.Contains("ordinary products (PackedWeights off)", stage.Stage.Detail);
        using var unpacked = EncoderStages.Infer(stage, x, null);
        Assert.True(unpacked.equal(ordinary).all().item<bool>(), "with packing off, the ordinary products must run");
    }

    [Fact]
    public void Repack_picks_up_an_edit_of_one_element()
    {
        using var encoder = Encoder();
        using var x = randn(2, 9, 32);
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        var weight = encoder.named_parameters().First(p => p.name.EndsWith("expand.weight", StringComparison.Ordinal)).parameter;
        using (no_grad()) weight[5, 3] = weight[5, 3] + 10f;
        foreach (var layer in stage.Layers) layer.Repack();
        using var actual = EncoderStages.Infer(stage, x, null);
        using var expected = EncoderStages.Module(encoder, x, null);
        AssertPackedRan(actual, expected, tolerance: 1e-4);
    }

    [Fact]
    public void A_compiled_encoder_leaves_training_and_autograd_to_the_module()
    {
        using var encoder = Encoder();
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        using var x = randn(2, 5, 32);
        using var withGrad = encoder.forward(x, null);
        using var inference = EncoderStages.Infer(stage, x, null);
        Assert.True(withGrad.requires_grad);
        Assert.True(withGrad.detach().allclose(inference, 1e-4, 1e-5));
        encoder.train();
        using var loss = encoder.forward(x, null).sum();
        loss.backward();
        Assert.All(encoder.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Encoders_whose_layers_share_weights_share_one_packed_copy_until_the_last_is_disposed()
    {
        using var first = Encoder();
        using var second = Encoder();
        ShareWeights(first, second);
        using var x = randn(2, 6, 32);
        var one = new EncoderStage(first, EncoderStages.Team);
        using var other = new EncoderStage(second, EncoderStages.Team);
        for (var i = 0; i < 2; i++) Assert.Same(one.Layers[i].PackedCopy, other.Layers[i].PackedCopy);
        Assert.True(one.Layers[0].PackedCopy!.Shared);
        using var a = EncoderStages.Infer(one, x, null);
        using var b = EncoderStages.Infer(other, x, null);
        Assert.True(a.allclose(b, 0, 0));

        // The first one disposed (twice: no error), the second keeps its copy and its outputs.
        one.Dispose();
        one.Dispose();
        using var again = EncoderStages.Infer(other, x, null);
        Assert.True(again.allclose(b, 0, 0));

        // A later stage of the same weights packs no new copy while one lives.
        using var third = new EncoderStage(first, EncoderStages.Team);
        Assert.Same(other.Layers[0].PackedCopy, third.Layers[0].PackedCopy);
    }

    [Fact]
    public void Weights_that_are_not_float32_are_left_alone_and_said_so()
    {
        using var encoder = Encoder();
        encoder.to(ScalarType.Float64);
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        Assert.DoesNotContain(stage.Layers, layer => layer.IsPacked);
        Assert.Contains("the others' weights are not contiguous float32 CPU tensors", stage.Stage.Detail);
        using var x = randn(2, 4, 32, dtype: ScalarType.Float64);
        using var output = EncoderStages.Infer(stage, x, null);
        Assert.Equal(ScalarType.Float64, output.dtype);
    }

    [Fact]
    public void A_module_without_the_layers_the_engine_reads_is_a_clear_error()
    {
        using var linear = nn.Linear(4, 4);
        var error = Assert.Throws<InvalidOperationException>(() => ModuleChildren.Get<TorchSharp.Modules.LayerNorm>(linear, "norm"));
        Assert.Contains("registered LayerNorm named 'norm'", error.Message);
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
        using var expected = EncoderStages.Module(six, x, null);
        using var threeStage = new EncoderStage(three, EncoderStages.Team);
        using var sixStage = new EncoderStage(six, EncoderStages.Team);
        Assert.NotSame(threeStage.Layers[0].PackedCopy, sixStage.Layers[0].PackedCopy);
        using var actual = EncoderStages.Infer(sixStage, x, null);
        AssertPackedRan(actual, expected, tolerance: 1e-4);
    }

    [Fact]
    public void A_layer_whose_shared_weights_are_replaced_takes_the_ordinary_products_and_leaves_the_copy_alone()
    {
        using var first = Encoder();
        using var second = Encoder();
        ShareWeights(first, second);
        using var x = randn(2, 9, 32);
        using var firstStage = new EncoderStage(first, EncoderStages.Team);
        using var secondStage = new EncoderStage(second, EncoderStages.Team);
        using var before = EncoderStages.Infer(firstStage, x, null);
        // The second model gets weights of its own (as a load that replaces tensors would give it).
        using (no_grad())
        {
            foreach (var (_, parameter) in second.named_parameters()) parameter.set_(randn_like(parameter) * 0.05);
        }

        var packings = firstStage.Layers.Sum(layer => layer.Packings);
        using var replaced = EncoderStages.Infer(secondStage, x, null);
        using var stillFirst = EncoderStages.Infer(firstStage, x, null);
        Assert.Equal(packings, firstStage.Layers.Sum(layer => layer.Packings));   // re-packing the shared copy would change it under the first model
        Assert.True(stillFirst.equal(before).all().item<bool>());
        using var ordinary = EncoderStages.Module(second, x, null);
        Assert.True(replaced.allclose(ordinary, 1e-5, 1e-5), $"max difference {(replaced - ordinary).abs().max().item<float>()}");
    }

    [Fact]
    public void Repacking_a_weight_of_another_shape_is_an_error_not_a_read_past_it()
    {
        using var encoder = Encoder();
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        var layer = encoder.modules().OfType<TransformerEncoderLayer>().First();
        using (no_grad()) layer.named_parameters().First(p => p.name.EndsWith("expand.weight", StringComparison.Ordinal)).parameter.set_(randn(32, 32));
        var error = Assert.Throws<InvalidOperationException>(() => stage.Layers[0].Repack());
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
}
