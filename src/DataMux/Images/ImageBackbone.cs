namespace DataMux.Images;

/// <summary>The backbone of an image model.</summary>
public enum ImageBackbone
{
    /// <summary>Feature vectors <c>[rows, Inputs]</c> (<see cref="MlpAttribute"/>).</summary>
    Mlp,

    /// <summary>Images <c>[rows, Channels, Height, Width]</c> (<see cref="CnnAttribute"/>).</summary>
    Cnn,
}
