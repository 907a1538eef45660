namespace DataMux.Generators.Models;

/// <summary>The task attribute found on a model class (mirrors <c>DataMux.ModelTask</c>).</summary>
internal enum ModelTask
{
    SequenceClassification,
    TokenClassification,
    ImageClassification,
}
