using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Accuracy.Tasks;
using DataMux;
using DataMux.Batching;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Runs;

/// <summary>
/// Trains and measures one cell: a fresh model, its cached retrieval warm-up when the cell has one, the task training
/// (resumable: a checkpoint every 250 steps in the run folder), then held-out accuracy and inference instances/s.
/// </summary>
internal sealed class CellRunner(RunSettings settings, string cacheRoot, string runFolder)
{
    /// <summary>
    /// Runs <paramref name="cell"/> with a model made by <paramref name="create"/> that starts from the task's trained
    /// B1 (<see cref="PlainStart"/>), which the B1 cell saved in the run folder.
    /// </summary>
    public CellResult RunFromPlain<TModel, TPlain>(Cell cell, TaskData data, Func<TModel> create, Func<TPlain> plain, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
        where TPlain : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        var path = PlainPath(cell.Task);
        if (!File.Exists(path)) throw new InvalidOperationException($"Expected the trained B1 at '{path}' (its cell saves it): run the task's B1 cell first.");
        return Run(cell, data, () =>
        {
            var model = create();
            using var trained = plain();
            trained.LoadCheckpoint(path);
            PlainStart.CopyInto(trained, model);
            return model;
        }, progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="cell"/> on <paramref name="data"/> with a model made by <paramref name="create"/>.</summary>
    public CellResult Run<TModel>(Cell cell, TaskData data, Func<TModel> create, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        using var model = create();
        RetrievalHead? head = null;
        double? retrieval = null;
        try
        {
            if (cell.WarmupSteps > 0)
            {
                var warm = RetrievalWarmup.LoadOrRun(model, data.WarmupTokens, settings.Warmup() with { Steps = cell.WarmupSteps }, cacheRoot, progress, cancellationToken);
                head = warm.Head;
                retrieval = warm.RetrievalAccuracy;
            }

            var folder = Path.Combine(runFolder, "checkpoints", cell.Key);
            var watch = Stopwatch.StartNew();
            var summary = MultiplexedTrainer.Train(model, data.TrainTokens, data.TrainLabels, settings.Task(cell.Task, folder),
                retrieval: head, progress: progress, cancellationToken: cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            var accuracy = MultiplexedTrainer.Evaluate(model, data.TestTokens, data.TestLabels, groupsPerBatch: 64);
            var speed = InstancesPerSecond(model, data.TestTokens);
            if (cell.IsBaseline) model.SaveCheckpoint(PlainPath(cell.Task));
            Directory.Delete(folder, recursive: true);
            return new CellResult(cell, accuracy, seconds, summary.InstancesPerSecond, speed, retrieval);
        }
        finally
        {
            head?.Dispose();
        }
    }

    /// <summary>Where a task's trained B1 is kept for the cells that start from it.</summary>
    private string PlainPath(string task) => Path.Combine(runFolder, $"{task}-B1.dmx");

    /// <summary>Held-out rows per second in inference (evaluation mode, no gradients): the median of three timed passes after one untimed.</summary>
    private static double InstancesPerSecond<TModel>(TModel model, Tensor tokens)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        var times = new double[4];
        for (var pass = 0; pass < times.Length; pass++)
        {
            var watch = Stopwatch.StartNew();
            using (model.PredictInGroups(tokens, groupsPerBatch: 64)) { }
            times[pass] = watch.Elapsed.TotalSeconds;
        }

        return tokens.shape[0] / times.Skip(1).Order().ElementAt(1);
    }
}
