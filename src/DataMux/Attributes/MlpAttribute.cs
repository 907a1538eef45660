using System;

namespace DataMux;

/// <summary>
/// A multilayer-perceptron backbone on feature vectors <c>[rows, Inputs]</c> (float32): every input is projected to
/// <see cref="Hidden"/> features (Linear), the N projections are multiplexed, and <see cref="Layers"/> blocks of
/// Linear + GELU run once per group. Paired with <see cref="MultiplexedAttribute"/> and
/// <see cref="ImageClassificationAttribute"/> on a <c>partial</c> class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class MlpAttribute : Attribute
{
    /// <summary>Features per input (784 for a flattened 28×28 image). Must be set: the default 0 is an error.</summary>
    public int Inputs { get; set; }

    /// <summary>Width of the projection, of the mix and of every layer.</summary>
    public int Hidden { get; set; } = 256;

    /// <summary>Linear + GELU blocks after the mix.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>
    /// Dropout probability after every block's GELU, in training only; in [0, 1). 0, the default, adds none: the
    /// plain MLP of the paper's and the peer's measurements.
    /// </summary>
    public double Dropout { get; set; }
}
