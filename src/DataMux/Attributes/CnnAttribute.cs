using System;

namespace DataMux;

/// <summary>
/// A convolutional backbone on images <c>[rows, Channels, Height, Width]</c> (float32): the N images of a group are
/// multiplexed in image space (by default <see cref="Mux.Convolution"/>: a fixed random 3×3 kernel per index, as the
/// DataMUX vision code does), then <see cref="Layers"/> blocks of 3×3 convolution (<see cref="Filters"/> channels,
/// padding 1), GELU and 2×2 max pooling, and a Linear + GELU to <see cref="Hidden"/> features run once per group.
/// Every block halves the image, so Height and Width must be at least 2^Layers.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CnnAttribute : Attribute
{
    /// <summary>Channels per image (1 for grey-scale).</summary>
    public int Channels { get; set; } = 1;

    /// <summary>Image height in pixels. Must be set: the default 0 is an error.</summary>
    public int Height { get; set; }

    /// <summary>Image width in pixels. Must be set: the default 0 is an error.</summary>
    public int Width { get; set; }

    /// <summary>Convolution + pooling blocks.</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Output channels of every convolution.</summary>
    public int Filters { get; set; } = 32;

    /// <summary>Width of the representation the demultiplexer receives.</summary>
    public int Hidden { get; set; } = 128;
}
