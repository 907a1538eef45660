using System;
using System.Globalization;

namespace DataMux.Training;

/// <summary>
/// A training step's loss was NaN or infinite. The step was not applied: the model holds the weights of the step
/// before (and a checkpoint folder its last checkpoint).
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the step that diverged.</summary>
    public TrainingDivergedException(TrainingPhase phase, int step, double loss, double learningRate)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged: the {(phase == TrainingPhase.Warmup ? "warm-up" : "task")} loss at step {step} is {loss} (learning rate {learningRate:G3}). " +
            $"The step was not applied: the model holds the weights after step {step - 1}. Lower the learning rate or raise the warm-up fraction and train again."))
    {
        Phase = phase;
        Step = step;
        Loss = loss;
    }

    /// <summary>The phase of the run that diverged.</summary>
    public TrainingPhase Phase { get; }

    /// <summary>The step whose loss was not finite (1-based).</summary>
    public int Step { get; }

    /// <summary>The loss: NaN or an infinity.</summary>
    public double Loss { get; }
}
