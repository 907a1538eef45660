using System;
using System.Linq;
using DataMux.Performance;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Backbones;

/// <summary>
/// One batch-first, post-LayerNorm Transformer encoder layer: multi-head self-attention through
/// <c>scaled_dot_product_attention</c> (fused QKV projection), residual + LayerNorm, then a GELU feed-forward block,
/// residual + LayerNorm. <c>[B, L, d]</c> -> <c>[B, L, d]</c>.
/// </summary>
public sealed class TransformerEncoderLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear output;
    private readonly LayerNorm attention_norm;
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly LayerNorm feed_forward_norm;
    private readonly Dropout dropout;
    private readonly int heads;
    private readonly double dropoutProbability;
    private PackedLayerWeights? packed;

    /// <summary>Creates a layer of width <paramref name="hidden"/> with <paramref name="heads"/> heads.</summary>
    /// <param name="hidden">Representation width d; divisible by <paramref name="heads"/>.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="feedForward">Width of the feed-forward block.</param>
    /// <param name="dropout">Dropout probability in training (attention weights, sublayer outputs, feed-forward), in [0, 1).</param>
    public TransformerEncoderLayer(int hidden, int heads, int feedForward, double dropout)
        : base(nameof(TransformerEncoderLayer))
    {
        if (heads < 1 || hidden % heads != 0)
            throw new ArgumentException($"Expected Hidden ({hidden}) to be divisible by Heads ({heads}).", nameof(heads));
        if (feedForward < 1) throw new ArgumentOutOfRangeException(nameof(feedForward), feedForward, "Expected a feed-forward width of at least 1.");
        if (dropout < 0 || dropout >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Expected a dropout probability in [0, 1).");
        qkv = Linear(hidden, 3 * hidden);
        output = Linear(hidden, hidden);
        attention_norm = LayerNorm(hidden);
        expand = Linear(hidden, feedForward);
        contract = Linear(feedForward, hidden);
        feed_forward_norm = LayerNorm(hidden);
        this.dropout = Dropout(dropout);
        this.heads = heads;
        dropoutProbability = dropout;
        RegisterComponents();
    }

    /// <summary>
    /// Applies the layer to <paramref name="x"/> <c>[B, L, d]</c>. <paramref name="attentionMask"/> is either null
    /// (attend everywhere) or a bool mask broadcastable to <c>[B, H, L, L]</c>, true where attention is allowed
    /// (the encoder passes <c>[B, 1, 1, L]</c>).
    /// </summary>
    public override Tensor forward(Tensor x, Tensor? attentionMask)
    {
        using var scope = torch.NewDisposeScope();
        var inference = !training && !torch.is_grad_enabled();
        // Packed weights (see PackedWeights) serve only inference.
        var packedHere = inference ? PreparedPackedWeights(x) : null;

        // [B, L, 3d]: one projection for queries, keys and values.
        var projected = packedHere?.QueryKeyValue.Forward(qkv, x, null) ?? qkv.forward(x);
        // Inference on the CPU: MKL's batched products (see CpuAttention); otherwise libtorch's fused operator.
        var merged = (inference ? CpuAttention.TryAttend(projected, heads, attentionMask) : null) ?? Attend(projected, attentionMask);
        if (inference)
        {
            // Inference: no backward pass needs the intermediates, so the residual sums and the GELU are computed in
            // place in the buffers the projections just made (no extra [B, L, feedForward] buffer per layer), and
            // dropout, the identity here, is skipped. Same arithmetic as below: the sums only swap their operands.
            // The packed projections add the residual in the same pass, accumulating onto it.
            var residual = attention_norm.forward(
                packedHere?.Output.Forward(output, merged, x) ?? output.forward(merged).add_(x, HeldScalars.One));
            var expanded = functional.gelu(packedHere?.Expand.Forward(expand, residual, null) ?? expand.forward(residual), inplace: true);
            return scope.MoveToOuter(feed_forward_norm.forward(
                packedHere?.Contract.Forward(contract, expanded, residual) ?? contract.forward(expanded).add_(residual, HeldScalars.One)));
        }

        var attention = attention_norm.forward(x.add(dropout.forward(output.forward(merged)), HeldScalars.One));
        var feedForward = contract.forward(dropout.forward(functional.gelu(expand.forward(attention))));
        var result = feed_forward_norm.forward(attention.add(dropout.forward(feedForward), HeldScalars.One));
        return scope.MoveToOuter(result);
    }

    // [B, L, 3d] -> [3, B, H, L, dh] -> attention -> [B, L, d].
    private Tensor Attend(Tensor projected, Tensor? attentionMask)
    {
        var (batch, length, width) = (projected.size(0), projected.size(1), projected.size(2) / 3);
        var split = projected.view(batch, length, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(
            split[0], split[1], split[2], attentionMask, training ? dropoutProbability : 0.0);
        return attended.transpose(1, 2).reshape(batch, length, width);
    }

    // The packed copies when they are switched on and can serve x (PrepareFor re-packs weights that changed), else null.
    private PackedLayerWeights? PreparedPackedWeights(Tensor x) =>
        packed is not null && Performance.PackedWeights.Enabled && packed.PrepareFor(x, qkv, output, expand, contract) ? packed : null;

    /// <summary>Attention heads.</summary>
    internal int Heads => heads;

    /// <summary>Width of the feed-forward block.</summary>
    internal int FeedForward => (int)expand.weight!.size(0);

    /// <summary>
    /// This layer's parameters for <see cref="EncoderTeam"/>, when it can run them: evaluation mode, packed weights
    /// prepared for <paramref name="x"/> (re-packed if they changed), float32 CPU biases and LayerNorm parameters of the
    /// layer's width. The pointers stay valid while the layer's parameters and packed copies live.
    /// </summary>
    internal unsafe bool TryDescribeForTeam(Tensor x, out EncoderTeam.Layer layer)
    {
        layer = default;
        if (training || PreparedPackedWeights(x) is not { } prepared) return false;
        var hidden = output.weight!.size(0);
        Tensor?[] vectors = [qkv.bias, output.bias, expand.bias, contract.bias, attention_norm.weight, attention_norm.bias, feed_forward_norm.weight, feed_forward_norm.bias];
        foreach (var vector in vectors)
        {
            if (vector is not null && !TensorMemory.IsContiguousFloatCpu(vector)) return false;
        }

        if (attention_norm.normalized_shape is not [var width1] || width1 != hidden ||
            feed_forward_norm.normalized_shape is not [var width2] || width2 != hidden)
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
            QueryKeyValueBias = Floats(qkv.bias), OutputBias = Floats(output.bias),
            ExpandBias = Floats(expand.bias), ContractBias = Floats(contract.bias),
            Norm1Weight = Floats(attention_norm.weight), Norm1Bias = Floats(attention_norm.bias),
            Norm2Weight = Floats(feed_forward_norm.weight), Norm2Bias = Floats(feed_forward_norm.bias),
            Norm1Epsilon = (float)attention_norm.eps, Norm2Epsilon = (float)feed_forward_norm.eps,
        };
        return true;
    }

    /// <summary>Whether the projection weights are contiguous float32 CPU tensors, the ones MKL's packed GEMM takes.</summary>
    internal bool CanPackWeights => ProjectionWeights.All(TensorMemory.IsContiguousFloatCpu);

    /// <summary>The packed copies this layer uses, or null.</summary>
    internal PackedLayerWeights? PackedWeights => packed;

    /// <summary>The four projections' weights in call order, to find layers that share them (and so can share packed copies).</summary>
    internal Tensor[] ProjectionWeights => [qkv.weight!, output.weight!, expand.weight!, contract.weight!];

    /// <summary>Packs this layer's weights, or adopts <paramref name="shared"/>, packed from a layer with the same weights.</summary>
    internal PackedLayerWeights PackWeights(PackedLayerWeights? shared)
    {
        if (packed is not null) throw new InvalidOperationException("This layer's weights are already packed.");
        if (shared is not null && shared.Heads != heads)
            throw new ArgumentException($"Expected copies packed for {heads} heads, but got copies for {shared.Heads}.", nameof(shared));
        shared?.AddUser();
        packed = shared ?? new PackedLayerWeights(heads, qkv, output, expand, contract);
        return packed;
    }

    internal void RepackWeights() => packed?.Repack(qkv, output, expand, contract);

    /// <summary>Goes back to ordinary products; whoever packed the copies disposes them.</summary>
    internal void UnpackWeights() => packed = null;
}
