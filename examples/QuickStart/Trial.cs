using System;
using System.Diagnostics;
using System.Globalization;
using DataMux.Datasets;
using DataMux.Examples.Common;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>A trained model with its held-out accuracy.</summary>
/// <param name="N">Multiplexing width (1: the plain baseline).</param>
/// <param name="Model">The trained model (kept for the throughput measurement and the predictions).</param>
/// <param name="Accuracy">Held-out accuracy in [0, 1].</param>
/// <param name="TrainSeconds">Training wall time, the retrieval warm-up included.</param>
internal sealed record TrainedModel(int N, nn.Module<Tensor, Tensor> Model, double Accuracy, double TrainSeconds);

/// <summary>Creates, warms up (multiplexed models), trains and evaluates the generated model of one width.</summary>
internal static class Trial
{
    public static TrainedModel Run(int n, Device device, SentimentData data, QuickStartOptions options) => n switch
    {
        1 => Run(new SentimentPlain(device), data, options),
        2 => Run(new SentimentN2(device), data, options),
        5 => Run(new SentimentN5(device), data, options),
        10 => Run(new SentimentN10(device), data, options),
        20 => Run(new SentimentN20(device), data, options),
        _ => throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected N in {string.Join(", ", QuickStartOptions.AvailableWidths)}."),
    };

    private static TrainedModel Run<TModel>(TModel model, SentimentData data, QuickStartOptions options)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        // The encoder's padding id, vocabulary and length must be what the model reads (an error otherwise).
        data.Encoder.EnsureFits(model.Configuration);
        var (name, n) = (model.Configuration.ModelName, model.Configuration.N);
        var watch = Stopwatch.StartNew();

        // A multiplexed model first learns to keep every input recoverable from the mix, on unlabelled text (the
        // retrieval warm-up); the result is cached, so that it is paid once per configuration.
        RetrievalHead? warmedUp = null;
        if (n > 1)
        {
            var warmupOptions = new TrainingOptions
            {
                Steps = options.WarmupSteps, BatchGroups = Math.Max(1, options.Batch / n), LearningRate = options.LearningRate,
                Seed = options.Seed, WarmupFraction = 0.06, LinearDecay = true,
            };
            var warmup = TrainingConsole.Run(name, progress => RetrievalWarmup.LoadOrRun(model, data.WarmupTokens, warmupOptions, DatasetCache.DefaultRoot(), progress));
            warmedUp = warmup.Head;
            Console.WriteLine(warmup.FromCache
                ? $"  {name}: retrieval warm-up loaded from the cache ({warmup.CachePath})"
                : string.Create(CultureInfo.InvariantCulture, $"  {name}: retrieval warm-up, {options.WarmupSteps} steps on the Brown corpus, retrieval accuracy {warmup.RetrievalAccuracy * 100:0}%"));
        }

        using var head = warmedUp;
        var training = new TrainingOptions
        {
            Epochs = options.Epochs, BatchGroups = Math.Max(1, options.Batch / n), LearningRate = options.LearningRate,
            Seed = options.Seed, WarmupFraction = 0.1, LinearDecay = true,
        };
        var summary = TrainingConsole.Run(name, progress => MultiplexedTrainer.Train(model, data.TrainTokens, data.TrainLabels, training, retrieval: head, progress: progress));
        var seconds = watch.Elapsed.TotalSeconds;
        var accuracy = MultiplexedTrainer.Evaluate(model, data.TestTokens, data.TestLabels);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name} (N={n}): {options.Epochs} epochs of {summary.Steps / options.Epochs} steps in {seconds:0.0} s, loss {summary.EpochLosses[0]:0.000} -> {summary.EpochLosses[^1]:0.000}, held-out accuracy {accuracy * 100:0.0}%"));
        return new TrainedModel(n, model, accuracy, seconds);
    }
}
