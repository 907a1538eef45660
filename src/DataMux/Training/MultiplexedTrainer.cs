using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Batching;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// A small, complete training loop for any generated model: AdamW over all parameters, seeded shuffling, batches of
/// whole multiplexed groups, cross-entropy for sequence classification (<c>[rows, C]</c> vs <c>[rows]</c>) or token
/// classification (<c>[rows, L, C]</c> vs <c>[rows, L]</c>, positions labelled <see cref="IgnoreLabel"/> skipped),
/// and accuracy evaluation through <see cref="BatchedInference"/>. Writes nothing to the console: progress goes to
/// an optional callback.
/// </summary>
public static class MultiplexedTrainer
{
    /// <summary>The label of token positions that count in neither loss nor accuracy (padding), as in PyTorch.</summary>
    public const long IgnoreLabel = -100;

    // IgnoreLabel as the Scalar that comparisons take, held for the process (see HeldScalars).
    private static readonly Scalar Ignored = IgnoreLabel.ToScalar();

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="tokens"/> (<c>[rows, L]</c> int64) and
    /// <paramref name="labels"/> (<c>[rows]</c> or <c>[rows, L]</c> int64, by the model's task). Rows are reshuffled
    /// every epoch with a generator seeded from <see cref="TrainingOptions.Seed"/> and fed <c>BatchGroups · N</c> at a
    /// time (the last batch may be smaller; the model completes its last group with filler rows that carry no loss).
    /// Dropout is seeded from <see cref="TrainingOptions.Seed"/> too (on the CPU the caller's global random state is
    /// restored afterwards; on CUDA the CUDA generators are seeded and left so), so a run on the CPU is reproducible;
    /// on CUDA the dropout masks repeat, but libtorch's default GPU kernels (atomic accumulation in some backward
    /// passes) may differ in the last bits from run to run. A token batch whose positions are all ignored is skipped
    /// (no step, not in the epoch's loss). The model is left in training mode. Data is moved to the model's device one
    /// batch at a time.
    /// </summary>
    /// <param name="model">A generated model (or any module implementing <see cref="IMultiplexedModel"/>).</param>
    /// <param name="tokens">Training inputs.</param>
    /// <param name="labels">Training targets.</param>
    /// <param name="options">Loop settings.</param>
    /// <param name="progress">Called after every step; may be null.</param>
    public static TrainingSummary Train<TModel>(
        TModel model, Tensor tokens, Tensor labels, TrainingOptions options, Action<TrainingProgress>? progress = null)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var configuration = model.Configuration;
        CheckData(configuration, tokens, labels);

