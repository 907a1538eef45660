using System;
using System.Collections.Generic;
using DataMux;

namespace Throughput.Models;

/// <summary>
/// One benchmarked configuration: its mux name, N and a factory for the generated model. <paramref name="OnRequest"/>
/// entries (MUX-PLMs' parts) are timed only when --muxes names them, so that the default run stays the DataMUX one.
/// </summary>
internal sealed record ModelEntry(string Mux, int N, bool Baseline, Func<IMultiplexedModel> Create, bool OnRequest = false);

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
            new("LearnedKeys", 1, false, () => new PaperLearnedKeys1(), OnRequest: true),
            new("LearnedKeys", 2, false, () => new PaperLearnedKeys2(), OnRequest: true),
            new("LearnedKeys", 5, false, () => new PaperLearnedKeys5(), OnRequest: true),
            new("LearnedKeys", 10, false, () => new PaperLearnedKeys10(), OnRequest: true),
            new("LearnedKeys", 20, false, () => new PaperLearnedKeys20(), OnRequest: true),
            new("LearnedKeys", 40, false, () => new PaperLearnedKeys40(), OnRequest: true),
            new("Contextual", 1, false, () => new PaperContextual1(), OnRequest: true),
            new("Contextual", 2, false, () => new PaperContextual2(), OnRequest: true),
            new("Contextual", 5, false, () => new PaperContextual5(), OnRequest: true),
            new("Contextual", 10, false, () => new PaperContextual10(), OnRequest: true),
            new("Contextual", 20, false, () => new PaperContextual20(), OnRequest: true),
            new("Contextual", 40, false, () => new PaperContextual40(), OnRequest: true),
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
            new("LearnedKeys", 1, false, () => new SmallLearnedKeys1(), OnRequest: true),
            new("LearnedKeys", 2, false, () => new SmallLearnedKeys2(), OnRequest: true),
            new("LearnedKeys", 5, false, () => new SmallLearnedKeys5(), OnRequest: true),
            new("LearnedKeys", 10, false, () => new SmallLearnedKeys10(), OnRequest: true),
            new("LearnedKeys", 20, false, () => new SmallLearnedKeys20(), OnRequest: true),
            new("LearnedKeys", 40, false, () => new SmallLearnedKeys40(), OnRequest: true),
            new("Contextual", 1, false, () => new SmallContextual1(), OnRequest: true),
            new("Contextual", 2, false, () => new SmallContextual2(), OnRequest: true),
            new("Contextual", 5, false, () => new SmallContextual5(), OnRequest: true),
            new("Contextual", 10, false, () => new SmallContextual10(), OnRequest: true),
            new("Contextual", 20, false, () => new SmallContextual20(), OnRequest: true),
            new("Contextual", 40, false, () => new SmallContextual40(), OnRequest: true),
            new("ContextWindow", 1, false, () => new SmallContextWindow1(), OnRequest: true),
            new("ContextWindow", 2, false, () => new SmallContextWindow2(), OnRequest: true),
            new("ContextWindow", 5, false, () => new SmallContextWindow5(), OnRequest: true),
            new("ContextWindow", 10, false, () => new SmallContextWindow10(), OnRequest: true),
            new("ContextWindow", 20, false, () => new SmallContextWindow20(), OnRequest: true),
            new("ContextWindow", 40, false, () => new SmallContextWindow40(), OnRequest: true),
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
            new("ContextWindow", 1, false, () => new SmallTokenContextWindow1(), OnRequest: true),
            new("ContextWindow", 2, false, () => new SmallTokenContextWindow2(), OnRequest: true),
            new("ContextWindow", 5, false, () => new SmallTokenContextWindow5(), OnRequest: true),
            new("ContextWindow", 10, false, () => new SmallTokenContextWindow10(), OnRequest: true),
            new("ContextWindow", 20, false, () => new SmallTokenContextWindow20(), OnRequest: true),
            new("ContextWindow", 40, false, () => new SmallTokenContextWindow40(), OnRequest: true),
        },
        _ => throw new ArgumentException($"Unknown preset/task {preset}/{task}."),
    };
}
