using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Backbones;
using TransformerEncoder = DataMux.Backbones.TransformerEncoder;
using TransformerEncoderLayer = DataMux.Backbones.TransformerEncoderLayer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// The encoder stack: the whole stack in one native pass (<see cref="EncoderTeam"/>) when every layer is packed, else
/// layer by layer with the packed products and <see cref="CpuAttention"/> (<see cref="CompiledLayer"/>), else the
/// encoder's own module. Each call takes the fastest of these that can serve it.
/// </summary>
internal sealed class EncoderStage : IDisposable
{
    private readonly TransformerEncoder encoder;
    private readonly CompiledLayer[] layers;
    private readonly bool team;
    private readonly bool pairSplit;

    public EncoderStage(TransformerEncoder encoder, CpuEngineOptions options)
    {
        this.encoder = encoder;
        var modules = ModuleChildren.Get<ModuleList<TransformerEncoderLayer>>(encoder, "layers");
        var attention = options.CpuAttention && CpuAttention.IsAvailable;
        // Layer by layer, the engine's layers are worth running only with one of their two levers; else the module runs.
        var compile = options.PackedWeights || attention;
        layers = compile ? modules.Select(layer => new CompiledLayer(layer, options.PackedWeights, attention)).ToArray() : [];
        var packed = layers.Length > 0 && layers.All(layer => layer.IsPacked);
        team = options.EncoderTeam && packed && NativeTeam.IsAvailable && layers.Max(layer => layer.Heads) <= EncoderTeam.MaximumHeads;
        pairSplit = options.PairSplit;
        Stage = new CpuEngineStage(Name, compile, Describe(options, modules.Count, packed, attention));
    }

    public const string Name = "encoder";

    public CpuEngineStage Stage { get; }

    /// <summary>The layers the engine runs (empty when the encoder's module runs).</summary>
    public IReadOnlyList<CompiledLayer> Layers => layers;

    /// <summary>The stack on <paramref name="x"/> <c>[G, L, d]</c>, with <paramref name="paddingMask"/> null or bool <c>[G, L]</c>, true at padded positions.</summary>
    public Tensor Apply(Tensor x, Tensor? paddingMask)
    {
        if (layers.Length == 0 || !TensorMemory.IsFloatCpu(x)) return encoder.forward(x, paddingMask);
        if (team && EncoderTeam.TryEncode(layers, x, paddingMask, pairSplit) is { } encoded) return encoded;

        using var scope = torch.NewDisposeScope();
        // scaled_dot_product_attention's bool mask means "may attend": invert once, broadcast over heads and queries.
        var mayAttend = paddingMask?.logical_not().view(x.size(0), 1, 1, x.size(1));
        var hidden = x;
        foreach (var layer in layers) hidden = layer.Forward(hidden, mayAttend);
        return scope.MoveToOuter(hidden);
    }

    private string Describe(CpuEngineOptions options, int count, bool packed, bool attention)
    {
        if (layers.Length == 0)
            return $"the encoder's module, {count} layers (PackedWeights and CpuAttention off" + (CpuAttention.IsAvailable ? ")" : $"; MKL attention: {CpuAttention.UnavailableReason})");
        var packing = !options.PackedWeights ? "ordinary products (PackedWeights off)"
            : !MklPackedGemm.IsAvailable ? $"ordinary products (MKL packed GEMM: {MklPackedGemm.UnavailableReason})"
            : packed ? $"weights packed for MKL ({layers.Sum(layer => layer.PackedBytes) / 1048576.0:F0} MiB reserved, one copy per set of weights: engines of models sharing them share it)"
            : $"weights packed in {layers.Count(layer => layer.IsPacked)} of {layers.Length} layers (the others' weights are not contiguous float32 CPU tensors)";
        var attending = attention ? "attention through MKL's batched products for 64 positions or more, libtorch's fused operator below"
            : options.CpuAttention ? $"libtorch's fused attention (MKL attention: {CpuAttention.UnavailableReason})"
            : "libtorch's fused attention (CpuAttention off)";
        var stack = team ? $"the {layers.Length} layers in one native pass on libtorch's threads" + (pairSplit ? " (pair split for small two-thread batches)" : " (row split only: PairSplit off)")
            : !options.EncoderTeam ? $"{layers.Length} layers one by one (EncoderTeam off)"
            : !packed ? $"{layers.Length} layers one by one (the native pass needs every layer packed)"
            : !NativeTeam.IsAvailable ? $"{layers.Length} layers one by one (native team library: {NativeTeam.UnavailableReason})"
            : $"{layers.Length} layers one by one (more than {EncoderTeam.MaximumHeads} heads)";
        return $"{stack}; {packing}; {(team ? "on float32 CPU inputs, else layer by layer with " + attending : attending)}";
    }

    public void Dispose()
    {
        foreach (var layer in layers) layer.Dispose();
    }
}
