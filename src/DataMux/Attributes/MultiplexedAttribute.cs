using System;

namespace DataMux;

/// <summary>
/// Marks a <c>partial</c> class as a data-multiplexed model: <see cref="N"/> inputs share one forward pass of
/// the backbone. The DataMux source generator emits the TorchSharp module for the class; the backbone comes
/// from a backbone attribute such as <see cref="TransformerAttribute"/> and the task from a task attribute such
/// as <see cref="SequenceClassificationAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MultiplexedAttribute : Attribute
{
    /// <summary>How many inputs are multiplexed into one backbone pass (at least 1).</summary>
    public int N { get; set; } = 1;

    /// <summary>
    /// The multiplexing transform. Defaults to <see cref="DataMux.Mux.GaussianHadamard"/>; on a <see cref="CnnAttribute"/>
    /// backbone, when not written, to <see cref="DataMux.Mux.Convolution"/> (the DataMUX vision code's).
    /// </summary>
    public Mux Mux { get; set; } = Mux.GaussianHadamard;

    /// <summary>
    /// The demultiplexing method. Defaults to <see cref="DataMux.Demux.IndexEmbedding"/>; on an image backbone
    /// (<see cref="MlpAttribute"/>, <see cref="CnnAttribute"/>), which has no tokens to prefix, when not written, to
    /// <see cref="DataMux.Demux.Mlp"/> (there: one Linear + tanh per index).
    /// </summary>
    public Demux Demux { get; set; } = Demux.IndexEmbedding;

    /// <summary>
    /// Seed of the fixed random mux transforms (and of the initial weights). The transforms are saved in the
    /// state dict, so a reloaded model uses the saved ones whatever the seed.
    /// </summary>
    public int Seed { get; set; } = 1234;

    /// <summary>
    /// The L2 norm of every Gaussian Hadamard vector vᵢ (<see cref="DataMux.Mux.GaussianHadamard"/> and
    /// <see cref="DataMux.Mux.Contextual"/> only; positive and finite). The reference code uses 1 when training from scratch and 20 for its retrieval warm-up.
    /// </summary>
    public double MuxNorm { get; set; } = 1.0;

    /// <summary>
    /// Whether training updates the mux transforms (the reference code's <c>learn_muxing</c>): Gaussian Hadamard vectors,
    /// orthogonal matrices or binary masks become trainable parameters, starting from their random values (the contextual
    /// mux's Gaussian vectors too; its attention layers are trained anyway). Fixed by
    /// default. <see cref="DataMux.Mux.Learned"/> is trainable anyway; Identity and None have nothing to learn.
    /// </summary>
    public bool LearnMux { get; set; }

    /// <summary>
    /// Whether the mixed sequence goes through the embedding block again (position embeddings, LayerNorm, dropout) before
    /// the backbone, as the reference code feeds it to the encoder (<c>inputs_embeds</c>): the encoder then sees a
    /// single input's scale whatever N is. On by default; it does not apply to <see cref="DataMux.Mux.None"/>.
    /// </summary>
    public bool Reembed { get; set; } = true;

    /// <summary>
    /// Whether every input's own tokens also reach its demultiplexed representation around the backbone, through a second
    /// embedding table (<see cref="Demultiplexers.InputShortcut"/>): the backbone then carries each input's context in the
    /// mix, not its tokens as well. Not part of the DataMUX reference method; <see cref="DataMux.Demux.IndexEmbedding"/> only.
    /// </summary>
    public bool InputShortcut { get; set; }

    /// <summary>
    /// Positions of its own input that every token sees before the mix (<see cref="Multiplexers.LocalContext"/>: a
    /// depthwise convolution over that many positions, GELU, a Linear, residual + LayerNorm, on each input apart): odd and
    /// at least 3, e.g. 3 for each token and one neighbour on each side; 0 (the default) mixes the embeddings as they are.
    /// Each position then carries its own input's neighbourhood into the mix, which the backbone of a token task cannot
    /// easily recover from the mix. Use it without <see cref="InputShortcut"/>: with the shortcut handing every input its
    /// own tokens, a tagger can settle on tagging each token alone and never learn to read the context out of the mix.
    /// Not part of the DataMUX reference method; for the token muxes other than
    /// <see cref="DataMux.Mux.None"/> and <see cref="DataMux.Mux.Contextual"/> (which has its own per-input layer).
    /// </summary>
    public int ContextWindow { get; set; }
}
