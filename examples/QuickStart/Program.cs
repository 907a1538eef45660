using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using DataMux.Batching;
using DataMux.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>
/// Sentiment classification with generated models: the plain Transformer and the same backbone multiplexing N = 2
/// sentences per pass, trained on the UCI Sentiment Labelled Sentences (the multiplexed one after a retrieval warm-up on
/// other text), then held-out accuracy and inference throughput side by side, and a few predictions.
/// </summary>
internal static class Program
{
    private const int ThroughputRounds = 11;
    private const int RowsPerForward = 200;   // a multiple of every N offered, so no chunk needs filler rows

    // The CPU engine's options for the timing: every path but packed weights, which ran this d = 128 encoder at 0.9x
    // (docs/performance.md); without them the encoder runs layer by layer and the element-wise mux's embedding pass is fused.
    private static readonly CpuEngineOptions InferenceOptions = new() { PackedWeights = false };

    public static int Main(string[] args)
    {
        if (QuickStartOptions.AsksForHelp(args))
        {
            Console.WriteLine(QuickStartOptions.Usage);
            return 0;
        }

        QuickStartOptions options;
        Device device;
        try
        {
            options = QuickStartOptions.Parse(args);
            // CPU settings before the first tensor operation (see CpuTuning); threads likewise.
            if (options.Threads is { } threads) torch.set_num_threads(threads);
            if (options.CpuTuning) Console.WriteLine($"CPU tuning: {CpuTuning.Enable()}");
            device = Devices.Resolve(options.Device);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)   // a bad flag, or CUDA asked for where there is none
        {
            return UsageError(e);
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"DataMux QuickStart on {Describe(device)}, seed {options.Seed}");

        // 1. Data: sentences and labels, tokenized into the [rows, 32] ids the models take.
        SentimentData loaded;
        try
        {
            loaded = SentimentData.Load(options.Seed, SentimentPlain.Configuration, options.Validation);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // No npm, no network, an unwritable cache: the data sets are fetched on first use (see the README).
            Console.Error.WriteLine($"Could not load the data sets: {e.Message}");
            return 1;
        }

        using var data = loaded;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Data: UCI Sentiment Labelled Sentences, {data.TrainCount} train / {data.TestLabels.shape[0]} {(options.Validation ? "validation (carved from the training part)" : "held-out test")}; " +
            $"warm-up text: the Brown corpus, {data.WarmupTokens.shape[0]:N0} sentences; GPT-2 tokens in {data.Encoder.Vocabulary} ids ({data.TestUnknownRate() * 100:0.0}% of held-out tokens unknown)"));

        // 2. Train and evaluate every width: the plain baseline, then the multiplexed models.
        var trained = options.Widths.Select(n => Trial.Run(n, device, data, options)).ToList();

        // 3. Throughput: the same held-out sentences through every model compiled for CPU inference, timed interleaved.
        using var testTokens = data.TestTokens.to(device);
        var engines = trained.Select(t => CpuEngine.Compile((IMultiplexedModel)t.Model, InferenceOptions)).ToList();
        var (speeds, speedUps) = ThroughputMeter.Measure(engines, testTokens, RowsPerForward, ThroughputRounds);
        foreach (var engine in engines) engine.Dispose();
        var results = trained.Select((t, i) => new ModelResult(t.N, t.Accuracy, speeds[i], speedUps[i], t.TrainSeconds)).ToList();
        Console.WriteLine();
        Console.Write(ResultsTable.Format(results));
        foreach (var r in results.Skip(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N={r.N}: {r.SpeedUp:0.00}x the instances/s of the plain model (median of per-round ratios), accuracy {Percent(r.Accuracy) - Percent(results[0].Accuracy):+0.0;-0.0} points."));
        }

        // 4. Predict: text in, labels out, through the widest model.
        string[] reviews = ["The battery died after two days.", "Absolutely loved the food and the staff.", "Not worth the money.", "A wonderful, moving film."];
        using (var tokens = data.Encoder.Encode(reviews).to(device))
        using (var logits = BatchedInference.Predict(trained[^1].Model, tokens, RowsPerForward))
        using (var classes = logits.argmax(-1).cpu())
        {
            var labels = classes.data<long>().ToArray();
            Console.WriteLine($"Predictions of the N={trained[^1].N} model (0 negative, 1 positive): " +
                string.Join("; ", reviews.Select((text, i) => $"\"{text}\" -> {labels[i]}")));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total wall time: {total.Elapsed.TotalSeconds:0} s"));
        foreach (var t in trained) t.Model.Dispose();
        return 0;
    }

    private static string Describe(Device device) => device.type == DeviceType.CPU ? $"the CPU ({torch.get_num_threads()} threads)" : device.ToString();

    /// <summary>An accuracy as the table shows it, in percent to one decimal, so that the difference printed below it adds up.</summary>
    private static double Percent(double accuracy) => Math.Round(accuracy * 1000, MidpointRounding.AwayFromZero) / 10;

    /// <summary>Prints what was wrong with the command line and the usage; the exit code for it.</summary>
    private static int UsageError(Exception error)
    {
        // ArgumentException appends " (Parameter 'name')", a library parameter the command line never named.
        Console.Error.WriteLine(error is ArgumentException { ParamName: { } name } ? error.Message.Replace($" (Parameter '{name}')", "") : error.Message);
        Console.Error.WriteLine(QuickStartOptions.Usage);
        return 2;
    }
}
