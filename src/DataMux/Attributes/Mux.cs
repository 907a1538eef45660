namespace DataMux;

/// <summary>
/// How the N inputs of a multiplexed group are mixed into one representation.
/// Each variant applies a fixed per-index transform φᵢ to input i and combines the results.
/// </summary>
public enum Mux
{
    /// <summary>
    /// φᵢ(x) = x ⊙ vᵢ with vᵢ ~ N(0, I) scaled to unit norm; combined by the mean over N.
    /// The reference implementation's default; cost O(N·L·d). On a <see cref="CnnAttribute"/> it mixes the first
    /// convolution block's feature maps (d = Filters·(Height/2)·(Width/2)), as it does on <see cref="Identity"/> and
    /// <see cref="None"/>.
    /// </summary>
    GaussianHadamard,

    /// <summary>φᵢ(x) = x·Oᵢ with Oᵢ a random (Haar) orthogonal d×d matrix; combined by the mean over N. Cost O(N·L·d²).</summary>
    Orthogonal,

    /// <summary>φᵢ keeps a disjoint block of d/N features (the last block takes the remainder); combined by the mean.</summary>
    BinaryHadamard,

    /// <summary>φᵢ(x) = x: the plain mean of the inputs. An ablation baseline.</summary>
    Identity,

    /// <summary>φᵢ is a trainable linear map per index, initialised orthogonal.</summary>
    Learned,

    /// <summary>
    /// No multiplexing: one input per backbone pass (N = 1), with <see cref="Demux.None"/>. The plain Transformer of the
    /// same backbone, the paper's baseline B1, against which multiplexed models are measured.
    /// </summary>
    None,

    /// <summary>
    /// MUX-PLMs' contextual mux (<c>gaussian_attention_v2</c>): a Transformer layer over every input on its own (with a
    /// residual to its embedding), the Gaussian Hadamard product xᵢ ⊙ vᵢ, a Transformer layer across the N inputs at every
    /// position (with a residual), then the mean over N. Uses the backbone's Heads, FeedForward and Dropout; cost grows
    /// with N like two encoder layers on N times the rows.
    /// </summary>
    Contextual,

    /// <summary>
    /// Images only (<see cref="CnnAttribute"/>): φᵢ is a fixed random 3×3 convolution kernel per index and channel
    /// (padding 1), drawn N(0, 1) as in the DataMUX vision code; the N results are summed, as that code does. It mixes the
    /// images themselves, before the first convolution block.
    /// </summary>
    Convolution,
}
