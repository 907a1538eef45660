using System.Collections.Generic;

namespace DataMux.Training;

/// <summary>What a training run did.</summary>
/// <param name="Steps">Optimisation steps of the run (all of them, a resumed run's earlier ones included).</param>
/// <param name="EpochLosses">Mean training loss of every epoch begun, in order (row-weighted; the last may be partial).</param>
/// <param name="Evaluations">Every evaluation on the validation rows, in order; empty without validation rows.</param>
/// <param name="Best">The best evaluation (the first of equal ones), or null without validation rows.</param>
/// <param name="KeptBest">Whether the model now holds <see cref="Best"/>'s weights (<see cref="TrainingOptions.KeepBest"/>).</param>
/// <param name="ResumedFromStep">The step a checkpoint let this run start after, or 0 when it started from the beginning.</param>
/// <param name="RowsWithoutLabels">Training rows left out of the task's batches because every position is ignored.</param>
/// <param name="InstancesPerSecond">Training rows per second over the steps this process ran.</param>
/// <param name="RetrievalAccuracy">The mean retrieval accuracy of the last (up to) 100 steps this process ran, or null without retrieval.</param>
public sealed record TrainingSummary(
    int Steps,
    IReadOnlyList<double> EpochLosses,
    IReadOnlyList<Evaluation> Evaluations,
    Evaluation? Best,
    bool KeptBest,
    int ResumedFromStep,
    long RowsWithoutLabels,
    double InstancesPerSecond,
    double? RetrievalAccuracy);
