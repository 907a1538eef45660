using DataMux.Batching;
using DataMux.Demultiplexers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Cpu;

/// <summary>
/// The demux and the head. For the index demux over tokens, the demux's per-token tail,
/// <c>LayerNorm(GELU(W_p·pᵢ + W_h·hₜ + b))</c>, in one native pass (<see cref="FusedTokenDemux"/>) from the demux's
/// registered projection and norm, then the head; otherwise the model's own <c>Decode</c>.
/// </summary>
internal sealed class TokenDemuxStage
{
    private readonly IMultiplexedModel model;
    private readonly Linear? project;
    private readonly LayerNorm? norm;

    public TokenDemuxStage(IMultiplexedModel model, bool fuse)
    {
        this.model = model;
        var parts = model.Parts;
        var tokens = model.Configuration.Task == ModelTask.TokenClassification;
        Stage = !tokens ? new CpuEngineStage(Name, false, $"the model's Decode ({parts.Demux.GetName()}, one row per input: nothing to fuse)")
            : parts.Demux is not IndexEmbeddingDemultiplexer ? new CpuEngineStage(Name, false, $"the model's Decode ({parts.Demux.GetName()} has no fused pass)")
            : !fuse ? new CpuEngineStage(Name, false, "the model's Decode (FusedTokenDemux off)")
            : !FusedTokenDemux.IsAvailable ? new CpuEngineStage(Name, false, $"the model's Decode (native team library: {FusedTokenDemux.UnavailableReason})")
            : new CpuEngineStage(Name, true, "the index demux's sum, GELU and LayerNorm over tokens in one native pass, then the head (float32 CPU; other tensors run Decode)");
        if (Stage.Fused)
        {
            project = ModuleChildren.Get<Linear>(parts.Demux, "project");
            norm = ModuleChildren.Get<LayerNorm>(parts.Demux, "norm");
        }
    }

    public const string Name = "demux + head";

    public CpuEngineStage Stage { get; }

    /// <summary>Logits for every grouped row of <paramref name="batch"/> from the backbone's output <paramref name="hidden"/> <c>[G, P+L, d]</c>.</summary>
    public Tensor Apply(Tensor hidden, MultiplexedBatch batch)
    {
        if (!Stage.Fused) return model.Decode(hidden, batch);
        var parts = model.Parts;
        using var scope = torch.NewDisposeScope();
        var (groups, n, width) = (hidden.size(0), parts.Demux.N, parts.Demux.Hidden);
        var length = hidden.size(1) - parts.Demux.PrefixLength;
        var rows = parts.Shortcut?.forward(batch.Tokens).view(groups, n, length, width);
        if (TryTokens(project!, norm!, n, parts.Demux.PrefixLength, hidden, rows) is not { } normalized)
            return scope.MoveToOuter(model.Decode(hidden, batch));
        return scope.MoveToOuter(parts.Head.forward(normalized.reshape(groups * n, length, width)));
    }

    /// <summary>
    /// The index demux over tokens, <c>LayerNorm(GELU(W_p·pᵢ + W_h·hₜ + b (+ shortcut row)))</c>, from its projection
    /// <paramref name="project"/> (2d -> d) and <paramref name="norm"/>, on the backbone's output <c>[G, P+L, d]</c>:
    /// <c>[G, N, L, d]</c>, or null when the native pass cannot serve the call.
    /// </summary>
    public static Tensor? TryTokens(Linear project, LayerNorm norm, int n, int prefix, Tensor hidden, Tensor? shortcutRows)
    {
        using var scope = torch.NewDisposeScope();
        var width = hidden.size(2);
        var weight = project.weight!;
        var indices = functional.linear(hidden.narrow(1, 0, n), weight.narrow(1, 0, width));                                          // [G, N, d]
        var content = functional.linear(hidden.narrow(1, prefix, hidden.size(1) - prefix), weight.narrow(1, width, width), project.bias); // [G, L, d]
        var normalized = FusedTokenDemux.TryApply(indices, content, shortcutRows, norm.weight!, norm.bias!, norm.eps);
        return normalized is null ? null : scope.MoveToOuter(normalized);
    }
}
