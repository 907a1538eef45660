using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DataMux.Examples.QuickStart;

/// <summary>The command-line flags of the quick start.</summary>
/// <param name="Epochs">Training epochs per model.</param>
/// <param name="Widths">The multiplexing widths N to train and compare (always includes the N = 1 baseline).</param>
/// <param name="Seed">Seed of the train/test split and of the training order (model weights use each class's own Seed).</param>
/// <param name="Device">cpu, cuda, cuda:k or auto.</param>
/// <param name="Threads">CPU threads for libtorch; null keeps libtorch's default (one per core).</param>
/// <param name="LearningRate">Peak AdamW learning rate.</param>
/// <param name="Batch">Instances per optimisation step (a step sees Batch / N groups).</param>
/// <param name="Validation">Evaluate on 20% of the training sentences instead of the test set (for tuning).</param>
/// <param name="WarmupSteps">Retrieval warm-up steps of every multiplexed model.</param>
/// <param name="CpuTuning">Whether the process-wide CPU settings are switched on (<see cref="DataMux.Cpu.CpuTuning"/>).</param>
internal sealed record QuickStartOptions(int Epochs, IReadOnlyList<int> Widths, int Seed, string Device, int? Threads, double LearningRate, int Batch, bool Validation,
    int WarmupSteps = 400, bool CpuTuning = true)
{
    /// <summary>The widths that have a generated model in SentimentModels.cs (1 is <see cref="SentimentPlain"/>).</summary>
    public static readonly int[] AvailableWidths = [1, 2, 5, 10, 20];

    public const string Usage =
        "Usage: dotnet run -c Release --project examples/QuickStart -- [--epochs E] [--n 2[,5,...]] [--warmup-steps W] [--seed S] [--device cpu|cuda|auto] [--threads T] [--lr LR] [--batch B] [--validation] [--no-cpu-tuning] [--help]\n" +
        "  --epochs  training epochs per model (default 16)\n" +
        "  --n       multiplexing widths to compare with the plain N=1 baseline, from 2, 5, 10, 20 (default 2)\n" +
        "  --warmup-steps  retrieval warm-up steps of every multiplexed model, cached per configuration (default 400)\n" +
        "  --seed    seed of the train/test split and training order (default 42)\n" +
        "  --device  cpu, cuda, cuda:k or auto (default auto)\n" +
        "  --threads CPU threads for libtorch (default: one per core; use 1 on a machine busy with other work)\n" +
        "  --lr      peak AdamW learning rate (default 1e-3)\n" +
        "  --batch   instances per optimisation step, rounded down to whole groups of N (at least one; default 32)\n" +
        "  --validation  report accuracy on 20% of the training sentences instead of the test set, to tune flags\n" +
        "                without looking at the test set\n" +
        "  --no-cpu-tuning  leave the process-wide CPU settings (MKL dispatch, denormal flush, buffer reuse) as they are\n" +
        "  --help, -h    this text";

    /// <summary>Whether <paramref name="args"/> ask for the usage text (<c>--help</c> or <c>-h</c> anywhere).</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad flag.</summary>
    public static QuickStartOptions Parse(IReadOnlyList<string> args)
    {
        var epochs = 16;
        var widths = new SortedSet<int> { 1, 2 };
        var seed = 42;
        var device = "auto";
        int? threads = null;
        var learningRate = 1e-3;
        var validation = false;
        var batch = 32;
        var warmupSteps = 400;
        var cpuTuning = true;
        var seen = new HashSet<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            // A second value would silently replace the first (--n 2 --n 5 trained N = 5 only): say so instead.
            if (!seen.Add(flag) && flag.StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Expected {flag} once; it is given twice.");
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Expected a value after {flag}.");
            switch (flag)
            {
                case "--epochs":
                    epochs = PositiveInt(flag, Value());
                    break;
                case "--n":
                    widths = new SortedSet<int> { 1 };
                    foreach (var part in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var n = PositiveInt(flag, part);
                        if (!AvailableWidths.Contains(n))
                            throw new ArgumentException($"Expected --n values from {string.Join(", ", AvailableWidths)}; got {n}.");
                        widths.Add(n);
                    }

                    if (widths.Count == 1)
                        throw new ArgumentException($"Expected --n to name at least one width besides the N = 1 baseline, which is always trained (from {string.Join(", ", AvailableWidths.Where(n => n > 1))}); got '{args[i]}'.");
                    break;
                case "--seed":
                    seed = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new ArgumentException($"Expected an integer after --seed; got '{args[i]}'.");
                    break;
                case "--device":
                    device = Value();
                    break;
                case "--lr":
                    learningRate = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lr) && lr > 0 && double.IsFinite(lr)
                        ? lr
                        : throw new ArgumentException($"Expected a positive, finite number after --lr; got '{args[i]}'.");
                    break;
                case "--batch":
                    batch = PositiveInt(flag, Value());
                    break;
                case "--validation":
                    validation = true;
                    break;
                case "--warmup-steps":
                    warmupSteps = PositiveInt(flag, Value());
                    break;
                case "--no-cpu-tuning":
                    cpuTuning = false;
                    break;
                case "--threads":
                    threads = PositiveInt(flag, Value());
                    break;
                default:
                    throw new ArgumentException($"Unknown flag '{flag}'.");
            }
        }
        return new QuickStartOptions(epochs, widths.ToArray(), seed, device, threads, learningRate, batch, validation, warmupSteps, cpuTuning);
    }

    private static int PositiveInt(string flag, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new ArgumentException($"Expected a positive integer after {flag}; got '{text}'.");
}
