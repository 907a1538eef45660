using System;
using System.Threading;
using DataMux.Batching;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>Labelled rows a run evaluates on: <c>[rows, L]</c> int64 tokens and <c>[rows]</c> or <c>[rows, L]</c> int64 labels.</summary>
/// <param name="Tokens">Input rows.</param>
/// <param name="Labels">Their labels, by the model's task.</param>
public sealed record ValidationRows(Tensor Tokens, Tensor Labels);

/// <summary>
/// Training for any generated model, as DataMUX trains: an optional retrieval warm-up (<see cref="WarmUp{TModel}"/>,
/// unlabelled text), then the task (<see cref="Train{TModel}"/>), with the retrieval loss mixed in when the warm-up's
/// head is passed on. AdamW, seeded batches of whole multiplexed groups, evaluation every K steps with the best weights
/// kept, atomic checkpoints to resume from, a stop with <see cref="TrainingDivergedException"/> at a NaN or infinite
/// loss, cancellation, and progress through <see cref="IProgress{T}"/>. Writes nothing to the console.
/// </summary>
public static class MultiplexedTrainer
{
    /// <summary>The label of token positions that count in neither loss nor accuracy (padding), as in PyTorch.</summary>
    public const long IgnoreLabel = -100;

    // IgnoreLabel as the Scalar that comparisons take, held for the process (see HeldScalars).
    internal static readonly Scalar Ignored = IgnoreLabel.ToScalar();

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="tokens"/> (<c>[rows, L]</c> int64) and <paramref name="labels"/>
    /// (<c>[rows]</c> or <c>[rows, L]</c> int64, by the model's task): cross-entropy, positions labelled
    /// <see cref="IgnoreLabel"/> left out; a token-task row with no counted position is left out of the batches (the
    /// summary counts them). With <paramref name="retrieval"/> (a warmed-up head) the loss is
    /// <c>(1 − w)·task + w·retrieval</c> on the same batch, w being <see cref="TrainingOptions.RetrievalWeight"/>, and the
    /// head trains along. With <paramref name="validation"/> the model is evaluated every
    /// <see cref="TrainingOptions.EvaluateEvery"/> steps and after the last, and the best weights are put back at the end
    /// (<see cref="TrainingOptions.KeepBest"/>). On the CPU a run is reproducible from its options, and a run resumed
    /// from its checkpoint folder ends as the uninterrupted one would have. The model is left in training mode.
    /// </summary>
    /// <param name="model">A generated model.</param>
    /// <param name="tokens">Training inputs (moved to the model's device a batch at a time).</param>
    /// <param name="labels">Training targets.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="validation">Rows to evaluate on, or null.</param>
    /// <param name="retrieval">The head of a retrieval warm-up of this model, or null to train on the task alone.</param>
    /// <param name="progress">Told about every step and evaluation, or null.</param>
    /// <param name="cancellationToken">Stops the run before its next step (after writing a checkpoint when it has a folder).</param>
    /// <exception cref="TrainingDivergedException">A step's loss was NaN or infinite (the step was not applied).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static TrainingSummary Train<TModel>(
        TModel model, Tensor tokens, Tensor labels, TrainingOptions options,
        ValidationRows? validation = null, RetrievalHead? retrieval = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingData.Check(model.Configuration, tokens, labels, nameof(labels));
        if (validation is not null) TrainingData.Check(model.Configuration, validation.Tokens, validation.Labels, nameof(validation));
        if (options.EvaluateEvery > 0 && validation is null)
            throw new ArgumentException($"EvaluateEvery = {options.EvaluateEvery} needs validation rows to evaluate on; pass them, or set EvaluateEvery = 0.", nameof(validation));
        CheckHead(model.Configuration, retrieval);
        return new TrainingRun<TModel>(model, TrainingPhase.Task, tokens, labels, options, validation, retrieval, progress, cancellationToken).Run();
    }

    /// <summary>
    /// DataMUX's retrieval warm-up: trains <paramref name="model"/> and <paramref name="head"/> on unlabelled rows
    /// <paramref name="tokens"/> (<c>[rows, L]</c> int64) to recover, at every position, the token of an input drawn at
    /// random from the mix (<see cref="RetrievalHead"/>); rows that are all padding are left out. Fine-tuning then
    /// starts from these weights with the head passed to <see cref="Train{TModel}"/>. Checkpoints, resume, divergence and
    /// cancellation work as in <see cref="Train{TModel}"/>; <see cref="RetrievalWarmup.LoadOrRun{TModel}"/> caches the
    /// result per configuration.
    /// </summary>
    public static TrainingSummary WarmUp<TModel>(
        TModel model, RetrievalHead head, Tensor tokens, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentNullException.ThrowIfNull(tokens);
        TokenChecks.Validate(tokens, model.Configuration.ModelName, model.Configuration.MaxLength, model.Configuration.Vocabulary);
        CheckHead(model.Configuration, head);
        return new TrainingRun<TModel>(model, TrainingPhase.Warmup, tokens, null, options, null, head, progress, cancellationToken).Run();
    }

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
        TrainingData.Check(model.Configuration, tokens, labels, nameof(labels));

        using var scope = torch.NewDisposeScope();
        var device = TrainingData.DeviceOf(model);
        var logits = model.PredictInGroups(tokens.to(device), groupsPerBatch);
        var predictions = logits.argmax(-1);
        var targets = labels.to(device);
        var counted = targets.ne(Ignored);
        var total = counted.sum().item<long>();   // at least 1: Check rejects labels that are all ignored
        var correct = predictions.eq(targets).logical_and_(counted).sum().item<long>();
        return (double)correct / total;
    }

    private static void CheckHead(ModelConfiguration configuration, RetrievalHead? head)
    {
        if (head is not null && head.Configuration with { ModelName = configuration.ModelName } != configuration)
        {
            throw new ArgumentException(
                $"The retrieval head was made for another configuration ({head.Configuration.ModelName}) than {configuration.ModelName}'s; make it with new RetrievalHead({configuration.ModelName}.Configuration).",
                nameof(head));
        }
    }
}
