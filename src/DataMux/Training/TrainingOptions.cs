using System;
using System.Collections.Generic;
using System.Globalization;

namespace DataMux.Training;

/// <summary>
/// Settings of <see cref="MultiplexedTrainer.Train{TModel}"/> and <see cref="MultiplexedTrainer.WarmUp{TModel}"/>. The
/// run's length is <see cref="Steps"/> when set, else <see cref="Epochs"/> passes over the rows.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training rows (at least 1); ignored when <see cref="Steps"/> is set.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Optimisation steps of the run (at least 1), cycling over the rows in reshuffled epochs; null: <see cref="Epochs"/>.</summary>
    public int? Steps { get; init; }

    /// <summary>Multiplexed groups per optimisation step: a step sees <c>BatchGroups · N</c> rows.</summary>
    public int BatchGroups { get; init; } = 4;

    /// <summary>Peak learning rate of AdamW.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW's decoupled weight decay (0 turns AdamW into Adam).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>
    /// Seed of the epochs' row orders, of dropout and of the retrieval targets (the model's own seed governs its
    /// initial weights). Every step draws from generators seeded from this seed and the step's number, so a run resumed
    /// from a checkpoint draws what the uninterrupted run would have.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>
    /// Fraction of all steps over which the learning rate rises linearly to its peak: warm-up step s (from 0) gets
    /// (s + 1) / (w + 1) of it, w being the warm-up steps, so the first step already moves the weights.
    /// </summary>
    public double WarmupFraction { get; init; }

    /// <summary>
    /// Whether the learning rate then decays linearly toward 0: after the warm-up, step s of T gets (T - s) / (T - warm-up
    /// steps) of the peak, so the last step still gets 1 / (T - warm-up steps) of it (Hugging Face's linear schedule).
    /// </summary>
    public bool LinearDecay { get; init; }

    /// <summary>
    /// Weight of the retrieval loss when fine-tuning with a warmed-up <see cref="RetrievalHead"/>: the loss is
    /// <c>(1 − w)·task + w·retrieval</c> (the reference code's 0.9 / 0.1). In [0, 1); ignored without a head.
    /// </summary>
    public double RetrievalWeight { get; init; } = 0.1;

    /// <summary>
    /// The share of the retrieval positions a step computes, in (0, 1]: 1 (the default, the reference code's
    /// <c>retrieval_percentage</c>) takes every content position; less samples them, which makes a step with the retrieval
    /// loss cheaper (its vocabulary-sized output layer is the costliest part of a small model's step).
    /// </summary>
    public double RetrievalFraction { get; init; } = 1.0;

    /// <summary>
    /// The warm-up's objective, in [0, 1): 0 (the default) is DataMUX's retrieval of the visible tokens; above 0 every
    /// input's content tokens are hidden behind a mask id with this probability before the forward pass, and the warm-up
    /// retrieves each hidden token of each input from the context: a masked language model over the multiplexed inputs,
    /// as MUX-PLMs pre-train (BERT's share is 0.15). Ignored by <see cref="MultiplexedTrainer.Train{TModel}"/>.
    /// </summary>
    public double WarmupMasking { get; init; }

    /// <summary>
    /// A curriculum over N, in [0, 1): the share of the run's steps over which the inputs that carry data in every
    /// multiplexed group rise from 1 to N (equal stretches of 1, 2, ..., N); the other slots are filler rows, as in a last,
    /// incomplete group. 0 (the default) trains every step on full groups. A step still reads
    /// <see cref="BatchGroups"/>·N rows of the data; the filler's are not learned from.
    /// </summary>
    public double CurriculumFraction { get; init; }

    /// <summary>
    /// Label smoothing of the task's cross-entropy, in [0, 1): the target puts 1 − ε on the label and spreads ε evenly
    /// over all classes (PyTorch's <c>label_smoothing</c>). 0 (the default) is the plain cross-entropy. The warm-up's
    /// retrieval loss is never smoothed.
    /// </summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Evaluate on the validation rows every this many steps (and after the last step); 0 evaluates after the last step
    /// only. Needs validation rows.
    /// </summary>
    public int EvaluateEvery { get; init; }

    /// <summary>
    /// With validation rows: at the end of the run, put back the weights of the evaluation with the best accuracy (the
    /// first of equal ones), instead of keeping the last step's.
    /// </summary>
    public bool KeepBest { get; init; } = true;

    /// <summary>
    /// A folder for checkpoints, or null for none. The run writes <c>checkpoint.dmx</c> there every
    /// <see cref="CheckpointEvery"/> steps (atomically: a crash mid-write leaves the previous one), and at the end; a
    /// run started with a folder that holds a checkpoint of the same run (model configuration, data and these options)
    /// continues from it and ends as the uninterrupted run would have. A checkpoint of another run is an error that
    /// names the difference.
    /// </summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Steps between checkpoints (at least 1) when <see cref="CheckpointFolder"/> is set.</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Steps is null && Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Expected at least 1 epoch.");
        if (Steps is < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "Expected at least 1 step (or null to count epochs).");
        if (BatchGroups < 1) throw new ArgumentOutOfRangeException(nameof(BatchGroups), BatchGroups, "Expected at least 1 group per batch.");
        // Written so that NaN and infinities fail too.
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Expected a positive, finite learning rate.");
        if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Expected a non-negative, finite weight decay.");
        if (!(WarmupFraction >= 0 && WarmupFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "Expected a warm-up fraction in [0, 1).");
        if (!(RetrievalWeight >= 0 && RetrievalWeight < 1))
            throw new ArgumentOutOfRangeException(nameof(RetrievalWeight), RetrievalWeight, "Expected a retrieval weight in [0, 1) (the task keeps 1 minus it).");
        if (!(RetrievalFraction > 0 && RetrievalFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(RetrievalFraction), RetrievalFraction, "Expected a share of the retrieval positions in (0, 1].");
        if (!(WarmupMasking >= 0 && WarmupMasking < 1))
            throw new ArgumentOutOfRangeException(nameof(WarmupMasking), WarmupMasking, "Expected a masking probability in [0, 1) (0: retrieve the visible tokens).");
        if (!(CurriculumFraction >= 0 && CurriculumFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(CurriculumFraction), CurriculumFraction, "Expected a curriculum share of the steps in [0, 1) (0: no curriculum).");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "Expected a label smoothing in [0, 1) (0: the plain cross-entropy).");
        if (EvaluateEvery < 0) throw new ArgumentOutOfRangeException(nameof(EvaluateEvery), EvaluateEvery, "Expected 0 (evaluate at the end) or a positive number of steps.");
        if (CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), CheckpointEvery, "Expected at least 1 step between checkpoints.");
        if (CheckpointFolder is { Length: 0 }) throw new ArgumentException("Expected a checkpoint folder path, or null for no checkpoints; got an empty string.", nameof(CheckpointFolder));
    }

    /// <summary>The learning-rate multiplier at <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public double Schedule(int step, int totalSteps)
    {
        // At least the last step is past the warm-up: rounding must not stretch the warm-up over the whole run.
        var warmup = Math.Min((int)Math.Round(WarmupFraction * totalSteps), Math.Max(0, totalSteps - 1));
        if (step < warmup) return (step + 1.0) / (warmup + 1.0);
        if (!LinearDecay) return 1.0;
        var remaining = totalSteps - warmup;
        return remaining <= 0 ? 1.0 : Math.Max(0.0, (double)(totalSteps - step) / remaining);
    }

    /// <summary>
    /// The settings that decide what a run computes, as <c>name=value</c> pairs: a checkpoint records them, and a run
    /// resumes only from a checkpoint whose settings are these. Where checkpoints go and how often are left out: they
    /// change when state is saved, not what is computed.
    /// </summary>
    internal IReadOnlyList<KeyValuePair<string, string>> Fingerprint()
    {
        List<KeyValuePair<string, string>> settings =
        [
            new(nameof(Steps), Steps?.ToString(CultureInfo.InvariantCulture) ?? "null"),
            new(nameof(Epochs), Steps is null ? Epochs.ToString(CultureInfo.InvariantCulture) : "-"),
            new(nameof(BatchGroups), BatchGroups.ToString(CultureInfo.InvariantCulture)),
            new(nameof(LearningRate), LearningRate.ToString("R", CultureInfo.InvariantCulture)),
            new(nameof(WeightDecay), WeightDecay.ToString("R", CultureInfo.InvariantCulture)),
            new(nameof(Seed), Seed.ToString(CultureInfo.InvariantCulture)),
            new(nameof(WarmupFraction), WarmupFraction.ToString("R", CultureInfo.InvariantCulture)),
            new(nameof(LinearDecay), LinearDecay ? "true" : "false"),
            new(nameof(RetrievalWeight), RetrievalWeight.ToString("R", CultureInfo.InvariantCulture)),
            new(nameof(RetrievalFraction), RetrievalFraction.ToString("R", CultureInfo.InvariantCulture)),
            new(nameof(EvaluateEvery), EvaluateEvery.ToString(CultureInfo.InvariantCulture)),
            new(nameof(KeepBest), KeepBest ? "true" : "false"),
        ];
        // Recorded only when used, so that checkpoints and cached warm-ups of runs without them stay valid.
        if (WarmupMasking > 0) settings.Add(new(nameof(WarmupMasking), WarmupMasking.ToString("R", CultureInfo.InvariantCulture)));
        if (CurriculumFraction > 0) settings.Add(new(nameof(CurriculumFraction), CurriculumFraction.ToString("R", CultureInfo.InvariantCulture)));
        if (LabelSmoothing > 0) settings.Add(new(nameof(LabelSmoothing), LabelSmoothing.ToString("R", CultureInfo.InvariantCulture)));
        return settings;
    }
}
