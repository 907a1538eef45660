namespace DataMux.Generators.Parsing;

/// <summary>Metadata names of the runtime's attributes, and the short names diagnostics use for them.</summary>
internal static class AttributeNames
{
    public const string Multiplexed = "DataMux.MultiplexedAttribute";
    public const string Transformer = "DataMux.TransformerAttribute";
    public const string Backbone = "DataMux.BackboneAttribute";
    public const string SequenceClassification = "DataMux.SequenceClassificationAttribute";
    public const string TokenClassification = "DataMux.TokenClassificationAttribute";
    public const string Mlp = "DataMux.MlpAttribute";
    public const string Cnn = "DataMux.CnnAttribute";
    public const string ImageClassification = "DataMux.ImageClassificationAttribute";

    /// <summary>
    /// The backbone attributes: a model has exactly one of them (DMX0005 without, DMX0030 with two). A new backbone
    /// attribute is added here and to <see cref="ModelParser"/>'s reading of its values.
    /// </summary>
    public static readonly string[] Backbones = [Transformer, Backbone, Mlp, Cnn];

    /// <summary><c>DataMux.TransformerAttribute</c> -> <c>Transformer</c>.</summary>
    public static string ShortName(string metadataName) =>
        metadataName.Substring("DataMux.".Length, metadataName.Length - "DataMux.".Length - "Attribute".Length);
}
