using System;
using System.Globalization;

namespace Accuracy.Runs;

/// <summary>One measurement of the benchmark: a task, a model (B1 or a mux at N), with or without retrieval warm-up.</summary>
/// <param name="Task">pos, genre or sentiment.</param>
/// <param name="N">Inputs per backbone pass (1 for B1).</param>
/// <param name="Mux">The mux's name, or "B1" for the plain backbone.</param>
/// <param name="WarmupSteps">Retrieval warm-up steps before the task (0: none).</param>
/// <param name="Variant">The model variant (see ModelCatalog.Variants): "reference" is the DataMUX reference method, "plain" B1.</param>
internal sealed record Cell(string Task, int N, string Mux, int WarmupSteps, string Variant = "reference")
{
    /// <summary>Whether this is the plain backbone, the baseline every drop is measured from.</summary>
    public bool IsBaseline => Mux == "B1";

    /// <summary>The cell's name in files and on the console, e.g. <c>pos-GaussianHadamard-N5-warm1000</c>.</summary>
    public string Key => IsBaseline
        ? $"{Task}-B1"
        : string.Create(CultureInfo.InvariantCulture, $"{Task}-{Variant}-{Mux}-N{N}-warm{WarmupSteps}");
}

/// <summary>What a cell measured.</summary>
/// <param name="Cell">The cell.</param>
/// <param name="Accuracy">Held-out accuracy in [0, 1] (token accuracy over real words for pos).</param>
/// <param name="TrainSeconds">Wall time of the task training (the warm-up not included).</param>
/// <param name="TrainInstancesPerSecond">Training rows per second of the task training.</param>
/// <param name="InstancesPerSecond">Inference rows per second on the held-out rows (evaluation mode, no gradients).</param>
/// <param name="WarmupRetrievalAccuracy">The warm-up's retrieval accuracy over its last steps, or null without one (or from the cache).</param>
internal sealed record CellResult(Cell Cell, double Accuracy, double TrainSeconds, double TrainInstancesPerSecond, double InstancesPerSecond, double? WarmupRetrievalAccuracy);
