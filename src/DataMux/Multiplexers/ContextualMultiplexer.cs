using System;
using DataMux.Backbones;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// MUX-PLMs' contextual mux (the reference code's <c>gaussian_attention_v2</c>, princeton-nlp/datamux-pretraining):
/// <list type="number">
/// <item>every input on its own through a Transformer layer (<c>muxing_attention</c>, a BERT/ELECTRA layer: multi-head
/// self-attention, residual + LayerNorm, GELU feed-forward, residual + LayerNorm), masked by the input's own padding, plus
/// a residual to its embedding: cᵢ = layer(xᵢ) + xᵢ;</item>
/// <item>the Gaussian Hadamard product hᵢ = cᵢ ⊙ vᵢ (vᵢ as in <see cref="GaussianHadamardMultiplexer"/>);</item>
/// <item>at every position, a Transformer layer across the N inputs (<c>muxing_attention_2</c>, the N products are its
/// sequence, inputs that are padding there masked) plus a residual: aᵢ = layer'(h)ᵢ + hᵢ;</item>
/// <item>the mean over N.</item>
/// </list>
/// <c>[G·N, L, d]</c> -> <c>[G, L, d]</c>. Both layers have the backbone's heads, feed-forward width and dropout, as the
/// reference builds them from the model's config. Cost: two encoder layers, one on G·N sequences of L positions, one on
/// G·L sequences of N.
/// </summary>
/// <remarks>
/// Differences from the reference: its layers are ELECTRA's post-LN layers with separate Q, K, V projections, ours
/// <see cref="TransformerEncoderLayer"/> (the same post-LN layer, Q, K and V in one fused Linear; same function). Padding
/// is read from the token ids (<see cref="Batching.MultiplexedBatch.InstancePaddingMask"/>) where the reference takes the
/// tokenizer's attention mask; a position where all N inputs are padding is left unmasked in the second layer (softmax
/// over no key is undefined; such positions are masked in the backbone anyway). <see cref="forward(Tensor)"/> alone,
/// without a mask, attends everywhere, as the reference's masked-LM model does.
/// </remarks>
public sealed class ContextualMultiplexer : Multiplexer
{
    private readonly TransformerEncoderLayer within;
    private readonly Tensor vectors;
    private readonly TransformerEncoderLayer across;

    /// <summary>Creates the mux; the Gaussian vectors come from a generator seeded with <paramref name="seed"/>, the layers from the global one.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d; divisible by <paramref name="heads"/>.</param>
    /// <param name="heads">Attention heads of both layers.</param>
    /// <param name="feedForward">Feed-forward width of both layers.</param>
    /// <param name="dropout">Dropout probability in training, in [0, 1).</param>
    /// <param name="seed">Seed of the Gaussian vectors.</param>
    /// <param name="normConstant">Norm of every vᵢ (the reference's <c>gaussian_hadamard_norm</c>).</param>
    /// <param name="trainable">Whether training updates the vectors (the reference's <c>learn_muxing</c>); the layers are always trained.</param>
    public ContextualMultiplexer(int n, int hidden, int heads, int feedForward, double dropout, int seed, double normConstant = 1.0, bool trainable = false)
        : base(nameof(ContextualMultiplexer), n, hidden)
    {
        if (!(normConstant > 0 && double.IsFinite(normConstant)))
            throw new ArgumentOutOfRangeException(nameof(normConstant), normConstant, "Expected a positive, finite norm constant.");
        within = new TransformerEncoderLayer(hidden, heads, feedForward, dropout);
        using (var generator = RandomTransforms.CreateGenerator(seed))
        using (var gaussian = torch.randn(new long[] { n, hidden }, generator: generator))
        using (var norms = gaussian.norm(1, keepdim: true))
        using (var scale = normConstant.ToScalar()) // held: see HeldScalars
        {
            vectors = RandomTransforms.Keep(gaussian.div(norms).mul_(scale), trainable);
        }

        across = new TransformerEncoderLayer(hidden, heads, feedForward, dropout);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>The vectors vᵢ, <c>[N, d]</c> (the registered buffer or parameter).</summary>
    public Tensor Vectors => vectors;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c> with no padding mask (every position attended).</summary>
    public override Tensor forward(Tensor embedded) => Mix(embedded, null);

    /// <summary>
    /// Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>. <paramref name="instancePadding"/> is null or <c>[G·N, L]</c> bool,
    /// true where that input is padding (<see cref="Batching.MultiplexedBatch.InstancePaddingMask"/>): no query attends to it
    /// within the input, nor across the inputs at its position.
    /// </summary>
    public Tensor Mix(Tensor embedded, Tensor? instancePadding)
    {
        using var grouped = ViewGroups(embedded, vectors);
        var (rows, length) = (embedded.size(0), embedded.size(1));
        var groups = rows / N;
        if (instancePadding is not null &&
            (instancePadding.dtype != ScalarType.Bool || instancePadding.dim() != 2 || instancePadding.size(0) != rows || instancePadding.size(1) != length))
        {
            throw new ArgumentException(
                $"{GetName()} expects a bool padding mask of shape [{rows}, {length}] (one row per input), " +
                $"but got {instancePadding.dtype} of shape {TokenChecks.Format(instancePadding.shape)}.", nameof(instancePadding));
        }

        using var scope = torch.NewDisposeScope();
        // scaled_dot_product_attention's bool mask means "may attend"; a sequence with nothing to attend is left unmasked.
        var withinMask = instancePadding is null ? null : MayAttend(instancePadding).view(rows, 1, 1, length);
        var contextual = within.forward(embedded, withinMask).add_(embedded, HeldScalars.One);            // [G·N, L, d]
        var products = contextual.view(groups, N, length, Hidden).mul(vectors.view(1, N, 1, Hidden));    // [G, N, L, d]
        var acrossInput = products.permute(0, 2, 1, 3).reshape(groups * length, N, Hidden);              // [G·L, N, d]
        var acrossMask = instancePadding is null
            ? null
            : MayAttend(instancePadding.view(groups, N, length).permute(0, 2, 1).reshape(groups * length, N)).view(groups * length, 1, 1, N);
        var attended = across.forward(acrossInput, acrossMask).view(groups, length, N, Hidden).permute(0, 2, 1, 3); // [G, N, L, d]
        var mixed = attended.add(products, HeldScalars.One).mean(new long[] { 1 });
        return scope.MoveToOuter(mixed);
    }

    /// <summary>"May attend" from "is padding", <c>[B, S]</c>: rows that are padding everywhere attend everywhere.</summary>
    private static Tensor MayAttend(Tensor padding)
    {
        var allPadding = padding.all(1, keepdim: true);
        return padding.logical_not().logical_or_(allPadding);
    }
}
