using System;
using System.Collections.Generic;
using DataMux;

namespace Throughput.Models;

/// <summary>One benchmarked configuration: its mux name, N and a factory for the generated model.</summary>
internal sealed record ModelEntry(string Mux, int N, bool Baseline, Func<IMultiplexedModel> Create);

/// <summary>The generated models of every preset and task, as factories (models are built only when needed).</summary>
internal static class ModelCatalog
{
    /// <summary>The baseline plus one entry per (mux, N) for <paramref name="preset"/> and <paramref name="task"/>.</summary>
    public static IReadOnlyList<ModelEntry> For(string preset, string task) => (preset, task) switch
    {
        ("paper", "sequence") => new ModelEntry[]
        {
            new("Identity", 1, true, () => new PaperPlain()),
            new("GaussianHadamard", 1, false, () => new PaperHadamard1()),
            new("GaussianHadamard", 2, false, () => new PaperHadamard2()),
            new("GaussianHadamard", 5, false, () => new PaperHadamard5()),
            new("GaussianHadamard", 10, false, () => new PaperHadamard10()),
            new("GaussianHadamard", 20, false, () => new PaperHadamard20()),
            new("GaussianHadamard", 40, false, () => new PaperHadamard40()),
            new("Orthogonal", 1, false, () => new PaperOrthogonal1()),
            new("Orthogonal", 2, false, () => new PaperOrthogonal2()),
            new("Orthogonal", 5, false, () => new PaperOrthogonal5()),
            new("Orthogonal", 10, false, () => new PaperOrthogonal10()),
            new("Orthogonal", 20, false, () => new PaperOrthogonal20()),
            new("Orthogonal", 40, false, () => new PaperOrthogonal40()),
        },
        ("paper", "token") => new ModelEntry[]
        {
            new("Identity", 1, true, () => new PaperTokenPlain()),
            new("GaussianHadamard", 1, false, () => new PaperTokenHadamard1()),
            new("GaussianHadamard", 2, false, () => new PaperTokenHadamard2()),
            new("GaussianHadamard", 5, false, () => new PaperTokenHadamard5()),
            new("GaussianHadamard", 10, false, () => new PaperTokenHadamard10()),
            new("GaussianHadamard", 20, false, () => new PaperTokenHadamard20()),
            new("GaussianHadamard", 40, false, () => new PaperTokenHadamard40()),
        },
        ("small", "sequence") => new ModelEntry[]
        {
            new("Identity", 1, true, () => new SmallPlain()),
            new("GaussianHadamard", 1, false, () => new SmallHadamard1()),
            new("GaussianHadamard", 2, false, () => new SmallHadamard2()),
            new("GaussianHadamard", 5, false, () => new SmallHadamard5()),
            new("GaussianHadamard", 10, false, () => new SmallHadamard10()),
            new("GaussianHadamard", 20, false, () => new SmallHadamard20()),
            new("GaussianHadamard", 40, false, () => new SmallHadamard40()),
            new("Orthogonal", 1, false, () => new SmallOrthogonal1()),
            new("Orthogonal", 2, false, () => new SmallOrthogonal2()),
            new("Orthogonal", 5, false, () => new SmallOrthogonal5()),
            new("Orthogonal", 10, false, () => new SmallOrthogonal10()),
            new("Orthogonal", 20, false, () => new SmallOrthogonal20()),
            new("Orthogonal", 40, false, () => new SmallOrthogonal40()),
        },
        ("small", "token") => new ModelEntry[]
        {
            new("Identity", 1, true, () => new SmallTokenPlain()),
            new("GaussianHadamard", 1, false, () => new SmallTokenHadamard1()),
            new("GaussianHadamard", 2, false, () => new SmallTokenHadamard2()),
            new("GaussianHadamard", 5, false, () => new SmallTokenHadamard5()),
            new("GaussianHadamard", 10, false, () => new SmallTokenHadamard10()),
            new("GaussianHadamard", 20, false, () => new SmallTokenHadamard20()),
            new("GaussianHadamard", 40, false, () => new SmallTokenHadamard40()),
        },
        _ => throw new ArgumentException($"Unknown preset/task {preset}/{task}."),
    };
}
