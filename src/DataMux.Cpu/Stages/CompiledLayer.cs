using System;
using DataMux.Backbones;
using TransformerEncoderLayer = DataMux.Backbones.TransformerEncoderLayer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Cpu;

/// <summary>
/// One <see cref="TransformerEncoderLayer"/> as the engine runs it in inference: its registered projections and norms
/// (read by their state-dict names), its weights packed for MKL when the options allow, and attention through
/// <see cref="CpuAttention"/>. Same arithmetic as the layer's own inference pass; outputs agree to float32 rounding.
/// </summary>
internal sealed unsafe class CompiledLayer : IDisposable
{
    private readonly bool mklAttention;
    private PackedLayerWeights? packed;

    public CompiledLayer(TransformerEncoderLayer layer, bool packWeights, bool mklAttention)
    {
        ArgumentNullException.ThrowIfNull(layer);
        QueryKeyValue = ModuleChildren.Get<Linear>(layer, "qkv");
        Output = ModuleChildren.Get<Linear>(layer, "output");
        AttentionNorm = ModuleChildren.Get<LayerNorm>(layer, "attention_norm");
        Expand = ModuleChildren.Get<Linear>(layer, "expand");
        Contract = ModuleChildren.Get<Linear>(layer, "contract");
        FeedForwardNorm = ModuleChildren.Get<LayerNorm>(layer, "feed_forward_norm");
        Heads = layer.Heads;
        this.mklAttention = mklAttention;
        if (packWeights && CanPack) packed = SharedPackedWeights.Acquire(this);
    }

    public Linear QueryKeyValue { get; }
    public Linear Output { get; }
    public LayerNorm AttentionNorm { get; }
    public Linear Expand { get; }
    public Linear Contract { get; }
    public LayerNorm FeedForwardNorm { get; }

    /// <summary>Attention heads.</summary>
    public int Heads { get; }

    /// <summary>Width of the feed-forward block.</summary>
    public int FeedForward => (int)Expand.weight!.size(0);

    /// <summary>Whether this layer's projections are packed (false: its weights are not contiguous float32 CPU tensors, or packing is off).</summary>
    public bool IsPacked => packed is not null;

    /// <summary>Whether the projection weights are contiguous float32 CPU tensors, the ones MKL's packed GEMM takes.</summary>
    private bool CanPack =>
        MklPackedGemm.IsAvailable &&
        TensorMemory.IsContiguousFloatCpu(QueryKeyValue.weight!) && TensorMemory.IsContiguousFloatCpu(Output.weight!) &&
        TensorMemory.IsContiguousFloatCpu(Expand.weight!) && TensorMemory.IsContiguousFloatCpu(Contract.weight!);

    /// <summary>
    /// The layer on <paramref name="x"/> <c>[B, L, d]</c>, with <paramref name="mayAttend"/> null or bool
    /// <c>[B, 1, 1, L]</c> (true where a key may be attended).
    /// </summary>
    public Tensor Forward(Tensor x, Tensor? mayAttend)
    {
        using var scope = torch.NewDisposeScope();
        var prepared = Prepared(x);
        // [B, L, 3d]: one projection for queries, keys and values.
        var projected = prepared?.QueryKeyValue.Forward(QueryKeyValue, x, null) ?? QueryKeyValue.forward(x);
        var merged = (mklAttention ? CpuAttention.TryAttend(projected, Heads, mayAttend) : null) ?? Attend(projected, mayAttend);
        // No backward pass needs the intermediates, so the residual sums and the GELU are computed in place in the
        // buffers the projections just made, and dropout, the identity in evaluation, is skipped. The packed
        // projections add the residual in the same pass, accumulating onto it.
        var residual = AttentionNorm.forward(
            prepared?.Output.Forward(Output, merged, x) ?? Output.forward(merged).add_(x, HeldScalars.One));
        var expanded = functional.gelu(prepared?.Expand.Forward(Expand, residual, null) ?? Expand.forward(residual), inplace: true);
        return scope.MoveToOuter(FeedForwardNorm.forward(
            prepared?.Contract.Forward(Contract, expanded, residual) ?? Contract.forward(expanded).add_(residual, HeldScalars.One)));
    }

