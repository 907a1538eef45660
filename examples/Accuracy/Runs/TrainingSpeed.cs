using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Accuracy.Models;
using DataMux;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Runs;

/// <summary>
/// Training instances per second of the part-of-speech models (B1 and the reference variant at each N), on the shapes
/// of the benchmark's steps: 32 groups of N rows of 32 random ids with 0-8 padding positions, through
/// <see cref="MultiplexedTrainer.Train{TModel}"/> as a user runs it; the steps after the first few are timed. The same
/// model and shapes as <c>Peer/training_speed.py</c> measures in PyTorch, for a comparison run back to back.
/// </summary>
internal static class TrainingSpeed
{
    public const string Header = "n,threads,steps,seconds,instances_per_second";

    /// <summary>Measures every width of <paramref name="ns"/> (1 is B1); returns one CSV line each.</summary>
    public static IReadOnlyList<string> Measure(IReadOnlyList<int> ns, int steps, int warmup, int groups)
    {
        var lines = new List<string>();
        foreach (var n in ns)
        {
            var perSecond = n switch
            {
                1 => Time(new PosPlain(), steps, warmup, groups),
                2 => Time(new PosReferenceHadamard2(), steps, warmup, groups),
                5 => Time(new PosReferenceHadamard5(), steps, warmup, groups),
                10 => Time(new PosReferenceHadamard10(), steps, warmup, groups),
                20 => Time(new PosReferenceHadamard20(), steps, warmup, groups),
                40 => Time(new PosReferenceHadamard40(), steps, warmup, groups),
                _ => throw new ArgumentException($"No model for N = {n}."),
            };
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{n},{torch.get_num_threads()},{steps},{perSecond.Seconds:0.000},{perSecond.Rate:0.0}"));
            Console.WriteLine(lines[^1]);
        }

        return lines;
    }

    private static (double Seconds, double Rate) Time<TModel>(TModel model, int steps, int warmup, int groups)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        using (model)
        {
            var n = model.Configuration.N;
            var rows = groups * n * 8;   // eight batches' worth, cycled through
            using var generator = new Generator(1, torch.CPU);
            using var scope = torch.NewDisposeScope();
            var tokens = torch.randint(2, model.Configuration.Vocabulary, new long[] { rows, 32 }, generator: generator);
            var lengths = torch.randint(24, 33, new long[] { rows, 1 }, generator: generator);
            var padding = torch.arange(32).unsqueeze(0).ge(lengths);
            tokens.masked_fill_(padding, 0.ToScalar());
            var labels = torch.randint(0, 12, new long[] { rows, 32 }, generator: generator).masked_fill(padding, MultiplexedTrainer.IgnoreLabel.ToScalar());
            TimeSpan? started = null;
            TimeSpan ended = default;
            var progress = new Timer(report =>
            {
                if (report.Step == warmup) started = report.Elapsed;
                ended = report.Elapsed;
            });
            MultiplexedTrainer.Train(model, tokens, labels, new TrainingOptions { Steps = warmup + steps, BatchGroups = groups }, progress: progress);
            var seconds = (ended - started!.Value).TotalSeconds;
            return (seconds, steps * (double)groups * n / seconds);
        }
    }

    private sealed class Timer(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
