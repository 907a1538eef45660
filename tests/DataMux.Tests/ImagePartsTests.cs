using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Demultiplexers;
using DataMux.Images;
using DataMux.Multiplexers;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>The runtime parts of image models, each against a plain computation of what it stands for.</summary>
public class ImagePartsTests
{
    [Fact]
    public void The_convolution_mux_sums_every_images_own_kernels_channel_by_channel()
    {
        using var mux = new ConvolutionMultiplexer(n: 3, channels: 2, seed: 4);
        using var generator = new Generator(1);
        using var images = torch.rand([6, 2, 5, 7], generator: generator);   // two groups of three

        using var mixed = mux.forward(images);

        Assert.Equal(new long[] { 2, 2, 5, 7 }, mixed.shape);
        for (var g = 0; g < 2; g++)
        {
            using var expected = torch.zeros(2, 5, 7);
            for (var i = 0; i < 3; i++)
            {
                for (var c = 0; c < 2; c++)
                {
                    using var kernel = mux.Kernels[i * 2 + c].unsqueeze(0);                       // [1, 1, 3, 3]
                    using var image = images[g * 3 + i, c].unsqueeze(0).unsqueeze(0);            // [1, 1, 5, 7]
                    using var convolved = nn.functional.conv2d(image, kernel, padding: new long[] { 1, 1 });
                    expected[c].add_(convolved[0, 0], HeldScalars.One);
                }
            }

            Assert.True(mixed[g].allclose(expected, rtol: 1e-5, atol: 1e-5));
        }
    }

    [Fact]
    public void The_convolution_kernels_depend_on_the_seed_only_and_can_be_trained()
    {
        using var a = new ConvolutionMultiplexer(4, 1, seed: 9);
        using var b = new ConvolutionMultiplexer(4, 1, seed: 9);
        using var c = new ConvolutionMultiplexer(4, 1, seed: 10);
        Assert.True(a.Kernels.allclose(b.Kernels, rtol: 0, atol: 0));
        Assert.False(a.Kernels.allclose(c.Kernels));
        Assert.Empty(a.parameters());
        using var trainable = new ConvolutionMultiplexer(4, 1, seed: 9, trainable: true);
        Assert.Single(trainable.parameters());
    }

    [Fact]
    public void The_convolution_mux_refuses_rows_that_are_not_whole_groups()
    {
        using var mux = new ConvolutionMultiplexer(3, 1, 1);
        using var images = torch.zeros(4, 1, 5, 5);
        var error = Assert.Throws<ArgumentException>(() => mux.forward(images));
        Assert.StartsWith("ConvolutionMultiplexer expects images of shape [G·N, 1, H, W] with a positive multiple of N = 3 rows, but got shape [4, 1, 5, 5].", error.Message);
    }

    [Fact]
    public void The_mlps_dropout_drops_in_training_only_and_zero_is_the_plain_mlp()
    {
        using var plain = new MlpBackbone(layerCount: 2, hidden: 64);
        using var dropped = new MlpBackbone(layerCount: 2, hidden: 64, dropout: 0.5);
        dropped.load_state_dict(plain.state_dict());      // dropout adds no weight: the same state dict
        using var generator = new Generator(3);
        using var mixed = torch.randn([32, 64], generator: generator);

        using var expected = plain.forward(mixed);
        Assert.Equal(0.5, dropped.DropoutProbability);
        using (var training = dropped.forward(mixed))
        {
            // GELU is rarely exactly 0, so the zeros are dropout's: about half of the second block's outputs.
            var zeros = training.eq(0).sum().item<long>() / (double)training.numel();
            Assert.InRange(zeros, 0.4, 0.6);
        }

        dropped.eval();
        using var inference = dropped.forward(mixed);
        Assert.True(inference.Same(expected));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpBackbone(2, 64, dropout: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpBackbone(2, 64, dropout: double.NaN));
    }

