using System;
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
    private readonly FastDropout dropout;
    private readonly int heads;

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
        this.dropout = new FastDropout(dropout);
        this.heads = heads;
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
        // [B, L, 3d]: one projection for queries, keys and values.
        var merged = Attend(qkv.forward(x), attentionMask);
        if (!training && !torch.is_grad_enabled())
        {
            // Inference: no backward pass needs the intermediates, so the residual sums and the GELU are computed in
            // place in the buffers the projections just made (no extra [B, L, feedForward] buffer per layer), and
            // dropout, the identity here, is skipped. Same arithmetic as below: the sums only swap their operands.
            var residual = attention_norm.forward(output.forward(merged).add_(x, HeldScalars.One));
            var expanded = functional.gelu(expand.forward(residual), inplace: true);
            return scope.MoveToOuter(feed_forward_norm.forward(contract.forward(expanded).add_(residual, HeldScalars.One)));
        }

        var attention = attention_norm.forward(x.add(dropout.forward(output.forward(merged)), HeldScalars.One));
        var feedForward = contract.forward(dropout.forward(functional.gelu(expand.forward(attention))));
        var result = feed_forward_norm.forward(attention.add(dropout.forward(feedForward), HeldScalars.One));
        return scope.MoveToOuter(result);
    }

    /// <summary>Attention heads.</summary>
    public int Heads => heads;

    // [B, L, 3d] -> [3, B, H, L, dh] -> attention -> [B, L, d].
    private Tensor Attend(Tensor projected, Tensor? attentionMask)
    {
        var (batch, length, width) = (projected.size(0), projected.size(1), projected.size(2) / 3);
        var split = projected.view(batch, length, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(
            split[0], split[1], split[2], attentionMask, training ? dropout.Probability : 0.0);
        return attended.transpose(1, 2).reshape(batch, length, width);
    }
}
