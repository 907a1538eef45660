namespace DataMux.Generators.Analyzers;

/// <summary>
/// Parameter counts of the runtime's parts, as src/DataMux builds them (a test compares them with real modules), for the
/// warning that per-input parts outweigh the backbone they serve.
/// </summary>
internal static class ParameterCounts
{
    /// <summary>
    /// A post-LN Transformer encoder: per layer the attention's four d×d projections with biases, the feed-forward's
    /// d×F and F×d with biases, and two LayerNorms.
    /// </summary>
    public static long Encoder(long layers, long hidden, long feedForward) =>
        layers * (4 * (hidden * hidden + hidden) + hidden * feedForward + feedForward + feedForward * hidden + hidden + 4 * hidden);

    /// <summary>One d×d orthogonal matrix per input.</summary>
    public static long OrthogonalPerInput(long hidden) => hidden * hidden;

    /// <summary>The Mlp demux: per input a d×d Linear with bias and a LayerNorm (weight and bias).</summary>
    public static long MlpDemuxPerInput(long hidden) => hidden * hidden + 3 * hidden;

    /// <summary>
    /// The [Mlp]'s shared parts: the input projection (Inputs×d with bias, one for every input) and per layer a d×d Linear
    /// with bias.
    /// </summary>
    public static long MlpBackbone(long inputs, long layers, long hidden) => inputs * hidden + hidden + layers * (hidden * hidden + hidden);

    /// <summary>
    /// The [Cnn] backbone: 3×3 convolutions with biases (C→F, then F→F), and the Linear from the last pooled map
    /// (F·(H >> L)·(W >> L) values) to d with bias. The first block counts as shared, like the [Mlp]'s projection, also
    /// where the token muxes run it on every input before the mix: its weights are one set, whatever N.
    /// </summary>
    public static long CnnBackbone(long channels, long height, long width, int layers, long filters, long hidden) =>
        (9 * channels * filters + filters) + (layers - 1) * (9 * filters * filters + filters)
        + filters * (height >> layers) * (width >> layers) * hidden + hidden;

    /// <summary>The image models' Demux.Mlp: per input a d×d Linear with bias.</summary>
    public static long ImageDemuxPerInput(long hidden) => hidden * hidden + hidden;
}
