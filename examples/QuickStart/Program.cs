using System;
using System.IO;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using DataMux.Performance;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>
/// Trains the generated sentiment models (N = 1 and N = 2 by default) on the UCI Sentiment Labelled Sentences
/// and prints their held-out accuracy next to their measured inference throughput.
/// </summary>
internal static class Program
{
    // Every width's model has the same [Transformer(...)] values; the encoder is fitted to them.
    private static readonly ModelConfiguration Text = SentimentModelN1.Configuration;
    private const int ThroughputRounds = 11;
    private const int RowsPerForward = 200;   // a multiple of every N offered, so no chunk needs filler rows

    /// <summary>Prints what was wrong with the command line and the usage; the exit code for it.</summary>
    private static int UsageError(Exception error)
    {
        // ArgumentException appends " (Parameter 'name')", a library parameter the command line never named.
        Console.Error.WriteLine(error is ArgumentException { ParamName: { } name } ? error.Message.Replace($" (Parameter '{name}')", "") : error.Message);
        Console.Error.WriteLine(QuickStartOptions.Usage);
        return 2;
    }

    /// <summary>An accuracy as the table shows it, in percent to one decimal, so that the difference printed below it adds up.</summary>
    private static double Percent(double accuracy) => Math.Round(accuracy * 1000, MidpointRounding.AwayFromZero) / 10;

    public static int Main(string[] args)
    {
        if (QuickStartOptions.AsksForHelp(args))
        {
            Console.WriteLine(QuickStartOptions.Usage);
            return 0;
        }

        QuickStartOptions options;
        try
        {
            options = QuickStartOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            return UsageError(e);
        }

        var total = Stopwatch.StartNew();
        // libtorch's worker threads spin while they wait for each other: on a machine busy with other work,
        // fewer threads than cores can be several times faster.
        if (options.Threads is { } threads) torch.set_num_threads(threads);
        // All three before the first tensor operation: MKL binds its kernels, worker threads copy the float settings, and
        // the allocator's thresholds apply to what is allocated afterwards.
        var mklDispatch = MklCpuDispatch.TryEnable();
        var flushDenormals = DenormalFlush.TryEnable();
        var keepBuffers = AllocatorTuning.TryKeepLargeBuffers();
        Device device;
        try
        {
            device = Devices.Resolve(options.Device);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)   // a bad request, or CUDA asked for where there is none
        {
            return UsageError(e);
        }

        Console.WriteLine("DataMux QuickStart: sentiment classification with generated multiplexed models");
        if (device.type == DeviceType.CPU)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Device: CPU ({torch.get_num_threads()} threads), denormal flush {(flushDenormals ? "on" : "unavailable")}, large-buffer reuse {(keepBuffers ? "on" : "unavailable")}, seed {options.Seed}"));
            Console.WriteLine($"CPU: {MklCpuDispatch.ModelName}; MKL CPU dispatch: {mklDispatch}");
        }
        else
        {
            // The CPU settings do not apply to a model on the GPU; the device is named with its index (cuda:1).
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Device: {device}, seed {options.Seed}"));
        }

        SentimentData loaded;
        try
        {
            loaded = SentimentData.Load(options.Seed, Text, options.Validation);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // No npm, no network, an unwritable cache: the data set is fetched on first use (see the README).
            Console.Error.WriteLine($"Could not load the sentiment data set: {e.Message}");
            return 1;
        }

        using var data = loaded;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Data: UCI Sentiment Labelled Sentences, {data.TrainCount} train / {data.TestLabels.shape[0]} {(options.Validation ? "validation (carved from the training part; the test set is not used)" : "held-out test")} (stratified by source and label; a repeated sentence's copies on one side)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tokens: GPT-2 tokenizer -> {Text.Vocabulary}-id vocabulary fitted on the training texts ({data.Encoder.KnownTokens} GPT-2 ids kept, {data.TestUnknownRate() * 100:0.0}% of held-out tokens unknown), {Text.MaxLength} tokens per sentence"));
        if (options.Widths.Any(n => n >= 5))
            Console.WriteLine("Note: N >= 5 is trained from scratch without retrieval warm-up; expect accuracy near chance (50%).");
        Console.WriteLine();

        var trained = options.Widths.Select(n => Trial.Run(n, device, data, options)).ToList();

        Console.WriteLine();
        Console.WriteLine($"Measuring throughput: median of {ThroughputRounds} interleaved rounds over the {data.TestLabels.shape[0]} held-out sentences, {RowsPerForward} per forward call, warm-up excluded ...");
        using var testTokens = data.TestTokens.to(device);
        var (speeds, speedUps) = ThroughputMeter.Measure(trained.Select(t => t.Model).ToList(), testTokens, RowsPerForward, ThroughputRounds);
        var results = trained.Select((t, i) => new ModelResult(t.N, t.Accuracy, speeds[i], speedUps[i], t.TrainSeconds)).ToList();

        Console.WriteLine();
        Console.Write(ResultsTable.Format(results));
        foreach (var r in results.Skip(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"N={r.N}: {r.SpeedUp:0.00}x the instances/s of N=1 (median of per-round ratios), accuracy {Percent(r.Accuracy) - Percent(results[0].Accuracy):+0.0;-0.0} points."));
        }
        if (results.Any(r => r.SpeedUp > r.N * 1.1))
        {
            // The backbone runs once per N inputs, so a speed-up above N means the baseline measurement was slowed
            // by something else (we have seen N=1 run at a third of its usual speed in some processes).
            Console.WriteLine("Warning: a speed-up above N is not possible from multiplexing alone; the N=1 measurement was disturbed. Rerun to measure again.");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total wall time: {total.Elapsed.TotalSeconds:0} s"));

        foreach (var t in trained) t.Model.Dispose();
        return 0;
    }
}