    [Fact]
    public void The_per_index_demux_is_one_linear_and_tanh_per_index()
    {
        using var demux = new PerIndexDemultiplexer(n: 3, hidden: 4);
        using var generator = new Generator(2);
        using var hidden = torch.randn([2, 4], generator: generator);

        using var outputs = demux.forward(hidden);

        Assert.Equal(new long[] { 6, 4 }, outputs.shape);
        var weight = demux.parameters().GetEnumerator();
        weight.MoveNext();
        var w = weight.Current;          // [N, d, d]
        weight.MoveNext();
        var b = weight.Current;          // [N, d]
        for (var g = 0; g < 2; g++)
        {
            for (var i = 0; i < 3; i++)
            {
                using var expected = nn.functional.linear(hidden[g].unsqueeze(0), w[i], b[i]).tanh();
                Assert.True(outputs[g * 3 + i].allclose(expected[0], rtol: 1e-5, atol: 1e-6));
            }
        }
    }

    [Fact]
    public void The_learned_keys_image_demux_is_the_key_block_on_each_key_and_the_group_state()
    {
        const int n = 3, d = 4;
        using var demux = new LearnedKeysImageDemultiplexer(n, d);
        using var generator = new Generator(3);
        using var hidden = torch.randn([2, d], generator: generator);

        using var outputs = demux.forward(hidden);

        Assert.Equal(new long[] { 2 * n, d }, outputs.shape);
        var p = demux.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        // The text demux's names, and N·d + 3d² + 6d parameters.
        Assert.Equal(new[] { "keys", "project.weight", "project.bias", "norm.weight", "norm.bias", "output.weight", "output.bias", "output_norm.weight", "output_norm.bias" }, p.Keys);
        Assert.Equal(n * d + 3 * d * d + 6 * d, p.Values.Sum(t => t.numel()));
        for (var g = 0; g < 2; g++)
        {
            for (var i = 0; i < n; i++)
            {
                using var joined = torch.cat(new[] { p["keys"][i], hidden[g] }, 0).unsqueeze(0);      // [kᵢ ; h]
                using var first = nn.functional.layer_norm(nn.functional.gelu(nn.functional.linear(joined, p["project.weight"], p["project.bias"])), [d], p["norm.weight"], p["norm.bias"]);
                using var second = nn.functional.layer_norm(nn.functional.gelu(nn.functional.linear(first, p["output.weight"], p["output.bias"])), [d], p["output_norm.weight"], p["output_norm.bias"]);
                using var expected = second.add(first);
                Assert.True(outputs[g * n + i].allclose(expected[0], rtol: 1e-5, atol: 1e-5));
            }
        }

        var wrong = Assert.Throws<ArgumentException>(() => demux.forward(torch.zeros(2, 5)));
        Assert.StartsWith("LearnedKeysImageDemultiplexer expects [G, 4], but got shape [2, 5].", wrong.Message);
    }

