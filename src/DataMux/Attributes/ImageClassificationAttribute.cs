using System;

namespace DataMux;

/// <summary>
/// The task: one label per image or feature vector, out of <see cref="Classes"/> classes. Works with
/// <see cref="MlpAttribute"/> and <see cref="CnnAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ImageClassificationAttribute : Attribute
{
    /// <summary>Number of classes (at least 2).</summary>
    public int Classes { get; set; } = 2;
}
