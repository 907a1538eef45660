namespace DataMux.Generators.Models;

/// <summary>
/// The user's backbone module of a [Backbone] model, as plain values (never the symbol, so the model stays equatable).
/// </summary>
/// <param name="FullyQualifiedName">The type as the generated code names it: <c>global::Demo.MyEncoder</c>.</param>
/// <param name="DisplayName">The type's name for the configuration and messages: <c>Demo.MyEncoder</c>.</param>
/// <param name="TakesHidden">Whether the constructor called is <c>(int hidden)</c> (true) or parameterless (false).</param>
internal sealed record BackboneType(string FullyQualifiedName, string DisplayName, bool TakesHidden);