    [Fact]
    public void An_image_batch_fills_the_last_group_with_zero_rows_and_strips_them()
    {
        using var images = torch.ones(5, 1, 2, 2);
        var batch = ImageBatch.Group(images, 3);
        Assert.Equal((5, 2, 3, 1), (batch.Rows, batch.Groups, batch.N, batch.FillerRows));
        Assert.Equal(new long[] { 6, 1, 2, 2 }, batch.Images.shape);
        Assert.Equal(0f, batch.Images[5].abs().sum().item<float>());
        Assert.Equal(20f, batch.Images.narrow(0, 0, 5).sum().item<float>());
        using var outputs = torch.arange(6).unsqueeze(1);
        using var stripped = batch.Ungroup(outputs);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, stripped.flatten().data<long>().ToArray());
        Assert.Same(images, ImageBatch.Group(images, 5).Images);   // no filler: the input itself
        Assert.Throws<ArgumentException>(() => batch.Ungroup(torch.zeros(5)));
    }

    [Fact]
    public void Image_mixing_runs_a_token_mux_with_every_input_one_position()
    {
        using var mux = new GaussianHadamardMultiplexer(2, 12, seed: 3);
        using var generator = new Generator(3);
        using var images = torch.rand([4, 3, 2, 2], generator: generator);
        using var mixed = ImageMixing.Mix(mux, images);
        Assert.Equal(new long[] { 2, 3, 2, 2 }, mixed.shape);
        using var flat = images.reshape(2, 2, 12);
        using var expected = flat.mul(mux.Vectors.unsqueeze(0)).mean(new long[] { 1 });
        Assert.True(mixed.reshape(2, 12).allclose(expected, rtol: 1e-5, atol: 1e-6));
        var error = Assert.Throws<ArgumentException>(() => ImageMixing.Mix(mux, torch.zeros(4, 5)));
        Assert.Contains("mixes inputs of 12 values each", error.Message);
    }

    [Fact]
    public void The_cnn_backbone_halves_the_image_per_layer_and_refuses_one_too_small()
    {
        using var backbone = new CnnBackbone(1, 9, 6, 2, 4, 8);
        using var images = torch.rand(3, 1, 9, 6);
        using var hidden = backbone.forward(images);
        Assert.Equal(new long[] { 3, 8 }, hidden.shape);
        Assert.Equal((2L, 1L), CnnBackbone.OutputSize(9, 6, 2));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CnnBackbone(1, 9, 3, 2, 4, 8));
        Assert.Contains("need images of at least 4×4 pixels, but got 9×3", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]   // the trunk is the projection alone
    public void The_cnn_stem_is_the_first_block_and_the_trunk_the_rest(int layers)
    {
        using var backbone = new CnnBackbone(2, 9, 6, layers, 4, 8);
        using var generator = new Generator(5);
        using var images = torch.rand([6, 2, 9, 6], generator: generator);

        using var stem = backbone.Stem(images);
        Assert.Equal(new long[] { 6, 4, 4, 3 }, stem.shape);
        using var mux = new GaussianHadamardMultiplexer(n: 3, hidden: 4 * 4 * 3, seed: 2);
        using var mixed = ImageMixing.Mix(mux, stem);
        Assert.Equal(new long[] { 2, 4, 4, 3 }, mixed.shape);
        using var hidden = backbone.Trunk(mixed);
        Assert.Equal(new long[] { 2, 8 }, hidden.shape);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void At_N1_without_a_mux_the_split_cnn_is_the_straight_one(int layers)
    {
        using var backbone = new CnnBackbone(1, 12, 8, layers, 4, 8);
        using var generator = new Generator(6);
        using var images = torch.randn([5, 1, 12, 8], generator: generator);
        using var plain = new PlainMultiplexer(n: 1, hidden: 4 * 6 * 4);

        using var stem = backbone.Stem(images);
        using var split = backbone.Trunk(ImageMixing.Mix(plain, stem));

        // The straight pass, written out from the parameters: every block, then the projection.
        using var scope = torch.NewDisposeScope();
        var parameters = backbone.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var x = images;
        for (var i = 0; i < layers; i++)
        {
            x = nn.functional.max_pool2d(nn.functional.gelu(nn.functional.conv2d(x, parameters[$"convolutions.{i}.weight"], parameters[$"convolutions.{i}.bias"], padding: [1, 1])), 2);
        }

        var straight = nn.functional.gelu(nn.functional.linear(x.flatten(1), parameters["projection.weight"], parameters["projection.bias"]));
        Assert.True(split.allclose(straight, rtol: 1e-5, atol: 1e-6));
        using var forward = backbone.forward(images);
        Assert.True(forward.allclose(split, rtol: 0, atol: 0));
    }

    [Fact]
    public void Image_checks_name_the_model_the_expected_and_the_actual()
    {
        using var images = torch.zeros(2, 3);
        var shape = Assert.Throws<ArgumentException>(() => ImageChecks.Validate(images, "M", new long[] { 1, 2, 2 }));
        Assert.StartsWith("M expects inputs of shape [rows, 1, 2, 2] with rows >= 1, but got shape [2, 3].", shape.Message);
        using var ints = torch.zeros(new long[] { 2, 4 }, dtype: ScalarType.Int32);
        var dtype = Assert.Throws<ArgumentException>(() => ImageChecks.Validate(ints, "M", new long[] { 4 }));
        Assert.StartsWith("M expects inputs of dtype Float32 (float), but got Int32.", dtype.Message);
    }
}
