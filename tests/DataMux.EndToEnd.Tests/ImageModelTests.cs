using System;
using System.Linq;
using DataMux.Images;
using DataMux.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace DataMux.EndToEnd.Tests;

/// <summary>Generated image models ([Mlp], [Cnn] with [ImageClassification]) as a user uses them.</summary>
public class ImageModelTests(ITestOutputHelper output)
{
    [Fact]
    public void The_configurations_are_the_attributes()
    {
        Assert.Equal(new ImageModelConfiguration("SyntheticMlp", 4, Mux.GaussianHadamard, Demux.Mlp, 5, ImageBackbone.Mlp, 0, 0, 0, 64, 64, 2, 0, 4),
            SyntheticMlp.Configuration);
        // A [Cnn] without Mux and Demux written takes the vision code's kernels and the per-index demux.
        Assert.Equal(new ImageModelConfiguration("SyntheticCnn", 4, Mux.Convolution, Demux.Mlp, 5, ImageBackbone.Cnn, 1, 8, 8, 64, 64, 2, 16, 4),
            SyntheticCnn.Configuration);
        Assert.Equal(new long[] { 2, 6, 10 }, ThreeWayCnn.Configuration.InputShape);
    }

    [Fact]
    public void Every_input_row_gets_exactly_one_output_from_its_own_group()
    {
        using var model = new ThreeWayCnn();
        model.eval();
        using var generator = new Generator(5);
        using var images = torch.rand([11, 2, 6, 10], generator: generator);

        using var all = model.forward(images);

        Assert.Equal(new long[] { 11, ThreeWayCnn.Classes }, all.shape);
        // Rows 9..10 form the last group, completed with a zero row: run alone they give the same outputs.
        using var tail = model.forward(images.narrow(0, 9, 2));
        Assert.True(all.narrow(0, 9, 2).allclose(tail, rtol: 1e-4, atol: 1e-5));
        // Rows 3..5 are one full group: on its own, the same outputs row by row.
        using var group = model.forward(images.narrow(0, 3, 3));
        Assert.True(all.narrow(0, 3, 3).allclose(group, rtol: 1e-4, atol: 1e-5));
        // Changing one row changes its group's outputs only.
        using var changed = images.clone();
        changed[4].fill_(0.5f);
        using var after = model.forward(changed);
        Assert.True(all.narrow(0, 0, 3).allclose(after.narrow(0, 0, 3)));
        Assert.False(all.narrow(0, 3, 3).allclose(after.narrow(0, 3, 3)));
        Assert.True(all.narrow(0, 6, 5).allclose(after.narrow(0, 6, 5)));
    }

    [Fact]
    public void Two_models_of_one_seed_are_the_same_model_and_the_transforms_are_in_the_state_dict()
    {
        using var first = new SyntheticCnn();
        using var second = new SyntheticCnn();
        first.eval();
        second.eval();
        using var images = torch.rand([8, 1, 8, 8]);
        using var a = first.forward(images);
        using var b = second.forward(images);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        var names = first.state_dict().Keys.ToArray();
        Assert.Contains("mux.kernels", names);
        Assert.Contains("demux.weight", names);
        Assert.Contains(new SyntheticMlp().state_dict().Keys, k => k == "mux.vectors");
    }

    [Theory]
    [InlineData(new long[] { 5, 63 }, ScalarType.Float32, "SyntheticMlp expects inputs of shape [rows, 64] with rows >= 1, but got shape [5, 63].")]
    [InlineData(new long[] { 5, 8, 8 }, ScalarType.Float32, "SyntheticMlp expects inputs of shape [rows, 64] with rows >= 1, but got shape [5, 8, 8].")]
    [InlineData(new long[] { 0, 64 }, ScalarType.Float32, "SyntheticMlp expects inputs of shape [rows, 64] with rows >= 1, but got shape [0, 64].")]
    [InlineData(new long[] { 5, 64 }, ScalarType.Float64, "SyntheticMlp expects inputs of dtype Float32 (float), but got Float64.")]
    public void Wrong_mlp_inputs_are_refused_with_expected_and_actual(long[] shape, ScalarType dtype, string message)
    {
        using var model = new SyntheticMlp();
        using var input = torch.zeros(shape, dtype: dtype);
        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData(new long[] { 5, 64 }, ScalarType.Float32, "SyntheticCnn expects inputs of shape [rows, 1, 8, 8] with rows >= 1, but got shape [5, 64].")]
    [InlineData(new long[] { 5, 3, 8, 8 }, ScalarType.Float32, "SyntheticCnn expects inputs of shape [rows, 1, 8, 8] with rows >= 1, but got shape [5, 3, 8, 8].")]
    [InlineData(new long[] { 5, 1, 8, 8 }, ScalarType.Int64, "SyntheticCnn expects inputs of dtype Float32 (float), but got Int64.")]
    public void Wrong_cnn_inputs_are_refused_with_expected_and_actual(long[] shape, ScalarType dtype, string message)
    {
        using var model = new SyntheticCnn();
        using var input = torch.zeros(shape, dtype: dtype);
        var error = Assert.Throws<ArgumentException>(() => model.forward(input));
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Wrong_labels_are_refused_with_expected_and_actual()
    {
        using var model = new SyntheticMlp();
        using var images = torch.zeros(6, 64);
        using var outOfRange = torch.tensor(new long[] { 0, 1, 2, 3, 4, 0 });
        var range = Assert.Throws<ArgumentException>(() => ImageTrainer.Train(model, images, outOfRange, new TrainingOptions { Steps = 1 }));
        Assert.StartsWith("SyntheticMlp expects labels in [0, 4), but got label 4 (smallest 0, largest 4).", range.Message);
        using var tooFew = torch.zeros(new long[] { 5 }, dtype: ScalarType.Int64);
        var count = Assert.Throws<ArgumentException>(() => ImageTrainer.Train(model, images, tooFew, new TrainingOptions { Steps = 1 }));
        Assert.StartsWith("SyntheticMlp expects labels of shape [6] (one per input) and dtype Int64, but got shape [5] of Int64.", count.Message);
        var folder = Assert.Throws<ArgumentException>(() => ImageTrainer.Train(model, images, tooFew, new TrainingOptions { Steps = 1, CheckpointFolder = "x" }));
        Assert.Contains("Image training writes no checkpoints yet", folder.Message);
        var curriculum = Assert.Throws<ArgumentException>(() => ImageTrainer.Train(model, images, tooFew, new TrainingOptions { Steps = 1, CurriculumFraction = 0.5 }));
        Assert.Contains("Image training has no curriculum over N yet, but CurriculumFraction is 0.5", curriculum.Message);
    }

    [Fact]
    public void A_generated_N4_mlp_learns_a_per_instance_image_task_far_above_chance()
    {
        var accuracy = TrainAndEvaluate(new SyntheticMlp(), flatten: true, epochs: 5);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1} (chance 25%), expected at least 95%");
    }

