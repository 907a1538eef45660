namespace DataMux.Generators.Models;

/// <summary>The backbone attribute found on a model class: the Transformer on token ids, or an image backbone on floats.</summary>
internal enum BackboneKind
{
    Transformer,
    Mlp,
    Cnn,
}
