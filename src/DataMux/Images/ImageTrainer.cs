using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DataMux.Batching;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Images;

/// <summary>Labelled inputs an image run evaluates on: float32 inputs of the model's shape and <c>[rows]</c> int64 labels.</summary>
/// <param name="Images">Input rows.</param>
/// <param name="Labels">Their classes.</param>
public sealed record ImageValidationRows(Tensor Images, Tensor Labels);

/// <summary>
/// Training for generated image models: cross-entropy over every input's logits, with the text trainer's pieces where
/// they fit unchanged: <see cref="TrainingOptions"/> (epochs or steps, whole groups per batch, learning-rate schedule,
/// label smoothing, seed), <see cref="AdamWOptimizer"/>, seeded row orders per epoch, <see cref="TrainingProgress"/>,
/// <see cref="TrainingSummary"/>, evaluation every K steps with the best weights kept, and a stop with
/// <see cref="TrainingDivergedException"/> at a NaN or infinite loss. There is no retrieval warm-up (it is a token
/// objective) and no checkpoint folder yet: options that set one are refused. Writes nothing to the console.
/// </summary>
public static class ImageTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="images"/> and <paramref name="labels"/> (<c>[rows]</c> int64 in
    /// <c>[0, Classes)</c>). A batch is <see cref="TrainingOptions.BatchGroups"/> groups of N rows; the last batch of an
    /// epoch may hold fewer rows and is completed with filler rows like any input. The model is left in training mode.
    /// </summary>
    public static TrainingSummary Train<TModel>(
        TModel model, Tensor images, Tensor labels, TrainingOptions options, ImageValidationRows? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedImageModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.CheckpointFolder is not null)
            throw new ArgumentException($"Image training writes no checkpoints yet, but CheckpointFolder is '{options.CheckpointFolder}'; set it to null.", nameof(options));
        if (options.CurriculumFraction > 0)
            throw new ArgumentException($"Image training has no curriculum over N yet, but CurriculumFraction is {options.CurriculumFraction}; set it to 0.", nameof(options));
        Check(model.Configuration, images, labels, nameof(labels));
        if (validation is not null) Check(model.Configuration, validation.Images, validation.Labels, nameof(validation));
        if (options.EvaluateEvery > 0 && validation is null)
            throw new ArgumentException($"EvaluateEvery = {options.EvaluateEvery} needs validation rows to evaluate on; pass them, or set EvaluateEvery = 0.", nameof(validation));

        var configuration = model.Configuration;
        var device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        var rows = images.shape[0];
        var batchRows = (long)options.BatchGroups * configuration.N;
        var batchesPerEpoch = (rows + batchRows - 1) / batchRows;
        var totalSteps = options.Steps ?? (batchesPerEpoch * options.Epochs <= int.MaxValue
            ? (int)(batchesPerEpoch * options.Epochs)
            : throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, $"Expected at most {int.MaxValue / batchesPerEpoch} epochs for {rows} rows in batches of {batchRows}, but got Epochs = {options.Epochs}."));

        using var restoreRandom = Seeding.Scope(options.Seed);
        using var notInference = torch.inference_mode(false);
        using var gradients = torch.enable_grad();
        using var optimizer = new AdamWOptimizer(model.parameters(), options.WeightDecay);
        model.train();

        var epochLosses = new List<(double Sum, long Rows)>();
        var evaluations = new List<Evaluation>();
        Evaluation? best = null;
        Dictionary<string, Tensor>? bestWeights = null;
        var watch = Stopwatch.StartNew();
        long rowsSeen = 0;
        Tensor? order = null;
        var orderEpoch = -1;
        try
        {
            for (var step = 1; step <= totalSteps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var epoch = (int)((step - 1) / batchesPerEpoch);
                if (epoch != orderEpoch)
                {
                    order?.Dispose();
                    using var generator = StepRandomness.ForOrder(options.Seed, epoch);
                    order = torch.randperm(rows, generator: generator);
                    orderEpoch = epoch;
                    epochLosses.Add((0, 0));
                }

                var start = (step - 1) % batchesPerEpoch * batchRows;
                var count = Math.Min(batchRows, rows - start);
                var learningRate = options.LearningRate * options.Schedule(step - 1, totalSteps);
                double loss;
                using (var scope = torch.NewDisposeScope())
                {
                    var indices = order!.narrow(0, start, count);
                    StepRandomness.SeedDropout(options.Seed, step, device.type == DeviceType.CUDA);
                    var batch = ImageBatch.Group(images.index_select(0, indices.to(images.device)).to(device), configuration.N);
                    var logits = batch.Ungroup(model.Decode(model.Encode(batch)));
                    var targets = labels.index_select(0, indices.to(labels.device)).to(device);
                    var value = nn.functional.cross_entropy(logits, targets, label_smoothing: options.LabelSmoothing);
                    loss = value.item<float>();
                    if (!double.IsFinite(loss)) throw new TrainingDivergedException(TrainingPhase.Task, step, loss, learningRate);
                    optimizer.ZeroGrad();
                    value.backward();
                    optimizer.Step(learningRate);
                }

                rowsSeen += count;
                var (sum, seen) = epochLosses[epoch];
                epochLosses[epoch] = (sum + loss * count, seen + count);

                Evaluation? evaluation = null;
                if (validation is not null && (step == totalSteps || (options.EvaluateEvery > 0 && step % options.EvaluateEvery == 0)))
                {
                    var accuracy = Evaluate(model, validation.Images, validation.Labels);
                    evaluation = new Evaluation(step, accuracy, best is null || accuracy > best.Accuracy);
                    evaluations.Add(evaluation);
                    if (evaluation.IsBest)
                    {
                        best = evaluation;
                        if (options.KeepBest)
                        {
                            foreach (var tensor in bestWeights?.Values ?? Enumerable.Empty<Tensor>()) tensor.Dispose();
                            bestWeights = model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
                        }
                    }
                }

                progress?.Report(new TrainingProgress(TrainingPhase.Task, step, totalSteps, loss, loss, null, null, learningRate,
                    rowsSeen / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), watch.Elapsed, evaluation));
            }

            var keptBest = false;
            if (options.KeepBest && bestWeights is not null)
            {
                ModelCheckpoints.Assign(model, bestWeights, "the best evaluation's weights", "model");
                keptBest = true;
            }

            model.train();
            return new TrainingSummary(totalSteps, epochLosses.Select(static e => e.Rows == 0 ? double.NaN : e.Sum / e.Rows).ToList(),
                evaluations, best, keptBest, 0, 0, rowsSeen / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), null);
        }
        finally
        {
            order?.Dispose();
            foreach (var tensor in bestWeights?.Values ?? Enumerable.Empty<Tensor>()) tensor.Dispose();
        }
    }

    /// <summary>
    /// Accuracy of <paramref name="model"/> on <paramref name="images"/> / <paramref name="labels"/> in [0, 1], in
    /// evaluation and inference mode, <paramref name="groupsPerBatch"/> groups per forward call; restores the training flag.
    /// </summary>
    public static double Evaluate<TModel>(TModel model, Tensor images, Tensor labels, int groupsPerBatch = 64)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedImageModel
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(model.Configuration, images, labels, nameof(labels));
        using var scope = torch.NewDisposeScope();
        var logits = Predict(model, images, groupsPerBatch);
        var correct = logits.argmax(-1).eq(labels.to(logits.device)).sum().item<long>();
        return (double)correct / images.shape[0];
    }

    /// <summary>
    /// Logits <c>[rows, Classes]</c> for <paramref name="images"/>, <paramref name="groupsPerBatch"/> groups per forward call,
    /// in evaluation and inference mode (the model's training flag is restored).
    /// </summary>
    public static Tensor Predict<TModel>(TModel model, Tensor images, int groupsPerBatch = 64)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedImageModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        if (groupsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(groupsPerBatch), groupsPerBatch, "Expected at least 1 group per batch.");
        var device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        using var onDevice = images.to(device);
        return BatchedInference.Predict(model, onDevice, checked(groupsPerBatch * model.Configuration.N));
    }

    /// <summary>Checks inputs and labels against the configuration (shape, dtype, label range), naming what was expected.</summary>
    private static void Check(ImageModelConfiguration configuration, Tensor images, Tensor labels, string parameter)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ImageChecks.Validate(images, configuration.ModelName, configuration.InputShape);
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0] || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException(
                $"{configuration.ModelName} expects labels of shape [{images.shape[0]}] (one per input) and dtype Int64, but got shape {Validation.TokenChecks.Format(labels.shape)} of {labels.dtype}.", parameter);
        }

        using var scope = torch.NewDisposeScope();
        var minimum = labels.min().item<long>();
        var maximum = labels.max().item<long>();
        if (minimum < 0 || maximum >= configuration.Classes)
        {
            throw new ArgumentException(
                $"{configuration.ModelName} expects labels in [0, {configuration.Classes}), but got label {(minimum < 0 ? minimum : maximum)} (smallest {minimum}, largest {maximum}).", parameter);
        }
    }
}
