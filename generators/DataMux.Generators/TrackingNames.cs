namespace DataMux.Generators;

/// <summary>
/// Names of the generator's pipeline steps (<c>WithTrackingName</c>), so tests can assert that each step is
/// served from the cache when nothing relevant changed.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The parser's output for every [Multiplexed] class: model and diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The diagnostics of every class, reported on their own.</summary>
    public const string Diagnostics = nameof(Diagnostics);

    /// <summary>The valid models, which the emitter turns into source.</summary>
    public const string Models = nameof(Models);

    /// <summary>Each valid model's generated file: its hint name and text.</summary>
    public const string Sources = nameof(Sources);

    /// <summary>Backbone and task attributes on classes without [Multiplexed] (DMX0016), or null for each that has it.</summary>
    public const string AttributesWithoutModel = nameof(AttributesWithoutModel);
}
