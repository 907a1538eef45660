using System;

namespace DataMux;

/// <summary>
/// A Transformer-encoder backbone: token and position embeddings, then <see cref="Layers"/> encoder layers
/// (batch-first). Paired with <see cref="MultiplexedAttribute"/> on a <c>partial</c> class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TransformerAttribute : Attribute
{
    /// <summary>Number of encoder layers.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Width d of every token representation; must be divisible by <see cref="Heads"/>.</summary>
    public int Hidden { get; set; } = 128;

    /// <summary>Number of attention heads.</summary>
    public int Heads { get; set; } = 4;

    /// <summary>Width of each layer's feed-forward block; 0 (the default) means 4·<see cref="Hidden"/>.</summary>
    public int FeedForward { get; set; }

    /// <summary>Longest input sequence accepted, in tokens (the multiplexing prefix is added on top).</summary>
    public int MaxLength { get; set; } = 128;

    /// <summary>Number of token ids the inputs may use: ids are in [0, Vocabulary).</summary>
    public int Vocabulary { get; set; } = 30522;

    /// <summary>The token id that marks padding in the inputs (ignored by attention where every input of a group is padding).</summary>
    public int PaddingToken { get; set; }

    /// <summary>Dropout probability used during training, in [0, 1).</summary>
    public double Dropout { get; set; } = 0.1;
}