    // [B, L, 3d] -> [3, B, H, L, dh] -> libtorch's fused attention -> [B, L, d], as the layer itself does.
    private Tensor Attend(Tensor projected, Tensor? mayAttend)
    {
        var (batch, length, width) = (projected.size(0), projected.size(1), projected.size(2) / 3);
        var split = projected.view(batch, length, 3, Heads, width / Heads).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(split[0], split[1], split[2], mayAttend);
        return attended.transpose(1, 2).reshape(batch, length, width);
    }

    // The packed copies when they can serve x (PrepareFor re-packs weights that changed), else null.
    private PackedLayerWeights? Prepared(Tensor x) =>
        packed is not null && packed.PrepareFor(x, QueryKeyValue, Output, Expand, Contract) ? packed : null;

    /// <summary>
    /// This layer's parameters for <see cref="EncoderTeam"/>, when it can run them: packed weights prepared for
    /// <paramref name="x"/> (re-packed if they changed), float32 CPU biases and LayerNorm parameters of the layer's
    /// width. The pointers stay valid while the layer's parameters and packed copies live.
    /// </summary>
    public bool TryDescribeForTeam(Tensor x, out EncoderTeam.Layer layer)
    {
        layer = default;
        if (Prepared(x) is not { } prepared) return false;
        var hidden = Output.weight!.size(0);
        Tensor?[] vectors = [QueryKeyValue.bias, Output.bias, Expand.bias, Contract.bias, AttentionNorm.weight, AttentionNorm.bias, FeedForwardNorm.weight, FeedForwardNorm.bias];
        foreach (var vector in vectors)
        {
            if (vector is not null && !TensorMemory.IsContiguousFloatCpu(vector)) return false;
        }

        if (AttentionNorm.normalized_shape is not [var width1] || width1 != hidden ||
            FeedForwardNorm.normalized_shape is not [var width2] || width2 != hidden)
        {
            return false;
        }

        static float* Floats(Tensor? tensor) => tensor is null ? null : TensorMemory.Floats(tensor);
        layer = new EncoderTeam.Layer
        {
            QueryKeyValue0 = prepared.QueryKeyValue.Pointer(0), QueryKeyValue1 = prepared.QueryKeyValue.Pointer(1),
            Output0 = prepared.Output.Pointer(0), Output1 = prepared.Output.Pointer(1),
            Expand0 = prepared.Expand.Pointer(0), Expand1 = prepared.Expand.Pointer(1),
            Contract0 = prepared.Contract.Pointer(0), Contract1 = prepared.Contract.Pointer(1),
            QueryKeyValueBias = Floats(QueryKeyValue.bias), OutputBias = Floats(Output.bias),
            ExpandBias = Floats(Expand.bias), ContractBias = Floats(Contract.bias),
            Norm1Weight = Floats(AttentionNorm.weight), Norm1Bias = Floats(AttentionNorm.bias),
            Norm2Weight = Floats(FeedForwardNorm.weight), Norm2Bias = Floats(FeedForwardNorm.bias),
            Norm1Epsilon = (float)AttentionNorm.eps, Norm2Epsilon = (float)FeedForwardNorm.eps,
        };
        return true;
    }

    /// <summary>Packs this layer's weights again, whatever the sampled check says (after edits of a few elements).</summary>
    public void Repack() => packed?.Repack(QueryKeyValue, Output, Expand, Contract);

    /// <summary>How many times the projections were packed, the first packing included (four per copy).</summary>
    public long Packings => packed is null ? 0 : (long)packed.QueryKeyValue.Packings + packed.Output.Packings + packed.Expand.Packings + packed.Contract.Packings;

    /// <summary>Bytes of the packed copy (shared copies count once per layer that uses them).</summary>
    public long PackedBytes => packed?.Bytes ?? 0;

    /// <summary>The packed copy, for engines that report sharing.</summary>
    public PackedLayerWeights? PackedCopy => packed;

    public void Dispose()
    {
        if (packed is null) return;
        SharedPackedWeights.Release(packed);
        packed = null;
    }
}
