using System;

namespace DataMux;

/// <summary>The task: one label per input sequence, out of <see cref="Classes"/> classes.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SequenceClassificationAttribute : Attribute
{
    /// <summary>Number of classes (at least 2).</summary>
    public int Classes { get; set; } = 2;
}