        var rows = tokens.shape[0];
        var batchRows = (long)options.BatchGroups * configuration.N;
        var stepsPerEpoch = (rows + batchRows - 1) / batchRows;
        if (stepsPerEpoch * options.Epochs > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs,
                $"Expected at most {int.MaxValue / stepsPerEpoch} epochs for {rows} rows in batches of {batchRows} (steps are counted in an int), but got Epochs = {options.Epochs}.");
        }

        var device = DeviceOf(model);
        using var generator = OrderGenerator(options.Seed);
        // The schedule spans the steps that will run: token batches with no counted position are skipped below.
        var totalSteps = configuration.Task == ModelTask.TokenClassification
            ? StepsWithLabels(labels, batchRows, options.Epochs, options.Seed)
            : (int)(stepsPerEpoch * options.Epochs);
        var epochLosses = new List<double>(options.Epochs);
        var step = 0;
        // Dropout draws from the global generator: seeding it for the run (and restoring it afterwards) makes a
        // training run reproducible from its options alone, whatever the caller drew before.
        using var seeded = Seeding.Scope(options.Seed);
        // On a GPU dropout draws from the CUDA generators, which Seeding.Scope leaves alone: seed them for the run too
        // (not restored afterwards: libtorch offers no state save for all of them at once).
        if (device.type == DeviceType.CUDA) torch.cuda.manual_seed_all(options.Seed);
        // Training needs autograd whatever the caller's context is (inside no_grad it failed at backward with
        // libtorch's "element 0 of tensors does not require grad").
        using var notInference = torch.inference_mode(false);
        using var gradients = torch.enable_grad();
        // Not torch.optim.AdamW: its implicit Scalars could be freed under libtorch (see HeldScalars).
        using var optimizer = new AdamWOptimizer(model.parameters(), options.WeightDecay);
        model.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var order = torch.randperm(rows, generator: generator);
            double lossSum = 0;
            long rowsInLoss = 0;
            for (long start = 0; start < rows; start += batchRows)
            {
                using var scope = torch.NewDisposeScope();
                var count = Math.Min(batchRows, rows - start);
                var indices = order.narrow(0, start, count).to(tokens.device);
                var batchTokens = tokens.index_select(0, indices).to(device);
                var batchLabels = labels.index_select(0, indices.to(labels.device)).to(device);
                // A token batch whose positions are all ignored has no loss (cross-entropy's mean over nothing is NaN,
                // which made every epoch's loss NaN) and nothing to learn: no step, as if the batch were not there.
                if (configuration.Task == ModelTask.TokenClassification && !batchLabels.ne(Ignored).any().item<bool>()) continue;

                var learningRate = options.LearningRate * options.Schedule(step, totalSteps);

                optimizer.ZeroGrad();
                var loss = Loss(configuration.Task, model.forward(batchTokens), batchLabels);
                loss.backward();
                optimizer.Step(learningRate);

                var value = loss.item<float>();
                lossSum += value * count;
                rowsInLoss += count;
                step++;
                progress?.Invoke(new TrainingProgress(epoch, step, totalSteps, value, learningRate));
            }

            epochLosses.Add(rowsInLoss == 0 ? double.NaN : lossSum / rowsInLoss);
        }

        return new TrainingSummary(step, epochLosses);
    }

    /// <summary>
    /// Steps a token-task run takes: batches, over all epochs, with at least one row that has a counted label. Draws
    /// the epochs' orders as the loop will, from a generator of its own seeded alike.
    /// </summary>
    private static int StepsWithLabels(Tensor labels, long batchRows, int epochs, int seed)
    {
        var rows = labels.shape[0];
        bool[] counted;
        using (torch.NewDisposeScope())
        {
            counted = labels.ne(Ignored).any(1).cpu().data<bool>().ToArray();
        }

        using var generator = OrderGenerator(seed);
        var steps = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var order = torch.randperm(rows, generator: generator);
            var rowsInOrder = order.data<long>().ToArray();
            for (long start = 0; start < rows; start += batchRows)
            {
                var end = Math.Min(rows, start + batchRows);
                for (var i = start; i < end; i++)
                {
                    if (!counted[rowsInOrder[i]]) continue;
                    steps++;
                    break;
                }
            }
        }

        return steps;
    }

    /// <summary>The generator the epochs' row orders are drawn from.</summary>
    private static Generator OrderGenerator(int seed) => new(unchecked((ulong)(uint)seed), torch.CPU);

    /// <summary>
    /// Accuracy of <paramref name="model"/> on <paramref name="tokens"/> / <paramref name="labels"/> in [0, 1]: the
    /// fraction of rows (sequence task) or of non-ignored token positions (token task) whose arg-max prediction equals
    /// the label. Runs in evaluation and inference mode, <paramref name="groupsPerBatch"/> groups per forward call,
    /// and restores the model's training flag.
    /// </summary>
    /// <param name="model">The model to evaluate.</param>
    /// <param name="tokens">Inputs <c>[rows, L]</c>; moved to the model's device.</param>
    /// <param name="labels">Targets, <c>[rows]</c> or <c>[rows, L]</c>.</param>
    /// <param name="groupsPerBatch">Multiplexed groups per forward call.</param>
    public static double Evaluate<TModel>(TModel model, Tensor tokens, Tensor labels, int groupsPerBatch = 16)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        var configuration = model.Configuration;
        CheckData(configuration, tokens, labels);

        using var scope = torch.NewDisposeScope();
        var device = DeviceOf(model);
        var logits = model.PredictInGroups(tokens.to(device), groupsPerBatch);
        var predictions = logits.argmax(-1);
        var targets = labels.to(device);
        var counted = targets.ne(Ignored);
        var total = counted.sum().item<long>();   // at least 1: CheckData rejects labels that are all ignored
        var correct = predictions.eq(targets).logical_and_(counted).sum().item<long>();
        return (double)correct / total;
    }

    /// <summary>Mean cross-entropy for the task, ignoring <see cref="IgnoreLabel"/> positions.</summary>
    private static Tensor Loss(ModelTask task, Tensor logits, Tensor labels) => task == ModelTask.TokenClassification
        ? nn.functional.cross_entropy(logits.flatten(0, 1), labels.flatten(), ignore_index: IgnoreLabel)
        : nn.functional.cross_entropy(logits, labels);

    private static Device DeviceOf(nn.Module model)
        => model.parameters().FirstOrDefault()?.device ?? torch.CPU;

    private static void CheckData(ModelConfiguration configuration, Tensor tokens, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(labels);
        TokenChecks.Validate(tokens, configuration.ModelName, configuration.MaxLength, configuration.Vocabulary);
        var tokenTask = configuration.Task == ModelTask.TokenClassification;
        var expected = tokenTask ? $"[{tokens.shape[0]}, {tokens.shape[1]}]" : $"[{tokens.shape[0]}]";
        var shapeMatches = tokenTask
            ? labels.dim() == 2 && labels.shape[0] == tokens.shape[0] && labels.shape[1] == tokens.shape[1]
            : labels.dim() == 1 && labels.shape[0] == tokens.shape[0];
        if (!shapeMatches)
            throw new ArgumentException($"{configuration.ModelName} expects labels of shape {expected} for its tokens, but got shape {TokenChecks.Format(labels.shape)}.", nameof(labels));
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"{configuration.ModelName} expects labels of dtype {ScalarType.Int64}, but got {labels.dtype}.", nameof(labels));

        using var scope = torch.NewDisposeScope();
        var counted = tokenTask ? labels.masked_select(labels.ne(Ignored)) : labels;
        if (counted.numel() == 0)
        {
            // Every position ignored: the loss would be NaN at every step.
            throw new ArgumentException(
                $"{configuration.ModelName} needs at least one label that counts, but every position is labelled {IgnoreLabel} (ignored).", nameof(labels));
        }

        var minimum = counted.min().item<long>();
        var maximum = counted.max().item<long>();
        if (minimum < 0 || maximum >= configuration.Outputs)
        {
            var ignore = tokenTask ? $" (or {IgnoreLabel} for ignored positions)" : string.Empty;
            throw new ArgumentException(
                $"{configuration.ModelName} expects labels in [0, {configuration.Outputs}){ignore}, but got labels from {minimum} to {maximum}.", nameof(labels));
        }
    }
}
