using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DataMux.Generators.Models;

/// <summary>
/// Where a diagnostic points, as plain values: a <see cref="Location"/> holds its syntax tree, which would keep
/// whole compilations alive in the generator's cache and never compare equal across runs.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());

    public static LocationInfo? From(Location location) =>
        location.SourceTree is null
            ? null
            : new(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
