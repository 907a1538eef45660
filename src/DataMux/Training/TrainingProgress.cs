using System;

namespace DataMux.Training;

/// <summary>What a training step is for.</summary>
public enum TrainingPhase
{
    /// <summary>Retrieval warm-up: the model learns to recover every input's tokens from the mix (no task labels).</summary>
    Warmup,

    /// <summary>The task, with the retrieval loss mixed in when a warmed-up head is given.</summary>
    Task,
}

/// <summary>Reported after every optimisation step and every evaluation of a training run.</summary>
/// <param name="Phase">Warm-up or task.</param>
/// <param name="Step">Steps done so far, 1-based over the whole run (a resumed run continues the count).</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Loss">This step's loss (the weighted mix when there are two).</param>
/// <param name="TaskLoss">This step's task cross-entropy; null in the warm-up.</param>
/// <param name="RetrievalLoss">This step's retrieval cross-entropy; null when the run has no retrieval head.</param>
/// <param name="RetrievalAccuracy">The fraction of this step's retrieval targets predicted right; null without a head.</param>
/// <param name="LearningRate">The learning rate used for this step.</param>
/// <param name="InstancesPerSecond">Training rows per second over the steps this process ran.</param>
/// <param name="Elapsed">Wall time of this process's part of the run.</param>
/// <param name="Validation">The evaluation just made, or null when this step made none.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Step,
    int TotalSteps,
    double Loss,
    double? TaskLoss,
    double? RetrievalLoss,
    double? RetrievalAccuracy,
    double LearningRate,
    double InstancesPerSecond,
    TimeSpan Elapsed,
    Evaluation? Validation);

/// <summary>One evaluation on the validation rows.</summary>
/// <param name="Step">The step after which it was made.</param>
/// <param name="Accuracy">Accuracy in [0, 1].</param>
/// <param name="IsBest">Whether it is the best so far (the first of equal ones counts).</param>
public sealed record Evaluation(int Step, double Accuracy, bool IsBest);
