namespace DataMux.Cpu;

/// <summary>
/// Which of the engine's CPU paths <see cref="CpuEngine.Compile"/> uses. Every path is on by default, which is the
/// fastest this project measured (docs/performance.md); turning one off runs that stage as the model's own modules
/// (or, for the encoder, a slower engine path), for comparisons and for isolating a suspected difference.
/// </summary>
public sealed record CpuEngineOptions
{
    /// <summary>The options with every path on.</summary>
    public static CpuEngineOptions Default { get; } = new();

    /// <summary>
    /// The embedding block and an element-wise mux (Gaussian or binary Hadamard, identity) in one native pass, instead of
    /// the embedding's and the mux's modules one after the other.
    /// </summary>
    public bool FusedEmbeddingMix { get; init; } = true;

    /// <summary>The encoder's projection weights kept in MKL's packed layout, instead of ordinary matrix products.</summary>
    public bool PackedWeights { get; init; } = true;

    /// <summary>
    /// The whole encoder stack in one native pass on libtorch's threads, instead of layer by layer. Needs
    /// <see cref="PackedWeights"/>.
    /// </summary>
    public bool EncoderTeam { get; init; } = true;

    /// <summary>
    /// A two-thread encoder team shares the products of small batches (under 128 rows per thread) by the weights instead
    /// of by the rows. Only with <see cref="EncoderTeam"/>.
    /// </summary>
    public bool PairSplit { get; init; } = true;

    /// <summary>
    /// Attention through MKL's batched products and vector exponential when the encoder runs layer by layer (sequences of
    /// 64 positions or more), instead of libtorch's <c>scaled_dot_product_attention</c>.
    /// </summary>
    public bool CpuAttention { get; init; } = true;

    /// <summary>
    /// The index demux's per-token tail (sum, GELU, LayerNorm) in one native pass for token classification, instead of
    /// the demux's operators.
    /// </summary>
    public bool FusedTokenDemux { get; init; } = true;
}
