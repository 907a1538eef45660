using System;
using System.Diagnostics;
using System.Globalization;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>A trained model with its held-out accuracy.</summary>
/// <param name="N">Multiplexing width.</param>
/// <param name="Model">The trained model (kept for the throughput measurement).</param>
/// <param name="Accuracy">Held-out accuracy in [0, 1].</param>
/// <param name="TrainSeconds">Training wall time.</param>
internal sealed record TrainedModel(int N, nn.Module<Tensor, Tensor> Model, double Accuracy, double TrainSeconds);

/// <summary>Creates, trains and evaluates the generated model of one multiplexing width.</summary>
internal static class Trial
{
    public static TrainedModel Run(int n, Device device, SentimentData data, QuickStartOptions options) => n switch
    {
        1 => Run(new SentimentModelN1(device), data, options),
        2 => Run(new SentimentModelN2(device), data, options),
        5 => Run(new SentimentModelN5(device), data, options),
        10 => Run(new SentimentModelN10(device), data, options),
        20 => Run(new SentimentModelN20(device), data, options),
        _ => throw new ArgumentOutOfRangeException(nameof(n), n, $"Expected N in {string.Join(", ", QuickStartOptions.AvailableWidths)}."),
    };

    private static TrainedModel Run<TModel>(TModel model, SentimentData data, QuickStartOptions options)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        // The encoder's padding id, vocabulary and length must be what the model reads (an error otherwise).
        data.Encoder.EnsureFits(model.Configuration);
        var n = model.Configuration.N;
        var training = new TrainingOptions
        {
            Epochs = options.Epochs,
            BatchGroups = Math.Max(1, options.Batch / n),
            LearningRate = options.LearningRate,
            WeightDecay = 0.01,
            Seed = options.Seed,
            WarmupFraction = 0.1,
            LinearDecay = true,
        };

        Console.Write(string.Create(CultureInfo.InvariantCulture, $"Training {model.Configuration.ModelName} (N={n}): {options.Epochs} epochs, {training.BatchGroups * n} instances/step, AdamW lr {training.LearningRate:0.###e0} ... "));
        var watch = Stopwatch.StartNew();
        var summary = MultiplexedTrainer.Train(model, data.TrainTokens, data.TrainLabels, training);
        var seconds = watch.Elapsed.TotalSeconds;
        var accuracy = MultiplexedTrainer.Evaluate(model, data.TestTokens, data.TestLabels);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seconds:0.0} s, loss {summary.EpochLosses[0]:0.000} -> {summary.EpochLosses[^1]:0.000}, held-out accuracy {accuracy * 100:0.0}%"));
        return new TrainedModel(n, model, accuracy, seconds);
    }
}
