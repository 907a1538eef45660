using System.Collections.Generic;

namespace DataMux.Training;

/// <summary>What a training run did.</summary>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="EpochLosses">Mean training loss of every epoch, in order (row-weighted).</param>
public sealed record TrainingSummary(int Steps, IReadOnlyList<double> EpochLosses);
