namespace DataMux;

/// <summary>The task a model is built for.</summary>
public enum ModelTask
{
    /// <summary>One label per input sequence (<see cref="SequenceClassificationAttribute"/>).</summary>
    SequenceClassification,

    /// <summary>One label per token (<see cref="TokenClassificationAttribute"/>).</summary>
    TokenClassification,
}
