using System;

namespace DataMux.Images;

/// <summary>
/// The attribute values of a generated image model ([Mlp] or [Cnn] with [ImageClassification]) as one record, for tools
/// that work on any image model.
/// </summary>
/// <param name="ModelName">The annotated class's name, used in error messages.</param>
/// <param name="N">Inputs multiplexed into one backbone pass.</param>
/// <param name="Mux">The multiplexing transform.</param>
/// <param name="Demux">The demultiplexing method (<see cref="DataMux.Demux.Mlp"/> or <see cref="DataMux.Demux.None"/>).</param>
/// <param name="Seed">Seed of the fixed transforms and initial weights.</param>
/// <param name="Backbone">Mlp or Cnn.</param>
/// <param name="Channels">Channels per image (Cnn); 0 for an Mlp.</param>
/// <param name="Height">Image height (Cnn); 0 for an Mlp.</param>
/// <param name="Width">Image width (Cnn); 0 for an Mlp.</param>
/// <param name="Inputs">Features per input: the Mlp's Inputs, or Channels·Height·Width.</param>
/// <param name="Hidden">Width of the representation the demultiplexer receives.</param>
/// <param name="Layers">Backbone layers.</param>
/// <param name="Filters">Convolution channels (Cnn); 0 for an Mlp.</param>
/// <param name="Classes">Classes per input.</param>
/// <param name="MuxNorm">The Gaussian Hadamard vectors' norm (1 for the other muxes).</param>
/// <param name="LearnMux">Whether training updates the mux transforms.</param>
/// <param name="Dropout">The Mlp's dropout probability after every block in training (0: none; always 0 for a Cnn).</param>
public sealed record ImageModelConfiguration(
    string ModelName,
    int N,
    Mux Mux,
    Demux Demux,
    int Seed,
    ImageBackbone Backbone,
    int Channels,
    int Height,
    int Width,
    int Inputs,
    int Hidden,
    int Layers,
    int Filters,
    int Classes,
    double MuxNorm = 1.0,
    bool LearnMux = false,
    double Dropout = 0)
{
    /// <summary>The shape of one input: <c>[Inputs]</c> for an Mlp, <c>[Channels, Height, Width]</c> for a Cnn.</summary>
    public long[] InputShape => Backbone == ImageBackbone.Mlp ? [Inputs] : [Channels, Height, Width];

    /// <summary>One input's shape as text, <c>[1, 28, 28]</c>, for messages.</summary>
    public string InputShapeText => "[" + string.Join(", ", Array.ConvertAll(InputShape, static v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
