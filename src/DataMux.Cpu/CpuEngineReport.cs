using System;
using System.Collections.Generic;
using System.Linq;

namespace DataMux.Cpu;

/// <summary>One stage of a compiled model's forward pass and how the engine runs it.</summary>
/// <param name="Name">The stage: "embedding + mux", "encoder", "demux + head".</param>
/// <param name="Fused">Whether the engine's own CPU path runs it (false: the model's own modules).</param>
/// <param name="Detail">What runs, and why a faster path does not where one exists.</param>
public sealed record CpuEngineStage(string Name, bool Fused, string Detail)
{
    /// <summary>One line: the stage, "engine" or "plain", and the detail.</summary>
    public override string ToString() => $"{Name}: {(Fused ? "engine" : "plain")}, {Detail}";
}

/// <summary>What <see cref="CpuEngine.Compile"/> decided for each stage, for logs and benchmark reports.</summary>
/// <param name="Model">The compiled model's name.</param>
/// <param name="Stages">The stages in call order.</param>
public sealed record CpuEngineReport(string Model, IReadOnlyList<CpuEngineStage> Stages)
{
    /// <summary>Whether the engine runs at least one stage itself (false: the whole model runs as its own modules).</summary>
    public bool AnyFused => Stages.Any(stage => stage.Fused);

    /// <summary>The stage named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No stage has that name.</exception>
    public CpuEngineStage this[string name] => Stages.FirstOrDefault(stage => stage.Name == name)
        ?? throw new ArgumentException($"Expected one of the stages {string.Join(", ", Stages.Select(s => $"'{s.Name}'"))}, but got '{name}'.", nameof(name));

    /// <summary>One line per stage.</summary>
    public override string ToString() => $"CPU engine for {Model}:" + string.Concat(Stages.Select(stage => Environment.NewLine + "  " + stage));
}
