using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DataMux.Datasets;
using DataMux.Datasets.FashionMnist;
using DataMux.Examples.Common;
using DataMux.Images;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FashionMnistExample;

/// <summary>Fashion-MNIST with the image backbones: every (backbone, N) trained and measured, then the tables and the plot.</summary>
internal static class Program
{
    /// <summary>Groups per inference call: the backbone sees the same batch at every N, the rows per call grow with N.</summary>
    private const int InferenceGroups = 64;

    public static int Main(string[] args)
    {
        FashionOptions options;
        try
        {
            options = FashionOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(FashionOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(FashionOptions.Usage);
            return 0;
        }

        if (OutputPaths.Problem("--plot", options.Plot) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        var data = FashionMnist.Load();
        // --validation: the last training images are the held-out set, and the test images are not read.
        var (pool, heldOut, heldOutName) = options.Validation
            ? (data.Train.Take(data.Train.Count - FashionOptions.ValidationRows), data.Train.Skip(data.Train.Count - FashionOptions.ValidationRows), "validation (held out of training)")
            : (data.Train, data.Test, "test");
        var train = options.TrainRows is { } rows ? pool.Take(Math.Min(rows, pool.Count)) : pool;
        // Pixels standardized with the training images' mean and standard deviation, for both sets.
        using var trainPixels = Images(train);
        using var mean = trainPixels.mean();
        using var deviation = trainPixels.std();
        using var trainImages = trainPixels.sub(mean).div_(deviation);
        using var testPixels = Images(heldOut);
        using var testImages = testPixels.sub(mean).div_(deviation);
        using var trainLabels = torch.tensor(train.Labels.ToArray());
        using var testLabels = torch.tensor(heldOut.Labels.ToArray());
        // A setting that can differ by backbone, as "value (backbone), ...".
        string PerBackbone(Func<string, double> setting) =>
            string.Join(", ", options.Backbones.Select(b => $"{setting(b).ToString(CultureInfo.InvariantCulture)} ({b})"));
        Console.WriteLine($"Fashion-MNIST: {train.Count} training and {heldOut.Count} {heldOutName} images (pixels standardized: mean {mean.item<float>():0.000}, deviation {deviation.item<float>():0.000}); {options.Epochs} epochs of {options.BatchGroups} groups per step, " +
            $"AdamW lr {PerBackbone(options.RateFor)}, weight decay {options.WeightDecay.ToString(CultureInfo.InvariantCulture)}, " +
            $"label smoothing {PerBackbone(options.SmoothingFor)}; {torch.get_num_threads()} threads");

        var results = new List<FashionResult>();
        foreach (var backbone in options.Backbones)
        {
            foreach (var n in options.Ns)
            {
                var job = new TrainAndMeasure(backbone, options, backbone == "mlp" ? trainImages.flatten(1) : trainImages, trainLabels,
                    backbone == "mlp" ? testImages.flatten(1) : testImages, testLabels);
                var result = Models.Run(backbone, n, job);
                results.Add(result);
                Console.WriteLine($"  {backbone} N = {n}: accuracy {result.Accuracy * 100:0.0}%, {result.InstancesPerSecond:0} inferences/s, trained in {result.TrainingTime.TotalSeconds:0} s");
            }
        }

        foreach (var backbone in options.Backbones)
        {
            Console.WriteLine();
            Console.WriteLine(FashionReport.Table(backbone, results.Where(r => r.Backbone == backbone).ToList()));
        }

        FashionReport.SavePlot(options.Plot, results);
        Console.WriteLine($"Plot: {options.Plot}");
        return 0;
    }

    private static Tensor Images(ImageSet set) =>
        torch.tensor(set.Pixels.ToArray(), new long[] { set.Count, set.Channels, set.Height, set.Width });

    /// <summary>Trains one model, then measures its held-out accuracy and its inference speed on the test images.</summary>
    private sealed class TrainAndMeasure(string backbone, FashionOptions options, Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels)
        : IModelJob<FashionResult>
    {
        public FashionResult Run<TModel>(TModel model)
            where TModel : nn.Module<Tensor, Tensor>, IMultiplexedImageModel
        {
            var n = model.Configuration.N;
            var training = new TrainingOptions
            {
                Epochs = options.Epochs, BatchGroups = options.BatchGroups, LearningRate = options.RateFor(backbone), WeightDecay = options.WeightDecay, Seed = options.Seed,
                LabelSmoothing = options.SmoothingFor(backbone),
                WarmupFraction = 0.02, LinearDecay = true,
            };
            var watch = Stopwatch.StartNew();
            TrainingConsole.Run($"{backbone} N={n}", progress => ImageTrainer.Train(model, trainImages, trainLabels, training, progress: progress));
            var trainingTime = watch.Elapsed;
            var accuracy = ImageTrainer.Evaluate(model, testImages, testLabels, InferenceGroups);

            // One untimed pass, then the median of three timed ones over the 10,000 test images.
            using (ImageTrainer.Predict(model, testImages, InferenceGroups)) { }
            var seconds = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                watch.Restart();
                using (ImageTrainer.Predict(model, testImages, InferenceGroups)) { }
                seconds.Add(watch.Elapsed.TotalSeconds);
            }

            return new FashionResult(backbone, n, accuracy, testImages.shape[0] / seconds.Order().ElementAt(1), trainingTime);
        }
    }
}

/// <summary>One trained model's measurements.</summary>
internal sealed record FashionResult(string Backbone, int N, double Accuracy, double InstancesPerSecond, TimeSpan TrainingTime);
