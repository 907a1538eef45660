using System;

namespace DataMux.Training;

/// <summary>Settings of <see cref="MultiplexedTrainer.Train{TModel}"/>.</summary>
/// <param name="Epochs">Passes over the training rows (at least 1).</param>
/// <param name="BatchGroups">Multiplexed groups per optimisation step: a step sees <c>BatchGroups · N</c> rows.</param>
/// <param name="LearningRate">Peak learning rate of AdamW.</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay (0 turns AdamW into Adam).</param>
/// <param name="Seed">Seed of the per-epoch shuffles and of dropout during training (the model's own seed governs its
/// initial weights).</param>
/// <param name="WarmupFraction">Fraction of all steps over which the learning rate rises linearly to its peak: warm-up step s
/// (from 0) gets (s + 1) / (w + 1) of it, w being the warm-up steps, so the first step already moves the weights.</param>
/// <param name="LinearDecay">Whether the learning rate then decays linearly toward 0: after the warm-up, step s of T gets
/// (T - s) / (T - warm-up steps) of the peak, so the last step still gets 1 / (T - warm-up steps) of it (the same
/// schedule as Hugging Face's linear one).</param>
public sealed record TrainingOptions(
    int Epochs = 3,
    int BatchGroups = 4,
    double LearningRate = 1e-3,
    double WeightDecay = 0.01,
    int Seed = 0,
    double WarmupFraction = 0.0,
    bool LinearDecay = false)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Expected at least 1 epoch.");
        if (BatchGroups < 1) throw new ArgumentOutOfRangeException(nameof(BatchGroups), BatchGroups, "Expected at least 1 group per batch.");
        // Written so that NaN and infinities fail too.
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Expected a positive, finite learning rate.");
        if (!(WeightDecay >= 0 && double.IsFinite(WeightDecay))) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Expected a non-negative, finite weight decay.");
        if (!(WarmupFraction >= 0 && WarmupFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(WarmupFraction), WarmupFraction, "Expected a warm-up fraction in [0, 1).");
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
}