    [Fact]
    public void A_generated_N4_mlp_with_learned_keys_gives_one_output_per_row_and_learns_the_task()
    {
        using (var model = new SyntheticKeyedMlp())
        {
            model.eval();
            using var images = torch.rand([7, 64]);
            using var logits = model.forward(images);
            Assert.Equal(new long[] { 7, SyntheticKeyedMlp.Classes }, logits.shape);
            Assert.Contains(model.named_parameters(), p => p.name == "demux.keys");
        }

        var accuracy = TrainAndEvaluate(new SyntheticKeyedMlp(), flatten: true, epochs: 5);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1} (chance 25%), expected at least 95%");
    }

    [Fact]
    public void Label_smoothing_reaches_the_image_loss_as_PyTorchs_smoothed_cross_entropy()
    {
        // (1 − ε)·CE + ε·(mean of −log p over the classes) is affine in ε: with the same seed (same rows, same initial
        // weights) the first step's loss moves by equal amounts from ε = 0 to 0.2 to 0.4.
        using var generator = new Generator(4);
        using var images = torch.randn([32, 64], generator: generator);
        using var labels = torch.randint(0, 4, [32], generator: generator);

        double FirstLoss(double smoothing)
        {
            using var model = new SyntheticMlp();
            return ImageTrainer.Train(model, images, labels, new TrainingOptions { Steps = 1, BatchGroups = 8, LabelSmoothing = smoothing }).EpochLosses[0];
        }

        var (plain, smoothed, more) = (FirstLoss(0), FirstLoss(0.2), FirstLoss(0.4));
        Assert.NotEqual(plain, smoothed, 3);
        Assert.Equal(smoothed - plain, more - smoothed, 4);
    }

    [Fact]
    public void A_generated_N4_cnn_learns_a_per_instance_image_task_far_above_chance()
    {
        // The summed kernel mix is harder to take apart than the Gaussian Hadamard one: 88% measured after 12 epochs.
        var accuracy = TrainAndEvaluate(new SyntheticCnn(), flatten: false, epochs: 12);
        Assert.True(accuracy >= 0.8, $"held-out accuracy {accuracy:P1} (chance 25%), expected at least 80%");
    }

    [Fact]
    public void A_generated_N4_cnn_mixing_feature_maps_learns_a_per_instance_image_task_far_above_chance()
    {
        var accuracy = TrainAndEvaluate(new SyntheticHadamardCnn(), flatten: false, epochs: 5);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:P1} (chance 25%), expected at least 95%");
    }

    [Fact]
    public void The_plain_generated_cnn_encodes_like_its_backbone_in_one_straight_pass()
    {
        using var model = new PlainCnn();
        using var backbone = new DataMux.Backbones.CnnBackbone(1, 8, 8, 2, 16, 64);
        var weights = model.state_dict().Where(p => p.Key.StartsWith("backbone.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key["backbone.".Length..], p => p.Value);
        backbone.load_state_dict(weights);
        using var images = torch.randn([6, 1, 8, 8]);
        var batch = ImageBatch.Group(images, PlainCnn.N);

        using var encoded = model.Encode(batch);
        using var straight = backbone.forward(images);

        Assert.Equal(new long[] { 6, 64 }, encoded.shape);
        Assert.True(encoded.allclose(straight, rtol: 0, atol: 0));
    }

    private double TrainAndEvaluate<TModel>(TModel model, bool flatten, int epochs)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedImageModel
    {
        using (model)
        {
            var (trainImages, trainLabels) = SyntheticImages.Make(rows: 3000, seed: 1);
            var (testImages, testLabels) = SyntheticImages.Make(rows: 1001, seed: 2);   // not a multiple of N: the last group is filled
            using var train = flatten ? trainImages.flatten(1) : trainImages;
            using var test = flatten ? testImages.flatten(1) : testImages;
            using var before = torch.tensor(ImageTrainer.Evaluate(model, test, testLabels));
            var summary = ImageTrainer.Train(model, train, trainLabels, new TrainingOptions { Epochs = epochs, BatchGroups = 16, LearningRate = 3e-3, Seed = 3 },
                new ImageValidationRows(test, testLabels));
            var accuracy = ImageTrainer.Evaluate(model, test, testLabels);
            output.WriteLine($"{model.Configuration.ModelName}: held-out accuracy {before.item<double>():P1} before, {accuracy:P1} after {summary.Steps} steps (losses {string.Join(", ", summary.EpochLosses.Select(l => l.ToString("F3")))})");
            Assert.Equal(summary.Best!.Accuracy, accuracy, 6);
            return accuracy;
        }
    }
}
