using System;

namespace DataMux;

/// <summary>
/// The task: one label per token, out of <see cref="Labels"/> labels (for example part-of-speech tags).
/// Padding positions are excluded from losses and metrics.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TokenClassificationAttribute : Attribute
{
    /// <summary>Number of labels (at least 2).</summary>
    public int Labels { get; set; } = 2;
}
