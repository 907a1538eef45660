namespace DataMux.Generators.Models;

/// <summary>
/// A type the model class is nested in, outermost first: the generated part must repeat every containing
/// declaration (<c>partial class Outer { partial class Model ... }</c>) with the same kind.
/// </summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name as written in source.</param>
internal sealed record ContainingType(string Keyword, string Name);
