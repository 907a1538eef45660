using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace DataMux.Generators.Emitting;

/// <summary>One generated file: the name it is added under and its text.</summary>
internal sealed record GeneratedSource(string HintName, string Text)
{
    /// <summary>
    /// The sources, in order, with hint names made unique ignoring case (Roslyn's rule): a name already taken gets a
    /// number, <c>Demo.model.2.g.cs</c>.
    /// </summary>
    public static IEnumerable<GeneratedSource> WithUniqueNames(ImmutableArray<GeneratedSource> sources)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            var name = source.HintName;
            for (var copy = 2; !taken.Add(name); copy++)
            {
                name = source.HintName.Substring(0, source.HintName.Length - ".g.cs".Length) + "." + copy + ".g.cs";
            }

            yield return name == source.HintName ? source : source with { HintName = name };
        }
    }
}
