namespace DataMux.Generators.Models;

/// <summary>
/// What the parser makes of one annotated class: the model to emit (null when the class is invalid) and the
/// diagnostics to report. Both are equatable, so an unchanged class is served from the generator's cache.
/// </summary>
internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
