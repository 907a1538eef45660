namespace DataMux.Generators.Models;

/// <summary>Where one attribute argument (or, with an empty argument, the attribute itself) is written.</summary>
/// <param name="Attribute">The attribute's short name, e.g. <c>Transformer</c>.</param>
/// <param name="Argument">The named argument, e.g. <c>Hidden</c>; empty for the attribute itself.</param>
internal sealed record ArgumentLocation(string Attribute, string Argument, LocationInfo Location);

/// <summary>
/// Source locations for a model's attribute arguments, so diagnostics point at the offending argument
/// (<c>N = 0</c>), falling back to its attribute when the argument is not written, then to the class name.
/// </summary>
internal sealed record ArgumentLocations(LocationInfo? Class, EquatableArray<ArgumentLocation> Arguments)
{
    /// <summary>The first of <paramref name="arguments"/> written in source, else the attribute, else the class name.</summary>
    public LocationInfo? Of(string attribute, params string[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (Find(attribute, argument) is { } location) return location;
        }

        return Find(attribute, string.Empty) ?? Class;
    }

    /// <summary>Whether the named argument is written in source (a default is not).</summary>
    public bool IsWritten(string attribute, string argument) => Find(attribute, argument) is not null;

    private LocationInfo? Find(string attribute, string argument)
    {
        foreach (var entry in Arguments)
        {
            if (entry.Attribute == attribute && entry.Argument == argument) return entry.Location;
        }

        return null;
    }
}
