using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace FashionMnistExample;

/// <summary>The command line: which backbones and widths to train, for how long, and where the plot goes.</summary>
internal sealed record FashionOptions
{
    public const string Usage = """
        Usage: FashionMnist [--backbone mlp|cnn|cnn-hadamard|both|all] [--n 1,2,4,8,16] [--epochs 10] [--train-rows 60000]
                            [--batch-groups 64] [--learning-rate R] [--weight-decay 0.1] [--label-smoothing E] [--seed 1]
                            [--threads 0] [--plot fashion-mnist.png] [--validation]
          Trains the [Mlp] and/or [Cnn] image models (cnn: the kernel mux on the images; cnn-hadamard: Gaussian
          Hadamard on the first block's feature maps; both: mlp and cnn) on Fashion-MNIST at every N, then prints per backbone a table of
          N, held-out accuracy (10,000 test images) and inference instances/s, and writes the plot.
          --learning-rate: the peak AdamW rate of every backbone; by default 5e-4, and 2e-3 for cnn-hadamard (chosen on
          the validation split below: its drop at N = 8 was 14.1 points at 2e-3 against 17.5 at 5e-4).
          --label-smoothing: of every backbone's cross-entropy, in [0, 1); by default 0.1 for mlp (chosen on the
          validation split with its learned-keys demux) and 0 for the CNNs.
          --validation holds the last 10,000 training images out of training and measures on them instead of the test
          images, so that settings can be chosen without the test set.
        """;

    public IReadOnlyList<string> Backbones { get; init; } = ["mlp", "cnn"];
    public IReadOnlyList<int> Ns { get; init; } = Models.Widths;
    public int Epochs { get; init; } = 10;
    public int? TrainRows { get; init; }
    public int BatchGroups { get; init; } = 64;
    /// <summary>The rate --learning-rate gave, or null for each backbone's default (<see cref="RateFor"/>).</summary>
    public double? LearningRate { get; init; }

    /// <summary>The peak learning rate <paramref name="backbone"/> trains with.</summary>
    public double RateFor(string backbone) => LearningRate ?? (backbone == "cnn-hadamard" ? 2e-3 : 5e-4);
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>The smoothing --label-smoothing gave, or null for each backbone's default (<see cref="SmoothingFor"/>).</summary>
    public double? LabelSmoothing { get; init; }

    /// <summary>The label smoothing <paramref name="backbone"/> trains with.</summary>
    public double SmoothingFor(string backbone) => LabelSmoothing ?? (backbone == "mlp" ? 0.1 : 0);
    public int Seed { get; init; } = 1;
    public int Threads { get; init; }
    public string Plot { get; init; } = "fashion-mnist.png";
    public bool Help { get; init; }
    public bool Validation { get; init; }

    /// <summary>Training images held out by --validation: the last ones of the training set.</summary>
    public const int ValidationRows = 10_000;

    /// <summary>Reads <paramref name="args"/>; an unknown option or a bad value is an <see cref="ArgumentException"/> naming it.</summary>
    public static FashionOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FashionOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                options = options with { Help = true };
                continue;
            }

            if (name == "--validation")
            {
                if (!seen.Add(name)) throw new ArgumentException("--validation: give it once.");
                options = options with { Validation = true };
                continue;
            }

            if (i + 1 >= args.Count) throw new ArgumentException($"{name}: expected a value after it.");
            // A repeated option would otherwise keep its last value silently.
            if (!seen.Add(name)) throw new ArgumentException($"{name}: give {name} once (its values comma-separated where it takes several).");
            var value = args[++i];
            options = name switch
            {
                "--backbone" => options with
                {
                    Backbones = value switch
                    {
                        "mlp" or "cnn" or "cnn-hadamard" => [value],
                        "both" => ["mlp", "cnn"],
                        "all" => ["mlp", "cnn", "cnn-hadamard"],
                        _ => throw new ArgumentException($"--backbone: expected mlp, cnn, cnn-hadamard, both or all, but got '{value}'."),
                    },
                },
                "--n" => options with { Ns = value.Split(',').Select(v => Width(name, v)).Distinct().Order().ToList() },
                "--epochs" => options with { Epochs = Positive(name, value) },
                "--train-rows" => options with { TrainRows = Positive(name, value) },
                "--batch-groups" => options with { BatchGroups = Positive(name, value) },
                "--learning-rate" => options with { LearningRate = Rate(name, value) },
                "--weight-decay" => options with { WeightDecay = Rate(name, value) },
                "--label-smoothing" => options with { LabelSmoothing = Smoothing(name, value) },
                "--seed" => options with { Seed = Integer(name, value) },
                "--threads" => options with { Threads = Math.Max(0, Integer(name, value)) },
                "--plot" => options with { Plot = value.Length > 0 ? value : throw new ArgumentException("--plot: expected a file name, but got an empty one.") },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name}: expected a whole number, but got '{value}'.");

    private static int Positive(string name, string value) =>
        Integer(name, value) is > 0 and var n ? n : throw new ArgumentException($"{name}: expected a positive number, but got '{value}'.");

    private static int Width(string name, string value) =>
        Models.Widths.Contains(Positive(name, value)) ? Positive(name, value)
            : throw new ArgumentException($"{name}: expected widths from {{{string.Join(", ", Models.Widths)}}}, but got '{value}'.");

    private static double Smoothing(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) && e >= 0 && e < 1 ? e
            : throw new ArgumentException($"{name}: expected a number in [0, 1), but got '{value}'.");

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && double.IsFinite(r) ? r
            : throw new ArgumentException($"{name}: expected a positive number, but got '{value}'.");
}
