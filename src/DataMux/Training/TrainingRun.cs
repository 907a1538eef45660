using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using DataMux.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// One run of <see cref="MultiplexedTrainer"/>: the step loop of either phase, with its evaluations, checkpoints and
/// resume. Every random draw of step s comes from seeds of (options' seed, s) (<see cref="StepRandomness"/>), so the
/// state a checkpoint needs is the weights, the optimizer's moments and the bookkeeping below.
/// </summary>
internal sealed class TrainingRun<TModel>
    where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
{
    private const string CheckpointName = "checkpoint.dmx";
    private const string BestName = "best.dmx";
    private const string HeadPrefix = "retrieval/";
    private const string OptimizerPrefix = "optimizer/";

    private readonly TModel model;
    private readonly TrainingPhase phase;
    private readonly Tensor tokens;
    private readonly Tensor? labels;
    private readonly TrainingOptions options;
    private readonly ValidationRows? validation;
    private readonly RetrievalHead? head;
    private readonly IProgress<TrainingProgress>? progress;
    private readonly CancellationToken cancellationToken;
    private readonly ModelConfiguration configuration;

    // Bookkeeping a checkpoint carries: (loss sum, rows) per epoch begun, the evaluations, and the best one.
    private readonly List<(double Sum, long Rows)> epochLosses = [];
    private readonly List<Evaluation> evaluations = [];
    private Evaluation? best;
    private Dictionary<string, Tensor>? bestWeights;

    public TrainingRun(TModel model, TrainingPhase phase, Tensor tokens, Tensor? labels, TrainingOptions options,
        ValidationRows? validation, RetrievalHead? head, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        (this.model, this.phase, this.tokens, this.labels, this.options) = (model, phase, tokens, labels, options);
        (this.validation, this.head, this.progress, this.cancellationToken) = (validation, head, progress, cancellationToken);
        configuration = model.Configuration;
    }

    private bool MixesRetrieval => head is not null && (phase == TrainingPhase.Warmup || options.RetrievalWeight > 0);

    public TrainingSummary Run()
    {
        var device = TrainingData.DeviceOf(model);
        using var usable = TrainingData.UsableRows(phase, configuration, tokens, labels);
        var rows = usable.shape[0];
        if (rows == 0)
            throw new ArgumentException($"{configuration.ModelName}'s {(phase == TrainingPhase.Warmup ? "warm-up" : "training")} rows hold nothing to learn from (every row is all padding).", nameof(tokens));
        var batchRows = (long)options.BatchGroups * configuration.N;
        var batchesPerEpoch = (rows + batchRows - 1) / batchRows;
        var totalSteps = options.Steps ?? (batchesPerEpoch * options.Epochs <= int.MaxValue
            ? (int)(batchesPerEpoch * options.Epochs)
            : throw new ArgumentOutOfRangeException(nameof(options), options.Epochs,
                $"Expected at most {int.MaxValue / batchesPerEpoch} epochs for {rows} rows in batches of {batchRows} (steps are counted in an int), but got Epochs = {options.Epochs}."));
        var dataFingerprint = TrainingData.Fingerprint(tokens, labels);

        // The global generator is seeded per step for dropout; the caller's state comes back afterwards.
        using var restoreRandom = Seeding.Scope(options.Seed);
        // Training needs autograd whatever the caller's context is (inside no_grad it failed at backward with
        // libtorch's "element 0 of tensors does not require grad").
        using var notInference = torch.inference_mode(false);
        using var gradients = torch.enable_grad();
        var parameters = head is null ? model.parameters() : model.parameters().Concat(head.parameters());
        // Not torch.optim.AdamW: its implicit Scalars could be freed under libtorch (see HeldScalars).
        using var optimizer = new AdamWOptimizer(parameters, options.WeightDecay);
        var resumedFrom = Resume(optimizer, totalSteps, dataFingerprint);
        model.train();
        head?.train();

        using var taskWeight = (1 - options.RetrievalWeight).ToScalar();   // held: see HeldScalars
        using var retrievalWeight = options.RetrievalWeight.ToScalar();
        var watch = Stopwatch.StartNew();
        long rowsSeen = 0;
        var recentRetrieval = new Queue<double>();
        Tensor? order = null;
        var orderEpoch = -1;
        try
        {
            for (var step = resumedFrom + 1; step <= totalSteps; step++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    if (options.CheckpointFolder is not null) WriteCheckpoint(optimizer, step - 1, totalSteps, dataFingerprint);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var epoch = (int)((step - 1) / batchesPerEpoch);
                if (epoch != orderEpoch)
                {
                    order?.Dispose();
                    using var generator = StepRandomness.ForOrder(options.Seed, epoch);
                    using var permutation = torch.randperm(rows, generator: generator);
                    order = usable.index_select(0, permutation);
                    orderEpoch = epoch;
                    while (epochLosses.Count <= epoch) epochLosses.Add((0, 0));
                }

                var start = (step - 1) % batchesPerEpoch * batchRows;
                var count = Math.Min(batchRows, rows - start);
                var learningRate = options.LearningRate * options.Schedule(step - 1, totalSteps);
                var (loss, taskLoss, retrievalLoss, retrievalAccuracy) = Step(optimizer, order!, start, count, step, totalSteps, learningRate, device, taskWeight, retrievalWeight);
                rowsSeen += count;
                if (retrievalAccuracy is { } accuracy)
                {
                    recentRetrieval.Enqueue(accuracy);
                    if (recentRetrieval.Count > 100) recentRetrieval.Dequeue();
                }

                var (sum, seen) = epochLosses[epoch];
                epochLosses[epoch] = (sum + loss * count, seen + count);

                Evaluation? evaluation = null;
                if (validation is not null && (step == totalSteps || (options.EvaluateEvery > 0 && step % options.EvaluateEvery == 0)))
                    evaluation = Evaluate(step);
                if (options.CheckpointFolder is not null && (step == totalSteps || step % options.CheckpointEvery == 0))
                    WriteCheckpoint(optimizer, step, totalSteps, dataFingerprint);
                progress?.Report(new TrainingProgress(phase, step, totalSteps, loss, taskLoss, retrievalLoss, retrievalAccuracy, learningRate,
                    rowsSeen / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), watch.Elapsed, evaluation));
            }
        }
        finally
        {
            order?.Dispose();
        }

        var keptBest = false;
        if (options.KeepBest && bestWeights is not null)
        {
            ModelCheckpoints.Assign(model, bestWeights, "the best evaluation's weights", "model");
            keptBest = true;
        }

        DisposeBestWeights();
        model.train();
        return new TrainingSummary(totalSteps,
            epochLosses.Select(static e => e.Rows == 0 ? double.NaN : e.Sum / e.Rows).ToList(),
            evaluations.ToList(), best, keptBest, resumedFrom,
            tokens.shape[0] - rows, rowsSeen / Math.Max(watch.Elapsed.TotalSeconds, 1e-9),
            recentRetrieval.Count == 0 ? null : recentRetrieval.Average());
    }

    /// <summary>One optimisation step on the rows <c>order[start, start + count)</c>; returns the losses it reported.</summary>
    private (double Loss, double? Task, double? Retrieval, double? RetrievalAccuracy) Step(
        AdamWOptimizer optimizer, Tensor order, long start, long count, int step, int totalSteps, double learningRate, Device device, Scalar taskWeight, Scalar retrievalWeight)
    {
        using var scope = torch.NewDisposeScope();
        var indices = order.narrow(0, start, count);
        StepRandomness.SeedDropout(options.Seed, step, device.type == DeviceType.CUDA);
        var batchTokens = tokens.index_select(0, indices.to(tokens.device)).to(device);
        var batchLabels = labels?.index_select(0, indices.to(labels.device)).to(device);
        var live = InputCurriculum.LiveInputs(step, totalSteps, configuration.N, options.CurriculumFraction);
        if (live < configuration.N)
        {
            using var curriculum = StepRandomness.ForCurriculum(options.Seed, step);
            (batchTokens, batchLabels) = InputCurriculum.Mask(batchTokens, batchLabels, configuration.N, live, configuration.PaddingToken, curriculum);
        }

        // The masked warm-up's hidden positions and the tokens they held.
        Tensor? hiddenPositions = null, originalTokens = null;
        if (phase == TrainingPhase.Warmup && options.WarmupMasking > 0)
        {
            using var masking = StepRandomness.ForMasking(options.Seed, step);
            (batchTokens, hiddenPositions, originalTokens) = MaskedRetrieval.Mask(batchTokens, options.WarmupMasking, configuration.Tokens, masking);
        }

        var batch = MultiplexedBatch.Group(batchTokens, configuration.N, configuration.PaddingToken);
        var hidden = model.Encode(batch);

        Tensor? task = null, retrieval = null;
        double? retrievalAccuracy = null;
        if (phase == TrainingPhase.Task)
        {
            var logits = batch.Ungroup(model.Decode(hidden, batch));
            var targets = batchLabels!;
            task = configuration.Task == ModelTask.TokenClassification
                ? nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index: MultiplexedTrainer.IgnoreLabel, label_smoothing: options.LabelSmoothing)
                : nn.functional.cross_entropy(logits, targets, ignore_index: MultiplexedTrainer.IgnoreLabel, label_smoothing: options.LabelSmoothing);
        }

        if (MixesRetrieval)
        {
            using var generator = StepRandomness.ForRetrieval(options.Seed, step);
            var (pairs, targets) = hiddenPositions is null
                ? head!.DrawTargets(batch, generator, options.RetrievalFraction)
                : MaskedRetrieval.Targets(hiddenPositions, originalTokens!, configuration.N);
            if (pairs.shape[0] > 0)
            {
                var logits = head!.Logits(model, hidden, pairs);
                retrieval = nn.functional.cross_entropy(logits, targets);
                retrievalAccuracy = logits.argmax(-1).eq(targets).to(ScalarType.Float32).mean().item<float>();
            }
        }

        var loss = (task, retrieval) switch
        {
            ({ } t, { } r) => t.mul(taskWeight).add_(r, retrievalWeight),
            ({ } t, null) => t,
            (null, { } r) => r,
            // A warm-up batch whose drawn targets are all padding: nothing to learn, no update.
            _ => null,
        };
        if (loss is null) return (0, null, null, null);

        var value = loss.item<float>();
        if (!float.IsFinite(value)) throw new TrainingDivergedException(phase, step, value, learningRate);
        optimizer.ZeroGrad();
        loss.backward();
        optimizer.Step(learningRate);
        return (value, task?.item<float>(), retrieval?.item<float>(), retrievalAccuracy);
    }

    private Evaluation Evaluate(int step)
    {
        var accuracy = MultiplexedTrainer.Evaluate(model, validation!.Tokens, validation.Labels);
        var isBest = best is null || accuracy > best.Accuracy;
        var evaluation = new Evaluation(step, accuracy, isBest);
        evaluations.Add(evaluation);
        if (isBest)
        {
            best = evaluation;
            if (options.KeepBest)
            {
                DisposeBestWeights();
                bestWeights = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
                if (options.CheckpointFolder is not null)
                {
                    CheckpointFile.Write(Path.Combine(options.CheckpointFolder, BestName), RunHeader(step, 0, ""),
                        ModelCheckpoints.Prefixed(ModelCheckpoints.ModelPrefix, bestWeights));
                }
            }
        }

        return evaluation;
    }

    private void DisposeBestWeights()
    {
        foreach (var tensor in bestWeights?.Values ?? Enumerable.Empty<Tensor>()) tensor.Dispose();
        bestWeights = null;
    }

    /// <summary>What identifies this run in its checkpoints, and where it stands.</summary>
    private JsonObject RunHeader(int step, int totalSteps, string dataFingerprint)
    {
        var header = ModelCheckpoints.Header("training", configuration);
        header["phase"] = phase.ToString();
        header["options"] = new JsonObject(options.Fingerprint().Select(pair => new KeyValuePair<string, JsonNode?>(pair.Key, pair.Value)));
        header["data"] = dataFingerprint;
        header["retrieval"] = head is not null;
        header["step"] = step;
        header["totalSteps"] = totalSteps;
        return header;
    }

    private void WriteCheckpoint(AdamWOptimizer optimizer, int step, int totalSteps, string dataFingerprint)
    {
        using var scope = torch.NewDisposeScope();
        var header = RunHeader(step, totalSteps, dataFingerprint);
        header["epochLosses"] = new JsonArray(epochLosses.Select(e => (JsonNode)new JsonArray(e.Sum, e.Rows)).ToArray());
        header["evaluations"] = new JsonArray(evaluations.Select(e => (JsonNode)new JsonArray(e.Step, e.Accuracy, e.IsBest)).ToArray());
        header["best"] = best?.Step;
        var tensors = ModelCheckpoints.Prefixed(ModelCheckpoints.ModelPrefix, model.state_dict())
            .Concat(head is null ? [] : ModelCheckpoints.Prefixed(HeadPrefix, head.state_dict()))
            .Concat(ModelCheckpoints.Prefixed(OptimizerPrefix, optimizer.State()));
        CheckpointFile.Write(Path.Combine(options.CheckpointFolder!, CheckpointName), header, tensors);
    }

    /// <summary>
    /// Continues from the checkpoint in the run's folder, if there is one: checks that it is this run's (or throws naming
    /// what differs), loads the weights, the optimizer's state and the bookkeeping, and returns the step it was written
    /// after (0 without a checkpoint).
    /// </summary>
    private int Resume(AdamWOptimizer optimizer, int totalSteps, string dataFingerprint)
    {
        if (options.CheckpointFolder is null) return 0;
        var path = Path.Combine(options.CheckpointFolder, CheckpointName);
        if (!File.Exists(path)) return 0;

        var (header, tensors) = CheckpointFile.Read(path);
        try
        {
            if ((string?)header["kind"] != "training")
                throw new InvalidOperationException($"'{path}' is a DataMux file of kind '{(string?)header["kind"]}', not a training checkpoint; use another checkpoint folder.");
            ConfigurationFingerprint.Check(header["configuration"] as JsonObject, (string?)header["model"], configuration, path);
            var expected = RunHeader(0, totalSteps, dataFingerprint);
            var differences = new List<string>();
            foreach (var key in new[] { "phase", "retrieval", "data", "totalSteps" })
            {
                if (header[key]?.ToJsonString() != expected[key]?.ToJsonString())
                    differences.Add(key == "data" ? "the training rows differ" : $"{key} is {header[key]?.ToJsonString()} there and {expected[key]?.ToJsonString()} here");
            }

            var theirs = header["options"] as JsonObject;
            foreach (var (name, value) in options.Fingerprint())
            {
                var recorded = (string?)theirs?[name];
                if (recorded != value) differences.Add($"{name} is {recorded ?? "(missing)"} there and {value} here");
            }

            var ours = options.Fingerprint().Select(static pair => pair.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, value) in theirs ?? [])
            {
                if (!ours.Contains(name)) differences.Add($"{name} is {value?.ToJsonString()} there and not set here");
            }

            if (differences.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The checkpoint '{path}' is of another run: {string.Join("; ", differences)}. Use another checkpoint folder, or delete this one to start over.");
            }

            ModelCheckpoints.Assign(model, ModelCheckpoints.Unprefixed(ModelCheckpoints.ModelPrefix, tensors), path, "model");
            if (head is not null) ModelCheckpoints.Assign(head, ModelCheckpoints.Unprefixed(HeadPrefix, tensors), path, "retrieval head");
            optimizer.LoadState(ModelCheckpoints.Unprefixed(OptimizerPrefix, tensors), path);

            foreach (var entry in header["epochLosses"]?.AsArray() ?? [])
                epochLosses.Add(((double)entry![0]!, (long)entry[1]!));
            foreach (var entry in header["evaluations"]?.AsArray() ?? [])
                evaluations.Add(new Evaluation((int)entry![0]!, (double)entry[1]!, (bool)entry[2]!));
            best = evaluations.LastOrDefault(e => e.IsBest);
            if (best is not null && options.KeepBest)
            {
                var bestPath = Path.Combine(options.CheckpointFolder, BestName);
                var (_, bestTensors) = CheckpointFile.Read(bestPath);
                bestWeights = ModelCheckpoints.Unprefixed(ModelCheckpoints.ModelPrefix, bestTensors);
                foreach (var tensor in bestTensors.Values) tensor.DetachFromDisposeScope();
            }

            return (int)header["step"]!;
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }
}
